"""What a new user's trial with exports of their own broke (issue 13): dates far in the
future, a mapping saved by a Windows editor, a mapping that does not fit the export, a
workbook with several sheets, Parquet with pandas' nullable types. Each is read right or
refused with a reason naming the file; none crashes, none loses rows without a word, and
a refused re-read leaves the earlier load as it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from pipelines.ingest.parsing import parse_date
from tests.test_ingest import (
    EMPLOYEE_HEADER,
    employee,
    home,
    org_home,
    quarantined,
    query,
    run,
    write,
)

__all__ = ["home", "org_home"]  # fixtures used here

VEHICLE = "employee_key;year;private_km\n"


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("01-01-1900", dt.datetime(1900, 1, 1)),
        ("31-12-2100", dt.datetime(2100, 12, 31)),
        ("31-12-1899", None),
        ("01-01-2101", None),
        ("31-12-9999", None),  # an HR system's "no end date": beyond pandas' own range
        ("2602-01-01", None),
        ("2602-01-01 00:00:00", None),  # how an XLSX date cell arrives
        ("15-01-2026 08:30:00", dt.datetime(2026, 1, 15)),
        ("2026-01-15T08:30:00", dt.datetime(2026, 1, 15)),
    ],
)
def test_a_date_outside_1900_to_2100_is_no_date_and_crashes_nothing(
    cell: str, read: dt.datetime | None
) -> None:
    parsed = parse_date(pd.Series([cell, "01-03-2026"]))
    assert parsed.values[1] == pd.Timestamp("2026-03-01")
    if read is None:
        assert pd.isna(parsed.values[0]) and bool(parsed.invalid[0])
    else:
        assert parsed.values[0] == pd.Timestamp(read) and not parsed.invalid[0]


def test_an_open_end_date_and_a_typo_year_are_quarantined_with_the_range(
    home: Path, tmp_path: Path
) -> None:
    """CSV and XLSX alike: the row is quarantined naming the range, the rest loads."""
    csv = write(
        tmp_path / "employees.csv",
        EMPLOYEE_HEADER
        + employee("1", exit_date="31-12-9999", exit_reason="overig")
        + employee("2")
        + employee("3"),
    )
    wb = Workbook()
    ws = wb.active
    ws.append(["employee_key", "received_on", "giver_type", "gift_type", "value_eur"])
    ws.append(["104234", dt.datetime(2602, 3, 18), "leverancier", "etentje", 40])
    ws.append(["104235", dt.datetime(2026, 3, 18), "leverancier", "etentje", 40])
    wb.save(tmp_path / "gifts.xlsx")
    results = run(home, csv, tmp_path / "gifts.xlsx")
    assert [(r.rows_in, r.rows_loaded, r.rows_quarantined, r.error) for r in results] == [
        (3, 2, 1, None),
        (2, 1, 1, None),
    ]
    reasons = query(home, "select dataset, value, reason from quarantine order by dataset")
    assert [(d, v) for d, v, _ in reasons] == [
        ("employees", "31-12-9999"),
        ("gifts", "2602-03-18"),
    ]
    assert all("tussen 1900 en 2100" in reason for _, _, reason in reasons), reasons


def test_a_mapping_saved_as_windows_1252_is_read(home: Path, tmp_path: Path) -> None:
    """Notepad's 'ANSI': é is the byte 0xE9, no UTF-8; read as Windows-1252."""
    mapping = tmp_path / "auto.mapping.yaml"
    mapping.write_bytes(
        "dataset: vehicle_use\nfiles: ['auto*.csv']\ncolumns:\n"
        "  Medewerker: employee_key\n  Jaar: year\n  Privé-kilometers: private_km\n".encode(
            "cp1252"
        )
    )
    data = write(
        tmp_path / "auto.csv", "Medewerker;Jaar;Privé-kilometers\n1;2026;1.443\n", "cp1252"
    )
    [result] = run(home, data, mappings=[mapping])
    assert result.error is None and result.rows_loaded == 1
    assert query(home, "select private_km from raw_vehicle_use") == [(1443.0,)]


