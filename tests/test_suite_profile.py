"""bench/suite_profile.py: a test run with the plugin leaves a profile per process that
pstats reads, holding the tests' own functions."""

from __future__ import annotations

import os
import pstats
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_a_run_with_the_plugin_leaves_a_profile_of_its_tests(tmp_path: Path) -> None:
    (tmp_path / "test_sample.py").write_text(
        "def spends_a_little():\n    return sum(range(10_000))\n\n\n"
        "def test_sample():\n    assert spends_a_little() == 49_995_000\n",
        "utf-8",
    )
    out = tmp_path / "profiles"
    env = {**os.environ, "RADAR_SUITE_PROFILE": str(out), "PYTHONPATH": str(REPO / "bench")}
    env.pop("PYTEST_XDIST_WORKER", None)  # this run is one process: main.prof
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "suite_profile", "-p", "no:cacheprovider",
         "-o", "addopts=", str(tmp_path / "test_sample.py")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert [p.name for p in out.iterdir()] == ["main.prof"]
    functions = {name for _, _, name in pstats.Stats(str(out / "main.prof")).stats}
    assert {"spends_a_little", "test_sample"} <= functions
