"""Reading one worksheet of an XLSX into rows of text cells with their row numbers
(readers.read_table calls it), as openpyxl reads it streaming in its read-only mode: the
workbook opened by openpyxl, its cells walked by sheet_cells.py.

The workbook is checked before it is opened (pipelines/ingest/uploads.py ``check_xlsx``,
against a zip bomb) and read under a cell limit (``capped_rows``); what the read-only mode
does not tell is read from the sheet's XML (sheet_xml.py: merged cells, formulas without a
stored result, hidden rows and columns), and what a number format shows (another
currency, leading zeros, a year alone) from the workbook's styles (xlsx_formats.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.utils.escape import unescape

from pipelines.core.texts import InLanguage, Message
from pipelines.ingest.cell_texts import cell_text
from pipelines.ingest.readers import SIGNATURES, RawTable, _no_header, unusable

# Office's old compound file: what Excel saves a workbook with a password as (encrypted,
# under its .xlsx name), and an old .xls renamed (helper-101: 'File is not a zip file').
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

if TYPE_CHECKING:
    from pipelines.core.catalogue import UploadSettings

BESIDE_SHOWN = 5  # cells beside the table the note names

SERIAL_DAYS_1904 = 1462  # from 1900-01-01 (serial 2 in Excel's count) to 1904-01-01


def _has_cells(sheet: object, path: Path, limit: int) -> bool:
    """Whether a worksheet holds any non-empty cell (read no further than the first, and
    under the same cell limit as the sheet that is read)."""
    from pipelines.ingest.uploads import capped_rows

    for values in capped_rows(sheet, path.name, limit, values_only=True):
        if any(str(cell_text(v, True) or "").strip() for v in values):
            return True
    return False


NAMED = "\x00named"  # _pick_sheet: the sheet the mapping names, the others with data after


def _pick_sheet(wb: object, path: Path, sheet: str | None, limit: int) -> tuple[object, list[str]]:
    """The worksheet to read: the mapping's ``sheet`` by name, else the only one with
    data, or the only visible one with data beside hidden ones (the lists a register's
    dropdowns take their choices from: helper-250 F3 refused such a register), with the
    titles of those hidden ones, for a note. A workbook with data on more than one
    visible sheet and no ``sheet`` named is refused, naming the sheets: reading the first
    alone would drop the others without a word."""
    names = wb.sheetnames  # type: ignore[attr-defined]
    sheets = wb.worksheets  # type: ignore[attr-defined]  (no chart sheets)
    if not sheets and sheet is None:  # helper-171: an IndexError stopped the whole run
        raise unusable("sheets_none", path)
    if sheet is not None:
        if sheet not in names:
            raise unusable("sheet_unknown", path, sheet=sheet, sheets=", ".join(names))
        chosen = [s for s in sheets if s.title == sheet]
        if not chosen:
            raise unusable("sheet_chart", path, sheet=sheet)
        # the other sheets with data, for a note (helper-262 F2: a register's sheet per
        # year, last year's mapping read 2025 and said nothing of 2026)
        others = [s.title for s in sheets if s is not chosen[0] and _has_cells(s, path, limit)]
        return chosen[0], [NAMED, *others] if others else []
    with_data = [s for s in sheets if _has_cells(s, path, limit)]
    visible = [s for s in with_data if s.sheet_state == "visible"]
    if len(with_data) > 1 and len(visible) == 1:
        return visible[0], [s.title for s in with_data if s is not visible[0]]
    if len(with_data) > 1:
        hidden = Message("unusable.hidden", locale_file="ingest")

        def listed(lang: str) -> str:
            # a hidden sheet (lookup lists, say) is said to be one: the user may not see it
            return ", ".join(
                s.title if s.sheet_state == "visible" else f"{s.title} ({hidden.text(lang)})"
                for s in with_data
            )

        raise unusable("sheets_many", path, sheets=InLanguage(listed))
    return (with_data[0] if with_data else sheets[0]), []


def _check(path: Path, limits: UploadSettings) -> None:
    """The upload checks of a workbook (its size unpacked, ratio, parts): UploadRefused."""
    from pipelines.ingest.uploads import check_xlsx

    check_xlsx(
        path,
        path.name,
        max_unpacked_mb=limits.xlsx_max_unpacked_mb,
        max_ratio=limits.xlsx_max_ratio,
        max_parts=limits.xlsx_max_parts,
    )


def hidden_beside(path: Path) -> list[str]:
    """The hidden sheets with data a workbook read without ``sheet:`` passed over (beside
    its one visible sheet with data), or none: for the refusal of that sheet, which may
    be a cover before the data (helper-251 F7; header_hint.with_header_hint)."""
    from pipelines.ingest.uploads import upload_settings
    from pipelines.ingest.workbooks import open_workbook

    limits = upload_settings()
    try:
        _check(path, limits)
        wb = open_workbook(path)
    except Exception:  # noqa: BLE001 - UploadRefused, or damaged: its refusal says why
        return []
    try:
        return _pick_sheet(wb, path, None, limits.xlsx_max_cells)[1]
    except Exception:  # noqa: BLE001 - UnusableFile (several sheets), or damaged
        return []
    finally:
        wb.close()


def sheet_read(path: Path, data: bytes) -> str | None:
    """The name of the sheet a workbook is read by without ``sheet:`` (its one sheet with
    data, as _pick_sheet finds it), or None: several, none, or no workbook to open."""
    import io

    from pipelines.ingest.uploads import upload_settings
    from pipelines.ingest.workbooks import open_workbook

    limits = upload_settings()
    try:
        _check(path, limits)
        wb = open_workbook(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - UploadRefused, or damaged: reading it says why
        return None
    try:
        return _pick_sheet(wb, path, None, limits.xlsx_max_cells)[0].title
    except Exception:  # noqa: BLE001 - UnusableFile (several sheets with data), or damaged
        return None
    finally:
        wb.close()


def _text_kind(path: Path) -> dict[str, str] | None:
    """What a non-zip .xlsx is when it is text (a CSV renamed), for the message."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if b"\x00" in head:
        return None
    if not head.strip():
        return {"nl": "leeg", "en": "empty"}
    return {"nl": "tekst, misschien een CSV", "en": "text, perhaps a CSV"}


