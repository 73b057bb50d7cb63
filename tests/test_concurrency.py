"""A build running while people use the dashboard: nothing blocks, nothing breaks.

`radar build` runs in its own process on a copy of the demo while every page is rendered
again and again (AppTest) and the register is edited; pages keep showing the last complete
build, the register write lands, and after the build the pages read the new warehouse.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.pages import PAGE_FILES
from pipelines.core.catalogue import Catalogue
from pipelines.core.warehouse import read_connection
from pipelines.register.store import Register
from tests.apphelpers import run_app


@pytest.fixture
def home(tmp_path: Path, demo_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(demo_home, copy)
    monkeypatch.setenv("RADAR_HOME", str(copy))
    return copy


def test_pages_render_and_the_register_takes_edits_while_a_build_runs(
    home: Path, catalogue: Catalogue
) -> None:
    warehouse = home / "warehouse.duckdb"
    before = warehouse.stat().st_ino
    sessions = {page: run_app(page) for page in PAGE_FILES}  # opened before the build
    for page, at in sessions.items():
        assert not at.exception, page

    held = read_connection()  # a reader that keeps its connection open all along
    held.execute("select count(*) from report_risk_scores").fetchone()
    build = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli.main", "build"],
        env={**os.environ, "RADAR_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    renders, edited = 0, False
    try:
        while build.poll() is None:
            for page, at in sessions.items():
                at.run()
                assert not at.exception, f"{page} broke during a build: {at.exception}"
                renders += 1
            with read_connection() as con:  # a reader is never locked out
                assert con.execute("select count(*) from dim_risks").fetchone() == (19,)
            if not edited:
                register = Register(catalogue)
                register.update_risk("G2", {"impact": 1}, version=1, actor="Anna")
                edited = True
    finally:
        output = build.communicate(timeout=300)[0]
        held.close()
    assert build.returncode == 0, output
    assert renders >= len(PAGE_FILES), "the build ended before the pages were rendered once"
    assert warehouse.stat().st_ino != before, "the build did not publish a new warehouse"
    assert Register(catalogue).risks().set_index("risk_id").loc["G2", "impact"] == 1

    for page, at in sessions.items():  # the same sessions read the new build
        at.run()
        assert not at.exception, page
