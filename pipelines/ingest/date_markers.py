"""Days that systems write for "no date" (dates.NO_DATE_MARKERS: 1 January 1900, and 1
January 1970, Unix time 0): which cells of a column read as one, with the values key that
empties it and the reason that quarantines it (lookups.lookup; the mapping's keys in
checks.plans).
"""

from __future__ import annotations

import re

import pandas as pd

from pipelines.ingest.dates import NO_DATE_MARKERS, parse_date

# What a cell must hold to be parsed for a marker: its year (1969: Unix time 0 written
# in UTC and read here) or the Excel serial of 1 January 1970 (helper-137: 25569 was
# quarantined as outside 1900-2100, and its mapping key did not empty it)
NAMED = re.compile(r"1900|1970|1969|(?<![0-9])25569(?![0-9])")


def no_date_markers(
    cells: list[str], month_first: bool = False, *, month: bool = False, months: bool = False
) -> list[tuple[str, str] | None]:
    """For each cell that reads as a day of NO_DATE_MARKERS: that day as a mapping's
    values key (1900-01-01) and why the cell is no date, in Dutch; None for any other.
    Only cells that NAMED finds are parsed, all at once (helper-132: 50 ms a cell
    parsed alone)."""
    named = [i for i, cell in enumerate(cells) if NAMED.search(cell)]
    found: list[tuple[str, str] | None] = [None] * len(cells)
    if not named:
        return found
    how = {"month": month, "months": months, "month_first": month_first, "markers": False}
    read = parse_date(pd.Series([cells[i] for i in named], dtype=object), **how).values
    for i, value in zip(named, read, strict=True):
        if value in NO_DATE_MARKERS:
            found[i] = (
                f"{value:%Y-%m-%d}",
                f"'{cells[i].strip()}' is {NO_DATE_MARKERS[value]} wat veel systemen schrijven "
                "voor 'geen datum'; niet als datum gelezen (betekent het leeg, zet het dan in "
                "de kolomkoppeling onder values op null)",
            )
    return found
