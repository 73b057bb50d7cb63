"""Checking a source table in DuckDB: cells typed, rules run as SQL, rows quarantined.

Each column's distinct cells are read once in Python, the way parsing.py says (numbers in
the declared convention with Babel's strict parser, dates, ja/nee, codes regardless of
case and accents, a mapping's value labels, pseudonyms for ``*_key`` columns), and joined
back to every row from one lookup table per file (the distinct cells of all its columns
found in one query): a column with a million rows and five distinct answers is parsed
five times. The dataset's rules are Great Expectations expectations (quality/); rule_sql
writes each as the SQL that selects the rows breaking it, and test_quality_agreement.py
runs GE itself on the same rows to show that both fail exactly the same rows. Rows with
a cell that could not be read are quarantined for that and not checked further, as
before; every other row is checked by every rule.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

import duckdb
import pandas as pd

from pipelines.ingest import quarantined
from pipelines.ingest.codes import code_key, known_targets, match_codes
from pipelines.ingest.currency_column import other_currency
from pipelines.ingest.date_keys import date_spellings
from pipelines.ingest.date_markers import no_date_markers
from pipelines.ingest.date_order import date_expected, formats_of, order_proof, written_cells
from pipelines.ingest.dropped_keys import keep_dropped_keys, read_shown
from pipelines.ingest.excel_thousands import excel_thousands
from pipelines.ingest.key_cells import EXCEL_TEXT_FORMULA, key_problem_rows
from pipelines.ingest.lookups import (
    AMBIGUOUS,
    AMBIGUOUS_DATE,
    NULL_MARKERS,
    NUMERIC,
    SCIENTIFIC,
    SCIENTIFIC_NOTE,
    SHEET_ERROR,
    SHEET_ERROR_NOTE,
    SHEET_ERROR_STATUS,
    UNKNOWN_LABEL,
    WRONG_TYPE,
    ColumnPlan,
    lookup,
    own_way_note,
)
from pipelines.ingest.parsing import INVISIBLE_SQL, expected, in_convention
from pipelines.ingest.quality.base import DatasetSpec, SuiteContext
from pipelines.ingest.rule_sql import dutch, failing_rows, q, unread_rows_rules
from pipelines.ingest.source_table import SourceTable, _new_name, sql_text, trimmed
from pipelines.ingest.text_steps import HOLE, plain_sql, plain_steps, step_needs
from pipelines.ingest.unit_cells import unit_failures


def unmarked(expr: str) -> str:
    """A text cell, NULL where it is one of lookups.NULL_MARKERS (as lookup empties them
    in every other column): matched without case, as codes are."""
    listed = ", ".join(sql_text(m) for m in sorted(NULL_MARKERS))
    # also with an invisible character in it (a zero-width space before NULL, helper-102)
    bare = f"lower(regexp_replace({expr}, {sql_text(INVISIBLE_SQL)}, '', 'g'))"
    return (
        f"(case when lower({expr}) in ({listed}) or {bare} in ({listed}) then null else {expr} end)"
    )


class Stages:
    """Steps of SQL worked out on each row of a source table, one layer of columns over
    another: a later step names the one before as a column. Written as one expression,
    each step repeats the one before as often as it uses it (an identifier's cell was read
    by a dozen regular expressions instead of two: `procurement.csv`'s typed table took
    0.87 s on the large demo)."""

    def __init__(self) -> None:
        self.layers: list[list[str]] = []

    def add(self, steps: list[str]) -> str:
        """The column holding the last of ``steps`` (the first reads ``s``, the source's
        row; each other one reads the one before at HOLE)."""
        column = previous = ""
        for depth, step in enumerate(steps):
            if depth == len(self.layers):
                self.layers.append([])
            column = f"_step{depth}_{len(self.layers[depth])}"
            expr = step if depth == 0 else step.replace(HOLE, f"s.{previous}")
            self.layers[depth].append(f"{expr} as {column}")
            previous = column
        return f"s.{column}"

    def relation(self, source: str) -> str:
        """``source`` with every step's column beside its own (aliased ``s`` throughout)."""
        out = source
        for layer in self.layers:
            out = f"(select s.*, {', '.join(layer)} from {out} as s)"
        return out


