"""Which comes first in a date written with slashes, dashes or dots (01/02/2025): the day,
as Dutch exports write it (the default), or the month, as American ones do (a column
mapping's ``date_order: mdy``).

Nothing is guessed either way. A file whose dates are read day first but which holds a
date that is one only month first (06/25/2025) is written the American way, and every
date there whose first two numbers could both be a month is ambiguous, the proof too;
one file is written one way, so a proof in any column counts for all of its dates. A file
declared month first that holds a date that is one only day first (25/06/2025) says the
declaration is wrong for it: that one and every date that could be either are ambiguous.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd

from pipelines.ingest.dates import DATE_RANGE, MONTH_WORDS, NAME_DAY_YEAR, OUR_CLOCK, WEEKDAYS
from pipelines.ingest.quarantined import quoted
from pipelines.ingest.source_table import SourceTable, sql_text

# A date with slashes, dashes or dots, with or without a time after it (06-25-2019
# 08:30:00.000 is month first as well; so is 06-25-2019 om 08:30, helper-102), in
# whatever spacing the date parser reads (two
# spaces, a tab, a no-break space, 8:5), with AM/PM or a zone after it (06/25/2019 8:30 PM
# proves month first too).
# (with a weekday before it, as Excel's long date writes one: both readings of
# 01/07/2026 are a Wednesday, so 'wo' proves nothing; helper-98)
WEEKDAY = r"(?:(?i:" + "|".join(w for ws in WEEKDAYS for w in ws.split()) + r")\.?,?\s+)?"
# a zone after a time, as the date rules read one (GMT+1 as Google Forms writes it too)
ZONE = (
    r"(?:\s*(?:[Zz]|[+-][0-9]{2}:?[0-9]{2}"
    r"|(?i:(?:utc|gmt)(?:[+-][0-9]{1,2}(?::?[0-9]{2})?)?|" + OUR_CLOCK + ")))?"
)
SLASH_DATE = re.compile(
    r"\s*" + WEEKDAY + r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})"
    r"(?:(?:,?\s+(?:om\s+)?|T)[0-9]{1,2}[:.][0-9]{1,2}(?::[0-9]{1,2}(?:[.,][0-9]+)?)?"
    r"(?:\s*[AaPp]\.?[Mm]\.?)?" + ZONE + r"(?:\s*uur)?)?\s*"  # 8.30 uur: a Dutch time
)
# What only American exports write (helper-104: Power BI's 3/2/2026 12:00:00 AM was read
# as 3 February without a word): a slash date with a 12-hour clock, or the month's name
# before the day (Mar 2, 2026). Dutch tools write neither, so a file holding one is
# written month first, as a date that is one only month first proves. (en-AU writes
# 3/02/2026 12:00 AM day first: its dates that could be either are then refused, asking
# for date_order, never read wrong.) With a zone after it as well (3/2/2026 8:00 PM CET,
# read since helper-159, and PM UTC: read as 3 February without a word).
TWELVE_HOUR_SLASH = re.compile(
    r"\s*" + WEEKDAY + r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}(?:,?\s+|T)[0-9]{1,2}:[0-9]{2}"
    r"(?::[0-9]{2}(?:[.,][0-9]+)?)?\s*[AaPp]\.?[Mm]\.?" + ZONE + r"\s*"
)


def american(text: str) -> bool:
    """Whether a cell is written as only an American export writes a date. A slash date
    with a 12-hour clock proves it for the whole file (file_order_proof: it has the shape
    of a date); the month's name first only in its own date column (helper-107: 'maart 3,
    2026' typed in a remark column refused a Dutch file's dates)."""
    if TWELVE_HOUR_SLASH.fullmatch(text):
        return True
    named = re.fullmatch(NAME_DAY_YEAR, text.strip())
    return named is not None and named[1].casefold() in MONTH_WORDS


DUTCH_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()
DATE_ORDERS = ("dmy", "mdy")
# the day first in a format (%d-%m-%Y), to be read month first under date_order: mdy
DAY_FIRST = re.compile(r"%d([-/.])%m\1%Y")
# American times: 6/25/2025 8:30 PM
AM_PM = {
    "mm/dd/jjjj uu:mm AM/PM": "%m/%d/%Y %I:%M %p",
    "mm/dd/jjjj uu:mm:ss AM/PM": "%m/%d/%Y %I:%M:%S %p",
    "mm/dd/jjjj uu:mm:ss.fff AM/PM": "%m/%d/%Y %I:%M:%S.%f %p",
    "mm/dd/jjjjuu:mmAM/PM": "%m/%d/%Y %I:%M%p",  # 8:30PM, no space
    "mm/dd/jjjj uu:mm:ssAM/PM": "%m/%d/%Y %I:%M:%S%p",
    # the month's English name first, as en-US writes a date out (Jun 5, 2025)
    "mon d, jjjj": "%b %d, %Y",
    "month d, jjjj": "%B %d, %Y",
}


def date_expected(plan: Any) -> str | None:
    """What a date cell should look like where the column reads more than DATE_FORMATS
    (for its quarantine reason), else None."""
    column = plan.column  # a lookups.ColumnPlan
    if column.type != "date":
        return None
    if plan.month_first:
        return (
            "een datum tussen 1900 en 2100, maand eerst zoals de kolomkoppeling zegt "
            "(date_order: mdy): mm/dd/jjjj of jjjj-mm-dd"
        )
    if column.months:
        return (
            "een datum of een maand tussen 1900 en 2100 "
            "(dd-mm-jjjj, jjjj-mm-dd, jjjj-mm of mrt 2026)"
        )
    return None


def month_first_formats(formats: dict[str, str]) -> dict[str, str]:
    """``formats`` with every day-first date read month first (their labels too), and the
    AM/PM times American exports write."""
    swapped = {
        re.sub(r"^dd([-/.])mm", r"mm\1dd", label): DAY_FIRST.sub(r"%m\1%d\1%Y", fmt)
        for label, fmt in formats.items()
    }
    return {**swapped, **AM_PM}


def _is_date(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= (
        31 if month in (1, 3, 5, 7, 8, 10, 12) else 30 if month != 2 else
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    )  # fmt: skip


def _slash_dates(
    cells: Sequence[object], numeric: Sequence[bool] | None
) -> list[tuple[int, int, int, int, str]]:
    """Each text cell that is such a date: its index, its first two numbers, the year and
    the text."""
    found = [
        (i, SLASH_DATE.fullmatch(cell))
        for i, cell in enumerate(cells)
        if isinstance(cell, str) and not (numeric and numeric[i])
    ]
    return [(i, int(m[1]), int(m[3]), int(m[4]), m[0].strip()) for i, m in found if m]


def _only_other(a: int, b: int, y: int, month_first: bool) -> bool:
    """Whether a date is one only in the order not declared; one outside 1900-2100 is
    none in either, and proves nothing (helper-252: an HR system's 'no end date'
    12/31/9999 made every dd-mm date of the file ambiguous, and refused it)."""
    if not DATE_RANGE[0].year <= y <= DATE_RANGE[1].year:
        return False
    day_first_ok, month_first_ok = _is_date(y, b, a), _is_date(y, a, b)
    return (
        month_first_ok and not day_first_ok
        if not month_first
        else (day_first_ok and not month_first_ok)
    )


def order_proof(
    cells: Sequence[object], numeric: Sequence[bool] | None, month_first: bool = False
) -> str | None:
    """A cell that is a date only in the order not declared (06/25/2025 where the day
    comes first), or None (file_order_proof asks it of a file's date-shaped cells)."""
    found = _proofs(cells, numeric, month_first)
    return found[min(found)] if found else None


def _proofs(
    cells: Sequence[object], numeric: Sequence[bool] | None, month_first: bool
) -> dict[int, str]:
    """The cells (by index, their text) that prove the order not declared: a date only
    in that order, or, where the day is declared first, one written as only American
    exports write a date."""
    found = {
        i: t for i, a, b, y, t in _slash_dates(cells, numeric) if _only_other(a, b, y, month_first)
    }
    if not month_first:
        for i, cell in enumerate(cells):
            if isinstance(cell, str) and not (numeric and numeric[i]) and american(cell):
                found.setdefault(i, cell.strip())
    return found


def _why(proof: str, other: str) -> str:
    """What makes ``proof`` a proof, said after it."""
    if american(proof):
        return ", zoals alleen een Amerikaanse export (maand eerst) een datum schrijft"
    return f", dat alleen als {other} een datum is"


# In SQL (RE2, no back-references): a date's shape, its first two numbers as groups.
# Loose around it (RE2's \s has no no-break space): SLASH_DATE judges the cell after.
SHAPE = r"(?s)\D*([0-9]{1,2})[/.-]([0-9]{1,2})[/.-][0-9]{4}(?:\D.*)?"


# Columns from which file_order_proof reads the cells as one list, not a query per column
WIDE = 64


def file_order_proof(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    month_first: bool = False,
    declared: bool = False,
) -> tuple[str, ...] | None:
    """A cell anywhere in the file, in any column (one the mapping reads or not, a wide
    export's skip_columns too), that is a date only in the order not declared: its column
    and text (and DECLARED where the mapping says date_order itself), or None. One file is
    written one way (helper-92: an unmapped column proved month first and the mapped one
    was read day first)."""
    shape = sql_text(SHAPE)
    # each column's distinct cells first: a tenth of the time of a regex over every cell
    # (the large demo's survey export, 1.4 million rows: 0.1 s against 1.2 s)
    width = len(source.header)
    parts = " union all ".join(
        f"select distinct {i} as i, c{i} as cell from {source.cells}" for i in range(width)
    )
    if width > WIDE:  # a part per column took seconds to plan (helper-201: 980 columns)
        cells = ", ".join(f"c{i}" for i in range(width))
        parts = (
            f"select distinct unnest(range({width})) as i, unnest([{cells}]) as cell "
            f"from {source.cells}"
        )
    if not parts:
        return None
    # the order is judged here, not in SQL: DuckDB pushed regexp_extract below the
    # distinct, over every cell (0.44 s against 0.1 s on the survey export)
    found = con.execute(
        f"select i, cell from ({parts}) where regexp_full_match(cell, {shape})"
    ).fetchall()
    for i, cell in sorted(found):
        if order_proof([cell], None, month_first):
            return (source.header[i], cell.strip(), *[DECLARED] * declared)
    return None


def month_first_text(con: duckdb.DuckDBPyConnection, source: SourceTable) -> str | None:
    """A text cell anywhere in the file that is a date only month first (06/25/2025), for
    excel_swapped: Excel leaves such text where it made date cells of the rest, in any
    date column of the export (helper-229 3: side jobs' started_on and approved_on)."""
    found = con.execute(
        " union ".join(
            f"select c{i} as cell from {source.cells} where regexp_full_match(c{i}, "
            f"{sql_text(SHAPE)})"
            for i in range(min(len(source.header), WIDE))
        )
        or "select null as cell where false"
    ).fetchall()
    return next((c.strip() for (c,) in sorted(found) if order_proof([c], None, False)), None)


# The order a mapping's date_order declares, held by a column whose own dates prove it
# (25-03-2026), against another column's proof of the other (file_order_proof)
DECLARED = "declared"


def ambiguous_dates(
    cells: Sequence[object],
    numeric: Sequence[bool] | None,
    elsewhere: tuple[str, ...] | None = None,
    month_first: bool = False,
    declared: bool = False,
    swaps: tuple[Any, str] | None = None,
    english: bool = False,
    *,
    one_day: bool = True,
) -> dict[int, str]:
    """The cells (by index) that are no certain date, each with the Dutch note that says
    why: when the column (or, ``elsewhere``, another date column of the file: its name and
    cell) holds a date that is one only in the order not declared, that one and every
    date that could be either. A column whose own dates prove the order the mapping
    declares (date_order, DECLARED) is read so, whatever another column holds; and so is
    one of its own dates with the month's name first (Oct 2, 2026), where ``declared``
    (the mapping says date_order itself). And excel_swapped's (``swaps``: the dates as
    read, and a text elsewhere in the file that is a date only month first, or ""). And,
    ``english`` (the mapping reads the file's numbers in English) without a date_order,
    each slash date either way where nothing proves the order (english_doubts). And,
    ``one_day``, one period's days written month first (one_day_doubts)."""
    notes = _order_doubts(cells, numeric, elsewhere, month_first, declared, english, one_day)
    return notes | excel_swapped(cells, numeric, swaps, month_first)


# A workbook's date cell as the reader writes it (with its time, where it has one)
DATE_CELL = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9:.]+)?")


