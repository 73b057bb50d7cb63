"""A refused file's examples carry a value as far as it is shown (SHOWN_CHARS, and one
more to say it is cut), not the whole cell: a value of 200 MB, read distinct for the
examples, ran the refused file's report out of memory, a traceback (helper-269 F6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.quarantined import SHOWN_CHARS
from tests.ingesthelpers import ingest_only


def test_a_refused_files_example_holds_the_value_as_far_as_it_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RADAR_PSEUDONYM_KEY", "k" * 32)
    path = tmp_path / "vehicle_use.csv"
    path.write_text(f"employee_key;year;private_km\nE1;2025;{'9' * 5_000_000}x\nE2;2025;12\n")
    [result] = ingest_only(tmp_path / "home" / "warehouse.duckdb", [path])
    assert (result.error, result.failed) == (None, True)
    [example] = result.examples
    assert example.value == "9" * (SHOWN_CHARS + 1)
    assert "(ingekort)" in example.reason
