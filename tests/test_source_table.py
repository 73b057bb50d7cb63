"""DuckDB reads a CSV export exactly as the Python reader does, line numbers included.

The ingest reads CSV with DuckDB (pipelines/ingest/source_table.py) and falls back to the Python
reader (readers.read_csv) for what DuckDB cannot take. Hypothesis writes files as exports
write them, in every way that matters here: three delimiters, UTF-8 with and without BOM
and Windows-1252 (with the euro sign, 0x80), LF and CRLF, a title above the header, quoted
cells with the delimiter or quotes in them, empty and blank lines, rows of only
delimiters, short rows, long rows, and a delimiter (or one more quoted empty field) at
the end of a line. Both readers must give the same rows, with the same line numbers,
cells and malformed rows; and the fast path must really be the one that read every file
without a quoted line end.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.ingest.readers import read_csv
from pipelines.ingest.source_table import SPACE, SourceTable, from_raw_table, load_source

WORDS = ["Jansen", "12,5", "1.443", "€ 25", "café", "", " ", " spatie ", "x"]


def quoted(cell: str, delimiter: str) -> str:
    if any(c in cell for c in (delimiter, '"', "\n")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


@st.composite
def export(draw: st.DrawFn) -> tuple[bytes, int, bool]:
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    title = draw(st.booleans())
    cells = st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from([f"a{delimiter}b", 'zei "ja"', "twee\nregels"]),
    )
    lines = [delimiter.join(["naam", "bedrag", "datum"])]
    multiline = False
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(
            st.sampled_from(
                [
                    "row",
                    "row",
                    "row",
                    "short",
                    "long",
                    "trailing",
                    "quoted_trailing",
                    "empty",
                    "blank",
                    "delims",
                ]  # fmt: skip
            )
        )
        if kind in ("row", "short", "long", "trailing", "quoted_trailing"):
            width = {"row": 3, "short": 2, "long": 4}.get(kind, 3)
            row = [draw(cells) for _ in range(width)]
            if kind == "long":
                row[3] = row[3].strip() or "extra"
            multiline |= any("\n" in c for c in row)
            line = delimiter.join(quoted(c, delimiter) for c in row)
            end = {"trailing": delimiter, "quoted_trailing": delimiter + '""'}.get(kind, "")
            lines.append(line + end)
        elif kind == "empty":
            lines.append("")
        elif kind == "blank":
            lines.append("   ")
        else:
            lines.append(delimiter * 2)
    if title:
        lines = ["Export personeelsgegevens", "", *lines]
    elif draw(st.booleans()):
        lines = [f"sep={delimiter}", *lines]  # Excel's delimiter line: header on line 2
    text = newline.join(lines) + (newline if draw(st.booleans()) else "")
    if draw(st.booleans()):
        text += "\x1a"  # DOS's end-of-file mark
    return text.encode(encoding), (3 if title else 1), multiline


def rows(con: duckdb.DuckDBPyConnection, source: SourceTable) -> list[tuple]:
    cells = ", ".join(f"nullif(c{i}, '')" for i in range(len(source.header)))
    return con.execute(f"select _line, {cells} from {source.name} order by _rid").fetchall()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(export())
def test_duckdb_and_python_read_an_export_alike(tmp_path: Path, case) -> None:
    data, header_row, multiline = case
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    con = duckdb.connect()
    fast = load_source(con, path, data, header_row)
    slow = from_raw_table(con, read_csv(path, data, header_row))
    assert fast.header == slow.header
    assert (fast.encoding, fast.delimiter) == (slow.encoding, slow.delimiter)
    assert fast.malformed == slow.malformed
    assert fast.bad_fields == slow.bad_fields  # a bad row's fields (trailer.py, quarantine)
    assert rows(con, fast) == rows(con, slow)
    if not multiline:
        assert fast.reader == "duckdb"


def test_windows_1252_is_not_latin_1(tmp_path: Path) -> None:
    """0x80 is the euro sign in Windows-1252 (in Latin-1 a control character)."""
    path = tmp_path / "kosten.csv"
    data = "omschrijving;bedrag\nlunch;€ 25\n".encode("cp1252")
    assert b"\x80" in data
    path.write_bytes(data)
    con = duckdb.connect()
    source = load_source(con, path, data)
    assert source.reader == "duckdb"
    assert source.encoding == "cp1252"
    assert rows(con, source) == [(2, "lunch", "€ 25")]


def test_line_numbers_are_the_files_own_around_blank_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    data = b"Titel\n\na;b;c\n1;2;3\n\n   \n4;5\n6;7;8;9\n;;\n10;11;12;\n13;14;15\n"
    path.write_bytes(data)
    con = duckdb.connect()
    source = load_source(con, path, data, header_row=3)
    assert source.reader == "duckdb"
    # line 10 ends with a delimiter where the other rows do not: a field too many
    assert [r[0] for r in rows(con, source)] == [4, 11]
    assert source.malformed == [(7, 2, 3), (8, 4, 3), (10, 4, 3)]


def both_readers(path: Path, data: bytes) -> list[tuple[SourceTable, list[tuple]]]:
    con = duckdb.connect()
    fast = load_source(con, path, data)
    slow = from_raw_table(con, read_csv(path, data))
    assert fast.reader == "duckdb"
    return [(fast, rows(con, fast)), (slow, rows(con, slow))]


# ... padded to the header's width, as a spreadsheet saves it again (helper-259 F4)
@pytest.mark.parametrize("first", ["sep=,", "SEP=,", '"sep=,"', "sep=,,", '"sep=,",,,,'])
def test_excels_delimiter_line_names_the_delimiter_and_the_header_follows_it(
    tmp_path: Path, first: str
) -> None:
    """``sep=,`` as the first line (Excel writes and reads it): the delimiter is the one
    it names, though the header alone would sniff as ``;``; the header is line 2 and
    every line keeps its number. DOS's end-of-file mark after the last line is no row."""
    path = tmp_path / "x.csv"
    data = f"{first}\r\na;b,c\r\n1;2,3\r\n4,5,6\r\n\x1a".encode()
    for source, read in both_readers(path, data):
        assert (source.header, source.delimiter) == (["a;b", "c"], ",")
        assert read == [(3, "1;2", "3")]
        assert source.malformed == [(4, 3, 2)]


