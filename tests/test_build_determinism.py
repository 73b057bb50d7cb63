"""Two builds of the same data publish the same marts, to the last bit.

DuckDB sums doubles in parallel, in no fixed order, so a sum of fractions (fte-months,
twelfths of a year) could differ in its last bits from one build to the next: on the
small demo a unit's rate of exactly 15 per 100 fte (the red threshold) was red in one
build and amber (14.999999999999998) in the next, and thousands of values, z-scores and
p-values differed. The sums of contributions are rounded far below their meaning
(int_indicators__aggregated, int_indicators__subject_spread) and the spread between units
is summed in one fixed order (int_indicators__tested); the boundary itself is
tests/golden/int_indicators__scored__exact_boundary.yaml.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb

from pipelines.build.models import discover_models, published_marts, run_models
from pipelines.core.clock import today_here


def test_the_models_run_again_on_the_same_data_publish_the_same_marts(
    demo_home: Path, tmp_path: Path
) -> None:
    first = demo_home / "warehouse.duckdb"
    # the Dutch date, as the models' current_date (from 23:00 UTC in winter it is the
    # next day's: CI failed so at 23:02 UTC)
    built_on = today_here(dt.datetime.fromtimestamp(first.stat().st_mtime, dt.UTC))
    if built_on != today_here():
        # built before midnight: a data's age in days (report_data_freshness) is another
        # day's, rightly (CI at 00:04 UTC); the first build is made again today
        first = tmp_path / "first.duckdb"
        shutil.copy(demo_home / "warehouse.duckdb", first)
        with duckdb.connect(str(first)) as con:
            run_models(con, discover_models())
    again = tmp_path / "again.duckdb"
    shutil.copy(demo_home / "warehouse.duckdb", again)
    con = duckdb.connect(str(again))
    run_models(con, discover_models())
    con.execute(f"attach '{first}' as first (read_only)")
    marts = published_marts(con)
    assert "report_indicators" in marts and "report_risk_scores" in marts
    differing = {}
    for mart in marts:
        rows = con.execute(
            f"select count(*) from (select * from {mart} except all select * from first.{mart})"
            f" union all select count(*) from (select * from first.{mart} except all "
            f"select * from {mart})"
        ).fetchall()
        if any(n for (n,) in rows):
            differing[mart] = [n for (n,) in rows]
    assert differing == {}
    count = con.execute("select count(*) from report_indicators where z is not null").fetchone()
    assert count[0] > 1000  # the tests ran: z-scores and p-values compared too
