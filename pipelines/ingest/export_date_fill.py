"""A snapshot's moment taken from the export's own date where the export has no column
for it: an HR system's monthly export of who works where names its month only in its
file name or title (``medewerkers per 31-03-2026.csv``), not in a column, so the file
could not be loaded at all (helper-225). The mapping says it beside ``export_date``
(``from_export_date: snapshot_month``); every row then gets the export date's month, and
the file's note says so.

Only a monthly snapshot's month may be filled so (the month an HR export or an HR
aggregates export describes): a date of an event (a gift received, an allocation) is the
row's own, never the export's, and so is a survey's wave or a feedback round (helper-232:
a survey exported again a week later became a second wave, every answer counted twice).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import duckdb

from pipelines.core.texts import Message
from pipelines.ingest.readers import unusable
from pipelines.ingest.source_table import SourceTable, sql_text

if TYPE_CHECKING:
    from pipelines.ingest.mapping import Mapping

# dataset: the column that says which month its rows describe
SNAPSHOT_COLUMNS = {"employees": "snapshot_month", "hr_aggregates": "month"}


def fill_refused(mapping: Mapping) -> tuple[str, dict[str, object]] | None:
    """Why a mapping's ``from_export_date`` cannot be (a mapping.* message and its
    values), or None."""
    column = mapping.from_export_date
    if column is None:
        return None
    if SNAPSHOT_COLUMNS.get(mapping.dataset) != column:
        allowed = ", ".join(f"{c} ({d})" for d, c in SNAPSHOT_COLUMNS.items())
        return "from_export_date_column", {"value": column, "allowed": allowed}
    if mapping.export_date is None:
        return "from_export_date_undated", {"value": column}
    named = [header for header, target in mapping.columns.items() if target == column]
    if named:
        return "from_export_date_mapped", {"value": column, "header": named[0]}
    return None


def fill_from_export_date(
    con: duckdb.DuckDBPyConnection, source: SourceTable, mapping: Mapping | None, day: dt.date
) -> None:
    """Add the mapping's ``from_export_date`` column to ``source``: ``day``'s month. A
    file with a column of that name itself is unusable (which of the two would count?)."""
    column = mapping.from_export_date if mapping is not None else None
    if column is None or mapping is None:
        return
    if column in (h.strip().lower() for h in source.header):
        raise unusable("from_export_date_in_file", source.path, column=column)
    text = f"{day:%Y-%m}"
    added = f"c{len(source.header)}"
    for table in dict.fromkeys((source.name, source.cells)):
        con.execute(f"alter table {table} add column {added} varchar default {sql_text(text)}")
    source.header.append(column)
    source.notes.append(
        Message("note.from_export_date", locale_file="ingest", column=column, value=text)
    )
