"""The rules of a dataset (Great Expectations expectations, pipelines/ingest/quality) as
SQL: for each, the rows of a relation that break it, as GE decides it.
tests/test_quality_agreement.py runs GE itself on the same rows to show that both fail
exactly the same rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipelines.ingest.quality.base import Rule
from pipelines.ingest.source_table import sql_text

# From this many values a set is checked against a subquery: below it, the list of
# constants is quicker (helper-130, 1.4 million rows: [True] 4.0 ms against 14.6 ms, 3
# strings 23.4 ms against 36.7 ms; even at about 7 values).
SUBQUERY_FROM = 8


def literal(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return f"timestamp '{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"date '{value.isoformat()}'"
    return sql_text(str(value))


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def rule_sql(rule: Rule, relation: str) -> str:
    """The rows of ``relation`` (by ``_rid``) that break the rule, as GE decides it."""
    kind, kw = rule.expectation.type, rule.expectation.kwargs
    unsupported = set(kw) - {
        "column",
        "value_set",
        "min_value",
        "max_value",
        "strict_min",
        "strict_max",
        "column_list",
        "column_A",
        "column_B",
        "or_equal",
        "ignore_row_if",
    }
    if unsupported:
        raise ValueError(f"{kind}: no SQL for argument(s) {sorted(unsupported)}")
    if kind == "expect_column_values_to_not_be_null":
        return f"select _rid from {relation} where {q(kw['column'])} is null"
    if kind == "expect_column_values_to_be_in_set":
        col = q(kw["column"])
        values = list(kw["value_set"])
        if not values:
            return f"select _rid from {relation} where {col} is not null"
        # a subquery, not a list of constants: DuckDB tests `not in (c1, c2, ...)` one
        # constant after the other on every row (the large demo's 1.4 million answers
        # against 300 units: 2.7 s), and a subquery's values by one hash lookup (0.1 s)
        listed = ", ".join(literal(v) for v in values)
        if len(values) < SUBQUERY_FROM:  # a few constants are quicker as they are
            return (
                f"select _rid from {relation} where {col} is not null and {col} not in ({listed})"
            )
        return (
            f"select _rid from {relation} where {col} is not null "
            f"and {col} not in (select unnest([{listed}]))"
        )
    if kind == "expect_column_values_to_be_between":
        col = q(kw["column"])
        out = []
        if kw.get("min_value") is not None:
            op = "<=" if kw.get("strict_min") else "<"
            out.append(f"{col} {op} {literal(kw['min_value'])}")
        if kw.get("max_value") is not None:
            op = ">=" if kw.get("strict_max") else ">"
            out.append(f"{col} {op} {literal(kw['max_value'])}")
        broken = " or ".join(out) or "false"
        return f"select _rid from {relation} where {col} is not null and ({broken})"
    if kind == "expect_column_values_to_be_unique":
        col = q(kw["column"])
        return (
            f"select _rid from (select _rid, count(*) over (partition by {col}) as n "
            f"from {relation} where {col} is not null) where n > 1"
        )
    if kind == "expect_compound_columns_to_be_unique":
        cols = [q(c) for c in kw["column_list"]]
        mode = kw.get("ignore_row_if", "all_values_are_missing")
        joiner = {"all_values_are_missing": " and ", "any_value_is_missing": " or "}.get(mode)
        skip = "false" if mode == "never" else joiner.join(f"{c} is null" for c in cols)
        if joiner is None and mode != "never":
            raise ValueError(f"{kind}: no SQL for ignore_row_if={mode}")
        return (
            f"select _rid from (select _rid, count(*) over (partition by {', '.join(cols)}) "
            f"as n from {relation} where not ({skip})) where n > 1"
        )
    if kind == "expect_column_pair_values_a_to_be_greater_than_b":
        a, b = q(kw["column_A"]), q(kw["column_B"])
        if kw.get("ignore_row_if") != "either_value_is_missing":
            raise ValueError(f"{kind}: no SQL for ignore_row_if={kw.get('ignore_row_if')}")
        op = ">=" if kw.get("or_equal") else ">"
        return (
            f"select _rid from {relation} where {a} is not null and {b} is not null "
            f"and not ({a} {op} {b})"
        )
    raise ValueError(f"no SQL for expectation {kind}")
