"""The spellings of one date that a column mapping's ``values`` key matches.

A mapping may map a date marker to empty (``values: {exit_date: {"31-12-9999": null}}``:
an HR system's "no end date"). The key is written once; the export may write the same day
in any spelling parse_date reads (pipelines/ingest/parsing.py), and the marker's year 9999
is outside the dates parse_date accepts, so the key's spellings are written out here and
a cell matches when it is one of them (without case, as codes are matched).
"""

from __future__ import annotations

import datetime as dt
import re

from pipelines.ingest.dates import DATE_FORMATS, MONTH_WORDS, WORD_DATE

# The spellings a key of a mapping's ``values`` is read in (date_spellings), besides a
# day, a month word and a year (31DEC9999, 31 december 9999).
SPELLINGS = (
    "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y", "%Y%m%d",
    "%Y.%m.%d", "%Y/%m/%d", "%Y%m%d.0", "%Y%m%d,0", "%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S",
)  # fmt: skip
# A midnight written after a day in words, as the exports write it (SAS: 31DEC9999:00:00:00).
MIDNIGHTS = ("", " 00:00:00", ":00:00:00", " 00:00", ":00:00", " 0:00")


def date_spellings(text: str) -> list[str]:
    """The ways one date is written in the exports this reads, so that a mapping's
    ``values`` key for a date column matches it however the file writes it at midnight:
    ``31-12-9999`` is also ``9999-12-31`` (an XLSX date cell), ``9999-12-31 00:00:00``,
    ``31/12/9999``, ``99991231.0``, ``31DEC9999``, ``31 december 9999``,
    ``31DEC9999:00:00:00`` and every other spelling of DATE_FORMATS. Any year (the
    standard library's dates reach 9999); [] when ``text`` is no date at midnight."""
    cell = text.strip()
    day = _key_day(cell)
    return _spelled(day) if day is not None else []


def _key_day(cell: str) -> dt.datetime | None:
    """The day a mapping's key names (at midnight only), or None."""
    for fmt in SPELLINGS:
        if fmt.startswith("%Y%m%d") and not re.fullmatch(r"[0-9]{8}([.,]0)?", cell):
            continue  # strptime would read 202611 as 2026-01-01
        try:
            day = dt.datetime.strptime(cell, fmt)
        except ValueError:
            continue
        return day if day.time() == dt.time(0, 0) else None
    worded = re.fullmatch(WORD_DATE, cell)
    if worded is None or MONTH_WORDS.get(worded[2].casefold()) is None:
        return None
    if re.search("[1-9]", cell[worded.end(3) :]):
        return None  # a time that is not midnight
    try:
        return dt.datetime(int(worded[3]), MONTH_WORDS[worded[2].casefold()], int(worded[1]))
    except ValueError:
        return None


def _spelled(day: dt.datetime) -> list[str]:
    """Every spelling of ``day`` at midnight that parse_date reads (the key's own first)."""
    forms = {day.strftime(f) for f in DATE_FORMATS.values()}
    forms |= {f.replace(".000000", ".000") for f in forms}
    forms |= {f.replace(".000", ",000") for f in forms} | {
        f[:-6] + " 0:00" for f in forms if f.endswith(" 00:00")
    }
    compact = day.strftime("%Y%m%d")
    forms |= {compact, f"{compact}.0", f"{compact},0", f"{compact}.00", f"{compact},00"}
    # midnight UTC as APIs write it (SuccessFactors: 9999-12-31T00:00:00Z), in both cases
    for clock in ("T00:00:00", "T00:00", " 00:00:00", " 00:00"):
        for fraction in ("", ".000", ".000000", ".0000000") if clock.count(":") == 2 else ("",):
            for zone in ("Z", "+00:00", "+0000", "+00", " UTC", " +00:00"):
                zoned = day.strftime("%Y-%m-%d") + clock + fraction + zone
                forms |= {zoned, zoned.lower()}
    words = [w for w, number in MONTH_WORDS.items() if number == day.month]
    for word in words:
        for d in {f"{day.day:02d}", str(day.day)}:
            for sep in ("", "-", " ", ".", "/"):
                glued = f"{d}{sep}{word}{sep}{day.year}"
                forms |= {glued + midnight for midnight in MIDNIGHTS}
    first = [day.strftime(f) for f in SPELLINGS]
    return first + sorted(forms - set(first))
