"""Dates and numbers as exports outside our own demo write them (issue 13): a database's
timestamps with milliseconds, dotted and compact dates, a month's name, thousands apart
by a space. Each is read as the value written, or refused; never as another value.
Columns alone (no warehouse), but for one ingest at the end: fast."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.ingest.codes import code_key, match_codes
from pipelines.ingest.date_keys import date_spellings
from pipelines.ingest.dates import (
    MONTH_NAMES,
    MONTH_WORDS,
    NO_DATE_MARKERS,
    NO_DATE_MOMENTS,
    parse_date,
)
from pipelines.ingest.parsing import parse_boolean, parse_number
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

# From February 1900, and no January 1970: 1 January 1900 and 1970 are "no date" in many
# systems (dates.NO_DATE_MARKERS), and so is a month column's January of either (its first
# day; tests/test_date_markers.py, and the boundaries below); nor 1 January 1980, whose
# midnight written with its time is LimeSurvey's (dates.NO_DATE_MOMENTS)
days = st.dates(min_value=dt.date(1900, 2, 1), max_value=dt.date(2100, 12, 31)).filter(
    lambda d: (
        pd.Timestamp(d.replace(day=1)) not in NO_DATE_MARKERS
        and pd.Timestamp(d) not in NO_DATE_MOMENTS
    )
)
NAMES = {m: [w for w, n in MONTH_WORDS.items() if n == m] for m in range(1, 13)}


def read_as(cell: str, read: dt.date | None, *, month: bool = False) -> None:
    """One cell parsed alone: the day ``read``, or no date (None)."""
    parsed = parse_date(pd.Series([cell]), month=month)
    if read is None:
        assert parsed.invalid[0] and pd.isna(parsed.values[0]), cell
    else:
        assert not parsed.invalid[0] and parsed.values[0] == pd.Timestamp(read), cell


def spelled(day: dt.date, how: str, name: int, upper: bool, sep: str) -> str:
    if how == "dotted":
        return f"{day.day}.{day.month}.{day.year}" if upper else day.strftime("%d.%m.%Y")
    if how == "compact":
        return day.strftime("%Y%m%d")
    if how == "database":
        return day.strftime("%Y-%m-%d 00:00:00.000")
    if how == "iso_ms":
        return day.strftime("%Y-%m-%dT13:45:00.250")
    if how == "year_first":  # dotted or with slashes
        return day.strftime("%Y/%m/%d") if upper else day.strftime("%Y.%m.%d")
    if how == "compact_float":  # a tool that typed the column as a number
        return day.strftime("%Y%m%d.0")
    if how == "day_first_ms":
        return day.strftime("%d.%m.%Y 08:30:00.000" if upper else "%d-%m-%Y 08:30:00.000")
    if how == "together":  # SAS's DATE9: 01MAR2026
        word = NAMES[day.month][name % len(NAMES[day.month])]
        return f"{day.day:02d}{word.upper() if upper else word}{day.year}"
    word = NAMES[day.month][name % len(NAMES[day.month])]
    return f"{day.day:02d}{sep}{word.upper() if upper else word}{sep}{day.year}"


# Each example is a column of cells (one parse, as an ingest parses a column), so that
# many dates are tried for the cost of few parses.
@settings(max_examples=40, deadline=None)
@given(
    cells=st.lists(
        st.tuples(
            days,
            st.sampled_from(
                [
                    "dotted",
                    "compact",
                    "database",
                    "iso_ms",
                    "word",
                    "year_first",
                    "compact_float",
                    "day_first_ms",
                    "together",
                ]
            ),  # fmt: skip
            st.integers(0, 3),
            st.booleans(),
            st.sampled_from([" ", "-"]),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_a_date_in_each_spelling_is_read_as_that_date(cells: list[tuple]) -> None:
    texts = [spelled(*cell) for cell in cells]
    parsed = parse_date(pd.Series(texts))
    for (day, *_), text, value, bad in zip(
        cells, texts, parsed.values, parsed.invalid, strict=True
    ):
        assert not bad and value == pd.Timestamp(day), text


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        # the range's own ends, in and just out; 1 January 1900 is "no date" in many
        # systems, so the range's first day read is the 2nd (tests/test_date_markers.py)
        ("19000101", None),
        ("19000102", dt.date(1900, 1, 2)),
        ("18991231", None),
        ("21001231", dt.date(2100, 12, 31)),
        ("21010101", None),
        ("20261301", None),  # no month 13
        ("2026031", None),  # seven digits: no date (and no Excel serial number)
        ("202603011", None),
        ("29 februari 2024", dt.date(2024, 2, 29)),
        ("29 februari 2025", None),
        ("1 mrt. 2026", dt.date(2026, 3, 1)),
        ("1 foo 2026", None),  # a word that names no month
        ("1 mrt 26", None),  # a year of two digits is not guessed
        ("32.01.2026", None),
        ("01.03.26", None),
        ("2026-03-01 24:00:00.000", None),
        ("01.03.2026 08:30", dt.date(2026, 3, 1)),
        ("1 mrt.2026", dt.date(2026, 3, 1)),
        ("1\u00a0mrt\u00a02026", dt.date(2026, 3, 1)),
        # another script's digits are no date, and crash nothing (helper-82: an Excel
        # serial number in Arabic-Indic digits raised in pd.to_numeric)
        ("\u0664\u0665\u0660\u0660\u0660", None),
        ("\uff14\uff15\uff10\uff10\uff10", None),
        ("12.03.\u0662\u0660\u0662\u0666", None),
        ("2026.03.01", dt.date(2026, 3, 1)),  # the year first, with dots or slashes
        ("2026/3/1", dt.date(2026, 3, 1)),
        ("2026.13.01", None),
        ("2026.02.30", None),
        ("20260301.0", dt.date(2026, 3, 1)),  # eight digits typed as a number
        ("20260301.00", dt.date(2026, 3, 1)),
        ("20260301.5", None),  # a fraction of a day is no jjjjmmdd
        ("2026031.0", None),
        ("01MAR2026", dt.date(2026, 3, 1)),  # day, month word and year written together
        ("1mrt2026", dt.date(2026, 3, 1)),
        ("01MAR26", None),  # still no two-digit year
        ("01FOO2026", None),
        ("001MAR2026", None),
        ("01-03-2026 08:30:00.000", dt.date(2026, 3, 1)),
        ("01.03.2026 23:59:59.999", dt.date(2026, 3, 1)),
        ("31-02-2026 08:30:00.000", None),
        # helper-84: the year first and dd/mm/jjjj with a time, a comma before the
        # fraction of a second (ISO 8601 allows it), SAS's date-time, dotted month words
        ("2026/03/01 08:30", dt.date(2026, 3, 1)),
        ("2026.03.01 00:00:00.000", dt.date(2026, 3, 1)),
        ("01/03/2026 08:30", dt.date(2026, 3, 1)),
        ("01/03/2026 08:30:00.000", dt.date(2026, 3, 1)),
        ("2026-03-01 08:30:00,000", dt.date(2026, 3, 1)),
        ("01-03-2026 08:30:00,000", dt.date(2026, 3, 1)),
        ("20260301,0", dt.date(2026, 3, 1)),
        ("20260301,5", None),
        ("01.MAR.2026", dt.date(2026, 3, 1)),
        ("01/MAR/2026", dt.date(2026, 3, 1)),
        ("01MAR2026:08:30:00", dt.date(2026, 3, 1)),
        ("01MAR2026:25:30:00", None),  # an hour that is none
        ("2026/03/01 24:00", None),
        ("2026.02.29 08:30:00", None),
        # helper-85: a second of 60 or more carried the date into the next day
        ("2026/03/01 23:59:60", None),
        ("15-01-2026 23:59:61", None),
        ("15-01-2026 23:59:59", dt.date(2026, 1, 15)),
        ("01MAR2026:23:59:60", None),
        # the comma before a fraction in every spelling with seconds, as ISO 8601 writes
        ("2026-01-15T08:30:00,5", dt.date(2026, 1, 15)),
        ("2026/01/15 08:30:00,000", dt.date(2026, 1, 15)),
        ("15/01/2026 08:30:00,000", dt.date(2026, 1, 15)),
        ("15.01.2026 08:30:00,000", dt.date(2026, 1, 15)),
        ("2026.03.01 08:30", dt.date(2026, 3, 1)),
        ("46082,0", dt.date(2026, 3, 1)),  # an Excel serial number with a decimal comma
        ("46082,5", dt.date(2026, 3, 1)),  # with a time: noon that day (helper-90: an XLSX
        ("46082,5,5", None),  # date-time stored as a number)
    ],
)
def test_the_spellings_boundaries(cell: str, read: dt.date | None) -> None:
    read_as(cell, read)


@settings(max_examples=40, deadline=None)
@given(
    moments=st.lists(
        st.tuples(
            st.datetimes(
                min_value=dt.datetime(1901, 1, 1),
                max_value=dt.datetime(2099, 12, 31),
                timezones=st.none(),
            ),
            st.sampled_from(["Z", "+00:00", "+01:00", "+02:00", "-05:00", "+0530"]),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_a_moment_with_a_time_zone_is_the_day_it_was_in_the_netherlands(
    moments: list[tuple[dt.datetime, str]],
) -> None:
    from zoneinfo import ZoneInfo

    amsterdam = ZoneInfo("Europe/Amsterdam")
    cells, expected = [], []
    for moment, offset in moments:
        zone = dt.UTC if offset == "Z" else dt.datetime.strptime(offset, "%z").tzinfo
        cells.append(moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + offset)
        expected.append(moment.replace(tzinfo=zone).astimezone(amsterdam).date())
    parsed = parse_date(pd.Series(cells))
    for cell, day, value, bad in zip(cells, expected, parsed.values, parsed.invalid, strict=True):
        if pd.Timestamp(day) in NO_DATE_MARKERS:  # Unix time 0 is no date (date_markers)
            assert bad, cell
        else:
            assert not bad and value == pd.Timestamp(day), cell


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("2026-02-28T23:00:00Z", dt.date(2026, 3, 1)),  # winter: UTC+1
        ("2026-06-30T22:30:00Z", dt.date(2026, 7, 1)),  # summer: UTC+2
        ("2026-06-30T21:59:59Z", dt.date(2026, 6, 30)),
        ("2026-03-01T00:00:00+0100", dt.date(2026, 3, 1)),
        ("2026-03-01 00:00:00+00:00", dt.date(2026, 3, 1)),
        ("2026-02-28t23:00:00z", dt.date(2026, 3, 1)),  # RFC 3339's lower case
        ("9999-12-31T00:00:00Z", None),  # outside 1900-2100
        ("2026-13-01T00:00:00Z", None),
        # helper-88: PostgreSQL writes an offset of hours alone (+00, +01), and tools a
        # space and UTC; ISO 8601 allows both
        ("2026-03-01T00:00:00+01", dt.date(2026, 3, 1)),
        ("2026-03-01 00:00:00+00", dt.date(2026, 3, 1)),
        ("2026-02-28 23:00:00+00", dt.date(2026, 3, 1)),
        ("2026-03-01 00:00:00 +0100", dt.date(2026, 3, 1)),
        ("2026-02-28 23:30:00 UTC", dt.date(2026, 3, 1)),
        ("2026-02-28 22:30:00 GMT", dt.date(2026, 2, 28)),
        ("2026-03-01 00:00:00+0", None),  # one digit is no offset
        ("2026-03-01 00:00:00+001", None),
        # the Netherlands' own zone by its name is UTC+1 (CEST +2), by definition; another
        # name is not guessed (IST is India's, Israel's and Ireland's)
        ("2026-03-01 00:00:00 CET", dt.date(2026, 3, 1)),
        ("2026-03-01 00:00:00 IST", None),
        # helper-83: year 10000 once converted, which raised and stopped the ingest
        ("9999-12-31T23:59:59-01:00", None),
        ("9999-12-31T20:00:00-05:00", None),
        ("1899-12-31T23:30:00Z", None),  # still 1899 in Amsterdam (+0:19:32 then)
        ("2100-12-31T22:30:00Z", dt.date(2100, 12, 31)),
        ("2100-12-31T23:30:00Z", None),
    ],
)
def test_zoned_moments_boundaries(cell: str, read: dt.date | None) -> None:
    read_as(cell, read)


def month_spelled(month: dt.date, how: str, name: int, sep: str) -> str:
    word = NAMES[month.month][name % len(NAMES[month.month])]
    if sep == ". " and len(word) > 4:
        sep = " "  # the dot of an abbreviation
    return month.strftime("%Y%m") if how == "compact" else f"{word}{sep}{month.year}"


@settings(max_examples=40, deadline=None)
@given(
    months=st.lists(
        st.tuples(
            days,
            st.sampled_from(["compact", "word"]),
            st.integers(0, 3),
            st.sampled_from([" ", "-", ". "]),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_a_month_in_each_spelling_is_its_first_day(months: list[tuple]) -> None:
    cells = [month_spelled(*month) for month in months]
    parsed = parse_date(pd.Series(cells), month=True)
    for (month, *_), cell, value, bad in zip(
        months, cells, parsed.values, parsed.invalid, strict=True
    ):
        assert not bad and value == pd.Timestamp(month.replace(day=1)), cell


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("190001", None),  # its first day is the marker 1-1-1900 (test_date_markers.py)
        ("190002", dt.date(1900, 2, 1)),
        ("189912", None),
        ("210012", dt.date(2100, 12, 1)),
        ("210101", None),
        ("202613", None),
        ("20263", None),
        ("foo 2026", None),
        ("2 mrt 2026", None),  # a month is its first day
        ("1 mrt 2026", dt.date(2026, 3, 1)),
        # helper-84: typed as a number, SAS's MAR2026, slashes and dots
        ("202603.0", dt.date(2026, 3, 1)),
        ("202603,0", dt.date(2026, 3, 1)),
        ("202603.5", None),
        ("MAR2026", dt.date(2026, 3, 1)),
        ("MAR26", None),
        ("2026/03", dt.date(2026, 3, 1)),
        ("03/2026", dt.date(2026, 3, 1)),
        ("2026.03", dt.date(2026, 3, 1)),
        ("03.2026", dt.date(2026, 3, 1)),
        ("2026/13", None),
        ("13/2026", None),
        # helper-85: a period typed as a number loses its last zero (2026.10 arrives as
        # 2026.1): with a dot the month has two digits, so 2026.1 is no month
        ("2026.1", None),
        ("2026.5", None),
        ("3.2026", None),
        ("2026.10", dt.date(2026, 10, 1)),
        ("2026/1", dt.date(2026, 1, 1)),  # a slash is never a number's
    ],
)
def test_month_spellings_boundaries(cell: str, read: dt.date | None) -> None:
    read_as(cell, read, month=True)


def test_no_month_word_names_two_months() -> None:
    """The Dutch and English names share a table: one word, one month (mar is March in
    English and no Dutch word; mei and may are both May)."""
    assert sum(len(words.split()) for words in MONTH_NAMES) == len(MONTH_WORDS)
    assert {MONTH_WORDS[w] for w in ("mrt", "mar", "maart", "march")} == {3}
    assert {MONTH_WORDS[w] for w in ("mei", "may")} == {5}
    assert {MONTH_WORDS[w] for w in ("okt", "oct")} == {10}


decimals = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=3
)


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(decimals, min_size=1, max_size=12),
    convention=st.sampled_from(["nl", "en"]),
    space=st.sampled_from([" ", "\u00a0", "\u202f"]),
)
def test_thousands_apart_by_a_space_are_read_in_either_convention(
    values: list[Decimal], convention: str, space: str
) -> None:
    locale = {"nl": "nl_NL", "en": "en_US"}[convention]
    group = {"nl": ".", "en": ","}[convention]
    cells = [
        format_decimal(v, locale=locale, decimal_quantization=False).replace(group, space)
        for v in values
    ]
    col = parse_number(pd.Series(cells, dtype=object), convention)
    for value, cell, number, bad in zip(
        values, cells, col.values, col.invalid | col.ambiguous, strict=True
    ):
        assert not bad and number == float(value), f"{cell!r} read as {number}, written {value}"


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1 234,5", 1234.5),
        ("-1 234 567,25", -1234567.25),
        ("12 34", None),  # groups of three only
        ("1234 567", None),
        ("1 2345", None),
        ("1  234", None),  # two spaces
        ("1 234.5", None),  # a decimal point in a Dutch column: ambiguous, not read
        ("0 123", None),  # the first group never starts with 0 (helper-82: read as 123)
        ("012 345", None),
        ("000 000", None),
        ("1\u2009234", 1234.0),  # a thin space
        ("1\u2007234,5", 1234.5),  # a figure space
    ],
)
def test_space_grouping_boundaries(cell: str, value: float | None) -> None:
    col = parse_number(pd.Series([cell], dtype=object), "nl")
    if value is None:
        assert bool(col.invalid[0] or col.ambiguous[0]) and pd.isna(col.values[0]), cell
    else:
        assert col.values[0] == value and not col.invalid[0] and not col.ambiguous[0], cell


def test_the_other_conventions_reading_is_said_for_the_cell_as_written() -> None:
    col = parse_number(pd.Series(["1 234.5", "1.5"], dtype=object), "nl")
    assert list(col.ambiguous) == [True, True]
    assert col.readings == {"1 234.5": "1.234,5", "1.5": "1,5"}


def test_an_end_date_marker_matches_in_the_new_spellings() -> None:
    assert {"99991231", "31.12.9999"} <= set(date_spellings("31-12-9999"))
    # helper-84: and in the spellings read since (SAP's marker typed as a number, too)
    assert {
        "9999/12/31", "9999.12.31", "99991231.0", "31dec9999", "31-12-9999 00:00:00.000"
    } <= set(date_spellings("31-12-9999"))  # fmt: skip
    assert date_spellings("202611.0") == []
    # helper-85: every spelling parse_date reads at midnight, SAS's "no end date" too,
    # matched as the plan matches a key (code_key: without case)
    marker = ["31DEC9999:00:00:00", "99991231,0", "9999/12/31 00:00", "31.DEC.9999"]
    assert {code_key(m) for m in marker} <= {code_key(f) for f in date_spellings("31-12-9999")}
    # helper-86: Dutch month words, unpadded days, other midnights; and keys written so
    more = ["31 december 9999", "31DEC9999 00:00:00", "31DEC9999:00:00", "99991231.00",
            "31-12-9999 0:00", "31 dec 9999", "1 jan 9999"]  # fmt: skip
    spelled = {code_key(f) for key in ("31-12-9999", "01-01-9999") for f in date_spellings(key)}
    assert {code_key(m) for m in more} <= spelled
    for key in ("31DEC9999", "99991231,0", "31-12-9999 00:00", "31 december 9999"):
        assert "31-12-9999" in date_spellings(key), key
    for key in ("31DEC9999:08:00:00", "31FOO9999", "30FEB2026", "31-12-9999 08:00"):
        assert date_spellings(key) == [], key  # no date at midnight
    # eight digits only: strptime's %Y%m%d read 202611 as 2026-01-01 (helper-83), so a
    # mapping key 202611 matched the cell 2026-01-01
    assert date_spellings("202611") == [] and date_spellings("2026111") == []
    # helper-94: SuccessFactors' end date at midnight UTC, as APIs write it
    zoned = ["9999-12-31T00:00:00Z", "9999-12-31T00:00:00.000+00:00", "9999-12-31t00:00:00z",
             "9999-12-31T00:00Z", "9999-12-31T00:00:00.000000Z", "9999-12-31 00:00:00 UTC",
             "9999-12-31 00:00:00+00"]  # fmt: skip
    assert {code_key(z) for z in zoned} <= {code_key(f) for f in date_spellings("9999-12-31")}


@pytest.mark.parametrize(
    "moment",
    [
        pd.Timestamp("2019-02-28 23:00", tz="UTC"),
        dt.datetime(2019, 2, 28, 23, 0, tzinfo=dt.UTC),
        pd.Timestamp("2019-03-01 00:00", tz="Europe/Amsterdam"),
    ],
)
def test_a_zoned_timestamp_cell_is_the_day_in_the_netherlands(moment: dt.datetime) -> None:
    """helper-83: a Parquet timestamp[UTC] of 2019-02-28 23:00 loaded as 28 February, while
    the same moment written as text loads as 1 March."""
    from pipelines.ingest.cell_texts import cell_text

    assert cell_text(moment) == "2019-03-01"
    assert cell_text(pd.Timestamp("2019-02-28 23:00")) == "2019-02-28 23:00:00"  # no zone


def test_dotted_dates_month_first_are_not_guessed(home: Path, tmp_path: Path) -> None:
    """helper-82: with 06.25.2019 in the column, 03.01.2019 loaded as 3 January while
    03/01/2019 was quarantined; dots are held to the month-first rule as slashes are."""
    rows = "".join(
        employee(str(200000 + i), hire_date=d, role_start_date=d)
        for i, d in enumerate(["06.25.2019", "03.01.2019", "13.01.2019"])
    )
    [result] = run(home, write(tmp_path / "employees.csv", EMPLOYEE_HEADER + rows))
    assert result.rows_loaded == 1  # 13.01.2019 is a date only day first
    reasons = {(r[1], r[2], r[3]) for r in quarantined(home, "employees")}
    assert ("hire_date", "06.25.2019", "ambiguous_date") in reasons
    assert ("hire_date", "03.01.2019", "ambiguous_date") in reasons


@pytest.mark.parametrize(
    ("proof", "other"),
    [
        ("06-25-2019 08:30:00", "03-01-2019 08:30:00.000"),
        # helper-84: spacings the date parser reads, which the check did not see
        ("06-25-2019 08:30:00", "03-01-2019  08:30:00"),
        ("06-25-2019 08:30:00", "03-01-2019\t08:30"),
        ("06-25-2019 08:30:00", "03-01-2019\u00a008:30"),
        ("06-25-2019 08:30:00", "03-01-2019 8:5"),
        ("06-25-2019  08:30:00", "03-01-2019  08:30:00"),  # the whole column so
        # helper-85: a proof with AM/PM or a zone is month first as well
        ("06/25/2019 8:30 PM", "03/01/2019"),
        ("06/25/2019 08:30:00Z", "03/01/2019"),
        ("06/25/2019 08:30:00 +0100", "03/01/2019"),
    ],
)
def test_month_first_dates_with_a_time_are_not_guessed(
    home: Path, tmp_path: Path, proof: str, other: str
) -> None:
    """A column with 06-25-2019 08:30:00 in it is written month first: 03-01-2019 08:30:00
    there may be 1 March, so it is not read as 3 January (the check saw only dates
    without a time, then only with one space and two-digit minutes)."""
    rows = "".join(
        employee(str(200000 + i), hire_date=d, role_start_date="01-01-2020")
        for i, d in enumerate([proof, other, "13-01-2019 08:30"])
    )
    [result] = run(home, write(tmp_path / "employees.csv", EMPLOYEE_HEADER + rows))
    assert result.rows_loaded == 1  # 13-01-2019 is a date only day first
    reasons = {(r[1], r[3]) for r in quarantined(home, "employees")}
    assert reasons == {("hire_date", "ambiguous_date")}
    assert result.rows_quarantined == 2


def test_an_export_with_every_spelling_loads_whole(home: Path, tmp_path: Path) -> None:
    """An HR export in these spellings: every row loads, the dates and hours as written."""
    hires = [
        "01.03.2019", "20190301", "2019-03-01 00:00:00.000", "1 mrt 2019", "01-MAR-2019",
        "2019.03.01", "2019/03/01", "20190301.0", "01MAR2019", "01-03-2019 00:00:00.000",
    ]  # fmt: skip
    rows = "".join(
        employee(str(200000 + i), hire_date=d, role_start_date=d, overtime_hours="1 234,5")
        for i, d in enumerate(hires)
    )
    [result] = run(home, write(tmp_path / "employees.csv", EMPLOYEE_HEADER + rows))
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, len(hires), 0)
    assert query(
        home, "select distinct hire_date, role_start_date, overtime_hours from raw_employees"
    ) == [(dt.date(2019, 3, 1), dt.date(2019, 3, 1), 1234.5)]


def test_an_org_unit_in_another_case_is_the_known_unit(home: Path, tmp_path: Path) -> None:
    """Another system's export writes the org units in its own case and spacing (vh-n,
    ' VH-N '): stored as the org tree's own code, not quarantined as unknown."""
    rows = employee("200001", org_unit="vh-n") + employee("200002", org_unit=" Vh-N ")
    rows += employee("200003", org_unit="VH-NOORD")  # not a known unit in any case
    [result] = run(home, write(tmp_path / "employees.csv", EMPLOYEE_HEADER + rows))
    assert (result.rows_loaded, result.rows_quarantined) == (2, 1)
    assert query(home, "select distinct org_unit from raw_employees") == [("VH-N",)]
    assert [(r[1], r[3]) for r in quarantined(home, "employees")] == [
        ("org_unit", "unknown_org_unit")
    ]


