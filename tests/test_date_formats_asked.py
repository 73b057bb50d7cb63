"""A date format is asked only of the cells that hold its separators (dates._parse_dates,
date_formats.py): what it reads is what asking every format of every cell reads, but
``now`` and ``today``, which pandas reads as the present under any format and which are
never asked. Cells are generated as exports write dates and times (strftime in each
format), with their mistakes and other spaces, and as noise of the same characters; the
reference is the loop as it was, each format asked of every cell (but those two)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipelines.ingest import date_formats, dates
from pipelines.ingest.date_order import month_first_formats

FORMATS = {
    "dates": dates.DATE_FORMATS,
    "months": {**dates.MONTH_FORMATS, **dates.DATE_FORMATS},
    "month first": month_first_formats(dates.DATE_FORMATS),
}
ALL_FORMATS = sorted({fmt for formats in FORMATS.values() for fmt in formats.values()})


def every_format_asked(text: pd.Series, formats: dict[str, str]) -> tuple[pd.Series, list]:
    """_parse_dates before date_formats.py: each format asked of every cell not yet read
    (but now and today: with them the reference would read the clock)."""
    text = text.mask(text.str.strip().str.casefold().isin(date_formats.NO_DATES))
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    found = []
    for label, fmt in formats.items():
        todo = result.isna() & text.notna()
        if not todo.any():
            break
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        if parsed.notna().any():
            found.append(label)
            inside = parsed.dt.normalize().between(*dates.DATE_RANGE)
            result[parsed[inside].index] = parsed[inside].astype("datetime64[ns]")
            text = text.mask(parsed.notna() & ~inside)
    return result, found


# the separators, and what pandas also takes between date and time or where a format has
# a space: a lowercase t, a tab, no-break and other spaces (helper-243: counting the space
# or the T as a separator loses such dates, and the first generator never wrote them)
SPACES = [" ", "  ", "\t", "\u00a0", "\u202f", "\u3000"]
SEPARATOR = st.sampled_from(["-", "/", ".", "", ":", "T", "t", ",", *SPACES])
NUMBER = st.integers(0, 9999).map(str) | st.integers(0, 99).map(lambda n: f"{n:02d}")


@st.composite
def written(draw: st.DrawFn) -> str:
    """A date as an export may write it: parts and separators in any order, sometimes a
    time after it, sometimes a 12-hour clock's AM/PM."""
    parts = draw(st.lists(NUMBER, min_size=1, max_size=6))
    cell = parts[0]
    for part in parts[1:]:
        cell += draw(SEPARATOR) + part
    return cell + draw(st.sampled_from(["", "", " AM", " PM", ".000", "Z"]))


NOISE = st.text(alphabet="0123456789-/.: TtAPMx,\t\u00a0\u202f", max_size=24)
# a moment written in one of the formats (a column that mixes them: each cell is read by
# a later format than the one before it, or by an earlier one), and years beyond the
# range the datasets hold (9999: "no end date")
MOMENTS = st.datetimes(dt.datetime(1890, 1, 1), dt.datetime(9999, 12, 31))


@st.composite
def in_a_format(draw: st.DrawFn) -> str:
    """A moment in one of the formats, its spaces and T perhaps written another way."""
    cell = draw(MOMENTS).strftime(draw(st.sampled_from(ALL_FORMATS)))
    if draw(st.booleans()):
        cell = cell.replace(" ", draw(st.sampled_from(SPACES))).replace("T", "t")
    return cell


WORDS = st.sampled_from(["now", "today", " Today ", "NOW"])
CELLS = st.lists(in_a_format() | written() | NOISE | WORDS | st.none(), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(cells=CELLS, kind=st.sampled_from(sorted(FORMATS)))
@example(["2026-03-03t08:30", "2026-03-03\t08:30", "2026-03-03\u00a008:30"], "dates")
@example(["03-03-2026\u202f08:30", "now", "today"], "dates")
@example(["2026\u00a003", "2026\t03", "2026-03"], "months")
def test_asking_only_the_cells_with_a_formats_separators_reads_the_same(
    cells: list[str | None], kind: str
) -> None:
    text = pd.Series(cells, dtype=object)
    got, got_found = dates._parse_dates(text, FORMATS[kind])
    want, want_found = every_format_asked(text, FORMATS[kind])
    pd.testing.assert_series_equal(got, want)
    assert got_found == want_found


@settings(max_examples=100, deadline=None)
@given(cells=st.lists(in_a_format() | written(), min_size=1, max_size=20))
@example(["2026-03-03t08:30", "2026-03-03\u00a008:30", "2026\u00a003", "2026-03-03 8:30 AM"])
def test_a_cell_a_format_reads_holds_each_of_its_separators(cells: list[str]) -> None:
    # the rule itself, format by format: what pandas reads with a format is never a cell
    # that date_formats.asked would not ask
    text = pd.Series(cells, dtype=object)
    for fmt in ALL_FORMATS:
        read = pd.to_datetime(text, format=fmt, errors="coerce").notna()
        missing = [c for c in text[read] if not date_formats.separators(fmt).issubset(c)]
        assert not missing, (fmt, missing)


def test_a_cell_without_a_formats_separator_is_not_asked_and_one_with_them_is() -> None:
    # the boundary: 03-03-2026 holds dd-mm-jjjj's dashes and is read; 03032026 holds none
    # (no format of these reads it) and 03-03 2026 only one kind: read by none either
    cells = pd.Series(["03-03-2026", "03032026", "03-03 2026", "2026-03-03 08:30"], dtype=object)
    got, found = dates._parse_dates(cells, dates.DATE_FORMATS)
    assert [None if pd.isna(v) else str(v) for v in got] == [
        "2026-03-03 00:00:00",
        None,
        None,
        "2026-03-03 08:30:00",
    ]
    assert found == ["dd-mm-jjjj", "jjjj-mm-dd uu:mm"]
    assert date_formats.separators("%Y-%m-%dT%H:%M:%S.%f") == {"-", ":", "."}
    assert date_formats.separators("%Y %m") == frozenset()


@pytest.mark.parametrize(
    "kind", [{}, {"month": True}, {"months": True}, {"month_first": True}], ids=str
)
def test_now_and_today_are_no_date_in_any_column(kind: dict[str, bool]) -> None:
    # helper-243: pandas reads them as the present under any format; they were read as
    # the day of the ingest (by the machine's clock), in a month column as its month
    cells = pd.Series(["now", "today", " Today ", "2026-03-31"], dtype=object)
    parsed = dates.parse_date(cells, **kind)
    assert [bool(x) for x in parsed.invalid] == [True, True, True, False]
    assert parsed.values[:3].isna().all()
