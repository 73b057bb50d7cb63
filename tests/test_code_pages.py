"""A CSV in DOS code page 850 was read as Windows-1252 without a word (helper-131:
'Café' stored as 'Caf‚', 'Köse' as 'K”se'), and a Windows-1252 file with two names
in š was refused as Mac OS Roman (helper-131: 'Dušan', 'Miloš'). The code page is told
by the letters: a reading that puts a quote inside a word, or a capital after a small
letter, is implausible; one that puts a letter is plausible (pipelines/ingest/
code_pages.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.ingest.code_pages import lookalike
from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

SUPPLIERS = "supplier_id;name;legal_form\r\n"


def test_a_dos_file_is_refused_until_its_mapping_says_cp850(home: Path, tmp_path: Path) -> None:
    text = SUPPLIERS + "C1001;Café De Brug;V.O.F.\r\nC1002;Schildersbedrijf Köse;Eenmanszaak\r\n"
    data = write(tmp_path / "suppliers.csv", text, encoding="cp850")
    [result] = run(home, data)
    assert result.error is not None and result.rows_loaded == 0
    assert "regel 2 leest als 'Caf‚' in Windows-1252, maar als 'Café' in DOS-codetabel 850" in (
        result.error
    )
    assert "'encoding: cp850'" in result.error
    mapping = write(
        tmp_path / "suppliers.mapping.yaml",
        "dataset: suppliers\nfiles: [suppliers.csv]\nencoding: cp850\n",
    )
    [result] = run(home, data, mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 2)
    names = [n for (n,) in query(home, "select name from raw_suppliers order by 1")]
    assert names == ["Café De Brug", "Schildersbedrijf Köse"]


def test_two_names_in_s_caron_load_as_windows_1252(home: Path, tmp_path: Path) -> None:
    names = ["Bouwbedrijf Dušan", "Stukadoorsbedrijf Miloš", "Installatie Oost"]
    text = SUPPLIERS + "".join(f"C{i};{n};B.V.\r\n" for i, n in enumerate(names))
    [result] = run(home, write(tmp_path / "suppliers.csv", text, encoding="cp1252"))
    assert (result.error, result.rows_loaded) == (None, 3)
    assert [n for (n,) in query(home, "select name from raw_suppliers order by 1")] == sorted(names)


def lines(*names: str, end: str = "\n") -> str:
    return "naam" + end + "".join(n + end for n in names)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (lines("Coöperatie"), None),  # one word: not enough
        (lines("Coöperatie", "Daniëlle"), "cp850"),  # two: refused
        (lines("Coöperatie", "Daniëlle", "Zoë"), "cp850"),  # ë at a word's end: neutral
        (lines("Coöperatie", "Daniëlle", "Café Crème"), None),  # 2 for, 2 against: no
        (lines("Coöperatie", "Daniëlle", "Café", "Café Crème"), "cp850"),  # 3 for, 2 against
        (lines("Coöperatie", end="\r"), "mac-roman"),  # CR alone: Mac's î, one enough
    ],
)
def test_dos_evidence_boundaries(text: str, codec: str | None) -> None:
    """The words Windows-1252 reads as letters where DOS and Mac read capitals after a
    small letter (Windows-1252's é is DOS's Ú, Mac's È) count against them."""
    data = text.encode("cp850") if "Crème" not in text else _mixed(text)
    found = lookalike(data)
    assert (found and found.codec) == codec


def _mixed(text: str) -> bytes:
    """The DOS words in cp850, the last line in Windows-1252 (its bytes as one file)."""
    *dos, last, _ = text.split("\n")
    return "\n".join(dos).encode("cp850") + b"\n" + last.encode("cp1252") + b"\n"


@pytest.mark.parametrize(
    ("names", "end", "codec"),
    [
        (["Café"], "\r", "mac-roman"),  # one Mac letter in a CR-only file
        (["Café"], "\n", None),  # ... but not with LF
        (["Café", "Müller"], "\n", "mac-roman"),
        (["Coöperatie", "Kösem"], "\n", None),  # Mac's ö is Windows' š: both letters
    ],
)
def test_mac_evidence_boundaries(names: list[str], end: str, codec: str | None) -> None:
    found = lookalike(lines(*names, end=end).encode("mac-roman"))
    assert (found and found.codec) == codec


# What Windows-1252 exports of a Dutch organisation hold: accented letters, names from
# elsewhere in Europe, typographic quotes, dashes, the euro sign, units
WINDOWS_WORDS = [
    "Café", "Coöperatie", "Daniëlle", "Zoë", "Müller", "Crème", "Françoise", "Ideeën",
    "België", "Brûlé", "Dušan", "Miloš", "Žižek", "Škoda", "auto’s", "“Kwast”", "„Noord”",
    "Noord–Zuid", "enz…", "12,50 €", "Straße", "Øresund", "Ångström", "Œuvre", "cœur",
    "Excel™", "m²", "20°C", "‘s-Hertogenbosch", "Hé!", "naïef", "Señor", "São", "Ÿsel",
    "‹Bouw›", "½", "De\xa0Vries", "façade", "Gödel", "Çelik", "Þór", "Ærø",
    # helper-133: glued to words, and words in capitals
    "jaren…prima", "laat…nagebeld", "„Bedankt“", "L×B×H", "CAFÉ", "BELGIË", "MÜNCHEN",
    "COÖPERATIE", "RENÉ", "ƒ 12,50",
]  # fmt: skip
ASCII_WORDS = ["Bouw", "B.V.", "Jansen", "Verhuur", "12", "Noord", "de", "Installatie"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WINDOWS_WORDS + ASCII_WORDS), min_size=1, max_size=30))
def test_windows_1252_text_is_never_taken_for_another_code_page(words: list[str]) -> None:
    data = "naam\r\n" + "".join(f"{w};\r\n" if i % 3 else f"{w} " for i, w in enumerate(words))
    assert lookalike(data.encode("cp1252")) is None