def excel_swapped(
    cells: Sequence[object],
    numeric: Sequence[bool] | None,
    swaps: tuple[Any, str] | None,
    month_first: bool,
) -> dict[int, str]:
    """Under date_order: mdy, a workbook's date cells beside text dates that are dates
    month first alone (01/13/2026): Excel opened the American export day first, made a
    date of each text it could read so (01/02/2026: 1 February, meant 2 January) and left
    the rest as text (helper-225: three gifts loaded a month or more off after the
    advised date_order: mdy). Such a cell whose day could be its month is no certain date."""
    if not month_first or swaps is None:
        return {}
    values, elsewhere = swaps
    proof = next(
        (t for _, a, b, y, t in _slash_dates(cells, numeric) if _only_other(a, b, y, False)),
        elsewhere or None,  # the column's own, else another column's (month_first_text)
    )
    if proof is None:
        return {}
    notes = {}
    for i, cell in enumerate(cells):  # a date cell: the reader's jjjj-mm-dd (xlsx_reader)
        date = values.iloc[i] if isinstance(cell, str) and DATE_CELL.fullmatch(cell) else None
        if date is None or date != date or not date.day <= 12 or date.day == date.month:
            continue
        notes[i] = (
            f"een datumcel van de werkmap, {date.day} {DUTCH_MONTHS[date.month - 1]} "
            f"{date.year}, in een bestand met tekstdatums die alleen maand eerst een datum zijn "
            f"(zoals {quoted(proof)}): Excel leest zulke tekst dag eerst en maakt er een datum "
            "van waar dat kan, dus dit kan ook "
            f"{date.month} {DUTCH_MONTHS[date.day - 1]} {date.year} zijn. Niet geraden: "
            "exporteer de datums als dd-mm-jjjj of jjjj-mm-dd, of open de export als tekst"
        )
    return notes


