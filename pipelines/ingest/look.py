"""A file's first look: its bytes (what identifies a load) and its header (what it is,
and in which order it goes), before anything of it is loaded. A CSV's header is its
first lines; a workbook's is its whole sheet read (openpyxl: seconds for a large one), so
the loader first looks at a workbook's bytes alone and reads its sheet only when the
file is to be loaded: one loaded before, under the same mapping, is skipped unread (a
rebuild, a folder ingested again)."""

from __future__ import annotations

from pathlib import Path

from pipelines.ingest.mapping import Mapping
from pipelines.ingest.readers import RawTable, file_bytes, read_table, unusable
from pipelines.ingest.source_table import is_csv, peek_header


def look(
    path: Path, mapping: Mapping | None, max_columns: int | None = None, *, sheet_too: bool = True
) -> tuple[bytes, list[str] | None, RawTable | None]:
    """A file's bytes and header: enough to know what it is and in which order it goes
    (a header wider than ``max_columns``: unusable). A workbook's header is its whole
    sheet read (openpyxl): without ``sheet_too`` only its bytes, and no header (None),
    for a workbook that may turn out loaded before."""
    header_row = mapping.header_row if mapping else 1
    data = file_bytes(path)
    sheet = mapping.sheet if mapping else None
    table = None
    if is_csv(path, data):
        if sheet is not None:
            raise unusable("sheet_not_xlsx", path)
        header = peek_header(path, data, header_row, mapping and mapping.encoding)
    elif mapping is not None and mapping.encoding is not None:
        raise unusable("encoding_not_csv", path, encoding=mapping.encoding)
    elif not sheet_too:
        return data, None, None
    else:
        table, _ = read_table(path, header_row, sheet, mapping.header_rows if mapping else 1)
        header = table.header
    if max_columns is not None and len(header) > max_columns:
        raise unusable("too_many_columns", path, count=len(header), limit=max_columns)
    return data, header, table
