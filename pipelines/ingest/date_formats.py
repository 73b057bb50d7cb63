"""Which cells a date format is asked to read (dates.parse_date asks some 30 formats in
turn of the cells no format before has read), and the year of two digits none reads.

A cell without one of its format's separators cannot be read by it: each is a literal of
the format, matched as written (a space, or the T between date and time, is not counted:
pandas takes any whitespace for a space, and a t for the T). So a format is asked only of
the cells that hold each of its separators; in a column with a cell that no format reads,
every format was asked of it (parse_date of such a cell and a date: 20.5 ms, now 17.5).
tests/test_date_formats_asked.py holds what is read equal to asking every format of every
cell (but ``now`` and ``today``).
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

SEPARATORS = frozenset("-/.:")
# What pandas reads as the moment it is asked, under any format (helper-243): no date in
# an export. Never asked, so never read (it was read as the day of the ingest, by the
# machine's clock, in a month column as that month).
NO_DATES = frozenset({"now", "today"})


@functools.cache
def separators(fmt: str) -> frozenset[str]:
    """The separators a cell must hold to be read by ``fmt`` (a strftime format)."""
    return frozenset(re.sub("%.", "", fmt)) & SEPARATORS


def never_asked(text: pd.Series) -> np.ndarray:
    """Where a cell (of any case, with spaces around) is one of NO_DATES: a bool array,
    for an empty column too (Series.mask cannot invert an empty list)."""
    found = [isinstance(cell, str) and cell.strip().casefold() in NO_DATES for cell in text]
    return np.array(found, dtype=bool)


def asked(cells: pd.Series, fmt: str) -> pd.Series:
    """The cells (text) ``fmt`` may read: those holding each of its separators."""
    need = separators(fmt)
    keep = [need.issubset(cell) for cell in cells]
    return cells if all(keep) else cells[keep]  # (most often all: no copy to make)


# A date with a year of two digits (03-03-26, 1 mrt 26, 1-jan-30): which century is not
# guessed (d-mmm-jj's 00-29 aside, dates.DAY_WORD_YY); the reason says so (helper-107).
TWO_DIGIT_YEAR = re.compile(
    r"\s*[0-9]{1,2}([-/. ])(?:[0-9]{1,2}|[^\W\d_]+\.?)\1\s*([0-9]{2})(?:[ T].*)?"
)


def two_digit_year(cell: str) -> str | None:
    """Why a date written with a year of two digits is no date, in Dutch; else None."""
    match = TWO_DIGIT_YEAR.fullmatch(cell)
    if match is None:
        return None
    yy = match[2]
    return (
        f"'{cell.strip()}' heeft een jaar van twee cijfers (19{yy} of 20{yy}?); niet geraden: "
        "schrijf het jaar voluit (dd-mm-jjjj)"
    )