def test_two_codes_alike_but_for_case_match_only_exactly() -> None:
    """Org units AB and ab both exist: Ab is either, so it is matched to neither (the
    known-unit rule then quarantines it); AB and ab stay themselves."""
    cells = pd.Series(["Ab", "ab", "AB", " ab ", "vh-n"], dtype=object)
    assert list(match_codes(cells, ["AB", "ab", "VH-N"])) == ["Ab", "ab", "AB", " ab ", "VH-N"]


def test_a_leading_plus_is_read_and_proves_no_other_convention() -> None:
    """helper-88: +1.200 was ambiguous ('1,2'), and one such cell made 1.443 and 12.500
    in the rest of the column ambiguous too."""
    col = parse_number(pd.Series(["+1.200", "1.443", "12.500", "+1.000,00", "+1,5"]))
    assert list(col.values) == [1200.0, 1443.0, 12500.0, 1000.0, 1.5]
    assert not col.ambiguous.any() and not col.invalid.any()
    assert parse_number(pd.Series(["+-1", "++1", "+"])).invalid.all()


def test_a_negative_zero_is_zero() -> None:
    import math

    values = parse_number(pd.Series(["-0", "-0,00", "-0.0"]), "cell").values
    assert all(v == 0 and math.copysign(1, v) == 1 for v in values)


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("31-03-2026", dt.date(2026, 3, 1)),  # helper-88: a month's peildatum, its last day
        ("2026-02-28", dt.date(2026, 2, 1)),
        ("2024-02-29", dt.date(2024, 2, 1)),
        ("2024-02-28", None),  # a leap year's February ends on the 29th
        ("30-03-2026", None),  # any other day is no month
        ("02-03-2026", None),
    ],
)
def test_a_month_is_its_first_day_or_its_last(cell: str, read: dt.date | None) -> None:
    read_as(cell, read, month=True)


def test_a_boolean_with_a_decimal_comma() -> None:
    assert list(parse_boolean(pd.Series(["1,0", "0,0", "1.0"])).values) == [True, False, True]
    assert parse_boolean(pd.Series(["1,5"])).invalid.all()


def test_a_code_written_with_spaces_for_its_underscores_is_the_code() -> None:
    """helper-88: 'Meervoudig onderhands' is the procedure meervoudig_onderhands."""
    codes = ["meervoudig_onderhands", "europees_openbaar"]
    cells = pd.Series(["Meervoudig onderhands", " europees  openbaar ", "meervoudig-onderhands"])
    assert list(match_codes(cells, codes)) == [*codes, "meervoudig-onderhands"]
