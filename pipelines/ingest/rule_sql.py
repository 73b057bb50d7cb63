"""The rules of a dataset (Great Expectations expectations, pipelines/ingest/quality) as
SQL: for each, the rows of a relation that break it, as GE decides it.
tests/test_quality_agreement.py runs GE itself on the same rows to show that both fail
exactly the same rows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pipelines.ingest.quality.base import Rule
from pipelines.ingest.source_table import sql_text

if TYPE_CHECKING:
    import duckdb

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
    if kind in UNIQUENESS:
        return f"select _rid from ({_duplicates(rule, relation)}) where n > 1"
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


UNIQUENESS = ("expect_column_values_to_be_unique", "expect_compound_columns_to_be_unique")


def _duplicates(rule: Rule, relation: str, lines: bool = False) -> str:
    """Every row a uniqueness rule compares, with ``n`` the rows sharing its key; with
    ``lines``, only the rows it fails, each with the lines of its key's rows (a list per
    row of the file's 1.4 million answers only where a key repeats)."""
    kind, kw = rule.expectation.type, rule.expectation.kwargs
    if kind == "expect_column_values_to_be_unique":
        cols = [q(kw["column"])]
        skip = f"{cols[0]} is null"
    else:
        cols = [q(c) for c in kw["column_list"]]
        mode = kw.get("ignore_row_if", "all_values_are_missing")
        joiner = {"all_values_are_missing": " and ", "any_value_is_missing": " or "}.get(mode)
        if joiner is None and mode != "never":
            raise ValueError(f"{kind}: no SQL for ignore_row_if={mode}")
        skip = "false" if mode == "never" else joiner.join(f"{c} is null" for c in cols)
    window = f"over (partition by {', '.join(cols)})"
    # the rows of a key on more than one row first, by a count per key (a hash, not the
    # window's sort of every row: 0.5 s of the survey's 1.4 million answers, three times)
    twice = (
        f"select {', '.join(cols)} from {relation} where not ({skip}) "
        "group by all having count(*) > 1"
    )
    same = " and ".join(f"r.{c} is not distinct from d.{c}" for c in cols)
    # with ``lines``, each row's values beside its key as one hash (alike below)
    row = ", _row" if lines else ""
    values = ", hash(*columns(lambda c: not starts_with(c, '_'))) as _row" if lines else ""
    counted = (
        f"select _rid, _line, {', '.join(cols)}, count(*) {window} as n{row} "
        f"from (select r.*{values} from {relation} as r semi join ({twice}) as d on {same}) "
        f"where not ({skip})"
    )
    if not lines:
        return counted
    # per key its number of lines and the first few (OTHER_LINES_SHOWN besides a row's
    # own): a key's lines ranked, and the list of those ranked first, not every line of
    # its key on each row (helper-201: 20,000 rows of one key held 20,000 lists of
    # 20,000, 6 GB, and were said too large for a build); windows over the rows of a
    # repeated key only (counted above)
    ranked = (
        f"select *, dense_rank() over (partition by {', '.join(cols)} order by _line) as r "
        f"from ({counted}) where n > 1"
    )
    first = f"list(_line) filter (where r <= {OTHER_LINES_SHOWN + 1}) over key"
    return (
        f"select _rid, _line, n, max(r) over key as n_lines, "
        f"list_sort(list_distinct({first})) as lines, "
        # its rows alike in every column: one row twice in the export (helper-268 F5)
        "min(_row) over key = max(_row) over key as alike, "
        f"count(*) over (partition by {', '.join(cols)}, _line) as on_line from ({ranked}) "
        f"window key as (partition by {', '.join(cols)})"
    )


# The lines named beside a duplicate key: a key on hundreds of lines names the first few.
OTHER_LINES_SHOWN = 5


# A rule's reason may quote a column of the row it fails (``{{answer}}``): the hint then
# names the file's own value (helper-189: a 6 for 'weet niet' was told values: {'0': null})
QUOTED = re.compile(r"\{\{(\w+)\}\}")


