"""Models run two at a time (pipelines/build/models.py run_models): each once the models
it reads have committed, the ones that call a statistical function once those have
loaded, and a failure stops what reads it and names the first failed model."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.build import models, stats
from pipelines.build.models import (
    Model,
    ModelError,
    discover_models,
    existing,
    run_models,
)
from tests.readers import reading
from tests.test_model_kinds import sql_dir


def model_tables(path: Path) -> list[str]:
    with reading(str(path)) as con:
        return sorted(n for n in existing(con) if n.startswith(models.MODEL_PREFIXES))


def test_two_at_a_time_build_every_table_one_at_a_time_builds(
    demo_home: Path, tmp_path: Path
) -> None:
    # Every model table dropped first: a model started before a model it reads had
    # committed would find no table (or, left in place, last build's rows).
    copies = {}
    for threads in (1, 2):
        path = tmp_path / f"threads{threads}.duckdb"
        shutil.copy(demo_home / "warehouse.duckdb", path)
        with duckdb.connect(str(path)) as con:
            for name, kind in existing(con).items():
                if name.startswith(models.MODEL_PREFIXES):
                    con.execute(f'drop {kind} if exists "{name}" cascade')
            assert not [n for n in existing(con) if n.startswith(models.MODEL_PREFIXES)]
            ran = run_models(con, threads=threads)
        assert ran == [m.name for m in discover_models()]  # in the models' order
        copies[threads] = path
    tables = model_tables(copies[1])
    assert tables == model_tables(copies[2]) and len(tables) == len(discover_models())
    con = duckdb.connect(str(copies[2]), read_only=True)
    con.execute(f"attach '{copies[1]}' as one (read_only)")
    differing = []
    for name in tables:
        for a, b in ((name, f"one.{name}"), (f"one.{name}", name)):
            extra = con.execute(
                f"select count(*) from (select * from {a} except all select * from {b})"
            ).fetchone()[0]
            if extra:
                differing.append((a, extra))
    assert not differing


def test_a_failed_model_stops_what_reads_it_and_the_first_failed_is_named(
    tmp_path: Path,
) -> None:
    found = discover_models(
        sql_dir(
            tmp_path,
            {
                "staging/stg_a.sql": "select 1 as x",
                "intermediate/int_b.sql": "select x from stg_a, no_such_table",
                "intermediate/int_c.sql": "select y from stg_a",  # no column y: fails too
                "intermediate/int_d.sql": "select x from int_b",
                "marts/dim_e.sql": "select x from stg_a",
            },
        )
    )
    order = [m.name for m in found]
    first = min(("int_b", "int_c"), key=order.index)
    con = duckdb.connect()
    with pytest.raises(ModelError) as failed:
        run_models(con, found, threads=2)
    assert f"{first}.sql" in str(failed.value)
    made = existing(con)
    assert "int_d" not in made and "int_b" not in made and "int_c" not in made
    assert "stg_a" in made


def test_a_model_read_in_another_case_quoted_or_beside_a_dash_string_waits_for_it(
    tmp_path: Path,
) -> None:
    # helper-242: each was no dependency (a lower-case word outside "--..." to the end of
    # the line), so with two at a time it ran beside stg_a and read last build's rows
    readers = {
        "int_caps": "select v from STG_A",
        "int_quoted": 'select v from "Stg_A"',
        "int_dash": "select '--' as sep, v from stg_a",
    }
    files = {"staging/stg_a.sql": "select v from src"}
    files |= {f"intermediate/{name}.sql": sql for name, sql in readers.items()}
    found = discover_models(sql_dir(tmp_path, files))
    assert {m.name: set(m.depends_on) for m in found if m.name in readers} == {
        name: {"stg_a"} for name in readers
    }
    con = duckdb.connect()
    for v in (1, 2, 3):
        con.execute(f"create or replace table src as select {v} as v")
        run_models(con, found, threads=2)
        assert {n: con.execute(f"select v from {n}").fetchone()[0] for n in readers} == {
            n: v for n in readers
        }


def test_a_model_file_edited_between_builds_is_read_as_it_is_now(tmp_path: Path) -> None:
    # what a model reads and its kind are kept per SQL text (models.identifiers, _kind),
    # never per file: a model edited to read another one waits for that one in the next
    # build of the same process (the dashboard's "Scores herberekenen" after an upgrade
    # in place), and one edited to be a view is one
    files = {
        "staging/stg_a.sql": "select 1 as v",
        "staging/stg_b.sql": "select 2 as v",
        "intermediate/int_c.sql": "select v from stg_a",
    }
    root = sql_dir(tmp_path, files)
    before = {m.name: (set(m.depends_on), m.kind) for m in discover_models(root)}
    edited = "-- materialized: view\nselect v from stg_b"
    (root / "intermediate" / "int_c.sql").write_text(edited, "utf-8")
    after = {m.name: (set(m.depends_on), m.kind) for m in discover_models(root)}
    assert (before["int_c"], after["int_c"]) == (({"stg_a"}, "table"), ({"stg_b"}, "view"))
    # and the names kept cannot be changed by one who reads them
    assert isinstance(models.identifiers("select v from stg_b"), frozenset)


def test_a_failure_names_the_model_one_at_a_time_would_name() -> None:
    # helper-242: int_r failed at once beside the slow stg_p, and int_q, first in the
    # order, was never started: the error named int_r with two threads, int_q with one
    def model(name: str, sql: str, *deps: str) -> Model:
        return Model(name, "staging", Path(f"{name}.sql"), sql, frozenset(deps))

    found = [
        model("stg_p", "select sum(a.range * b.range) as x from range(3000) a, range(3000) b"),
        model("stg_s", "select 1 as x"),
        model("int_q", "select no_such_column from stg_p", "stg_p"),
        model("int_r", "select no_such_column from stg_s", "stg_s"),
    ]
    for threads in (1, 2):
        with pytest.raises(ModelError, match=r"^int_q\.sql: "):
            run_models(duckdb.connect(), found, threads=threads)


def test_a_model_waiting_for_itself_is_an_error_not_skipped() -> None:
    # a list made by hand (discover_models refuses a cycle): it was left out silently
    itself = Model("int_x", "intermediate", Path("int_x.sql"), "select 1", frozenset({"int_x"}))
    with pytest.raises(ModelError, match="int_x"):
        run_models(duckdb.connect(), [itself], threads=2)


@pytest.mark.parametrize(
    "call",
    [
        "norm_p_upper(z)",
        "NORM_P_UPPER(z)",
        '"norm_p_upper"(z)',
        "norm_p_upper/* a comment */(z)",  # helper-242: not seen as a call, did not wait
        "'--' as s, norm_p_upper(z)",  # a dash string before it on its line: the same
    ],
)
def test_a_model_that_calls_a_function_waits_until_the_functions_have_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    # The functions load slowly (scipy's import takes most of a second in a new
    # process); the model that calls one must not start before they are registered.
    register = stats.register

    def slow(con: duckdb.DuckDBPyConnection) -> None:
        time.sleep(0.5)
        register(con)

    monkeypatch.setattr(stats, "register", slow)
    found = discover_models(
        sql_dir(
            tmp_path,
            {
                "staging/stg_a.sql": "select 0.0 as z",
                "intermediate/int_p.sql": f"select {call} as p from stg_a",
                "marts/dim_q.sql": "select p from int_p",
            },
        )
    )
    con = duckdb.connect()  # a database of its own: no function registered in it yet
    assert run_models(con, found, threads=2) == [m.name for m in found]
    assert con.execute("select p from dim_q").fetchall() == [(0.5,)]
