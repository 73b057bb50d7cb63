"""Dates and months as other systems write them (helper-97, spurious quarantines): Excel's
long date with its weekday, 'febr.', XML's date with a zone, Excel's mmm-jj months, a
month with the year first. Each with its boundary: what is not certain stays no date."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from pipelines.ingest.dates import parse_date
from tests.readers import reading


def read(cell: str, **kind: bool) -> str | None:
    parsed = parse_date(pd.Series([cell], dtype=object), **kind)
    value = parsed.values.iloc[0]
    assert bool(parsed.invalid.iloc[0]) == pd.isna(value)
    return None if pd.isna(value) else value.strftime("%Y-%m-%d")


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("dinsdag 3 maart 2026", "2026-03-03"),
        ("di 3 mrt 2026", "2026-03-03"),
        ("Di. 3 mrt. 2026", "2026-03-03"),
        ("maandag, 2 maart 2026", "2026-03-02"),
        ("Tuesday 3 March 2026", "2026-03-03"),
        ("di 03-03-2026", "2026-03-03"),
        ("maandag 3 maart 2026", None),  # 3 March 2026 is a Tuesday: which one is meant?
        ("zo 3 mrt 2026", None),
        ("dinsdag", None),
        ("week 3 maart 2026", None),  # no weekday
        ("3 febr. 2026", "2026-02-03"),
        ("3 febr 2026", "2026-02-03"),
        ("2026-03-03Z", "2026-03-03"),  # XML's xs:date: the date, in its own zone
        ("2026-03-03+01:00", "2026-03-03"),
        ("2026-03-03-08:00", "2026-03-03"),
        ("2026-03-03+1", None),
        ("2026-02-30Z", None),
        # helper-101: the month's name first (Power BI, SuccessFactors), a Dutch time
        # after a date, 'om', ISO's T after a day-first date, a compact moment, '3e'
        ("Mar 3, 2026", "2026-03-03"),
        ("maart 3, 2026", "2026-03-03"),
        ("March 3 2026", "2026-03-03"),
        ("Mar 3, 2026 8:30 PM", "2026-03-03"),
        ("Mar 32, 2026", None),
        ("Week 3, 2026", None),  # no month's name
        ("03-03-2026 8.30", "2026-03-03"),
        ("03-03-2026 8.75", None),  # no minute
        ("3 maart 2026 om 14:00", "2026-03-03"),
        ("03-03-2026 om 14:00", "2026-03-03"),
        ("03-03-2026T08:30", "2026-03-03"),
        ("20260303 083000", "2026-03-03"),
        ("20260303083000", "2026-03-03"),
        ("20260303 243000", None),
        ("20261303 083000", None),
        ("3e maart 2026", "2026-03-03"),
        ("1st March 2026", "2026-03-01"),
        ("3dec2026", "2026-12-03"),  # 'de' of dec is no ordinal's
        ("3ex maart 2026", None),
        # helper-103: Google Forms' timestamps, a 12-hour clock, GMT+1
        ("2026/03/15 10:02:11 PM GMT+1", "2026-03-15"),
        ("2026/03/15 11:30:00 PM GMT-5", "2026-03-16"),  # 04:30 UTC: 05:30 here
        ("2026/03/15 10:02:11 PM", "2026-03-15"),
        ("2026/03/15 22:02:11 GMT+1", "2026-03-15"),
        ("31-3-2026 12:30:00 AM", "2026-03-31"),
        ("2026/03/15 13:00 PM", None),  # no 12-hour time
        ("2026/03/15 10:02 PM GMT+15", None),  # no zone
        # Excel's built-in Dutch date d-mmm-jj (helper-104): 00-29 this century's, as mrt-26
        ("1-mrt-26", "2026-03-01"),
        ("01-MAR-29", "2029-03-01"),
        ("1 mrt 26", None),  # typed, not Excel's: not guessed (tests/test_spellings.py)
        ("12 sep. 25", None),
        ("1-mrt-30", None),  # 1930 or 2030: not guessed
        ("1-sep-98", None),
        ("31-feb-26", None),
        ("1-xyz-26", None),
        # a comma between the date and the time (Moodle, Totara; helper-112)
        ("15 January 2026, 9:00 AM", "2026-01-15"),
        ("Thursday, 15 January 2026, 9:00 AM", "2026-01-15"),
        ("donderdag 15 januari 2026, 09:00", "2026-01-15"),
        ("15.01.2026, 09:00", "2026-01-15"),
        ("15-01-2026,09:00", "2026-01-15"),
        ("15-01-2026, 9", None),  # no time after the comma
        ("15-01-2026, 25:00", None),
        # DB2's timestamp (IBM i, AS/400 exports)
        ("2026-03-03-08.30.00.000000", "2026-03-03"),
        ("2026-03-03-23.59.59", "2026-03-03"),
        ("2026-03-03-24.00.00.000000", None),  # no hour
        ("2026-03-03-08.30", None),  # no seconds: not DB2's
        ("2026-02-30-08.30.00.000000", None),
    ],
)
def test_dates_as_other_systems_write_them(cell: str, day: str | None) -> None:
    assert read(cell) == day


@pytest.mark.parametrize(
    ("cell", "month"),
    [
        ("mrt-26", "2026-03-01"),  # Excel's mmm-jj
        ("Mar-26", "2026-03-01"),
        ("jan-00", "2000-01-01"),
        ("dec-29", "2029-12-01"),
        ("jan-30", None),  # Excel would read 1930: no month of these data
        ("feb-99", None),
        ("abc-26", None),
        ("2026M03", "2026-03-01"),  # as statistics offices write a month
        ("2026M13", None),
        ("2026M3", "2026-03-01"),  # helper-99: one digit
        ("2026M0", None),
        ("2026 maart", "2026-03-01"),
        ("2026-mrt", "2026-03-01"),
        ("2026 maand", None),
        ("2026 03", "2026-03-01"),  # helper-101
        ("2026 13", None),
    ],
)
def test_months_as_other_systems_write_them(cell: str, month: str | None) -> None:
    assert read(cell, month=True) == month


def test_a_two_digit_year_after_a_months_name_is_no_date_in_a_date_column() -> None:
    """mrt-26 in a date column may be 26 March of some year: not read (as before)."""
    assert read("mrt-26") is None


def test_a_weekday_before_an_ambiguous_date_leaves_it_ambiguous() -> None:
    """helper-98: 1 July and 7 January 2026 are both a Wednesday; beside a month-first
    date, 'wo 01/07/2026' was read as 1 July while '01/07/2026' was ambiguous."""
    from pipelines.ingest.date_order import ambiguous_dates

    cells = ["06/25/2026", "01/07/2026", "wo 01/07/2026", "woensdag 01-07-2026", "wo 25-06-2026"]
    assert sorted(ambiguous_dates(cells, None)) == [0, 1, 2, 3]


def test_a_weekday_that_is_not_the_dates_is_told_so() -> None:
    """helper-98: 'ma 3 mrt 2026' (a Tuesday) got the generic date message."""
    from pipelines.ingest.lookups import WRONG_TYPE, ColumnPlan, lookup
    from pipelines.ingest.quality.base import Column

    plan = ColumnPlan(Column("received_on", "date"), "nl")
    frame, _ = lookup(plan, ["ma 3 mrt 2026", "xx 3 mrt 2026"], b"k" * 32)
    assert frame["status"].tolist() == [WRONG_TYPE, WRONG_TYPE]
    assert "andere weekdag (maandag) dan de datum, die op een dinsdag valt" in frame["note"][0]
    assert frame["note"][1] is None


def test_weekdays_in_one_column_are_each_told_their_own() -> None:
    """Read in one go (helper-272 F4: one parse per cell, 2,000 such dates took 14 s):
    each cell its own weekday and date, the right ones read, spaces around one alike."""
    from pipelines.ingest.lookups import OK, WRONG_TYPE, ColumnPlan, lookup
    from pipelines.ingest.quality.base import Column

    plan = ColumnPlan(Column("received_on", "date"), "nl")
    cells = ["ma 3 mrt 2026", "za 01-03-2026", "zo 01-03-2026", " ma 3 mrt 2026 ", "xx 3-3-2026"]
    frame, _ = lookup(plan, cells, b"k" * 32)
    assert frame["status"].tolist() == [WRONG_TYPE, WRONG_TYPE, OK, WRONG_TYPE, WRONG_TYPE]
    notes = frame["note"].tolist()
    assert (
        "'ma 3 mrt 2026' noemt een andere weekdag (maandag) dan de datum, die op een dinsdag"
        in notes[0]
    )
    assert "(zaterdag) dan de datum, die op een zondag valt" in notes[1]
    assert notes[3] == notes[0] and notes[4] is None


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("2026-Q1", "2026-01-01"),  # helper-97: a feedback round's period as a quarter
        ("Q4 2026", "2026-10-01"),
        ("2026 K3", "2026-07-01"),  # kwartaal
        ("H2 2026", "2026-07-01"),  # a half year
        ("1e kwartaal 2026", "2026-01-01"),  # helper-99
        ("3e kw. 2025", "2025-07-01"),  # helper-104: the forms people type
        ("3e kw 2025", "2025-07-01"),
        ("3e kwart. 2025", "2025-07-01"),
        ("Q3/2025", "2025-07-01"),
        ("2025 - Q3", "2025-07-01"),
        ("2025/Q3", "2025-07-01"),
        ("2025 -- Q3", None),
        ("Q5/2025", None),
        ("3e kwx 2025", None),
        ("5e kwartaal 2026", None),
        ("2e halfjaar 2026", "2026-07-01"),  # helper-100
        ("3e halfjaar 2026", None),
        ("KW3 2026", None),  # helper-100: a calendar week (Kalenderwoche) as often
        ("QW1 2026", None),
        ("H3 2026", None),
        ("2026-Q5", None),
        ("2026", "2026-01-01"),  # helper-112: a yearly 360 round
        ("1899", None),
        ("2101", None),
    ],
)
def test_a_quarter_is_a_period_columns_first_day(cell: str, day: str | None) -> None:
    assert read(cell, months=True) == day
    assert read(cell, month=True) is None  # a quarter is no month (snapshot_month)
    assert read(cell) is None  # nor an event's date


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("30-6-2026 23:30:00 UTC", "2026-07-01"),  # helper-97: the day it was here then
        ("30-06-2026 23:30:00+00:00", "2026-07-01"),
        ("03-03-2026 08:30 CET", "2026-03-03"),  # the Netherlands' own clock by its name
        ("31-12-2026 23:30 CET", "2026-12-31"),
        ("2026-06-30T23:30:00 CEST", "2026-06-30"),
        ("30-6-2026 23:30 CET", "2026-06-30"),  # helper-100: CET written in summer too
        ("15-1-2026 00:30 CEST", "2026-01-15"),
        ("2026-03-03 12:00:00 AM", "2026-03-03"),  # ISO with a 12-hour clock
        ("2026-03-03 11:30 PM", "2026-03-03"),
        ("03-03-2026 08:30 uur", "2026-03-03"),
        ("1-2-2026 8.30 uur", "2026-02-01"),  # helper-100: the Dutch way to write a time
        ("1-2-2026 8.75 uur", None),
        ("03-03-2026 08:30 EST", None),  # another zone by a name: not guessed
        ("2026-03-03 13:00:00 PM", None),
    ],
)
def test_moments_with_their_zone_or_clock_as_written(cell: str, day: str | None) -> None:
    assert read(cell) == day


def test_a_zoned_slash_date_beside_a_month_first_one_is_ambiguous() -> None:
    from pipelines.ingest.date_order import ambiguous_dates

    cells = ["06/25/2026", "01/07/2026 10:00 UTC", "01/07/2026 10:00 CET", "01/07/2026 8.30 uur"]
    assert sorted(ambiguous_dates(cells, None)) == [0, 1, 2, 3]


def test_om_before_the_time_is_a_date_to_the_month_first_proof_too() -> None:
    """helper-102: '06-25-2026 om 08:30' was no date to the proof, so '03-04-2026 om 08:30'
    beside it was read day first without a word."""
    from pipelines.ingest.date_order import ambiguous_dates

    cells = ["06-25-2026 om 08:30", "03-04-2026 om 08:30", "03-04-2026 8.30"]
    assert sorted(ambiguous_dates(cells, None)) == [0, 1, 2]


def survey_days(tmp_path, rows: str) -> list[str]:
    """The wave dates a small survey of ``rows`` loads, every row loaded."""

    from tests.ingesthelpers import ingest_only
    from tests.test_ingest import ORG, SURVEY_HEADER, lenient, write

    org = write(tmp_path / "in" / "org_units.csv", ORG)
    survey = write(tmp_path / "in" / "survey.csv", SURVEY_HEADER + rows)
    warehouse = tmp_path / "warehouse.duckdb"
    [_, result] = ingest_only(warehouse, [org, survey], catalogue=lenient())
    assert (result.rows_loaded, result.rows_quarantined) == (rows.count("\n"), 0), result.summary()
    with reading(str(warehouse)) as con:
        days = con.execute("select strftime(wave_date, '%Y-%m-%d') from raw_survey_responses")
        return sorted(r[0] for r in days.fetchall())


def test_a_survey_wave_written_as_its_month_is_its_first_day(tmp_path) -> None:
    """helper-101: a survey's wave_date written as its month (2026-03, maart 2026) was
    'verwacht een datum', while a 360 review's period read it."""
    rows = "R1;2026-03;VH-N;CLA1;4\nR2;maart 2026;VH-N;CLA1;3\nR3;15-03-2026;VH-N;CLA1;5\n"
    assert survey_days(tmp_path, rows) == ["2026-03-01", "2026-03-01", "2026-03-15"]


