"""Numbers Dutch Excel made of an English export's decimals: under number_format: en,
a workbook's whole number cell beside text with a decimal point is not guessed
(pipelines/ingest/excel_thousands.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from tests.test_ingest import home, org_home, query, run, write
from tests.test_xlsx_formats import hours_book, unit_free_names

__all__ = ["home", "org_home"]  # the fixtures, imported for pytest


@pytest.mark.parametrize(
    ("proof", "english"),
    [(True, True), (False, True), (True, False)],
    ids=["beside-point-decimals", "numbers-alone", "read-the-dutch-way"],
)
def test_under_en_a_number_cell_dutch_excel_made_of_a_decimal_is_not_guessed(
    home: Path, tmp_path: Path, proof: bool, english: bool
) -> None:
    """helper-225: an English export opened in Dutch Excel: 1.500 (1,5 hours) became the
    number cell 1500, 0.750 stayed text. Under number_format: en the text was read right
    and the number loaded a thousand times too large, without a word. Beside text with a
    decimal point, a whole number cell of four to six digits is ambiguous_number; one of
    three digits, or of seven, is none of Excel's making; number cells alone are numbers;
    and in a file read the Dutch way a number cell is Excel's own reading."""
    folder = tmp_path / "in"
    overtime = [
        ("0.750" if proof else 0.75, None),
        (1500, None),  # 1.500: 1,5 hours, or Excel's 1500
        (1000, None),  # the smallest such: 1.000
        (999, None),  # 0.999 is no Dutch number: no number cell of Excel's
    ]
    book = hours_book(
        folder / "uren_x.xlsx",
        [((0.8, None), (2, None), hours) for hours in overtime],
        ["Overuren"],
    )
    mapping = unit_free_names(book)
    mapping = mapping.replace("sick_days}", "sick_days, Overuren: overtime_hours}")
    write(folder / "uren.mapping.yaml", mapping + ("number_format: en\n" if english else ""))
    run(home, folder)
    loaded = query(home, "select _source_line, overtime_hours from raw_employees order by 1")
    held = query(home, "select line, reason_code, reason from quarantine order by 1")
    if not proof:
        assert held == [] and [h for _, h in loaded] == [0.75, 1500, 1000, 999]
        return
    if not english:  # 0.750 is no Dutch number without doubt; the number cells are theirs
        assert [(line, code) for line, code, _ in held] == [(2, "ambiguous_number")]
        assert loaded == [(3, 1500.0), (4, 1000.0), (5, 999.0)]
        return
    assert loaded == [(2, 0.75), (5, 999.0)]
    assert [(line, code) for line, code, _ in held] == [
        (3, "ambiguous_number"),
        (4, "ambiguous_number"),
    ]
    assert "'0.750'" in held[0][2] and "dit kan ook 1,5 zijn" in held[0][2], held[0][2]
    assert "dit kan ook 1 zijn" in held[1][2], held[1][2]


