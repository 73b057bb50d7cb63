"""A kill in the middle of an ingest leaves the previous warehouse exactly as it was."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines.build.builder import build
from tests.readers import reading

ORG = "org_unit;name;parent_unit;level\nWH;Woonstichting;;organisatie\nVH-N;Verhuur Noord;WH;team\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def big_survey(path: Path, rows: int) -> Path:
    lines = ["respondent_key;wave_date;org_unit;item_code;answer"]
    # one answer per respondent and item (a key twice in one file is quarantined)
    lines += [f"R{i // 3};15-03-2026;VH-N;CLA{1 + i % 3};{1 + i % 5}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_killing_ingest_midway_leaves_the_warehouse_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    env = {**os.environ, "RADAR_HOME": str(home)}
    warehouse = home / "warehouse.duckdb"
    org = tmp_path / "org_units.csv"
    org.write_text(ORG, "utf-8")
    build(path=warehouse, inputs=[org])
    before = digest(warehouse)
    survey = big_survey(tmp_path / "survey.csv", 300_000)

    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli.main", "ingest", str(survey), "--quiet"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not list(home.glob(".warehouse.duckdb.*.tmp")):
        assert proc.poll() is None, "ingest ended before it could be interrupted"
        assert time.monotonic() < deadline, "ingest never started writing"
        time.sleep(0.02)
    time.sleep(0.5)
    assert proc.poll() is None, "ingest finished before the kill: make the input bigger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    assert digest(warehouse) == before
    with reading(str(warehouse)) as con:
        assert con.execute("select count(*) from raw_survey_responses").fetchone() == (0,)
        assert con.execute("select count(*) from ingest_log").fetchone() == (1,)

    # The next ingest is not blocked by the killed one and cleans up its copy.
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.cli.main", "ingest", str(survey), "--quiet"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with reading(str(warehouse)) as con:
        assert con.execute("select count(*) from raw_survey_responses").fetchone() == (300_000,)
    assert list(home.glob(".warehouse.duckdb.*")) == []
