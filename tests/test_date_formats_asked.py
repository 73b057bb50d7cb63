"""A date format is asked only of the cells that hold its separators (dates._parse_dates,
SEPARATORS): what it reads is what asking every format of every cell reads. Cells are
generated as exports write dates, times and their mistakes, and as noise of the same
characters; the reference is the loop as it was, each format asked of every cell."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.ingest import date_formats, dates
from pipelines.ingest.date_order import month_first_formats

FORMATS = {
    "dates": dates.DATE_FORMATS,
    "months": {**dates.MONTH_FORMATS, **dates.DATE_FORMATS},
    "month first": month_first_formats(dates.DATE_FORMATS),
}


def every_format_asked(text: pd.Series, formats: dict[str, str]) -> tuple[pd.Series, list]:
    """_parse_dates before SEPARATORS: each format asked of every cell not yet read."""
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


SEPARATOR = st.sampled_from(["-", "/", ".", " ", "", ":", "T", "  ", ","])
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


NOISE = st.text(alphabet="0123456789-/.: TAPMx,", max_size=24)
ALL_FORMATS = sorted({fmt for formats in FORMATS.values() for fmt in formats.values()})
# a moment written in one of the formats (a column that mixes them: each cell is read by
# a later format than the one before it, or by an earlier one), and years beyond the
# range the datasets hold (9999: "no end date")
MOMENTS = st.datetimes(dt.datetime(1890, 1, 1), dt.datetime(9999, 12, 31))
IN_A_FORMAT = st.builds(
    lambda moment, fmt: moment.strftime(fmt), MOMENTS, st.sampled_from(ALL_FORMATS)
)
CELLS = st.lists(IN_A_FORMAT | written() | NOISE | st.none(), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(cells=CELLS, kind=st.sampled_from(sorted(FORMATS)))
def test_asking_only_the_cells_with_a_formats_separators_reads_the_same(
    cells: list[str | None], kind: str
) -> None:
    text = pd.Series(cells, dtype=object)
    got, got_found = dates._parse_dates(text, FORMATS[kind])
    want, want_found = every_format_asked(text, FORMATS[kind])
    pd.testing.assert_series_equal(got, want)
    assert got_found == want_found


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
