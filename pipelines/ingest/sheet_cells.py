"""A worksheet's rows as openpyxl's read-only mode gives them (``iter_rows`` from row 1,
its cells' values or cells with their style), read from the sheet's XML by expat
directly: openpyxl builds an element and, for an inline string, an object per cell
(``gifts.xlsx`` of the large demo, its 69,930 cells: openpyxl 2.1-2.2 s, here 0.9 s, on
the development VM at half its usual speed).

The workbook is still opened by openpyxl (load_workbook, read-only): its sheets, shared
strings, styles and date system, and which styles are dates or durations, are
openpyxl's, and each cell's value is converted by openpyxl's own functions as its
reader converts it (``_cast_number``, ``from_excel``, ``from_ISO8601``). Only the walk
over the cells is ours; tests/test_sheet_cells.py holds it to openpyxl's, row by row, on
generated workbooks (both of openpyxl's ways of writing strings, dates in both date
systems, gaps, styles) and on hand-written sheet XML (rows and cells without a number,
rows out of order, rich and phonetic text, formulas, ISO dates, errors).

A value is as openpyxl reads it with ``data_only``: a formula's stored result, never its
text. The cell limit is ``uploads.capped_rows``' own: rows so far times the widest row.
A sheet that declares a DTD is refused (an Office package may hold none, and its
entities are how XML is blown up); malformed XML raises expat's ExpatError, which
xlsx_reader turns into the file's own refusal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any
from xml.parsers import expat

from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_to_tuple,
    get_column_letter,
)
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._reader import _cast_number

from pipelines.ingest.xlsx_formats import meridiem_styles

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ROW, CELL, VALUE, INLINE = f"{MAIN} row", f"{MAIN} c", f"{MAIN} v", f"{MAIN} is"
TEXT, RUN = f"{MAIN} t", f"{MAIN} r"
CHUNK = 1 << 16
EXCEL_ROWS = 1_048_576  # the last row Excel has: a row numbered beyond it is no export's
COORDINATE = re.compile(r"([A-Z]{1,3})[0-9]+")


class StyledCell:
    """A cell's value and style id: what xlsx_formats.cells_shown reads of openpyxl's
    ReadOnlyCell."""

    __slots__ = ("value", "_style_id")

    def __init__(self, value: object, style_id: int) -> None:
        self.value = value
        self._style_id = style_id


EMPTY = StyledCell(None, 0)


def _column(coordinate: str, cache: dict[str, int]) -> int:
    """A cell reference's column number (B12: 2); one openpyxl cannot read raises as there."""
    plain = COORDINATE.fullmatch(coordinate)
    if plain is None:
        return coordinate_to_tuple(coordinate)[1]
    letters = plain[1]
    if letters not in cache:
        cache[letters] = column_index_from_string(letters)
    return cache[letters]