def test_a_line_that_only_looks_like_a_delimiter_line_is_a_header(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    for header in ("sep=;x", "sep=x;y", "sepa;b", "sep=;;x"):
        cells = [str(n + 1) for n in range(header.count(";") + 1)]
        data = f"{header}\n{';'.join(cells)}\n".encode()
        for source, read in both_readers(path, data):
            assert source.header == header.split(";")
            assert read == [(2, *cells)]


def test_one_line_with_a_field_too_many_at_its_end_is_malformed_not_cut(tmp_path: Path) -> None:
    """``;100777;2024;`` under three columns: the key may have shifted into the year
    column; cutting the empty last field would read it so (and quote the raw key in a
    quarantine reason). Both readers call the line malformed, whatever its place."""
    path = tmp_path / "x.csv"
    for lines in (["1;2;3", ";100777;2024;", "4;5;6"], [";100777;2024;", "1;2;3"]):
        data = ("a;b;c\n" + "\n".join(lines) + "\n").encode()
        bad = 2 + lines.index(";100777;2024;")
        for source, read in both_readers(path, data):
            assert source.malformed == [(bad, 4, 3)]
            assert all("100777" not in (cell or "") for row in read for cell in row[1:])
            assert len(read) == len(lines) - 1


def test_a_quoted_empty_field_too_many_is_malformed_too(tmp_path: Path) -> None:
    """``;100777;2024;""``: DuckDB drops a quoted empty field at the end as it drops a
    bare one; found by a hostile review, the fast path let it through."""
    path = tmp_path / "x.csv"
    data = b'a;b;c\n1;x;2024\n;100777;2024;""\n2;y;2025;"";""\n'
    for source, read in both_readers(path, data):
        assert source.malformed == [(3, 4, 3), (4, 5, 3)]
        assert read == [(2, "1", "x", "2024")]
    # the style of the whole file, bare or quoted, is not a field too many
    data = b'a;b;c\n1;x;2024;\n2;y;2025;\n;100777;2024;""\n'
    for source, read in both_readers(path, data):
        assert source.malformed == []
        assert [r[0] for r in read] == [2, 3, 4]


def test_a_delimiter_at_the_end_of_every_row_is_how_the_export_ends_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    data = b"a;b;c\n1;2;3;\n;;;\n\n;100777;2024;\n4;5;;\n"
    for source, read in both_readers(path, data):
        assert source.malformed == []
        assert read == [(2, "1", "2", "3"), (5, None, "100777", "2024"), (6, "4", "5", None)]
    # one row without it, and every row with it is a field too many
    data = b"a;b;c\n1;2;3;\n;100777;2024;\n4;5;6\n"
    for source, read in both_readers(path, data):
        assert source.malformed == [(2, 4, 3), (3, 4, 3)]
        assert read == [(4, "4", "5", "6")]


def test_a_quoted_line_end_is_read_by_python_with_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    data = b'a;b\n"twee\nregels";1\n3;4\n'
    path.write_bytes(data)
    con = duckdb.connect()
    source = load_source(con, path, data)
    assert source.reader == "python"
    assert rows(con, source) == [(2, "twee\nregels", "1"), (4, "3", "4")]


def test_an_ingest_loads_no_duckdb_extension_that_needs_a_download(demo_home: Path) -> None:
    """The demo's CSV (UTF-8 and Windows-1252) and XLSX, ingested: downloads are switched
    off and only what DuckDB has built in is loaded (no ``excel``, no ``encodings``)."""
    from pipelines.core.catalogue import load_catalogue
    from pipelines.ingest.loader import ingest_files

    con = duckdb.connect()
    results = ingest_files(con, [demo_home / "raw" / "demo"], load_catalogue())
    assert results and all(r.error is None and not r.failed for r in results)
    assert {r.path.suffix for r in results} >= {".csv", ".xlsx"}
    loaded = con.execute(
        "select extension_name, install_mode from duckdb_extensions() where loaded"
    ).fetchall()
    assert loaded and all(mode == "STATICALLY_LINKED" for _, mode in loaded), loaded
    settings = dict(
        con.execute(
            "select name, value from duckdb_settings() where name like 'auto%_known_extensions'"
        ).fetchall()
    )
    assert settings == {
        "autoinstall_known_extensions": "false",
        "autoload_known_extensions": "false",
    }


def _private_km(path: Path, number_format: str | None = None) -> tuple[list[float], dict[str, str]]:
    """private_km as the ingest reads it from a vehicle_use file (``number_format`` as a
    mapping declares it), and what it quarantined."""
    import datetime as dt

    from pipelines.ingest.checks import checkable_frame, plans
    from pipelines.ingest.delimiters import comma_file_proof
    from pipelines.ingest.loader import check_file
    from pipelines.ingest.mapping import Mapping
    from pipelines.ingest.quality.base import SuiteContext

    assert plans and comma_file_proof  # check_file applies both
    con = duckdb.connect()
    source = load_source(con, path, path.read_bytes())
    mapping = Mapping(dataset="vehicle_use", number_format=number_format)
    checked = check_file(con, source, mapping, SuiteContext(today=dt.date(2026, 6, 30)), KEY)
    read = checkable_frame(con, checked).sort_values("_line")["private_km"].tolist()
    reasons = dict(con.execute(f"select value, reason_code from {checked.quarantine}").fetchall())
    return read, reasons


KEY = b"source-table-test-key-0123456789"


def test_xlsx_number_cells_are_read_as_they_are_text_cells_only_where_unambiguous(
    tmp_path: Path,
) -> None:
    """A cell holding the number 1.443 is 1.443; a text cell '12,5' is 12.5 (only the
    Dutch convention reads it). A workbook proves no convention for its text cells (any
    tool writes text there; helper-101: 12,500 km was 12,5), so the text '1.443' (1443,
    or 1,443) is ambiguous, and so is '1.5'; number cells never are. Declared
    (number_format: nl), '1.443' is 1443; and so it is where the column's own text
    shows the Dutch way ('12,5' is no English number; helper-158), unless it shows the
    other way too ('1.5')."""
    import openpyxl

    def sheet(cells: list, name: str) -> Path:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["employee_key", "year", "private_km"])
        for n, value in enumerate(cells):
            ws.append([f"E{n}", 2025, value])
        wb.save(tmp_path / name)
        return tmp_path / name

    cells = [7.5, "1.443", 1.443, "12,5", 1443]
    read, reasons = _private_km(sheet([c for c in cells if c != "12,5"], "alone.xlsx"))
    assert read == pytest.approx([7.5, 1.443, 1443.0])
    assert reasons == {"1.443": "ambiguous_number"}
    read, reasons = _private_km(sheet(cells, "auto.xlsx"))
    assert read == pytest.approx([7.5, 1443.0, 1.443, 12.5, 1443.0])
    assert reasons == {}
    read, reasons = _private_km(sheet([*cells, "1.5", "veel"], "auto2.xlsx"))
    assert read == pytest.approx([7.5, 1.443, 12.5, 1443.0])
    assert reasons == {
        "1.443": "ambiguous_number",
        "1.5": "ambiguous_number",
        "veel": "wrong_type",
    }
    read, reasons = _private_km(sheet(cells, "declared.xlsx"), number_format="nl")
    assert read == pytest.approx([7.5, 1443.0, 1.443, 12.5, 1443.0])
    assert reasons == {}