def _order_doubts(
    cells: Sequence[object],
    numeric: Sequence[bool] | None,
    elsewhere: tuple[str, ...] | None,
    month_first: bool,
    declared: bool,
    english: bool = False,
    one_day: bool = True,
) -> dict[int, str]:
    dates = _slash_dates(cells, numeric)
    found = _proofs(cells, numeric, month_first)
    proofs = {i for i, a, b, y, _ in dates if _only_other(a, b, y, month_first)}
    # a column with a date only the declared order reads (25-03-2026) is written that way,
    # once the mapping says that order itself (helper-189: a system's US 'Laatst gewijzigd'
    # refused a file whose date column proved day first, under date_order: dmy)
    own = next((t for _, a, b, y, t in dates if _only_other(a, b, y, not month_first)), None)
    if english and not (declared or month_first or found or elsewhere or own):
        return english_doubts(dates)
    if (
        one_day
        and not (declared or month_first or found or elsewhere or own)
        and (doubts := one_day_doubts(dates, cells))
    ):
        return doubts
    if declared and own is not None and not proofs:
        # the one typed Oct 2, 2026 among 22 of 25-09-2026 under date_order: dmy
        # (helper-197: every date of the column that could be either was refused); not a
        # slash date with a 12-hour clock, itself either way (helper-199: read day first)
        found = {i: t for i, t in found.items() if TWELVE_HOUR_SLASH.fullmatch(t)}
    if not found and (elsewhere is None or own is not None and DECLARED in elsewhere):
        return {}
    other = "dag/maand/jaar" if month_first else "maand/dag/jaar"
    if found:
        proof = found[min(found)]
        said = f"in deze kolom staat ook {quoted(proof)}{_why(proof, other)}"
    else:
        column, proof = elsewhere[:2]
        said = f"in kolom {column} van dit bestand staat {quoted(proof)}{_why(proof, other)}"
    declared = " (de kolomkoppeling zegt maand eerst: date_order: mdy)" if month_first else ""
    hint = "" if month_first else ", of leg maand eerst vast in de kolomkoppeling (date_order: mdy)"
    if own is not None and not found and not month_first:  # it proves day first: say it
        hint += (
            f"; staan de datums van deze kolom dag eerst, zoals {quoted(own)} hier, leg dat "
            "dan vast in de kolomkoppeling (date_order: dmy)"
        )
    notes = {}
    for i, a, b, y, text in dates:
        if i in proofs:
            day, month = (a, b) if month_first else (b, a)
            reading = f"alleen als {other} een datum: {day} {DUTCH_MONTHS[month - 1]} {y}"
            also = f"in deze kolom staan zo ook andere{declared}"
        elif a != b and _is_date(y, b, a) and _is_date(y, a, b):
            reading = (
                f"als dag/maand {a} {DUTCH_MONTHS[b - 1]} {y}, als maand/dag "
                f"{b} {DUTCH_MONTHS[a - 1]} {y}"
            )
            # itself written as only an American export writes a date: that says it
            also = (
                f"zo schrijft alleen een Amerikaanse export (maand eerst) een datum{declared}"
                if i in found
                else f"{said}{declared}"
            )
        else:
            continue
        notes[i] = (
            f"{quoted(text)} is geen eenduidige datum ({reading}); {also}. Niet geraden: "
            f"exporteer de datums als dd-mm-jjjj of jjjj-mm-dd{hint}"
        )
    return notes