def reason_sql(reason: str, row: str = "r", own: str = "") -> str:
    """SQL for ``reason`` with each ``{{column}}`` the row's value of that column; the
    rule's ``own`` column is left to quarantined.OWN_VALUE_SQL."""
    parts = QUOTED.split(reason)
    return " || ".join(
        literal(p)
        if i % 2 == 0
        else literal(f"{{{{{p}}}}}")
        if p == own
        else dutch(f"coalesce(cast({row}.{q(p)} as varchar), '')")
        for i, p in enumerate(parts)
    )


# Another column's value quoted in a reason as a Dutch file writes it (helper-202): a
# date 01-02-2025, not 2025-02-01; a number 28, not 28.0, and 1,5, not 1.5.
AS_DUTCH = (
    ("^([0-9]{4})-([0-9]{2})-([0-9]{2})$", "\\3-\\2-\\1"),
    ("^(-?[0-9]+)[.]0+$", "\\1"),
    ("^(-?[0-9]+)[.]([0-9]+)(%?)$", "\\1,\\2\\3"),  # a percent cell's 125.5% too
)


def dutch(text: str) -> str:
    """SQL for ``text`` (SQL of a value cast to text) as AS_DUTCH writes it."""
    for pattern, replacement in AS_DUTCH:
        text = f"regexp_replace({text}, '{pattern}', '{replacement}')"
    return text


def failing_rows(rule: Rule, relation: str, in_file: Callable[[str], str] = str) -> str:
    """The rows of ``relation`` that break the rule (``_rid``), as rule_sql selects them,
    each with its ``reason``: a duplicate key's names the other lines that hold the key,
    before the rule's hint (helper-171: "order_id komt meer dan eens voor" named none,
    so the user searched the file for it)."""
    if rule.reason_code in ZERO_TWINS:
        return _zero_twins(rule, relation, in_file)
    if rule.expectation.type not in UNIQUENESS:
        found = rule_sql(rule, relation)
        said = reason_sql(in_file(rule.reason), own=rule.column)
        quoted = set(QUOTED.findall(rule.reason)) - {rule.column}
        if not _quotes_other(rule):  # its own column's value is the quarantine's
            return f"select _rid, {said} as reason from ({found}) as f"
        # the row's other columns read as the rule reads the relation, not by a join that
        # works the relation out again (the survey's derived view: 0.5 s a file)
        head = f"select _rid from {relation}"
        if found.startswith(head):
            columns = ", ".join(q(c) for c in sorted(quoted))
            found = f"select _rid, {columns} from {relation}" + found[len(head) :]
            return f"select _rid, {said} as reason from ({found}) as r"
        return (
            f"select _rid, {said} as reason from ({found}) as f join {relation} as r using (_rid)"
        )
    others = "(n_lines - 1)"  # the key's other lines: its own is one of the key's lines
    shown = f"list_slice(list_filter(lines, lambda x: x <> _line), 1, {OTHER_LINES_SHOWN})"
    more = (
        f"case when {others} > {OTHER_LINES_SHOWN} "
        f"then ' en nog ' || ({others} - {OTHER_LINES_SHOWN}) || ' andere' else '' end"
    )
    here = "deze regel, in een andere kolom"  # a wide export's row: helper-204, -205
    lines = (
        f"case when {others} = 0 then ' (ook op {here})' "
        "else ' (ook op regel' || "
        f"case when {others} > 1 then 's ' else ' ' end || "
        f"array_to_string({shown}, ', ') || {more} || "
        f"case when on_line > 1 then ', en op {here}' else '' end || ')' end"
    )
    # the lines alike in every column: the same row twice, which neither counts as (both
    # quarantined) and the way out (helper-268 F5: the reason said neither)
    alike = literal(
        ", met dezelfde waarden in elke kolom die gelezen wordt: dezelfde rij twee keer in "
        "de export? Geen van beide telt mee; is het dezelfde rij, haal de herhaalde regel dan weg "
        "en lees het bestand opnieuw in"
    )
    alike = f"case when alike and on_line = 1 then {alike} else '' end"
    # split as the contract writes it, then each part with the file's names (helper-203:
    # a column 'Jaar; fiscaal' split its own name)
    said, hint = rule.reason.split("; ", 1) if "; " in rule.reason else (rule.reason, "")
    said, hint = in_file(said), literal(f"; {in_file(hint)}" if hint else "")
    return (
        f"select _rid, {literal(said)} || {lines} || {alike} || {hint} as reason "
        f"from ({_duplicates(rule, relation, lines=True)})"
    )


