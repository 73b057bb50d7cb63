"""A model is a table, or a view when its file says so (-- materialized: view): what the
build makes of each, a kind it cannot be, and a warehouse built when the model was the
other kind."""

from __future__ import annotations

import re
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
                "intermediate/int_v.sql": "-- the rows of stg_a\n\n-- materialized: view\n"
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
    "said",
    [
        "-- materialized: vieuw",  # a typing error is no table
        "-- materialised: view",  # nor another spelling (helper-127: all five were tables)
        "-- Materialized: view",
        "--  materialized : view",
        "-- materialized: view -- see README",
        "/* materialized: view */",
        "-- materialized: view\n-- materialized: table",  # two kinds
    ],
)
def test_a_kind_written_otherwise_is_refused_naming_the_file_and_line(
    tmp_path: Path, said: str
) -> None:
    sql_dir(tmp_path, {"intermediate/int_v.sql": f"{said}\nselect 1 as x"})
    first = said.splitlines()[0]
    with pytest.raises(ModelError, match=rf"int_v\.sql: '{re.escape(first)}' is geen soort"):
        discover_models(tmp_path)


def test_prose_that_says_materialized_is_no_kind(tmp_path: Path) -> None:
    """stg_survey__responses says 'not materialized: each reader scans...' in its text."""
    sql_dir(tmp_path, {"staging/stg_a.sql": "-- read twice; not materialized: so\nselect 1 as x"})
    assert [m.kind for m in discover_models(tmp_path)] == ["table"]


@pytest.mark.parametrize("name", ["marts/dim_v.sql", "intermediate/report_v.sql"])
def test_a_mart_is_never_a_view(tmp_path: Path, name: str) -> None:
    """By its name, wherever its file is: published_marts lists it by its name."""
    sql_dir(tmp_path, {name: "-- materialized: view\nselect 1 as x"})
    with pytest.raises(ModelError, match=r"'materialized: view' kan niet; een mart") as err:
        discover_models(tmp_path)
    assert "a mart (fct_, dim_, report_) is always a table" in err.value.text("en")


@pytest.mark.parametrize(
    "call",
    ["norm_p_upper(1.0)", "NORM_P_UPPER(1.0)", '"norm_p_upper" (1.0)', "main.norm_p_upper(1)"],
)
def test_a_view_may_not_call_the_builds_statistical_functions(tmp_path: Path, call: str) -> None:
    """The published warehouse is read without them (the dashboard): such a view could not
    be read there. DuckDB's names are case-insensitive and may be quoted (helper-127)."""
    found = discover_models(
        sql_dir(tmp_path, {"intermediate/int_v.sql": f"-- materialized: view\nselect {call} as p"})
    )
    con = duckdb.connect()
    with pytest.raises(ModelError, match=r"int_v\.sql: een view mag geen statistische") as err:
        run_models(con, found)
    assert "make the model a table" in err.value.text("en")
    assert existing(con) == {}


def test_a_function_named_only_in_a_comment_is_no_call(tmp_path: Path) -> None:
    found = discover_models(
        sql_dir(
            tmp_path,
            {
                "intermediate/int_v.sql": "-- not norm_p_upper(x) here\n-- materialized: view\n"
                "select 1 as p"
            },
        )
    )
    con = duckdb.connect()
    run_models(con, found)
    assert existing(con) == {"int_v": "view"}


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
