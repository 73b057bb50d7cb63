"""Legal forms as creditor files write them (issue 13: no spurious quarantines): "B.V.",
"Coöperatie U.A.", "Vennootschap onder firma" are read as the contract's codes without a
mapping, a sole trader however written is a sole trader (their name is personal data), a
mapping's ``values`` still wins, and a spelling that is no known form is quarantined, never
guessed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.ingest.codes import match_codes, spelling_key
from pipelines.ingest.quality.suppliers import LEGAL_FORMS, SPELLINGS
from tests.readers import reading

from .ingesthelpers import ingest_and_model
from .test_ingest import lenient, write

AS_WRITTEN = {
    "B.V.": "bv",
    "B.V": "bv",
    "b.v.": "bv",
    "B V": "bv",
    "BV i.o.": "bv",
    "Besloten Vennootschap": "bv",
    "N.V.": "nv",
    "Naamloze vennootschap": "nv",
    "V.O.F.": "vof",
    "v.o.f": "vof",
    "Vennootschap Onder Firma": "vof",
    "C.V.": "cv",
    "Commanditaire Vennootschap": "cv",
    "Coöperatie U.A.": "cooperatie",
    "Cooperatie UA": "cooperatie",
    "Coöperatie W.A.": "cooperatie",
    "Coöp. U.A.": "cooperatie",
    "Coöperatieve Vereniging": "cooperatie",
    "Eenmanszaak": "eenmanszaak",
    "Eenmanszaak met meer dan één eigenaar": "eenmanszaak",
    "ZZP'er": "eenmanszaak",
    "ZZP’er": "eenmanszaak",  # a typographic apostrophe
    "Natuurlijk persoon": "eenmanszaak",
    "Stichting": "stichting",
    "Stg.": "stichting",
    "Vereniging met volledige rechtsbevoegdheid": "vereniging",
    "VvE": "vereniging",
    "Maatschap": "maatschap",
    "Besloten vennootschap met gewone structuur": "bv",  # the Handelsregister's own names
    "Naamloze vennootschap blijkens statuten structuurvennootschap": "nv",
    "Commanditaire vennootschap met meer dan één beherende vennoot": "cv",
    "Coöperatie met uitgesloten aansprakelijkheid": "cooperatie",
    "Kerkgenootschap": "overig",
    "Onderlinge Waarborgmaatschappij": "overig",
}
# No Dutch legal form, or not one certainly: left to the rules (not_in_set), never guessed.
NOT_A_FORM = ["GmbH", "B.V.B.A.", "Holding", "Besl. Venn.", "BVBA", "Ltd.", "Coöperatie X", "V"]


@pytest.mark.parametrize(("cell", "code"), sorted(AS_WRITTEN.items()))
def test_a_legal_form_as_written_is_its_code(cell: str, code: str) -> None:
    out = match_codes(pd.Series([cell], dtype=object), LEGAL_FORMS, SPELLINGS)
    assert out.tolist() == [code]


@pytest.mark.parametrize("cell", NOT_A_FORM)
def test_what_is_no_legal_form_is_left_to_the_rules(cell: str) -> None:
    out = match_codes(pd.Series([cell], dtype=object), LEGAL_FORMS, SPELLINGS)
    assert out.tolist() == [cell]


def test_without_spellings_only_case_spaces_and_accents_are_forgiven() -> None:
    """Dots are forgiven only in a column that has spellings: an org unit 1.23 is not
    12.3, nor a channel written with dots another channel."""
    out = match_codes(pd.Series(["B.V.", " BV ", "1.23"], dtype=object), ["bv", "12.3"])
    assert out.tolist() == ["B.V.", "bv", "1.23"]


def test_every_spelling_names_a_code_and_no_two_codes_share_one() -> None:
    seen: dict[str, str] = {}
    for spelling, code in [*((c, c) for c in LEGAL_FORMS), *SPELLINGS]:
        assert code in LEGAL_FORMS, spelling
        assert seen.setdefault(spelling_key(spelling), code) == code, spelling


PUNCTUATION = st.sampled_from([".", " ", "-", "'", ". ", ""])


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([*((c, c) for c in LEGAL_FORMS), *SPELLINGS]),
    st.data(),
)
def test_any_case_and_punctuation_between_letters_reads_the_same_form(pair, data) -> None:
    spelling, code = pair
    letters = [c for c in spelling_key(spelling)]
    written = "".join(
        (ch.upper() if data.draw(st.booleans()) else ch) + data.draw(PUNCTUATION) for ch in letters
    )
    out = match_codes(pd.Series([written], dtype=object), LEGAL_FORMS, SPELLINGS)
    assert out.tolist() == [code], written


SUPPLIERS = (
    "supplier_id;name;legal_form\n"
    "L1;Bouwbedrijf Noord;B.V.\n"  # 2
    "L2;Klusbedrijf Jan Veldhoen;Eenmanszaak met meer dan één eigenaar\n"  # 3: a person
    "L3;Advies P. de Wit;ZZP'er\n"  # 4: a person
    "L4;Zorgcoöperatie Zuid;Coöperatie U.A.\n"  # 5
    "L5;Dakwerken GmbH;GmbH\n"  # 6: no Dutch form: quarantined
    "L6;Schilders Oost;V.O.F.\n"  # 7: the mapping says otherwise, and wins
    "L7;Klusbedrijf Piet Smit;V.O.F\n"  # 8: so it does however the spelling differs
    "L8;Timmerman Jansen;v. o. f.\n"  # 9
)


def test_a_creditor_file_loads_its_forms_and_its_sole_traders_stay_persons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    write(folder / "leveranciers.csv", SUPPLIERS)
    mapping = folder / "leveranciers.mapping.yaml"
    mapping.write_text(
        "dataset: suppliers\nfiles: [leveranciers.csv]\n"
        'values: {legal_form: {"V.O.F.": eenmanszaak}}\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.delenv("RADAR_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("RADAR_KEY_FILE", raising=False)
    warehouse = tmp_path / "w.duckdb"
    ingest_and_model(warehouse, [folder], ["stg_procurement__suppliers"], catalogue=lenient())
    with reading(str(warehouse)) as con:
        loaded = con.execute(
            "select supplier_id, legal_form, is_sole_trader from stg_procurement__suppliers "
            "order by 1"
        ).fetchall()
        held = con.execute(
            'select line, "column", value, reason_code from quarantine order by line'
        ).fetchall()
    assert loaded == [
        ("L1", "bv", False),
        ("L2", "eenmanszaak", True),
        ("L3", "eenmanszaak", True),
        ("L4", "cooperatie", False),
        ("L6", "eenmanszaak", True),
        ("L7", "eenmanszaak", True),  # not vof: a person's name shown to every role
        ("L8", "eenmanszaak", True),
    ]
    assert held == [(6, "legal_form", "GmbH", "not_in_set")]
