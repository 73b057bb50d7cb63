"""The worksheet scan reads a cell within its own tags: its attributes and body never run
past the next cell's start, so a comment of '<c ' without '>' or '</c>' costs a pass, not
one pass per '<c' (helper-269 F4: 60 kB took 43 s, a megabyte hours); and each hidden
column span is taken once (a tag repeated hid all 16,384 columns again each time)."""

from __future__ import annotations

import pytest

from pipelines.ingest.sheet_xml import _merged, _unresolved_formulas

HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'


@pytest.mark.parametrize(
    "broken",
    [
        b'<row r="1"><c r="A1"',  # a cell whose tag never closes before the next
        b'<row r="1"><c r="A1"><v>1</v>',  # a cell whose body never closes
        b"<!-- <c <c <c -->",
    ],
)
def test_a_cell_is_read_within_its_own_tags(broken: bytes) -> None:
    xml = HEAD + broken + b'<c r="B1"><f>SUM(A1:A3)</f></c></row></sheetData></worksheet>'
    assert _unresolved_formulas(xml) == [("B", 1, "=SUM(A1:A3)")]


def test_hidden_column_spans_are_joined_once() -> None:
    assert _merged({(1, 16384)} | {(3, 5), (1, 16384)}) == [(1, 16384)]
    assert _merged({(1, 2), (3, 4), (6, 6)}) == [(1, 4), (6, 6)]
