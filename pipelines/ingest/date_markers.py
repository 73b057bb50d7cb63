"""Days that systems write for "no date" (dates.NO_DATE_MARKERS: 1 January 1900, and 1
January 1970, Unix time 0), and moments (dates.NO_DATE_MOMENTS: LimeSurvey's 1 January
1980 00:00:00): which cells of a column read as one, with the values key that empties it
and the reason that quarantines it (lookups.lookup; the mapping's keys in checks.plans).
Also five digits that are a serial and a period (serial_or_period).
"""

from __future__ import annotations

import re

import pandas as pd

from pipelines.ingest.dates import (
    EXCEL_EPOCH,
    NO_DATE_MARKERS,
    NO_DATE_MOMENTS,
    WEEKDAY_FIRST,
    WEEKDAY_WORDS,
    WEEKDAYS,
    YEAR_PERIOD,
    parse_date,
)

# What a cell must hold to be parsed for a marker: its year (1969: Unix time 0 written
# in UTC and read here; a moment's year) or the Excel serial of 1 January 1970
# (helper-137: 25569 was quarantined as outside 1900-2100, and its mapping key did not
# empty it)
YEARS = ["1900", "1970", "1969"] + [f"{moment:%Y}" for moment in NO_DATE_MOMENTS]
NAMED = re.compile("|".join(YEARS + [r"(?<![0-9])25569(?![0-9])"]))
# each moment by its day
MOMENT_DAYS = {moment.normalize(): moment for moment in NO_DATE_MOMENTS}
# the way out every marker's reason names
EMPTY_OR_DATE = (
    "niet als datum gelezen (betekent het leeg, zet het dan in de kolomkoppeling onder "
    "values op null"
)


def no_date_markers(
    cells: list[str], month_first: bool = False, *, month: bool = False, months: bool = False
) -> list[tuple[str, str] | None]:
    """For each cell that reads as a day of NO_DATE_MARKERS, or a moment of
    NO_DATE_MOMENTS as parse_date refuses it: that day or moment as a mapping's values key
    (1900-01-01, 1980-01-01 00:00:00) and why the cell is no date, in Dutch; None for
    any other.
    Only cells that NAMED finds are parsed, all at once (helper-132: 50 ms a cell
    parsed alone)."""
    named = [i for i, cell in enumerate(cells) if NAMED.search(cell)]
    found: list[tuple[str, str] | None] = [None] * len(cells)
    if not named:
        return found
    how = {"month": month, "months": months, "month_first": month_first}
    text = pd.Series([cells[i] for i in named], dtype=object)
    read = parse_date(text, **how, markers=False).values
    # a moment's day is a marker only as the date rules refuse it (written at its time)
    moments = read.isin(list(MOMENT_DAYS))
    refused = moments.copy()
    if moments.any():
        refused[moments] = parse_date(text[moments], **how).values.isna()
    for i, value, moment in zip(named, read, refused, strict=True):
        cell = cells[i].strip()
        if value in NO_DATE_MARKERS:
            found[i] = (
                f"{value:%Y-%m-%d}",
                f"'{cell}' is {NO_DATE_MARKERS[value]} wat veel systemen schrijven voor "
                f"'geen datum'; {EMPTY_OR_DATE})",
            )
        elif moment:
            what, who = NO_DATE_MOMENTS[MOMENT_DAYS[value]]
            found[i] = (
                f"{MOMENT_DAYS[value]:%Y-%m-%d %H:%M:%S}",
                f"'{cell}' is {what}, wat {who} schrijft voor 'geen datum'; {EMPTY_OR_DATE}; "
                f"is het een echte datum, zet het daar dan op '{value:%Y-%m-%d}')",
            )
    return found