ENGLISH_NOTE = (
    "{cell} is geen eenduidige datum (als dag/maand {day_first}, als maand/dag "
    "{month_first}): de kolomkoppeling leest de getallen Engels (number_format: en), en "
    "een Amerikaanse export schrijft de maand eerst, een Britse de dag. Niet geraden: leg "
    "de volgorde vast in de kolomkoppeling (date_order: mdy voor maand eerst, dmy voor dag "
    "eerst)"
)


def english_doubts(dates: list[tuple[int, int, int, int, str]]) -> dict[int, str]:
    """Under a mapping's number_format: en without a date_order, each date with slashes
    whose first two numbers could each be the month (3/5/2026): an English export is as
    often American, month first, as British (helper-231: a Dynamics export's 3/5/2026 read
    as 3 May, four orders a month or more off, without a word). Where a date of the
    column is one only day first (25/3/2026) or month first, the order is proven and
    read so (_order_doubts)."""
    notes = {}
    for i, a, b, y, text in dates:
        slashed = SLASH_DATE.fullmatch(text)
        if slashed is None or slashed[2] != "/" or a == b or not _is_date(y, a, b):
            continue
        if _is_date(y, b, a):
            notes[i] = ENGLISH_NOTE.format(
                cell=quoted(text),
                day_first=f"{a} {DUTCH_MONTHS[b - 1]} {y}",
                month_first=f"{b} {DUTCH_MONTHS[a - 1]} {y}",
            )
    return notes


