"""Turning a column of text cells into dates, the way Dutch (and other) exports write
them: ``dd-mm-jjjj``, ISO, ``dd/mm/jjjj``, a month's name (``3 mrt. 2026``), eight digits
(``20260303``), a moment with its time zone (the day it was in the Netherlands), an Excel
serial number; in a month column a month alone (``2026-03``, ``mrt 2026``, ``202603``).
parsing.parse_column calls ``parse_date`` for a date or month column; date_order.py holds
what a file's month-first dates need.
"""

from __future__ import annotations

import calendar
import re

import pandas as pd

from pipelines.ingest.date_formats import asked, never_asked
from pipelines.ingest.parsing import Parsed, clean_text

DATE_FORMATS = {
    "dd-mm-jjjj": "%d-%m-%Y",
    "jjjj-mm-dd": "%Y-%m-%d",
    "dd/mm/jjjj": "%d/%m/%Y",
    "jjjj-mm-dd uu:mm:ss": "%Y-%m-%d %H:%M:%S",
    "jjjj-mm-ddTuu:mm:ss": "%Y-%m-%dT%H:%M:%S",
    "jjjj-mm-dd uu:mm": "%Y-%m-%d %H:%M",
    "jjjj-mm-ddTuu:mm": "%Y-%m-%dT%H:%M",
    "dd-mm-jjjj uu:mm:ss": "%d-%m-%Y %H:%M:%S",
    "dd-mm-jjjj uu:mm": "%d-%m-%Y %H:%M",
    # a database's export (SQL Server writes milliseconds), and the dotted day first
    "jjjj-mm-dd uu:mm:ss.fff": "%Y-%m-%d %H:%M:%S.%f",
    "jjjj-mm-ddTuu:mm:ss.fff": "%Y-%m-%dT%H:%M:%S.%f",
    "dd.mm.jjjj": "%d.%m.%Y",
    "dd.mm.jjjj uu:mm:ss": "%d.%m.%Y %H:%M:%S",
    "dd.mm.jjjj uu:mm": "%d.%m.%Y %H:%M",
    "dd-mm-jjjj uu:mm:ss.fff": "%d-%m-%Y %H:%M:%S.%f",
    "dd.mm.jjjj uu:mm:ss.fff": "%d.%m.%Y %H:%M:%S.%f",
    # the year first is never month-first: dots and slashes as well as dashes
    "jjjj.mm.dd": "%Y.%m.%d",
    "jjjj/mm/dd": "%Y/%m/%d",
    "jjjj/mm/dd uu:mm": "%Y/%m/%d %H:%M",
    "jjjj/mm/dd uu:mm:ss": "%Y/%m/%d %H:%M:%S",
    "jjjj/mm/dd uu:mm:ss.fff": "%Y/%m/%d %H:%M:%S.%f",
    "jjjj.mm.dd uu:mm:ss": "%Y.%m.%d %H:%M:%S",
    "jjjj.mm.dd uu:mm:ss.fff": "%Y.%m.%d %H:%M:%S.%f",
    "dd/mm/jjjj uu:mm": "%d/%m/%Y %H:%M",
    "dd/mm/jjjj uu:mm:ss": "%d/%m/%Y %H:%M:%S",
    "dd/mm/jjjj uu:mm:ss.fff": "%d/%m/%Y %H:%M:%S.%f",
    "jjjj.mm.dd uu:mm": "%Y.%m.%d %H:%M",
    # the year first with a 12-hour clock (2026-03-03 12:00:00 AM): no order to doubt
    "jjjj-mm-dd uu:mm:ss AM/PM": "%Y-%m-%d %I:%M:%S %p",
    "jjjj-mm-dd uu:mm AM/PM": "%Y-%m-%d %I:%M %p",
}
# Eight digits in a date column are jjjjmmdd (20260301): an Excel serial number has five.
# A tool that typed the column as a number writes them with a zero fraction (20260301.0,
# 20260301,0).
# A database's compact moment too, a time after the eight digits (20260303 083000,
# 20260303083000; helper-101): the date.
COMPACT_DATE = r"([0-9]{8})(?:[.,]0+|[ T]?(?:[01][0-9]|2[0-3])[0-5][0-9](?:[0-5][0-9])?)?"
# A day, a month's name and a year (1 mrt 2026, 01-MAR-2026, 1 maart 2026): the month
# names and abbreviations of Dutch and English, none of which names two months.
MONTH_NAMES = (
    "januari january jan",
    "februari february feb febr",
    "maart march mrt mar",
    "april apr",
    "mei may",
    "juni june jun",
    "juli july jul",
    "augustus august aug",
    "september sep sept",
    "oktober october okt oct",
    "november nov",
    "december dec",
)
MONTH_WORDS = {
    word: number for number, words in enumerate(MONTH_NAMES, start=1) for word in words.split()
}
# Written together as well (01MAR2026, SAS's DATE9 format), apart by dots or slashes
# (01.MAR.2026, 01/MAR/2026), and with a time after it (SAS's 01MAR2026:08:30:00).
WORD_DATE = (
    r"([0-9]{1,2})(?:(?:e|ste|de|st|nd|rd|th)(?=[ \u00a0]))?[ \u00a0./-]?([^\W\d_]+)\.?"
    r"[ \u00a0./-]?([0-9]{4})"
    r"(?:[: \u00a0T](?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:[.,][0-9]+)?)?)?"
)
# A month alone, by its name (mrt 2026, maart 2026, March 2026, SAS's MAR2026), in a
# month column.
MONTH_WORD = r"([^\W\d_]+)\.?[ \u00a0./-]?([0-9]{4})"
# The year first (2026 maart, 2026M03 as statistics offices write a month), and Excel's
# mmm-jj (mrt-26, Mar-26): a two-digit year 00-29 is this century's, as Excel reads it
# (30-99 would be the last century's there: no month of these data, left unread).
YEAR_MONTH_WORD = r"([0-9]{4})[ \u00a0./-]?([^\W\d_]+)\.?"
YEAR_M_MONTH = r"([0-9]{4})[Mm]([0-9]{1,2})"
MONTH_WORD_YY = r"([^\W\d_]+)\.?[ \u00a0./-]([0-9]{2})"
# and Excel's built-in Dutch date d-mmm-jj (1-mrt-26; Oracle's DD-MON-YY; helper-104), the
# same years; with dashes only (1 mrt 26, as typed, stays no date: not guessed)
DAY_WORD_YY = r"([0-9]{1,2})-([^\W\d_]+)\.?-([0-9]{2})"
# A weekday before a date, as Excel's long date writes it (dinsdag 3 maart 2026, di 3 mrt
# 2026, maandag, 2 maart 2026, Tuesday 3 March 2026): read when it is the date's own.
WEEKDAYS = (
    "maandag monday ma mon",
    "dinsdag tuesday di tue tues",
    "woensdag wednesday wo wed",
    "donderdag thursday do thu thur thurs",
    "vrijdag friday vr fri",
    "zaterdag saturday za sat",
    "zondag sunday zo sun",
)
WEEKDAY_WORDS = {w: day for day, words in enumerate(WEEKDAYS) for w in words.split()}
WEEKDAY_FIRST = r"([^\W\d_]+)\.?,?[ \u00a0]+([0-9].*)"
# A date with its zone and no time (2026-03-03Z, 2026-03-03+01:00), as XML's xs:date
# writes it: that date.
ZONED_DATE = r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[Zz]|[+-][0-9]{2}:?[0-9]{2})"
# Six digits in a month column are jjjjmm (202603, as HR systems write their periods),
# also typed as a number (202603.0).
COMPACT_MONTH = r"([0-9]{6})(?:[.,]0+)?"
# A moment with its time zone (2026-02-28T23:00:00Z, ...+01:00), as APIs and JSON write
# them: the date is the day it was in the Netherlands then (that Z moment is 1 March).
ZONED_MOMENT = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
    r"(?: ?(?:[Zz]|UTC|GMT)| ?[+-][0-9]{2}(?::?[0-9]{2})?)"  # RFC 3339 allows t and z;
    # PostgreSQL writes +00, a hour-only offset, and some tools a space and UTC
)
LOCAL_ZONE = "Europe/Amsterdam"
ZONED_WINDOW = (pd.Timestamp("1899-12-30", tz="UTC"), pd.Timestamp("2101-01-02", tz="UTC"))
# A digit of another script (٣, ３) in a date: no date (numbers refuse them too).
OTHER_DIGIT = r"(?![0-9])\d"
MONTH_FORMATS = {
    "jjjj-mm": "%Y-%m", "mm-jjjj": "%m-%Y", "jjjj/mm": "%Y/%m", "mm/jjjj": "%m/%Y",
    "jjjj mm": "%Y %m",
}  # fmt: skip
# The month's name first, then the day (Mar 3, 2026 as Power BI and SuccessFactors write
# it, maart 3, 2026; helper-101): no order to doubt, a name is a month. A time may follow.
NAME_DAY_YEAR = (
    r"([^\W\d_]+)\.?[ \u00a0]+([0-9]{1,2})(?:st|nd|rd|th)?,?[ \u00a0]+([0-9]{4})"
    r"((?:[ \u00a0T](?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?: ?[AaPp][Mm])?)?)"
)
# With a dot, two digits for the month (2026.03, 03.2026): a period typed as a number
# loses its last zero (2026.10 arrives as 2026.1), so 2026.1 is no month.
DOTTED_MONTH = {
    "jjjj.mm": (r"[0-9]{4}\.[0-9]{2}", "%Y.%m"),
    "mm.jjjj": (r"[0-9]{2}\.[0-9]{4}", "%m.%Y"),
}
# A second of 60 or more (23:59:60): strptime carries it into the next day; no date here.
BAD_SECOND = r"[0-9]:[0-9]{1,2}:(?:[6-9][0-9])(?![0-9])"
# ISO 8601 allows a comma before the fraction of a second: read as a point.
COMMA_FRACTION = r"(:[0-9]{2}),([0-9]+)(?=$|[Zz+-])"
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# Dates the datasets can hold: 1900 to 2100. An export's "no end date" (31-12-9999, as
# some HR systems write it) or a typo's year 2602 is no date here: quarantined as
# outside this range, never clipped (the mapping's ``values`` can map such a marker to
# an empty cell where the source means "none").
DATE_RANGE = (pd.Timestamp("1900-01-01"), pd.Timestamp("2100-12-31"))
# Excel serial numbers between 1950 and 2100: anything else in a date column is no date.
EXCEL_SERIAL_RANGE = (18264, 73051)
# Five digits that are also a year and its quarter or half (20261: 2026 Q1 as BI tools
# write it, or 21 June 1955; a zero fraction too, 20261.0) are ambiguous, no serial
# (helper-131: waves stored in 1955); 19501-20994 are days of 1953-1957.
YEAR_PERIOD = r"(?:19[5-9][0-9]|20[0-9]{2})[1-4](?:[.,]0+)?"
# Days that systems write for "no date", quarantined with their own reason, never read:
# 1-1-1900 (SQL Server and many applications; helper-131: a side job's approval read as
# given) and 1-1-1970, the day of Unix time 0 (a system that counts seconds writes its
# empty moment so, here 1970-01-01 01:00:00; helper-134: an approval read as given).
# Each with its values key (date_keys.date_spellings: any spelling) and what it is.
NO_DATE_MARKERS = {
    pd.Timestamp("1900-01-01"): "1 januari 1900,",
    pd.Timestamp("1970-01-01"): "1 januari 1970, tijdstip 0 van Unix-systemen,",
}
# Moments that one system writes for "no date", written with their time in the file's own
# clock (a zoned moment is an API's real one): LimeSurvey's submitdate of a completed
# answer in a survey that stores no date, mktime(0,0,0,1,1,1980) (helper-159: loaded as 1
# January 1980, outside every period). That day without a time is a date, and with it in a
# column whose dates may lie decades back (Column.long_ago: a hire date, helper-161).
NO_DATE_MOMENTS = {
    pd.Timestamp("1980-01-01 00:00:00"): ("1 januari 1980 om 00:00:00", "LimeSurvey"),
}


