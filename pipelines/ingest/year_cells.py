"""A date cell in an XLSX whose number format shows only its year (``yyyy``, ``jjjj``,
``[$-413]yyyy``, ``yyyy;@``: Excel shows ``2025``; xlsx_formats.shows_only_year) is read
as it shows where the column means a year (is_year): vehicle_use's ``year`` reads 2025,
not the date 2025-01-01 it holds, which was quarantined as no whole number (helper-104).
Every other column reads the date the cell holds (a day is there, only not shown), as a
``mm-yyyy`` or ``d-m-yyyy`` cell is read: a date column takes it (but a date column of
events not on 1 January: _hidden_days), a key, an amount or a
count refuses it; a year written as text (``2019``) stays no date.

The reader (xlsx_formats.cells_shown) writes such a cell as the date it holds, a
YearCell, and keeps its lines per column (readers.CellFacts.year_lines); read_years, once
the columns' types are known, reads the year in a column that means one and says so in a
note on the file. A wide export's columns (unpivoted) keep the date (CellFacts.kept).

So does a date cell whose format shows its month and year alone (``mmm-yy``, Excel shows
``mrt-26``): a MonthCell, read as that month in a month column or a period (is_month;
helper-138: 2026-03-15 shown as mrt-26 was refused as no month), and as the date it
holds in a date column, except one of events on the month's first (_hidden_days: Excel's
day of a cell typed jan-25).

And a year column's cell that is the first of January of a year, written as a date
(``01-01-2025``, ``2025-01-01``, with midnight or not; a date cell of that day in any
format), is that year, with a note (helper-160: a fleet register's year as a date was
refused); any other date there is no year and stays refused.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from pipelines.core.texts import Message
from pipelines.ingest.dates import NO_DATE_MARKERS
from pipelines.ingest.quality.base import DatasetSpec
from pipelines.ingest.shown_text import frame_table, replace_by_line, rewrite_cells
from pipelines.ingest.source_table import SourceTable, sql_text


def is_year(column: str, types: dict[str, str]) -> bool:
    """Whether a canonical column means a year (vehicle_use.year): a whole number named
    year or ..._year. Only there is a date cell shown as its year read so: in a key, an
    amount or any other column it is the date it holds, which that column's rule refuses
    (helper-107: keys 45000 and 45100 formatted yyyy were both '2023', one person; amounts
    of 25 and 75 were 1900)."""
    return types.get(column) == "integer" and (column == "year" or column.endswith("_year"))


class YearCell(str):
    """The text of a date cell (``2025-01-01``) whose number format shows its year alone."""

    __slots__ = ()


class MonthCell(str):
    """The text of a date cell (``2026-03-15``) whose number format shows its month and
    year alone (``mrt-26``; xlsx_formats.shows_only_month)."""

    __slots__ = ()


def is_month(column: str, spec: DatasetSpec) -> bool:
    """Whether a canonical column is a month (hr_aggregates.month) or a period whose
    month without a day is its first day (Column.months): there a date cell shown as its
    month and year is read as that month (helper-138: 2026-03-15 shown as mrt-26 was
    refused as no month); a date column keeps the day the cell holds."""
    column_of = {c.name: c for c in spec.columns}
    found = column_of.get(column)
    return found is not None and (found.type == "month" or bool(found.months))


def read_years(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    spec: DatasetSpec,
    rename: dict[str, str],
) -> None:
    """``source`` with each YearCell of a column that means a year as its year
    (``2025``), each MonthCell of a month column as its month (``2026-03``), and a note
    per such column naming its first line and value."""
    types = {c.name: c.type for c in spec.columns}
    _read_shown(con, source, rename, source.facts.year_lines, lambda c: is_year(c, types), 4)
    _read_shown(con, source, rename, source.facts.month_lines, lambda c: is_month(c, spec), 7)
    _january_years(con, source, rename, types)
    _hidden_days(con, source, spec, rename)


# A date cell's text that is the first of a month, or of January (midnight or no time)
FIRST_OF_MONTH = r"[0-9]{4}-[0-9]{2}-01(?:[ T]00:00(?::00)?)?"
FIRST_OF_JANUARY = r"[0-9]{4}-01-01(?:[ T]00:00(?::00)?)?"


def _flags(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    columns: list[int],
    lines: dict[int, list[int]],
    prefix: str,
) -> str:
    """A table of the lines of ``columns``' cells, ``y{i}`` true where column i's is one."""
    flags = pd.DataFrame({"_line": sorted({n for i in columns for n in lines[i]})})
    for i in columns:
        flags[f"y{i}"] = flags["_line"].isin(lines[i])
    return frame_table(con, source, flags, prefix)


def _all_first(
    con: duckdb.DuckDBPyConnection, source: SourceTable, i: int, lines: list[int], first: str
) -> bool:
    """Whether every such cell of column ``i`` is on the 1st: one on another day shows the
    column holds its days, only not shown, so none of them is Excel's (helper-177)."""
    listed = ", ".join(str(int(n)) for n in lines)
    [(other,)] = con.execute(
        f"select count(*) from {source.cells} where _line in ({listed}) "
        f"and not regexp_full_match(c{i}, {sql_text(first)})"
    ).fetchall()
    return other == 0