ONE_DAY_NOTE = (
    "{cell} is geen eenduidige datum (als dag/maand {day_first}, als maand/dag "
    "{month_first}): dag eerst vallen {count} datums van deze kolom op de {day}e van "
    "{months} maanden, maand eerst alle in {month}; zo schrijft een Amerikaanse export "
    "(maand eerst) de dagen van één periode. Niet geraden: leg de volgorde vast in de "
    "kolomkoppeling (date_order: mdy voor maand eerst, dmy voor dag eerst)"
)
# Months, read day first, one day of the month must fall in (each read month first a day
# of one month) before the order is in doubt; not months evenly apart by two or more
# (quarterly or two-monthly rounds on the 5th: helper-255, -258)
ONE_DAY_MONTHS = 4


def one_day_doubts(
    dates: list[tuple[int, int, int, int, str]], cells: Sequence[object] = ()
) -> dict[int, str]:
    """Where nothing proves a column's order: its dates (one with slashes at least) that,
    read month first, are days of one month, and read day first that day of the month in
    ONE_DAY_MONTHS months or more, not evenly apart. So an American export writes one
    period's days (helper-253: SurveyMonkey's 10/1/2026 ... 10/12/2026, a wave in October,
    was loaded as eleven waves on the 10th of January to November, without a word; a wave
    with gaps, an invite's and a reminder's days: helper-257, -258), not a Dutch one, which
    dates events on any day. Once one wave is, every date of the column the two orders
    read differently is in doubt (another, smaller wave too: helper-258). Not the 1st
    (01/02/2026, 01/03/2026: a period's first day, read day first), and not in a column
    with an ISO date, as a workbook's date cell reads (Excel made dates of what it read
    day first: helper-256)."""
    if not any(SLASH_DATE.fullmatch(t)[2] == "/" for *_, t in dates):
        return {}
    if any(isinstance(c, str) and DATE_CELL.fullmatch(c.strip()) for c in cells):
        return {}
    years = range(DATE_RANGE[0].year, DATE_RANGE[1].year + 1)
    waves: dict[tuple[int, int], set[int]] = {}
    for _, a, b, y, _ in dates:
        if 1 < a <= 12 and b <= 12 and y in years:  # (2/30: no month day first)
            waves.setdefault((a, y), set()).add(b)
    held = [(w, months) for w, months in waves.items() if _one_period(months)]
    if not held:
        return {}
    (a, y), months = max(held, key=lambda w: len(w[1]))  # the reason's: the largest
    why = ONE_DAY_NOTE.format(
        cell="{cell}", day_first="{day_first}", month_first="{month_first}",
        count=len(months), day=a, months=len(months), month=f"{DUTCH_MONTHS[a - 1]} {y}",
    )  # fmt: skip
    return {
        i: why.format(
            cell=quoted(text),
            day_first=f"{a} {DUTCH_MONTHS[b - 1]} {y}",
            month_first=f"{b} {DUTCH_MONTHS[a - 1]} {y}",
        )
        for i, a, b, y, text in dates
        if a != b and _is_date(y, a, b) and _is_date(y, b, a)
    }