def _parse_dates(text: pd.Series, formats: dict[str, str]) -> tuple[pd.Series, list[str]]:
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    found = []
    # The cells no format has read yet (now and today never: date_formats.NO_DATES), kept
    # as they shrink rather than worked out again from the result for each of some thirty
    # formats (five pandas steps a format: most of a small column's time)
    todo = text[~never_asked(text) & text.notna().to_numpy()]
    for label, fmt in formats.items():
        if todo.empty:
            break
        cells = asked(todo, fmt)  # those holding its separators (date_formats.py)
        if cells.empty:
            continue
        parsed = pd.to_datetime(cells, format=fmt, errors="coerce")
        read = parsed.notna()
        if read.any():
            found.append(label)
            # Compared before the assignment: a year beyond 2262 does not fit the result's
            # nanoseconds, and one outside DATE_RANGE is no date for the datasets (nor
            # read by a later format: it leaves todo as a date inside does).
            inside = parsed.dt.normalize().between(*DATE_RANGE)
            result[parsed[inside].index] = parsed[inside].astype("datetime64[ns]")
            todo = todo[~todo.index.isin(parsed.index[read])]
    return result, found


def _fill(values: pd.Series, cells: pd.Series, formats: dict[str, str]) -> list[str]:
    """The dates ``cells`` (some of the column's, as text) hold in ``formats``, written into
    ``values``; the labels of the formats found."""
    read, label = _parse_dates(cells, formats)
    values[read.dropna().index] = read.dropna()
    return label


