"""A byte that no encoding tried reads (UTF-8, Windows-1252, UTF-16) refuses the file
with its line, the byte and the word it stands in, and names the way out: the encoding
in a column mapping (helper-131: the message said "byte 0x81 op positie 1103")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

SUPPLIERS = "supplier_id;name;legal_form\n"


def test_a_dos_file_is_refused_by_its_line_and_word(home: Path, tmp_path: Path) -> None:
    text = SUPPLIERS + "C1001;Bouwbedrijf Jansen;B.V.\nC2001;Installatiebedrijf Müller;B.V.\n"
    data = write(tmp_path / "suppliers.csv", text, encoding="cp850")  # ü is 0x81 there
    [result] = run(home, data)
    assert result.error is not None and result.rows_loaded == 0
    assert (
        "regel 3: geen Windows-1252 (byte 0x81 in 'M\ufffdller'); in Mac OS Roman (Excel voor "
        "Mac) leest het 'MÅller', in DOS-codetabel 850 'Müller', en welke het is zegt het "
        "bestand niet: zet die waarin het goed leest in een kolomkoppeling ('encoding: "
        "mac-roman' of 'encoding: cp850')"
    ) in result.error
    assert "positie" not in result.error
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


ORG = "org_unit;name;parent_unit;level\r"


def test_a_mac_file_is_said_to_read_as_mac_roman_and_that_way_out_reads_it(
    home: Path, tmp_path: Path
) -> None:
    """helper-179: Excel for Mac's 'Enquêtes' (0x90, no sign in Windows-1252) was said to be
    perhaps DOS's cp850, whose 'EnquÉtes' and 'Financiæn' then loaded without a word. Both
    readings are shown, and the way out the user picks by them reads as shown (a guess
    from the letters' case was misled three times: helper-181, -182, -183)."""
    text = ORG + "DZ;Duinzicht;;organisatie\rDZ-F;Financiën;DZ;afdeling\r"
    text += "DZ-E;Enquêtes & onderzoek;DZ;afdeling\r"
    data = tmp_path / "org_units.csv"
    data.write_bytes(text.encode("mac-roman"))
    [result] = run(home, data)
    assert result.error is not None and result.rows_loaded == 0
    assert (
        "regel 4: geen Windows-1252 (byte 0x90 in 'Enqu\ufffdtes'); in Mac OS Roman (Excel voor "
        "Mac) leest het 'Enquêtes', in DOS-codetabel 850 'EnquÉtes', en welke het is zegt het "
        "bestand niet"
    ) in result.error, result.error
    mapping = write(
        tmp_path / "org.mapping.yaml",
        "dataset: org_units\nfiles: [org_units.csv]\nencoding: mac-roman\n",
    )
    [result] = run(home, data, mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 3)


def test_where_both_code_pages_read_letters_both_are_named_and_neither_chosen(
    home: Path, tmp_path: Path
) -> None:
    """The boundary: Mac's ç (0x8D, none in Windows-1252) is DOS's ì, both small letters
    after a small one; the file does not say which, so both readings and both ways out
    are named."""
    data = tmp_path / "org_units.csv"
    data.write_bytes(
        (ORG + "DZ;Duinzicht;;organisatie\rDZ-F;Bureau François;DZ;afdeling\r").encode("mac-roman")
    )
    [result] = run(home, data)
    assert (
        "regel 3: geen Windows-1252 (byte 0x8d in 'Fran\ufffdois'); in Mac OS Roman (Excel voor "
        "Mac) leest het 'François', in DOS-codetabel 850 'Franìois', en welke het is zegt het "
        "bestand niet: zet die waarin het goed leest in een kolomkoppeling ('encoding: "
        "mac-roman' of 'encoding: cp850')"
    ) in result.error, result.error


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_a_utf32_file_is_read_as_utf32_with_its_accents(
    home: Path, tmp_path: Path, codec: str
) -> None:
    """helper-207: a UTF-32 file (with its mark, whose little-endian form begins as
    UTF-16's) was read as UTF-16 and refused for a header '\\x00s\\x00u...' without its
    columns; without the mark it was binary."""
    text = (
        SUPPLIERS + "C1001;Bouwbedrijf Jansen;B.V.\r\nC2001;Installatiebedrijf Müller € ;B.V.\r\n"
    )
    data = tmp_path / "suppliers.csv"
    data.write_bytes(text.encode(codec))
    [result] = run(home, data)
    assert (result.error, result.rows_loaded) == (None, 2)
    assert query(home, "select name from raw_suppliers order by 1")[1] == (
        "Installatiebedrijf Müller €",
    )


def test_a_broken_utf32_file_is_refused_by_its_line_as_utf32(home: Path, tmp_path: Path) -> None:
    good = (SUPPLIERS + "C1001;Jansen;B.V.\r\n").encode("utf-32-be")
    data = tmp_path / "suppliers.csv"
    beyond = b"\x00\x11\x00\x00"  # past U+10FFFF: no character
    data.write_bytes(b"\x00\x00\xfe\xff" + good + "C2001;Ba".encode("utf-32-be") + beyond)
    [result] = run(home, data)
    assert result.error is not None
    assert "regel 3: geen geldige UTF-32 (byte 0x0 in 'Ba" in result.error, result.error
