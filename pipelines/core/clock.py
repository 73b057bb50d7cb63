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


def here_at(timestamp: float) -> dt.datetime:
    """The Dutch wall-clock time of a POSIX timestamp (a file's mtime), without a zone:
    comparable with now_here's moments."""
    return dt.datetime.fromtimestamp(timestamp, HERE).replace(tzinfo=None)