def _hidden_days(
    con: duckdb.DuckDBPyConnection, source: SourceTable, spec: DatasetSpec, rename: dict[str, str]
) -> None:
    """In a date column of events (not a month or a period), a date cell shown as its year
    alone on 1 January, or as its month and year on the month's first, as it shows (2025,
    2026-03): the column refuses it as it refuses that text, since the day (and the
    month) may be Excel's own, the cell typed as jan-25 or 2025 (helper-175: such gifts
    loaded as received on the 1st, a year's in January). Another day is the cell's own,
    only not shown, and read as the date it is; so is every such cell of a column where
    one holds another day, and of an HR file (a hire's 1st is the usual day)."""
    if spec.name == "employees":  # a hire's or a role's first of the month is the usual day
        return  # (helper-177: a workbook of hire dates shown mmm-yyyy was refused)
    column_of = {c.name: c for c in spec.columns}
    for lines, width, first in (
        (source.facts.year_lines, 4, FIRST_OF_JANUARY),
        (source.facts.month_lines, 7, FIRST_OF_MONTH),
    ):
        columns = [
            i
            for header, canonical in rename.items()
            if canonical in column_of
            and column_of[canonical].type == "date"
            and not is_month(canonical, spec)
            and (i := source.header.index(header)) in lines
            and _all_first(con, source, i, lines[i], first)
        ]
        if not columns:
            continue
        table = _flags(con, source, columns, lines, "hidden")
        shown = ", ".join(
            f"case when t.y{i} and regexp_full_match(s.c{i}, {sql_text(first)}) "
            f"then left(s.c{i}, {width}) else s.c{i} end as c{i}"
            for i in columns
        )
        replace_by_line(con, source, table, lambda _, shown=shown: shown, "hidden")


# 1 January of a year: 2025-01-01, 01-01-2025, 1/1/2025, 1.1.2025, at midnight or without,
# with spaces (no-break ones too: helper-168) around it
_SPACE = r"[\s\x{00A0}\x{202F}]*"
JANUARY_FIRST = (
    rf"{_SPACE}(?:([0-9]{{4}})-0?1-0?1|0?1[-/.]0?1[-/.]([0-9]{{4}}))"
    rf"(?:[ T]0?0:00(?::00(?:[.]0+)?)?)?{_SPACE}"
)


def _january_years(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    rename: dict[str, str],
    types: dict[str, str],
) -> None:
    """Each year column's cells that are 1 January of a year as that year, with a note."""
    for header, canonical in rename.items():
        if not is_year(canonical, types):
            continue
        i = source.header.index(header)
        found_year = (
            f"coalesce(nullif(regexp_extract(c{i}, {sql_text(JANUARY_FIRST)}, 1), ''), "
            f"regexp_extract(c{i}, {sql_text(JANUARY_FIRST)}, 2))"
        )
        # not the days that mean no date (1-1-1900, 1-1-1970: dates.NO_DATE_MARKERS)
        markers = ", ".join(sql_text(f"{day:%Y}") for day in NO_DATE_MARKERS)
        dated = f"regexp_full_match(c{i}, {sql_text(JANUARY_FIRST)})"
        match = f"({dated} and {found_year} not in ({markers}))"
        found = con.execute(
            f"select count(*), min(_line), arg_min(c{i}, _line), arg_min({found_year}, _line) "
            f"from {source.cells} where {match}"
        ).fetchone()
        if not found or not found[0]:
            continue
        year = f"case when {match} then {found_year} else c{i} end as c{i}"
        rewrite_cells(con, source, "jan", f"select * replace ({year}) from {{table}}")
        count, line, cell, first_year = found
        source.notes.append(
            Message(
                "note.january_years",
                locale_file="ingest",
                column=header,
                count=count,
                line=line,
                value=cell,
                year=first_year,
            )
        )


def _read_shown(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    rename: dict[str, str],
    lines: dict[int, list[int]],
    means: object,
    width: int,
) -> None:
    """The cells at ``lines`` of each column that ``means`` (its canonical name) a year or
    a month as their first ``width`` characters (2025, 2026-03), with the note."""
    columns = {
        i: header
        for header, canonical in rename.items()
        if (i := source.header.index(header)) in lines and means(canonical)  # type: ignore[operator]
    }
    if not columns:
        return
    table = _flags(con, source, list(columns), lines, "years")
    year = ", ".join(
        f"case when t.y{i} then left(s.c{i}, {width}) else s.c{i} end as c{i}" for i in columns
    )
    first = {
        i: con.execute(
            f"select _line, c{i} from {source.cells} where _line = {min(lines[i]):d}"
        ).fetchone()
        for i in columns
    }
    replace_by_line(con, source, table, lambda _: year, "years")
    for i, header in columns.items():
        line, cell = first[i] or (min(lines[i]), "")
        source.notes.append(
            Message(
                "note.year_cells" if width == 4 else "note.month_cells",
                locale_file="ingest",
                column=header,
                count=len(lines[i]),
                line=line,
                value=cell,
                year=(cell or "")[:width],
            )
        )


def read_shown(
    con: duckdb.DuckDBPyConnection, source: SourceTable, spec: DatasetSpec, rename: dict[str, str]
) -> None:
    """An XLSX's cells read as their styles show them, where that is what they mean: a
    year cell as its year (read_years), a number shown as a percentage outside a decimal
    column as its number (xlsx_formats.read_percents), a number shown with its format's
    text (TW-000101) as that text in a text column (shown_text.read_text_cells)."""
    from pipelines.ingest.shown_text import read_text_cells
    from pipelines.ingest.xlsx_formats import read_euros, read_percents

    read_years(con, source, spec, rename)
    read_percents(con, source, spec, rename)
    read_euros(con, source, spec, rename)
    read_text_cells(con, source, spec, rename)