# A reference that is not known (a supplier, an org unit): said when a known one differs
# from it by its leading zeros alone (helper-179: supplier 311 beside the register's
# 000311 was 'geen bekende leverancier', and nothing said why). Never matched so: which
# of 311, 0311 and 000311 is meant is the user's to say.
ZERO_TWINS = frozenset({"unknown_supplier", "unknown_org_unit"})


def _zero_twins(rule: Rule, relation: str, in_file: Callable[[str], str]) -> str:
    column, values = q(rule.column), list(rule.expectation.kwargs["value_set"])
    known = f"[{', '.join(literal(v) for v in values)}]" if values else "[]::varchar[]"
    stripped = f"ltrim(cast(r.{column} as varchar), '0')"
    twin = f"(select min(k) from unnest({known}) as t(k) where ltrim(k, '0') = {stripped})"
    # and by the dots, dashes and spaces between its digits (helper-185: cost centre 1.110
    # beside the org tree's 1110)
    bare = r"ltrim(regexp_replace({}, '[.\s_-]', '', 'g'), '0')"
    spaced = (
        f"(select min(k) from unnest({known}) as t(k) "
        f"where {bare.format('k')} = {bare.format(f'cast(r.{column} as varchar)')})"
    )
    said, hint = rule.reason.split(": ", 1) if ": " in rule.reason else (rule.reason, "")
    said, hint = in_file(said), in_file(hint)
    zeros = f"' (bekend is wel ' || {twin} || ': alleen de voorloopnullen verschillen)'"
    marks = (
        f"' (bekend is wel ' || {spaced} || ': alleen punten, streepjes of spaties verschillen)'"
    )
    named = _named(rule, f"cast(r.{column} as varchar)")
    return (
        f"select f._rid, {literal(said)} || coalesce({zeros}, {marks}, {named}, '') || "
        f"{literal(': ' + hint if hint else '')} as reason "
        f"from ({rule_sql(rule, relation)}) as f join {relation} as r on r._rid = f._rid"
    )


# The rules that judge each row on its own cells: run on a row with a cell that could not
# be read too, so that quarantine says all that is wrong with it at once (helper-171: a
# line with an unreadable date said nothing of its unknown code; fixed, it came back for
# that). Uniqueness compares rows, and a check column (_parent_ok: the org tree's) may be
# worked out over all rows: both are left to the rows every rule judges.
ROW_LOCAL = frozenset(
    (
        "expect_column_values_to_not_be_null",
        "expect_column_values_to_be_in_set",
        "expect_column_values_to_be_between",
        "expect_column_pair_values_a_to_be_greater_than_b",
    )
)


def _columns(rule: Rule) -> set[str]:
    """The columns a rule reads and says: a pair rule's either (helper-173: a hire date
    ambiguous as 01/02/2025 keeps its day-first guess, and the pair rule said the
    role's correct start lay before it)."""
    kwargs = rule.expectation.kwargs
    return {rule.column} | {
        str(kwargs[k]) for k in ("column", "column_A", "column_B") if kwargs.get(k)
    }


def _quotes_other(rule: Rule) -> bool:
    return bool(set(QUOTED.findall(rule.reason)) - {rule.column})


def unread_rows_rules(
    rules: list[Rule],
    typed: str,
    unread: str,
    con: duckdb.DuckDBPyConnection | None = None,
    checkable: str = "",
    in_file: Callable[[str], str] = str,
) -> list[str]:
    """For the rows of ``typed`` that ``unread`` holds: each row-local rule on the file's
    own columns, its failures as rows of a failures table, but for a cell that could not
    be read (``unread``'s row and column: said already) and without a rule number (they
    are no outcome of the rule GE judged: tests/test_quality_agreement.py). With ``con``
    and ``checkable``, when there are such rows, their keys' twins too (unread_twins)."""
    relation = f"(select * from {typed} where _rid in (select _rid from {unread}))"
    twins = []
    if con is not None:
        if not con.execute(f"select count(*) from {unread}").fetchall()[0][0]:
            return []  # no such row (most files): no branch to plan, each would be empty
        twins = unread_twins(rules, typed, unread, checkable, in_file)
    return (
        twins
        + [
            f"select f._rid, {sql_text(rule.column)}, {sql_text(rule.reason_code)}, "
            f"{reason_sql(in_file(rule.reason), 't', rule.column)}, false, cast(null as integer) "
            f"from ({rule_sql(rule, relation)}) as f "
            # the row's values only where the reason quotes another column than its own
            + (f"join {relation} as t on t._rid = f._rid " if _quotes_other(rule) else "")
            + f"anti join (select _rid from {unread} "
            f'where "column" in ({", ".join(sql_text(c) for c in _columns(rule))})) as u '
            "on u._rid = f._rid"
            for rule in rules
            if rule.expectation.type in ROW_LOCAL
            and not any(
                str(rule.expectation.kwargs.get(k) or "").startswith("_")
                for k in ("column", "column_A", "column_B")
            )
        ]
    )


