"""The attacker against KRI-REG-MELD-RATE: per-unit quarterly meldingen counts rebuilt
from the 12-month windows the DT and the RvC can read (issue 17, privacy review).

The KRI's numerator is a rolling 12-month count of reports per unit, so whoever reads it
per quarter rebuilds every quarter's count of that unit:
Q(t) = R(t) - R(t-1) + Q(t-4), starting where the register starts (R = Q there). The
attacker below reads every published mart of the built small demo (the warehouse, as the
dashboard does) and the Parquet export (`radar export`), takes every quarter row of the
KRI that carries a numerator, and rebuilds what it can.

The KRI is aggregate-only (risks/indicators.yaml): no team rows are published, and a cell
over fewer than max(k, min_n) = 50 people is suppressed with the complementary rules. So
the rebuilt counts are the organisation's (not protected: README, Privacy) and those of
departments of at least 50 people (published by design: the issue asks for the rate of
units of at least the minimum size). Switched back off on a copy of the catalogue, the same
attacker rebuilds per-team quarterly counts, and they match the register.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines.build.builder import rescore
from pipelines.build.models import published_marts
from pipelines.core.catalogue import Catalogue, load_catalogue
from pipelines.reports.parquet import export_marts

KRI = "KRI-REG-MELD-RATE"
COLUMNS = {"indicator_id", "period", "org_unit_id", "numerator"}


def the_kri(cat: Catalogue):  # noqa: ANN201
    return next(i for i in cat.indicators if i.id == KRI)


def quarter_index(period: str) -> int:
    year, q = period.split("-Q")
    return int(year) * 4 + int(q) - 1


def published_windows(home: Path, export_dir: Path) -> dict[tuple[str, str], float]:
    """(unit, quarter) -> the 12-month numerator, from every mart and Parquet file."""
    windows: dict[tuple[str, str], float] = {}
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    sources = [f"select * from {mart}" for mart in published_marts(con)]
    sources += [
        f"select * from read_parquet('{p}')"
        for p in export_marts(export_dir, path=home / "warehouse.duckdb")
        if p.suffix == ".parquet"
    ]
    for source in sources:
        columns = {r[0] for r in con.execute(f"describe {source}").fetchall()}
        if not COLUMNS <= columns:
            continue
        quarter = "and period_type = 'quarter'" if "period_type" in columns else ""
        rows = con.execute(
            f"select distinct org_unit_id, period, numerator from ({source}) "
            f"where indicator_id = '{KRI}' and numerator is not null and period like '%-Q%' "
            f"{quarter}"
        ).fetchall()
        for unit, period, numerator in rows:
            assert windows.setdefault((unit, period), numerator) == numerator
    con.close()
    return windows


def rebuild(windows: dict[tuple[str, str], float]) -> dict[tuple[str, str], int]:
    """(unit, quarter) -> the count the attacker rebuilds: Q(t) = R(t) - R(t-1) + Q(t-4),
    with nothing before the first quarter any unit publishes (the register's start)."""
    start = min(quarter_index(p) for _, p in windows)
    by_unit: dict[str, dict[int, float]] = {}
    for (unit, period), value in windows.items():
        by_unit.setdefault(unit, {})[quarter_index(period)] = value
    found: dict[tuple[str, str], int] = {}
    for unit, r in by_unit.items():
        q: dict[int, float] = {}
        for t in sorted(r):
            before = 0.0 if t - 1 < start else r.get(t - 1)
            year_ago = 0.0 if t - 4 < start else q.get(t - 4)
            if before is None or year_ago is None:
                continue
            q[t] = r[t] - before + year_ago
            found[(unit, f"{t // 4}-Q{t % 4 + 1}")] = round(q[t])
    return found


def unit_facts(home: Path) -> tuple[dict[str, str], dict[tuple[str, str], int]]:
    """The units' levels and their real size per quarter (n before suppression)."""
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    levels = dict(con.execute("select org_unit_id, org_level from dim_org_units").fetchall())
    sizes = {
        (u, p): n
        for u, p, n in con.execute(
            "select org_unit_id, period, n from int_indicators__scored "
            f"where indicator_id = '{KRI}' and period_type = 'quarter'"
        ).fetchall()
    }
    con.close()
    return levels, sizes


def true_counts(home: Path) -> pd.DataFrame:
    """Reports per unit (where they were placed) and quarter, from the built events."""
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    frame = con.execute(
        "select org_unit_id, strftime(month_start, '%Y') || '-Q' "
        "|| cast(quarter(month_start) as varchar) as period, sum(numerator) as n "
        f"from int_kri__meldingen where indicator_id = '{KRI}' and subject_id is null "
        "group by all"
    ).df()
    con.close()
    return frame


def test_the_attacker_finds_no_team_and_no_department_under_50(
    demo_home: Path, tmp_path: Path
) -> None:
    assert the_kri(load_catalogue()).aggregate_only
    found = rebuild(published_windows(demo_home, tmp_path / "export"))
    levels, sizes = unit_facts(demo_home)
    min_n = the_kri(load_catalogue()).min_n
    assert any(levels[u] == "organisatie" for u, _ in found)  # the search does rebuild
    assert any(levels[u] == "afdeling" for u, _ in found)
    too_small = sorted(
        f"{p} {u} ({levels[u]}, {sizes[(u, p)]} people) = {n}"
        for (u, p), n in found.items()
        if levels[u] == "team" or sizes[(u, p)] < min_n
    )
    assert too_small == []


@pytest.fixture
def leaky_home(demo_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the demo rescored with the KRI switched back to aggregate_only: false."""
    home = tmp_path / "home"
    shutil.copytree(demo_home, home, ignore=shutil.ignore_patterns("*.lock", "snapshots"))
    monkeypatch.setenv("RADAR_HOME", str(home))
    cat = load_catalogue()
    indicators = [
        i.model_copy(update={"aggregate_only": False}) if i.id == KRI else i for i in cat.indicators
    ]
    rescore(home / "warehouse.duckdb", cat.model_copy(update={"indicators": indicators}))
    yield home


def test_without_aggregate_only_the_attacker_rebuilds_team_quarters(
    leaky_home: Path, tmp_path: Path
) -> None:
    found = rebuild(published_windows(leaky_home, tmp_path / "export"))
    levels, _ = unit_facts(leaky_home)
    teams = {(u, p): n for (u, p), n in found.items() if levels[u] == "team"}
    assert teams  # per team and quarter, as the reviewer found ("2025-Q1 BV-HR=1")
    truth = {(r.org_unit_id, r.period): int(r.n) for r in true_counts(leaky_home).itertuples()}
    assert any(n > 0 for n in teams.values())
    assert all(n == truth.get(key, 0) for key, n in teams.items())
