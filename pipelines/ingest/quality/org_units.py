"""org_units: the organisation tree (reference). Root, afdelingen, teams; no cycles."""

from __future__ import annotations

from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.base import Column, DatasetSpec, Rule, SuiteContext
from pipelines.ingest.rule_sql import literal

LEVELS = ["organisatie", "afdeling", "team"]


def derive(relation: str, ctx: SuiteContext) -> str:
    """Check columns for the tree rules in SQL: the parent exists, one root, no cycles,
    not too deep. Each unit is walked up its parents (one per unit: a duplicated unit's
    last row, as in a dictionary), at most ``ctx.max_org_depth`` levels: a unit met again
    on its own walk is in a cycle; a walk still going at the bound is too deep. The work
    is at most units x depth, whatever the file holds. The top is the one unit without a
    parent or named as its own, as some HR systems export it (helper-189: refused as a
    cycle); of several such, the one of level organisatie, else the one without a parent
    (helper-194: a team written as its own parent refused the real top beside it, and
    every mart was empty). Beside that top another unit named as its own parent is a
    cycle; another without one, one of several tops (helper-191: the top as its own parent
    beside a stray unit without one was called a cycle). With no such top, every one of
    them is one of several tops where none is without a parent (helper-195: two legal
    entities, each its own parent, were told a cycle)."""
    depth = int(ctx.max_org_depth)
    tops = f"(select * from {relation} where coalesce(parent_unit = org_unit, true))"
    one = f"(select any_value(org_unit) from {tops} where {{}} having count(*) = 1)"
    ways = ("true", f"level = '{LEVELS[0]}'")  # else the one without a parent, as below
    chosen = f"coalesce({', '.join(one.format(w) for w in ways)})"
    # no top chosen of several, and none without a parent: each named as its own parent
    # is one of those tops (helper-195: two legal entities, each its own parent, were
    # told a cycle); beside one without a parent, that one is the top
    bare = f"(select count(*) from {relation} where parent_unit is null) = 0"
    mine = f"coalesce(org_unit = {chosen}, {bare})"
    top = f"case when parent_unit = org_unit and {mine} then null else parent_unit end"
    relation = f"(select * replace ({top} as parent_unit) from {relation})"
    # the stored units the file does not hold, with their parents: a parent may be one of
    # them (an export of one department under the stored top: helper-194, refused as
    # unknown), and a walk goes on through them, so a cycle with the stored tree is one
    # (one VALUES list: a union of a select per unit took 74 s for 20,000, helper-196).
    # A unit a newer export holds keeps that export's parent (an older export read after
    # a newer one, helper-195: its parents made a cycle with the newer tree's and were
    # refused, though they count for nothing); the file's own parents are walked apart
    # then, so a cycle in the file alone is still one.
    rows = ", ".join(f"({literal(unit)}, {literal(parent)})" for unit, parent in ctx.org_parents)
    stored = f"select * from (values {rows})" if rows else "select null, null where false"
    listed = ", ".join(literal(unit) for unit in sorted(ctx.org_newer))
    newer = f"org_unit in ({listed})" if listed else "false"
    apart = "union all select 'file', * from own" if ctx.org_newer else ""
    return f"""
        with recursive own as (
            select org_unit, arg_max_null(parent_unit, _rid) as parent_unit
            from {relation} where org_unit is not null group by org_unit
        ),
        parents as (
            select 'now' as tree, * from own where not {newer}
            union all
            select 'now', * from ({stored}) as s (org_unit, parent_unit)
            where org_unit not in (select org_unit from own) or {newer}
            {apart}
        ),
        up(tree, start_unit, node, depth) as (
            select tree, org_unit, parent_unit, 1 from parents where parent_unit is not null
            union all
            select up.tree, up.start_unit, parents.parent_unit, up.depth + 1
            from up join parents on parents.tree = up.tree and parents.org_unit = up.node
            where parents.parent_unit is not null and up.depth <= {depth}
                and up.node <> up.start_unit
        ),
        walks as (
            select start_unit,
                bool_or(node = start_unit) as in_cycle,
                -- past the bound without meeting a unit twice: too deep (a walk that ran
                -- into a cycle above it repeats units; that cycle is flagged itself)
                max(depth) > {depth} and count(distinct node) = count(*)
                    and not bool_or(node = start_unit) as too_deep
            from up group by tree, start_unit
        )
        select rel.*,
            rel.parent_unit is null
                or rel.parent_unit in (select org_unit from parents) as _parent_known,
            rel.org_unit not in (select start_unit from walks where in_cycle)
                as _not_in_cycle,
            rel.org_unit not in (select start_unit from walks where too_deep) as _not_too_deep,
            rel.parent_unit is not null or coalesce(rel.org_unit = {chosen}, false)
                or (select count(*) from {relation} where parent_unit is null) = 1
                as _single_root
        from {relation} as rel
    """


def rules(ctx: SuiteContext) -> list[Rule]:
    return [
        Rule(
            e.ExpectColumnValuesToBeUnique(column="org_unit"),
            "org_unit",
            "duplicate_key",
            "org_unit komt meer dan eens voor",
        ),
        Rule(
            e.ExpectColumnValuesToBeInSet(column="level", value_set=LEVELS),
            "level",
            "not_in_set",
            "level moet organisatie, afdeling of team zijn",
        ),
        Rule(
            e.ExpectColumnValuesToBeInSet(column="_parent_known", value_set=[True]),
            "parent_unit",
            "unknown_parent",
            "parent_unit staat niet als org_unit in dit bestand of in de eerder ingelezen "
            "organisatie-eenheden",
        ),
        Rule(
            e.ExpectColumnValuesToBeInSet(column="_not_in_cycle", value_set=[True]),
            "parent_unit",
            "org_cycle",
            "parent_unit maakt een cyclus in de organisatieboom: deze eenheid valt, via de "
            "eenheden erboven, onder zichzelf",
        ),
        Rule(
            e.ExpectColumnValuesToBeInSet(column="_not_too_deep", value_set=[True]),
            "parent_unit",
            "org_too_deep",
            f"de organisatieboom is boven deze eenheid dieper dan {ctx.max_org_depth} "
            "niveaus (ingest.max_org_depth)",
        ),
        Rule(
            e.ExpectColumnValuesToBeInSet(column="_single_root", value_set=[True]),
            "parent_unit",
            "multiple_roots",
            "meer dan één eenheid is de top (parent_unit leeg of de eenheid zelf); "
            "alleen de top heeft geen bovenliggende eenheid",
        ),
    ]


SPEC = DatasetSpec(
    name="org_units",
    description="Organisatie-eenheden (referentie)",
    columns=(
        # the stored units' codes: a re-export that writes vh-n for VH-N is that unit
        # (helper-140: it was a second tree beside the first), a new code as written
        Column("org_unit", "text", required=True, codes="org_units"),
        Column("name", "text", required=True),
        Column("parent_unit", "text", codes_from="org_unit"),
        Column("level", "text", required=True, codes=tuple(LEVELS)),
    ),
    rules=rules,
    derive=derive,
)
