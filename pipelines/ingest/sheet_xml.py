"""What openpyxl's read-only mode does not tell of a worksheet, read from its XML: merged
ranges, formula cells without a stored result, hidden rows and columns. ``check_sheet``
refuses a table whose data they would misread (xlsx_reader.read_xlsx calls it) and notes
what was hidden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.core.texts import Message
from pipelines.ingest.readers import RawTable, unusable


def check_sheet(path: Path, table: RawTable, header_line: int, part: str | None) -> None:
    """Refuse ``table`` (read from the worksheet ``part`` of ``path``) for formulas
    without a stored result; keep its merged cells down data rows (refused where a column
    is read: header_rows.refuse_merged); note hidden rows/columns."""
    sheet = scan_sheet(path, part)
    _merged_data_cells(table, sheet.merged)
    _refuse_formulas_without_value(path, table, header_line, sheet.unresolved)
    _note_hidden(table, sheet)


def _note_hidden(table: RawTable, sheet: SheetXml) -> None:
    """Rows and columns hidden in Excel (a filter left on, a column folded away) are
    data all the same and are read; the log says so, as the one who saved the file may
    have meant them left out."""
    rows = sorted(sheet.hidden_rows & set(table.lines))
    if rows:
        lines = ", ".join(map(str, rows[:10])) + (" ..." if len(rows) > 10 else "")
        table.notes.append(
            Message("note.xlsx_hidden_rows", locale_file="ingest", count=len(rows), lines=lines)
        )
    columns = [table.header[i - 1] for i in sorted(sheet.hidden_columns) if i <= len(table.header)]
    if columns:
        table.notes.append(
            Message("note.xlsx_hidden_columns", locale_file="ingest", columns=", ".join(columns))
        )


# In a worksheet's XML (any namespace prefix): a formula element, a merged range, a cell.
NS = rb"(?:[A-Za-z_][\w.-]*:)?"
FORMULA_ELEMENT = re.compile(rb"<" + NS + rb"f[\s>/]")
MERGED_RANGE = re.compile(rb"<" + NS + rb'mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
# a cell's attributes (no '<' in XML's) and body never run past the next cell's start:
# a comment of '<c ' without '>' or '</c>'
# made each match scan to the end, hours for a megabyte (helper-269 F4)
CELL = re.compile(
    rb"<" + NS + rb"c\b([^<>]*?)(?:/>|>((?:[^<]+|<(?!" + NS + rb"c\b))*?)</" + NS + rb"c>)", re.S
)
CELL_REF = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
CELL_TYPE = re.compile(rb'\bt="([A-Za-z]+)"')
FORMULA = re.compile(rb"<" + NS + rb"f\b[^>]*?(?:/>|>(.*?)</" + NS + rb"f>)", re.S)
STORED = re.compile(rb"<" + NS + rb"v>(.+?)</" + NS + rb"v>", re.S)
HIDDEN_ROW = re.compile(rb"<" + NS + rb'row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
HIDDEN_COLUMNS = re.compile(rb"<" + NS + rb'col\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
ROW_NUMBER = re.compile(rb'\br="([0-9]+)"')
COLUMN_SPAN = (re.compile(rb'\bmin="([0-9]+)"'), re.compile(rb'\bmax="([0-9]+)"'))


@dataclass
class SheetXml:
    merged: list[str] = field(default_factory=list)  # ranges such as "E2:E5"
    # formula cells without a stored result: (column letters, row, formula text)
    unresolved: list[tuple[str, int, str]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)  # hidden in Excel (a filter, say)
    hidden_columns: set[int] = field(default_factory=set)  # 1-based


def scan_sheet(path: Path, part: str | None = None) -> SheetXml:
    """What openpyxl's read-only mode does not tell of the worksheet ``part`` (the zip
    member, e.g. ``xl/worksheets/sheet1.xml``; every worksheet when not known): its merged
    ranges, and its formula cells without a stored result. Excel stores a formula's
    result when it saves; a tool that writes formulas leaves ``<v/>`` (a number) or no
    ``<v>``; an empty text result (``=ALS(...;"";...)``, ``t="str"``) is a result. The
    part is streamed; only a sheet with formulas is read whole for its cells (the zip's
    limits are checked before)."""
    import zipfile

    found = SheetXml()
    merged: set[str] = set()
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            name = info.filename
            if part is not None and name != part.lstrip("/"):
                continue
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            tail, formulas, spans = b"", False, set()
            with z.open(info) as stream:
                while chunk := stream.read(1 << 20):
                    text = tail + chunk
                    formulas = formulas or bool(FORMULA_ELEMENT.search(text))
                    merged.update(m.decode() for m in MERGED_RANGE.findall(text))
                    for tag in HIDDEN_ROW.findall(text):
                        if (number := ROW_NUMBER.search(tag)) is not None:
                            found.hidden_rows.add(int(number[1]))
                    for tag in HIDDEN_COLUMNS.findall(text):
                        low, high = (m.search(tag) for m in COLUMN_SPAN)
                        if low is not None and high is not None:
                            spans.add((int(low[1]), min(int(high[1]), 16384)))
                    tail = chunk[-200:]
            # each span once, the columns of all at the end (helper-269 F4: a tag repeated
            # hid the 16,384 columns again each time, half a minute for 0.1 MB)
            for low, high in _merged(spans):
                found.hidden_columns.update(range(low, high + 1))
            if formulas:
                found.unresolved += _unresolved_formulas(z.read(info))
    found.merged = sorted(merged)
    return found


def _merged(spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Column spans (low, high) joined where they overlap or touch."""
    out: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if out and low <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], high))
        else:
            out.append((low, high))
    return out