def _months(text: pd.Series, values: pd.Series) -> list[str]:
    """A month column's jjjjmm, jjjj.mm and month names (mrt 2026), as the month's first
    day."""
    found = []
    for label, (pattern, fmt) in DOTTED_MONTH.items():
        dotted = _unread(values, text, pattern)
        if dotted.any():
            found += _fill(values, text[dotted], {label: fmt})
    compact = _unread(values, text, COMPACT_MONTH)
    if compact.any():
        digits = text[compact].str.extract(COMPACT_MONTH, expand=False)
        found += _fill(values, digits, {"jjjjmm": "%Y%m"})
    worded = _unread(values, text, MONTH_WORD)
    if worded.any():
        parts = text[worded].str.extract(MONTH_WORD)
        found += _fill(values, _spelled("01", parts[0], parts[1]), {"maand jjjj": "%d-%m-%Y"})
    year_first = _unread(values, text, YEAR_MONTH_WORD)
    if year_first.any():
        parts = text[year_first].str.extract(YEAR_MONTH_WORD)
        found += _fill(values, _spelled("01", parts[1], parts[0]), {"jjjj maand": "%d-%m-%Y"})
    lettered = _unread(values, text, YEAR_M_MONTH)
    if lettered.any():
        parts = text[lettered].str.extract(YEAR_M_MONTH)
        found += _fill(values, parts[0] + "-" + parts[1], {"jjjjMmm": "%Y-%m"})
    short = _unread(values, text, MONTH_WORD_YY)
    if short.any():
        parts = text[short].str.extract(MONTH_WORD_YY)
        year = ("20" + parts[1]).where(parts[1].astype(int) < 30, pd.NA)
        found += _fill(values, _spelled("01", parts[0], year), {"maand-jj": "%d-%m-%Y"})
    return found


