"""Rows a re-export makes count no more, said where ingest cannot tell a correction from
a loss (reexports.overlap_notes calls these): a covering export's quarantined rows, and
keys an earlier export holds with their event in another year."""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

from pipelines.core.texts import InLanguage, Message
from pipelines.ingest.counted_on import SPELLING
from pipelines.ingest.loads import LOADED
from pipelines.ingest.quality.base import DatasetSpec
from pipelines.ingest.source_table import sql_text

if TYPE_CHECKING:
    from pipelines.ingest.checks import Checked


def _note(key: str, **values: object) -> Message:
    return Message(f"note.{key}", locale_file="ingest", **values)


def replaced_periods_sql(table: str, bucket: str, series: str | None = None) -> str:
    """SQL common table expressions over a covering register's ``table`` (``$1``: this
    export's content hash; ``bucket``: the SQL of a row's period): ``mine`` (this export's
    periods, rows ``n``), ``older`` (every other export's, by content hash ``h``) and
    ``replaced``: per period this export covers, the newest export before it there, its
    file ``f``, rows ``n`` and this export's ``now``. For a sheet (``series``: Checked.
    series) the older exports are that sheet's own where it has any loaded, as its
    workbook's other sheets hold the rest (helper-264 F2: a year's sheet said to shrink
    each month the late entries on next year's sheet were compared with it)."""
    order = "coalesce(cast(_export_date as timestamp), _ingested_at)"
    logged = (
        f"select content_hash from ingest_log where series = {sql_text(series or '')} "
        f"and status = {sql_text(LOADED)}"
    )
    # ... where that sheet has any: a mapping edited, or a register read from a CSV
    # before, is compared with every export, as any other (helper-265 F2: fell silent)
    same = f" and (_content_hash in ({logged}) or not exists ({logged}))" if series else ""
    return f"""mine as (
            select {bucket} as p, count(*) as n, any_value({order}) as at,
                any_value(_ingested_at) as ing, any_value(_source_file) as f
            from {table} where _content_hash = $1 group by 1
        ),
        older as (
            select {bucket} as p, _content_hash as h, any_value(_source_file) as f,
                count(*) as n, any_value({order}) as at, any_value(_ingested_at) as ing
            from {table} where _content_hash <> $1 and record_id is null{same} group by 1, 2
        ),
        -- older in the order of exports (export_order_sql): the date, then the ingest;
        -- not another sheet of this one's workbook, which shares its moment of ingest
        -- (covered_order.workbook_key; helper-264 F1: a copy's sheet by its file name)
        replaced as (
            select older.p, older.h, older.f, older.n, mine.n as now
            from older join mine using (p)
            where older.at < mine.at or older.at = mine.at and older.ing < mine.ing
            qualify row_number() over (
                partition by older.p order by older.at desc, older.ing desc, older.f desc
            ) = 1
        )"""


def covered_held_back(
    con: duckdb.DuckDBPyConnection,
    spec: DatasetSpec,
    content_hash: str,
    checked: Checked,
    table: str,
    bucket: str,
) -> list[Message]:
    """A covering export with quarantined rows that replaces periods where the export it
    replaces held rows this one has not loaded: if the quarantined rows are their
    corrections, those count nowhere now (helper-144: a side job's correction with
    31-02-2026 in it, and the tenant-related side job it corrected counted no more,
    without a word). Not said when every row of the replaced export is among this one's
    (helper-145: the same bad row in every year-to-date export, or a new bad row). The
    replaced export of a period is the newest before this one there
    (replaced_periods_sql); ``table`` and ``bucket`` are reexports._covered's. Numbered
    rows are left to held_back_notes: there the older row keeps counting."""
    if not checked.rows_quarantined:
        return []
    names = [c for c in spec.column_names if c != "record_id"]
    columns = ", ".join(names)
    same = " and ".join(f"theirs.{c} is not distinct from ours.{c}" for c in names)
    # per replaced export its rows this one has not loaded, as a multiset (EXCEPT ALL);
    # named by the export most of them came from (helper-147: not the first by name)
    missing, replaced = con.execute(
        f"""with {replaced_periods_sql(table, bucket, checked.series)},
        theirs as (
            select {columns}, replaced.f, count(*) as k from (
                select {bucket} as p, * from {table} where record_id is null
            ) as t join replaced on t._content_hash = replaced.h and t.p = replaced.p
            group by all
        ),
        ours as (
            select {columns}, count(*) as k from {table} where _content_hash = $1 group by all
        ),
        missing as (
            select theirs.f, sum(greatest(theirs.k - coalesce(ours.k, 0), 0)) as m
            from theirs left join ours on {same}
            group by theirs.f
        )
        select sum(m), arg_max(f, m) from missing where m > 0""",
        [content_hash],
    ).fetchone()
    if not missing:
        return []
    count = checked.rows_quarantined
    return [_note("covers_held_back", count=count, missing=missing, file=replaced)]