def emptied_moments(
    cells: list[object], read: list[int], values: dict[str, str | None] | None, month_first: bool
) -> list[int]:
    """Of the ``read`` cells (their indexes) of a column whose dates may lie decades back
    (Column.long_ago), the ones that are a moment of NO_DATE_MOMENTS the mapping's
    ``values`` empties: its null for the moment empties every spelling of it there too,
    as it does where the moment is refused (helper-168: 1-1-1980 0:00 loaded as a date)."""
    if not values or None not in values.values():
        return []
    texts = [i for i in read if isinstance(cells[i], str)]
    found = no_date_markers([str(cells[i]) for i in texts], month_first)
    return [i for i, f in zip(texts, found, strict=True) if f and values.get(f[0], "") is None]


def serial_or_period(cell: str) -> str | None:
    """Why five digits that are an Excel serial number and also a year with its quarter
    or half (20261) are no date, in Dutch; None for any other cell."""
    written = cell.strip()
    if not re.fullmatch(YEAR_PERIOD, written):
        return None
    day = EXCEL_EPOCH + pd.Timedelta(days=int(written[:5]))
    return (
        f"'{written}' kan een Excel-serienummer zijn ({day:%d-%m-%Y}) of jaar {written[:4]} "
        f"met kwartaal of halfjaar {written[4]}; niet geraden welke bedoeld is"
    )


# A thirteenth period of a year (202513, 2025-13, 13-2025, P13 2025): four-weekly payroll
# periods, thirteen a year, not months (helper-175: 202501-202512 loaded as January to
# December without a word, period 12 of about 9 November as December, and 202513 alone
# was refused, under the limit of a file's quarantined rows).
THIRTEENTH = re.compile(
    r"(?:19|20)[0-9]{2}\s*[-/.]?\s*p?\s*13|p?\s*13\s*[-/.]\s*(?:19|20)[0-9]{2}"
    r"|(?:p|periode)\s*13(?:\s*[-/ ]\s*(?:19|20)[0-9]{2})?",
    re.IGNORECASE,
)


def thirteenth_period(cells: list[object], read: object) -> dict[int, str]:
    """In a month column with a thirteenth period, every cell (by index) with why it is no
    month: each period read as a month, and the thirteenth; nothing when there is none.
    ``read``: per cell, whether it was read as a month."""
    written = [c.strip() if isinstance(c, str) else "" for c in cells]
    first = next((w for w in written if THIRTEENTH.fullmatch(w)), None)
    if first is None:
        return {}
    why = (
        "vierwekelijkse perioden (dertien per jaar) zijn geen kalendermaanden; niet geraden "
        "welke maand bedoeld is: exporteer per kalendermaand"
    )
    out = {}
    for i, cell in enumerate(written):
        if THIRTEENTH.fullmatch(cell):
            out[i] = f"'{cell}' is periode 13: {why}"
        elif cell and read[i]:
            out[i] = f"'{cell}' staat in een kolom met periode 13 ('{first}'): {why}"
    return out


def months_without_day(cells: list[str]) -> dict[str, str]:
    """Why a month (2026-03, mrt-26, januari 2025) or a year alone (2025) is no date in a
    column of events, in Dutch, by the cell as written; the other cells are not in it.
    The day is not invented (a workbook's date cell shown so, on the 1st, is read as it
    shows: year_cells). All cells are read in one go: one at a time, 600 texts in a gifts
    register's date column (a shifted column) took 12 s."""
    if not cells:
        return {}
    written = pd.Series(sorted({c.strip() for c in cells}), dtype=object)
    year = written.str.fullmatch(r"(?:19|20)[0-9]{2}")
    months = parse_date(written[~year], month=True).values.notna() if (~year).any() else []
    said = {
        w: f"'{w}' is een jaar zonder maand en dag; niet geraden: schrijf de hele datum"
        for w in written[year]
    }
    said.update(
        (w, f"'{w}' is een maand zonder dag; de dag wordt niet geraden: schrijf de hele datum")
        for w in written[~year][months]
    )
    return said


