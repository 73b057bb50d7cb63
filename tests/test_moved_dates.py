"""A register without record ids under covers: a re-export that corrects a row's date
into a period it does not cover leaves the older export's row counting there, beside
its own; said as a question where the row is alike in every column read but the date,
a few days off or the same day a year apart (helper-283: a gift typed 30-12-2025 and
corrected to 02-01-2026 counted in both years; pipelines/ingest/moved_dates.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_covered_order import gifts_in
from tests.test_ingest import home, org_home, write
from tests.test_reexports import GIFT_HEADER, query_at
from tests.test_reexports_covers import mapping, notes_of

__all__ = ["home", "org_home"]  # fixtures used here

OTHERS = (
    "200;10-11-2025;leverancier;etentje;45;nee;geaccepteerd\n"
    "201;15-12-2025;huurder;tegoedbon;20;nee;geweigerd\n"
)
SAID = "gelijk in elke kolom maar met een andere received_on"


def gift(day: str, value: int = 35) -> str:
    return f"100;{day};leverancier;goederen;{value};nee;geaccepteerd\n"


@pytest.mark.parametrize(
    ("before", "after", "said"),
    [
        ("30-12-2025", "02-01-2026", True),  # across New Year, 3 days
        ("02-01-2025", "02-01-2026", True),  # the year typed wrong
        ("26-12-2025", "02-01-2026", True),  # 7 days: the limit
        ("25-12-2025", "02-01-2026", False),  # 8 days: past it
        ("15-06-2025", "02-01-2026", False),  # another gift
    ],
)
def test_a_date_corrected_into_a_period_not_covered_is_said(
    home: Path, tmp_path: Path, before: str, after: str, said: bool
) -> None:
    folder = tmp_path / "in"
    covers = mapping(folder, "year")
    last_year = write(folder / "geschenken_20260110.csv", GIFT_HEADER + OTHERS + gift(before))
    gifts_in(home, [last_year], [covers])
    this_year = write(folder / "geschenken_20260201.csv", GIFT_HEADER + gift(after))
    gifts_in(home, [this_year], [covers])
    notes = notes_of(home, "geschenken_20260201.csv")
    assert (SAID in notes) == said, notes
    if said:
        assert f"1 rij(en) van deze export staan ook in {last_year}" in notes
        assert f"received_on ({before} en verder)" in notes
    # what the note says: both count, one in each year
    counted = query_at(home / "w.duckdb", "select count(*) from stg_registers__gifts")[0][0]
    assert counted == 4


def test_an_other_value_is_no_moved_date(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    covers = mapping(folder, "year")
    last_year = write(folder / "geschenken_20260110.csv", GIFT_HEADER + gift("30-12-2025"))
    gifts_in(home, [last_year], [covers])
    this_year = write(folder / "geschenken_20260201.csv", GIFT_HEADER + gift("02-01-2026", 36))
    gifts_in(home, [this_year], [covers])
    assert SAID not in notes_of(home, "geschenken_20260201.csv")


def test_a_date_within_the_periods_it_covers_is_replaced_and_not_said(
    home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    covers = mapping(folder, "month")
    march = write(folder / "geschenken_20260401.csv", GIFT_HEADER + gift("30-03-2026"))
    gifts_in(home, [march], [covers])
    both = gift("30-03-2026").replace("100;30", "101;29") + gift("02-04-2026")
    again = write(folder / "geschenken_20260502.csv", GIFT_HEADER + both)
    gifts_in(home, [again], [covers])
    assert SAID not in notes_of(home, "geschenken_20260502.csv")