SQL_TYPES = {
    "text": "varchar",
    "date": "date",
    "month": "date",
    "integer": "bigint",
    "decimal": "double",
    "boolean": "boolean",
}
REASON_CODES = {
    WRONG_TYPE: "wrong_type",
    AMBIGUOUS: "ambiguous_number",
    AMBIGUOUS_DATE: "ambiguous_date",
    UNKNOWN_LABEL: "unknown_label",
    SHEET_ERROR_STATUS: "spreadsheet_error",
}
# A CSV line with more or fewer fields than the header.
TRUNCATED_ROW = "truncated_row"
# Every reason code the checks give besides the rules' own (Datakwaliteit labels them).
READING_REASON_CODES = (*REASON_CODES.values(), TRUNCATED_ROW)


@dataclass(frozen=True)
class Outcome:
    expectation: str
    column: str
    reason_code: str
    success: bool
    unexpected_count: int


@dataclass
class Checked:
    """One file checked: ``good`` and ``quarantine`` are temporary tables in DuckDB."""

    spec: DatasetSpec
    good: str
    quarantine: str
    outcomes: list[Outcome]
    details: dict[str, str]
    notes: list[str]
    rows_good: int = 0
    # Rows quarantined (a wide export's line can give several rows, each checked).
    rows_quarantined: int = 0
    export_date: dt.date | None = None
    export_month: bool = False  # the export date is a month its name says (its 1st day)
    covers: str | None = None
    # a sheet's series of exports (top_answer.series_of): its earlier versions are the
    # same sheet of earlier workbooks, not their other sheets (lost_rows.replaced_periods)
    series: str | None = None
    # the rows the rules judged (with their check columns) and the failures, by rule
    checkable: str = ""
    failures: str = ""
    # every row typed (a cell that did not parse is NULL), with _rid and _line
    typed: str = ""
    temporary: list[str] = field(default_factory=list)
    views: frozenset[str] = frozenset()  # which of the temporaries are views (drop)
    absent_columns: tuple[str, ...] = ()  # optional columns the file lacks (read as empty)
    dropped_keys: str = ""  # the keys of the rows drop_rows left out (dropped_keys.py)
    header_of: dict[str, str] = field(default_factory=dict)  # each column as the file says

    def drop(self, con: duckdb.DuckDBPyConnection) -> None:
        for name in reversed(self.temporary):
            kind = "view" if name in self.views else "table"
            con.execute(f"drop {kind} if exists {name}")


# --- one source table ---------------------------------------------------------------------


def plans(
    spec: DatasetSpec, mapping: Any, ctx: SuiteContext, number_format: Any, labels: Any
) -> list[ColumnPlan]:
    out = []
    for column in spec.columns:
        converted = mapping.convert.get(column.name) if mapping is not None else None
        if converted is not None:  # k€: 12,345 euros
            column = replace(column, decimals=converted.decimals(column.decimals))
        values = None
        known_targets(mapping, column, ctx)  # a label turned into no code: refused
        if mapping is not None and column.name in mapping.values:
            values = {}
            for k, v in mapping.values[column.name].items():
                target = None if v is None else str(v)
                if target is not None and column.type == "decimal":  # 0.8 in a Dutch file
                    target = in_convention(target, number_format(column.name))
                values[code_key(k)] = target
                # a date key matches the date however the file writes it (an XLSX date
                # cell arrives as 9999-12-31 where the mapping says 31-12-9999); a key
                # the mapping writes out itself wins over a spelling of another
                if column.type in ("date", "month"):
                    for form in date_spellings(str(k)):
                        values.setdefault(code_key(form), target)
                    # a marker's key copied from a cell its reason quotes, at a time
                    # (1970-01-01 01:00:00): its whole day, as a midnight key (helper-137)
                    [marker] = no_date_markers([str(k)])
                    if marker is not None:
                        values.setdefault(marker[0], target)
        answer = None
        if mapping is not None and mapping.answer_labels and column.name == "answer":
            answer = labels[mapping.answer_labels]
        out.append(
            ColumnPlan(
                column,
                number_format(column.name),
                values,
                answer,
                mapping.answer_labels if answer is not None else None,
                tuple(column.code_list(ctx)),
                column.name in spec.key_columns,
                column.spelling_list(ctx),
                mapping is not None and mapping.date_order == "mdy",
                mapping is not None and "date_order" in mapping.model_fields_set,
                declared=mapping is not None and bool(mapping.number_format_of(column.name)),
                by_name=isinstance(named := getattr(mapping, "number_format", 0), dict)
                and column.name in named,
                in_percent=mapping is not None and column.name in mapping.percent,
                convert=converted.sql() if converted else "",
                convert_unit=converted.unit if converted else None,
                english=mapping is not None and "en" in formats_of(mapping),
            )
        )
    return out


