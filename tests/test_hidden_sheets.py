"""Which sheet of a workbook is read without a mapping's ``sheet``: the only one with
data, or the only visible one beside hidden ones (pipelines/ingest/xlsx_reader.py,
_pick_sheet); a chart sheet named is refused."""

from __future__ import annotations

from pathlib import Path

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
