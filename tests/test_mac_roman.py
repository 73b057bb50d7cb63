"""Excel for Mac's CSV: Mac OS Roman with lines ended by CR alone (helper-97). Its é and ü
are bytes Windows-1252 reads as Ž and Ÿ without an error, so 'Café' was stored as
'CafŽ' without a word. Such a file is refused, naming the line and both readings, until
a mapping says its encoding; a Windows-1252 file is read as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_csv_columns_and_encodings import home
from tests.test_ingest import query, run

__all__ = ["home"]  # fixtures used here

NAMES = ["Café De Brug", "Loodgieter Müller", "Coöperatie Groen"]


def write(folder: Path, names: list[str], encoding: str, end: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "leveranciers.csv"
    rows = "".join(f"L{i};{n}{end}" for i, n in enumerate(names))
    path.write_bytes((f"supplier_id;name{end}" + rows).encode(encoding))
    return path


def test_excel_for_macs_csv_is_refused_until_its_encoding_is_said(
    tmp_path: Path, home: Path
) -> None:
    path = write(tmp_path / "in", NAMES, "mac-roman", "\r")
    (result,) = run(home, path)
    error = str(result.error)
    assert "regel 2 leest als 'CafŽ' in Windows-1252, maar als 'Café' in Mac OS Roman" in error
    assert "encoding: mac-roman" in error
    mapping = tmp_path / "in" / "leveranciers.mapping.yaml"
    mapping.write_text("dataset: suppliers\nfiles: [leveranciers.csv]\nencoding: mac-roman\n")
    (result,) = run(home, path, mappings=[mapping])
    assert result.error is None, result.error
    assert [n for (n,) in query(home, "select name from raw_suppliers order by 1")] == sorted(NAMES)


@pytest.mark.parametrize(
    ("names", "encoding", "end"),
    [
        (NAMES, "cp1252", "\r"),  # Windows-1252's é is 0xE9: no Mac letter
        (["Dušan Bouw", "Škoda Garage"], "cp1252", "\r\n"),  # š after a letter, CRLF
        (["Dušan Bouw"], "cp1252", "\n"),
        (["Bakker ‘s-Hertogenbosch”"], "cp1252", "\r"),  # quotes are no letters
    ],
)
def test_a_windows_1252_file_is_read_as_before(
    tmp_path: Path, home: Path, names: list[str], encoding: str, end: str
) -> None:
    (result,) = run(home, write(tmp_path / "in", names, encoding, end))
    assert result.error is None, result.error
    assert [n for (n,) in query(home, "select name from raw_suppliers order by 1")] == sorted(names)


@pytest.mark.parametrize(
    ("names", "end", "word"),
    [
        (["Daniëlle Zoë Advies", "Bouw BV"], "\r", "Dani‘lle"),  # helper-98: ë is 0x91
        (["Café De Kroon", "Bouw • BV"], "\r", "CafŽ"),  # a Mac sign from 0xA0 (•)
        (["Café De Kroon", "Müller Bouw"], "\n", "CafŽ"),  # two Mac letters, LF
    ],
)
def test_a_mac_file_is_told_by_its_letters(
    tmp_path: Path, home: Path, names: list[str], end: str, word: str
) -> None:
    (result,) = run(home, write(tmp_path / "in", names, "mac-roman", end))
    assert f"leest als '{word}' in Windows-1252" in str(result.error), result.error


def test_a_dutch_windows_file_with_one_name_in_s_caron_loads(tmp_path: Path, home: Path) -> None:
    names = ["Café Brûlé", "Dušan Bouw", "Ideeën BV", "Zoë Advies"]
    (result,) = run(home, write(tmp_path / "in", names, "cp1252", "\r\n"))
    assert result.error is None, result.error
