"""The Wbk deadlines of a report, moved past weekends and the Algemene termijnenwet's
holidays (pipelines/meldingen/deadlines.py, risks/meldingen.yaml)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.meldingen.deadlines import (
    acknowledge_by,
    acknowledge_due,
    due_within,
    feedback_by,
    feedback_due,
    holidays,
    is_overdue,
    is_working_day,
    next_working_day,
    open_deadlines,
)

D = dt.date


def test_the_holidays_of_2025() -> None:
    assert holidays(2025) == {
        D(2025, 1, 1): "nieuwjaarsdag",
        D(2025, 4, 21): "tweede_paasdag",
        D(2025, 4, 26): "koningsdag",  # the 27th is a Sunday
        D(2025, 5, 5): "bevrijdingsdag",
        D(2025, 5, 29): "hemelvaartsdag",
        D(2025, 6, 9): "tweede_pinksterdag",
        D(2025, 12, 25): "eerste_kerstdag",
        D(2025, 12, 26): "tweede_kerstdag",
    }


def test_koningsdag_is_the_27th_unless_that_is_a_sunday() -> None:
    assert D(2024, 4, 27) in holidays(2024)
    assert D(2025, 4, 27) not in holidays(2025) and D(2025, 4, 26) in holidays(2025)
    assert D(2026, 4, 27) in holidays(2026)


def test_easter_holidays_follow_easter() -> None:
    # Easter Sunday 2024: 31 March; 2026: 5 April.
    assert {"tweede_paasdag": D(2024, 4, 1), "hemelvaartsdag": D(2024, 5, 9)}.items() <= {
        v: k for k, v in holidays(2024).items()
    }.items()
    assert {v: k for k, v in holidays(2026).items()}["tweede_pinksterdag"] == D(2026, 5, 25)


def test_a_plain_weekday_is_not_moved() -> None:
    # Received Monday 3 March 2025: day 7 is Monday 10 March.
    assert acknowledge_by(D(2025, 3, 3)) == D(2025, 3, 10)


def test_a_deadline_on_a_weekend_moves_to_monday() -> None:
    # Received Saturday 1 March 2025: day 7 is Saturday 8 March -> Monday 10 March.
    assert acknowledge_due(D(2025, 3, 1)) == D(2025, 3, 8)
    assert acknowledge_by(D(2025, 3, 1)) == D(2025, 3, 10)
    assert acknowledge_by(D(2025, 3, 2)) == D(2025, 3, 10)  # Sunday 9 March


def test_easter_monday_then_the_next_day() -> None:
    # 2025-04-14 + 7 = Monday 21 April, tweede Paasdag -> Tuesday 22 April.
    assert acknowledge_by(D(2025, 4, 14)) == D(2025, 4, 22)
    # Received Friday 11 April: day 7 is Friday 18 April, Goede Vrijdag, which is not a
    # holiday of the Algemene termijnenwet: not moved.
    assert acknowledge_by(D(2025, 4, 11)) == D(2025, 4, 18)


def test_ascension_and_whit_monday() -> None:
    assert acknowledge_by(D(2025, 5, 22)) == D(2025, 5, 30)  # Thu 29 May: Hemelvaartsdag
    # Sunday 1 June + 7 = Sunday 8 June (Pinksteren) -> Monday 9 June (tweede Pinksterdag)
    # -> Tuesday 10 June.
    assert acknowledge_by(D(2025, 6, 1)) == D(2025, 6, 10)


def test_koningsdag_on_saturday_26_april_2025_and_5_mei() -> None:
    # 19 April + 7 = Saturday 26 April (Koningsdag 2025) -> Monday 28 April.
    assert acknowledge_by(D(2025, 4, 19)) == D(2025, 4, 28)
    # 2026: Koningsdag Monday 27 April -> Tuesday 28 April.
    assert acknowledge_by(D(2026, 4, 20)) == D(2026, 4, 28)
    # 5 mei 2025 is a Monday: 28 April + 7 -> Tuesday 6 May.
    assert acknowledge_by(D(2025, 4, 28)) == D(2025, 5, 6)


def test_christmas_and_the_year_end() -> None:
    # 18 Dec + 7 = Thursday 25 Dec -> (26th, weekend) -> Monday 29 Dec 2025.
    assert acknowledge_by(D(2025, 12, 18)) == D(2025, 12, 29)
    # 24 Dec + 7 = Wednesday 31 Dec 2025: a working day.
    assert acknowledge_by(D(2025, 12, 24)) == D(2025, 12, 31)
    # 25 Dec + 7 = Thursday 1 Jan 2026 (Nieuwjaarsdag) -> Friday 2 Jan 2026.
    assert acknowledge_by(D(2025, 12, 25)) == D(2026, 1, 2)
    # 2026: 19 Dec + 7 = Saturday 26 Dec -> Sunday -> Monday 28 Dec.
    assert acknowledge_by(D(2026, 12, 19)) == D(2026, 12, 28)


def test_feedback_three_months_after_the_acknowledgement() -> None:
    # Acknowledged Tuesday 4 March 2025 -> Wednesday 4 June 2025.
    assert feedback_by(D(2025, 3, 1), D(2025, 3, 4)) == D(2025, 6, 4)
    # A late acknowledgement counts from when it was sent.
    assert feedback_by(D(2025, 3, 1), D(2025, 3, 20)) == D(2025, 6, 20)


def test_feedback_without_acknowledgement_counts_from_day_seven() -> None:
    # Received 1 March 2025, no acknowledgement: day 7 is 8 March (unshifted); plus three
    # months is Sunday 8 June 2025 (Pinksteren) -> 9 June is tweede Pinksterdag -> Tuesday
    # 10 June.
    assert feedback_due(D(2025, 3, 1)) == D(2025, 6, 8)
    assert feedback_by(D(2025, 3, 1)) == D(2025, 6, 10)
    # 3 March + 7 = 10 March -> 10 June 2025 (Tuesday).
    assert feedback_by(D(2025, 3, 3), None) == D(2025, 6, 10)


def test_months_clip_at_the_end_of_a_shorter_month() -> None:
    # 30 Nov 2025 + 3 months = 28 Feb 2026 (Saturday) -> Monday 2 March 2026.
    assert feedback_due(D(2025, 11, 25), D(2025, 11, 30)) == D(2026, 2, 28)
    assert feedback_by(D(2025, 11, 25), D(2025, 11, 30)) == D(2026, 3, 2)
    # 30 Nov 2023 + 3 months = 29 Feb 2024 (leap year, Thursday).
    assert feedback_by(D(2023, 11, 25), D(2023, 11, 30)) == D(2024, 2, 29)
    # 31 May 2025 + 3 months = 31 Aug 2025 (Sunday) -> Monday 1 Sep.
    assert feedback_by(D(2025, 5, 26), D(2025, 5, 31)) == D(2025, 9, 1)


def test_overdue_and_due_within() -> None:
    due = D(2025, 3, 10)
    assert not is_overdue(due, None, D(2025, 3, 10))  # the last day is still in time
    assert is_overdue(due, None, D(2025, 3, 11))
    assert not is_overdue(due, D(2025, 3, 12), D(2025, 3, 20))  # done, if late
    assert due_within(due, None, D(2025, 3, 3), 7)
    assert not due_within(due, None, D(2025, 3, 2), 7)
    assert not due_within(due, None, D(2025, 3, 11), 7)  # overdue, not "due"
    assert not due_within(due, D(2025, 3, 4), D(2025, 3, 3), 7)


def test_open_deadlines() -> None:
    received = D(2025, 3, 3)
    assert open_deadlines(received, None, None) == [
        ("acknowledge", D(2025, 3, 10)),
        ("feedback", D(2025, 6, 10)),
    ]
    assert open_deadlines(received, D(2025, 3, 4), None) == [("feedback", D(2025, 6, 4))]
    assert open_deadlines(received, D(2025, 3, 4), D(2025, 5, 1)) == []
    assert open_deadlines(received, None, D(2025, 5, 1), D(2025, 5, 2)) == []


days = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))


@given(days)
def test_a_moved_day_is_a_working_day_never_earlier_and_at_most_four_days_later(
    day: dt.date,
) -> None:
    moved = next_working_day(day)
    assert moved.weekday() < 5 and moved not in holidays(moved.year)
    assert is_working_day(moved)
    # Longest run: Christmas on a Friday... Sat 25, Sun 26 -> Mon 27 is a working day;
    # Thu 25, Fri 26, Sat, Sun -> Monday: four days.
    assert day <= moved <= day + dt.timedelta(days=4)


@given(days, st.one_of(st.none(), st.integers(min_value=0, max_value=60)))
def test_every_deadline_is_a_working_day_not_before_its_unshifted_date(
    received: dt.date, ack_after: int | None
) -> None:
    ack = acknowledge_by(received)
    assert is_working_day(ack) and acknowledge_due(received) <= ack
    assert ack <= acknowledge_due(received) + dt.timedelta(days=4)
    acknowledged = None if ack_after is None else received + dt.timedelta(days=ack_after)
    feedback = feedback_by(received, acknowledged)
    unshifted = feedback_due(received, acknowledged)
    assert is_working_day(feedback)
    assert unshifted <= feedback <= unshifted + dt.timedelta(days=4)
    assert feedback > ack - dt.timedelta(days=7)


@pytest.mark.parametrize("year", range(2020, 2031))
def test_eight_holidays_every_year(year: int) -> None:
    assert len(holidays(year)) == 8