def test_a_mapping_in_no_text_encoding_is_refused_naming_it(home: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "auto.mapping.yaml"
    mapping.write_bytes(b"dataset: vehicle_use\x00\x01\n")
    data = write(tmp_path / "auto.csv", VEHICLE + "1;2026;12\n")
    with pytest.raises(ValueError, match=f"{mapping}: geen tekstbestand"):
        run(home, data, mappings=[mapping])


def _vehicle_mapping(path: Path, km_column: str) -> Path:
    path.write_text(
        "dataset: vehicle_use\nfiles: ['auto*.csv']\n"
        f"columns: {{Medewerker: employee_key, Jaar: year, {km_column}: private_km}}\n",
        "utf-8",
    )
    return path


def test_a_mapped_column_the_file_lacks_refuses_the_file_and_keeps_the_earlier_load(
    home: Path, tmp_path: Path
) -> None:
    """Re-read under a mapping naming a column the export does not have (a typo, a renamed
    column): refused naming the column, and the rows the right mapping loaded stay."""
    data = write(tmp_path / "auto.csv", "Medewerker;Jaar;Km\n1;2026;12\n2;2026;30\n")
    mapping = _vehicle_mapping(tmp_path / "auto.mapping.yaml", "Km")
    [first] = run(home, data, mappings=[mapping])
    assert first.rows_loaded == 2
    _vehicle_mapping(mapping, "Kilometers")
    [second] = run(home, data, mappings=[mapping])
    assert second.error is not None and second.rows_loaded == 0
    assert "'Kilometers' (private_km)" in second.error and str(data) in second.error
    assert str(mapping) in second.error
    assert query(home, "select private_km from raw_vehicle_use order by 1") == [(12.0,), (30.0,)]


def test_a_file_read_again_under_another_mapping_says_what_it_replaces(
    home: Path, tmp_path: Path
) -> None:
    data = write(tmp_path / "auto.csv", "Medewerker;Jaar;Km\n1;2026;12\n2;2026;30\n")
    mapping = _vehicle_mapping(tmp_path / "auto.mapping.yaml", "Km")
    run(home, data, mappings=[mapping])
    mapping.write_text(mapping.read_text("utf-8") + "number_format: en\n", "utf-8")
    [again] = run(home, data, mappings=[mapping])
    said = [str(n) for n in again.notes]
    assert any("als vehicle_use, 2 rij(en) geladen" in n for n in said), said


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


KM_2025 = [["employee_key", "year", "private_km"], ["1", 2025, 100]]
KM_2026 = [["employee_key", "year", "private_km"], ["1", 2026, 200], ["2", 2026, 300]]


def test_a_workbook_with_data_on_two_sheets_is_refused_naming_them(
    home: Path, tmp_path: Path
) -> None:
    xlsx = _workbook(tmp_path / "vehicle_use.xlsx", {"2025": KM_2025, "Leeg": [], "2026": KM_2026})
    [result] = run(home, xlsx)
    assert result.error is not None and "(2025, 2026)" in result.error, result.error
    assert query(home, "select count(*) from raw_vehicle_use") == [(0,)]


def test_one_sheet_with_data_among_empty_ones_is_read(home: Path, tmp_path: Path) -> None:
    xlsx = _workbook(tmp_path / "vehicle_use.xlsx", {"Leeg": [], "Gegevens": KM_2026})
    [result] = run(home, xlsx)
    assert (result.error, result.rows_loaded) == (None, 2)


def test_a_mapping_chooses_the_sheet(home: Path, tmp_path: Path) -> None:
    xlsx = _workbook(tmp_path / "auto.xlsx", {"2025": KM_2025, "2026": KM_2026})
    mapping = tmp_path / "auto.mapping.yaml"
    mapping.write_text("dataset: vehicle_use\nfiles: ['auto*.xlsx']\nsheet: '2026'\n", "utf-8")
    [result] = run(home, xlsx, mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 2)
    assert query(home, "select year, private_km from raw_vehicle_use order by 2") == [
        (2026, 200.0),
        (2026, 300.0),
    ]
    mapping.write_text("dataset: vehicle_use\nfiles: ['auto*.xlsx']\nsheet: '2027'\n", "utf-8")
    [result] = run(home, xlsx, mappings=[mapping])
    assert result.error is not None
    assert "geen blad '2027'" in result.error and "bladen: 2025, 2026" in result.error


def test_a_sheet_in_a_csvs_mapping_is_refused(home: Path, tmp_path: Path) -> None:
    data = write(tmp_path / "auto.csv", VEHICLE + "1;2026;12\n")
    mapping = tmp_path / "auto.mapping.yaml"
    mapping.write_text("dataset: vehicle_use\nfiles: ['auto*.csv']\nsheet: Blad1\n", "utf-8")
    [result] = run(home, data, mappings=[mapping])
    assert result.error is not None and "alleen voor XLSX" in result.error


def test_parquet_with_nullable_types_reads_missing_as_empty(home: Path, tmp_path: Path) -> None:
    """pandas' nullable dtypes hold pd.NA, whose str() is '<NA>': an empty cell, never a
    value to quarantine."""
    frame = pd.DataFrame(
        {
            "employee_key": pd.array(["1", "2", "3"], dtype="string"),
            "year": pd.array([2026, 2026, 2026], dtype="Int64"),
            "private_km": pd.array([12.5, None, 7.0], dtype="Float64"),
        }
    )
    path = tmp_path / "vehicle_use.parquet"
    frame.to_parquet(path)
    [result] = run(home, path)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 3, 0)
    assert quarantined(home, "vehicle_use") == []
    rows = query(home, "select private_km from raw_vehicle_use order by private_km nulls first")
    assert rows == [(None,), (7.0,), (12.5,)]


