"""A department under a department (a directie or sector exported as afdeling): picking
the upper one on the Uitzonderingen page shows the exceptions of the ones below it too,
as its scores roll them up (helper-141: the page filtered on the nearest department
alone, so picking DIR left out everything under VH). dashboard/filters.within."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.filters import within
from tests.test_ingest import run_built, write

TREE = (
    "org_unit;name;parent_unit;level\nWH;Woonstichting;;organisatie\n"
    "DIR;Directie Wonen;WH;afdeling\nVH;Verhuur;DIR;afdeling\nVH-N;Verhuur Noord;VH;team\n"
    "ST;Staf;WH;afdeling\nST-1;Secretariaat;ST;team\n"
)


@pytest.fixture
def tree_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("RADAR_HOME", str(home))
    monkeypatch.setenv("RADAR_PSEUDONYM_KEY", "tests-key-0123456789")
    run_built(home, write(tmp_path / "in" / "org_units.csv", TREE))
    return home


def test_a_department_holds_the_departments_below_it(tree_home: Path) -> None:
    assert within("DIR") == {"DIR", "VH", "VH-N"}
    assert within("VH") == {"VH", "VH-N"}
    assert within("ST") == {"ST", "ST-1"}