def test_parquet_numbers_are_numbers_and_parquet_text_is_read_only_where_unambiguous(
    tmp_path: Path,
) -> None:
    import pandas as pd

    numbers, text = tmp_path / "numbers.parquet", tmp_path / "text.parquet"
    keys = {"employee_key": ["E1", "E2", "E3", "E4"], "year": [2025] * 4}
    pd.DataFrame({**keys, "private_km": [1.443, 7.5, 1443.0, 12500.0]}).to_parquet(numbers)
    pd.DataFrame({**keys, "private_km": ["1.443", "12,5", "7", "12,500"]}).to_parquet(text)
    assert _private_km(numbers) == (pytest.approx([1.443, 7.5, 1443.0, 12500.0]), {})
    # 12,5 is no English number: the column writes the Dutch way (helper-158)
    assert _private_km(text) == (pytest.approx([1443.0, 12.5, 7.0, 12.5]), {})
    # without it, nothing says which way (helper-101: 12,500 km was read as 12,5)
    alone = tmp_path / "alone.parquet"
    pd.DataFrame({**keys, "private_km": ["1.443", "7", "7", "12,500"]}).to_parquet(alone)
    assert _private_km(alone) == (
        pytest.approx([7.0, 7.0]),
        {"1.443": "ambiguous_number", "12,500": "ambiguous_number"},
    )
    # declared English: 12,5 only the Dutch read, so the column may be Dutch after all
    assert _private_km(text, number_format="en") == (
        pytest.approx([7.0]),
        dict.fromkeys(["1.443", "12,5", "12,500"], "ambiguous_number"),
    )