class _Walk:
    """Expat's callbacks over one sheet: each <row> as (its number, its cells), a cell as
    (column, value, style id), its value as openpyxl's WorkSheetParser.parse_cell makes it."""

    def __init__(self, sheet: Any) -> None:
        book = sheet.parent
        self.strings = sheet._shared_strings
        self.epoch = book.epoch
        self.dates = book._date_formats
        self.durations = book._timedelta_formats
        self.meridiem = meridiem_styles(book)  # a time of day as AM/PM: shown so
        self.done: list[tuple[int, list[tuple[int, object, int]]]] = []
        self.row_number = 0
        self.cells: list[tuple[int, object, int]] | None = None
        self.column = 0
        self.kind = "n"
        self.style = 0
        self.value: str | None = None
        # an inline string: its text (<is><t>), its runs' (<is><r><t>); None: no <is>
        self.plain: str | None = None
        self.runs: list[str] | None = None
        self.run_text: str | None = None
        self.depth = 0  # elements open inside the cell
        self.collect: list[str] | None = None  # where the text read now goes
        self.letters: dict[str, int] = {}

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.cells is not None and name != CELL and self.depth:
            self.depth += 1
            if name == VALUE and self.depth == 2:
                self.collect = []
            elif name == INLINE and self.depth == 2:
                self.runs = []
            elif name == RUN and self.depth == 3 and self.runs is not None:
                self.run_text = None
            elif name == TEXT and self.runs is not None:
                # <is><t>, or a run's <is><r><t>; a phonetic guide's (<is><rPh><t>) is
                # read too, but kept only by the end of a run (no guide is a run's)
                self.collect = [] if self.depth in (3, 4) else None
            return
        if name == ROW:
            number, self.column = attrs.get("r"), 0  # a damaged number: said after the last
            if number is None:
                self.row_number += 1
            else:
                try:
                    self.row_number = int(number)
                except ValueError:
                    as_float = float(number)
                    if not as_float.is_integer():
                        raise ValueError(f"{number} is not a valid row number") from None
                    self.row_number = int(as_float)
            self.cells, self.column = [], 0
        elif name == CELL and self.cells is not None:
            self.depth = 1
            self.kind = attrs.get("t", "n")
            coordinate, previous, self.column = attrs.get("r"), self.column, -1  # -1: unread
            self.column = _column(coordinate, self.letters) if coordinate else previous + 1
            style = attrs.get("s", 0)
            self.style = int(style) if style else 0
            self.value, self.collect = None, None
            self.plain, self.runs = None, None

    def text(self, data: str) -> None:
        if self.collect is not None:
            self.collect.append(data)

    def end(self, name: str) -> None:
        if self.depth == 0:
            if name == ROW and self.cells is not None:
                self.done.append((self.row_number, self.cells))
                self.cells = None
            return
        self.depth -= 1
        if name == VALUE and self.depth == 1 and self.collect is not None:
            if self.value is None:  # the first <v>, as ElementTree's findtext
                self.value = "".join(self.collect) or None
            self.collect = None
        elif name == TEXT and self.collect is not None and self.runs is not None:
            # as openpyxl's Text: the last <t> of the string, of each run
            if self.depth == 2:
                self.plain = "".join(self.collect)
            else:
                self.run_text = "".join(self.collect)
            self.collect = None
        elif name == RUN and self.depth == 2 and self.runs is not None:
            if self.run_text is not None:
                self.runs.append(self.run_text)
            self.run_text = None
        elif name == CELL and self.depth == 0:
            assert self.cells is not None
            self.cells.append((self.column, self._converted(), self.style))

    def _converted(self) -> object:
        kind, value = self.kind, self.value
        if kind == "inlineStr":  # Text.content: its text, then its runs'
            return None if self.runs is None else "".join([self.plain or "", *self.runs])
        if value is None:
            return None
        if kind == "n":
            number = _cast_number(value)
            if self.style in self.dates:
                try:
                    moment = from_excel(number, self.epoch, timedelta=self.style in self.durations)
                except (OverflowError, ValueError):
                    return "#VALUE!"  # openpyxl's reading of a date it cannot hold
                if (
                    self.style in self.meridiem
                    and isinstance(moment, dt.time)
                    and moment != dt.time(0)
                ):
                    # 6:00 PM is a time of day, not 18 hours (helper-230): as Excel shows it;
                    # 12:00 AM is 0 either way (helper-233: an overtime column's zeros)
                    hour = moment.hour % 12 or 12
                    return f"{hour}:{moment.minute:02d} {'PM' if moment.hour >= 12 else 'AM'}"
                return moment
            return number
        if kind == "s":
            return self.strings[int(value)]
        if kind == "b":
            return bool(int(value))
        if kind == "d":
            return from_ISO8601(value)
        return value  # str (a formula's text result), e (an error: #N/A), or unknown


def _no_dtd(*_: object) -> None:
    raise expat.ExpatError("het werkblad heeft een DTD (<!DOCTYPE>), wat een werkmap nooit heeft")


