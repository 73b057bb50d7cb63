"""`make test` runs the first two and the last spelling of a ``variants`` list, `make
validate` (``-m variant``) the others, and the two together run every case once
(tests/variants.py). Checked on pytest's own collection of a real list: the Dutch
booleans of tests/test_ingest.py, ten spellings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LIST = "tests/test_ingest.py::test_dutch_booleans_are_read"
SPELLINGS = ["ja", "Nee", "j", "N", "1", "0", "true", "FALSE", "waar", "onwaar"]


def collected(*marker: str) -> list[str]:
    """The cases of LIST that pytest collects with ``-m`` as given (none: the addopts'
    ``-m 'not validate'`` of `make test`)."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist", *marker, LIST],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode in (0, 5), run.stdout + run.stderr  # 5: nothing collected
    cases = [line.split("[", 1)[1] for line in run.stdout.splitlines() if "[" in line]
    return [case.rsplit("-", 1)[0] for case in cases]  # "ja-True]": the spelling


@pytest.fixture(scope="module")
def split() -> tuple[list[str], list[str]]:
    return collected(), collected("-m", "variant")


def test_make_test_runs_the_first_two_spellings_and_the_last(split) -> None:
    in_make_test, _ = split
    assert in_make_test == ["ja", "Nee", "onwaar"]


def test_make_validate_runs_every_other_spelling_once(split) -> None:
    in_make_test, in_validate = split
    assert in_validate == SPELLINGS[2:-1]
    assert sorted(in_make_test + in_validate) == sorted(SPELLINGS)
