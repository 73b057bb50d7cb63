"""The attacker's search over the large demo (about 5,000 employees): `make validate`.

Too slow for `make test` (it builds the large demo), so marked ``validate`` and left out
of the default run. Prints what it searched, for the closing note and the README.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.reports.parquet import export_marts
from tests.conftest import build_demo_home
from tests.privacy_attack import attack
from tests.privacy_attack import report as attack_report
from tests.readers import reading
from tests.test_differencing import BEFORE_FIX, copy_home, rerun_protection

pytestmark = pytest.mark.validate


@pytest.fixture(scope="module")
def large_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_home(tmp_path_factory.mktemp("large_home"), size="large")


def searched(home: Path) -> str:
    with reading(str(home / "warehouse.duckdb")) as con:
        shown, hidden = con.execute(
            "select count(*) filter (where not suppressed), count(*) filter (where suppressed) "
            "from (select distinct indicator_id, period_type, period, org_unit_id, suppressed "
            "from report_indicators)"
        ).fetchone()
    return f"{shown} shown and {hidden} suppressed cells"


def test_nothing_can_be_solved_on_the_large_demo(large_home: Path, tmp_path: Path) -> None:
    export_marts(tmp_path / "bi", path=large_home / "warehouse.duckdb")
    found = attack(large_home, export_dir=tmp_path / "bi")
    print(f"\nlarge demo, quarters: {searched(large_home)}, {len(found)} recoverable")
    assert found == [], attack_report(found)


def test_nothing_can_be_solved_on_the_large_demo_with_months(
    large_home: Path, tmp_path: Path
) -> None:
    home = copy_home(large_home, tmp_path / "home")
    rerun_protection(home, publish_months=True)
    found = attack(home)
    print(f"\nlarge demo, months too: {searched(home)}, {len(found)} recoverable")
    assert found == [], attack_report(found)


def test_the_models_before_the_fix_leak_on_the_large_demo(large_home: Path, tmp_path: Path) -> None:
    home = copy_home(large_home, tmp_path / "home")
    rerun_protection(home, sql=BEFORE_FIX.read_text("utf-8"), publish_months=True)
    found = attack(home)
    kinds = {w: sum(f.what == w for f in found) for w in ("suppressed_cell", "own_members")}
    print(f"\nlarge demo, models before the fix: {searched(home)}, recoverable: {kinds}")
    assert found
