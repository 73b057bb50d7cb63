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
