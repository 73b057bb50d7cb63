"""Rows that name a person who is not in the HR data when they happened count in no
unit's indicator (the indicators take the unit from the HR month): report_unlinked_rows
names them per file and reason, Datakwaliteit shows them and radar build says the total,
so no row drops out of the counts without a word (README, Data in)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.apphelpers import frame_with, run_app
from tests.test_ingest import query, run_built, write

ORG = """org_unit,name,parent_unit,level
ORG,Woonpunt,,organisatie
A,Wonen,ORG,afdeling
"""


def employees(manager: str = "000102") -> str:
    """Employee 000101 from 2025-01 to 2025-06 (the HR data's months: 2025-01..2025-06),
    under ``manager``; 000102 all six months, under 000101."""
    rows = ["employee_key,snapshot_month,org_unit,fte,manager_key"]
    for month in range(1, 7):
        rows.append(f"000101,2025-{month:02d},A,1,{manager}")
        rows.append(f"000102,2025-{month:02d},A,1,000101")
    return "\n".join(rows) + "\n"


GIFTS = """employee_key,received_on,giver_type,gift_type,value_eur,decision
000101,2025-03-10,huurder,geld,20,geaccepteerd
101,2025-03-11,huurder,geld,20,geaccepteerd
101,2025-04-11,huurder,geld,20,geaccepteerd
000101,2025-07-02,huurder,geld,20,geaccepteerd
000101,2024-11-02,huurder,geld,20,geaccepteerd
000999,2024-11-02,huurder,geld,20,geaccepteerd
"""


def home_with(tmp_path: Path, manager: str = "000102", **extra: str) -> Path:
    home = tmp_path / "home"
    write(home / "raw" / "org_units.csv", ORG)
    write(home / "raw" / "employees.csv", employees(manager))
    for name, text in extra.items():
        write(home / "raw" / f"{name}.csv", text)
    return home


def unlinked(home: Path) -> list[tuple]:
    return query(
        home,
        """select dataset, column_name, reason_code, row_count,
                  strftime(first_month, '%Y-%m'), strftime(last_month, '%Y-%m')
           from report_unlinked_rows order by dataset, reason_code""",
    )


def test_each_reason_is_named_and_rows_before_the_hr_months_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = home_with(tmp_path, gifts=GIFTS)
    monkeypatch.setenv("RADAR_HOME", str(home))
    run_built(home, home / "raw")
    # 101 is 000101 without the zeros Excel drops: nobody in HR; a gift after 2025-06 waits
    # for the HR data; the two from 2024-11 are in no period the radar scores
    assert unlinked(home) == [
        ("gifts", "employee_key", "after_hr_months", 1, "2025-07", "2025-07"),
        ("gifts", "employee_key", "unknown_person", 2, "2025-03", "2025-04"),
    ]
    # the one linked gift is the one the indicator counts
    counted = query(
        home,
        """select count(*) from int_kri__registers
           where indicator_id = 'KRI-REG-GIFT-MONEY' and numerator > 0""",
    )
    assert counted == [(1,)]


def test_a_person_in_hr_but_not_that_month_and_a_year_without_hr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 000102 leaves: in HR for 2025-01..2025-03 only (the HR months run to 2025-06)
    rows = [
        r
        for r in employees().splitlines()
        if not r.startswith("000102,2025-0") or r.split(",")[1] <= "2025-03"
    ]
    home = home_with(
        tmp_path,
        side_jobs="employee_key,registered_on,started_on,approved_on\n"
        "000102,2025-01-05,2025-05-01,\n"  # started after they left: not employed
        "000102,2025-02-05,,\n",  # registered while employed (no start): linked
        vehicle_use="employee_key,year,private_km\n000102,2025,900\n000102,2026,100\n",
        feedback_360="manager_key,period,integrity_score,n_raters\n000102,2025-04-01,3,6\n",
        allocations="allocation_id,allocated_on,dwelling_id,consultant_key\n"
        "X1,2025-02-03,D1,000102\nX2,2025-06-03,D2,000102\n",
    )
    write(home / "raw" / "employees.csv", "\n".join(rows) + "\n")
    monkeypatch.setenv("RADAR_HOME", str(home))
    run_built(home, home / "raw")
    assert unlinked(home) == [
        ("allocations", "consultant_key", "not_employed", 1, "2025-06", "2025-06"),
        # 000101's manager after 000102 left: 000101's HR months still name them
        ("employees", "manager_key", "not_employed", 3, "2025-04", "2025-06"),
        ("feedback_360", "manager_key", "not_employed", 1, "2025-04", "2025-04"),
        ("side_jobs", "employee_key", "not_employed", 1, "2025-05", "2025-05"),
        # the year 2026 has no HR month: the car use waits for it
        ("vehicle_use", "employee_key", "after_hr_months", 1, "2026-01", "2026-01"),
    ]


def test_a_key_stored_as_a_number_in_excel_is_said_and_its_row_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    home = home_with(tmp_path)
    book = Workbook()
    sheet = book.active
    sheet.append(["employee_key", "received_on", "giver_type", "gift_type", "value_eur"])
    sheet.append(["000101", "2025-03-10", "huurder", "geld", 20])  # text: links
    sheet.append([101, "2025-03-11", "huurder", "geld", 20])  # Excel dropped the zeros
    sheet.append([102, "2025-03-12", "huurder", "geld", 20])
    book.save(home / "raw" / "gifts.xlsx")
    monkeypatch.setenv("RADAR_HOME", str(home))
    run_built(home, home / "raw")
    (notes,) = query(home, "select notes from ingest_log where dataset = 'gifts'")[0]
    # value_eur holds numbers too, but it is a number column: not said
    assert "getal bewaart (aantal cellen): employee_key (2);" in notes
    assert "value_eur" not in notes
    assert unlinked(home) == [("gifts", "employee_key", "unknown_person", 2, "2025-03", "2025-03")]


def test_radar_build_says_the_total_and_nothing_when_every_row_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = home_with(tmp_path, gifts=GIFTS)
    env = {"RADAR_HOME": str(home), "PATH": "/usr/bin:/bin"}
    radar = [sys.executable, "-m", "pipelines.cli.main"]
    out = subprocess.run([*radar, "build", "--quiet"], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "rijen met een medewerker die in die maand niet in de HR-gegevens staat: 3;" in (
        out.stderr
    )
    linked = "\n".join(GIFTS.splitlines()[:2]) + "\n"
    home = home_with(tmp_path / "linked", gifts=linked)
    env["RADAR_HOME"] = str(home)
    out = subprocess.run([*radar, "build", "--quiet"], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "HR-gegevens" not in out.stderr


def test_datakwaliteit_lists_them_per_file_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = home_with(tmp_path, gifts=GIFTS)
    monkeypatch.setenv("RADAR_HOME", str(home))
    run_built(home, home / "raw")
    at = run_app("data_quality.py")
    assert not at.exception
    assert "3 rijen tellen in geen indicator mee." in [w.value for w in at.warning]
    shown = frame_with(at, "Eerste maand")
    assert sorted(zip(shown["Reden"], shown["Rijen"], shown["Eerste maand"], strict=True)) == [
        ("Na de laatste HR-maand", "1", "juli 2025"),
        ("Niet in de HR-gegevens", "2", "maart 2025"),
    ]
    assert set(shown["Bestand"]) == {"gifts.csv"}


@pytest.mark.parametrize(
    ("manager", "named"),
    [
        ("000102", []),  # the manager is in the HR month
        # helper-158: a manager exported as a name, or with other zeros than their own
        # row, was in no HR month: their span of control missed these reports, unsaid
        ("Vries, J. de", [("employees", "manager_key", "unknown_person", 6, "2025-01", "2025-06")]),
        ("102", [("employees", "manager_key", "unknown_person", 6, "2025-01", "2025-06")]),
    ],
)
def test_a_manager_not_in_the_hr_month_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, manager: str, named: list[tuple]
) -> None:
    home = home_with(tmp_path, manager)
    monkeypatch.setenv("RADAR_HOME", str(home))
    run_built(home, home / "raw")
    assert unlinked(home) == named


def test_a_person_whose_hr_lines_are_all_quarantined_is_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-266: an employee whose role start lay before their hire date had every HR
    line quarantined; their allocations were 'Niet in de HR-gegevens', as for a typo or
    an HR export not loaded. The quarantine keeps each line's person as a pseudonym, and
    the rows are hr_rows_quarantined; someone in no HR line at all is unknown_person."""
    rows = ["employee_key,snapshot_month,org_unit,fte,manager_key,hire_date,role_start_date"]
    for month in range(1, 7):
        rows.append(f"000101,2025-{month:02d},A,1,000102,01-01-2020,01-01-2020")
        rows.append(f"000102,2025-{month:02d},A,1,000101,01-01-2020,01-01-2020")
        rows.append(f"000103,2025-{month:02d},A,1,000101,18-03-2025,06-02-2025")
    gifts = GIFTS.splitlines()[0] + "\n000103,2025-03-10,huurder,geld,20,geaccepteerd\n"
    gifts += "000999,2025-03-10,huurder,geld,20,geaccepteerd\n"
    home = home_with(tmp_path, gifts=gifts)
    write(home / "raw" / "employees.csv", "\n".join(rows) + "\n")
    monkeypatch.setenv("RADAR_HOME", str(home))
    run_built(home, home / "raw")
    loaded = "select rows_loaded, rows_quarantined from ingest_log where dataset = 'employees'"
    assert query(home, loaded) == [(12, 6)]  # the other two people are in HR
    assert [r[:4] for r in unlinked(home)] == [
        ("gifts", "employee_key", "hr_rows_quarantined", 1),
        ("gifts", "employee_key", "unknown_person", 1),
    ]
    held = query(
        home,
        "select count(distinct line), count(distinct person_key) from quarantine "
        "where dataset = 'employees'",
    )
    assert held == [(6, 1)]
    # the pseudonym, never the number itself
    assert query(home, "select count(*) from quarantine where person_key like '%000103%'") == [(0,)]
