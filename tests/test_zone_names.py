"""The Netherlands' own clock by its other names, and Java's zone after its offset
(helper-282: refused as no date, so an API's export was refused whole): MET and MEZ
(Midden-Europese Tijd, Mitteleuropäische Zeit) and the region's name Europe/Amsterdam
after a time are CET; in Java's ZonedDateTime (2026-02-28T23:30+01:00[Europe/Amsterdam])
the offset says the moment and the region in brackets is left out. A region without an
offset is not guessed (dates.OUR_CLOCK, dates.ZONE_REGION)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # the fixtures, imported for pytest

HEADER = "employee_key;received_on;giver_type;gift_type;value_eur\n"
# (received_on as written, the Dutch day it is, or None: refused)
CELLS = [
    ("2026-02-28T23:30+01:00[Europe/Amsterdam]", dt.date(2026, 2, 28)),
    ("2026-07-15T23:30+02:00[Europe/Amsterdam]", dt.date(2026, 7, 15)),
    ("2026-02-28T23:30+0100[Europe/Amsterdam]", dt.date(2026, 2, 28)),
    ("2026-02-28T23:30Z[UTC]", dt.date(2026, 3, 1)),  # 00:30 in the Netherlands
    ("2026-02-28T23:30:00-05:00[America/New_York]", dt.date(2026, 3, 1)),
    ("2026-10-01T23:30+02:00[Etc/GMT-2]", dt.date(2026, 10, 1)),  # digits (helper-285)
    ("2026-02-28 23:30:00 Europe/Amsterdam", dt.date(2026, 2, 28)),
    ("28-02-2026 23:30 MET", dt.date(2026, 2, 28)),
    ("28-02-2026 23:30 (MET)", dt.date(2026, 2, 28)),
    ("28-02-2026 23:30 MEZ", dt.date(2026, 2, 28)),
    ("28-02-2026 23:30 CET", dt.date(2026, 2, 28)),  # as before
    ("28-02-2026 23:30 Europe/London", None),  # another region: not guessed
    ("28-02-2026 23:30 (MET", None),  # a bracket not closed (helper-284)
    ("2026-02-28T23:30[America/New_York]", None),  # a region without its offset
    ("2026-02-28T23:30+01:00[Europe/Amsterdam] x", None),
]


def test_our_clock_by_its_other_names_and_javas_zone_after_an_offset(
    home: Path, tmp_path: Path
) -> None:
    rows = "".join(f"e{i};{cell};leverancier;geld;25\n" for i, (cell, _) in enumerate(CELLS))
    run(home, write(tmp_path / "in" / "gifts.csv", HEADER + rows))
    kept = dict(query(home, "select _source_line, received_on from raw_gifts"))
    held = dict(query(home, "select line, reason from quarantine where \"column\" = 'received_on'"))
    for line, (cell, day) in enumerate(CELLS, start=2):
        if day is None:
            assert line in held and line not in kept, (cell, kept.get(line))
        else:
            assert kept.get(line) == day and line not in held, (cell, kept.get(line), held)
