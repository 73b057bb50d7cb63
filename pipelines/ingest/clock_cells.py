"""Hours as people and time registers write them: a clock's hours and minutes (7:30,
16:00, an XLSX duration 7:30:00), a duration typed out (7u 30m, 7 uur 30 min, 90 min),
a number with its hour's unit (16 uur), and the dotted 7.30 uur that could be either
(not guessed). Read so in a column of hours (overtime), and in a column the mapping
converts from hours (``convert: {sick_days: {divide_by: 8}}`` of 'Verzuimuren'): there
16:00 is 16 hours, 2 days once converted (helper-225 4: refused as no number, the whole
file with it). That the file writes the column in hours is said by the mapping's
``unit: uren`` or by the column's name (Verzuimuren, Ziekte (uren)), never by the factor
alone: a factor of 2 may be half days, 5 weeks, 0,21 a percentage (helper-230: 4 uur
under 'Verzuim (dagdelen)' and divide_by: 2 loaded as 2 days).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipelines.ingest.lookups import ColumnPlan

# Hours written with a dot and two digits under 60, and an hour's unit (7.30 uur, 1.45 u),
# as a clock is written: decimal hours or hours and minutes; not guessed (1,45 u is 1,45).
HOURS_DOT_MINUTES = (  # (and as English writes them: hrs, hour(s); helper-219)
    r"\s*[0-9]{1,4}[.][0-5][0-9]\s*(?i:uur|uren|u|h|hr|hrs|hour|hours|hour\(s\))\.?\s*"
)
HOURS_DOT_MINUTES_NOTE = (
    "is geen eenduidig aantal uren: een decimaal getal of uren en minuten zoals een klok "
    "ze schrijft (7.30 uur: 7,3 of 7,5). Niet geraden: schrijf 7:30 of 7,5"
)
# Hours written as a clock's hours and minutes (7:30, 12:05): a time register's export
# (an XLSX duration: 7:30:00; a negative one, -3:00, is read so the rule can refuse it).
CLOCK = r"^\s*(-?)\s*([0-9]{1,4}):([0-5][0-9])(?::([0-5][0-9]))?\s*$"
# A duration as people type it (7u 30m, 7 uur 30 min, 7h30m, 90 min; helper-110): a clock
# (minutes without their unit, 7u30, are not guessed: review h111)
MINUTES = r"(?:m|min|mins|minuut|minuten|minute|minutes)\.?"
HOURS = r"(?:u|uur|uren|h|hr|hrs|hour|hours)\.?"
DURATION = re.compile(
    rf"(?i)\s*(-?)\s*(?:([0-9]{{1,4}})\s*{HOURS}\s*(?:([0-5]?[0-9])\s*{MINUTES})?"
    rf"|([0-9]{{1,5}})\s*{MINUTES})\s*"
)
# An hour's or a minute's unit after a number (16 uur, 960 min) in a converted column the
# file writes in that unit: the number of it (helper-230: 16 hour(s), 960 min refused)
FILE_UNITS = {
    "uren": ("uur", "uren", "u", "h", "hr", "hrs", "hour", "hours", "hour(s)"),
    "minuten": ("min", "mins", "minuut", "minuten", "minute", "minutes", "minute(s)"),
}


def as_clock(cell: object) -> object:
    """A duration cell (7u 30m, 90 min) as the clock that says it (7:30, 1:30); any
    other cell as it is."""
    found = DURATION.fullmatch(cell) if isinstance(cell, str) else None
    if found is None or not (found[3] or found[4]):  # 7 u alone: the unit, read as 7
        return cell
    minutes = int(found[2] or 0) * 60 + int(found[3] or found[4])
    return f"{found[1]}{minutes // 60}:{minutes % 60:02d}"


def with_file_units(plans: list[ColumnPlan], rename: dict[str, str]) -> list[ColumnPlan]:
    """``plans`` with ``file_unit`` set for each column the mapping converts from hours or
    minutes, as its ``unit`` or the column's name says (in a column of hours a clock stays
    the contract's unit, not converted again)."""
    from pipelines.ingest.header_says import time_unit_named

    header_of = {canonical: header for header, canonical in rename.items()}
    out = []
    for plan in plans:
        header = header_of.get(plan.column.name)
        if plan.convert and header is not None:
            said = {plan.convert_unit} if plan.convert_unit else time_unit_named(header)
            unit = next(iter(said)) if len(said) == 1 else None
            # a column of hours converted from minutes takes 90 min as the file's 90
            # (helper-232: refused as the contract's unit); from hours it is none
            plan = replace(plan, file_unit=None if plan.column.hours and unit == "uren" else unit)
        out.append(plan)
    return out
