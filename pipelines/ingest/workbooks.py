"""A workbook opened to read its cells, without openpyxl reading every sheet for its size.

openpyxl's ``load_workbook(read_only=True)`` makes a ReadOnlyWorksheet of every sheet, and
each looks for the ``<dimension>`` element its sheet declares (``_get_size``). It looks
with ElementTree's iterparse, stopping at the end of that element, or else at the end of
``<sheetData>``: a sheet that declares no dimension (openpyxl's own write-only mode, many
BI tools) is parsed whole, every sheet of the workbook, before a cell of it is read. The
large demo's ``gifts.xlsx`` (70,000 cells) took 0.18 s for nothing; a 20 MB HR export
seconds.

The ingest never reads a sheet by its declared dimension: a sheet claiming
A1:XFD1048576 would be 17 billion empty cells, so ``uploads.capped_rows`` resets it and
``sheet_cells`` walks the rows that are there. So ``open_workbook`` opens the workbook
with its sheets unsized (as openpyxl leaves a sheet that declares none), and every other
use of openpyxl (the register's Excel import, which reads rows padded to the declared
width) keeps openpyxl's behaviour: the sheets are unsized only while ``open_workbook``
loads, in that thread (a context variable).
"""

from __future__ import annotations

import contextvars
from typing import IO, Any

_UNSIZED = contextvars.ContextVar("radar_unsized_sheets", default=False)
_INSTALLED = False


def _install() -> None:
    """openpyxl's reader makes its read-only sheets of a subclass whose ``_get_size``
    reads nothing while ``_UNSIZED`` is set (once per process; the subclass is a
    ReadOnlyWorksheet in all else)."""
    global _INSTALLED
    if _INSTALLED:
        return
    import openpyxl.reader.excel as excel
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class _Sheet(ReadOnlyWorksheet):
        def _get_size(self) -> None:
            if not _UNSIZED.get():
                super()._get_size()

    excel.ReadOnlyWorksheet = _Sheet  # type: ignore[misc]
    _INSTALLED = True


def open_workbook(source: str | Any | IO[bytes], *, data_only: bool = True) -> Any:
    """``load_workbook(source, read_only=True, data_only=data_only)`` with its sheets
    unsized: no sheet is parsed until its rows are read."""
    from openpyxl import load_workbook

    _install()
    token = _UNSIZED.set(True)
    try:
        return load_workbook(source, read_only=True, data_only=data_only)
    finally:
        _UNSIZED.reset(token)
