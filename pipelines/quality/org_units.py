"""org_units: the organisation tree (reference). Root, afdelingen, teams; no cycles."""

from __future__ import annotations

import great_expectations as gx
import pandas as pd

from pipelines.quality.base import Column, DatasetSpec, Rule, SuiteContext

LEVELS = ["organisatie", "afdeling", "team"]


def derive(df: pd.DataFrame, ctx: SuiteContext) -> pd.DataFrame:
    """Check columns for the tree rules: the parent exists, one root, no cycles."""
    parent = dict(zip(df["org_unit"], df["parent_unit"], strict=True))
    known = set(parent)
    in_cycle = set()
    for start in parent:
        seen, node = [], start
        while isinstance(node, str) and node in parent and node not in seen:
            seen.append(node)
            node = parent[node]
        if isinstance(node, str) and node in seen:
            in_cycle.update(seen[seen.index(node) :])
    roots = df["parent_unit"].isna()
    return df.assign(
        _parent_known=df["parent_unit"].isna() | df["parent_unit"].isin(known),
        _not_in_cycle=~df["org_unit"].isin(in_cycle),
        _single_root=~roots | (roots.sum() == 1),
    )


def rules(ctx: SuiteContext) -> list[Rule]:
    e = gx.expectations
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
