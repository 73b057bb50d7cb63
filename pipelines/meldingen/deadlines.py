"""The legal deadlines of a report, as pure functions of its dates.

Wet bescherming klokkenluiders: acknowledge within 7 calendar days of receipt; give
substantive feedback within 3 months of the acknowledgement or, when none was sent,
within 3 months of the end of those 7 days (receipt + 7, unshifted). Algemene
termijnenwet: a deadline that falls on a Saturday, a Sunday or a public holiday (art. 3)
moves to the next day that is none of these. The numbers and the holidays are data in
risks/meldingen.yaml; Easter comes from dateutil, months from relativedelta (the 31st
plus a month is the last day of a shorter month).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from pipelines.meldingen.catalogue import MeldingenCatalogue, default_catalogue

SATURDAY = 5


def _cat(catalogue: MeldingenCatalogue | None) -> MeldingenCatalogue:
    return catalogue or default_catalogue()


def holidays(year: int, catalogue: MeldingenCatalogue | None = None) -> dict[dt.date, str]:
    """The public holidays of the Algemene termijnenwet in ``year``: date -> code."""
    rules = tuple(
        (h.code, h.month, h.day, h.sunday_shift, h.easter_offset) for h in _cat(catalogue).holidays
    )
    return dict(_holidays(year, rules))


@cache
def _holidays(year: int, rules: tuple) -> tuple[tuple[dt.date, str], ...]:
    days = []
    for code, month, day_of_month, sunday_shift, easter_offset in rules:
        if easter_offset is not None:
            day = easter(year) + dt.timedelta(days=easter_offset)
        else:
            day = dt.date(year, month, day_of_month)
            if day.weekday() == 6 and sunday_shift:
                day += dt.timedelta(days=sunday_shift)
        days.append((day, code))
    return tuple(days)


def is_working_day(day: dt.date, catalogue: MeldingenCatalogue | None = None) -> bool:
    """Not a Saturday, not a Sunday, not a holiday of the Algemene termijnenwet."""
    return day.weekday() < SATURDAY and day not in holidays(day.year, catalogue)


def next_working_day(day: dt.date, catalogue: MeldingenCatalogue | None = None) -> dt.date:
    """``day`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day, catalogue):
        day += dt.timedelta(days=1)
    return day


def acknowledge_due(received_on: dt.date, catalogue: MeldingenCatalogue | None = None) -> dt.date:
    """Receipt plus the acknowledgement days, before any move to a working day."""
    return received_on + dt.timedelta(days=_cat(catalogue).deadlines.acknowledge_days)


def acknowledge_by(received_on: dt.date, catalogue: MeldingenCatalogue | None = None) -> dt.date:
    """The last day to acknowledge a report received on ``received_on``."""
    return next_working_day(acknowledge_due(received_on, catalogue), catalogue)


def feedback_due(
    received_on: dt.date,
    acknowledged_on: dt.date | None = None,
    catalogue: MeldingenCatalogue | None = None,
) -> dt.date:
    """Three months after the acknowledgement (or after receipt + 7 days when none was
    sent), before any move to a working day."""
    start = acknowledged_on or acknowledge_due(received_on, catalogue)
    return start + relativedelta(months=_cat(catalogue).deadlines.feedback_months)


def feedback_by(
    received_on: dt.date,
    acknowledged_on: dt.date | None = None,
    catalogue: MeldingenCatalogue | None = None,
) -> dt.date:
    """The last day for substantive feedback to the reporter."""
    return next_working_day(feedback_due(received_on, acknowledged_on, catalogue), catalogue)


def is_overdue(deadline: dt.date, done_on: dt.date | None, today: dt.date) -> bool:
    """Not done and the last day has passed (the deadline day itself is still in time)."""
    return done_on is None and today > deadline


def due_within(deadline: dt.date, done_on: dt.date | None, today: dt.date, days: int) -> bool:
    """Not done, not overdue, and the last day is at most ``days`` days from today."""
    return done_on is None and today <= deadline <= today + dt.timedelta(days=days)


def open_deadlines(
    received_on: dt.date,
    acknowledged_on: dt.date | None,
    feedback_on: dt.date | None,
    closed_on: dt.date | None = None,
    catalogue: MeldingenCatalogue | None = None,
) -> list[tuple[str, dt.date]]:
    """The deadlines of a report not met yet: ("acknowledge", day) while there is neither
    an acknowledgement nor feedback, ("feedback", day) while there is no feedback. A
    closed report has none (it cannot be closed without feedback)."""
    if closed_on is not None:
        return []
    found = []
    if acknowledged_on is None and feedback_on is None:
        found.append(("acknowledge", acknowledge_by(received_on, catalogue)))
    if feedback_on is None:
        found.append(("feedback", feedback_by(received_on, acknowledged_on, catalogue)))
    return found