def other_year_notes(
    con: duckdb.DuckDBPyConnection,
    spec: DatasetSpec,
    keys: tuple[str, ...],
    content_hash: str,
    column: str | None,
) -> list[Message]:
    """Keys this file shares with an earlier export whose event (``column``:
    reexports.EVENT_DATES) lies in another year there: a correction across New Year is
    rare, a key numbered anew each year is not, and then per key one of two events
    counts. Said, with how many and where; nothing is changed."""
    if column is None:
        return []
    table, key = f"raw_{spec.name}", ", ".join(keys)
    count, file = con.execute(
        f"""select count(distinct ({key})), min(o._source_file)
        from {table} as n join {table} as o using ({key})
        where n._content_hash = $1 and o._content_hash <> $1
            and year(n.{column}) <> year(o.{column})""",
        [content_hash],
    ).fetchone()
    if not count:
        return []
    return [_note("key_other_year", count=count, keys=key, column=column, file=file)]


# The fewest rows an export must have held in a period for a covering export that holds
# none of them to be said to be another register: a correction may change one or two.
OTHER_REGISTER_AT_LEAST = 3


def other_register_notes(
    con: duckdb.DuckDBPyConnection,
    spec: DatasetSpec,
    content_hash: str,
    covered: tuple[str, str, str],
    shape: str | None,
    series: str | None = None,
) -> list[Message]:
    """An export whose rows this covering export replaces, in every period they share,
    without holding one of them, matched by their person and day (SAME_RECORD and the
    period's date column: a correction of a value, a decision or an empty column keeps
    those; helper-164), OTHER_REGISTER_AT_LEAST rows or more over those periods: a
    re-export keeps most of its rows, another register (another department's, a list
    begun anew) keeps none, and covers then drops it whole (helper-160: two departments'
    gift registers under one mapping, March's 10 gifts of the one replaced by the 12 of
    the other, without a word; helper-164: two gifts a month counted over the year).
    Where it holds fewer rows in each of them, reexports' covers_shrunk says it already
    (a stray row of another period; helper-165: a period that grew beside one that
    shrank went unsaid). Said, with the first period (``shape``: its strftime, None
    for covers: all), the file and its rows; nothing is changed. ``covered``:
    reexports._covered's table and period SQL, and the period's date column."""
    table, bucket, day = covered
    who = SAME_RECORD[spec.name][0]
    row = con.execute(
        f"""with {replaced_periods_sql(table, bucket, series)},
        ours as (
            select distinct {who}, {day}, true as here from {table} where _content_hash = $1
        ),
        kept as (
            select replaced.p, replaced.f, replaced.n, replaced.now, count(ours.here) as same
            from replaced
            join (select {bucket} as p, * from {table} where record_id is null) as t
                on t._content_hash = replaced.h and t.p = replaced.p
            left join ours on t.{who} is not distinct from ours.{who}
                and t.{day} is not distinct from ours.{day}
            group by all
        )
        select min(p), f, sum(n), count(*) from kept group by f
        having sum(same) = 0 and sum(n) >= {OTHER_REGISTER_AT_LEAST} and bool_or(now >= n)
        order by sum(n) desc, f limit 1""",
        [content_hash],
    ).fetchone()
    if row is None:
        return []
    period, file, count, periods = row
    # covers: all has no period of its own (helper-165: it said "in *")
    every = {"nl": "alle perioden", "en": "all periods"}
    shown = (
        period.strftime(shape) if shape else InLanguage(lambda lang: every.get(lang, every["nl"]))
    )
    n = periods - 1
    words = {"nl": f" en nog {n} periode(n)", "en": f" and {n} more period(s)"}
    more = InLanguage(lambda lang: words.get(lang, words["nl"]) if n else "")
    return [_note("covers_other_register", period=shown, file=file, count=count, more=more)]


