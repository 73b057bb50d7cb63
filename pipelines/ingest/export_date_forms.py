"""The forms of an export date in a file name (a mapping's export_date.from_name): a
day or a month by its digits (EXPORT_DATE_FORMS), or a month by its name (maart 2026,
mrt-2026, 2026 maart; month_named), dated the month's first day."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from pipelines.core.texts import InLanguage
from pipelines.ingest.dates import MONTH_WORD, MONTH_WORDS, YEAR_MONTH_WORD, parse_date

# The forms of an export date in a file name, each by its shape (digits per part), in
# the order tried: a day first, then a month (dated its first day). A form that begins
# with the day is read in the order export_date.date_order declares; undeclared, day
# first, and under the mapping's date_order: mdy a name it could be either way is
# refused (helper-142: a name's 03-01-2026 was 3 January where the files' own dates were
# read month first; helper-143: a Dutch admin may name a US system's files day first).
EXPORT_DATE_FORMS = (
    (r"\d{4}-\d{1,2}-\d{1,2}", "%Y-%m-%d"),
    (r"\d{8}", "%Y%m%d"),
    (r"\d{8}", "%d%m%Y"),
    (r"\d{1,2}-\d{1,2}-\d{4}", "%d-%m-%Y"),
    (r"\d{1,2}\.\d{1,2}\.\d{4}", "%d.%m.%Y"),
    (r"\d{1,2}_\d{1,2}_\d{4}", "%d_%m_%Y"),
    (r"\d{4}_\d{1,2}_\d{1,2}", "%Y_%m_%d"),
    (r"\d{4}\.\d{1,2}\.\d{1,2}", "%Y.%m.%d"),
    (r"\d{4}-\d{1,2}", "%Y-%m"),
    (r"\d{6}", "%Y%m"),
    (r"\d{1,2}-\d{4}", "%m-%Y"),
    (r"\d{4}_\d{1,2}", "%Y_%m"),
)


def forms_said(months: bool) -> InLanguage:
    """EXPORT_DATE_FORMS as written in each language (jjjj-mm-dd, yyyy-mm-dd), the days'
    or the months' (helper-180: the message named four of the twelve)."""
    fmts = dict.fromkeys(f for _, f in EXPORT_DATE_FORMS if ("%d" not in f) == months)
    words = {"nl": ("jjjj", "mm", "dd"), "en": ("yyyy", "mm", "dd")}

    named = {"nl": ("31 maart 2026", "maart 2026"), "en": ("31 March 2026", "March 2026")}

    def said(lang: str) -> str:
        year, month, day = words.get(lang, words["nl"])
        out = [f.replace("%Y", year).replace("%m", month).replace("%d", day) for f in fmts]
        return ", ".join([*out, named.get(lang, named["nl"])[months]])  # by its name too

    return InLanguage(said)


def date_or_none(text: str, fmt: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, fmt).date()
    except ValueError:
        return None


def month_named(text: str) -> dt.date | None:
    """The first day of a month its name and year say (maart 2026, Maart_2026, mrt-2026,
    2026 maart, March 2026), or None (helper-262: year-to-date registers named by their
    month in Dutch, 'Geschenkenregister maart 2026.csv', could not be dated, and were
    then read in the order of their names: april before maart)."""
    text = text.strip().replace("_", " ")  # as a data cell's month is read (dates.py)
    found = re.fullmatch(MONTH_WORD, text) or re.fullmatch(YEAR_MONTH_WORD, text)
    if found is None:
        return None
    word, year = found.groups() if not found[1].isdigit() else found.groups()[::-1]
    month = MONTH_WORDS.get(word.lower())
    return None if month is None else dt.date(int(year), month, 1)


def day_named(text: str) -> dt.date | None:
    """A day with its month's name (31 maart 2026, 31-mrt-2026, March 31, 2026), read as
    the date rules read a cell, or None (helper-263: refused, where maart 2026 was read)."""
    if not re.search(r"[^\W\d_]", text):
        return None
    read = parse_date(pd.Series([text.strip()], dtype=object)).values.iloc[0]
    return None if pd.isna(read) else read.date()
