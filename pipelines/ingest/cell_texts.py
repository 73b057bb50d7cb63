"""A spreadsheet's or a Parquet file's cell as the text an export would have written
(``cell_text``): a number as a NumberCell, read as a number and never in a text
convention; a date as ISO; a duration as its hours. xlsx_reader, xlsx_formats and
parquet_reader read every cell through it."""

from __future__ import annotations

import datetime as dt
import math
import numbers
from decimal import Decimal
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from pipelines.ingest.dates import LOCAL_ZONE

# Past 2**53 a double cannot hold every whole number: 1.2345678901234568E+18 is a key
# whose last digits were lost, and int() of it would make up 768 (helper-246). Such a
# number is written as the double holds it, in scientific notation, so that a key or
# an id so written is quarantined (lookups.SCIENTIFIC); no number column of the
# contract holds one either (each refuses it as no number it reads).
EXACT_DOUBLE = 2.0**53


def past_exact(value: object) -> bool:
    """Whether a workbook's number cell is past what a double holds exactly."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and (abs(value) >= EXACT_DOUBLE)
    )


class NumberCell(str):
    """The text of a cell that holds a number (XLSX, Parquet), as Python writes it
    (``7.5``, ``1443``, ``1e-05``): read as it is, never in a text convention, so that a
    text cell ``1.443`` (read the Dutch way: 1443) is not taken for the number 1.443."""

    __slots__ = ()


def cell_text(value: object, doubles: bool = False) -> str | None:
    """A spreadsheet or Parquet cell as the text an export would have written; a number
    as a NumberCell. ``doubles``: a workbook's number cell is a double (ECMA-376), however
    many digits its text has, so a whole number past EXACT_DOUBLE is one too."""
    if type(value) is str:  # most cells: as they are (str() of a str is the str itself)
        return value
    if isinstance(value, NumberCell):  # already written (parquet_reader's narrow floats)
        return value
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating) and math.isnan(value):
        return None
    if isinstance(value, np.datetime64) and np.isnat(value):
        return None
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, bytes):  # Parquet text as BINARY without its UTF-8 mark (Hive,
        try:  # Impala): the text, not "b'101600'" (helper-134)
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return str(value)
    if isinstance(value, Decimal):  # Parquet's decimal(38,0): every digit, never a float's
        if not value.is_finite():  # (helper-172: 17-digit keys became their neighbours;
            return None  # helper-173: normalize() rounds to 28 digits, so none of it)
        if value == value.to_integral_value():
            return NumberCell(int(value))
        return NumberCell(f"{value:f}".rstrip("0"))
    if isinstance(value, numbers.Number) and not isinstance(value, complex):
        if isinstance(value, numbers.Integral) and not (doubles and past_exact(value)):
            return NumberCell(int(value))
        try:
            number = float(value)
        except OverflowError:  # a workbook's whole number past any double
            return NumberCell(f"{Decimal(value):.16e}")
        if math.isnan(number):
            return None
        if math.isinf(number):  # 1E+400: no number a double holds, as Excel says of it
            return "#GETAL!"
        if past_exact(number):  # past 2**53 a double holds no key's last digits
            return NumberCell(np.format_float_scientific(number, unique=True, trim="-"))
        if number.is_integer():  # whole, exactly (a 16-digit key as a double: helper-173)
            return NumberCell(int(number))
        # a fraction to the 15 digits Excel shows: 43.2 / 36 is 1.2000000000000002, 0.1 +
        # 0.2 is 0.30000000000000004 (helper-172: a computed fte of 1.2 refused as over 1.2)
        number = float(f"{number:.15g}")
        return NumberCell(int(number) if number.is_integer() else number)
    if isinstance(value, dt.datetime | pd.Timestamp):
        if value.tzinfo is not None:
            # a moment with its zone (Parquet's timestamp[UTC]): the day it was in the
            # Netherlands, as a zoned text cell is read (parsing.ZONED_MOMENT)
            value = value.astimezone(ZoneInfo(LOCAL_ZONE)).replace(tzinfo=None)
        if value.time() == dt.time(0, 0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):  # a duration cell ([h]:mm): its hours, not "1 day, ..."
        sign, seconds = ("-" if value.days < 0 else ""), abs(round(value.total_seconds()))
        return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return str(value)
