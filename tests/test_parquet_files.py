"""A Parquet file that cannot be read says why in Dutch, with the way out: cut off (a
truncated download: it begins with Parquet's mark PAR1 and lacks the one that ends it),
no Parquet at all under that name, or damaged inside (the reader's own words are added).
Before, each gave pyarrow's English error (helper-103)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipelines.ingest.readers import UnusableFile, read_table


@pytest.fixture
def whole(tmp_path: Path) -> bytes:
    frame = pd.DataFrame({"employee_key": ["e1", "e2", "e3"], "fte": [0.8, 1.0, 0.5]})
    frame.to_parquet(tmp_path / "whole.parquet")
    return (tmp_path / "whole.parquet").read_bytes()


def refusal(path: Path) -> str:
    with pytest.raises(UnusableFile) as caught:
        read_table(path)
    return str(caught.value)


def test_a_whole_file_reads(tmp_path: Path, whole: bytes) -> None:
    table, _ = read_table(tmp_path / "whole.parquet")
    assert table.header == ["employee_key", "fte"]
    assert [row[0] for row in table.rows] == ["e1", "e2", "e3"]


@pytest.mark.parametrize("kept", [0.5, -1])
def test_a_file_cut_off_says_so(tmp_path: Path, whole: bytes, kept: float) -> None:
    """Cut in half, and short of its last byte only (the end mark one byte short)."""
    cut = tmp_path / "hr.parquet"
    cut.write_bytes(whole[: int(len(whole) * kept)] if kept > 0 else whole[:kept])
    said = refusal(cut)
    assert said.startswith(f"{cut}: Parquet-bestand afgebroken")
    assert "Download of kopieer het bestand opnieuw" in said
    assert "magic" not in said


def test_another_file_under_a_parquet_name_says_so(tmp_path: Path) -> None:
    path = tmp_path / "hr.parquet"
    path.write_text("employee_key;fte\ne1;0,8\n", encoding="utf-8")
    said = refusal(path)
    assert said.startswith(f"{path}: geen Parquet-bestand (het begint niet met het kenmerk PAR1)")


def test_a_file_damaged_inside_is_named_in_dutch(tmp_path: Path, whole: bytes) -> None:
    """Both marks in place, the footer's length overwritten: what the reader says is
    added, the sentence around it is Dutch."""
    damaged = bytearray(whole)
    damaged[-8:-4] = b"\xff\xff\xff\x7f"
    path = tmp_path / "hr.parquet"
    path.write_bytes(bytes(damaged))
    said = refusal(path)
    assert said.startswith(f"{path}: Parquet-bestand beschadigd, niet te lezen; niets ingelezen")


# --- the cells a Parquet file holds, as they are (helper-172) --------------------------
def _cells(tmp_path: Path, columns: dict) -> list[list]:
    """The file of ``columns`` (pyarrow arrays) read as read_table reads it: its rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table(columns), tmp_path / "bi.parquet")
    table, _ = read_table(tmp_path / "bi.parquet")
    return table.rows


def test_whole_numbers_stay_whole_beside_an_empty_cell(tmp_path: Path) -> None:
    """An int64 key with a null came through pandas as a float: 9007199254740993 was its
    neighbour 9007199254740992, two approvers one person, without a word."""
    import pyarrow as pa

    keys = [9007199254740993, 9007199254740992, None, 101]
    rows = _cells(tmp_path, {"approver_key": pa.array(keys, pa.int64())})
    assert [r[0] for r in rows] == ["9007199254740993", "9007199254740992", None, "101"]


def test_decimals_keep_every_digit(tmp_path: Path) -> None:
    """Oracle's NUMBER, Synapse and Databricks write keys as decimal(38,0): through a float
    10000000000000001 became 10000000000000000 (helper-172)."""
    import decimal

    import pyarrow as pa

    keys = [decimal.Decimal("10000000000000001"), decimal.Decimal("20260300000000012"), None]
    hours = [decimal.Decimal("12.3456789012"), decimal.Decimal("7.5000000000"), None]
    rows = _cells(
        tmp_path,
        {
            "employee_key": pa.array(keys, pa.decimal128(38, 0)),
            "overtime_hours": pa.array(hours, pa.decimal128(38, 10)),
        },
    )
    assert rows == [
        ["10000000000000001", "12.3456789012"],
        ["20260300000000012", "7.5"],
        [None, None],
    ]


def test_a_doubles_noise_past_fifteen_digits_is_not_read(tmp_path: Path) -> None:
    """43.2 / 36 is 1.2000000000000002 as a double: an fte of 1.2 computed so was refused
    as over 1.2 (helper-172); the 15 digits Excel shows of a double are what it holds."""
    import pyarrow as pa

    values = [43.2 / 36, 0.1 + 0.2, 59.849999999999994, 1e-05, 12.345678901234]
    rows = _cells(tmp_path, {"fte": pa.array(values, pa.float64())})
    assert [r[0] for r in rows] == ["1.2", "0.3", "59.85", "1e-05", "12.345678901234"]


