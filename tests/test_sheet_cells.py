"""pipelines/ingest/sheet_cells.py walks a sheet's cells itself: every row it gives must be
the row openpyxl's read-only iter_rows gives (uploads.capped_rows), value for value and
type for type, and for styled reading each cell's style id. Held to openpyxl on
generated workbooks (both ways openpyxl writes strings: shared, and inline in its
write-only mode; dates in both date systems; gaps; number formats) and on sheet XML
written by hand for what openpyxl never writes."""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from pipelines.ingest.sheet_cells import sheet_rows
from pipelines.ingest.uploads import UploadRefused, capped_rows

FORMATS = ["General", "0.00", "dd-mm-yyyy", "yyyy", "jjjj", "[$USD] #,##0.00", "0%", "000000",
           "[h]:mm", "hh:mm", "yyyy-mm-dd hh:mm:ss", "#,##0"]  # fmt: skip
LIMIT = 10**7


def both(path: Path, values_only: bool, limit: int = LIMIT) -> tuple[list, list]:
    """The rows openpyxl's iter_rows gives and the rows sheet_rows gives, each as
    (value, type name) and, styled, (value, type name, style id); a row of cells that
    hold no value as [] (sheet_rows gives it as (): a format alone says nothing)."""

    def plain(rows: object) -> list:
        out = []
        for row in rows:  # type: ignore[attr-defined]
            if all(getattr(c, "value", c) is None for c in row):
                out.append([])
            elif values_only:
                out.append([(v, type(v).__name__) for v in row])
            else:
                out.append(
                    [(c.value, type(c.value).__name__, getattr(c, "_style_id", 0)) for c in row]
                )
        return out

    found = []
    for read in (capped_rows, sheet_rows):
        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl's on a date it cannot hold
                if read is capped_rows:
                    rows = capped_rows(wb.worksheets[0], path.name, limit, values_only=values_only)
                else:
                    rows = sheet_rows(wb.worksheets[0], path.name, limit, values_only)
                found.append(plain(rows))
        finally:
            wb.close()
    return found[0], found[1]


cell_values = st.one_of(
    st.none(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from(" <>&\"'"),
        max_size=12,
    ),
    st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.datetimes(min_value=dt.datetime(1901, 1, 1), max_value=dt.datetime(2200, 12, 31)),
)
sheets = st.lists(  # rows of (column gap, value, number format) cells; a row may be skipped
    st.tuples(
        st.booleans(),
        st.lists(st.tuples(st.integers(0, 2), cell_values, st.sampled_from(FORMATS)), max_size=6),
    ),
    max_size=8,
)


def generated(tmp: Path, rows: list, write_only: bool, epoch_1904: bool) -> Path:
    wb = Workbook(write_only=write_only)
    if epoch_1904:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.create_sheet() if write_only else wb.active
    number = 0
    for skipped, cells in rows:
        number += 1 + skipped  # a row left out: openpyxl's iter_rows gives it as []
        row: list = []
        for gap, value, fmt in cells:
            row += [None] * gap
            row.append((value, fmt))
        if write_only:
            from openpyxl.cell import WriteOnlyCell

            if skipped:
                ws.append([])
            out = []
            for item in row:
                if item is None:
                    out.append(None)
                    continue
                cell = WriteOnlyCell(ws, value=item[0])
                cell.number_format = item[1]
                out.append(cell)
            ws.append(out)
        else:
            for column, item in enumerate(row, start=1):
                if item is not None:
                    cell = ws.cell(row=number, column=column, value=item[0])
                    cell.number_format = item[1]
    path = tmp / f"gen-{'wo' if write_only else 'n'}-{int(epoch_1904)}.xlsx"
    wb.save(path)
    return path


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=sheets, write_only=st.booleans(), epoch_1904=st.booleans(), values_only=st.booleans())
def test_generated_workbooks_read_as_openpyxl_reads_them(
    tmp_path: Path, rows: list, write_only: bool, epoch_1904: bool, values_only: bool
) -> None:
    path = generated(tmp_path, rows, write_only, epoch_1904)
    theirs, ours = both(path, values_only)
    assert ours == theirs


