"""Which sheet of a workbook is read without a mapping's ``sheet``: the only one with
data, or the only visible one beside hidden ones (pipelines/ingest/xlsx_reader.py,
_pick_sheet); a chart sheet named is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.test_ingest import home, org_home, run
from tests.test_ingest_trial import KM_2026

__all__ = ["home", "org_home"]  # fixtures used here


def test_a_chart_sheet_named_is_refused_and_a_hidden_sheet_is_said_to_be_hidden(
    home: Path, tmp_path: Path
) -> None:
    """A hidden sheet beside the one visible sheet with data (a register's dropdown
    lists) leaves that one read, with a note (helper-250 F3: the register was refused);
    beside two visible ones the refusal says it is hidden."""
    from openpyxl.chart import BarChart

    wb = Workbook()
    ws = wb.active
    ws.title = "Gegevens"
    for row in KM_2026:
        ws.append(row)
    lists = wb.create_sheet("Lijsten")
    lists.append(["code"])
    lists.sheet_state = "hidden"
    chart = wb.create_chartsheet("Grafiek")
    chart.add_chart(BarChart())
    wb.save(tmp_path / "auto.xlsx")
    [result] = run(home, tmp_path / "auto.xlsx")
    assert (result.error, result.rows_loaded) == (None, 2)
    assert [str(n) for n in result.notes if "verborgen" in str(n)] == [
        "blad Gegevens ingelezen, het enige zichtbare blad met gegevens; verborgen blad(en) "
        "Lijsten niet ingelezen (de keuzelijsten van een register?). Staan de gegevens op "
        "een verborgen blad, noem dat blad dan met sheet in een kolomkoppeling"
    ]
    wb.create_sheet("Oud").append(["oud"])
    wb.save(tmp_path / "auto.xlsx")
    [result] = run(home, tmp_path / "auto.xlsx")
    assert result.error is not None and "(Gegevens, Lijsten (verborgen), Oud)" in result.error
    lists.sheet_state = "visible"
    wb.remove(wb["Oud"])
    wb.save(tmp_path / "auto.xlsx")
    [result] = run(home, tmp_path / "auto.xlsx")
    assert result.error is not None and "(Gegevens, Lijsten)" in result.error
    mapping = tmp_path / "auto.mapping.yaml"
    mapping.write_text("dataset: vehicle_use\nfiles: ['auto*.xlsx']\nsheet: Grafiek\n", "utf-8")
    [result] = run(home, tmp_path / "auto.xlsx", mappings=[mapping])
    assert result.error is not None and "'Grafiek'" in result.error
    assert "grafiekblad" in result.error
    mapping.write_text("dataset: vehicle_use\nfiles: ['auto*.xlsx']\nsheet: Gegevens\n", "utf-8")
    [result] = run(home, tmp_path / "auto.xlsx", mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 2)


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_data_on_a_hidden_sheet_behind_a_cover_sheet_is_named_in_the_refusal(
    home: Path, tmp_path: Path, state: str
) -> None:
    """helper-251 F7: a visible cover sheet of one line beside the data on a hidden sheet
    is read (the one visible sheet), and refused for its columns: the refusal names the
    hidden sheet and the way out, which loads it."""
    wb = Workbook()
    wb.active.title = "Toelichting"
    wb.active.append(["Export uit het HR-systeem, maart 2026"])
    data = wb.create_sheet("Data")
    for row in KM_2026:
        data.append(row)
    data.sheet_state = state
    wb.save(tmp_path / "auto.xlsx")
    [result] = run(home, tmp_path / "auto.xlsx")
    assert result.error is not None and result.error.endswith(
        ". Gelezen is het enige zichtbare blad; verborgen blad(en) met gegevens: Data. Staan "
        "de gegevens daar, noem dat blad dan met sheet in een kolomkoppeling"
    ), result.error
    assert "onbekende dataset" in result.error
    mapping = tmp_path / "auto.mapping.yaml"
    mapping.write_text("dataset: vehicle_use\nfiles: ['auto*.xlsx']\nsheet: Data\n", "utf-8")
    [result] = run(home, tmp_path / "auto.xlsx", mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 2)


def test_lists_larger_than_the_register_leave_it_read(home: Path, tmp_path: Path) -> None:
    """helper-252 F1: a new register of two rows beside a hidden sheet of 30 employees'
    names for its dropdown was refused by a rule that took the larger sheet for the data;
    the one visible sheet is read, whatever the hidden ones hold."""
    wb = Workbook()
    for row in KM_2026:
        wb.active.append(row)
    lists = wb.create_sheet("Medewerkers")
    for i in range(30):
        lists.append([f"medewerker {i}", f"afdeling {i % 3}"])
    lists.sheet_state = "hidden"
    wb.save(tmp_path / "auto.xlsx")
    [result] = run(home, tmp_path / "auto.xlsx")
    assert (result.error, result.rows_loaded) == (None, 2)
    assert any("verborgen blad(en) Medewerkers niet ingelezen" in str(n) for n in result.notes)


@pytest.mark.parametrize("other_has_data", [True, False])
def test_a_named_sheet_beside_other_sheets_with_data_says_them(
    home: Path, tmp_path: Path, other_has_data: bool
) -> None:
    """helper-262 F2: a register kept with a sheet per year; last year's mapping (sheet:
    "2025") read 2025 and said nothing of 2026's data. An empty sheet is no such sheet."""
    wb = Workbook()
    wb.active.title = "2025"
    for row in KM_2026:
        wb.active.append(row)
    later = wb.create_sheet("2026")
    if other_has_data:
        for row in KM_2026:
            later.append(row)
    wb.create_sheet("Leeg")
    wb.save(tmp_path / "auto.xlsx")
    mapping = tmp_path / "auto.mapping.yaml"
    mapping.write_text("dataset: vehicle_use\nfiles: ['auto*.xlsx']\nsheet: '2025'\n", "utf-8")
    [result] = run(home, tmp_path / "auto.xlsx", mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 2)
    said = [str(n) for n in result.notes if str(n).startswith("blad 2025 ingelezen")]
    if other_has_data:
        assert said == [
            "blad 2025 ingelezen, zoals de kolomkoppeling zegt (sheet); ook blad(en) 2026 "
            "bevat(ten) gegevens, die deze kolomkoppeling niet leest. Horen die bij deze "
            "export, lees dan elk blad met een eigen kolomkoppeling (sheet: ...)"
        ]
    else:
        assert said == []
