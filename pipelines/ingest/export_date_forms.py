"""The forms of an export date in a file name (a mapping's export_date.from_name): a
day or a month by its digits (EXPORT_DATE_FORMS), or a month by its name (maart 2026,
mrt-2026, 2026 maart; month_named), dated the month's first day; and the date text a
mapping's pattern finds in a file's name (name_search)."""

from __future__ import annotations

import datetime as dt
import re
import threading
import unicodedata
from pathlib import Path

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


# name_search's DuckDB, made at its first call, one call at a time (threads of the pages)
_RE2: list = []
_RE2_LOCK = threading.Lock()


def name_search(pattern: str, path: Path) -> str | None:
    """The date text export_date.from_name's ``pattern`` finds in ``path``'s name (its
    group "date", else its first; "" where that group takes no part), None where it
    finds nothing; matched as ``files:`` names a file, regardless of case and of how an
    accent is composed (helper-268 F3: the mapping read EMPIRE_TOEWIJZINGEN_2026-03-31.CSV,
    and then found no date in its name). By RE2, DuckDB's expressions, in time linear in
    the name: Python's may take hours on a pattern such as (\\w+[-_ ]?)+ (helper-269 F3:
    an ingest hung holding the warehouse's lock); a pattern RE2 cannot read (a
    lookbehind) by Python's. One in-memory DuckDB for every call (opening one took 16 ms,
    three times a dated file)."""
    import duckdb

    name = unicodedata.normalize("NFC", path.name)
    group = re.compile(pattern).groupindex.get("date", 1)
    quoted = "'" + ("(?i)" + pattern).replace("'", "''") + "'"
    try:
        with _RE2_LOCK:
            if not _RE2:
                _RE2.append(duckdb.connect())
            found, text = (
                _RE2[0]
                .execute(
                    f"select regexp_matches($1, {quoted}), regexp_extract($1, {quoted}, {group})",
                    [name],
                )
                .fetchone()
            )
    except duckdb.Error:
        match = re.search(pattern, name, re.IGNORECASE)
        return None if match is None else match.group(group) or ""
    return text if found else None
