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

from pipelines.core.clock import today_here
from pipelines.ingest.dates import parse_date
from tests.test_ingest import (
    EMPLOYEE_HEADER,
    employee,
    home,
    org_home,
    quarantined,
    query,
    run,
    run_built,
    write,
)

__all__ = ["home", "org_home"]  # fixtures used here

VEHICLE = "employee_key;year;private_km\n"


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("01-01-1900", None),  # "no date" in many systems (tests/test_date_markers.py)
        ("02-01-1900", dt.datetime(1900, 1, 2)),
        ("31-12-2100", dt.datetime(2100, 12, 31)),
        ("31-12-1899", None),
        ("01-01-2101", None),
        ("31-12-9999", None),  # an HR system's "no end date": beyond pandas' own range
        ("2602-01-01", None),
        ("2602-01-01 00:00:00", None),  # how an XLSX date cell arrives
        ("15-01-2026 08:30:00", dt.datetime(2026, 1, 15)),
        ("2026-01-15T08:30:00", dt.datetime(2026, 1, 15)),
        ("2026-01-15 08:30", dt.datetime(2026, 1, 15)),
        ("2026-01-15T08:30", dt.datetime(2026, 1, 15)),
        ("31-12-2100 08:30", dt.datetime(2100, 12, 31)),  # the last day, at any time
        ("01-01-2101 00:00", None),
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


