"""The date it is in the Netherlands, whatever zone the machine keeps (servers keep UTC).

The ingest reads a moment with a zone (``2026-12-04T23:10:00Z``) as the day it was here
(5 December), so "today", against which a date in the future is refused, must be that
day too: with the machine's UTC date, a gift of ten past midnight was quarantined as in
the future for the first hour or two of every Dutch day (helper-160), and so was an
export named with today's date.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

HERE = ZoneInfo("Europe/Amsterdam")


def today_here(now: dt.datetime | None = None) -> dt.date:
    """The Dutch date at ``now`` (an aware moment; by default this one)."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(HERE).date()


def now_here() -> dt.datetime:
    """The Dutch wall-clock time now, without a zone: the ingest log's moments (a load's
    ``ingested_at``), which Datakwaliteit shows as "ingelezen op" and the models take the
    read day of (int_indicators__read_through). With the machine's clock, a server that
    keeps UTC logged them an hour or two behind, and a file read ten past midnight here
    the day before."""
    return dt.datetime.now(HERE).replace(tzinfo=None)


def utc_now() -> dt.datetime:
    """The moment now in UTC, without a zone: what the ingest log compares a file's mtime
    with (ingested_utc; Dutch wall-clock time repeats an hour each October) and what the
    folders of withdrawn and refused files are named by, so that their names sort as
    their moments do."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def utc_at(timestamp: float) -> dt.datetime:
    """A POSIX timestamp (a file's mtime) in UTC, without a zone: comparable with utc_now."""
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).replace(tzinfo=None)


def machine_at(timestamp: float) -> dt.datetime:
    """A POSIX timestamp in the machine's own wall-clock time, without a zone: comparable
    with an ingest log row written before ingested_utc was kept, whose ingested_at is the
    machine's time (loads.written_since)."""
    return dt.datetime.fromtimestamp(timestamp)