def own_codes(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    cell_of: dict[str, str],
    column_plans: list[ColumnPlan],
) -> list[ColumnPlan]:
    """A column whose codes are another column's cells in the same file (Column.codes_from)
    gets them, as that column stores them (plain text), before its cells are read: so
    org_units' parent_unit is matched as every org-unit column is (match_codes: `Won` and
    ` won ` are the file's `WON`, and stored so)."""
    cells_of: dict[str, list[str]] = {}
    column_of = {plan.column.name: plan.column for plan in column_plans}
    for plan in column_plans:
        other = plan.column.codes_from
        if other is not None and other in cell_of:  # as that column's cells are read
            text = unmarked(plain_sql(f"s.{cell_of[other]}", column_of[other]))
            cells_of[other] = [
                c
                for (c,) in con.execute(
                    f"select distinct c from (select {text} as c from {source.name} as s) "
                    "where c is not null"
                ).fetchall()
            ]
    # A stored code that two of the file's own codes are like but for case (AB and ab):
    # neither is taken for it (helper-141: the new ab became AB, its team moved with it)
    plans = []
    for plan in column_plans:
        if plan.column.name in cells_of and plan.codes:
            twice = Counter(code_key(c) for c in cells_of[plan.column.name])
            plan = replace(plan, codes=tuple(c for c in plan.codes if twice[code_key(c)] < 2))
        plans.append(plan)
    plan_of = {plan.column.name: plan for plan in plans}
    out = []
    for plan in plans:
        other = plan.column.codes_from
        if other in cells_of:  # as that column stores them: a stored unit's spelling
            found = pd.Series(cells_of[other], dtype=object)
            if plan_of[other].codes:  # and the stored ones (helper-195: 'wh' for WH)
                found = match_codes(found, plan_of[other].codes)
            plan = replace(plan, codes=tuple(sorted({*found, *plan_of[other].codes})))
        out.append(plan)
    return out