@pytest.mark.parametrize("kind", ["list", "map", "struct"], ids=["a list", "a map", "a record"])
def test_a_column_of_lists_or_records_is_refused_naming_it(tmp_path: Path, kind: str) -> None:
    """A list was stored as "['Consulent' 'Wijk']" (helper-172): no text or number any
    column of the contract reads."""
    import pyarrow as pa

    made = {
        "list": pa.array([["Consulent", "Wijk"], ["Adviseur"]]),
        "map": pa.array([[("a", "b")], []], pa.map_(pa.string(), pa.string())),
        "struct": pa.array([{"code": "eigen"}, {"code": "pensioen"}]),
    }[kind]
    with pytest.raises(UnusableFile) as caught:
        _cells(tmp_path, {"employee_key": pa.array(["e1", "e2"]), "job_title": made})
    said = str(caught.value)
    assert "kolom(men) met lijsten of samengestelde waarden" in said and "job_title (" in said
    assert "employee_key" not in said


def test_bytes_that_are_no_utf8_are_refused_naming_line_and_column(tmp_path: Path) -> None:
    """Latin-1 bytes from Hive or Impala were stored as "b'Medewerker \\xe9\\xe9n'"."""
    import pyarrow as pa

    titles = [b"Adviseur", "Medewerker één".encode("latin-1")]
    with pytest.raises(UnusableFile) as caught:
        _cells(tmp_path, {"job_title": pa.array(titles, pa.binary())})
    said = str(caught.value)
    assert "regel 2, kolom job_title" in said and "geen UTF-8-tekst" in said, said
    rows = _cells(tmp_path, {"job_title": pa.array(["Medewerker één".encode()], pa.binary())})
    assert rows == [["Medewerker één"]]


@pytest.mark.parametrize("depth", [0, 1], ids=["in the table's folder", "in a partition"])
def test_a_delta_tables_files_are_refused(tmp_path: Path, whole: bytes, depth: int) -> None:
    """helper-172: a Delta table's folder (Fabric, Databricks) read as loose files let a
    removed version's file win; only the _delta_log says which files are live."""
    table = tmp_path / "hr_aggregates"
    (table / "_delta_log").mkdir(parents=True)
    folder = table / "y=2026" / "m=03" / "d=01" / "h=10" if depth else table  # helper-173
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / "part-00000-0b9e8d7c-c000.snappy.parquet"
    part.write_bytes(whole)
    said = refusal(part)
    assert f"een bestand van de Delta-tabel {table} (map _delta_log)" in said, said
    assert "Exporteer de tabel als één Parquet- of CSV-bestand" in said
    alone = tmp_path / "elsewhere" / "part.parquet"  # the same file outside it reads
    alone.parent.mkdir()
    alone.write_bytes(whole)
    assert read_table(alone)[0].header == ["employee_key", "fte"]


def test_a_whole_double_stays_whole_however_long(tmp_path: Path) -> None:
    """helper-173: 16-digit keys stored as doubles (a pandas column that once held a NaN)
    were rounded to 15 digits, 1234567890123456 and ...457 one person."""
    import pyarrow as pa

    keys = [1234567890123456.0, 1234567890123457.0, None]
    rows = _cells(tmp_path, {"employee_key": pa.array(keys, pa.float64())})
    assert [r[0] for r in rows] == ["1234567890123456", "1234567890123457", None]


def test_a_decimal_of_38_digits_keeps_them(tmp_path: Path) -> None:
    """helper-173: Decimal.normalize() rounds to 28 digits."""
    import decimal

    import pyarrow as pa

    keys = [decimal.Decimal("12345678901234567890123456789012"), decimal.Decimal("9" * 38)]
    rows = _cells(tmp_path, {"employee_key": pa.array(keys, pa.decimal128(38, 0))})
    assert [r[0] for r in rows] == ["12345678901234567890123456789012", "9" * 38]
    exact = [decimal.Decimal("1234567890123456789012.3456789012")]
    rows = _cells(tmp_path, {"hours": pa.array(exact, pa.decimal128(38, 10))})
    assert rows == [["1234567890123456789012.3456789012"]]


def test_utf8_is_judged_by_decoding_in_every_kind_of_binary(tmp_path: Path) -> None:
    """helper-173: a text beginning with b' was refused, a fixed-size binary column of
    Latin-1 bytes loaded as "b'\\xe9\\xe9'"."""
    import pyarrow as pa

    rows = _cells(tmp_path, {"job_title": pa.array([b"b'x", b"Adviseur"], pa.binary())})
    assert rows == [["b'x"], ["Adviseur"]]
    with pytest.raises(UnusableFile) as caught:
        _cells(tmp_path, {"code": pa.array([b"ab", "éé".encode("latin-1")], pa.binary(2))})
    assert "regel 2, kolom code" in str(caught.value), caught.value


def test_a_narrow_float_past_its_whole_numbers_is_no_key(tmp_path: Path) -> None:
    """helper-247: a float32 key 123456788 was loaded as 123456780, neither what was
    written nor what the float32 holds (123456784). Past 2**24 (float16: 2**11) a cell
    is written in scientific notation, so a key or id so written is quarantined."""
    import re

    import pyarrow as pa

    from pipelines.ingest.lookups import SCIENTIFIC

    keys = [2.0**24 - 1, 2.0**24, 123456788.0, -(2.0**24), 12.3, None]
    rows = _cells(tmp_path, {"employee_key": pa.array(keys, pa.float32())})
    cells = [r[0] for r in rows]
    assert cells[0] == "16777215" and cells[4:] == ["12.3", None], cells
    assert all(re.fullmatch(SCIENTIFIC, c) for c in cells[1:4]), cells
    halves = _cells(tmp_path, {"k": pa.array([2047.0, 2048.0], pa.float16())})
    assert halves[0] == ["2047"] and re.fullmatch(SCIENTIFIC, halves[1][0]), halves
