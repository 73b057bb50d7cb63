"""Where the tests' time goes: a pytest plugin that runs cProfile in each process of a test
run (each xdist worker) and writes its profile at the end.

    RADAR_SUITE_PROFILE=/tmp/suiteprof PYTHONPATH=bench \
        .venv/bin/python -m pytest -n 3 --dist loadfile -p suite_profile -q
    .venv/bin/python -c "import pstats, glob; pstats.Stats(*glob.glob('/tmp/suiteprof/*.prof'))\
.sort_stats('cumulative').print_stats('pipelines/', 40)"

A profile, not a timing: cProfile slows Python (pandas, the cells' readings) more than
DuckDB's own work, so its shares are a guide to what a test run spends most on (the
README's Performance section quotes one), not seconds to compare with ``make test``.
"""

from __future__ import annotations

import cProfile
import os
from pathlib import Path

import pytest

_profile = cProfile.Profile()


def pytest_sessionstart(session: pytest.Session) -> None:
    _profile.enable()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _profile.disable()
    folder = Path(os.environ.get("RADAR_SUITE_PROFILE", "suite-profile"))
    folder.mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    _profile.dump_stats(str(folder / f"{worker}.prof"))