# What one record keeps from export to export, for the datasets with an id of their own
# (a corrected gift keeps its employee, an allocation its dwelling): a key shared with an
# earlier export but never with the same of these is another register's, or another
# form's, numbered alike (helper-160: two gift registers numbered 1-10 and 1-12;
# helper-159: two teams' Microsoft Forms with Id 1-3), and per key one replaces the other.
SAME_RECORD: dict[str, tuple[str, str]] = {
    "gifts": ("employee_key", "received_on"),
    "side_jobs": ("employee_key", "registered_on"),
    "allocations": ("dwelling_id", "allocated_on"),
    "procurement": ("supplier_id", "ordered_on"),
    "survey_responses": ("org_unit", "respondent_key"),
    # a person keeps their unit and job from one month's export to its re-export; another
    # employer's staff numbered alike do not (helper-189: two payroll administrations
    # after a merger, 1040-1042 in both, replaced each other per month, unsaid)
    "employees": ("org_unit", "job_title"),
}
# the ids compared as their spelling (leading zeros and case aside: helper-164, a
# dwelling's 0004501 re-exported as 4501); an employee's key is a pseudonym by then
SPELLED = ("dwelling_id", "supplier_id")


def other_rows_notes(
    con: duckdb.DuckDBPyConnection, spec: DatasetSpec, keys: tuple[str, ...], content_hash: str
) -> list[Message]:
    """Keys this file shares with another export, none of them there with the same
    SAME_RECORD column and not even half of them on the same day (a correction of a
    record's employee keeps its day; helper-164), OTHER_REGISTER_AT_LEAST or more (a
    survey's: respondents, not answers): said, with the file that has most of them;
    nothing is changed (per key the newest export counts, as always)."""
    if spec.name not in SAME_RECORD:
        return []
    column, second = SAME_RECORD[spec.name]
    table, key = f"raw_{spec.name}", ", ".join(keys)
    same = " and ".join(f"n.{k} = o.{k}" for k in keys)
    who = [SPELLING.format(f"{a}.{column}") if column in SPELLED else f"{a}.{column}" for a in "no"]
    # a survey's respondents are counted; a register's day is its second likeness
    survey = spec.name == "survey_responses"
    counted = f"n.{second}" if survey else f"({', '.join(f'n.{k}' for k in keys)})"
    alike_day = "false" if survey else f"n.{second} = o.{second}"
    # only older rows within this file's range of each ordered key column can match (a
    # new month against two years: DuckDB skips the rest by its min/max per block)
    types = {c.name: c.type for c in spec.columns}
    within = "".join(
        f" and o.{k} between (select min({k}) from {table} where _content_hash = $1)"
        f" and (select max({k}) from {table} where _content_hash = $1)"
        for k in keys
        if types[k] in ("date", "month", "integer")
    )
    row = con.execute(
        f"""select o._source_file, count(distinct {counted}),
            count(distinct ({", ".join(f"n.{k}" for k in keys)})) as keyed,
            count(*) filter (where {who[0]} is not distinct from {who[1]}) as alike,
            count(*) filter (where {alike_day}) as days, count(*) as shared
        from {table} as n join {table} as o on {same}
        where n._content_hash = $1 and o._content_hash <> $1{within}
        group by o._source_file
        having alike = 0 and 2 * days < shared
            and count(distinct {counted}) >= {OTHER_REGISTER_AT_LEAST}
        order by 2 desc, 1 limit 1""",
        [content_hash],
    ).fetchone()
    if row is None:
        return []
    file, _, count, _, _, _ = row
    return [_note("keys_other_rows", count=count, keys=key, column=column, file=file)]
