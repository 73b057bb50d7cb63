"""Where the order of exports, not a covering export, decides what a register counts,
said when a covering export is ingested (reexports.overlap_notes calls these; nothing is
changed):

- a newer export that covers no period, with rows in a period this one covers: this one
  replaces only older exports, and that one replaces nothing, so the rows of both count
  (helper-150: side_jobs.csv read without a mapping, so dated by its ingest, then the
  register again with ``covers: all`` and its export date: every side job counted twice,
  without a word);
- another covering export with the same export date in a period this one covers: neither
  is newer, and the order of ingest decides which counts (helper-150: an uncorrected
  export of the same day read after the correction won, unsaid).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

from pipelines.core.texts import InLanguage, Message
from pipelines.ingest.quality.base import DatasetSpec

if TYPE_CHECKING:
    from pipelines.ingest.checks import Checked


def order_key(alias: str = "") -> str:
    """An export's place in reexports.export_order_sql's order, as one comparable row
    (larger is newer): the export date (else the ingest time), the ingest, the file name,
    the content hash."""
    a = f"{alias}." if alias else ""
    at = f"coalesce(cast({a}_export_date as timestamp), {a}_ingested_at)"
    return f"row({at}, {a}_ingested_at, {a}_source_file, {a}_content_hash)"


def workbook_key(alias: str = "") -> str:
    """order_key without the file and the content hash: the sheets of one workbook (or of
    a copy of it under another name), which share their moment of ingest (loads.
    next_moment; every other load has its own), are one export, in one place of the
    order (helper-264 F1: a copy's sheet ranked by its path)."""
    a = f"{alias}." if alias else ""
    return f"row(coalesce(cast({a}_export_date as timestamp), {a}_ingested_at), {a}_ingested_at)"


def other_workbook(alias: str, table: str) -> str:
    """SQL: row ``alias`` of ``table`` is of another export than load $1 (a content hash):
    not of that load, nor of another sheet of its workbook (helper-262 F4)."""
    mine = f"(select max({workbook_key()}) from {table} where _content_hash = $1)"
    return f"({alias}._content_hash <> $1 and {workbook_key(alias)} is distinct from {mine})"


def newest_parents() -> str:
    """SQL: each stored org unit with its parent as the newest export of it has it (none
    for a top, also one named as its own parent), as the tree's staging model reads it."""
    return (
        f"select org_unit, arg_max(nullif(parent_unit, org_unit), {order_key()}) as parent_unit"
        " from raw_org_units where org_unit is not null group by org_unit"
    )


def covers_period(c: str, o: str, column: str) -> str:
    """Whether covering export row ``c`` covers the period of row ``o``."""
    return (
        f"({c}._covers = 'all'"
        f" or {c}._covers = 'year'"
        f" and date_trunc('year', {c}.{column}) = date_trunc('year', {o}.{column})"
        f" or {c}._covers = 'month'"
        f" and date_trunc('month', {c}.{column}) = date_trunc('month', {o}.{column}))"
    )


def _note(key: str, **values: object) -> Message:
    return Message(f"note.{key}", locale_file="ingest", **values)


def order_notes(
    con: duckdb.DuckDBPyConnection,
    spec: DatasetSpec,
    content_hash: str,
    checked: Checked,
    table: str,
    bucket: str,
    column: str,
) -> list[Message]:
    """The notes above for this covering export (its rows without record_id), ``bucket``
    the SQL of a row's period under its covers (reexports._covered), ``column`` the date
    column that places a row in a period (reexports.PERIOD_COLUMNS)."""
    mine = f"""mine as (
        select distinct {bucket} as p, {order_key()} as pos from {table}
        where _content_hash = $1 and record_id is null
    )"""
    # rows a covering export newer than this one covers count for neither (helper-152:
    # said to count twice where a newer register export replaced both)
    newer = con.execute(
        f"""with {mine}
        select o._source_file, count(*), bool_and(o._export_date is null), min(o._ingested_at)
        from {table} as o
        where {other_workbook("o", table)} and o._covers is null and o.record_id is null
            and {order_key("o")} > (select max(pos) from mine) and {bucket} in (select p from mine)
            and not exists (
                select 1 from {table} as c
                where {other_workbook("c", table)} and c._covers is not null and c.record_id is null
                    and {order_key("c")} > (select max(pos) from mine)
                    and {covers_period("c", "o", column)}
            )
        group by o._source_file order by 1""",
        [content_hash],
    ).fetchall()
    notes = []
    for file, count, undated, at in newer[:1]:
        when = at.strftime("%d-%m-%Y %H:%M") if undated and at is not None else None
        key = "covers_uncovered_newer_undated" if when else "covers_uncovered_newer"
        n = len(newer) - 1
        words = {"nl": f" (en nog {n} zo'n export)", "en": f" (and {n} more such export)"}
        more = InLanguage(lambda lang, n=n, w=words: w.get(lang, w["nl"]) if n else "")
        notes.append(_note(key, count=count, file=file, when=when, more=more))
    if checked.export_date is not None:
        # the periods either covers: another's row in this one's, or a row of this one's
        # in the other's (helper-152: a year's export read before a month's went unsaid)
        tied = con.execute(
            f"""with {mine}
            select o._source_file, count(*) from {table} as o
            where {other_workbook("o", table)} and o._covers is not null and o.record_id is null
                and o._export_date = $2 and (
                    {bucket} in (select p from mine)
                    or exists (
                        select 1 from {table} as n
                        where n._content_hash = $1 and n.record_id is null
                            and {covers_period("o", "n", column)}
                    )
                )
                -- where a covering export newer than both counts, the tie decides
                -- nothing (helper-154)
                and not exists (
                    select 1 from {table} as c
                    where {other_workbook("c", table)} and c._content_hash <> o._content_hash
                        and c._covers is not null and c.record_id is null
                        and {order_key("c")} > (select max(pos) from mine)
                        and {order_key("c")} > {order_key("o")}
                        and {covers_period("c", "o", column)}
                )
            group by o._source_file order by 1""",
            [content_hash, checked.export_date],
        ).fetchall()
        if tied:
            day = checked.export_date.strftime("%d-%m-%Y")
            file, count = tied[0]
            notes.append(_note("covers_tied", count=count, file=file, date=day))
    return notes
