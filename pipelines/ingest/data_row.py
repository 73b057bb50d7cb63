"""Lines between a file's header and its data: survey tools write more than one header
line (Qualtrics: the question texts on line 2, its import ids on line 3), and read as
data each would be a row of unreadable cells. A column mapping's ``data_row`` names the
file's first line of data; the lines from the header up to it are left out of the source
table, and a note on the file says which and how many (nothing goes unsaid).
"""

from __future__ import annotations

import duckdb

from pipelines.ingest.recognise import note
from pipelines.ingest.source_table import SourceTable, _new_name


def skip_to_data_row(con: duckdb.DuckDBPyConnection, source: SourceTable, data_row: int) -> None:
    """``source`` from its line ``data_row`` on (the file's own line numbers)."""
    first, last, rows = con.execute(
        f"select min(_line), max(_line), count(*) from {source.name} where _line < ?",
        [data_row],
    ).fetchall()[0]
    view = _new_name("data")
    keep = f"select * from {source.name} where _line >= {data_row:d}"
    con.execute(f"create temp view {view} as {keep}")
    source.owned.append(("view", view))
    source.name = view
    source.malformed = [m for m in source.malformed if m[0] >= data_row]
    if rows:
        source.notes.append(note("data_row", first=first, last=last, rows=rows, data_row=data_row))
