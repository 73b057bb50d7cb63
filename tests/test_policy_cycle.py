"""The integrity policy's own cycle (risks/settings.yaml policy_evaluation): overdue from
the day after last evaluation + interval, never on that day itself."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from pipelines.core.catalogue import Catalogue, PolicyEvaluationSettings
from pipelines.core.policy_cycle import add_months, evaluation_status


def settings_with(catalogue: Catalogue, last: dt.date, months: int = 24):
    cycle = PolicyEvaluationSettings(last_evaluated_on=last, interval_months=months)
    return catalogue.settings.model_copy(update={"policy_evaluation": cycle})


@pytest.mark.parametrize(
    ("last", "today", "overdue", "days"),
    [
        (dt.date(2024, 5, 14), dt.date(2026, 5, 14), False, 0),  # exactly 24 months
        (dt.date(2024, 5, 14), dt.date(2026, 5, 15), True, 1),  # one day more
        (dt.date(2024, 5, 14), dt.date(2026, 5, 13), False, 0),
        (dt.date(2024, 12, 31), dt.date(2026, 12, 31), False, 0),  # across a year end
        (dt.date(2024, 12, 31), dt.date(2027, 1, 1), True, 1),
        (dt.date(2024, 2, 29), dt.date(2026, 2, 28), False, 0),  # a leap day: its month's end
        (dt.date(2024, 2, 29), dt.date(2026, 3, 1), True, 1),
    ],
)
def test_overdue_from_the_day_after_the_interval_ends(
    catalogue: Catalogue, last: dt.date, today: dt.date, overdue: bool, days: int
) -> None:
    status = evaluation_status(settings_with(catalogue, last), today)
    assert (status.overdue, status.days_overdue) == (overdue, days)


def test_the_interval_is_data(catalogue: Catalogue) -> None:
    status = evaluation_status(
        settings_with(catalogue, dt.date(2025, 1, 10), 12), dt.date(2026, 1, 11)
    )
    assert status.due_on == dt.date(2026, 1, 10) and status.overdue


def test_the_policy_allows_at_most_two_years() -> None:
    with pytest.raises(ValidationError):
        PolicyEvaluationSettings(last_evaluated_on=dt.date(2025, 1, 1), interval_months=25)


def test_no_date_set_is_said_not_guessed(catalogue: Catalogue) -> None:
    settings = catalogue.settings.model_copy(update={"policy_evaluation": None})
    assert evaluation_status(settings, dt.date(2026, 1, 1)) is None


def test_the_catalogue_sets_the_date_within_the_policy(catalogue: Catalogue) -> None:
    cycle = catalogue.settings.policy_evaluation
    assert cycle is not None and cycle.interval_months <= 24
    rule = next(r for r in catalogue.code_rules if r.id == "CODE-POLICY-REVIEW")
    assert cycle.interval_months <= 12 * rule.max_years_between_reviews


def test_add_months_keeps_the_day_or_the_months_end() -> None:
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 11, 30), 3) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 5, 14), 24) == dt.date(2026, 5, 14)