SHARED = (  # openpyxl writes every string inline: Excel's shared strings written here
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" '
    'uniqueCount="3"><si><t>een</t></si><si><t xml:space="preserve"> twee </t></si>'
    "<si><r><rPr><b/></rPr><t>rijk</t></r><r><t>e tekst</t></r></si></sst>"
)
SHARED_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
SHARED_REL = (
    '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def with_sheet(tmp: Path, sheet_data: str, name: str = "hand.xlsx", prefix: str = "") -> Path:
    """A workbook openpyxl wrote (style 1 a date, 2 a duration), with shared strings
    ('een', ' twee ', 'rijke tekst') and its sheet's XML replaced by ``sheet_data`` (the
    rows, inside <sheetData>)."""
    wb = Workbook()
    ws = wb.active
    ws["A1"], ws["A2"] = "een", "twee"
    ws["B1"] = dt.date(2025, 3, 1)
    ws["B1"].number_format = "dd-mm-yyyy"
    ws["C1"] = dt.timedelta(hours=30)
    ws["C1"].number_format = "[h]:mm"
    buffer = io.BytesIO()
    wb.save(buffer)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    declared = f'xmlns:{prefix[:-1]}="{main}"' if prefix else f'xmlns="{main}"'
    data = f"<{prefix}sheetData>{sheet_data}</{prefix}sheetData>"
    xml = f"<{prefix}worksheet {declared}>{data}</{prefix}worksheet>"
    path = tmp / name
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data = xml.encode("utf-8")
                elif item.filename == "[Content_Types].xml":
                    data = data.replace(b"</Types>", SHARED_TYPE.encode())
                elif item.filename == "xl/_rels/workbook.xml.rels":
                    data = data.replace(b"</Relationships>", SHARED_REL.encode())
                out.writestr(item, data)
            out.writestr("xl/sharedStrings.xml", SHARED)
    book = load_workbook(path, read_only=True)
    try:  # the styles and strings the cases below name
        assert 1 in book._date_formats and 2 in book._timedelta_formats
        assert list(book.worksheets[0]._shared_strings) == ["een", " twee ", "rijke tekst"]
    finally:
        book.close()
    return path


HAND_WRITTEN = {
    "rows and cells without a number": "<row><c><v>1</v></c><c><v>2.5</v></c></row>"
    '<row><c t="s"><v>1</v></c><c r="D2"><v>4</v></c><c><v>5</v></c></row>',
    # (a row numbered below one before it, or twice, refuses the file: openpyxl drops it,
    # without a word; tests/test_xlsx_row_order.py)
    "a row of formats alone numbered below one before it": '<row r="3"><c r="A3"><v>3</v></c>'
    '</row><row r="2"><c r="A2" s="1"/></row><row r="5.0"><c r="A5"><v>5</v></c></row>',
    "cells out of order and a cell twice": '<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v>'
    '</c><c r="E1"><v>5</v></c><c r="B1"><v>2</v></c><c r="B1"><v>22</v></c></row>',
    "rich, phonetic and empty inline strings": '<row r="1"><c r="A1" t="inlineStr"><is><r><rPr>'
    '<b/></rPr><t>vet</t></r><r><t xml:space="preserve"> en </t></r><r><t>gewoon</t></r></is></c>'
    '<c r="B1" t="inlineStr"><is><t>kanji</t><rPh sb="0" eb="1"><t>KANA</t></rPh></is></c>'
    '<c r="C1" t="inlineStr"><is></is></c><c r="D1" t="inlineStr"></c>'
    '<c r="E1" t="inlineStr"><is><t>eerst</t><t>laatst</t></is></c>'
    '<c r="F1" t="inlineStr"><is><t>a &amp; b &lt; c</t></is><v>genegeerd</v></c>'
    '<c r="G1" t="inlineStr"><is><t>tekst </t><r><t>en run</t></r><r><rPr/></r></is></c></row>',
    "every type": '<row r="1"><c r="L1" t="s"><v>2</v></c><c r="M1" t="s"><v>1</v></c>'
    '<c r="A1" t="str"><f>A2&amp;"x"</f><v>tekst</v></c>'
    '<c r="B1" t="e"><v>#N/A</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="b"><v>0</v></c>'
    '<c r="E1" t="d"><v>2025-03-01T10:30:00</v></c><c r="F1"><v></v></c><c r="G1"><f>1+1</f></c>'
    '<c r="H1" t="n"><v>1E-3</v></c><c r="I1" t="n"><v>12e2</v></c><c r="J1" t="x"><v>?</v></c>'
    '<c r="K1" s="0"><v>7</v></c></row>',
    "dates, durations and a serial no date can hold": '<row r="1"><c r="A1" s="1"><v>45717</v></c>'
    '<c r="B1" s="1"><v>45717.5</v></c><c r="C1" s="2"><v>1.25</v></c>'
    '<c r="D1" s="1"><v>99999999999</v></c><c r="E1" s="1" t="s"><v>0</v></c>'
    '<c r="F1" s="1" t="b"><v>1</v></c><c r="G1" s="2"><v>-0.5</v></c></row>',
    "rows without cells, and a gap": '<row r="1"/><row r="2"></row><row r="6"><c r="C6"><v>1</v>'
    "</c></row>",
}


@pytest.mark.parametrize("case", sorted(HAND_WRITTEN))
@pytest.mark.parametrize("values_only", [True, False])
def test_hand_written_sheets_read_as_openpyxl_reads_them(
    tmp_path: Path, case: str, values_only: bool
) -> None:
    theirs, ours = both(with_sheet(tmp_path, HAND_WRITTEN[case]), values_only)
    assert ours == theirs
    assert any(row for row in ours) or case.startswith("rows without")


def test_a_sheet_under_a_prefix_of_its_namespace_reads_the_same(tmp_path: Path) -> None:
    rows = '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c>' \
        '<x:c r="B1"><x:v>2</x:v></x:c></x:row>'  # fmt: skip
    theirs, ours = both(with_sheet(tmp_path, rows, prefix="x:"), True)
    assert ours == theirs == [[("a", "str"), (2, "int")]]


def test_the_cell_limit_stops_at_the_row_openpyxl_stops_at(tmp_path: Path) -> None:
    """Rows so far times the widest: 3 rows of 4 cells are 12 cells; a limit of 12 lets
    them through, 11 stops at the third row, with the same refusal."""
    rows = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCD") + "</row>"
        for r in (1, 2, 3)
    )
    path = with_sheet(tmp_path, rows)
    theirs, ours = both(path, True, limit=12)
    assert len(ours) == 3 and ours == theirs
    refusals = []
    for read in ("capped_rows", "sheet_rows"):
        wb = load_workbook(path, read_only=True, data_only=True)
        got: list = []
        with pytest.raises(UploadRefused) as refused:
            if read == "capped_rows":
                for row in capped_rows(wb.worksheets[0], path.name, 11, values_only=True):
                    got.append(row)
            else:
                for row in sheet_rows(wb.worksheets[0], path.name, 11, True):
                    got.append(row)
        wb.close()
        refusals.append((len(got), str(refused.value)))
    assert refusals[0] == refusals[1]
    assert refusals[0][0] == 2