def test_a_day_its_month_does_not_have_is_told_so() -> None:
    """helper-104: 31-04-2026 got the general 'verwacht een datum'. A leap day is a day;
    a day over 31, day 0 and a month over 12 keep the general reason."""
    from pipelines.ingest.lookups import OK, WRONG_TYPE, ColumnPlan, lookup
    from pipelines.ingest.quality.base import Column

    cells = ["31-04-2026", "29-02-2026", "29-02-2024", "31/04/2026 08:30", "32-01-2026"]
    cells += ["00-01-2026", "31-13-2026"]
    frame, _ = lookup(ColumnPlan(Column("received_on", "date"), "nl"), cells, b"k" * 32)
    assert frame["status"].tolist() == [WRONG_TYPE, WRONG_TYPE, OK] + [WRONG_TYPE] * 4
    assert frame["note"].tolist() == [
        "'31-04-2026' bestaat niet: april 2026 heeft 30 dagen",
        "'29-02-2026' bestaat niet: februari 2026 heeft 28 dagen",
        None,
        "'31/04/2026 08:30' bestaat niet: april 2026 heeft 30 dagen",
        None,
        None,
        None,
    ]
    month_first = ColumnPlan(Column("received_on", "date"), "nl", month_first=True)
    frame, _ = lookup(month_first, ["04/31/2026"], b"k" * 32)
    assert frame["note"].tolist() == ["'04/31/2026' bestaat niet: april 2026 heeft 30 dagen"]
    # written ISO, with a time too (helper-193: the general reason); a leap day stays one
    iso = ["2024-02-30T10:00", "2026-04-31", "2024-02-29T10:00", "2026-13-01"]
    frame, _ = lookup(ColumnPlan(Column("received_on", "date"), "nl"), iso, b"k" * 32)
    assert frame["note"].tolist()[:2] == [
        "'2024-02-30T10:00' bestaat niet: februari 2024 heeft 29 dagen",
        "'2026-04-31' bestaat niet: april 2026 heeft 30 dagen",
    ]
    assert frame["status"].tolist()[2] == OK
    assert "bestaat niet" not in str(frame["note"].tolist()[3])


