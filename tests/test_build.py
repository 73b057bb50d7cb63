"""radar build: the catalogue through the SQL layers into the published marts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from pipelines import models
from pipelines.build import build
from pipelines.catalogue import Catalogue
from pipelines.models import ModelError, discover_models


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_publishes_the_register_marts(built_home: Path, catalogue: Catalogue) -> None:
    with duckdb.connect(str(built_home / "warehouse.duckdb"), read_only=True) as con:
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
    with pytest.raises(ModelError, match=r"stg_y\.sql: a staging model may not read marts"):
        discover_models(tmp_path)


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
    monkeypatch.setattr("pipelines.build.discover_models", lambda: good + discover_models(sql))
    with pytest.raises(ModelError, match=r"dim_broken\.sql: .*no_such_table"):
        build(path=target)
    assert digest(target) == before
    # No half-built copy is left behind (only the warehouse, its lock file and our sql).
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "sql",
        "warehouse.duckdb",
        "warehouse.duckdb.lock",
    ]
