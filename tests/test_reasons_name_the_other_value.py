"""A rule that compares a cell with another cell or a limit names that value, written as
a Dutch file writes it (helper-202: 'role_start_date ligt vóór hire_date' did not say
which hire date, 'sick_days is meer dan het aantal dagen in de maand' not how many)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipelines.core.clock import today_here
from tests.ingesthelpers import ingest_only
from tests.test_ingest import lenient, query, write

ORG = "org_unit;name;parent_unit;level\nWH;Woonpunt;;organisatie\nVH-N;Noord;WH;team\n"
HEADER = (
    "employee_key;snapshot_month;org_unit;manager_key;hire_date;role_start_date;fte;"
    "sick_days;exit_date\n"
)


def test_a_pair_rule_names_the_other_date_or_number_the_dutch_way(tmp_path: Path) -> None:
    rows = (
        "e1;2026-02;VH-N;m1;01-02-2025;01-01-2015;1;0;\n"  # role before hire
        "e2;2026-02;VH-N;m1;01-04-2026;01-04-2026;1;0;\n"  # hired after the month
        "e3;2026-02;VH-N;m1;01-02-2020;01-02-2020;1;29;\n"  # 29 sick days in February
        "e4;2024-02;VH-N;m1;01-02-2020;01-02-2020;1;29;\n"  # a leap year: 29 is fine
        "e5;2026-02;VH-N;m1;01-02-2020;01-02-2020;1;0;15-01-2026\n"  # left before
    )
    files = [write(tmp_path / "org.csv", ORG), write(tmp_path / "hr.csv", HEADER + rows)]
    ingest_only(tmp_path / "warehouse.duckdb", files, catalogue=lenient())
    said = [r for (r,) in query(tmp_path, "select reason from quarantine order by line")]
    assert said == [
        "hr.csv, regel 2, kolom role_start_date, waarde '01-01-2015': role_start_date ligt "
        "vóór hire_date (01-02-2025)",
        "hr.csv, regel 3, kolom hire_date, waarde '01-04-2026': hire_date ligt na het einde "
        "van snapshot_month (28-02-2026)",
        "hr.csv, regel 4, kolom sick_days, waarde '29': sick_days is meer dan het aantal "
        "dagen in de maand (28)",
        "hr.csv, regel 6, kolom exit_date, waarde '15-01-2026': exit_date ligt vóór "
        "snapshot_month (01-02-2026): wie uit dienst is, hoort niet in de snapshot",
    ]


def test_a_future_date_says_the_day_it_was_judged_on(tmp_path: Path) -> None:
    """Judged against the Dutch date (clock.today_here), whatever the machine's zone: the
    machine's own date failed this test from 23:00 to midnight UTC."""
    today = today_here()
    later = today + dt.timedelta(days=3)
    f = write(
        tmp_path / "gifts.csv",
        f"record_id;employee_key;received_on;value_eur\nG1;e1;{later:%d-%m-%Y};10\n",
    )
    ingest_only(tmp_path / "warehouse.duckdb", [f], catalogue=lenient())
    [(reason,)] = query(tmp_path, "select reason from quarantine")
    assert reason.endswith(f"received_on ligt in de toekomst (na vandaag, {today:%d-%m-%Y})")


def test_a_workbook_s_number_cell_is_quoted_as_dutch_excel_shows_it(tmp_path: Path) -> None:
    """helper-202: a number cell 1.5 was quoted '1.5' beside 'hoogstens 1,2', the very
    notation a Dutch file's text is refused for; a CSV's text stays as written."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["employee_key", "year", "private_km"])
    ws.append(["e1", 2025, -1.5])
    ws.append(["e2", 2025, -12.0])
    wb.save(tmp_path / "vehicle_use.xlsx")
    csv = write(
        tmp_path / "csv" / "vehicle_use.csv", "employee_key;year;private_km\ne3;2025;-1.5\n"
    )
    files = [tmp_path / "vehicle_use.xlsx", csv]
    ingest_only(tmp_path / "warehouse.duckdb", files, catalogue=lenient())
    assert query(tmp_path, "select line, value from quarantine order by source_file, line") == [
        (2, "-1.5"),
        (2, "-1,5"),
        (3, "-12"),
    ]


def test_a_workbook_s_percent_cell_is_quoted_with_a_decimal_comma(tmp_path: Path) -> None:
    """helper-205: an fte cell 1.255 formatted 0.0% was quoted '125.5%' beside
    'hoogstens 1,2'."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["employee_key", "snapshot_month", "org_unit", "manager_key", "fte"])
    ws.append(["e1", "2026-02", "VH-N", "m1", 1.255])
    ws["E2"].number_format = "0.0%"
    wb.save(tmp_path / "employees.xlsx")
    files = [write(tmp_path / "org.csv", ORG), tmp_path / "employees.xlsx"]
    ingest_only(tmp_path / "warehouse.duckdb", files, catalogue=lenient())
    values = [
        v for (v,) in query(tmp_path, "select value from quarantine where \"column\" = 'fte'")
    ]
    assert values == ["125,5%"], values
