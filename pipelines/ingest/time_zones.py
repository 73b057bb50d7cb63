"""A time zone a file names in a header row it leaves out: Qualtrics writes its import
ids under the header (``extra_header_rows``), and for a moment's column the zone its
times are in, ``{"ImportId":"recordedDate","timeZone":"UTC"}``. Those times are that
zone's, not the Netherlands': ``2026-03-31 22:51:03`` UTC was 1 April 00:51 here, an
answer of the second quarter (helper-149: it was read as 31 March, the first).

Each time of such a column without an offset of its own gets its zone's offset at that
moment (``2026-03-31T22:51:03+00:00``), which the date rules then read in Dutch time as
any offset (dates.py). A zone no time zone database knows refuses the file: its times
cannot be read right. ``Europe/Amsterdam`` is read as written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb
import pandas as pd

from pipelines.ingest.date_order import ambiguous_dates
from pipelines.ingest.dates import OUR_CLOCK, as_the_rules_read, parse_date
from pipelines.ingest.readers import unusable
from pipelines.ingest.recognise import header_name, note
from pipelines.ingest.source_table import SourceTable, _new_name
from pipelines.ingest.time_cells import from_1904

DUTCH = "Europe/Amsterdam"
# A time of day at a cell's end, after its date (22:51, 22:51:03.000, 10:51 PM, 22.51 uur;
# never the date's own dots, 31.03.2026), in the cell as the date rules read it
END_TIME = re.compile(
    r"(?i)(?:[\sT]|(?<=[0-9]{4}):)([0-9]{1,2})[:.]([0-9]{2})(?:[:.]([0-9]{2})(?:[.,][0-9]+)?)?"
    r"\s*(?:uur|u|h)?\s*(?:([ap])\.?\s?m\.?)?\s*$"
    # ... or four or six digits after eight (20260115 233000, 202601152330; helper-155)
    r"|^[0-9]{8}[\sT]?([0-9]{2})([0-9]{2})([0-9]{2})?$"
    # ... or a serial's fraction of its day (46112,9521: 22:51; a workbook's General cell)
    r"|^[0-9]{5}[.,]([0-9]+)$"
)

# The Dutch clock's CET and CEST after a cell's time, which the date rules leave out (a
# zone or offset of its own, Z, UTC, +02:00, is no time at the cell's end: END_TIME); a
# 12-hour clock's too (8:12:45 p.m. CET, helper-159)
DUTCH_CLOCK = re.compile(rf"(?i)[0-9]\s*(?:[ap]\.?\s?m\.?\s*)?(?:{OUR_CLOCK})\s*$")
# A column whose name says its times are UTC's, in brackets at its end (Typeform's
# "Submit Date (UTC)", helper-159: 2026-03-31 22:51:02 counted in the first quarter).
NAMED_UTC = re.compile(r"(?i)[(\[]\s*(?:utc|gmt)(?:\s*[+\u2212-]\s*0{1,2}(?::?00)?)?\s*[)\]]\s*$")


def time_of_day(cell: str) -> dt.time | None:
    """The time at the end of ``cell`` (12-hour with am/pm), or None."""
    m = END_TIME.search(cell)
    if m is None:
        return None
    if m[5]:  # 20260115 233000
        return _valid(int(m[5]), int(m[6]), int(m[7] or 0))
    if m[8]:  # a serial's fraction, to the second
        seconds = min(round(float(f"0.{m[8]}") * 86400), 86399)
        return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)
    hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    if m[4]:  # a 12-hour clock
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m[4].lower() == "p" else 0)
    return _valid(hour, minute, second)


def _valid(hour: int, minute: int, second: int) -> dt.time | None:
    if hour > 23 or minute > 59 or second > 59:
        return None
    return dt.time(hour, minute, second)


def zones_named(con: duckdb.DuckDBPyConnection, source: SourceTable, lines: list[int]) -> dict:
    """Per column (index) the time zone its cell in one of ``lines`` names, as a JSON
    object's ``timeZone`` (Qualtrics' import ids); or UTC where the column's name says so
    (NAMED_UTC), with no line."""
    # not a column whose cells carried their zone (Parquet's timestamp[UTC], read as Dutch
    # time already: helper-163, 23:30 here was moved to 01:30 the next day)
    named = {
        i: ("UTC", None)
        for i, h in enumerate(source.header)
        if NAMED_UTC.search(h) and i not in source.facts.zoned
    }
    if not lines or not source.header:
        return named
    cells = ", ".join(f"c{i}" for i in range(len(source.header)))
    listed = ", ".join(str(int(n)) for n in lines)
    rows = con.execute(
        f"select _line, {cells} from {source.name} where _line in ({listed}) order by _line"
    ).fetchall()
    zones: dict[int, tuple[str, int | None]] = {}
    for line, *row in rows:
        for i, cell in enumerate(row):
            if not cell or "timeZone" not in cell:
                continue
            try:
                said = json.loads(cell)
            except ValueError:
                continue
            if isinstance(said, dict) and isinstance(said.get("timeZone"), str):
                zones.setdefault(i, (said["timeZone"].strip(), line))
    return named | zones


def read_in_zones(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    lines: list[int],
    skipped: frozenset[str] = frozenset(),
    mdy: bool = False,
    declared: bool = False,
    english: bool = False,
) -> None:
    """The times of each column a header row in ``lines`` names a zone for, with that
    zone's offset (``source`` becomes a table of its own), and a note naming
    the column and its zone; UnusableFile for a zone that is not known. ``skipped``: the
    columns no one reads (a wide export's skip_columns, by header_name), left as they are;
    ``mdy``: the mapping's date_order, month first; ``declared``: it says date_order
    itself (the dates the date rules refuse are those they refuse: helper-255, -256);
    ``english``: the mapping reads numbers in English, so a slash date's order is in
    doubt where nothing proves it (date_order.english_doubts; made ISO here, 3/5/2026
    went past that rule and loaded as 3 May)."""
    shifted = []
    for i, (zone, line) in sorted(zones_named(con, source, lines).items()):
        if zone == DUTCH or header_name(source.header[i]) in skipped:
            continue
        try:
            tz = ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise unusable(
                "time_zone_unknown", source.path, zone=zone, line=line, column=source.header[i]
            ) from None
        listed = "".join(f" and _line <> {int(n)}" for n in lines)
        cells = con.execute(
            f"select distinct c{i} from {source.name} where c{i} is not null{listed}"
        ).fetchall()
        # the date as the date rules read it (any spelling, the mapping's date order) and
        # the time at its end; a cell they cannot read, or that they refuse as no certain
        # date (4/1/2026 beside 3/31/2026, or an American export's own), stays as written
        # for them to refuse (helper-152: made ISO, it went past that rule)
        every = [c for (c,) in cells]
        # a 1904 workbook's serial (44650,9521) as 1900's, which the date rules read
        days = source.facts.serial_days
        counted = [from_1904(c, days) for c in every] if days else every
        # Excel's date cells beside text only month first (date_order.excel_swapped): made
        # ISO here with their offset, they went past that rule, a month or more off
        swaps = None
        if mdy and source.facts.date_cells.get(i):
            read = parse_date(pd.Series(counted, dtype=object)).values
            swaps = (read, source.month_first_text or "")
        said = (source.order_proof, mdy, declared, swaps, english)
        # (one period's days month first the date rules judge, of the cells as written:
        # CellFacts.written; they know whether another date column read proves the order)
        doubtful = ambiguous_dates(every, None, *said, one_day=False)
        # the time of each as the date rules read it: a range's start (22:30 - 23:30), a
        # 12-hour clock's, a DB2 or SAS moment's (helper-154: a range's end was taken)
        read_as = as_the_rules_read(pd.Series(counted, dtype=object)).tolist()
        times = {
            k: time_of_day(r) if isinstance(r, str) else None
            for k, (c, r) in enumerate(zip(every, read_as, strict=True))
            if k not in doubtful and not DUTCH_CLOCK.search(c)
        }
        timed = [k for k, t in times.items() if t is not None]
        read = parse_date(pd.Series([counted[k] for k in timed], dtype=object), month_first=mdy)
        pairs = [
            (every[k], dt.datetime.combine(day.date(), times[k], tz).isoformat())
            for k, day in zip(timed, read.values, strict=True)
            if not pd.isna(day)
        ]
        if pairs:
            shifted.append((i, pairs, zone, line))
            # the date rules judge the order by the cells as written (CellFacts.written)
            for cell, zoned in pairs:
                source.facts.written.setdefault(i, {}).setdefault(zoned, []).append(cell)
    if not shifted:
        return
    select, joins = [], []
    for i, pairs, zone, line in shifted:
        table = _new_name("zoned")
        con.execute(f"create temp table {table} (cell varchar, zoned varchar)")
        con.executemany(f"insert into {table} values (?, ?)", pairs)
        source.owned.append(("table", table))
        select.append(f"coalesce({table}.zoned, s.c{i}) as c{i}")
        joins.append(f"left join {table} on s.c{i} = {table}.cell")
        if line is None:  # the column's name says it
            source.notes.append(note("time_zone_named", column=source.header[i], zone=zone))
        else:
            source.notes.append(note("time_zone", column=source.header[i], zone=zone, line=line))
    # a table, and the cells the checks read distinct values from (SourceTable.cells):
    # with a view over the file's table they read the times as written, matched none of
    # the view's rows, and a file not unpivoted had every such date empty
    zoned = _new_name("data")
    replaced = ", ".join(select)
    con.execute(
        f"create temp table {zoned} as select s.* replace ({replaced}) "
        f"from {source.name} as s {' '.join(joins)}"
    )
    source.owned.append(("table", zoned))
    source.name = source.cells = zoned
