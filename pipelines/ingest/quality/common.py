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
        f"{column} ligt in de toekomst (na vandaag, {ctx.today:%d-%m-%Y})",
    )


def known_org_unit_rule(ctx: SuiteContext) -> Rule:
    return Rule(
        e.ExpectColumnValuesToBeInSet(column="org_unit", value_set=sorted(ctx.org_units)),
        "org_unit",
        "unknown_org_unit",
        # the way out without a field's name (the page shows those by their labels)
        "org_unit is geen bekende organisatie-eenheid (org_units): lees de organisatie-"
        "eenheden in, vóór of samen met dit bestand, of vertaal de code in de "
        "kolomkoppeling onder values",
        names=ctx.org_names,  # a unit written by its name (Verhuur Noord): said so
    )


def at_least(column: str, minimum: float, *, strict: bool = False, hint: str = "") -> Rule:
    """``column`` at least ``minimum``; ``hint`` says what a value below it may be."""
    sign = ">" if strict else ">="
    said = f"{column} moet {sign} {minimum:g} zijn"
    return Rule(
        e.ExpectColumnValuesToBeBetween(column=column, min_value=minimum, strict_min=strict),
        column,
        "out_of_range",
        f"{said} ({hint})" if hint else said,
    )


def one_of(column: str, values: list[str], names: list[str] | None = None) -> Rule:
    """A coded column: one of ``values`` (or, said in the reason, one of ``names``: the
    labels it also reads); anything else is translated by a mapping's ``values``."""
    also = f" (of {', '.join(repr(n) for n in names)})" if names else ""
    return Rule(
        e.ExpectColumnValuesToBeInSet(column=column, value_set=values),
        column,
        "not_in_set",
        f"{column} moet een van deze waarden zijn: {', '.join(values)}{also}; een andere "
        f"schrijfwijze vertaalt de kolomkoppeling (values: {{{column}: {{...}}}})",
    )


def unique_key(*columns: str, hint: str = "") -> Rule:
    """The natural key (docs/contracts.md, "Keys and re-exports") once per file: a row
    repeated inside one export (two exports pasted into one file, a report that lists a
    row twice) would count twice, since only a newer export replaces a row. Both rows go
    to quarantine, as for allocation_id. A row with the key empty is not checked (a
    register without numbers: two identical rows may be two real gifts). ``hint`` says
    what such rows may be in the dataset and what to do."""
    if len(columns) == 1:
        (column,) = columns
        expectation = e.ExpectColumnValuesToBeUnique(column=column)
        said = f"{column} komt meer dan eens voor in dit bestand"
    else:
        expectation = e.ExpectCompoundColumnsToBeUnique(
            column_list=list(columns), ignore_row_if="any_value_is_missing"
        )
        said = f"{' + '.join(columns)} komt meer dan eens voor in dit bestand"
    # what such a row may be in this dataset, and what to do (``hint``)
    return Rule(expectation, columns[0], "duplicate_key", f"{said}; {hint}" if hint else said)
