"""A number or a date is read as it shows: the invisible characters a web page, a chat or
Outlook pastes with it (a zero-width space, a byte order mark, a word joiner,
direction marks and isolates) are no part of it, as they are no
part of a key or a code (lookups.lookup; helper-282: 1234,56 and 01-10-2026 so were
refused, a zero-width space named as a foreign currency). A mark that may show or turn
the digits round (a soft hyphen, an override, an invisible separator: helper-284) and a
visible one stay refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # the fixtures, imported for pytest

HEADER = "employee_key;received_on;giver_type;gift_type;value_eur\n"
DAY = "01-10-2026"

# (value_eur, received_on, read): each mark before, after or inside the cell
CELLS = [
    ("1234,56\u200b", DAY, True),  # zero-width space
    ("\u200b1234,56", DAY, True),
    ("\ufeff1234,56", DAY, True),  # byte order mark
    ("1234,56\u2060", DAY, True),  # word joiner
    ("12\u00ad34,56", DAY, False),  # a soft hyphen may show as a minus: refused
    ("\u00ad125,50", DAY, False),  # helper-284: was read as +125,50
    ("1.234,56\u200e", DAY, True),  # left-to-right mark
    ("\u20661.234,56\u2069", DAY, True),  # an isolate and its end
    ("\u202e65,4321", DAY, False),  # an override turns it round: shows 1234,56
    ("\u202a1.234,56\u202c", DAY, True),  # left-to-right, as Windows pastes it (helper-285)
    ("\u061c1234,56", DAY, True),  # the Arabic letter mark: no digit turned
    ("\u202b1234,56\u202c", DAY, False),  # right-to-left: refused
    ("12\u206334,56", DAY, False),  # an invisible separator between digits
    ("1234,56", "\u200b" + DAY, True),
    ("1234,56", DAY + "\ufeff", True),
    ("1234,56", "\u2068" + DAY + "\u2069", True),
    ("1234,56", "\u202e" + DAY, False),
    ("1234,56", DAY + "\u200e", True),
    ("1234,56\u0301", DAY, False),  # a combining accent shows: not read
    ("1234,56", DAY + "\u00b7", False),  # a middle dot shows: not read
]


@pytest.fixture
def loaded(home: Path, tmp_path: Path) -> tuple[dict, dict]:
    rows = "".join(
        f"e{i};{day};leverancier;geld;{value}\n" for i, (value, day, _) in enumerate(CELLS)
    )
    run(home, write(tmp_path / "in" / "gifts.csv", HEADER + rows))
    held = {line: reason for line, reason in query(home, "select line, reason from quarantine")}
    kept = dict(
        (
            (line, (value, day))
            for line, value, day in query(
                home, "select _source_line, value_eur, received_on from raw_gifts"
            )
        )
    )
    return kept, held


def test_invisible_marks_in_a_number_or_a_date_are_no_part_of_it(loaded: tuple) -> None:
    kept, held = loaded
    for line, (value, day, read) in enumerate(CELLS, start=2):
        if read:
            assert kept.get(line) == (1234.56, dt.date(2026, 10, 1)), (value, day, held)
            assert line not in held
        else:
            assert line not in kept and line in held, (value, day, kept)