@pytest.mark.parametrize(
    ("cell", "century"),
    [
        ("1-jan-30", "1930 of 2030"),  # helper-107: outside d-mmm-jj's 00-29
        ("03-03-26", "1926 of 2026"),
        ("1 mrt 26", "1926 of 2026"),
        ("3/3/26", "1926 of 2026"),
        ("12 sep. 25", "1925 of 2025"),
        ("03-03-26 08:30", "1926 of 2026"),
        ("03-0326", None),  # no date's shape: the general reason
        ("1-2-3", None),
    ],
)
def test_a_two_digit_year_is_told_so(cell: str, century: str | None) -> None:
    from pipelines.ingest.lookups import WRONG_TYPE, ColumnPlan, lookup
    from pipelines.ingest.quality.base import Column

    frame, _ = lookup(ColumnPlan(Column("received_on", "date"), "nl"), [cell], b"k" * 32)
    assert frame["status"].tolist() == [WRONG_TYPE]
    expected = None
    if century:
        expected = (
            f"'{cell}' heeft een jaar van twee cijfers ({century}?); niet geraden: schrijf het "
            "jaar voluit (dd-mm-jjjj)"
        )
    assert frame["note"].tolist() == [expected]


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        # a session's time range after its date: the date (an LMS's or agenda's export)
        ("15-01-2026 15:00-16:00", "2026-01-15"),  # read as UTC-16:00 before: the 16th
        ("2026-01-15 15:00-16:00", "2026-01-15"),
        ("2026-01-15T15:00-16:00", "2026-01-15"),  # -16:00 is no zone (at most UTC-12)
        ("15-01-2026 22:00-23:30", "2026-01-15"),
        ("15-01-2026 09:00 - 11:00", "2026-01-15"),  # no date before
        ("15-01-2026 9:00 tot 11:00", "2026-01-15"),
        ("15-01-2026 09:00 t/m 11:00", "2026-01-15"),
        ("2026-01-15 09:00 \u2013 11:00", "2026-01-15"),  # an en dash
        ("15-01-2026 09:00:00 - 11:00:00", "2026-01-15"),
        ("15-01-2026 10:00-11:45", "2026-01-15"),  # no zone is UTC-11:45
        ("2026-01-15 11:00-11:30", "2026-01-15"),
        ("15-01-2026 10:00-11:00", "2026-01-15"),  # 10:00 at UTC-11 is 22:00 or 23:00 here
        ("15-01-2026 3:00 PM-4:00 PM", "2026-01-15"),  # helper-114: a 12-hour range
        ("2026-01-15 11:00-12:15", "2026-01-15"),  # -12:15 is no zone
        # where the two readings may be other days: no date, said why (helper-114: a
        # session past midnight, 22:00-01:00, moved to the next day, 31 March to April)
        ("15-01-2026 22:30-02:30", None),  # 22:30 at UTC-2:30 is 1:00 or 2:00 here
        # no one lives at UTC-12: a morning's session, as an LMS writes it
        ("15-01-2026 11:00-12:00", "2026-01-15"),
        ("15-01-2026 10:00-12:00", "2026-01-15"),
        ("15-01-2026 22:00-01:00", None),
        ("31-03-2026 22:00-02:00", None),
        ("2026-01-15 23:00-05:00", None),
        ("15-01-2026 15:00-99:00", None),  # no time
        ("31-03-2026 23:00-24:00", "2026-03-31"),  # helper-116: midnight as 24:00
        ("2026-01-15 22:00:00-05:00", "2026-01-16"),  # helper-116: Python's zoned moment
        ("15-01-2026 22:00:00-23:00:00", "2026-01-15"),  # seconds on both: a range
        ("15-01-2026 11:00:00-11:00", None),  # helper-117: day first, no zone's form
        ("15-01-2026 11:00:00-12:00", "2026-01-15"),  # UTC-12: a range
        ("15-01-2026 11:00 PM-12:00 AM", "2026-01-15"),  # helper-117: to midnight
        ("15-01-2026 23:00-00:00", "2026-01-15"),  # -00:00 is no zone behind UTC
        # helper-118: written as a zone, -00:00 is UTC (RFC 3339); a slash date's zone too
        ("2026-01-15T23:30-00:00", "2026-01-16"),
        ("2026-01-15T23:30:00-00:00", "2026-01-16"),
        ("2026-01-15 23:30:00 -00:00", "2026-01-16"),
        ("2026/01/15 22:00:00-05:00", "2026-01-16"),
        # a time with its zone, as ISO and logs write one, stays one
        ("2026-01-15T23:00-05:00", "2026-01-16"),
        ("2026-01-15T11:00-12:00", "2026-01-16"),  # ISO's: 23:00 UTC is 0:00 here
        ("2026-01-15 23:30 -05:00", "2026-01-16"),  # a space before the zone's sign
        ("2026-01-15 15:00:00-05", "2026-01-15"),  # PostgreSQL's hour-only zone
    ],
)
def test_a_time_range_after_a_date_is_the_sessions_date(cell: str, day: str | None) -> None:
    assert read(cell) == day


