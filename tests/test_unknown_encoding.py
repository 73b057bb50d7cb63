"""A byte that no encoding tried reads (UTF-8, Windows-1252, UTF-16) refuses the file
with its line, the byte and the word it stands in, and names the way out: the encoding
in a column mapping (helper-131: the message said "byte 0x81 op positie 1103")."""

from __future__ import annotations

from pathlib import Path

from tests.test_ingest import home, org_home, run, write

__all__ = ["home", "org_home"]  # fixtures used here

SUPPLIERS = "supplier_id;name;legal_form\n"


def test_a_dos_file_is_refused_by_its_line_and_word(home: Path, tmp_path: Path) -> None:
    text = SUPPLIERS + "C1001;Bouwbedrijf Jansen;B.V.\nC2001;Installatiebedrijf Müller;B.V.\n"
    data = write(tmp_path / "suppliers.csv", text, encoding="cp850")  # ü is 0x81 there
    [result] = run(home, data)
    assert result.error is not None and result.rows_loaded == 0
    assert "regel 3: onbekende tekstcodering (byte 0x81 in 'M\ufffdller')" in result.error
    assert "(encoding: cp850)" in result.error and "positie" not in result.error
    # the way out the message names reads it
    mapping = write(
        tmp_path / "suppliers.mapping.yaml",
        "dataset: suppliers\nfiles: [suppliers.csv]\nencoding: cp850\n",
    )
    [result] = run(home, data, mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 2)


def test_a_broken_utf16_file_is_refused_by_its_line(home: Path, tmp_path: Path) -> None:
    good = (SUPPLIERS + "C1001;Jansen;B.V.\r\n").encode("utf-16-le")
    lone = "\ud800".encode("utf-16-le", "surrogatepass")  # half a pair: no character
    data = tmp_path / "suppliers.csv"
    data.write_bytes(b"\xff\xfe" + good + "C2001;Ba".encode("utf-16-le") + lone + b"k\x00")
    [result] = run(home, data)
    assert result.error is not None
    assert "regel 3: geen geldige UTF-16 (byte " in result.error
    assert "in 'Ba\ufffd" in result.error
    assert "cp850" not in result.error  # helper-132: no code page reads UTF-16


def test_a_big_endian_utf16_file_shows_its_word_and_a_long_word_is_cut(
    home: Path, tmp_path: Path
) -> None:
    """helper-132: the rest of a big-endian file was read little-endian (garbage), and a
    run without separators of 400,000 characters went into the message whole."""
    lone = "\ud800".encode("utf-16-be", "surrogatepass")
    data = tmp_path / "suppliers.csv"
    text = (SUPPLIERS + "C2001;Ba").encode("utf-16-be")
    data.write_bytes(b"\xfe\xff" + text + lone + "kker;B.V.\r\n".encode("utf-16-be"))
    [result] = run(home, data)
    assert "regel 2: geen geldige UTF-16 (byte 0xd8 in 'Ba\ufffdkker')" in result.error
    long = tmp_path / "long" / "suppliers.csv"
    write(long, SUPPLIERS + "C1;" + "x" * 5000 + "\x81" + "y" * 5000 + ";B.V.\n", "latin-1")
    [result] = run(home, long)
    assert f"in '{'x' * 40}\ufffd{'y' * 39}')" in result.error
