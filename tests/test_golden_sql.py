"""Golden tests for the SQL models: a few input rows per upstream table, the rows out.

Each file tests/golden/<model>.yaml names the model, gives rows for the tables it reads
(``inputs``; every other table keeps what an empty warehouse with the real catalogue
has) and the rows it must produce (``expected``; only the columns listed are compared,
in any order, floats to 1e-6). The model runs on the real DuckDB, alone, after its inputs
have been replaced; ``upstream`` may name models to run before it, in that order, so a
golden can follow a figure through several models. An input row with ``_each``
({column: [values]}) stands for one row per combination of those values (nine people
times twelve months without 108 lines). Several files may test one model:
<model>__<case>.yaml.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import yaml

from pipelines.build.builder import load_catalogue_tables
from pipelines.build.models import discover_models, run_models
from pipelines.core.catalogue import load_catalogue
from pipelines.core.yaml_errors import Loader
from pipelines.ingest.loader import ensure_tables

GOLDEN = Path(__file__).resolve().parent / "golden"
MODELS = {m.name: m for m in discover_models()}
CASES = sorted(GOLDEN.glob("*.yaml"))


@functools.cache
def spec_of(case: Path) -> dict:
    """A golden file's content, read by libyaml (PyYAML's pure-Python reader took 0.06 s
    a file, and every file was read twice: half of this file's time)."""
    return yaml.load(case.read_text("utf-8"), Loader=Loader)  # noqa: S506 (safe loader)


@pytest.fixture(scope="module")
def empty_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse file with every table and model, built from the catalogue and no data."""
    path = tmp_path_factory.mktemp("golden") / "empty.duckdb"
    with duckdb.connect(str(path)) as con:
        ensure_tables(con)
        load_catalogue_tables(con, load_catalogue())
        run_models(con)
    return path


def expand(rows: list[dict]) -> list[dict]:
    """Input rows with ``_each`` repeated for every combination of its values."""
    out = []
    for row in rows:
        each = row.get("_each") or {}
        combos = [{}]
        for column, values in each.items():
            combos = [{**c, column: v} for c in combos for v in values]
        base = {k: v for k, v in row.items() if k != "_each"}
        out += [{**base, **c} for c in combos]
    return out


def normalise(value: object) -> object:
    if value is pd.NaT or value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date() if value == value.normalize() else value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def same(a: object, b: object) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-6)
    return a == b


def key(row: dict) -> tuple:
    return tuple((k, str(v)) for k, v in sorted(row.items()))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path, empty_warehouse: Path, tmp_path: Path) -> None:
    spec = spec_of(case)
    model = MODELS[spec["model"]]
    db = tmp_path / "golden.duckdb"
    db.write_bytes(empty_warehouse.read_bytes())
    with duckdb.connect(str(db)) as con:
        for table, rows in (spec.get("inputs") or {}).items():
            if table in MODELS and MODELS[table].kind == "view":
                # a view model given as input: a table of its columns, holding the rows
                con.execute(f"create table _input as select * from {table} limit 0")
                con.execute(f"drop view {table}")
                con.execute(f"alter table _input rename to {table}")
            con.execute(f"delete from {table}")
            if rows:
                frame = pd.DataFrame(expand(rows))
                con.register("_rows", frame)
                con.execute(f"insert into {table} by name select * from _rows")
                con.unregister("_rows")
        run_models(con, [MODELS[m] for m in spec.get("upstream", [])] + [model])
        expected = spec["expected"]
        columns = sorted({c for row in expected for c in row}) or ["*"]
        got = con.execute(f"select {', '.join(columns)} from {model.name}").df()
    got_rows = [{c: normalise(v) for c, v in row.items()} for row in got.to_dict("records")]
    want_rows = [{c: normalise(row.get(c)) for c in columns} for row in expected]
    assert len(got_rows) == len(want_rows), f"{len(got_rows)} rows out: {got_rows}"
    for want in sorted(want_rows, key=key):
        match = next((g for g in got_rows if all(same(g[c], want[c]) for c in columns)), None)
        assert match is not None, f"no row like {want} in {got_rows}"
        got_rows.remove(match)


def test_every_model_has_a_golden_test() -> None:
    covered = {spec_of(c)["model"] for c in CASES}
    assert sorted(set(MODELS) - covered) == []
