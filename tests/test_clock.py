"""The ingest's "today" is the Dutch date (helper-160: with the server's UTC date, a gift
at 2026-12-04T23:10:00Z, read as 5 December here, was quarantined as in the future)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines.core.clock import today_here
from tests.test_ingest import home, org_home, quarantined, run, write

__all__ = ["home", "org_home"]  # fixtures used here


@pytest.mark.parametrize(
    ("utc", "here"),
    [
        ("2026-12-04T22:59:59", "2026-12-04"),  # 23:59:59 CET
        ("2026-12-04T23:00:00", "2026-12-05"),  # midnight CET
        ("2026-07-31T21:59:59", "2026-07-31"),  # 23:59:59 CEST
        ("2026-07-31T22:00:00", "2026-08-01"),  # midnight CEST
    ],
)
def test_today_is_the_dutch_date(utc: str, here: str) -> None:
    now = dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC)
    assert today_here(now) == dt.date.fromisoformat(here)


def test_a_gift_of_the_dutch_today_is_no_future_and_of_the_day_after_it_is(
    home: Path, tmp_path: Path
) -> None:
    today = today_here()
    rows = "".join(
        f"G{i};E{i};{day:%d-%m-%Y};25\n"
        for i, day in enumerate((today, today + dt.timedelta(days=1)), start=1)
    )
    data = write(
        tmp_path / "geschenken.csv", "record_id;employee_key;received_on;value_eur\n" + rows
    )
    run(home, data)
    assert [(q[0], q[1]) for q in quarantined(home, "gifts")] == [(3, "received_on")]