def test_a_time_range_that_may_be_a_zone_on_another_day_is_told_so() -> None:
    from pipelines.ingest.lookups import OK, WRONG_TYPE, ColumnPlan, lookup
    from pipelines.ingest.quality.base import Column

    cells = ["15-01-2026 13:00-11:00", "15-01-2026 15:00-16:00", "15-01-2026 11:00 - 12:00"]
    cells += ["15-01-2026 11:00 PM-1:00 AM"]  # helper-116: the reason for a 12-hour range too
    frame, _ = lookup(ColumnPlan(Column("held_on", "date"), "nl"), cells, b"k" * 32)
    assert frame["status"].tolist() == [WRONG_TYPE, OK, OK, WRONG_TYPE]
    assert frame["note"].iloc[3].startswith("'15-01-2026 11:00 PM-1:00 AM' is een tijdvak")
    month, _ = lookup(ColumnPlan(Column("month", "month"), "nl"), ["2026-01-31 22:00-01:00"], b"k")
    assert month["status"].tolist() == [WRONG_TYPE]  # helper-114: read as February
    assert frame["note"].tolist() == [
        "'15-01-2026 13:00-11:00' is een tijdvak (13:00 tot 11:00) of een tijd in de "
        "tijdzone UTC-11:00, en dat is een andere dag; niet geraden: schrijf het tijdvak "
        "met spaties (11:00 - 12:00) of alleen de begintijd",
        None,
        None,
        frame["note"].iloc[3],
    ]


