"""A number past what any context holds (1E1000000, a million digits) is no number: its
row is quarantined, and the run goes on. helper-254 F3: abs() of it raised
decimal.Overflow, which stopped `radar ingest` with a traceback, loading nothing of any
file of the run (pipelines/ingest/parsing.parse_number)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipelines.ingest.parsing import parse_number
from tests.test_ingest import query, run, write

HUGE = ["1E1000000", "-1e999999", "1" + "0" * 1_048_576, "9" * 400]


def test_a_number_past_every_exponent_is_no_number() -> None:
    parsed = parse_number(pd.Series([*HUGE, "12,5"]), "nl", False, None)
    assert parsed.invalid.tolist() == [True] * len(HUGE) + [False]
    assert parsed.values.iloc[-1] == 12.5


def test_its_row_is_quarantined_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    header = "employee_key,received_on,giver_type,gift_type,value_eur\n"
    rows = "".join(f"e{i},10-03-2025,huurder,geld,{h}\n" for i, h in enumerate(HUGE))
    huge = write(tmp_path / "a" / "gifts.csv", header + rows + "e9,10-03-2025,huurder,geld,10\n")
    plain = write(tmp_path / "b" / "gifts.csv", header + "e3,11-03-2025,huurder,geld,20\n")
    results = run(home, huge, plain)
    assert [r.error for r in results] == [None, None]
    held = query(home, "select line, reason_code from quarantine order by line")
    assert held == [(line, "wrong_type") for line in range(2, 2 + len(HUGE))]
    assert sorted(query(home, "select employee_key is not null from raw_gifts")) == [(True,)] * 2
