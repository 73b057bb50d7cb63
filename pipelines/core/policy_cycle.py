"""The integrity policy's own cycle: evaluated at least every two years (the policy's
introduction; risks/code_rules.yaml CODE-POLICY-REVIEW). ``evaluation_status`` compares
today with the date in risks/settings.yaml (policy_evaluation.last_evaluated_on) plus its
interval; the Overzicht and the RvC page show the result, a warning when overdue."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from pipelines.core.catalogue import Settings
from pipelines.core.clock import today_here


@dataclass(frozen=True)
class PolicyEvaluation:
    last_evaluated_on: dt.date
    interval_months: int
    due_on: dt.date
    overdue: bool
    days_overdue: int


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day when it has no such day
    (29 February plus 12 months is 28 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def evaluation_status(settings: Settings, today: dt.date | None = None) -> PolicyEvaluation | None:
    """When the next evaluation is due and whether it is overdue (None: no date set).
    Due on the day the interval ends; overdue from the day after."""
    cycle = settings.policy_evaluation
    if cycle is None:
        return None
    today = today or today_here()
    due = add_months(cycle.last_evaluated_on, cycle.interval_months)
    late = max((today - due).days, 0)
    return PolicyEvaluation(cycle.last_evaluated_on, cycle.interval_months, due, late > 0, late)
