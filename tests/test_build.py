"""radar build: the catalogue through the SQL layers into the published marts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from pipelines.build import models
from pipelines.build.builder import build
from pipelines.build.models import ModelError, discover_models
from pipelines.core.catalogue import Catalogue
from tests.readers import reading


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_publishes_the_register_marts(built_home: Path, catalogue: Catalogue) -> None:
    with reading(str(built_home / "warehouse.duckdb")) as con:
        risks = con.execute(
            "select risk_id, inherent_score, control_measure_count, indicator_count from dim_risks"
        ).fetchall()
        n_measures = con.execute("select count(*) from dim_control_measures").fetchone()[0]
        n_weights = con.execute("select count(*) from dim_indicators").fetchone()[0]
    assert [r[0] for r in risks] == [r.id for r in catalogue.risks_in_order()]
    for risk_id, inherent, n_cm, n_ind in risks:
        risk = catalogue.risk(risk_id)
        assert inherent == risk.impact * risk.inherent_likelihood
        assert n_cm == len(risk.control_measures)
        assert n_ind == len(catalogue.indicators_for(risk_id))
    assert n_measures == len(catalogue.control_measures())
    assert n_weights == sum(len(i.weights) for i in catalogue.indicators)


def test_models_run_after_what_they_read() -> None:
    order = [m.name for m in discover_models()]
    for model in discover_models():
        for dep in model.depends_on:
            assert order.index(dep) < order.index(model.name)
    assert order.index("stg_catalogue__risks") < order.index("dim_risks")


def test_a_staging_model_may_not_read_a_mart(tmp_path: Path) -> None:
    for layer in models.LAYERS:
        (tmp_path / layer).mkdir()
    (tmp_path / "marts" / "dim_x.sql").write_text("select 1 as x")
    (tmp_path / "staging" / "stg_y.sql").write_text("select * from dim_x")
    with pytest.raises(ModelError, match=r"stg_y\.sql: een staging-model mag model dim_x ") as err:
        discover_models(tmp_path)
    assert "stg_y.sql: a staging model may not read marts model dim_x" in err.value.text("en")


def test_a_failed_build_leaves_the_previous_warehouse_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "warehouse.duckdb"
    build(path=target)
    before = digest(target)

    sql = tmp_path / "sql"
    for layer in models.LAYERS:
        (sql / layer).mkdir(parents=True)
    (sql / "marts" / "dim_broken.sql").write_text("select * from no_such_table")
    good = discover_models()
    monkeypatch.setattr(
        "pipelines.build.builder.discover_models", lambda: good + discover_models(sql)
    )
    with pytest.raises(ModelError, match=r"dim_broken\.sql: .*no_such_table"):
        build(path=target)
    assert digest(target) == before
    # No half-built copy is left behind (only the warehouse, its lock file and our sql).
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "sql",
        "warehouse.duckdb",
        "warehouse.duckdb.lock",
    ]


def test_ingest_timings_name_each_phase_in_dutch(
    empty_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import re

    from pipelines.cli.main import main

    units = empty_home / "org_units.csv"
    units.write_text(
        "org_unit;name;parent_unit;level\nWH;Woonstichting;;organisatie\nFIN;Financiën;WH;afdeling\n",
        "utf-8",
    )
    assert main(["ingest", str(units), "--quiet", "--timings"]) == 0
    out = capsys.readouterr().out
    seconds = r"(\d+,\d) s"
    line = next(ln for ln in out.splitlines() if ln.startswith("tijden: "))
    match = re.fullmatch(
        rf"tijden: kopie warehouse {seconds}; inlezen {seconds}; modellen {seconds}; "
        rf"wegschrijven {seconds}; overig {seconds}; totaal {seconds}",
        line,
    )
    assert match, line
    parts = [float(v.replace(",", ".")) for v in match.groups()]
    assert parts[2] > 0  # the models ran
    assert sum(parts[:5]) <= parts[5] + 0.3  # each shown rounded to 0.1 s
    assert re.search(r"geheugen \(piek\): na inlezen [\d.]+ MiB; na modellen [\d.]+ MiB", out)

    assert main(["ingest", str(units), "--quiet", "--timings"]) == 0
    again = capsys.readouterr().out
    assert "niets nieuws ingelezen" in again
    assert "; modellen 0,0 s;" in again


def test_a_build_gives_duckdb_a_bounded_memory(tmp_path: Path) -> None:
    """DuckDB would take 80% of the machine and keep it; a build spills to disk instead."""
    from pipelines.core.warehouse import BUILD_MEMORY_LIMIT, rebuilding

    assert BUILD_MEMORY_LIMIT == "1GB"
    with rebuilding(tmp_path / "w.duckdb") as con:
        limit = con.execute("select current_setting('memory_limit')").fetchall()[0][0]
    assert limit in ("953.6 MiB", "1000.0 MB", "1.0 GB"), limit


def test_a_model_gone_from_disk_leaves_no_table_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-125: a warehouse built before int_indicators__periods was replaced kept that
    table for good (nothing reran it), with the survey rows of an export withdrawn since.
    A build drops the tables of models no longer on disk, named as models are; the data's
    own tables stay, and so does everything when only some models run."""
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    target = tmp_path / "warehouse.duckdb"
    build(path=target)
    gone = ("int_indicators__periods", "stg_old__thing", "report_renamed", "dim_x", "fct_y")
    kept = ("raw_kept_by_hand", "kept_by_hand", "notes_int_x")
    with duckdb.connect(str(target)) as con:
        for name in (*gone, *kept):
            con.execute(f"create or replace table {name} as select 'p1' as subject_id")
        # a view model removed since (models may be views: -- materialized: view)
        con.execute("create view int_gone_view as select * from int_indicators__periods")
        models.run_models(con, [m for m in discover_models() if m.name == "dim_risks"])
        assert {*gone, *kept, "int_gone_view"} <= tables(con)  # a few models: nothing dropped
    build(path=target)
    with reading(str(target)) as con:
        present = tables(con)
    assert not {*gone, "int_gone_view"} & present
    assert {*kept, "ingest_log", "quarantine"} <= present
    assert {m.name for m in discover_models()} <= present


def tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The tables and views of the warehouse."""
    return set(models.existing(con))
