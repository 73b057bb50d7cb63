"""Two spellings real exports use that were refused (issue 13: no spurious quarantines),
read only where they cannot mean anything else:

- a period written as a month (``2026-03``, ``mrt 2026``) in a date column that is a
  period (feedback_360.period): the month's first day. In a date column of events (a
  gift's received_on) a month without a day is still no date: that day is not invented.
- a share of a whole written as a percentage (``80%``) in fte: 0,8. In any other number
  column a percent sign is still no number.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.ingest.dates import MONTH_NAMES, NO_DATE_MARKERS, parse_date
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

MONTH_SPELLINGS = {
    "jjjj-mm": lambda d: d.strftime("%Y-%m"),
    "mm-jjjj": lambda d: d.strftime("%m-%Y"),
    "jjjj/mm": lambda d: d.strftime("%Y/%m"),
    "mm/jjjj": lambda d: d.strftime("%m/%Y"),
    "jjjjmm": lambda d: d.strftime("%Y%m"),
    "jjjj.mm": lambda d: d.strftime("%Y.%m"),
    "maand jjjj": lambda d: f"{MONTH_NAMES[d.month - 1].split()[0]} {d.year}",
    "mon jjjj": lambda d: f"{MONTH_NAMES[d.month - 1].split()[-1].upper()}{d.year}",
}
# no January 1970: its first day is "no date" (dates.NO_DATE_MARKERS: Unix time 0)
days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)).filter(
    lambda d: pd.Timestamp(d.replace(day=1)) not in NO_DATE_MARKERS
)


@settings(max_examples=200, deadline=None)
@given(days, st.sampled_from(sorted(MONTH_SPELLINGS)))
def test_a_period_written_as_a_month_is_its_first_day_and_a_date_its_date(
    day: dt.date, how: str
) -> None:
    cells = pd.Series([MONTH_SPELLINGS[how](day), day.strftime("%d-%m-%Y")])
    parsed = parse_date(cells, months=True)
    assert not parsed.invalid.any(), cells.tolist()
    assert parsed.values.tolist() == [
        pd.Timestamp(day.replace(day=1)),
        pd.Timestamp(day),
    ], cells.tolist()


@pytest.mark.parametrize("cell", ["2026-03", "03-2026", "mrt 2026", "202603"])
def test_in_a_date_column_of_events_a_month_is_still_no_date(cell: str) -> None:
    parsed = parse_date(pd.Series([cell]))
    assert parsed.invalid.tolist() == [True]


@pytest.mark.parametrize("cell", ["2026-13", "13-2026", "2026-00", "2026.1", "2026-1-", "mrt"])
def test_a_period_that_is_no_month_is_no_date(cell: str) -> None:
    parsed = parse_date(pd.Series([cell]), months=True)
    assert parsed.invalid.tolist() == [True], cell


def test_feedback_360_periods_as_months_load(home: Path, tmp_path: Path) -> None:
    path = write(
        tmp_path / "feedback_360.csv",
        "manager_key;period;integrity_score;n_raters\n"
        "100001;2026-03;4,1;6\n"  # 2: a month: its first day
        "100002;15-10-2024;3,9;5\n"  # 3: a date: that date
        "100003;mrt 2026;4,0;5\n"  # 4
        "100004;2026-13;4,0;5\n",  # 5: no month
    )
    [result] = run(home, path)
    assert (result.rows_in, result.rows_loaded) == (4, 3), result.summary()
    assert sorted(r[0] for r in query(home, "select period from raw_feedback_360")) == [
        dt.date(2024, 10, 15),
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 1),
    ]
    assert quarantined(home, "feedback_360") == [(5, "period", "2026-13", "wrong_type")]
    [(reason,)] = query(home, "select reason from quarantine where line = 5")
    assert reason.endswith(
        "verwacht een datum of een maand tussen 1900 en 2100 "
        "(dd-mm-jjjj, jjjj-mm-dd, jjjj-mm of mrt 2026)"
    ), reason


FTE = [
    # (line, cell, read as): None is quarantined for the reason in REFUSED
    (2, "80%", 0.8),
    (3, "80 %", 0.8),
    (4, "88,89%", 0.8889),
    (5, "120%", 1.2),  # the contract's upper limit, just inside
    (6, "121%", None),  # just outside
    (7, "0%", None),  # fte > 0
    (8, "%", None),
    (9, "80%%", None),
    (10, "1.5%", None),  # a Dutch column: 1.5 is no number, 1,5% is
    (11, "0,8", 0.8),  # no sign: the share itself
    (12, "80", None),  # no sign: 80 fte
]
REFUSED = {
    6: "out_of_range",
    7: "out_of_range",
    8: "wrong_type",
    9: "wrong_type",
    10: "ambiguous_number",
    12: "out_of_range",
}


def test_fte_as_a_percentage_is_its_share(home: Path, tmp_path: Path) -> None:
    rows = "".join(employee(key=f"1042{line:02d}", fte=cell) for line, cell, _ in FTE)
    path = write(tmp_path / "employees.csv", EMPLOYEE_HEADER + rows)
    [result] = run(home, path)
    assert result.error is None, result.error
    held = {(line, column): code for line, column, _, code in quarantined(home, "employees")}
    assert held == {(line, "fte"): code for line, code in REFUSED.items()}
    loaded = sorted(r[0] for r in query(home, "select fte from raw_employees"))
    assert loaded == pytest.approx(sorted(v for _, _, v in FTE if v is not None), abs=1e-12)
    shown = {line: value for line, _, value, _ in quarantined(home, "employees")}
    assert shown[6] == "121%"  # quarantine shows the cell as written
    [reason] = query(home, "select reason from quarantine where line = 10")[0]
    # quoted with its sign, and what the other convention would make of it: 0,015, not 1,5
    assert reason.startswith("employees.csv, regel 10, kolom fte: '1.5%' is geen eenduidig")
    assert "zou het 0,015 zijn" in reason


def test_a_percent_sign_in_another_number_column_is_no_number(home: Path, tmp_path: Path) -> None:
    path = write(
        tmp_path / "employees.csv",
        EMPLOYEE_HEADER + employee(key="104299", sick_days="80%", fte="80%"),
    )
    [result] = run(home, path)
    assert result.error is None, result.error
    assert [(c, code) for _, c, _, code in quarantined(home, "employees")] == [
        ("sick_days", "wrong_type")
    ]


OVERTIME = [
    # (line, cell, hours): None is quarantined
    (2, "7:30", 7.5),
    (3, "0:05", 5 / 60),
    (4, "12:00", 12.0),
    (5, " 120:59 ", 120 + 59 / 60),
    (6, "2,5", 2.5),  # a number as before
    (7, "7:60", None),  # no minute 60: no clock
    (8, "7:5", None),  # a minute in one digit is no clock either
    (9, "-1:30", None),  # below 0 is not read as -1,5 (nor as 1,5)
    (10, "7:30:00", 7.5),  # an XLSX duration cell's text (helper-94): hours, minutes, seconds
    (11, "7:30:60", None),
]


def test_overtime_as_hours_and_minutes(home: Path, tmp_path: Path) -> None:
    rows = "".join(
        employee(key=f"1043{line:02d}", overtime_hours=cell) for line, cell, _ in OVERTIME
    )
    [result] = run(home, write(tmp_path / "employees.csv", EMPLOYEE_HEADER + rows))
    assert result.error is None, result.error
    held = {
        line for line, column, _, _ in quarantined(home, "employees") if column == "overtime_hours"
    }
    assert held == {line for line, _, hours in OVERTIME if hours is None}
    loaded = sorted(r[0] for r in query(home, "select overtime_hours from raw_employees"))
    expected = sorted(hours for _, _, hours in OVERTIME if hours is not None)
    assert loaded == pytest.approx(expected, abs=1e-9)


def test_a_clock_in_another_number_column_is_no_number(home: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "employees.csv", EMPLOYEE_HEADER + employee(sick_days="7:30"))
    run(home, path)
    assert [(c, code) for _, c, _, code in quarantined(home, "employees")] == [
        ("sick_days", "wrong_type")
    ]


def test_an_xlsx_duration_or_time_cell_is_its_hours(home: Path, tmp_path: Path) -> None:
    """helper-94: AFAS and Loket write overtime as [h]:mm cells; openpyxl gives a time of
    day (07:30:00) or a duration (1 day, 7:15:00), both refused before."""
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(EMPLOYEE_HEADER.strip().split(";"))
    for key, hours in (
        ("104401", dt.time(7, 30)),
        ("104402", dt.timedelta(days=1, hours=7, minutes=15)),
        ("104403", dt.timedelta(0)),
    ):
        row = employee(key=key).strip().split(";")
        sheet.append([*row[:10], hours, *row[11:]])
    path = tmp_path / "uren.xlsx"
    book.save(path)
    [result] = run(home, path)
    assert result.rows_loaded == 3, (result.summary(), quarantined(home, "employees"))
    loaded = sorted(r[0] for r in query(home, "select overtime_hours from raw_employees"))
    assert loaded == pytest.approx([0.0, 7.5, 31.25])


@pytest.mark.parametrize(
    ("serial", "number_format", "number", "readings"),
    [
        (1.3125, "h:mm", "1,3125", "31,5 uur, als getypt aantal uren 1,3125"),  # a sum, typed?
        (7.5, "h:mm", "7,5", "180 uur, als getypt aantal uren 7,5"),  # helper-143: typed
        (1.0, "hh:mm:ss", "1", "24 uur, als getypt aantal uren 1"),
        (58.5, "h:mm", "58,5", "1.404 uur, als getypt aantal uren 58,5"),
        (59.5, "h:mm", "59,5 (of een dag meer)", "1.428 uur"),  # 59 or 60: openpyxl's 28-2
        (2.25, "1904 h:mm", "2,25", "54 uur, als getypt aantal uren 2,25"),  # a Mac workbook
        (8.0, "dd-mm-yyyy", "8", "192 uur, als getypt aantal uren 8"),  # helper-145: a date
    ],
)
def test_an_xlsx_time_formatted_cell_of_a_day_or_more_is_not_guessed(
    home: Path, tmp_path: Path, serial: float, number_format: str, number: str, readings: str
) -> None:
    """helper-140: a number of a day or more in a time format (h:mm), which Excel shows
    past its whole days, was refused quoting '1900-01-01 07:30:00' and nothing more. It is
    a summed duration or hours typed into a time-formatted template (helper-143: reading
    it as a duration made 7,5 typed hours 180): ambiguous_number, the reason naming the
    number and both readings (helper-145: not the format, which may be a date's). Under a
    day it is the time (7:30 is 7,5), and from 1 March 1900 (serial 61) on a date with
    its time, which no reading of hours takes."""
    path = _hours_book(tmp_path, [serial, 0.3125, 61.5], number_format)
    [result] = run(home, path)
    assert [r[0] for r in query(home, "select overtime_hours from raw_employees")] == [7.5]
    rows = query(home, "select line, reason_code, reason from quarantine order by line")
    assert [(line, code) for line, code, _ in rows] == [
        (2, "ambiguous_number"),
        (4, "wrong_type"),
    ]
    reason = rows[0][2]
    said = f"is een getal van een dag of meer ({number}) in een cel met een datum- of tijdnotatie"
    assert said in reason and f"als opgetelde duur is het {readings}" in reason
    assert "geef de kolom de notatie [u]:mm of exporteer de uren als getal" in reason
    assert result.rows_quarantined == 2


def _hours_book(tmp_path: Path, serials: list[float], number_format: str) -> Path:
    """An employees workbook, one row per serial in overtime_hours, formatted so."""
    import openpyxl
    from openpyxl.utils.datetime import MAC_EPOCH

    book = openpyxl.Workbook()
    if number_format.startswith("1904 "):  # the 1904 date system (Excel for Mac)
        book.epoch, number_format = MAC_EPOCH, number_format.removeprefix("1904 ")
    sheet = book.active
    sheet.append(EMPLOYEE_HEADER.strip().split(";"))
    for n, serial in enumerate(serials):
        row = employee(key=f"10440{n}").strip().split(";")
        sheet.append([*row[:10], serial, *row[11:]])
        sheet.cell(row=n + 2, column=11).number_format = number_format
    path = tmp_path / "uren.xlsx"
    book.save(path)
    return path
