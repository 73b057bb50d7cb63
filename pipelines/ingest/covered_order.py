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

AT = "coalesce(cast(_export_date as timestamp), _ingested_at)"
ORDER = f"row({AT}, _ingested_at, _source_file)"  # export_order_sql's order, as a row


def _note(key: str, **values: object) -> Message:
    return Message(f"note.{key}", locale_file="ingest", **values)


def order_notes(
    con: duckdb.DuckDBPyConnection,
    spec: DatasetSpec,
    content_hash: str,
    checked: Checked,
    table: str,
    bucket: str,
) -> list[Message]:
    """The notes above for this covering export (its rows without record_id), ``bucket``
    the SQL of a row's period under its covers (reexports._covered)."""
    mine = f"""mine as (
        select distinct {bucket} as p, {ORDER} as pos from {table}
        where _content_hash = $1 and record_id is null
    )"""
    newer = con.execute(
        f"""with {mine}
        select _source_file, count(*), bool_and(_export_date is null), min(_ingested_at)
        from {table}
        where _content_hash <> $1 and _covers is null and record_id is null
            and {ORDER} > (select max(pos) from mine) and {bucket} in (select p from mine)
        group by _source_file order by 1""",
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
        tied = con.execute(
            f"""with {mine}
            select _source_file, count(*) from {table}
            where _content_hash <> $1 and _covers is not null and record_id is null
                and _export_date = $2 and {bucket} in (select p from mine)
            group by _source_file order by 1""",
            [content_hash, checked.export_date],
        ).fetchall()
        if tied:
            day = checked.export_date.strftime("%d-%m-%Y")
            file, count = tied[0]
            notes.append(_note("covers_tied", count=count, file=file, date=day))
    return notes
