"""A mapping is YAML as its writer means it: only ``true``/``false`` are booleans. PyYAML
reads YAML 1.1, where ``Yes``, ``No``, ``On`` and ``Off`` are booleans too, so an English
export's labels in ``values`` (or a column called "Off") became True and False: the
mapping was refused with "verwacht tekst" for text the user had typed as text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines.build.builder import build
from pipelines.ingest.mapping import load_mapping
from tests.readers import reading

ENGLISH_SUPPLIERS = (
    "Creditor;Name;Legal form;Related;Off\n"
    "C1;Acme Building;B.V.;No;x\n"
    "C2;J. Jansen;Eenmanszaak;Yes;x\n"
    "C3;Oak Foundation;Stichting;no;x\n"
)

MAPPING = (
    "dataset: suppliers\n"
    "files: [creditors.csv]\n"
    "columns: {Creditor: supplier_id, Name: name, Legal form: legal_form,\n"
    "          Related: related_to_employee}\n"
    'values: {legal_form: {"B.V.": bv},\n'
    "         related_to_employee: {Yes: ja, No: nee, yes: ja, no: nee, On: ja, Off: nee}}\n"
)


def test_yes_no_on_off_stay_text_in_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "creditors.mapping.yaml"
    path.write_text(MAPPING.replace("Related: related", "Off: related"), encoding="utf-8")
    mapping = load_mapping(path)
    assert mapping.columns["Off"] == "related_to_employee"
    assert mapping.values["related_to_employee"] == {
        "Yes": "ja",
        "No": "nee",
        "yes": "ja",
        "no": "nee",
        "On": "ja",
        "Off": "nee",
    }


@pytest.mark.parametrize("word", ["true", "True", "false", "FALSE"])
def test_true_and_false_are_still_booleans(tmp_path: Path, word: str) -> None:
    """YAML 1.2's booleans stay booleans: a boolean where text is expected is refused
    with the field named, as before (nothing is turned into the text 'True')."""
    from pipelines.ingest.readers import UnusableFile

    path = tmp_path / "b.mapping.yaml"
    path.write_text(MAPPING.replace("Yes: ja", f"{word}: ja"), encoding="utf-8")
    with pytest.raises(UnusableFile, match="values"):
        load_mapping(path)


def test_an_english_export_with_yes_and_no_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    monkeypatch.delenv("RADAR_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("RADAR_KEY_FILE", raising=False)
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "creditors.csv").write_text(ENGLISH_SUPPLIERS, encoding="utf-8")
    (folder / "creditors.mapping.yaml").write_text(MAPPING, encoding="utf-8")
    [result] = build(path=home / "w.duckdb", inputs=[folder]).files
    assert result.error is None, result.error
    with reading(str(home / "w.duckdb")) as con:
        related = con.execute(
            "select supplier_id, related_to_employee from raw_suppliers order by all"
        ).fetchall()
        bad = con.execute("select count(*) from quarantine").fetchone()[0]
    assert related == [("C1", False), ("C2", True), ("C3", False)]
    assert bad == 0


def test_codes_that_look_like_numbers_stay_the_text_they_are(tmp_path: Path) -> None:
    """YAML 1.1 read 0101 as the octal 65 and 1_2 as 12: an org unit code 0101 in
    `values` then sent every order of KP-0101 to unit 65, without a word. The mapping's
    own numbers and dates are still read as such by their fields."""
    path = tmp_path / "c.mapping.yaml"
    path.write_text(
        "dataset: procurement\n"
        "header_row: 3\n"
        "export_date: 2026-07-01\n"
        "values: {org_unit: {KP-0101: 0101, KP-12: 1_2, KP-7: 7.10, KP-D: 2026-01-05,\n"
        '                    "Weet niet": null, Leeg: ~}}\n',
        encoding="utf-8",
    )
    mapping = load_mapping(path)
    assert mapping.values["org_unit"] == {
        "KP-0101": "0101",
        "KP-12": "1_2",
        "KP-7": "7.10",
        "KP-D": "2026-01-05",
        "Weet niet": None,
        "Leeg": None,
    }
    assert mapping.header_row == 3
    assert mapping.export_date == dt.date(2026, 7, 1)


def test_a_code_key_that_looks_like_a_number_is_text_too(tmp_path: Path) -> None:
    """A key 010 was refused as 'verwacht tekst', for text the user never wrote."""
    path = tmp_path / "k.mapping.yaml"
    path.write_text(
        "dataset: procurement\nvalues: {procedure: {010: enkelvoudig_onderhands}}\n",
        encoding="utf-8",
    )
    assert load_mapping(path).values == {"procedure": {"010": "enkelvoudig_onderhands"}}