def _one_period(months: set[int]) -> bool:
    """Whether a day of the month in these months (read day first) is one period's days
    read month first: four or more months, not evenly apart by two or more."""
    steps = {b - a for a, b in itertools.pairwise(sorted(months))}
    return len(months) >= ONE_DAY_MONTHS and not (len(steps) == 1 and min(steps) >= 2)


def formats_of(mapping: object) -> set[str]:
    """The number formats a mapping declares, for the file or per column: under any "en"
    a slash date's order is in doubt (english_doubts; helper-232: number_format:
    {value_eur: en} read 3/5/2026 day first, unsaid)."""
    declared = getattr(mapping, "number_format", None)
    return set(declared.values()) if isinstance(declared, dict) else {declared} - {None}


def as_written(
    shown: list, numeric: list[bool] | None, values: pd.Series, written: dict | None
) -> tuple[list, list[bool] | None, pd.Series]:
    """A column's cells as its date order is judged: a time the zone step made ISO as it
    was written (helper-260: 2026-03-31T10:00:00+00:00 proved nothing, so a US export's
    3/6/2026 beside Mar 31, 2026 10:00 loaded as 3 June, and a wave's days as months);
    the cells two spellings made one ISO time added after, with no value of their own."""
    if not written:
        return shown, numeric, values
    judged = written_cells(shown, written)
    more = len(judged) - len(shown)
    flags = None if numeric is None else [*numeric, *[False] * more]
    padded = pd.concat([values.reset_index(drop=True), pd.Series([pd.NaT] * more)])
    return judged, flags, padded.reset_index(drop=True)


def written_cells(cells: list, written: dict | None) -> list:
    """``cells`` with each time the zone step made ISO as it was written (its first
    spelling), the other spellings of such a time after them (as_written)."""
    if not written:
        return cells
    judged = [written.get(c, [c])[0] if isinstance(c, str) else c for c in cells]
    return judged + [w for spelled in written.values() for w in spelled[1:]]