def _unresolved_formulas(xml: bytes) -> list[tuple[str, int, str]]:
    import html

    out = []
    for attributes, body in CELL.findall(xml):
        formula = FORMULA.search(body or b"")
        if formula is None or STORED.search(body):
            continue
        kind = CELL_TYPE.search(attributes)
        if kind is not None and kind[1] in (b"str", b"s", b"inlineStr"):
            continue  # an empty text is the result
        ref = CELL_REF.search(attributes)
        if ref is not None:
            text = html.unescape((formula[1] or b"").decode("utf-8", "replace"))
            out.append((ref[1].decode(), int(ref[2]), "=" + text))
    return out


def _merged_data_cells(table: RawTable, merged: list[str]) -> None:
    """A merged range down data rows (a grouped report: one district over eight lettings)
    holds its value in its first cell only; the cells below read as empty, so those rows
    would lose the value without a word: kept per column, for the file to be refused
    where that column is read (helper-197: a remark merged over two rows in a column no
    mapping reads refused the workbook). A merge within one row (a totals label over three
    columns: that row is checked as any other), one outside the table's columns (a note
    beside it), above the header (a title) or over rows that hold no data passes."""
    from openpyxl.utils.cell import range_boundaries

    data = set(table.lines)
    for ref in merged:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        rows = [r for r in range(min_row, max_row + 1) if r in data]
        if min_col > len(table.header) or len(rows) < 2:
            continue
        for column in range(min_col, min(max_col, len(table.header)) + 1):  # each it covers
            table.facts.merged.setdefault(column - 1, (ref, rows[0]))


# A formula that sums, counts or averages rows (=SUM(F2:F4), =SOM(...), =SUBTOTAL(9;...)),
# as a totals row holds one: openpyxl and report tools write it without its result.
AGGREGATE = re.compile(
    r"=\s*(?:_xlfn\.)?(?:SUM|SOM|SUBTOTAL|SUBTOTAAL|COUNTA?|AANTALARG|AANTAL|AVERAGE"
    r"|GEMIDDELDE|MIN|MAX)\s*\(",
    re.IGNORECASE,
)


def _labelled_total(table: RawTable, row: int, at: dict[int, int]) -> bool:
    """Whether a row of ``table`` says it is a total in one of its cells (Totaal,
    Eindtotaal, Som: trailer.TOTAL_WORDS)."""
    from pipelines.ingest.trailer import TOTAL_WORDS  # the ingest's, read lazily

    if row not in at:  # ``at``: the table's rows by line
        return False
    words = re.compile(TOTAL_WORDS.replace("{named}", r"[^\s\S]"))
    cells = table.rows[at[row]]
    return any(isinstance(c, str) and words.search(" ".join(c.lower().split())) for c in cells)


def _refuse_formulas_without_value(
    path: Path, table: RawTable, header_line: int, unresolved: list[tuple[str, int, str]]
) -> None:
    """A formula whose result the file does not hold reads as an empty cell, and a row of
    them as a blank row: data lost without a word. Such a file is unusable, naming the
    first such cell in the table's columns below the header; a formula with its stored
    result is read as that result. A line already quarantined for its number of fields
    is said there."""
    from openpyxl.utils.cell import column_index_from_string

    malformed = {line for line, _fields, _width in table.malformed}
    # the rows by line once (a list's index per formula was quadratic: helper-254 F2,
    # 80,000 gifts with a SUBTOTAL every 5 rows took 21 s against 3 s)
    at = {line: i for i, line in enumerate(table.lines)}
    for letters, row, formula in unresolved:
        i = column_index_from_string(letters) - 1
        if row <= header_line or i >= len(table.header) or row in malformed:
            continue
        if AGGREGATE.match(formula) and _labelled_total(table, row, at):
            continue  # a totals row's sum, which the trailer leaves out (helper-225)
        raise unusable(
            "xlsx_formula_without_value",
            path,
            cell=f"{letters}{row}",
            line=row,
            column=table.header[i] or "-",
        )  # not the formula: its text may be a comment's (="Piet ...")
