"""A re-sent export after a newer one (helper-190 D8): the same content is not read
again, so the newer export keeps counting for the keys both hold. The skip says so, with
the way out, when the file was written after its ingest (saved, copied or downloaded
again); a folder read again (its files as they were) says nothing more than before."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelines.cli.main import main
from tests.test_ingest import query, run, write

HEADER = "org_unit;name;parent_unit;level\n"
UNITS = "WH;Woonstichting;;organisatie\nVH;Verhuur;WH;afdeling\nVG;Vastgoed;WH;afdeling\n"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    return home


def ingested_at(home: Path, path: Path) -> float:
    [(at,)] = query(home, f"select ingested_at from ingest_log where source_file = '{path}'")
    return at.timestamp()


def resent(home: Path, path: Path, seconds: float) -> str:
    """``path`` ingested again, written ``seconds`` after its first ingest: its summary."""
    at = ingested_at(home, path) + seconds
    os.utime(path, (at, at))
    [result] = run(home, path)
    assert result.skipped
    return result.summary()


def test_a_resent_export_is_told_which_newer_export_counts_and_the_way_out(
    home: Path, tmp_path: Path
) -> None:
    first = write(tmp_path / "a" / "org_units.csv", HEADER + UNITS)
    wrong = write(tmp_path / "b" / "org_units.csv", HEADER + UNITS.replace("Verhuur", "Fout"))
    run(home, first)
    run(home, wrong)
    # a folder read again: the file as it was at its ingest, nothing more said
    assert resent(home, first, -1) == f"{first}: al ingelezen (zelfde inhoud), niets gewijzigd"
    said = resent(home, first, 1)  # written again since: a re-send
    assert said.startswith(f"{first}: al ingelezen (zelfde inhoud), niets gewijzigd\n  let op: ")
    assert f"3 sleutel(s) van deze export tellen nu uit {wrong}, later ingelezen" in said
    assert f"trek {wrong} dan in (radar withdraw {wrong} --by NAAM)" in said
    # the newest of the dataset (nothing after it): nothing more said
    assert "let op" not in resent(home, wrong, 1)
    # the wrong one withdrawn: the re-send counts again, nothing to say
    assert main(["withdraw", str(wrong), "--by", "R. de Vries"]) == 0
    assert "let op" not in resent(home, first, 2)


def test_a_newer_export_without_any_of_its_keys_is_not_named(home: Path, tmp_path: Path) -> None:
    first = write(tmp_path / "a" / "org_units.csv", HEADER + UNITS)
    other = write(tmp_path / "b" / "org_units.csv", HEADER + "XX;Elders;;organisatie\n")
    run(home, first)
    run(home, other)
    assert "let op" not in resent(home, first, 1)
