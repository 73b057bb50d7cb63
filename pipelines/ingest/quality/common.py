"""Rules several datasets share, written once."""

from __future__ import annotations

import datetime as dt

from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.base import Rule, SuiteContext


def future_date_rule(column: str, ctx: SuiteContext) -> Rule:
    return Rule(
        e.ExpectColumnValuesToBeBetween(
            column=column, max_value=dt.datetime.combine(ctx.today, dt.time.max)
        ),
        column,
        "future_date",
        f"{column} ligt in de toekomst",
    )


def known_org_unit_rule(ctx: SuiteContext) -> Rule:
    return Rule(
        e.ExpectColumnValuesToBeInSet(column="org_unit", value_set=sorted(ctx.org_units)),
        "org_unit",
        "unknown_org_unit",
        "org_unit is geen bekende organisatie-eenheid (org_units)",
    )


def at_least(column: str, minimum: float, *, strict: bool = False) -> Rule:
    sign = ">" if strict else ">="
    return Rule(
        e.ExpectColumnValuesToBeBetween(column=column, min_value=minimum, strict_min=strict),
        column,
        "out_of_range",
        f"{column} moet {sign} {minimum:g} zijn",
    )


def one_of(column: str, values: list[str]) -> Rule:
    return Rule(
        e.ExpectColumnValuesToBeInSet(column=column, value_set=values),
        column,
        "not_in_set",
        f"{column} moet een van deze waarden zijn: {', '.join(values)}",
    )
