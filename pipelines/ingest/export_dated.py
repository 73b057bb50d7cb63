"""A dated export that holds events after its own date: an export cannot run ahead of the
day it was made, so the date in its name (or its mapping) is wrong, and the export then
counts as older than it is: where it shares keys or periods with a truly older export,
that one wins (helper-198: June's allocations saved as allocaties_2025-03-30.csv, the
03 a typo for 06, lost every shared key to March's export, 40 corrected channels back to
their old values, and nothing was said). Said, not refused: the rows may be right.
"""

from __future__ import annotations

import duckdb

from pipelines.core.texts import Message
from pipelines.ingest.checks import Checked
from pipelines.ingest.quality.base import DatasetSpec
from pipelines.ingest.reexports import EVENT_DATES

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
    con: duckdb.DuckDBPyConnection, spec: DatasetSpec, checked: Checked
) -> list[Message]:
    """A note when rows of ``checked`` (its rows that load) are dated after its export
    date: how many of the file's lines (a wide survey's line is several answers), the
    first line and its date."""
    column = DATED_BY.get(spec.name)
    if checked.export_date is None or column is None:
        return []
    after = f'cast("{column}" as date) > cast($1 as date)'
    count, line, day = con.execute(
        f"select count(distinct _source_line), min(_source_line), "
        f'arg_min(cast("{column}" as date), _source_line) from {checked.good} where {after}',
        [checked.export_date],
    ).fetchone()
    if not count:
        return []
    return [
        Message(
            "note.after_export_date",
            locale_file="ingest",
            count=count,
            column=column,
            date=checked.export_date.strftime("%d-%m-%Y"),
            line=line,
            day=day.strftime("%d-%m-%Y"),
        )
    ]
