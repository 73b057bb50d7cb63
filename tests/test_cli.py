"""The radar command line, run as a user runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.cli.main import main
from pipelines.core.catalogue import DEFAULT_CATALOGUE_DIR, Catalogue

RADAR = [sys.executable, "-m", "pipelines.cli.main"]
# radar speaks Dutch unless LANG/LC_ALL (or --lang) says English (tests/test_cli_language.py)
DUTCH_ENV = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL")}


def test_radar_help_names_its_commands() -> None:
    out = subprocess.run(
        [*RADAR, "--help"], capture_output=True, text=True, check=True, env=DUTCH_ENV
    ).stdout
    assert "gebruik: radar" in out
    for command in ("catalogue", "build"):
        assert command in out


HEAVY = ("pandas", "numpy", "duckdb", "pydantic", "reportlab", "scipy", "argon2")


@pytest.mark.parametrize("args", [["--help"], ["users", "--help"], ["report", "--help"]])
def test_radar_help_loads_no_heavy_library(args: list[str]) -> None:
    """Help is quick because it imports none of the data libraries (issue 15: radar --help
    under 0.5 s; make bench times it): they load when a command runs."""
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['radar', *{args!r}]\n"
        "try:\n    runpy.run_module('pipelines.cli.main', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=DUTCH_ENV
    ).stdout
    assert out.strip().splitlines()[-1] == "[]", out
    assert "gebruik: radar" in out


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """radar catalogue | head: the pipe is closed before radar writes; it stops quietly
    with 141 (128 + SIGPIPE), as cat would, and never prints a BrokenPipeError."""
    done = subprocess.Popen(
        [*RADAR, "catalogue"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=DUTCH_ENV
    )
    done.stdout.close()  # before radar has written a line
    stderr = done.stderr.read().decode()
    assert done.wait() == 141, stderr
    assert stderr == ""


def test_a_command_still_reports_its_errors_as_radar_lines(tmp_path: Path) -> None:
    """With the errors imported lazily, a user error is still "radar: ..." with exit 2."""
    broken = tmp_path / "risks"
    shutil.copytree(DEFAULT_CATALOGUE_DIR, broken)
    (broken / "settings.yaml").write_text("privacy: [\n", encoding="utf-8")
    done = subprocess.run(
        [*RADAR, "catalogue", "--dir", str(broken)], capture_output=True, text=True
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("radar: "), done.stderr
    assert "Traceback" not in done.stderr


def test_radar_catalogue_lists_the_19_risks_in_register_order(
    capsys: pytest.CaptureFixture[str], catalogue: Catalogue
) -> None:
    assert main(["catalogue"]) == 0
    lines = capsys.readouterr().out.splitlines()
    risk_rows = [line.split()[0] for line in lines[1 : lines.index("")]]
    assert risk_rows == [r.id for r in catalogue.risks_in_order()]
    assert len(risk_rows) == 19
    assert "19 risico's" in lines[-1]
    assert "Machtsafstand" in "\n".join(lines)


def test_radar_catalogue_in_english_as_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalogue", "--lang", "en", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id,category,name,impact,likelihood,appetite")
    assert len(lines) == 20
    assert lines[1].startswith("RF1,Strategic red flags,Power distance,")


def test_a_broken_catalogue_exits_2_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "risks"
    shutil.copytree(DEFAULT_CATALOGUE_DIR, broken)
    (broken / "settings.yaml").write_text("privacy: {min_group_size: 1}\n", "utf-8")
    assert main(["catalogue", "--dir", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"radar: {broken / 'settings.yaml'}:1, veld privacy.min_group_size")
    assert main(["--lang", "en", "catalogue", "--dir", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"radar: {broken / 'settings.yaml'}:1, field privacy.min_group_size")
