"""A number of a day or more in a workbook cell formatted as a time (h:mm), in a column of
hours: not read, as it cannot be (helper-140, helper-143).

Excel shows such a cell past its whole days (1,3125 as 7:30), and openpyxl gives it as a
moment in January or February 1900 (1900-01-01 07:30:00; in a 1904 workbook 1904). It is
either a duration summed in a time cell (31,5 hours) or hours typed as a number into a
time-formatted template (1,3125 hours; 7,5 typed shows 12:00 and would be 180 hours): the
cell does not say which. Its reason names both readings and the way out. Below a day the
cell is a time of day, read as its hours and minutes (7:30 is 7,5) elsewhere.
"""

from __future__ import annotations

import datetime as dt
import re

from babel.numbers import format_decimal

# The moments openpyxl makes of serial numbers 1 to 59 (the 1900 system's days before
# 29 February 1900, which Excel counts and never was; a 1904 workbook's first 59 days):
# no export's date, so in a column of hours nothing else.
EARLY_DAY = re.compile(
    r"\s*(1900|1904)-(0[12])-([0-3][0-9])(?:[ T]([0-2][0-9]):([0-5][0-9])(?::([0-5][0-9]))?)?\s*"
)
EPOCHS = {"1900": dt.datetime(1899, 12, 31), "1904": dt.datetime(1904, 1, 1)}
# A serial number cell of a date, with its time or not (45694, 45694.5, 45694,5)
SERIAL = re.compile(r"\s*([0-9]{5})([.,][0-9]+)?\s*")


def from_1904(cell: object, days: int) -> object:
    """An Excel serial number cell (45694, 45694.5) of a workbook counting from 1904 as
    the serial of the same day counted from 1900 (``days`` later: SERIAL_DAYS_1904); any
    other number (20260303, 202603) stays as it is. Asked by the date rules' lookups and by
    the time zones' step (which read a 1904 serial on 1900's count, four years early)."""
    found = SERIAL.fullmatch(cell) if isinstance(cell, str) else None
    return cell if found is None else str(int(found[1]) + days) + (found[2] or "")


def _dutch(number: float) -> str:
    return format_decimal(round(number, 6), format="#,##0.######", locale="nl_NL")


def early_day_note(text: str) -> str | None:
    """The reason for a cell ``text`` that is such a moment (after its quoted value), or
    None when it is none. What the cell's format shows is not known here (a date format
    shows 08-01-1900, a time format 0:00; helper-145): the reason names the number and
    its two readings. openpyxl gives serial 60 (the day Excel counts that never was) the
    date of 59, so a cell on 28 February 1900 may be a day more."""
    found = EARLY_DAY.fullmatch(text)
    if found is None:
        return None
    year, month, day, hour, minute, second = (int(p or 0) for p in found.groups())
    try:
        moment = dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    days = (moment - EPOCHS[found[1]]).total_seconds() / 86400
    if not 1 <= days < 60:
        return None
    more = " (of een dag meer)" if (year, month, day) == (1900, 2, 28) else ""
    return (
        f"is een getal van een dag of meer ({_dutch(days)}{more}) in een cel met een "
        f"datum- of tijdnotatie, in een kolom van uren: als opgetelde duur is het "
        f"{_dutch(days * 24)} uur, als getypt aantal uren {_dutch(days)}. Niet geraden: geef "
        "de kolom de notatie [u]:mm of exporteer de uren als getal"
    )