def _other_zip(path: Path) -> str | None:
    """A zip under an .xlsx name that is another office file, by the parts it holds."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return None
            if "mimetype" in names:
                kind = z.read("mimetype")[:100].decode("ascii", "replace")
                return "OpenDocument (.ods)" if "spreadsheet" in kind else "OpenDocument"
    except zipfile.BadZipFile:  # begins as a zip, is none: cut off (helper-103)
        raise unusable("xlsx_damaged", path) from None
    except (OSError, KeyError, ValueError):
        return None  # openpyxl says what is wrong with it
    if "xl/workbook.bin" in names:
        return "Excel binaire werkmap (.xlsb)"
    if "word/document.xml" in names:
        return "Word (.docx)"
    if "ppt/presentation.xml" in names:
        return "PowerPoint (.pptx)"
    return None


def filled_cell(cells: list[str | None], i: int) -> bool:
    return i < len(cells) and cells[i] is not None and bool(cells[i].strip())


def struck_through(values: list, cells: list, struck: frozenset[int]) -> bool:
    """Whether every filled cell of a row (``values``: its styled cells, ``cells``: their
    texts) is in a struck-through style (helper-262 F3: a register's crossed-out gifts
    were read as live ones, without a word)."""
    filled = [v for v, c in zip(values, cells, strict=False) if c is not None and c.strip()]
    return bool(filled) and all(getattr(v, "_style_id", 0) in struck for v in filled)


def read_xlsx(
    path: Path,
    limits: UploadSettings | None = None,
    header_row: int = 1,
    sheet: str | None = None,
    header_rows: int = 1,
) -> RawTable:
    """One worksheet of an XLSX (``sheet`` by name, else the only one that holds data);
    ``limits`` default to risks/settings.yaml; the rows before ``header_row`` (1-based)
    are skipped. The header ends at its last filled cell; with ``header_rows`` 2 (a
    mapping's: SurveyMonkey) at the last filled cell of its two rows."""
    from pipelines.ingest.sheet_cells import sheet_rows
    from pipelines.ingest.shown_text import ShownCell
    from pipelines.ingest.unit_formats import units_shown
    from pipelines.ingest.uploads import UploadRefused, upload_settings
    from pipelines.ingest.workbooks import open_workbook
    from pipelines.ingest.xlsx_formats import cells_shown, styled
    from pipelines.ingest.year_cells import MonthCell, YearCell

    limits = limits or upload_settings()
    try:
        _check(path, limits)
    except UploadRefused as exc:
        raise unusable("upload_refused", path, reason=InLanguage(exc.reason)) from None
    with path.open("rb") as fh:
        start = fh.read(8)
    if start == OLE_SIGNATURE:  # Office's old container: a password's, or an old .xls
        raise unusable("xlsx_ole", path)
    if not start.startswith(b"PK"):  # an .xlsx is a zip archive
        kind = next((k for sig, k in SIGNATURES.items() if start.startswith(sig)), None)
        text = _text_kind(path) if kind is None else None
        said = InLanguage(
            lambda lang: f" ({kind})" if kind else (f" ({text[lang]})" if text else "")
        )
        raise unusable("xlsx_not_zip", path, kind=said)
    if other := _other_zip(path):  # an .ods, .docx or .xlsb under an .xlsx name
        raise unusable("xlsx_other_zip", path, kind=other)
    try:
        wb = open_workbook(path)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise unusable("xlsx_unreadable", path, error=str(exc)) from None
    header_line = 0
    beside: list[str] = []  # cells beside the table, after an empty column
    struck: list[int] = []  # the data rows whose every filled cell is struck through
    chosen = None
    try:
        chosen, hidden = _pick_sheet(wb, path, sheet, limits.xlsx_max_cells)
        table: RawTable | None = None
        styles = styled(wb)  # amounts shown in dollars, keys with leading zeros: as shown
        # the cells walked by expat (sheet_cells.py), as openpyxl's iter_rows gives them
        rows = sheet_rows(chosen, path.name, limits.xlsx_max_cells, values_only=not styles)
        for number, values in enumerate(rows, start=1):
            cells = cells_shown(values, styles) if styles else [cell_text(v, True) for v in values]
            # a control character as Excel stores it (_x000D_: a CR pasted from Outlook, a
            # database's line end) is that character, as in a CSV (helper-192: 000103_x000D_
            # was another person, Leverancier_x000D_ no code, a wrapped header no match)
            cells = [unescape(c) if type(c) is str and "_x" in c else c for c in cells]
            if number < header_row or all(c is None or not c.strip() for c in cells):
                continue
            if table is None:
                while cells and cells[-1] is None:
                    cells.pop()
                header = [(c or "").strip() for c in cells]
                table = RawTable(path, "xlsx", None, None, header)
                header_line = number
                continue
            width = len(table.header)
            if header_rows == 2 and not table.rows and not table.malformed:
                # the header's second row: a matrix question's statements may reach past
                # the last question in the first (its cells to the right are empty)
                filled = [i for i, c in enumerate(cells) if c is not None and c.strip()]
                if filled and filled[-1] >= width:
                    table.header += [""] * (filled[-1] + 1 - width)
                    width = len(table.header)
            extra = [i for i, c in enumerate(cells) if i >= width and c is not None and c.strip()]
            if extra and filled_cell(cells, width):  # a value right after the last column
                table.malformed.append((number, extra[-1] + 1, width))
                # its cells, for the reason (quarantined.py) and a trailer's (trailer.py)
                table.bad_fields[number] = [c or "" for c in cells[: extra[-1] + 1]]
                continue
            # after an empty column: a remark beside the table (helper-103), not its data
            beside += [f"{get_column_letter(i + 1)}{number}" for i in extra]
            if styles.struck and struck_through(values[:width], cells[:width], styles.struck):
                struck.append(number)
            table.rows.append((cells + [None] * width)[:width])
            table.lines.append(number)
            for i, unit in units_shown(values[:width], styles.units):  # 0.0" fte"
                table.facts.units.setdefault(i, {})[number] = unit
            for i, value in enumerate(values[:width]):  # a date cell (Excel made 3-12 one?)
                if isinstance(getattr(value, "value", value), dt.date):
                    table.facts.date_cells[i] = table.facts.date_cells.get(i, 0) + 1
                if isinstance(cells[i], YearCell):  # shown as its year (year_cells.py)
                    table.facts.year_lines.setdefault(i, []).append(number)
                elif isinstance(cells[i], MonthCell):  # as its month and year
                    table.facts.month_lines.setdefault(i, []).append(number)
                elif isinstance(cells[i], ShownCell):  # its number, and the text shown
                    table.facts.shown_cells.setdefault(i, {})[number] = cells[i].shown
    except UploadRefused as exc:
        raise unusable("upload_refused", path, reason=InLanguage(exc.reason)) from None
    except (ExpatError, ParseError) as exc:  # the sheet's XML (ours, or openpyxl's look)
        if chosen is None:
            raise unusable("xlsx_unreadable", path, error=str(exc)) from None
        # the sheet, not the workbook: another sheet of it may load (helper-195)
        raise unusable("xlsx_sheet_unreadable", path, sheet=chosen.title, error=str(exc)) from None
    finally:
        wb.close()
    if beside and table is not None:
        shown = ", ".join(beside[:BESIDE_SHOWN]) + (", ..." if len(beside) > BESIDE_SHOWN else "")
        table.notes.append(
            Message("note.xlsx_beside_table", locale_file="ingest", count=len(beside), cells=shown)
        )
    if table is not None:  # said of those loaded (struck_rows.py)
        table.facts.struck_lines = struck
    if table is None and header_row > 1:
        raise _no_header(path, header_row)
    if table is None:
        raise unusable("sheet_empty", path)
    if hidden:
        named = hidden[0] == NAMED  # the mapping's sheet, beside others with data
        said = ", ".join(hidden[named:])
        key = "note.xlsx_other_sheets" if named else "note.xlsx_hidden_sheets"
        others = tuple(hidden[named:])  # by name: loads.other_sheets_unread
        table.notes.append(
            Message(key, locale_file="ingest", sheet=chosen.title, hidden=said, sheets=others)
        )
    if wb.epoch == CALENDAR_MAC_1904:
        table.facts.serial_days = SERIAL_DAYS_1904
    from pipelines.ingest.sheet_xml import check_sheet

    check_sheet(path, table, header_line, getattr(chosen, "_worksheet_path", None))
    return table