def test_space_is_what_python_strips() -> None:
    """The cells' trim in SQL takes away exactly what str.strip does, no more, no less."""
    assert sorted(SPACE) == [chr(c) for c in range(0x110000) if chr(c).isspace()]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_as_utf16(tmp_path: Path, encoding: str) -> None:
    """Some database tools write UTF-16 without a byte order mark: its zero bytes made it
    'binary'. Told by where the zeros are, it reads as the text it is, line numbers kept."""
    path = tmp_path / "x.csv"
    data = "naam;plaats\r\nJosé;Zoetermeer\r\n€ 5;Ædam\r\n".encode(encoding)
    for source, read in both_readers(path, data):
        assert (source.encoding, source.header) == (encoding, ["naam", "plaats"])
        assert read == [(2, "José", "Zoetermeer"), (3, "€ 5", "Ædam")]


def test_zero_bytes_that_are_no_utf16_still_make_a_file_binary(tmp_path: Path) -> None:
    from pipelines.ingest.readers import UnusableFile

    path = tmp_path / "x.csv"
    for data in (b"\x00\x01\x02\x03" * 100, b"PK\x00\x00abc;def\n", b"a;b\n1;\x002\n"):
        path.write_bytes(data)
        with pytest.raises(UnusableFile, match="geen tekstbestand"):
            load_source(duckdb.connect(), path, data)


