"""A model is a table, or a view when its file says so (-- materialized: view): what the
build makes of each, a kind it cannot be, and a warehouse built when the model was the
other kind."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.build import models
from pipelines.build.models import ModelError, discover_models, existing, run_models


def sql_dir(tmp_path: Path, files: dict[str, str]) -> Path:
    for layer in models.LAYERS:
        (tmp_path / layer).mkdir(parents=True, exist_ok=True)
    for name, sql in files.items():
        (tmp_path / name).write_text(sql, "utf-8")
    return tmp_path


def test_a_model_that_says_so_is_a_view_of_what_it_reads(tmp_path: Path) -> None:
    found = discover_models(
        sql_dir(
            tmp_path,
            {
                "staging/stg_a.sql": "select 1 as x",
                "intermediate/int_v.sql": "-- the rows of stg_a\n-- materialized: view\n"
                "select x from stg_a",
                "marts/dim_t.sql": "select x + 1 as y from int_v",
            },
        )
    )
    assert {m.name: m.kind for m in found} == {"stg_a": "table", "int_v": "view", "dim_t": "table"}
    con = duckdb.connect()
    run_models(con, found)
    assert existing(con) == {"stg_a": "table", "int_v": "view", "dim_t": "table"}
    con.execute("create or replace table stg_a as select 5 as x")  # a view reads it anew
    assert con.execute("select x from int_v").fetchall() == [(5,)]


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("intermediate/int_v.sql", "vieuw"),  # a typing error is no table
        ("marts/dim_v.sql", "view"),  # the dashboard reads marts as tables
    ],
)
def test_a_kind_a_model_cannot_be_is_refused_naming_the_file(
    tmp_path: Path, name: str, said: str
) -> None:
    sql_dir(tmp_path, {name: f"-- materialized: {said}\nselect 1 as x"})
    with pytest.raises(ModelError, match=rf"{Path(name).name}: 'materialized: {said}' kan niet"):
        discover_models(tmp_path)


def test_a_view_may_not_call_the_builds_statistical_functions(tmp_path: Path) -> None:
    """The published warehouse is read without them (the dashboard): such a view could not
    be read there."""
    found = discover_models(
        sql_dir(
            tmp_path,
            {"intermediate/int_v.sql": "-- materialized: view\nselect norm_p_upper(1.0) as p"},
        )
    )
    con = duckdb.connect()
    with pytest.raises(ModelError, match=r"int_v\.sql: een view mag geen statistische") as err:
        run_models(con, found)
    assert "make the model a table" in err.value.text("en")
    assert existing(con) == {}


def test_a_warehouse_built_when_the_model_was_the_other_kind(tmp_path: Path) -> None:
    """An upgrade that makes a table model a view (int_indicators__contributions) finds
    the table an older build left, and the other way round."""
    con = duckdb.connect()
    con.execute("create table stg_a as select 1 as x")
    con.execute("create table int_v as select 'old' as x")  # the older build's table
    con.execute("create view int_t as select 'old' as x")  # and a view, now a table
    found = discover_models(
        sql_dir(
            tmp_path,
            {
                "staging/stg_a.sql": "select 2 as x",
                "intermediate/int_v.sql": "-- materialized: view\nselect x from stg_a",
                "intermediate/int_t.sql": "select x * 10 as x from int_v",
            },
        )
    )
    run_models(con, found)
    assert existing(con) == {"stg_a": "table", "int_v": "view", "int_t": "table"}
    assert con.execute("select x from int_t").fetchall() == [(20,)]


def test_int_indicators_contributions_is_a_view_and_every_other_model_a_table() -> None:
    """The one model that only puts the int_kri models side by side (1.8 million rows on
    the large demo written again, for four readers); every model that calls scipy, and
    every mart, a table."""
    kinds = {m.name: m.kind for m in discover_models()}
    assert [name for name, kind in kinds.items() if kind == "view"] == [
        "int_indicators__contributions"
    ]
