"""A dated export holding rows dated after its export date is said: the date in its name
may be a typo, and the export then counts as older than it is (helper-198: June's
allocations saved as allocaties_2025-03-30.csv lost every shared key to March's export,
unsaid). pipelines/ingest/export_dated.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.test_ingest import home, org_home, run, write

__all__ = ["home", "org_home"]  # fixtures used here

ALLOCATIONS = "allocation_id;allocated_on;dwelling_id;channel;consultant_key\n"
MAPPING = (
    "dataset: allocations\nfiles: ['allocaties_*.csv']\n"
    "export_date: {from_name: 'allocaties_(.*)[.]csv'}\n"
)


def _said(
    home: Path, tmp_path: Path, name: str, days: list[str], mapping: str = MAPPING
) -> list[str]:
    rows = "".join(f"T{i};{d};W{i};regulier;E1\n" for i, d in enumerate(days))
    folder = tmp_path / name
    write(folder / "a.mapping.yaml", mapping)
    [result] = run(
        home, write(folder / name, ALLOCATIONS + rows), mappings=[folder / "a.mapping.yaml"]
    )
    assert result.error is None, result.error
    return [str(n) for n in result.notes if "na de exportdatum" in str(n)]


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (["10-03-2025", "30-03-2025"], None),  # on the export date itself: as it should be
        (
            ["10-03-2025", "31-03-2025", "02-04-2025"],
            "2 rij(en) hebben een 'allocated_on' na de exportdatum 30-03-2025 van deze export "
            "(bijv. regel 3: '31-03-2025'); een export kan niet vooruitlopen",
        ),
    ],
)
def test_rows_after_the_export_date_are_said(
    home: Path, tmp_path: Path, days: list[str], said: str | None
) -> None:
    notes = _said(home, tmp_path, "allocaties_2025-03-30.csv", days)
    if said is None:
        assert notes == []
    else:
        [note] = notes
        assert note.startswith(said), note


@pytest.mark.parametrize(
    ("name", "days", "said"),
    [
        ("allocaties_2025-03.csv", ["01-03-2025", "31-03-2025"], None),
        ("allocaties_202503.csv", ["15-03-2025"], None),
        (
            "allocaties_2025-03.csv",
            ["31-03-2025", "01-04-2025"],
            "1 rij(en) hebben een 'allocated_on' na de maand 03-2025 van deze export, de maand "
            "in de bestandsnaam (bijv. regel 3: '01-04-2025')",
        ),
        (
            "allocaties_2025-03-01.csv",  # a day is a day, the 1st too
            ["02-03-2025"],
            "1 rij(en) hebben een 'allocated_on' na de exportdatum 01-03-2025",
        ),
    ],
)
def test_an_export_named_by_its_month_holds_that_month(
    home: Path, tmp_path: Path, name: str, days: list[str], said: str | None
) -> None:
    """helper-207: an export named by its month (allocaties_2026-06.csv) is dated its first
    day, and every later row of that month was said to lie after it, each month."""
    rows = "".join(f"T{i};{d};W{i};regulier;E1\n" for i, d in enumerate(days))
    folder = tmp_path / "in"
    write(folder / "a.mapping.yaml", MAPPING)
    [result] = run(
        home, write(folder / name, ALLOCATIONS + rows), mappings=[folder / "a.mapping.yaml"]
    )
    assert result.error is None, result.error
    notes = [str(n) for n in result.notes if "vooruitlopen" in str(n)]
    if said is None:
        assert notes == []
    else:
        [note] = notes
        assert note.startswith(said), note


def test_an_export_without_its_own_date_says_nothing(home: Path, tmp_path: Path) -> None:
    mapping = "dataset: allocations\nfiles: ['allocaties_*.csv']\n"
    assert _said(home, tmp_path, "allocaties_2025-03-30.csv", ["02-04-2025"], mapping) == []


def test_a_month_after_the_export_date_is_after_it(home: Path, tmp_path: Path) -> None:
    """HR's snapshot month: April's first day is after 31 March; March is not."""
    header = "employee_key;snapshot_month;org_unit;manager_key;job_title;fte\n"
    rows = "".join(f"E{i};{m};VH-N;M1;Consulent;1\n" for i, m in enumerate(["2025-03", "2025-04"]))
    mapping = "dataset: employees\nfiles: ['hr_*.csv']\nexport_date: {from_name: 'hr_(.*)[.]csv'}\n"
    write(tmp_path / "hr.mapping.yaml", mapping)
    [result] = run(
        home,
        write(tmp_path / "hr_2025-03-31.csv", header + rows),
        mappings=[tmp_path / "hr.mapping.yaml"],
    )
    assert result.rows_quarantined == 0, result.summary()
    [note] = [str(n) for n in result.notes if "na de exportdatum" in str(n)]
    assert note.startswith(
        "1 rij(en) hebben een 'snapshot_month' na de exportdatum 31-03-2025 van deze export "
        "(bijv. regel 3: '2025-04')"
    ), note


def test_a_wide_surveys_lines_are_counted_not_its_answers(home: Path, tmp_path: Path) -> None:
    """helper-199: a wide survey's 12 lines after the export date were said as 36 rows
    (its answers)."""
    mapping = (
        "dataset: survey_responses\nfiles: ['enquete_*.csv']\n"
        "export_date: {from_name: 'enquete_(.*)[.]csv'}\nunpivot:\n"
        "  id_columns: [RespondentID, Meetmoment, Eenheid]\n"
        "columns: {RespondentID: respondent_key, Meetmoment: wave_date, Eenheid: org_unit}\n"
    )
    rows = "".join(f"R{i};15-04-2026;VH-N;4;5;3\n" for i in range(2))
    text = "RespondentID;Meetmoment;Eenheid;CLA1;CLA2;PS1\n" + rows
    write(tmp_path / "s.mapping.yaml", mapping)
    path = write(tmp_path / "enquete_2026-03-31.csv", text)
    [result] = run(home, path, mappings=[tmp_path / "s.mapping.yaml"])
    [note] = [str(n) for n in result.notes if "na de exportdatum" in str(n)]
    # the column and the date as the file writes them (helper-202: wave_date, 2026-04-15)
    assert note.startswith(
        "2 rij(en) hebben een 'Meetmoment' na de exportdatum 31-03-2026 van deze export "
        "(bijv. regel 2: '15-04-2026')"
    ), note


def test_a_workbook_s_date_cell_is_said_day_first(home: Path, tmp_path: Path) -> None:
    """helper-203: a date cell of a workbook was quoted '2026-04-15', as the reader gives
    its text, as if the file wrote it so."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["record_id", "employee_key", "received_on", "value_eur"])
    ws.append(["G1", "e1", dt.date(2026, 3, 1), 10])
    ws.append(["G2", "e1", dt.date(2026, 4, 15), 10])
    path = tmp_path / "giften_2026-03-31.xlsx"
    wb.save(path)
    mapping = write(
        tmp_path / "g.mapping.yaml",
        "dataset: gifts\nfiles: ['giften_*.xlsx']\n"
        "export_date: {from_name: 'giften_(.*)[.]xlsx'}\n",
    )
    [result] = run(home, path, mappings=[mapping])
    [note] = [str(n) for n in result.notes if "na de exportdatum" in str(n)]
    assert "(bijv. regel 3: '15-04-2026')" in note, note
