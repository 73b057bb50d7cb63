"""A dated export that holds events after its own date: an export cannot run ahead of the
day it was made, so the date in its name (or its mapping) is wrong, and the export then
counts as older than it is: where it shares keys or periods with a truly older export,
that one wins (helper-198: June's allocations saved as allocaties_2025-03-30.csv, the
03 a typo for 06, lost every shared key to March's export, 40 corrected channels back to
their old values, and nothing was said). Said, not refused: the rows may be right.
"""

from __future__ import annotations

import re

import duckdb

from pipelines.core.texts import Message
from pipelines.ingest.checks import Checked
from pipelines.ingest.reexports import EVENT_DATES
from pipelines.ingest.source_table import SourceTable

# A date cell of a workbook (or Parquet) as the reader gives its text: said day first, as
# Dutch Excel shows it (helper-203: '2026-04-15' quoted as if the file wrote it so)
ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?: 00:00:00)?")

# The column that dates what a row records, per dataset (a month: its first day)
DATED_BY = {
    **EVENT_DATES,
    "employees": "snapshot_month",
    "hr_aggregates": "month",
    "survey_responses": "wave_date",
    "feedback_360": "period",
    "trainings": "held_on",
}


def after_export_date_notes(
    con: duckdb.DuckDBPyConnection, source: SourceTable, checked: Checked
) -> list[Message]:
    """A note when rows of ``checked`` (its rows that load) are dated after its export
    date: how many of the file's lines (a wide survey's line is several answers), the
    first line and its date, the column and the date as the file writes them
    (helper-202: received_on and 2026-04-15 for the file's 'Datum ontvangst' 15-04-2026)."""
    column = DATED_BY.get(checked.spec.name)
    if checked.export_date is None or column is None:
        return []
    after = f'cast("{column}" as date) > cast($1 as date)'
    if checked.export_month:  # a month its name says: after that month (helper-207)
        after = f"date_trunc('month', cast(\"{column}\" as date)) > cast($1 as date)"
    count, line = con.execute(
        f"select count(distinct _source_line), min(_source_line) from {checked.good} where {after}",
        [checked.export_date],
    ).fetchone()
    if not count:
        return []
    header = checked.header_of.get(column, column)
    (written,) = con.execute(
        f"select {source.column(header)} from {source.name} where _line = ? limit 1", [line]
    ).fetchone()
    if source.format != "csv" and (iso := ISO.fullmatch(str(written))):
        written = f"{iso[3]}-{iso[2]}-{iso[1]}"  # a workbook's date cell, read as 2026-04-15
    month = checked.export_month
    return [
        Message(
            "note.after_export_month" if month else "note.after_export_date",
            locale_file="ingest",
            count=count,
            column=f"'{header}'",
            date=checked.export_date.strftime("%m-%Y" if month else "%d-%m-%Y"),
            line=line,
            day=f"'{written}'",
        )
    ]