def test_a_mapping_in_the_folder_names_its_files_regardless_of_case(
    home: Path, tmp_path: Path
) -> None:
    """Exports are named on Windows, where case does not count: ``leaseauto_*.csv`` names
    ``Leaseauto_2025.csv``. Matched by case, the file was read without its mapping, its
    English thousands as decimals (12,345 km as 12.345)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "leaseauto.mapping.yaml").write_text(
        "dataset: vehicle_use\nfiles: ['leaseauto_*.csv']\nnumber_format: en\n", "utf-8"
    )
    write(folder / "Leaseauto_2025.csv", 'employee_key,year,private_km\n102,2025,"12,345"\n')
    [result] = run(home, folder)
    assert (result.error, result.rows_loaded) == (None, 1)
    assert query(home, "select private_km from raw_vehicle_use") == [(12345.0,)]


def test_a_mapping_in_no_text_encoding_is_refused_naming_it(home: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "auto.mapping.yaml"
    mapping.write_bytes(b"dataset: vehicle_use\x00\x01\n")
    data = write(tmp_path / "auto.csv", VEHICLE + "1;2026;12\n")
    with pytest.raises(ValueError, match=f"{mapping}: de kolomkoppeling is geen tekst"):
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


@pytest.mark.parametrize("dtype", ["float32", "Float32", "float16"])
def test_parquet_narrow_floats_load_as_the_decimals_written(
    home: Path, tmp_path: Path, dtype: str
) -> None:
    """A float32 cell of 12.3 is 12.300000190734863 as a double: it loads as 12.3, the
    shortest decimal that is the same float32 (float16: 1443.0 and 0.1 as 0.1)."""
    kms = [12.3, 0.1, 1443.0, None] if dtype != "float16" else [0.1, 1443.0, 2.5, None]
    frame = pd.DataFrame(
        {
            "employee_key": ["1", "2", "3", "4"],
            "year": [2026, 2026, 2026, 2026],
            "private_km": pd.array(kms, dtype=dtype if dtype != "float32" else "Float32").astype(
                dtype
            ),
        }
    )
    path = tmp_path / "vehicle_use.parquet"
    frame.to_parquet(path)
    [result] = run(home, path)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 4, 0)
    rows = query(home, "select private_km from raw_vehicle_use order by private_km nulls first")
    assert rows == [(None,)] + [(km,) for km in sorted(k for k in kms if k is not None)]


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


def test_each_sheet_of_one_workbook_is_a_load_of_its_own(home: Path, tmp_path: Path) -> None:
    """Two mappings read two sheets of copies of one workbook: both load, in one run and
    in two; neither is skipped as a copy of the other nor replaces it."""
    book = _workbook(tmp_path / "km_2025.xlsx", {"2025": KM_2025, "2026": KM_2026})
    copy = tmp_path / "km_2026.xlsx"
    copy.write_bytes(book.read_bytes())
    for year in ("2025", "2026"):
        (tmp_path / f"km{year}.mapping.yaml").write_text(
            f"dataset: vehicle_use\nfiles: ['km_{year}.xlsx']\nsheet: '{year}'\n", "utf-8"
        )
    mappings = [tmp_path / "km2025.mapping.yaml", tmp_path / "km2026.mapping.yaml"]
    results = run(home, book, copy, mappings=mappings)
    assert [(r.error, r.skipped, r.rows_loaded) for r in results] == [
        (None, False, 1),
        (None, False, 2),
    ]
    expected = [(2025, 100.0), (2026, 200.0), (2026, 300.0)]
    assert query(home, "select year, private_km from raw_vehicle_use order by 1, 2") == expected
    again = run(home, copy, mappings=mappings[1:])
    assert again[0].skipped
    assert query(home, "select year, private_km from raw_vehicle_use order by 1, 2") == expected


def test_a_mapped_open_end_date_matches_an_xlsx_date_cell(home: Path, tmp_path: Path) -> None:
    """values: {exit_date: {'31-12-9999': null}} also empties the XLSX date cell, which
    arrives as 9999-12-31."""
    header = EMPLOYEE_HEADER.strip().split(";")
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for key, end in (("1", dt.datetime(9999, 12, 31)), ("2", None)):
        row = dict(zip(header, employee(key).strip().split(";"), strict=True))
        ws.append([end if c == "exit_date" else (row[c] or None) for c in header])
    wb.save(tmp_path / "hr.xlsx")
    mapping = tmp_path / "hr.mapping.yaml"
    mapping.write_text(
        "dataset: employees\nfiles: ['hr*.xlsx']\nvalues: {exit_date: {'31-12-9999': null}}\n",
        "utf-8",
    )
    [result] = run(home, tmp_path / "hr.xlsx", mappings=[mapping])
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 2, 0)
    assert query(home, "select count(*) from raw_employees where exit_date is null") == [(2,)]


@pytest.mark.parametrize("bom", ["utf-16", "utf-8-sig"])
def test_a_mapping_in_utf16_or_with_a_bom_is_read(home: Path, tmp_path: Path, bom: str) -> None:
    mapping = tmp_path / "auto.mapping.yaml"
    text = "dataset: vehicle_use\nfiles: ['auto*.csv']\ncolumns: {Privé-km: private_km}\n"
    mapping.write_bytes(text.encode(bom))
    data = write(tmp_path / "auto.csv", "employee_key;year;Privé-km\n1;2026;12\n")
    [result] = run(home, data, mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 1)


def test_a_mapping_that_is_no_text_is_said_to_be_no_text_mapping(
    home: Path, tmp_path: Path
) -> None:
    mapping = tmp_path / "auto.mapping.yaml"
    mapping.write_bytes(b"dataset: \x81\x8d\x00vehicle_use\n")
    data = write(tmp_path / "auto.csv", VEHICLE + "1;2026;12\n")
    with pytest.raises(ValueError, match="de kolomkoppeling is geen tekst in UTF-8"):
        run(home, data, mappings=[mapping])


def test_a_decomposed_accent_in_the_header_matches_the_mapping(home: Path, tmp_path: Path) -> None:
    """'Privé' written as e + combining acute (NFD, as some Mac tools write it) is the
    mapping's composed 'Privé'."""
    import unicodedata

    mapping = _vehicle_mapping(tmp_path / "auto.mapping.yaml", "Privé-km")
    header = unicodedata.normalize("NFD", "Medewerker;Jaar;Privé-km")
    assert header != "Medewerker;Jaar;Privé-km"
    data = write(tmp_path / "auto.csv", header + "\n1;2026;12\n")
    [result] = run(home, data, mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 1)


# --- export dates (the re-export review) --------------------------------------------------


def _allocations_mapping(folder: Path) -> Path:
    path = folder / "allocaties.mapping.yaml"
    path.write_text(
        "dataset: allocations\nfiles: ['allocaties_*.csv']\n"
        "export_date: {from_name: 'allocaties_(\\d{4}-\\d{2}-\\d{2})'}\n",
        "utf-8",
    )
    return path


def _allocations(rank: str) -> str:
    from tests.test_ingest_failed_files import ALLOCATION_HEADER, allocation

    return ALLOCATION_HEADER + allocation(1, rank=rank) + allocation(2)


def _ranks(home: Path) -> list[tuple]:
    return query(
        home, "select allocation_id, candidate_rank from raw_allocations order by 1, _export_date"
    )


