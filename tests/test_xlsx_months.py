"""A date in an XLSX cell formatted to show only its month and year (``mmm-yy``: Excel
shows ``mrt-26``) is that month in a month column or a period; helper-138: 2026-03-15
shown as mrt-26 was refused as no month (``verwacht een maand ... de eerste dag van de
maand``), quoting a day the user never saw. In a date column it is the date the cell
holds, as a year-only cell is (pipelines/ingest/year_cells.py, tests/test_xlsx_years.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines.ingest.xlsx_formats import shows_only_month
from tests.test_ingest import home, org_home, query, run
from tests.test_xlsx_years import _book

__all__ = ["home", "org_home"]  # fixtures used here


@pytest.mark.parametrize(
    ("number_format", "month"),
    [
        ("mmm-yy", True),
        ("mmmm yyyy", True),
        ("[$-413]mmmm yyyy;@", True),  # Dutch month names, a text section
        ("mm-jjjj", True),  # Excel's Dutch letters
        ("mmm\\-yy", True),  # an escaped separator
        ("yyyy-mm", True),
        ("mmm", False),  # no year
        ("yyyy", False),  # the year alone (shows_only_year)
        ("dd-mm-yyyy", False),
        ("d-mmm-yy", False),
        ("mm-yy hh:mm", False),
        ("[h]:mm", False),
        ("General", False),
    ],
)
def test_which_formats_show_only_a_month_and_year(number_format: str, month: bool) -> None:
    assert shows_only_month(number_format) is month


def test_a_date_shown_as_its_month_is_that_month_in_a_month_column(
    home: Path, tmp_path: Path
) -> None:
    path = _book(
        tmp_path / "in" / "hr_aggregates.xlsx",
        ["org_unit", "month", "garnishment_count"],
        [
            (["VH-N", dt.datetime(2026, 3, 15), 2], "mmm-yy"),  # the trial's cells
            (["VH-Z", dt.datetime(2026, 6, 10), 1], "[$-413]mmmm yyyy;@"),
            (["VH-N", dt.datetime(2026, 4, 20), 3], "mm-jjjj"),
            # a day shown is a day: mid-month, no month (as before)
            (["VH-Z", dt.datetime(2026, 7, 14), 4], "dd-mm-yyyy"),
        ],
    )
    [result] = run(home, path)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 3, 1)
    assert query(home, "select _source_line, month from raw_hr_aggregates order by 1") == [
        (2, dt.date(2026, 3, 1)),
        (3, dt.date(2026, 6, 1)),
        (4, dt.date(2026, 4, 1)),
    ]
    said = " ".join(str(n) for n in result.notes)
    assert "kolom month: 3 datumcel(len) met een opmaak die alleen de maand en het jaar" in said
    assert "(regel 2: '2026-03-15' als 2026-03)" in said


def test_a_date_shown_as_its_month_is_its_date_in_a_date_column(home: Path, tmp_path: Path) -> None:
    path = _book(
        tmp_path / "in" / "gifts.xlsx",
        ["employee_key", "received_on", "value_eur", "decision"],
        [(["000101", dt.datetime(2026, 3, 15), 45, "geaccepteerd"], "mmm-yy")],
    )
    [result] = run(home, path)
    assert (result.error, result.rows_loaded) == (None, 1), result.summary()
    assert query(home, "select received_on from raw_gifts") == [(dt.date(2026, 3, 15),)]


@pytest.mark.parametrize(
    ("held", "number_format", "read", "said"),
    [
        # typed as jan-25, januari 2025 or 2025: the day (and month) are Excel's
        (dt.datetime(2025, 1, 1), "mmm-yy", None, "'2025-01' is een maand zonder dag"),
        (dt.datetime(2025, 3, 1), "mmmm yyyy", None, "'2025-03' is een maand zonder dag"),
        (dt.datetime(2025, 1, 1), "yyyy", None, "'2025' is een jaar zonder maand en dag"),
        # another day is the cell's own, only not shown
        (dt.datetime(2025, 3, 2), "mmm-yy", dt.date(2025, 3, 2), None),
        (dt.datetime(2025, 2, 1), "yyyy", dt.date(2025, 2, 1), None),  # not January
        (dt.datetime(2025, 3, 1), "dd-mm-yyyy", dt.date(2025, 3, 1), None),  # a day shown
    ],
)
def test_a_date_cell_shown_without_its_day_on_the_first_is_no_event_date(
    home: Path, tmp_path: Path, held: dt.datetime, number_format: str, read: object, said: object
) -> None:
    """helper-175: a gift typed as jan-25 (a date cell of 1 January shown mmm-yy) or as 2025
    (shown yyyy) loaded as received on the 1st, a year's in January, where the same text
    is refused: a month without a day stays no date in a column of events."""
    path = _book(
        tmp_path / "in" / "gifts.xlsx",
        ["employee_key", "received_on", "value_eur", "decision"],
        [(["000101", held, 45, "geaccepteerd"], number_format)],
    )
    [result] = run(home, path)
    assert result.error is None, result.error
    got = query(home, "select received_on from raw_gifts")
    reasons = [r for (r,) in query(home, "select reason from quarantine")]
    if read is None:
        assert got == [] and len(reasons) == 1 and said in reasons[0], reasons
    else:
        assert got == [(read,)] and reasons == [], reasons


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ("2026-03", "'2026-03' is een maand zonder dag; de dag wordt niet geraden"),
        ("mrt-26", "'mrt-26' is een maand zonder dag"),
        ("maart 2026", "'maart 2026' is een maand zonder dag"),
        ("2026", "'2026' is een jaar zonder maand en dag"),
        ("2026-13", "verwacht een datum"),  # no month either
    ],
)
def test_a_month_typed_in_a_column_of_events_says_its_day_is_missing(
    home: Path, tmp_path: Path, cell: str, said: str
) -> None:
    path = tmp_path / "in" / "gifts.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"employee_key;received_on;value_eur\n000101;{cell};45\n", "utf-8")
    [result] = run(home, path)
    [(reason,)] = query(home, "select reason from quarantine")
    assert said in reason, reason


def test_months_years_and_texts_in_one_column_of_events_each_say_their_own_reason(
    home: Path, tmp_path: Path
) -> None:
    """Read all at once (months_without_day: one cell at a time, a gifts register whose
    date column held 600 texts, a shifted column, took 12 s): each cell its own reason,
    the same cell twice one reason, with the spaces around it."""
    cells = ["2026-03", " mrt-26 ", "2026", "Bos bloemen", "2026-13", "2026-03", "31-04-2026"]
    cells += [f"Bos bloemen nr {i}" for i in range(40)]
    rows = "".join(f"0001{i:02d};{c};45\n" for i, c in enumerate(cells))
    path = tmp_path / "in" / "gifts.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"employee_key;received_on;value_eur\n{rows}", "utf-8")
    run(home, path)
    reasons = dict(query(home, "select line, reason from quarantine order by line"))
    assert len(reasons) == len(cells)
    month = "is een maand zonder dag; de dag wordt niet geraden: schrijf de hele datum"
    assert reasons[2].endswith(f"waarde '2026-03': '2026-03' {month}"), reasons[2]
    assert reasons[7].endswith(f"waarde '2026-03': '2026-03' {month}"), reasons[7]
    assert f"'mrt-26' {month}" in reasons[3]
    assert "'2026' is een jaar zonder maand en dag" in reasons[4]
    assert "zonder dag" not in reasons[5] and "zonder dag" not in reasons[6]
    assert "april 2026 heeft 30 dagen" in reasons[8], reasons[8]
    assert not [r for line, r in reasons.items() if line > 8 and "zonder dag" in r]


def test_a_column_with_one_other_day_holds_its_days(home: Path, tmp_path: Path) -> None:
    """helper-177: where one cell shown mmm-yy holds another day than the 1st, the
    column's format only hides its days: every cell is read as the date it holds."""
    path = _book(
        tmp_path / "in" / "gifts.xlsx",
        ["employee_key", "received_on", "value_eur", "decision"],
        [
            (["000101", dt.datetime(2025, 3, 1), 45, "geaccepteerd"], "mmm-yy"),
            (["000102", dt.datetime(2025, 3, 17), 45, "geaccepteerd"], "mmm-yy"),
        ],
    )
    [result] = run(home, path)
    assert result.error is None and result.rows_quarantined == 0, result.summary()
    got = query(home, "select received_on from raw_gifts order by 1")
    assert got == [(dt.date(2025, 3, 1),), (dt.date(2025, 3, 17),)]


def test_hire_dates_shown_as_their_month_are_read(home: Path, tmp_path: Path) -> None:
    """helper-177: an HR workbook of hire dates shown mmm-yyyy, most of them on the 1st
    as hires are, was refused whole."""
    from tests.test_ingest import EMPLOYEE_HEADER

    names = EMPLOYEE_HEADER.strip().split(";")
    order = ["hire_date"] + [n for n in names if n != "hire_date"]
    cells = {"employee_key": "E1", "snapshot_month": "2026-03", "org_unit": "VH-N",
             "manager_key": "M1", "job_title": "Woonconsulent", "fte": "0,8"}  # fmt: skip
    path = _book(
        tmp_path / "in" / "employees.xlsx",
        [order[1], order[0], *order[2:]],
        [
            (
                [cells.get(order[1]), dt.datetime(2019, 9, 1)] + [cells.get(n) for n in order[2:]],
                "mmm-yyyy",
            )
        ],  # fmt: skip
    )
    [result] = run(home, path)
    assert result.error is None, result.error
    assert query(home, "select hire_date from raw_employees") == [(dt.date(2019, 9, 1),)]
