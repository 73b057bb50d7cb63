"""A spreadsheet's error values (a formula without an outcome) are no value (issue 13, no
misreads; helper-90's trial): #WAARDE! as an approver was an approval nobody gave, as a
contract a contract. Every error value, in Dutch or English Excel or LibreOffice, is
quarantined as spreadsheet_error in every kind of column; #N/A and the Dutch #N/B ("not
available") are empty, as NULL is."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.test_ingest import ORG, quarantined, query, run, write

HEADER = (
    "order_id;ordered_on;supplier_id;amount_eur;org_unit;procedure;quotes_count;contract_id;"
    "unit_price_contract;requester_key;approver_key\n"
)
ERRORS = [
    "#WAARDE!", "#VALUE!", "#VERW!", "#REF!", "#DEEL/0!", "#DIV/0!", "#NAAM?", "#NAME?",
    "#GETAL!", "#NUM!", "#LEEG!", "#NULL!", "#OVERLOOP!", "#SPILL!", "#BEREKENEN!", "#CALC!",
    "Err:502", " #waarde! ",
    "#ERROR!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#FIELD!",  # Google Sheets (helper-92)
]  # fmt: skip
# Almost an error value, but text a column may hold: loaded as written.
NOT_ERRORS = ["#WAARDE", "WAARDE!", "#12", "#12!", "Err:50", "#REF!x", "# ERROR!"]


def order(n: int, **cells: str) -> str:
    row = {
        "order_id": f"PO-{n}",
        "ordered_on": "02-03-2026",
        "supplier_id": "L1",
        "amount_eur": "100",
        "org_unit": "VH-N",
        "procedure": "raamcontract",
        "quotes_count": "1",
        "contract_id": "C-1",
        "unit_price_contract": "nee",
        "requester_key": "E1",
        "approver_key": "E2",
        **cells,
    }
    return ";".join(row.values()) + "\n"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    run(
        home,
        write(tmp_path / "base" / "org_units.csv", ORG),
        write(tmp_path / "base" / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n"),
    )
    return home


@pytest.mark.parametrize("column", ["contract_id", "approver_key", "amount_eur", "ordered_on"])
def test_an_error_value_is_quarantined_in_every_kind_of_column(
    home: Path, tmp_path: Path, column: str
) -> None:
    """contract_id is plain text (never looked up), approver_key a key, amount_eur a
    number, ordered_on a date: each its own path through the checks."""
    rows = "".join(order(i, **{column: cell}) for i, cell in enumerate(ERRORS))
    rows += "".join(order(100 + i, **{column: cell}) for i, cell in enumerate(NOT_ERRORS))
    run(home, write(tmp_path / "inkoop.csv", HEADER + rows))
    held = {
        (line, code)
        for line, col, _, code in quarantined(home, "procurement")
        if col == column and code == "spreadsheet_error"
    }
    assert held == {(2 + i, "spreadsheet_error") for i in range(len(ERRORS))}
    [(reason,)] = query(home, "select reason from quarantine where line = 2")
    assert reason.startswith(f"inkoop.csv, regel 2, kolom {column}")
    assert "'#WAARDE!'" in reason and "foutwaarde van de spreadsheet" in reason


def test_text_that_only_looks_like_an_error_value_is_text(home: Path, tmp_path: Path) -> None:
    rows = "".join(order(i, contract_id=cell) for i, cell in enumerate(NOT_ERRORS))
    [result] = run(home, write(tmp_path / "inkoop.csv", HEADER + rows))
    assert result.rows_loaded == len(NOT_ERRORS), result.summary()
    loaded = {r[0] for r in query(home, "select contract_id from raw_procurement")}
    assert loaded == {c.strip() for c in NOT_ERRORS}


@pytest.mark.parametrize("cell", ["#N/A", "#N/B", "#n/b"])
def test_not_available_is_empty(home: Path, tmp_path: Path, cell: str) -> None:
    [result] = run(home, write(tmp_path / "inkoop.csv", HEADER + order(1, approver_key=cell)))
    assert result.rows_loaded == 1, result.summary()
    assert query(home, "select approver_key from raw_procurement") == [(None,)]


def test_an_xlsx_error_cell_is_no_person(home: Path, tmp_path: Path) -> None:
    """An XLSX stores a failed formula as an error cell (openpyxl reads its text)."""
    path = tmp_path / "geschenken.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["employee_key", "received_on", "giver_type", "gift_type", "value_eur"])
    sheet.append(["E1", "02-03-2026", "huurder", "geld", 10])
    sheet.append(["=1/0", "03-03-2026", "huurder", "geld", 10])
    sheet["A3"].value = "#DIV/0!"
    sheet["A3"].data_type = "e"  # an error cell, as Excel writes one
    book.save(path)
    run(home, path)
    assert [(line, col, code) for line, col, _, code in quarantined(home, "gifts")] == [
        (3, "employee_key", "spreadsheet_error")
    ]
