"""Where the header may really be: a file whose header does not fit any dataset (or its
mapping) often has a title, a date or blank lines above the real header, as reports
write them. ``header_below`` looks at the next lines of a CSV or the next rows of an XLSX
for one that would be recognised, so the refusal can name the line and the mapping's
``header_row`` instead of listing a title as the file's columns. Read only after a file
was refused, and only its first lines.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pipelines.core.texts import InLanguage, in_language
from pipelines.ingest.cell_texts import cell_text
from pipelines.ingest.delimiters import DECIDING_LINES, choose_delimiter
from pipelines.ingest.mapping import Mapping
from pipelines.ingest.readers import (
    RawTable,
    UnusableFile,
    decode,
    header_start,
    unusable,
)
from pipelines.ingest.recognise import recognise
from pipelines.ingest.source_table import is_csv
from pipelines.ingest.utf16 import first_lines

# The refusals a header further down can explain, and how far down it is looked for.
HEADER_MISFITS = {
    "unusable.required_missing",
    "unusable.required_missing_known_by",
    "unusable.unknown_dataset",
    "unusable.mapped_missing",
    "unusable.unpivot_ids_missing",
}
LOOK_AHEAD = 10


def with_header_hint(exc: UnusableFile, path: Path, mapping: Mapping | None) -> UnusableFile:
    """``exc`` itself, or, when a line below the header read would be recognised as the
    header, the same refusal naming that line and ``header_row``."""
    if getattr(exc.message, "key", None) not in HEADER_MISFITS:
        return exc
    if mapping is None or mapping.sheet is None:  # a workbook's data on a hidden sheet?
        from pipelines.ingest.xlsx_reader import hidden_beside

        with open(path, "rb") as fh:
            zipped = fh.read(4) == b"PK\x03\x04"  # a workbook
        if zipped and (hidden := hidden_beside(path)):
            reason = InLanguage(lambda lang: in_language(exc.message, lang).rstrip("."))
            return unusable("hidden_data", path, reason=reason, sheets=", ".join(hidden))
    try:
        line = header_below(path, mapping)
    except Exception:  # noqa: BLE001 - a hint never ends the run: the refusal stands as is
        return exc
    if line is None:
        return exc
    # the refusal's own sentence, its full stop left to the hint that follows it
    reason = InLanguage(lambda lang: in_language(exc.message, lang).rstrip("."))
    return unusable("header_below", path, reason=reason, line=line)


def header_below(path: Path, mapping: Mapping | None) -> int | None:
    """The first of the LOOK_AHEAD lines after the header row read whose cells make the
    file recognisable (with ``mapping`` when there is one), or None."""
    for line, cells in _lines_after(path, mapping):
        if mapping is not None and mapping.unpivot is not None:
            # a wide export: its id columns make the header (the rest are items)
            names = {c.lower() for c in cells}
            if all(c.strip().lower() in names for c in mapping.unpivot.id_columns):
                return line
            continue
        try:
            filled = [mapping.from_export_date] if mapping and mapping.from_export_date else []
            recognise(RawTable(path, "", None, None, cells + filled), mapping)
        except UnusableFile:
            continue
        return line
    return None


def _lines_after(path: Path, mapping: Mapping | None) -> list[tuple[int, list[str]]]:
    header_row = mapping.header_row if mapping else 1
    data = path.read_bytes()
    if not is_csv(path, data):
        if data.startswith(b"PK\x03\x04") or path.suffix.lower() == ".xlsx":
            return _xlsx_rows(path, mapping.sheet if mapping else None, header_row)
        return []  # Parquet: its columns are its header
    text, _ = decode(first_lines(data, 1 << 16), path, mapping.encoding if mapping else None)
    start, named = header_start(text, header_row)
    out = []
    # lines as the readers count them (\n, \r\n, \r; not a form feed as splitlines)
    lines = [ln.rstrip("\n") for ln in io.StringIO(text, newline=None)]
    for number, line in enumerate(lines[: start + LOOK_AHEAD], start=1):
        if number <= start or not line.strip():
            continue
        # its delimiter as the readers would choose it were it the header (header_row)
        below = [ln for ln in lines[number - 1 : number - 1 + DECIDING_LINES] if ln.strip()]
        delimiter = named or choose_delimiter(below) or ";"
        cells = next(csv.reader([line], delimiter=delimiter), [])
        out.append((number, [c.strip() for c in cells]))
    return out


def _xlsx_rows(path: Path, sheet: str | None, header_row: int) -> list[tuple[int, list[str]]]:
    from pipelines.ingest.uploads import upload_settings
    from pipelines.ingest.workbooks import open_workbook
    from pipelines.ingest.xlsx_reader import _pick_sheet

    wb = open_workbook(path)
    try:
        chosen, _ = _pick_sheet(wb, path, sheet, upload_settings().xlsx_max_cells)
        out = []
        rows = chosen.iter_rows(
            min_row=header_row + 1, max_row=header_row + LOOK_AHEAD, values_only=True
        )
        for number, values in enumerate(rows, start=header_row + 1):
            cells = [cell_text(v) for v in values]
            while cells and cells[-1] is None:
                cells.pop()
            if any(c and c.strip() for c in cells):
                out.append((number, [(c or "").strip() for c in cells]))
        return out
    finally:
        wb.close()