def _parsed(sheet: Any) -> Iterator[tuple[int, list[tuple[int, object, int]]]]:
    walk = _Walk(sheet)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _no_dtd
    parser.buffer_text = True
    parser.StartElementHandler = walk.start
    parser.EndElementHandler = walk.end
    parser.CharacterDataHandler = walk.text
    with sheet.parent._archive.open(sheet._worksheet_path) as source:
        while chunk := source.read(CHUNK):
            _parse(parser, walk, chunk, False)
            yield from walk.done
            walk.done.clear()
        _parse(parser, walk, b"", True)
        yield from walk.done


def _parse(parser: Any, walk: _Walk, chunk: bytes, last: bool) -> None:
    """One chunk through expat; a row or cell its callbacks cannot read (a row numbered
    5.5, a shared string past the table's end, a number cell holding abc: a damaged or
    hand-edited workbook) is ExpatError, which xlsx_reader says is a damaged workbook,
    naming the row (helper-193: a Python traceback, and the run's other files unread)."""
    try:
        parser.Parse(chunk, last)
    except (ValueError, IndexError, KeyError, TypeError, OverflowError):
        at, column = walk.row_number, walk.column  # -1: a cell whose place is unreadable
        where = f"in rij {at}, kolom {get_column_letter(column)}" if column > 0 else ""
        where = where or (f"in rij {at}" if column < 0 else f"na rij {at}" if at else "")
        where = where or "voor de eerste rij"
        raise expat.ExpatError(f"een rij of cel van het werkblad is onleesbaar, {where}") from None


def sheet_rows(sheet: Any, name: str, max_cells: int, values_only: bool) -> Iterator[tuple]:
    """The rows of a read-only openpyxl ``sheet`` from row 1 as ``uploads.capped_rows``
    gives them (``sheet.iter_rows(values_only=...)``, the dimension the file declares
    ignored): a missing row as ``[]``, a row without cells as ``()``, else a tuple up to its
    last cell, values or StyledCells; UploadRefused past ``max_cells``, and at a row
    numbered beyond Excel's last (openpyxl would give every empty row up to it). The
    missing rows are given one by one, each counted against the limit as it goes
    (helper-129: a gap to row 30,000,000 built first took 2.2 GB)."""
    from pipelines.ingest.uploads import UploadRefused

    widest, number = 0, 0

    def counted(row: Any) -> Any:
        # the rows up to one with a value, each as wide as the widest such row: empty
        # rows below the data, however far a format reaches, hold nothing and cost an
        # empty tuple each (helper-201: a register formatted to row 300,000 was refused
        # as more than 2,000,000 cells)
        nonlocal widest, number
        number += 1
        if row:
            widest = max(widest, len(row))
            if number * widest > max_cells:
                raise UploadRefused(name, "xlsx_cells", sheet=repr(sheet.title), max=max_cells)
        return row

    for index, cells in _parsed(sheet):
        if index > EXCEL_ROWS:
            raise UploadRefused(
                name, "xlsx_rows", sheet=repr(sheet.title), row=index, max=EXCEL_ROWS
            )
        while number + 1 < index:  # rows the sheet leaves out
            yield counted([])
        if number < index:
            yield counted(_row(cells, values_only))
        elif any(value is not None for _, value, _ in cells):
            # a row numbered at or below one before it: openpyxl's read-only reading
            # drops it, without a word (helper-269 F5: a gift went missing), so the file
            # is refused; one of formats alone holds nothing
            raise UploadRefused(
                name, "xlsx_row_order", sheet=repr(sheet.title), row=index, before=number
            )


def _row(cells: list[tuple[int, object, int]], values_only: bool) -> tuple:
    """A row's values (or StyledCells) up to its last cell; () when no cell holds a
    value (cells with a format alone: their style says nothing of a value)."""
    if all(value is None for _, value, _ in cells):
        return ()
    width = cells[-1][0]
    out: list[Any] = [None if values_only else EMPTY] * width
    for column, value, style in cells:
        if 1 <= column <= width:
            out[column - 1] = value if values_only else StyledCell(value, style)
    return tuple(out)