# A quarter or a half year as a period (2026-Q1, Q1 2026, 2026 K1, H2 2026): a period
# column (Column.months) reads it as its first day, as it reads a month (helper-97).
QUARTER = (
    r"([0-9]{4}) ?[/-]? ?([QqKkHh])([1-4])|([QqKkHh])([1-4]) ?[/-]? ?([0-9]{4})"
    r"|([1-4])e? (k)w(?:artaal|art\.?|\.)? ([0-9]{4})"  # 1e kwartaal 2026, 3e kw. 2025
    r"|([12])e? (h)alfjaar ([0-9]{4})"  # 2e halfjaar 2026
)


def _quarters(text: pd.Series, values: pd.Series) -> list[str]:
    quarter = values.isna() & text.str.fullmatch(QUARTER, case=False).fillna(False)
    if not quarter.any():
        return []
    parts = text[quarter].str.extract(QUARTER, flags=re.IGNORECASE)
    year = parts[0].fillna(parts[5]).fillna(parts[8]).fillna(parts[11])
    kind = parts[1].fillna(parts[3]).fillna(parts[7]).fillna(parts[10]).str.upper()
    number = parts[2].fillna(parts[4]).fillna(parts[6]).fillna(parts[9]).astype(int)
    halves = kind == "H"
    ok = ~halves | (number <= 2)
    first = ((number - 1) * 3 + 1).where(~halves, (number - 1) * 6 + 1).astype("string")
    return _fill(values, ("01-" + first + "-" + year).where(ok, pd.NA), {"kwartaal": "%d-%m-%Y"})