@pytest.mark.parametrize("end", ["\x1a", "\x1a\n", "\x1a\r\n", "\r\n\x1a\r\n"])
def test_the_end_of_file_mark_with_a_line_end_after_it_is_no_row(tmp_path: Path, end: str):
    path = tmp_path / "x.csv"
    data = ("a;b\r\n1;2" + end).encode()
    for source, read in both_readers(path, data):
        assert read == [(2, "1", "2")] and source.malformed == []


def test_a_delimiter_line_of_old_mac_line_ends_and_one_naming_no_byte(tmp_path: Path) -> None:
    """``sep=;`` ended by a lone CR (old Mac files) is the delimiter line too; ``sep=€``
    names no one-byte delimiter the readers can split on, so it is a header line."""
    from pipelines.ingest.readers import delimiter_line

    assert delimiter_line("sep=;\ra;b\r1;2\r") == ";"
    assert delimiter_line("sep=€\na€b\n") is None
    path = tmp_path / "x.csv"
    data = b"sep=;\ra,b;c\r1,2;3\r"
    source = load_source(duckdb.connect(), path, data)
    assert (source.header, source.delimiter) == (["a,b", "c"], ";")


def test_a_text_amount_whose_other_reading_has_three_decimals_is_no_doubt(tmp_path: Path) -> None:
    """helper-102: in a workbook (no convention proven) the text '1.443' in value_eur is
    no doubt: read with a decimal point it would be 1,443 euro, three decimals, which no
    amount has; '1.25' (1,25 euro, or 125) still is, and so is '1.250' (helper-149: a
    database's fixed scale of three writes 1,25 euro so, as it writes 99,99 as 99,990)."""
    import datetime as dt

    import openpyxl

    from pipelines.ingest.checks import checkable_frame
    from pipelines.ingest.loader import check_file
    from pipelines.ingest.mapping import Mapping
    from pipelines.ingest.quality.base import SuiteContext

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["employee_key", "received_on", "giver_type", "gift_type", "value_eur", "decision"])
    for n, amount in enumerate(["1.443", "1.250", "2.500,00", "25,50", "1.25", 40]):
        ws.append([f"E{n}", "01-03-2026", "leverancier", "etentje", amount, "geweigerd"])
    path = tmp_path / "gifts.xlsx"
    wb.save(path)
    con = duckdb.connect()
    source = load_source(con, path, path.read_bytes())
    checked = check_file(
        con, source, Mapping(dataset="gifts"), SuiteContext(today=dt.date(2026, 6, 30)), KEY
    )
    read = checkable_frame(con, checked).sort_values("_line")["value_eur"].tolist()
    reasons = dict(con.execute(f"select value, reason_code from {checked.quarantine}").fetchall())
    assert read == pytest.approx([1443.0, 2500.0, 25.5, 40.0])
    assert reasons == {"1.25": "ambiguous_number", "1.250": "ambiguous_number"}