def unread_twins(
    rules: list[Rule], typed: str, unread: str, checkable: str, in_file: Callable[[str], str] = str
) -> list[str]:
    """For a file with unread rows: each uniqueness rule over every row whose key cells
    were read, its failures that the rule over the readable rows alone does not find (a
    row whose only twin has an unread cell, and that twin), without a rule number as
    unread_rows_rules (helper-197: an employee's second contract row, with one cell
    unreadable, was quarantined for that cell and its twin loaded as the only row)."""
    parts = []
    for rule in rules:
        if rule.expectation.type not in UNIQUENESS:
            continue
        kwargs = rule.expectation.kwargs
        columns = kwargs.get("column_list") or [kwargs["column"]]
        keys = ", ".join(sql_text(c) for c in columns)
        unread_keys = f'select _rid from {unread} where "column" in ({keys})'
        keyed = f"(select * from {typed} where _rid not in ({unread_keys}))"
        # Such a failure is a key one of these rows holds (read, beside a cell that was
        # not): both relations only at those keys, each key with all of its rows (the
        # survey's 1.4 million answers counted by key twice more: 0.4 s)
        cols = [q(c) for c in columns]
        held = (
            f"select distinct {', '.join(cols)} from {keyed} "
            f"where _rid in (select _rid from {unread})"
        )
        same = " and ".join(f"r.{c} is not distinct from h.{c}" for c in cols)

        def near(relation: str, held: str = held, same: str = same) -> str:
            return f"(select r.* from {relation} as r semi join ({held}) as h on {same})"

        found = f"select _rid from ({failing_rows(rule, near(checkable), in_file)})"
        parts.append(
            f"select f._rid, {sql_text(rule.column)}, {sql_text(rule.reason_code)}, f.reason, "
            f"false, cast(null as integer) from ({failing_rows(rule, near(keyed), in_file)}) "
            f"as f where f._rid not in ({found})"
        )
    return parts


def _named(rule: Rule, cell: str) -> str:
    """SQL: what the reason adds where ``cell`` is the name of one of the rule's values
    (rule.names; without case, accents and surrounding spaces), with the mapping that
    reads it so (helper-262: a department written as 'Verhuur Noord' was 'geen bekende
    organisatie-eenheid', unsaid that it is unit VH-N's name); where two units have that
    name, both, and no mapping (helper-265 F4); NULL where it is none."""
    if not rule.names:
        return "null"
    rows = ", ".join(f"({literal(n)}, {literal(c)})" for n, c in rule.names)
    bare = "strip_accents(lower(trim({})))"
    named = f"from (values {rows}) as t(n, c) where {bare.format('n')} = {bare.format(cell)}"
    units = f"(select string_agg(distinct c, ', ' order by c) {named})"
    count = f"(select count(distinct c) {named})"
    # the name as a YAML text between single quotes: a quote in it doubled ('s-Hertogenbosch)
    quoted = f"replace(trim({cell}), chr(39), chr(39) || chr(39))"
    quote = "''"  # a quote within the SQL text
    way = f"'values: {{{rule.column}: {{{quote}' || {quoted} || '{quote}: ' || {units} || '}}}}'"
    one = f"' (dat is de naam van eenheid ' || {units} || '; zo gelezen met ' || {way} || ')'"
    several = (
        f"' (dat is de naam van de eenheden ' || {units} || ': noem de juiste in de "
        f"kolomkoppeling onder values)'"
    )
    return f"(case when {count} > 1 then {several} else {one} end)"
