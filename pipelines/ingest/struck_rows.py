"""Rows struck through in a workbook, every filled cell of them (xlsx_reader: a
register's way to cross out a withdrawn gift): read as any row, as no cell says it is
withdrawn, and said with their lines (helper-262 F3: they loaded as live rows without a
word). Only those still in the file's table once its totals row, subtotals and the
mapping's drop_rows are left out (helper-264 F6: a struck totals row, and rows drop_rows
left out, were said to be read)."""

from __future__ import annotations

import duckdb

from pipelines.core.texts import Message
from pipelines.ingest.source_table import SourceTable

LINES_SHOWN = 10


def struck_rows(con: duckdb.DuckDBPyConnection, source: SourceTable) -> list[Message]:
    struck = source.facts.struck_lines
    if not struck:
        return []
    rows = con.execute(
        f"select distinct _line from {source.name} where _line in (select unnest(?)) order by 1",
        [struck],
    ).fetchall()
    lines = [line for (line,) in rows]
    if not lines:
        return []
    shown = ", ".join(map(str, lines[:LINES_SHOWN])) + (" ..." if len(lines) > LINES_SHOWN else "")
    return [Message("note.xlsx_struck_rows", locale_file="ingest", count=len(lines), lines=shown)]