# Words whose accent each code page writes as a sign Windows-1252 has but no letter
DOS_WORDS = ["Café", "Coöperatie", "Daniëlle", "naïef", "Françoise", "Rhône", "Crèche"]
MAC_WORDS = ["Café", "Daniëlle", "Müller", "naïef", "Zoë", "Thaïs"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(DOS_WORDS), min_size=2, max_size=6),
    st.lists(st.sampled_from(ASCII_WORDS), max_size=20),
    st.sampled_from([("cp850", "\r\n"), ("mac-roman", "\r"), ("mac-roman", "\n")]),
)
def test_two_words_in_another_code_page_are_never_read_silently(
    accented: list[str], plain: list[str], written: tuple[str, str]
) -> None:
    codec, end = written
    if codec == "mac-roman":
        accented = [MAC_WORDS[DOS_WORDS.index(w) % len(MAC_WORDS)] for w in accented]
    data = lines(*plain, *accented, end=end).encode(codec)
    found = lookalike(data)
    assert found is not None and found.codec == codec
    assert found.other in accented  # the word named, as the other code page reads it
    assert found.read == found.other.encode(codec).decode("cp1252")


def test_a_closing_quote_at_the_files_end_tells_nothing() -> None:
    """The last byte has nothing after it: Windows-1252's ” there closes a word (it is
    DOS's ö, which with Coöperatie's would make two)."""
    data = "naam\nCoöperatie\n".encode("cp850") + "Bouw “Kwast”".encode("cp1252")
    assert lookalike(data) is None
    assert lookalike(data + "\nKöse".encode("cp850")).codec == "cp850"


@pytest.mark.parametrize(
    ("names", "codec"),
    [
        # helper-133: in capitals, DOS's Ü is Windows' š and Mac's É Windows' ƒ: a small
        # letter inside a word of capitals is no reading
        (["SCHILDERSBEDRIJF MÜLLER", "DÜSSELDORF"], "cp850"),
        (["CAFÉ DE BRUG", "RENÉ KLUSSEN"], "mac-roman"),
        # a DOS ë at a word's end is Windows' ‰, no closing mark (Zo‰, Belgi‰)
        (["Kapsalon Zoë", "België"], "cp850"),
        (["Château Import", "Crêpe"], "cp850"),  # â is ƒ, the guilder: no letter
        (["Bouw Zoë", "België"], "mac-roman"),  # Mac's ë at the end is ‘
    ],
)
def test_words_in_capitals_and_at_a_words_end(names: list[str], codec: str) -> None:
    found = lookalike(lines(*names).encode(codec))
    assert found is not None and found.codec == codec