def check_source(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    spec: DatasetSpec,
    rename: dict[str, str],
    column_plans: list[ColumnPlan],
    ctx: SuiteContext,
    key: bytes,
) -> Checked:
    """Type, check and split ``source`` into good rows and quarantine rows."""
    read_shown(con, source, spec, rename)  # a year cell's year, 700%'s number: rows left out too
    cell_of = {canonical: source.column(header) for header, canonical in rename.items()}
    column_plans = own_codes(con, source, cell_of, column_plans)
    typed, lookups, joins = _new_name("typed"), [], []
    # the rows with a cell that could not be read, with the notes that say why
    unreadable, notes = _new_name("unreadable"), []
    # What quarantine shows of each column (only its failing rows are looked up).
    shown: dict[str, str] = {}
    written: dict[str, str] = {}  # and the file's own label where values translated it
    recognised: dict[str, set[str]] = {"decimal": set(), "date": set()}
    parse_failures = []
    looked_up: list[tuple[ColumnPlan, str, str]] = []  # plan, cell, number flag
    unread_in: set[int] = set()  # of those, the ones with a cell not read
    keyed: list[str] = []  # the plain ids and keys, to be told when they are no key
    select_of: dict[str, str] = {}  # by column: the typed table keeps the plans' order
    staged = Stages()  # the plain text columns' steps, each worked out once per row
    # the plain ids' columns with a cell that may be a key number written otherwise (101.0)
    # or a word for none: their steps (text_steps.step_needs)
    ids = [
        f"s.{cell_of[p.column.name]}"
        for p in column_plans
        if p.column.name in cell_of
        and not p.needs_lookup
        and p.column.name.endswith(("_id", "_key"))
    ]
    judged = source.name  # and the rows drop_rows left out, read by the same steps
    if source.dropped:  # (dropped_keys; helper-281: a cancelled 1.002 stored as written)
        judged = f"(from {source.name} union all by name from {source.dropped})"
    needs = step_needs(con, f"{judged} as s", ids)
    try:
        for plan in column_plans:
            name = plan.column.name
            cell = f"s.{cell_of[name]}" if name in cell_of else None
            sql_type = SQL_TYPES[plan.column.type]
            if cell is None:
                select_of[name] = f"cast(null as {sql_type}) as {q(name)}"
                shown[name] = "cast(null as varchar)"
                continue
            if not plan.needs_lookup:  # plain text: as written, a NULL marker empty
                steps = plain_steps(cell, plan.column, *needs.get(cell, (True, True)))
                text = staged.add(steps)
                # a key's or id's cell within Excel's ="...": its error value or lost
                # digits are said as the bare cell's are (helper-245: ="#REF!" a contract)
                unwrapped = cell
                if name.endswith(("_id", "_key")):
                    bare = f"regexp_replace({cell}, {sql_text(INVISIBLE_SQL)}, '', 'g')"
                    unwrapped = f"regexp_replace({bare}, {sql_text(EXCEL_TEXT_FORMULA)}, '\\1')"
                select_of[name] = f"{unmarked(text)} as {q(name)}"
                shown[name] = f"case when {trimmed(cell)} is null then null else {cell} end"
                # a spreadsheet's error value is no text either (a contract #WAARDE!)
                parse_failures.append(
                    f"""select s._rid, {sql_text(name)} as "column",
                        {sql_text(REASON_CODES[SHEET_ERROR_STATUS])} as reason_code,
                        {sql_text("de cel " + SHEET_ERROR_NOTE.format(wanted="tekst"))} as reason,
                        false as says_value, cast(null as integer) as rule
                    from {source.name} as s
                    where regexp_full_match({unwrapped}, {sql_text(SHEET_ERROR)})"""
                )
                if name.endswith(("_id", "_key")):  # n/b, ??, １０１: no key (key_cells)
                    keyed.append(name)
                if name.endswith(("_id", "_key")):  # an identifier Excel wrote as 1,2E+11
                    parse_failures.append(
                        f"""select s._rid, {sql_text(name)} as "column",
                            'wrong_type' as reason_code,
                            {sql_text("de cel " + SCIENTIFIC_NOTE)} as reason,
                            false as says_value, cast(null as integer) as rule
                        from {source.name} as s
                        where regexp_full_match({unwrapped}, {sql_text(SCIENTIFIC)})"""
                    )
                continue
            header = next(h for h, c in rename.items() if c == name)
            dated = plan.column.type in ("date", "month") and bool(source.facts.serial_days)
            at = source.header.index(header) if header in source.header else None
            days, zoned = source.facts.serial_days * dated, source.facts.written.get(at, {})
            plan = replace(plan, serial_days=days, written=zoned)  # 1904's; as written
            if plan.month_first and source.facts.date_cells.get(at):  # Excel's day first
                plan = replace(plan, date_cells=source.month_first_text or "")
            numbers = plan.column.type in NUMERIC or dated or plan.is_key
            flag = source.number_flag(header) if numbers else None
            if plan.values and "" in plan.values:  # the mapping says what an empty cell is
                cell = f"coalesce({cell}, '')"
            looked_up.append((plan, cell, f"s.{flag}" if flag else "false"))
        # Every looked-up column's distinct cells, one lookup table for all: 2 statements
        pairs: dict[int, list[tuple[str, bool]]] = {i: [] for i in range(len(looked_up))}
        if looked_up:
            distinct = " union all ".join(
                f"select distinct {i} as i, {cell} as cell, {flag_sql} as flag "
                f"from {source.cells} as s where {cell} is not null"
                for i, (_, cell, flag_sql) in enumerate(looked_up)
            )
            for i, cell_text, number in con.execute(distinct).fetchall():
                pairs[i].append((cell_text, bool(number)))
            lk = _new_name("lk")
            lookups.append(lk)
        parse_failures += other_currency(con, source, rename, column_plans, cell_of)
        parse_failures += unit_failures(source, rename, column_plans, spec.name)  # 0.0" fte"
        parse_failures += excel_thousands(con, source, rename, column_plans)  # 1.500: 1500
        header_of = {canonical: header for header, canonical in rename.items()}
        parts = []
        try:
            looks = []
            for i, (plan, _, _) in enumerate(looked_up):
                found_cells = pairs[i]
                # one file, one way of writing dates: a date only month first in any
                # column (SourceTable.order_proof) makes 01/02/2025 here ambiguous
                own = header_of.get(plan.column.name, plan.column.name)
                proof = source.order_proof
                elsewhere = proof if proof is not None and proof[0] != own else None
                cells_, numeric_ = [p[0] for p in found_cells], [p[1] for p in found_cells]
                looks.append((plan, cells_, numeric_, elsewhere))
            # and a date only day first in a date column read (not a remark's: helper-256),
            dated = ("date", "month")  # as written (a zone's, not made ISO: helper-261)
            judged = [written_cells(c, p.written) for p, c, *_ in looks if p.column.type in dated]
            day_first = any(order_proof(c, None, True) for c in judged)
            looks = [(replace(p, day_first_read=day_first), *rest) for p, *rest in looks]
            results = [lookup(p, c, key, n, e) for p, c, n, e in looks]
            # one file, one way of writing numbers: a cell only the other convention
            # reads makes 12.500 ambiguous in every other column (helper-97) but one
            # the mapping declares by name (helper-146, -147; README)
            proven = [
                plan.column.type in NUMERIC and bool(frame["convention"].any())
                for (plan, *_), (frame, _) in zip(looks, results, strict=True)
            ]
            for j, (plan, c, n, e) in enumerate(looks):
                if any(proven) and plan.column.type in NUMERIC and not (proven[j] or plan.by_name):
                    results[j] = lookup(replace(plan, number_proof=True), c, key, n, e)
            for i, (plan, _, _) in enumerate(looked_up):
                frame, found = results[i]
                kind = {"date": "date", "month": "date"}.get(plan.column.type, "decimal")
                if found and (plan.column.type in NUMERIC or kind == "date"):
                    recognised[kind].update(found.split(", "))
                source.notes += own_way_note(frame, header_of.get(plan.column.name, ""))
                con.register(f"{lk}_df{i}", frame)
                sql_type = SQL_TYPES[plan.column.type]
                parts.append(
                    f"select {i} as i, cast(raw as varchar) as raw, numeric, "
                    f"cast(value as {sql_type}) as v_{sql_type}, cast(shown as varchar) as shown, "
                    "cast(written as varchar) as written, "
                    f"cast(status as tinyint) as status, cast(note as varchar) as note "
                    f"from {lk}_df{i}"
                )
            if parts:
                con.execute(f"create temp table {lk} as {' union all by name '.join(parts)}")
                # the columns with a cell not read: only their rows can be unreadable (most
                # files: none, and the branches below for the others are never planned)
                unread_in = {
                    i
                    for (i,) in con.execute(
                        f"select distinct i from {lk} where status > 0"
                    ).fetchall()
                }
        finally:
            for i in range(len(parts)):
                con.unregister(f"{lk}_df{i}")
        for i, (plan, cell, flag_sql) in enumerate(looked_up):
            name, sql_type = plan.column.name, SQL_TYPES[plan.column.type]
            alias = f"l{i + 1}"
            join = (
                f"left join {lk} as {alias} on {alias}.i = {i} and {cell} = {alias}.raw "
                f"and {flag_sql} = {alias}.numeric"
            )
            joins.append(join)
            select_of[name] = (
                f"{alias}.v_{sql_type}{plan.convert} as {q(name)}, "
                f"coalesce({alias}.status, 0) as {q(name + '__status')}"
            )
            at = f"{alias}.shown"  # a workbook's number cell 1.5 as Excel shows it: 1,5
            shown[name] = f"case when {alias}.numeric then {dutch(at)} else {at} end"
            written[name] = f"{alias}.written"  # a label values turned into another value
            notes.append((name, f"{alias}.note"))
            wanted = date_expected(plan) or (
                "tekst"
                if plan.column.type == "text"
                else expected(plan.column.type, plan.number_format, hours=plan.column.hours)
            )
            status = f"t.{q(name + '__status')}"
            if i not in unread_in:  # every cell of the column read: no row to say
                continue
            # the note of an ambiguous or unknown cell quotes the value itself
            parse_failures.append(
                f"""select t._rid, {sql_text(name)} as "column",
                    case {status} when {WRONG_TYPE} then {sql_text(REASON_CODES[WRONG_TYPE])}
                        when {AMBIGUOUS} then {sql_text(REASON_CODES[AMBIGUOUS])}
                        when {AMBIGUOUS_DATE} then {sql_text(REASON_CODES[AMBIGUOUS_DATE])}
                        when {SHEET_ERROR_STATUS}
                            then {sql_text(REASON_CODES[SHEET_ERROR_STATUS])}
                        else {sql_text(REASON_CODES[UNKNOWN_LABEL])} end as reason_code,
                    case {status} when {WRONG_TYPE}
                        then coalesce(t.{q(name + "__note")}, {sql_text("verwacht " + wanted)})
                        else t.{q(name + "__note")} end as reason,
                    {status} <> {WRONG_TYPE} as says_value,
                    cast(null as integer) as rule
                from {unreadable} as t where {status} > 0"""
            )
        selects = [select_of[plan.column.name] for plan in column_plans]
        con.execute(
            f"create temp table {typed} as select s._rid, s._line, s._source, "
            f"{', '.join(selects)} from {staged.relation(source.name)} as s {' '.join(joins)}"
        )
        source.rows = con.execute(f"select count(*) from {typed}").fetchall()[0][0]
        parse_failures += key_problem_rows(con, typed, keyed)
        if notes:
            any_status = " or ".join(f"{q(n + '__status')} > 0" for n, _ in notes)
            if not unread_in:  # every cell read (most files): the
                # same columns, no row, without planning the joins
                noted = [(n, "cast(null as varchar)") for n, _ in notes]
                any_status, joins_sql = "false", ""
            else:
                noted = notes
                joins_sql = f"join {source.name} as s on s._rid = t._rid {' '.join(joins)}"
            con.execute(
                f"""create temp table {unreadable} as
                select t.*, {", ".join(f"{expr} as {q(n + '__note')}" for n, expr in noted)}
                from (select * from {typed} where {any_status}) as t {joins_sql}"""
            )
        checked = _check_rules(
            con,
            source,
            spec,
            typed,
            parse_failures,
            ctx,
            recognised,
            rename,
            shown,
            joins,
            written,
        )
        keep_dropped_keys(con, source, checked, column_plans, staged, select_of)
        return checked
    finally:
        for lk in [*lookups, unreadable]:
            con.execute(f"drop table if exists {lk}")


