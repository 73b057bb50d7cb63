"""How numbers, percentages, money and dates are written, in Dutch and English.

One module for the pages, the RvC PDF and the Excel register, on Babel's CLDR locale data
(nl_NL: decimal comma, thousands dot, dd-mm-jjjj; en_GB for English) rather than
hand-written rules. Every function takes the language ("nl" or "en") and returns text;
a missing value (None, NaN, pandas' NA) is written as an en dash, never "None" or "nan".

Placed in pipelines/ (which imports nothing from dashboard/) so that both the pages and
the PDF may import it.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.dates import format_date as _format_date
from babel.dates import format_time as _format_time
from babel.numbers import format_decimal as _format_decimal
from babel.numbers import get_decimal_symbol, get_group_symbol

from pipelines.core.clock import HERE

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
MISSING = "–"  # an en dash: what every function writes for a missing value
# Dates are written day first in both languages: dd-mm-jjjj (Dutch), dd/mm/yyyy (British).
DATE_PATTERNS = {"nl": "dd-MM-yyyy", "en": "dd/MM/yyyy"}
TIME_PATTERN = "HH:mm"
# Units written without a space before them (a percentage is "12,5 %" in Dutch style
# guides; Babel's nl_NL percent pattern keeps the space, so "%" gets one too).
TIGHT_UNITS: frozenset[str] = frozenset()


def locale(lang: str) -> str:
    """The Babel locale of a language; unknown languages are an error, not a guess."""
    try:
        return LOCALES[lang]
    except KeyError:
        raise ValueError(f"unknown language {lang!r}: expected one of {sorted(LOCALES)}") from None


@functools.cache
def _babel(lang: str) -> Locale:
    """The Babel Locale of a language, parsed once: given the name, Babel parses it again
    for every value (a third of formatting a table of thousands of amounts)."""
    return Locale.parse(locale(lang))


def is_missing(value: Any) -> bool:
    """None, NaN, NaT and pandas' NA: nothing to write."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT
    except (TypeError, ValueError):  # pandas.NA refuses bool()
        return True


def _as_number(value: Any) -> float | int | Decimal:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | Decimal):
        return value
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return value if isinstance(value, int) else float(value)


def number(
    value: Any,
    lang: str,
    *,
    decimals: int | None = 1,
    unit: str | None = None,
    signed: bool = False,
) -> str:
    """A number with the language's marks: ``1.234,5`` (nl), ``1,234.5`` (en).

    ``decimals``: the places shown (rounded half to even, as Babel does); ``None`` writes
    whole numbers without decimals and others with one. ``unit`` follows after a space
    (``"km"``, ``"%"``, ``"per 100 fte"``). ``signed`` writes a plus before positive
    numbers (changes).
    """
    if is_missing(value):
        return MISSING
    value = _as_number(value)
    if not math.isfinite(value):
        return MISSING
    places = decimals
    if places is None:
        places = 0 if float(value).is_integer() else 1
    pattern = "#,##0" + ("." + "0" * places if places else "")
    if signed and round(float(value), places) != 0:  # no "+0,0" or "-0,0"
        pattern = f"+{pattern};-{pattern}"
    elif round(float(value), places) == 0:
        value = 0
    text = _format_decimal(value, format=pattern, locale=_babel(lang))
    return with_unit(text, unit)


def whole(value: Any, lang: str, *, unit: str | None = None) -> str:
    """A count: no decimals, thousands separated (``4.683``)."""
    return number(value, lang, decimals=0, unit=unit)


def percent(share: Any, lang: str, *, decimals: int = 0, signed: bool = False) -> str:
    """A share (0.372) as a percentage: ``37 %`` (decimals=0), ``37,2 %``."""
    if is_missing(share):
        return MISSING
    return number(100 * float(_as_number(share)), lang, decimals=decimals, unit="%", signed=signed)


def money(value: Any, lang: str, *, decimals: int = 2) -> str:
    """An amount in euros: ``€ 1.234,50``."""
    if is_missing(value):
        return MISSING
    return "€ " + number(value, lang, decimals=decimals)


def with_unit(text: str, unit: str | None) -> str:
    """``text`` followed by ``unit`` (none, or a missing value: the text alone)."""
    if not unit or text == MISSING:
        return text
    return f"{text}{unit}" if unit in TIGHT_UNITS else f"{text} {unit}"


def _as_date(value: Any) -> dt.date | dt.datetime:
    if isinstance(value, str):
        text = value.strip()
        return dt.datetime.fromisoformat(text) if len(text) > 10 else dt.date.fromisoformat(text)
    if hasattr(value, "to_pydatetime"):  # pandas.Timestamp
        return value.to_pydatetime()
    if isinstance(value, dt.datetime | dt.date):
        return value
    raise TypeError(f"not a date: {value!r}")


def date(value: Any, lang: str) -> str:
    """A day: ``30-11-2026`` (nl), ``30/11/2026`` (en). ISO text, date, datetime or
    pandas.Timestamp; a time of day is dropped."""
    if is_missing(value) or value == "":
        return MISSING
    moment = _as_date(value)
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    return _format_date(day, DATE_PATTERNS[lang], locale=_babel(lang))


def month(value: Any, lang: str) -> str:
    """A month: ``februari 2025`` (nl), ``February 2025`` (en); any day in it will do."""
    if is_missing(value) or value == "":
        return MISSING
    moment = _as_date(value)
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    return _format_date(day, "MMMM y", locale=_babel(lang))


def date_time(value: Any, lang: str, *, local: bool = True) -> str:
    """A moment: ``30-11-2026 05:38``. An aware moment is shown in Dutch time
    (``local``; the machine's zone put the register's and the RvC page's times an hour or
    two off Datakwaliteit's on a server in UTC: helper-279); a naive one as it is (the
    ingest log's are Dutch time already: clock.now_here)."""
    if is_missing(value) or value == "":
        return MISSING
    moment = _as_date(value)
    if not isinstance(moment, dt.datetime):
        return date(moment, lang)
    if local and moment.tzinfo is not None:
        moment = moment.astimezone(HERE)
    clock = _format_time(moment.time(), TIME_PATTERN, locale=_babel(lang))
    return f"{date(moment, lang)} {clock}"


def separators(lang: str) -> str:
    """The decimal mark then the thousands mark of ``lang`` (",." in Dutch), as Plotly's
    layout.separators wants them, so hover texts and axes match the tables."""
    loc = locale(lang)
    return get_decimal_symbol(loc) + get_group_symbol(loc)


def seconds(value: float, lang: str) -> str:
    """A duration in seconds, one decimal: ``1,2 s``."""
    return number(value, lang, decimals=1, unit="s")