def test_a_mapping_maps_an_open_end_date_to_empty(home: Path, tmp_path: Path) -> None:
    data = write(
        tmp_path / "hr.csv",
        EMPLOYEE_HEADER + employee("1", exit_date="31-12-9999") + employee("2"),
    )
    mapping = tmp_path / "hr.mapping.yaml"
    mapping.write_text(
        "dataset: employees\nfiles: ['hr*.csv']\nvalues: {exit_date: {'31-12-9999': null}}\n",
        "utf-8",
    )
    [result] = run(home, data, mappings=[mapping])
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 2, 0)
    assert query(home, "select count(*) from raw_employees where exit_date is null") == [(2,)]


def test_a_wide_exports_columns_that_are_no_item_are_left_out_and_named(
    home: Path, tmp_path: Path
) -> None:
    """Leeftijd and Opmerking are no survey items: not read as answers (the comment's free
    text would sit in quarantine), named in a note; the items load. A wide file with no
    item column at all is unusable."""
    mapping = tmp_path / "breed.mapping.yaml"
    mapping.write_text(
        "dataset: survey_responses\nfiles: ['breed*.csv']\n"
        "columns: {Respondent: respondent_key, Datum: wave_date, Eenheid: org_unit}\n"
        "unpivot: {id_columns: [Respondent, Datum, Eenheid]}\n",
        "utf-8",
    )
    wide = write(
        tmp_path / "breed.csv",
        "Respondent;Datum;Eenheid;Leeftijd;cla1; CLA2 ;Opmerking\n"
        "R1;15-10-2024;VH-N;34;4;5;Mijn leidinggevende J. de Vries is soms onduidelijk\n"
        "R2;15-10-2024;VH-N;51;3;;\n",
    )
    [result] = run(home, wide, mappings=[mapping])
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 3, 0)
    assert "kolom(men) zonder bekend vragenlijst-item niet ingelezen: Leeftijd, Opmerking" in [
        str(n) for n in result.notes
    ]
    assert query(home, "select count(*) from quarantine") == [(0,)]
    none = write(
        tmp_path / "breed2.csv", "Respondent;Datum;Eenheid;Opmerking\nR1;15-10-2024;VH-N;x\n"
    )
    [result] = run(home, none, mappings=[mapping])
    assert result.error is not None and "geen enkele kolom naast unpivot.id_columns" in result.error