def test_an_export_date_after_today_is_refused(home: Path, tmp_path: Path) -> None:
    """A typo (2062 for 2026) would make that export the newest for good."""
    mapping = _allocations_mapping(tmp_path)
    typo = write(tmp_path / "allocaties_2062-06-30.csv", _allocations("4"))
    [result] = run(home, typo, mappings=[mapping])
    assert result.error is not None and "exportdatum 30-06-2062 ligt na vandaag" in result.error
    assert "peildatum" not in result.error  # no month-end of this month: a typo, maybe
    # helper-232 M3: a month-end reference date of this month in the name, the export made
    # before it; only the name (helper-238: a fixed export_date held for later months too)
    month_end = (today_here().replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    month_end -= dt.timedelta(days=1)
    if month_end > today_here():  # not on the month's last day itself
        named = write(tmp_path / f"allocaties_{month_end:%Y-%m-%d}.csv", _allocations("4"))
        [result] = run(home, named, mappings=[mapping])
        assert "peildatum aan het eind van deze maand" in result.error, result.error
        assert "zet dan de dag van de export in de naam (een vaste export_date" in result.error
        typo = month_end.replace(year=month_end.year + 36)  # this month's end, another year
        named = write(tmp_path / f"allocaties_{typo:%Y-%m-%d}.csv", _allocations("4"))
        [result] = run(home, named, mappings=[mapping])
        assert "(een tikfout in de naam?)" in result.error, result.error  # helper-239
    tomorrow = today_here() + dt.timedelta(days=1)  # the Dutch date, as the ingest's
    fixed = tmp_path / "vast.mapping.yaml"
    fixed.write_text(
        f"dataset: allocations\nfiles: ['vast*.csv']\nexport_date: {tomorrow:%Y-%m-%d}\n"
    )
    data = write(tmp_path / "vast.csv", _allocations("4"))
    [result] = run(home, data, mappings=[fixed])
    assert result.error is not None and "ligt na vandaag" in result.error
    # the date is the mapping's, so is the typo (helper-171: 'een tikfout in de naam?')
    assert f"(een tikfout in export_date in {fixed}?)" in result.error, result.error
    today = tmp_path / "vandaag.mapping.yaml"
    today.write_text(
        f"dataset: allocations\nfiles: ['vast*.csv']\nexport_date: {today_here():%Y-%m-%d}\n"
    )
    [result] = run(home, data, mappings=[today])
    assert (result.error, result.rows_loaded) == (None, 2)


@pytest.mark.parametrize("one_run", [False, True])
def test_a_reverted_correction_is_the_newest_export_though_its_content_was_seen(
    home: Path, tmp_path: Path, one_run: bool
) -> None:
    """June says rank 4, July corrects it to 1, August reverts to June's bytes exactly:
    August is the newest export, so rank 4 counts (it was skipped as June's copy, and
    July's correction won)."""
    mapping = _allocations_mapping(tmp_path)
    june = write(tmp_path / "allocaties_2026-06-30.csv", _allocations("4"))
    july = write(tmp_path / "allocaties_2026-07-31.csv", _allocations("1"))
    august = write(tmp_path / "allocaties_2026-08-31.csv", _allocations("4"))
    if one_run:
        results = run_built(home, june, july, august, mappings=[mapping])
        named = {r.path.name: r for r in results}
        assert named["allocaties_2026-06-30.csv"].same_as == august
        assert not named["allocaties_2026-08-31.csv"].skipped
    else:
        run(home, june, mappings=[mapping])
        run(home, july, mappings=[mapping])
        [again] = run_built(home, august, mappings=[mapping])
        assert not again.skipped
        said = [str(n) for n in again.notes]
        assert any("nieuwere exportdatum 31-08-2026" in n for n in said), said
    newest = query(
        home,
        "select allocation_id, candidate_rank from stg_allocation__allocations order by 1",
    )
    assert newest == [("A1", 4), ("A2", 1)]


def test_two_exports_with_one_export_date_are_said_to_tie(home: Path, tmp_path: Path) -> None:
    mapping = _allocations_mapping(tmp_path)
    first = write(tmp_path / "allocaties_2026-07-01.csv", _allocations("4"))
    second = write(tmp_path / "allocaties_2026-07-01-correctie.csv", _allocations("1"))
    run(home, first, mappings=[mapping])
    [result] = run(home, second, mappings=[mapping])
    said = [str(n) for n in result.notes]
    assert any(
        "dezelfde exportdatum 01-07-2026" in n and n.startswith("2 sleutel") for n in said
    ), said
    third = write(tmp_path / "allocaties_2026-07-31.csv", _allocations("1"))
    [result] = run(home, third, mappings=[mapping])
    assert not any("dezelfde exportdatum" in str(n) for n in result.notes), result.notes


@pytest.mark.parametrize(("covers", "said"), [("year", "2025: 4 "), ("month", "12-2025: 2 ")])
def test_a_covering_export_that_shrinks_a_period_says_so(
    home: Path, tmp_path: Path, covers: str, said: str
) -> None:
    """A 2026 year-to-date export with one late entry dated 30-12-2025 covers 2025 (or its
    December) too and replaces that period's rows with its one: said with the counts, so
    the risk manager can tell a removal from a stray row. A period it does not shrink is
    not named."""
    header = "employee_key;received_on;giver_type;gift_type;value_eur;delivered_at_home;decision\n"
    gift = "{};{};leverancier;etentje;40;nee;geaccepteerd\n"
    mapping = tmp_path / "geschenken.mapping.yaml"
    mapping.write_text(
        f"dataset: gifts\nfiles: ['geschenken_*.csv']\ncovers: {covers}\n"
        "export_date: {from_name: 'geschenken_(\\d{8})'}\n",
        "utf-8",
    )
    days_2025 = ["03-03-2025", "04-06-2025", "30-12-2025", "31-12-2025"]
    full = write(
        tmp_path / "geschenken_20260105.csv",
        header + "".join(gift.format(100 + i, d) for i, d in enumerate(days_2025)),
    )
    ytd = write(
        tmp_path / "geschenken_20260705.csv",
        header + gift.format(200, "30-12-2025") + gift.format(201, "02-02-2026"),
    )
    run(home, full, mappings=[mapping])
    [result] = run(home, ytd, mappings=[mapping])
    notes = [str(n) for n in result.notes if "vervangt" in str(n)]
    assert len(notes) == 1, result.notes
    assert f"{said}rij(en) uit {full} worden 1" in notes[0]
    assert "2026" not in notes[0].split("(", 1)[1].replace(str(full), "")
    assert notes[0].startswith("deze export vervangt 1 periode(n)")


def test_a_register_that_starts_exporting_record_ids_is_said_to_count_twice(
    home: Path, tmp_path: Path
) -> None:
    header = "employee_key;received_on;giver_type;gift_type;value_eur;delivered_at_home;decision"
    gift = "{};0{}-03-2026;leverancier;etentje;40;nee;geaccepteerd\n"
    old = write(
        tmp_path / "geschenken_oud.csv",
        header + "\n" + "".join(gift.format(100 + i, i + 1) for i in range(3)),
    )
    new = write(
        tmp_path / "geschenken_nieuw.csv",
        "record_id;"
        + header
        + "\n"
        + "".join(f"G{i};" + gift.format(100 + i, i + 1) for i in range(4)),
    )
    run(home, old)
    [result] = run(home, new)
    said = [str(n) for n in result.notes]
    assert any(
        n.startswith("3 rij(en) van dit bestand staan ook, zonder record_id") for n in said
    ), said


@pytest.mark.parametrize(
    ("month", "first_day"),
    [
        ("2026-06", dt.date(2026, 6, 1)),
        ("202606", dt.date(2026, 6, 1)),
        ("06-2026", dt.date(2026, 6, 1)),
        ("2026_06", dt.date(2026, 6, 1)),
        # strptime alone read these as %Y%m%d: 2025-01-01, 2025-01-02, 2026-01-01
        ("202511", dt.date(2025, 11, 1)),
        ("202512", dt.date(2025, 12, 1)),
        ("202611", dt.date(2026, 11, 1)),
        ("20251105", dt.date(2025, 11, 5)),
    ],
)
def test_a_monthly_export_named_by_its_month_is_dated_its_first_day(
    home: Path, tmp_path: Path, month: str, first_day: dt.date
) -> None:
    mapping = tmp_path / "allocaties.mapping.yaml"
    mapping.write_text(
        "dataset: allocations\nfiles: ['allocaties_*.csv']\n"
        "export_date: {from_name: 'allocaties_([0-9_-]+)\\.csv'}\n",
        "utf-8",
    )
    data = write(tmp_path / f"allocaties_{month}.csv", _allocations("1"))
    [result] = run(home, data, mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 2)
    logged = f"select export_date from ingest_log where source_file = '{data}'"
    assert query(home, logged) == [(first_day,)]
