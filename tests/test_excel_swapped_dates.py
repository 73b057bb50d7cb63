"""Dates Dutch Excel made of an American export: under date_order: mdy a workbook's date
cell whose day could be its month is not guessed where the file holds text that is a date
only month first (pipelines/ingest/date_order.py, excel_swapped)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.test_ingest import query, run, write


def allocations_book(folder: Path, dates: list[object]) -> Path:
    """toewijzingen.xlsx with ``dates`` as allocated_on: a datetime a date cell (shown
    d-m-yyyy), a text a text cell; declared month first."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(
        "allocation_id;allocated_on;dwelling_id;district;channel;candidate_rank;"
        "motivation_recorded;consultant_key".split(";")
    )
    for i, date in enumerate(dates):
        wb.active.append([f"A{i}", date, f"W{i}", "Noord", "regulier", 1, "ja", f"E{i}"])
        if isinstance(date, dt.datetime):
            wb.active.cell(wb.active.max_row, 2).number_format = "d-m-yyyy"
    folder.mkdir(parents=True, exist_ok=True)
    wb.save(folder / "toewijzingen.xlsx")
    return write(
        folder / "toewijzingen.mapping.yaml",
        "dataset: allocations\nfiles: [toewijzingen.xlsx]\ndate_order: mdy\n",
    )


@pytest.mark.parametrize("proof", [True, False], ids=["beside-month-first-text", "dates-alone"])
def test_under_mdy_a_date_cell_excel_may_have_swapped_is_not_guessed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, proof: bool
) -> None:
    """helper-225: an American export opened in Dutch Excel: 01/02/2026 became the date
    cell 1 February (day first), 01/13/2026 stayed text. Under the advised date_order:
    mdy the text was read right and the date cells as Excel made them, a month or more
    off, without a word. Beside text that is a date month first alone, a date cell whose
    day could be its month is quarantined; one of day 13 or more, or of its day equal to
    its month, is the same either way. Date cells alone are dates, whatever the order."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    dates = [
        dt.datetime(2025, 2, 1),  # 01/02/2025 as Excel read it: 1 February, or 2 January
        dt.datetime(2025, 5, 12),  # 12 May, or 5 December
        dt.datetime(2025, 5, 13),  # 13 May: no month 13, Excel made no date of 05/13
        dt.datetime(2025, 3, 3),  # 3 March either way
        "06/25/2025" if proof else dt.datetime(2025, 6, 25),
    ]
    allocations_book(tmp_path / "in", dates)
    [result] = [r for r in run(home, tmp_path / "in") if r.path.name == "toewijzingen.xlsx"]
    loaded = [r[0] for r in query(home, "select allocated_on from raw_allocations order by 1")]
    held = query(home, "select line, reason_code, reason from quarantine order by line")
    if not proof:
        assert held == [] and len(loaded) == 5, result.summary()
        return
    assert loaded == [dt.date(2025, 3, 3), dt.date(2025, 5, 13), dt.date(2025, 6, 25)]
    assert [(line, code) for line, code, _ in held] == [
        (2, "ambiguous_date"),
        (3, "ambiguous_date"),
    ]
    assert "1 februari 2025" in held[0][2] and "2 januari 2025" in held[0][2], held[0][2]
    assert "'06/25/2025'" in held[1][2] and "5 december 2025" in held[1][2], held[1][2]


def test_under_mdy_a_month_first_text_in_another_column_says_it_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-229 3: the text 06/15/2025 in registered_on, and date cells Excel made in
    started_on (07/01/2025 as 7 January) and approved_on: the check asked the column's
    own text alone, so every side job loaded as started before its approval. One file is
    written one way: a month-first text in any column says it of every date cell."""
    import openpyxl

    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    folder = tmp_path / "in"
    folder.mkdir()
    wb = openpyxl.Workbook()
    wb.active.append(["employee_key", "registered_on", "started_on", "approved_on"])
    wb.active.append(["E1", "06/15/2025", dt.datetime(2025, 1, 7), dt.datetime(2025, 6, 20)])
    for column in (3, 4):
        wb.active.cell(2, column).number_format = "d-m-yyyy"
    wb.save(folder / "nevenfuncties.xlsx")
    write(
        folder / "nevenfuncties.mapping.yaml",
        "dataset: side_jobs\nfiles: [nevenfuncties.xlsx]\ndate_order: mdy\n",
    )
    run(home, folder)
    held = query(home, 'select line, "column", reason_code, reason from quarantine')
    assert [(line, column, code) for line, column, code, _ in held] == [
        (2, "started_on", "ambiguous_date")
    ]
    assert "(zoals '06/15/2025')" in held[0][3] and "1 juli 2025" in held[0][3], held[0][3]