# A 12-hour clock before the Dutch clock's name, as a Dutch Google Forms download writes
# its timestamps (helper-159: every row was wrong_type): read as the same time on 24
# hours would be, the zone's name the Dutch clock as written (CET or CEST whatever the
# season; never converted, so 11:59 p.m. on a month's last day stays that day)
@pytest.mark.parametrize(
    ("cell", "day", "time"),
    [
        ("2026/03/09 8:12:45 a.m. CET", "2026-03-09", "08:12:45"),
        ("2026/07/09 8:12:45 p.m. CEST", "2026-07-09", "20:12:45"),
        ("2024/12/03 8:48:17 p.m. CET", "2024-12-03", "20:48:17"),
        ("2024/12/03 8:48:17 PM CET", "2024-12-03", "20:48:17"),
        ("2024/12/03 8:48:17 pm cest", "2024-12-03", "20:48:17"),
        ("2024-12-03 8:48:17PM CET", "2024-12-03", "20:48:17"),
        ("03-12-2024 8:48 PM CET", "2024-12-03", "20:48"),
        ("3 december 2024 8:48 p.m. CET", "2024-12-03", "20:48"),
        ("di 3 dec 2024 8:48 PM CET", "2024-12-03", "20:48"),
        ("Dec 3, 2024 8:48 PM CET", "2024-12-03", "20:48"),
        ("2026/03/31 12:00:00 a.m. CET", "2026-03-31", "00:00:00"),  # midnight
        ("2026/03/31 12:59 a.m. CEST", "2026-03-31", "00:59"),
        ("2026/03/31 12:00 p.m. CET", "2026-03-31", "12:00"),  # noon
        ("2026/03/31 12:59 p.m. CET", "2026-03-31", "12:59"),
        ("2026/03/31 11:59 p.m. CEST", "2026-03-31", "23:59"),  # not 1 April
        ("31-12-2026 11:59:59 PM CET", "2026-12-31", "23:59:59"),  # nor the next year
        ("2026/03/31 13:00 p.m. CET", None, None),  # no 13 o'clock p.m.
        ("2026/03/31 0:30 a.m. CET", None, None),  # nor 0 a.m.
        ("2026/03/31 8:12:45 p.m. EST", None, None),  # another zone by a name: not guessed
    ],
)
def test_a_twelve_hour_clock_before_the_dutch_clocks_name(
    cell: str, day: str | None, time: str | None
) -> None:
    from pipelines.ingest.dates import as_the_rules_read

    assert read(cell) == day
    assert read(cell, months=True) == day  # a survey's wave_date
    if time is not None:
        assert as_the_rules_read(pd.Series([cell])).iloc[0].endswith(f" {time}")
        clock = re.sub(r"[0-9]{1,2}:[0-9:]+\s*[ap]\.?m\.?", time, cell, flags=re.I)
        assert read(clock) == day, clock  # as 24 hours


def test_a_google_forms_download_in_dutch_loads_its_timestamps(tmp_path) -> None:
    """helper-159: 2026/03/09 8:12:45 a.m. CET in a survey's wave_date quarantined every
    row as wrong_type."""
    rows = (
        "R1;2026/03/09 8:12:45 a.m. CET;VH-N;CLA1;4\nR2;2026/07/09 8:12:45 p.m. CEST;VH-N;CLA1;3\n"
    )
    assert survey_days(tmp_path, rows) == ["2026-03-09", "2026-07-09"]