@pytest.mark.parametrize(
    "proof",
    ["12,50", "1.012,50", None],
    ids=["beside-comma-decimals", "grouped", "numbers-alone"],
)
def test_read_the_dutch_way_number_cells_english_excel_may_have_made_are_said(
    home: Path, tmp_path: Path, proof: str | None
) -> None:
    """helper-248, the mirror: a Dutch export opened in English Excel: 1.500 (1500) became
    the number cell 1.5, 12,50 stayed text, and read the Dutch way (the default) 1.5
    loaded a thousand times too small, without a word. Beside text with a decimal
    comma, the number cells of one to three decimals after one to three digits are said
    in a note with their lines, and loaded (helper-249: quarantined, one pasted text
    cell refused a hand-kept register whole); a whole one, one after four digits, one
    of four decimals and 0.75 (no Dutch tool groups 0.750) are not said; number cells
    alone are not. The note names the proof's line (helper-249 F6)."""
    folder = tmp_path / "in"
    overtime = [
        proof or 12.5,
        1.5,  # 1.500: 1500 hours, or Excel's 1,5
        999.999,  # the largest such
        1.25,  # 1.250
        25,  # whole: 25 or 25.000, no telling, and Excel's own either way
        1000.5,  # four digits before the point: no group of Excel's
        1.2345,  # four decimals
        0.75,
        "7,25" if proof else 7.25,  # a second proof: the note names the first one's line
    ]
    book = hours_book(
        folder / "uren_x.xlsx",
        [((0.8, None), (2, None), (h, None)) for h in overtime],
        ["Overuren"],
    )
    mapping = unit_free_names(book).replace("sick_days}", "sick_days, Overuren: overtime_hours}")
    write(folder / "uren.mapping.yaml", mapping)
    [result] = [r for r in run(home, folder) if r.path.name == "uren_x.xlsx"]
    loaded = query(home, "select overtime_hours from raw_employees order by _source_line")
    assert query(home, "select count(*) from quarantine") == [(0,)]
    first = 1012.5 if proof == "1.012,50" else 12.5
    assert [h for (h,) in loaded] == [first, *overtime[1:-1], 7.25]
    said = [str(n) for n in result.notes if "met een breuk" in str(n)]
    if not proof:
        assert said == []
        return
    assert said == [
        "kolom Overuren: 3 getalcel(len) met een breuk (regel 3, 4, 5) naast tekst met een "
        f"decimale komma (zoals '{proof}' op regel 2): Excel in een Engelse instelling "
        "maakt van een Nederlands duizendtal als 1.500 het getal 1,5. Geladen zoals de "
        "werkmap ze bewaart; was het bestand een export die in Excel geopend is, lees dan "
        "de export zelf in, of open hem als tekst"
    ], said


@pytest.mark.parametrize(
    "proof",
    [
        "€ 12,50",
        "12,50 EUR",
        "€ 1.012,50",
        "€\u00a012,50",  # Excel's Dutch currency format: a no-break space (helper-251)
        "12,50\u00a0€",
        "€ 1\u00a0012,50",
        "+12,50",
        ",5",  # the parser's own: 0,5 (helper-252)
        "euro 3,-",  # whole euros: no decimal comma
        "- 12,50",  # no number to the parser: no proof either (helper-251)
        "01.234,50",  # nor these (helper-252: the proof's pattern took them)
        "1\u2002234,56",
    ],
)
def test_an_amount_with_its_euro_sign_is_proof_of_a_decimal_comma(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, proof: str
) -> None:
    """helper-249 F5: the proof was narrower than the parser: a gift register's amount
    typed as text with its euro sign ('€ 12,50', read as 12,50) did not count, so the
    number cell 1.5 beside it (1.500 euro in English Excel) loaded as 1,50 euro without a
    word. Whole euros ('euro 3,-') hold no decimal comma: no proof, nothing said."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["employee_key", "received_on", "giver_type", "gift_type", "value_eur"])
    for i, value in enumerate([1.5, proof, 40]):
        ws.append([f"e{i}", dt.datetime(2026, 3, 2), "leverancier", "geld", value])
    path = tmp_path / "in" / "gifts.xlsx"
    path.parent.mkdir()
    wb.save(path)
    [result] = run(home, path)
    refused = proof in ("- 12,50", "01.234,50", "1\u2002234,56")
    assert query(home, "select line from quarantine") == ([(3,)] if refused else [])
    said = [str(n) for n in result.notes if "met een breuk" in str(n)]
    if proof.endswith("-") or refused:
        assert said == []
        return
    assert said == [
        "kolom value_eur: 1 getalcel(len) met een breuk (regel 2) naast tekst met een "
        f"decimale komma (zoals '{proof}' op regel 3): Excel in een Engelse instelling maakt "
        "van een Nederlands duizendtal als 1.500 het getal 1,5. Geladen zoals de werkmap ze "
        "bewaart; was het bestand een export die in Excel geopend is, lees dan de export "
        "zelf in, of open hem als tekst"
    ], said
