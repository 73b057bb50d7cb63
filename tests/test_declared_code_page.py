"""A column mapping that declares the wrong code page loaded the wrong letters without a
word (the last stop's note: a Mac file under 'encoding: cp850' loaded 'Enquêtes' as
'EnquÉtes'). A declared DOS, Mac or ISO code page is held against Windows-1252, Mac OS
Roman and DOS 850 as an undeclared file is held against the other two
(pipelines/ingest/code_pages.py); 'encoding: cp1252' is taken at its word, as it is the
way out of that refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.ingest.code_pages import lookalike
from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

SUPPLIERS = "supplier_id;name;legal_form\r\n"


def mapping(tmp_path: Path, encoding: str) -> Path:
    return write(
        tmp_path / "suppliers.mapping.yaml",
        f"dataset: suppliers\nfiles: [suppliers.csv]\nencoding: {encoding}\n",
    )


def suppliers(tmp_path: Path, names: list[str], codec: str) -> Path:
    text = SUPPLIERS + "".join(f"C{i};{n};B.V.\r\n" for i, n in enumerate(names, 1001))
    return write(tmp_path / "suppliers.csv", text, encoding=codec)


def test_a_mac_file_under_a_dos_mapping_is_refused_with_both_readings(
    home: Path, tmp_path: Path
) -> None:
    data = suppliers(tmp_path, ["Enquêtebureau Noord", "Bouwbedrijf Müller"], "mac-roman")
    [result] = run(home, data, mappings=[mapping(tmp_path, "cp850")])
    assert result.error is not None and result.rows_loaded == 0
    assert (
        "regel 2 leest als 'EnquÉtebureau' in cp850, zoals de kolomkoppeling zegt (encoding), "
        "maar als 'Enquêtebureau' in Mac OS Roman"
    ) in result.error
    assert "'encoding: mac-roman'" in result.error
    assert query(home, "select count(*) from raw_suppliers") == [(0,)]
    # the way out the message names reads it as written
    [result] = run(home, data, mappings=[mapping(tmp_path, "mac-roman")])
    assert (result.error, result.rows_loaded) == (None, 2)
    names = [n for (n,) in query(home, "select name from raw_suppliers order by 1")]
    assert names == ["Bouwbedrijf Müller", "Enquêtebureau Noord"]


def test_a_dos_file_under_a_mac_mapping_names_dos(home: Path, tmp_path: Path) -> None:
    # Köse's ö is Mac's î, a letter too: it tells nothing; the two é do
    data = suppliers(tmp_path, ["Café De Brug", "Köse", "Brasserie René"], "cp850")
    [result] = run(home, data, mappings=[mapping(tmp_path, "mac-roman")])
    assert result.error is not None and result.rows_loaded == 0
    assert "maar als 'Café' in DOS-codetabel 850" in result.error
    assert "'encoding: cp850'" in result.error


def test_a_windows_file_under_a_latin_1_or_dos_mapping(home: Path, tmp_path: Path) -> None:
    """Latin-1 reads Windows-1252's letters alike (only its € and quotes differ, refused
    as control characters): it loads; under cp850 Café reads as CafÚ and is refused."""
    data = suppliers(tmp_path, ["Café De Brug", "Bouwbedrijf Müller"], "cp1252")
    [result] = run(home, data, mappings=[mapping(tmp_path, "latin-1")])
    assert (result.error, result.rows_loaded) == (None, 2)
    [result] = run(home, data, mappings=[mapping(tmp_path, "cp850")])
    assert result.error is not None
    assert "leest als 'CafÚ' in cp850" in result.error and "in Windows-1252" in result.error


@pytest.mark.parametrize(
    ("names", "end", "found"),
    [
        (["Enquêtes"], "\n", None),  # one word: not enough
        (["Enquêtes", "Müller"], "\n", "mac-roman"),  # two: refused
        (["Enquêtes"], "\r", "mac-roman"),  # lines ending in CR alone: Mac's, one enough
        (["Dušan"], "\n", None),  # no word the declared code page misreads
    ],
)
def test_evidence_boundaries_against_a_declared_dos_page(
    names: list[str], end: str, found: str | None
) -> None:
    codec = "mac-roman" if found or "Dušan" not in names else "cp1252"
    data = ("naam" + end + "".join(n + end for n in names)).encode(codec)
    other = lookalike(data, "cp850")
    assert (other and other.codec) == found


# What exports in each code page hold (only the words the code page can write)
WORDS = [
    "Café", "Coöperatie", "Daniëlle", "Zoë", "Müller", "Crème", "Françoise", "Ideeën",
    "België", "Brûlé", "naïef", "Señor", "façade", "Gödel", "Çelik", "Straße", "Øresund",
    "Ångström", "CAFÉ", "BELGIË", "MÜNCHEN", "COÖPERATIE", "RENÉ", "Rhône", "Crèche",
    "Thaïs", "Enquêtes", "m²", "20°C", "½", "Ærø", "São",
]  # fmt: skip
PLAIN = ["Bouw", "B.V.", "Jansen", "Verhuur", "12", "Noord", "de", "Installatie"]
DECLARED = ["cp850", "cp858", "cp437", "mac-roman", "iso8859-1", "iso8859-15"]


def _writable(word: str, codec: str) -> bool:
    try:
        word.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(DECLARED),
    st.lists(st.sampled_from(WORDS + PLAIN), min_size=1, max_size=30),
    st.sampled_from(["\r\n", "\n", "\r"]),
)
def test_text_in_the_declared_code_page_is_never_refused(
    codec: str, words: list[str], end: str
) -> None:
    words = [w for w in words if _writable(w, codec)]
    data = "naam" + end + "".join(f"{w};{end}" if i % 3 else f"{w} " for i, w in enumerate(words))
    assert lookalike(data.encode(codec), codec) is None


# Words the declared code page reads as a sign or a misplaced capital (DOS's Coöperatie
# is Mac's Coîperatie, both letters: it tells nothing, and is left out)
ACCENTED = {
    ("cp850", "mac-roman"): ["Café", "Müller", "Brûlé", "Señor", "René"],
    ("mac-roman", "cp850"): ["Café", "Coöperatie", "Rhône", "Müller", "Enquêtes", "Gödel"],
    ("cp1252", "cp850"): ["Café", "Daniëlle", "Müller", "Zoë", "Enquêtes", "België"],
    ("cp1252", "mac-roman"): ["Café", "naïef", "Françoise", "Müller", "Thaïs", "Ideeën"],
    ("mac-roman", "iso8859-15"): ["Café", "Daniëlle", "Müller", "Zoë", "Enquêtes"],
}


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(ACCENTED)),
    st.data(),
)
def test_two_words_of_another_code_page_are_never_read_under_a_declared_one(
    pair: tuple[str, str], data: st.DataObject
) -> None:
    written, declared = pair
    accented = data.draw(st.lists(st.sampled_from(ACCENTED[pair]), min_size=2, max_size=6))
    plain = data.draw(st.lists(st.sampled_from(PLAIN), max_size=20))
    raw = ("naam\r\n" + "".join(f"{w}\r\n" for w in [*plain, *accented])).encode(written)
    found = lookalike(raw, declared)
    assert found is not None and found.codec == written
    assert found.other in accented and found.read == found.other.encode(written).decode(declared)