# A moment with its zone written day first (30-6-2026 23:30:00 UTC): as ISO 8601 writes
# it, for ZONED_MOMENT (helper-97). CET or CEST after a time is the Netherlands' own
# clock, whichever of the two the season had (people write CET all year, helper-100):
# the time as written, without it.
DAY_FIRST_ZONED = (
    r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})[ T]([0-9]{1,2})(:[0-9]{2}(?::[0-9]{2}"
    r"(?:\.[0-9]+)?)?) ?((?i:utc|gmt|z)|[+-][0-9]{2}:?[0-9]{2})"
)


def _as_iso_moment(text: pd.Series, month_first: bool) -> pd.Series:
    def iso(m: re.Match) -> str:
        day, month = (m[2], m[1]) if month_first else (m[1], m[2])
        return f"{m[3]}-{int(month):02d}-{int(day):02d}T{int(m[4]):02d}{m[5]}{m[6]}"

    return text.str.replace(f"^{DAY_FIRST_ZONED}$", iso, regex=True)


def _weekday_dates(
    text: pd.Series, values: pd.Series, month_first: bool, markers: bool, long_ago: bool
) -> list[str]:
    """Dates with their weekday before them, read without it when it is the date's own
    (a weekday that is not, 'maandag 3 maart 2026', stays no date); ``markers`` as for
    parse_date (helper-137: 'do 1 jan 1970' had no marker's reason)."""
    parts = text.str.extract(WEEKDAY_FIRST)
    day = parts[0].str.casefold().map(WEEKDAY_WORDS)
    rest = parts[1][day.notna()]
    if rest.empty:
        return []
    read = parse_date(rest, month_first=month_first, markers=markers, long_ago=long_ago)
    dated = read.values.dropna()
    own = dated[dated.dt.day_of_week == day[dated.index].astype(int)]
    values[own.index] = own
    return ["weekdag d maand jjjj"] if len(own) else []


def _word_dates(text: pd.Series) -> pd.Series:
    """Cells of WORD_DATE as dd-mm-jjjj; a word that names no month stays a non-date."""
    parts = text.str.extract(WORD_DATE)
    return _spelled(parts[0], parts[1], parts[2])


def _spelled(day: pd.Series | str, word: pd.Series, year: pd.Series) -> pd.Series:
    """dd-mm-jjjj of a day, a month's name and a year; NA where the word names no month."""
    month = word.str.casefold().map(MONTH_WORDS)
    spelled = day + "-" + month.astype("Int64").astype("string") + "-" + year
    return spelled.where(month.notna(), pd.NA)


# The Netherlands' own clock's names after a time: CET and CEST (people write CET all year,
# helper-100), the Dutch MET and MEZT and the German MEZ and MESZ, the region's name
# (23:30 Europe/Amsterdam, (MET); helper-282: refused as no date)
_CLOCK_NAMES = r"(?:cest|cet|mezt|mest|met|mesz|mez|europe/amsterdam)"
OUR_CLOCK = rf"(?:\({_CLOCK_NAMES}\)|{_CLOCK_NAMES})"  # in brackets both or neither
# A time zone region in brackets after an offset or Z, as Java writes it ([Europe/Paris])
ZONE_REGION = (  # never after a time alone: the offset is what says the moment
    r"(?:(?<=[+-][0-9]{2}:[0-9]{2})|(?<=[+-][0-9]{4})|(?<=[0-9][Zz]))"
    r"\[[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)*\]$"
)
DB2_MOMENT = (
    r"^([0-9]{4}-[0-9]{2}-[0-9]{2})-([01][0-9]|2[0-3])\.([0-5][0-9])\.([0-5][0-9])(\.[0-9]{1,6})?$"
)
TWELVE_HOUR = (
    r"(?<![0-9:])([0-9]{1,2}):([0-5][0-9])(:[0-5][0-9](?:\.[0-9]+)?)?\s*([AaPp])\.?[Mm]\.?"
    r"(?=$|\s|[-\u2013\u2014])"  # 3:00 PM-4:00 PM, a time range's start
)
GMT_OFFSET = r"\s*(?:GMT|UTC)([+-])(1[0-4]|0?[0-9])(?::?([0-5][0-9]))?$"


# A session's time range after a date (an LMS's or agenda's 15-01-2026 09:00 - 11:00,
# 09:00–11:00, 9:00 tot 11:00): the date, with its start. Written 15:00-16:00 it looked
# like a time with the zone UTC-16:00 and was read as the next day: 15 January became
# 16 January without a word (the last note's "time ranges", tried again).
TIME_RANGE = re.compile(
    r"(.*?[0-9])([ T])([0-9]{1,2}):([0-5][0-9])(:[0-5][0-9])?"
    r"(\s*)([-\u2013\u2014]|(?i:tot|t/m|to|until))(\s*)([0-9]{1,2}):([0-5][0-9])(:[0-5][0-9])?"
)
# The zones behind UTC, as offsets (hours, minutes): a time after a date with one of these
# after a dash (15:00-05:00) may be that time in that zone. The Netherlands are at most two
# hours ahead of UTC (CEST).
ZONES_BEHIND = frozenset([(h, 0) for h in range(1, 13)] + [(9, 30), (3, 30), (2, 30)])
AHEAD_AT_MOST = 2
# No one lives at UTC-12 (Baker and Howland Island): written without a zone's form, a
# range to 12:00 is the session's (an LMS's 10:00-12:00 was refused, the last note's
# "sessions"); written as a zone (2026-01-15T11:00-12:00) it stays one.
UNINHABITED = frozenset([(12, 0)])


def _range_or_zone(m: re.Match) -> str:
    """One TIME_RANGE cell: its date and start when it can only be a time range, or when
    both readings give the same day; as written when it is written as a time with its
    zone (ISO's T, or a space before the sign: 2026-01-15T23:00-05:00, 23:00 -05:00);
    '?' (no date) when a time range and a time in a zone behind UTC would be other days
    (11:00-12:00 and 22:00-01:00: the 15th, or the 16th here)."""
    if int(m[3]) > 23 or int(m[9]) > 24 or int(m[9]) == 24 and m[10] != "00":
        return m[0]  # 15:00-99:00 is no time: left as written, no date (23:00-24:00 is)
    start = int(m[3]) * 60 + int(m[4])
    offset = (int(m[9]), int(m[10]))
    # a zone as ISO, logs and Python (2026-01-15 22:00:00-05:00) write one; there -00:00
    # is UTC (RFC 3339), as 23:00-00:00 alone is a range to midnight (helper-118)
    zoned = m[2] == "T" or m[6] or (m[5] and not m[11] and re.match(r"[0-9]{4}[-/]", m[1]))
    zone = offset in ZONES_BEHIND or (zoned and offset == (0, 0))
    if m[7] != "-" or m[8] or not zone or (not zoned and offset in UNINHABITED):
        return f"{m[1]}{m[2]}{m[3]}:{m[4]}{m[5] or ''}"  # a range: no zone is written so
    if zoned:
        return m[0]
    if start + offset[0] * 60 + offset[1] + AHEAD_AT_MOST * 60 >= 24 * 60:
        return "?"  # in that zone the time may be on the next day here
    return f"{m[1]}{m[2]}{m[3]}:{m[4]}{m[5] or ''}"  # the same day either way


def time_range_or_zone(cell: str) -> str | None:
    """Why a date with a time range that may also be a time with its zone, on another
    day (15-01-2026 11:00-12:00), is no date, in Dutch; None for any other cell."""
    match = TIME_RANGE.fullmatch(re.sub(TWELVE_HOUR, _as_24_hours, cell.strip()))
    if match is None or _range_or_zone(match) != "?":
        return None
    return (
        f"'{cell.strip()}' is een tijdvak ({match[3]}:{match[4]} tot {match[9]}:{match[10]}) of "
        f"een tijd in de tijdzone UTC-{match[9]}:{match[10]}, en dat is een andere dag; niet "
        "geraden: schrijf het tijdvak met spaties (11:00 - 12:00) of alleen de begintijd"
    )


def _as_24_hours(m: re.Match) -> str:
    hour = int(m[1])
    if not 1 <= hour <= 12:
        return m[0]  # 13:00 PM is no time: left as written, no date
    hour = hour % 12 + (12 if m[4] in "Pp" else 0)
    return f"{hour:02d}:{m[2]}{m[3] or ''}"


def _as_offset(m: re.Match) -> str:
    return f" {m[1]}{int(m[2]):02d}:{m[3] or '00'}"


# A date of digits and separators alone, which _rewritten leaves as it is.
PLAIN_DATE = r"[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}"


def _rewritten(text: pd.Series) -> pd.Series:
    """Cells as the date formats read them: a time after the date without its clock's
    words, zone and range, a 12-hour clock as 24 hours, a year-first slash date with a
    time as ISO's dashes; a digit other than 0-9 or a second past 59 as "?"."""
    text = text.mask(text.str.contains(OTHER_DIGIT).fillna(False), "?")
    text = text.mask(text.str.contains(BAD_SECOND).fillna(False), "?")
    text = text.str.replace(COMMA_FRACTION, r"\1.\2", regex=True)
    # a comma between the year and the time (Moodle's 15 January 2026, 9:00 AM; helper-112)
    text = text.str.replace(r"(?<=[0-9]{4}),\s*(?=[0-9]{1,2}[:.][0-9]{2})", " ", regex=True)
    text = text.str.replace(r"(?<=[0-9]:[0-9]{2})\s*uur$", "", regex=True)  # 08:30 uur
    # 8.30 uur: the Dutch way to write a time of day (a dot between hours and minutes)
    text = text.str.replace(r"(?<= )([0-9]{1,2})\.([0-5][0-9])\s*uur$", r"\1:\2", regex=True)
    # after a date: 03-03-2026 8.30 (a Dutch time without 'uur'), '3 maart 2026 om 14:00',
    # 03-03-2026T08:30 (day first with ISO's T) (helper-101)
    text = text.str.replace(r"(?<=[0-9]{4} )([0-9]{1,2})\.([0-5][0-9])$", r"\1:\2", regex=True)
    text = text.str.replace(r"(?<=[0-9]{4}) om (?=[0-9])", " ", regex=True)
    # Google Forms' 2026/03/15 10:02:11 PM GMT+1 (helper-103): a 12-hour clock as 24
    # hours, a zone GMT+1 as +01:00, a year-first slash date with a time as ISO's dashes
    text = text.str.replace(TWELVE_HOUR, _as_24_hours, regex=True)
    # our clock, after a 24-hour time or a 12-hour one made so (Dutch Google Forms'
    # 2026/03/09 8:12:45 a.m. CET; helper-159: refused), the time as written
    text = text.str.replace(rf"(?<=[0-9]:[0-9]{{2}})\s*(?i:{OUR_CLOCK})$", "", regex=True)
    # Java's ZonedDateTime: the offset says the moment, the region after it in brackets
    # only where it came from (2026-02-28T23:30+01:00[Europe/Amsterdam]; helper-282)
    text = text.str.replace(ZONE_REGION, "", regex=True)
    text = text.str.replace(GMT_OFFSET, _as_offset, regex=True)
    text = text.str.replace(f"^{TIME_RANGE.pattern}$", _range_or_zone, regex=True)
    text = text.str.replace(r"^([0-9]{4})/([0-9]{2})/([0-9]{2})(?=[ T])", r"\1-\2-\3", regex=True)
    # DB2's timestamp (IBM i / AS/400 exports): 2026-03-03-08.30.00.000000
    text = text.str.replace(DB2_MOMENT, r"\1 \2:\3:\4\5", regex=True)
    text = text.str.replace(
        r"^([0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4})T(?=[0-9])", r"\1 ", regex=True
    )
    return text


def as_the_rules_read(raw: pd.Series) -> pd.Series:
    """Cells as the date formats read them (_rewritten): a range's start, a 12-hour clock
    as 24 hours, 8.30 uur as 8:30 (time_zones.py takes a cell's time from this)."""
    return _rewritten(clean_text(raw))


def _unread(values: pd.Series, text: pd.Series, pattern: str) -> pd.Series:
    """Where no date is read yet and the cell is written as ``pattern`` (the pattern
    asked of those cells alone: none, once every cell is read)."""
    missing = values.isna()
    if not missing.any():
        return missing
    found = text[missing].str.fullmatch(pattern).fillna(False).astype(bool)
    return missing & found.reindex(text.index, fill_value=False)


def parse_date(
    raw: pd.Series,
    *,
    month: bool = False,
    months: bool = False,
    month_first: bool = False,
    markers: bool = True,
    long_ago: bool = False,
) -> Parsed:
    """Dates; with ``month`` a month column (its first or last day, or a month written
    without a day); with ``months`` a date column that is a period (Column.months), where
    a month written without a day is its first day and any other date is a date; with
    ``month_first`` (a mapping's date_order: mdy) 06/25/2025 is 25 June. 1 January 1900
    and 1 January 1970 at any time (NO_DATE_MARKERS), and 1 January 1980 written at
    00:00 (NO_DATE_MOMENTS), are no date; with ``markers`` False they are (for the
    reason's text); with ``long_ago`` (Column.long_ago: a hire date) a moment is the day
    it says."""
    text = clean_text(raw)
    # A date of digits and separators alone (03-03-2026, 2026-03-03: nearly every cell) is
    # as _rewritten leaves it (each of its rewrites asks for a colon, a letter, a space, a
    # comma or a digit other than 0-9): it runs on the other cells alone, and not at all
    # in a column of such dates (a pass over the cells per rewrite, per column).
    plain = text.str.fullmatch(PLAIN_DATE).fillna(False).astype(bool)
    if not plain.all():
        text = text.where(plain, _rewritten(text[~plain]))
    dates = DATE_FORMATS
    if month_first:  # (date_order reads the reasons' quoting, which reads this module)
        from pipelines.ingest.date_order import month_first_formats

        dates = month_first_formats(DATE_FORMATS)
    formats = {**MONTH_FORMATS, **dates} if month or months else dates
    values, found = _parse_dates(text, formats)
    compact = _unread(values, text, COMPACT_DATE)
    if compact.any():
        digits = text[compact].str.extract(COMPACT_DATE, expand=False)
        found += _fill(values, digits, {"jjjjmmdd": "%Y%m%d"})
    worded = _unread(values, text, WORD_DATE)
    if worded.any():
        found += _fill(values, _word_dates(text[worded]), {"d maand jjjj": "%d-%m-%Y"})
    short = _unread(values, text, DAY_WORD_YY)
    if short.any():  # Excel's d-mmm-jj (1-mrt-26): 00-29 this century's, as for mrt-26
        parts = text[short].str.extract(DAY_WORD_YY)
        year = ("20" + parts[2]).where(parts[2].astype(int) < 30, pd.NA)
        found += _fill(values, _spelled(parts[0], parts[1], year), {"d-mmm-jj": "%d-%m-%Y"})
    named = _unread(values, text, NAME_DAY_YEAR)
    if named.any():
        parts = text[named].str.extract(NAME_DAY_YEAR)
        found += _fill(
            values, _spelled(parts[1], parts[0], parts[2]), {"maand d, jjjj": "%d-%m-%Y"}
        )
    zoned_day = _unread(values, text, ZONED_DATE)
    if zoned_day.any():
        days = text[zoned_day].str.extract(ZONED_DATE, expand=False)
        found += _fill(values, days, {"jjjj-mm-dd met tijdzone": "%Y-%m-%d"})
    weekday = _unread(values, text, WEEKDAY_FIRST)
    if weekday.any():
        found += _weekday_dates(text[weekday], values, month_first, markers, long_ago)
    spelled = _as_iso_moment(text, month_first)
    zoned = _unread(values, spelled, ZONED_MOMENT)
    if zoned.any():
        iso = spelled[zoned].str.upper()
        iso = iso.str.replace(r" ?(?:UTC|GMT)$| (?=[+-][0-9]{2})", "", regex=True)
        iso = iso.str.replace(r"(?<=[0-9]) ?Z$", "Z", regex=True)
        moment = pd.to_datetime(iso, utc=True, format="ISO8601", errors="coerce")
        # far outside 1900-2100 is no date either way, and 9999-12-31T23:00-01:00 would
        # overflow the conversion (year 10000)
        moment = moment[moment.between(*ZONED_WINDOW)]
        local = moment.dt.tz_convert(LOCAL_ZONE).dt.tz_localize(None).dropna()
        local = local[local.dt.normalize().between(*DATE_RANGE)]
        values[local.index] = local.astype("datetime64[ns]")
        found += ["jjjj-mm-ddTuu:mm:ss met tijdzone"] if len(local) else []
    if month or months:
        found += _months(text, values)
    if months:
        found += _quarters(text, values)
        # a year alone, a yearly round (a 360 period 2026; helper-112): its first day
        year = _unread(values, text, r"(?:19|20)[0-9]{2}|2100")
        found += _fill(values, "01-01-" + text[year], {"jaar": "%d-%m-%Y"}) if year.any() else []
    # a serial with a fraction is a moment in that day (45694,5: noon), as XLSX stores one
    serial = _unread(values, text, r"[0-9]{5}(?:[.,][0-9]+)?")
    if serial.any():
        days = pd.to_numeric(text[serial].str.slice(0, 5)).astype("int64")
        period = text[serial].str.fullmatch(YEAR_PERIOD).fillna(False).astype(bool)
        ok = days.between(*EXCEL_SERIAL_RANGE) & ~period
        values[days[ok].index] = EXCEL_EPOCH + pd.to_timedelta(days[ok], unit="D")
        if ok.any():
            found.append("Excel-serienummer")
    if markers:
        values = values.mask(values.dt.normalize().isin(list(NO_DATE_MARKERS)))
        timed = text.str.contains(r"[0-9]:[0-9]{2}").fillna(False).astype(bool) & ~zoned
        if not long_ago:
            values = values.mask(timed & values.isin(list(NO_DATE_MOMENTS)))
    invalid = text.notna() & values.isna()
    if month:
        # a month is its first day, or its last (the peildatum HR exports write: 31-03-2026)
        not_first = values.notna() & (values.dt.day != 1) & ~values.dt.is_month_end
        values = values.mask(not_first).dt.to_period("M").dt.to_timestamp()
        invalid = invalid | not_first
        if markers:  # its month-end spelling too (31-01-1900 is January 1900)
            marker = values.isin(list(NO_DATE_MARKERS))
            values, invalid = values.mask(marker), invalid | marker
    return Parsed(values.dt.normalize(), invalid.astype(bool), ", ".join(found))


IMPOSSIBLE_DAY = re.compile(r"\s*([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{4})(?:[ T].*)?")
IMPOSSIBLE_ISO_DAY = re.compile(r"\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T].*)?")


def impossible_day(cell: str, month_first: bool = False) -> str | None:
    """Why a date of a day its month does not have (31-04-2026, 29-02-2026) is no date, in
    Dutch (helper-104: it got the general 'verwacht een datum'); None for any other cell."""
    match, iso = IMPOSSIBLE_DAY.fullmatch(cell), IMPOSSIBLE_ISO_DAY.fullmatch(cell)
    if match is None and iso is None:
        return None
    if iso is not None:  # 2024-02-30T10:00 too (helper-193: 'verwacht een datum')
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    else:
        day, month, year = int(match[1]), int(match[3]), int(match[4])
        if month_first:
            day, month = month, day
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    length = calendar.monthrange(year, month)[1]
    if day <= length:
        return None
    name = MONTH_NAMES[month - 1].split()[0]
    return f"'{cell.strip()}' bestaat niet: {name} {year} heeft {length} dagen"