def _check_rules(
    con: duckdb.DuckDBPyConnection,
    source_table: SourceTable,
    spec: DatasetSpec,
    typed: str,
    parse_failures: list[str],
    ctx: SuiteContext,
    recognised: dict[str, set[str]],
    rename: dict[str, str],
    shown_of: dict[str, str],
    joins: list[str],
    written_of: dict[str, str],
) -> Checked:
    unread, ok, checkable, failures = (_new_name(p) for p in ("unread", "ok", "chk", "fail"))
    good, quarantine, names = _new_name("good"), _new_name("quar"), _new_name("names")
    temporary = [typed, unread, ok, checkable, failures, good, quarantine, names]
    checked = Checked(spec, good, quarantine, [], {}, [], checkable=checkable, failures=failures)
    checked.typed, checked.temporary, checked.views = typed, temporary, frozenset({ok, good})
    none = (
        'select cast(null as bigint) as _rid, cast(null as varchar) as "column", '
        "cast(null as varchar) as reason_code, cast(null as varchar) as reason, "
        "false as says_value, cast(null as integer) as rule where false"
    )
    con.execute(f"create temp table {unread} as {' union all '.join(parse_failures) or none}")
    ok_rows = f"select * from {typed} where _rid not in (select _rid from {unread})"
    con.execute(f"create temp view {ok} as {ok_rows}")  # the rows every rule judges
    # and their check columns once, not a view each rule runs again (org tree: 82 ms, 6)
    con.execute(f"create temp table {checkable} as {spec.derive(ok, ctx)}")
    in_file = quarantined.in_file_names(source_table, rename)  # the file's column names
    rules = spec.suite_rules(ctx)
    parts = [f"select * from {unread}"]
    for number, rule in enumerate(rules):
        parts.append(
            f"select _rid, {sql_text(rule.column)}, {sql_text(rule.reason_code)}, "
            f"reason, false, {number} from ({failing_rows(rule, checkable, in_file)})"
        )
    parts += unread_rows_rules(rules, typed, unread, con, checkable, in_file)  # other cells
    con.execute(f"create temp table {failures} as {' union all '.join(parts)}")
    quarantined.rename_reasons(con, unread, in_file, names)
    counts = dict(
        con.execute(
            f"select rule, count(*) from {failures} where rule is not null group by rule"
        ).fetchall()
    )
    checked.outcomes = [
        Outcome(
            r.expectation.class_name,
            r.column,
            r.reason_code,
            counts.get(i, 0) == 0,
            counts.get(i, 0),
        )
        for i, r in enumerate(rules)
    ]
    shown = {c: shown_of[c] for c in spec.column_names}
    where = quarantined.Where(source_table, rename, failures, names, joins)
    bad = con.execute(f"select count(distinct _rid) from {failures}").fetchall()[0][0]
    quarantined.quarantine_rows(con, quarantine, where, shown, written_of, bad, TRUNCATED_ROW)
    columns = ", ".join(q(c) for c in spec.column_names)
    con.execute(
        f"""create temp view {good} as select {columns}, _line as _source_line
        from {typed} where _rid not in (select _rid from {failures}) order by _rid"""
    )
    checked.rows_quarantined = bad + source_table.malformed_rows
    checked.rows_good = source_table.rows - bad
    checked.details = {
        "decimal_style": ", ".join(sorted(recognised["decimal"])),
        "date_formats": ", ".join(sorted(recognised["date"])),
    }
    return checked


def checkable_frame(con: duckdb.DuckDBPyConnection, checked: Checked) -> pd.DataFrame:
    """The rows the rules judged, with their check columns (for the GE agreement test)."""
    return con.execute(f"select * from {checked.checkable} order by _rid").df()


def failures_frame(con: duckdb.DuckDBPyConnection, checked: Checked) -> pd.DataFrame:
    return con.execute(
        f'select _rid, "column", reason_code, rule from {checked.failures} where rule is not null'
    ).df()
