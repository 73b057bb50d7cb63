"""org_units: the organisation tree (reference). Root, afdelingen, teams; no cycles."""

from __future__ import annotations

from pipelines.quality import expect as e
from pipelines.quality.base import Column, DatasetSpec, Rule, SuiteContext

LEVELS = ["organisatie", "afdeling", "team"]


def derive(relation: str) -> str:
    """Check columns for the tree rules in SQL: the parent exists, one root, no cycles
    (a unit is in a cycle when it is among its own ancestors; ``union`` keeps each pair
    once, so the walk ends on any input)."""
    return f"""
        with recursive ancestors(org_unit, ancestor) as (
            select org_unit, parent_unit from {relation} where parent_unit is not null
            union
            select ancestors.org_unit, parent.parent_unit
            from ancestors
            join {relation} as parent on parent.org_unit = ancestors.ancestor
            where parent.parent_unit is not null
        )
        select rel.*,
            rel.parent_unit is null
                or rel.parent_unit in (
                    select org_unit from {relation} where org_unit is not null
                ) as _parent_known,
            rel.org_unit not in (
                select org_unit from ancestors where ancestor = org_unit
            ) as _not_in_cycle,
            rel.parent_unit is not null
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
            "parent_unit bestaat niet in org_units",
        ),
        Rule(
            e.ExpectColumnValuesToBeInSet(column="_not_in_cycle", value_set=[True]),
            "parent_unit",
            "org_cycle",
            "parent_unit maakt een cyclus in de organisatieboom",
        ),
        Rule(
            e.ExpectColumnValuesToBeInSet(column="_single_root", value_set=[True]),
            "parent_unit",
            "multiple_roots",
            "parent_unit is leeg bij meer dan één eenheid; alleen de top heeft geen parent",
        ),
    ]


SPEC = DatasetSpec(
    name="org_units",
    description="Organisatie-eenheden (referentie)",
    columns=(
        Column("org_unit", "text", required=True),
        Column("name", "text", required=True),
        Column("parent_unit", "text"),
        Column("level", "text", required=True, codes=tuple(LEVELS)),
    ),
    rules=rules,
    derive=derive,
)