def replaced(tmp: Path, sheet_xml: bytes, name: str) -> Path:
    """with_sheet's workbook with its sheet's XML ``sheet_xml`` as it is."""
    base = with_sheet(tmp, "", name="base.xlsx")
    path = tmp / name
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            out.writestr(item, sheet_xml if item.filename.endswith("sheet1.xml") else data)
    return path


MAIN_OPEN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
ROWS = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>naam</t></is></c></row>'
    b'<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>'
)


@pytest.mark.parametrize(
    "tail", [b'<row r="3"><c', b'<row r="3"><c r="A3"><v>1</v></x></row></sheetData></worksheet>']
)
def test_a_sheet_broken_after_its_declared_size_is_refused_naming_the_file(
    tmp_path: Path, tail: bytes
) -> None:
    """openpyxl's first look stops at a declared size (<dimension>), so XML broken below it
    reaches the walk: refused like any unreadable workbook, not a crash (an uncaught
    ParseError before)."""
    from pipelines.ingest.readers import UnusableFile
    from pipelines.ingest.xlsx_reader import read_xlsx

    xml = MAIN_OPEN + b'<dimension ref="A1:A3"/><sheetData>' + ROWS + tail
    with pytest.raises(UnusableFile) as refused:
        read_xlsx(replaced(tmp_path, xml, "afgebroken.xlsx"))
    said = str(refused.value)
    assert "afgebroken.xlsx" in said and "kan werkblad Sheet niet lezen" in said
    assert "line 1, column" in said