def weekday_mismatches(cells: list[str]) -> dict[str, str]:
    """Why a date with another weekday before it (ma 3 mrt 2026: 3 March 2026 is a
    Tuesday) is no date, in Dutch, by the cell as written; the other cells are not in it.
    Read in one go (one at a time, 2,000 such dates took 14 s: helper-272 F4)."""
    found = {}
    for written in {c.strip() for c in cells}:
        match = re.fullmatch(WEEKDAY_FIRST, written)
        day = match and WEEKDAY_WORDS.get(match[1].casefold())
        if day is not None:
            found[written] = (day, match[2])
    if not found:
        return {}
    read = parse_date(pd.Series([date for _, date in found.values()], dtype=object)).values
    said = {}
    for (written, (day, _)), date in zip(found.items(), read, strict=True):
        if pd.isna(date) or date.day_of_week == day:
            continue
        named, really = WEEKDAYS[day].split()[0], WEEKDAYS[date.day_of_week].split()[0]
        said[written] = (
            f"'{written}' noemt een andere weekdag ({named}) dan de datum, die op een "
            f"{really} valt; niet geraden welke van de twee bedoeld is"
        )
    return said


def days_in_month(cells: list[object], wrong: list[int], month_first: bool) -> dict[int, str]:
    """In a month column, why a date of a day within its month (a peildatum 17-03-2026) is
    no month, by the index of the cells ``wrong`` names; the other cells keep the general
    reason (helper-250 F2: 'verwacht een maand ... of de eerste dag van de maand' left out
    the last day, which reads, and did not say the day was all that was wrong)."""
    from babel.dates import format_date

    written = pd.Series([str(cells[i]).strip() for i in wrong], index=wrong, dtype=object)
    read = parse_date(written, month_first=month_first).values.dropna()
    said = {day: format_date(day, "d MMMM y", locale="nl") for day in set(read)}  # per day
    return {
        i: f"'{written[i]}' is een dag midden in de maand ({said[day]}), geen maand; niet "
        "geraden welke maand die peildatum beschrijft: schrijf de maand (jjjj-mm, mm-jjjj) "
        "of de eerste of de laatste dag van de maand"
        for i, day in read.items()
    }


# The year 9999: what HR systems write for "no end date" (31-12-9999, 9999-12-31, SAP's
# 99991231), with a time too, and its Excel serial (a date cell in General: 2958465); in
# any other spelling the parser reads (31-dec-9999, 31 december 9999: helper-252) too
END_OF_TIME = re.compile(
    r"\s*(?:(?:[0-9]{1,2}([-/.])[0-9]{1,2}(?:\1)9999|9999([-/.]?)[0-9]{2}\2[0-9]{2})"
    r"(?:[ T].*)?|2958465(?:[.,][0-9]+)?)\s*"
)
YEAR_9999 = re.compile(r"(?<![0-9])9999(?![0-9])")


def end_of_time(cell: str, column: str, required: bool) -> str | None:
    """Why a date in the year 9999 is no date, with the mapping's way out, in Dutch; None
    for any other cell, and in a ``required`` column, which cannot be empty (helper-251
    F8: the way out refused the row as empty) and keeps the general reason (helper-250
    F4: 'verwacht een datum tussen 1900 en 2100' named none, and an HR system that
    writes it for everyone still employed had its file refused)."""
    written = cell.strip()
    if required or not (END_OF_TIME.fullmatch(written) or _spelled_9999(written)):
        return None
    key = "'" + written.replace("'", "''") + "'"  # as YAML quotes it
    return (
        f"verwacht een datum tussen 1900 en 2100; '{written}' ligt in het jaar 9999, wat "
        "veel systemen schrijven voor 'geen einddatum': betekent het leeg, zet het dan in "
        f"de kolomkoppeling onder values op null: values: {{{column}: {{{key}: null}}}}"
    )


def _spelled_9999(written: str) -> bool:
    """Whether a cell is a date the parser reads once its year 9999 is a year it takes."""
    if not YEAR_9999.search(written):
        return False
    as_2099 = pd.Series([YEAR_9999.sub("2099", written)], dtype=object)
    return bool(parse_date(as_2099).values.notna().iloc[0])