def test_a_sheet_with_a_dtd_is_refused(tmp_path: Path) -> None:
    """Entities are declared in a DTD, and an Office package holds none: a sheet with one
    is refused, its entities never expanded into cells."""
    from pipelines.ingest.readers import UnusableFile
    from pipelines.ingest.xlsx_reader import read_xlsx

    dtd = b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
    xml = (
        dtd
        + MAIN_OPEN
        + b"<sheetData>"
        + ROWS.replace(b">x<", b">&a;<")
        + b"</sheetData></worksheet>"
    )
    with pytest.raises(UnusableFile) as refused:
        read_xlsx(replaced(tmp_path, xml, "dtd.xlsx"))
    assert "dtd.xlsx" in str(refused.value) and "DTD" in str(refused.value)
    plain = MAIN_OPEN + b"<sheetData>" + ROWS + b"</sheetData></worksheet>"
    assert read_xlsx(replaced(tmp_path, plain, "zonder.xlsx")).rows == [["x"]]


def _count(path: Path, limit: int = LIMIT) -> int:
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for _ in sheet_rows(wb.worksheets[0], path.name, limit, True))
    finally:
        wb.close()


def test_a_row_beyond_excels_last_is_refused_and_its_last_row_read(tmp_path: Path) -> None:
    """Excel's last row is 1,048,576: a sheet may use it; one numbered past it is no
    export (openpyxl would give every empty row up to it, a billion for r=1000000000)."""
    last = with_sheet(tmp_path, '<row r="1048576"><c r="A1048576"><v>1</v></c></row>', "a.xlsx")
    assert _count(last) == 1_048_576
    beyond = with_sheet(tmp_path, '<row r="1048577"><c r="A1048577"><v>1</v></c></row>', "b.xlsx")
    with pytest.raises(UploadRefused) as refused:
        _count(beyond)
    assert refused.value.code == "xlsx_rows" and "1048577" in str(refused.value)


def test_the_rows_a_sheet_leaves_out_are_counted_one_by_one(tmp_path: Path) -> None:
    """helper-129: the empty rows before row 1,000,000 were built all at once before the
    cell limit was asked (2.2 GB for a gap to row 30,000,000, from a 200-byte file); they
    are given one by one, and the limit stops them at its own row."""
    import tracemalloc

    gap = (
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="A1000000"><v>2</v></c></row>'
    )
    path = with_sheet(tmp_path, gap, "gat.xlsx")
    tracemalloc.start()
    try:
        with pytest.raises(UploadRefused) as refused:
            _count(path, limit=10)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.code == "xlsx_cells"
    assert peak < 8 * 1024 * 1024  # a million empty rows at once: some 60 MB


@pytest.mark.parametrize(("below", "refused"), [("", False), ('<c r="B{r}"><v>9</v></c>', True)])
def test_formatted_empty_rows_under_the_data_hold_nothing_and_count_for_nothing(
    tmp_path: Path, below: str, refused: bool
) -> None:
    """helper-201: a register whose columns were formatted far below its data (cells with
    a style, no value) was refused as more than the cell limit. Three rows of four cells
    within a limit of 12, then 100 rows of four formatted empty cells: read, each as ();
    a value after them counts every row up to it (104 x 4 > 12)."""
    data = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCD") + "</row>"
        for r in (1, 2, 3)
    )
    styled = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}" s="1"/>' for c in "ABCD") + "</row>"
        for r in range(4, 104)
    )
    last = f'<row r="104">{below.format(r=104)}</row>' if below else ""
    path = with_sheet(tmp_path, data + styled + last)
    if refused:
        with pytest.raises(UploadRefused):
            _count(path, limit=12)
        return
    wb = load_workbook(path, read_only=True, data_only=True)
    rows = list(sheet_rows(wb.worksheets[0], path.name, 12, True))
    wb.close()
    assert len(rows) == 103 and rows[3:] == [()] * 100
