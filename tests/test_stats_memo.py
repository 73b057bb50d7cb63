"""The exact limits' memo kept in the warehouse (stats.MEMO_TABLE): a build in a new
process reads the values the build before it searched, never values of other code, and
keeps only what its own build asked for."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import numpy as np
import pytest

from pipelines.build import stats
from pipelines.build.models import Model, discover_models, run_models

KEY = (20.0, 0.0, 380.0, 0.005)  # fisher_limit_upper(n, r, m, alpha)
QUERY = "select fisher_limit_upper(20, 0, 380, 0.005)"


@pytest.fixture
def fresh_memo(monkeypatch: pytest.MonkeyPatch) -> dict:
    """An empty memo, as in a new process; nothing noted."""
    memo: dict = {}
    monkeypatch.setattr(stats, "_MEMO", memo)
    monkeypatch.setattr(stats, "_USED", None)
    return memo


def kept(con: duckdb.DuckDBPyConnection) -> set[tuple]:
    return set(con.execute(f"select fn, a, b, c, d, value from {stats.MEMO_TABLE}").fetchall())


def plant(con: duckdb.DuckDBPyConnection, version: str, value: float) -> None:
    con.execute(
        f"create or replace table {stats.MEMO_TABLE} as select ? as version, "
        "'fisher_limit_upper' as fn, 20.0 as a, 0.0 as b, 380.0 as c, 0.005 as d, "
        "? as value",
        [version, value],
    )


def honest() -> float:
    return float(stats.fisher_limit_upper(*(np.array([v]) for v in KEY))[0])


def test_a_kept_value_of_this_version_is_read_and_one_of_other_code_never(fresh_memo) -> None:
    con = duckdb.connect()
    stats.register(con)
    plant(con, stats.memo_version(), 99.0)
    stats.recall(con)
    assert con.execute(QUERY).fetchall()[0][0] == 99.0  # read: no search
    stats.forget_used()
    fresh_memo.clear()
    plant(con, "0123456789abcdef", 99.0)  # kept by other code (or scipy)
    stats.recall(con)
    assert con.execute(QUERY).fetchall()[0][0] == honest() != 99.0
    stats.forget_used()


def test_a_table_this_code_cannot_read_is_no_memo_and_no_failure(fresh_memo) -> None:
    con = duckdb.connect()
    stats.register(con)
    con.execute(f"create table {stats.MEMO_TABLE} as select 'x' as something")
    stats.recall(con)
    assert fresh_memo == {}
    assert con.execute(QUERY).fetchall()[0][0] == honest()
    stats.keep(con, replace=True)  # replaced by what this build searched
    assert kept(con) == {("fisher_limit_upper", *KEY, honest())}


def test_the_version_is_of_this_code_and_of_scipy(monkeypatch: pytest.MonkeyPatch) -> None:
    before = stats.memo_version()
    monkeypatch.setattr(stats.scipy, "__version__", "0.0.1")
    assert stats.memo_version() != before


def test_the_version_is_of_the_code_imported_not_the_file_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-102: a dashboard still running the old module after a new one is installed
    kept its values under the new file's version, which the next build trusted."""
    before = stats.memo_version()
    newer = tmp_path / "stats.py"
    newer.write_bytes(Path(stats.__file__).read_bytes() + b"\n# a fix\n")
    monkeypatch.setattr(stats, "__file__", str(newer))
    assert stats.memo_version() == before
    assert stats._code_version(newer.read_bytes()) != before


def test_the_version_is_of_the_searches_too(tmp_path: Path) -> None:
    """The limits are searched by pipelines/build/searches.py: stats.py imported beside
    another searches.py keeps its values under another version."""
    import importlib.util

    from pipelines.build import searches

    changed = tmp_path / "searches.py"
    changed.write_bytes(Path(searches.__file__).read_bytes() + b"\n# a fix\n")
    spec = importlib.util.spec_from_file_location("stats_elsewhere", stats.__file__)
    elsewhere = importlib.util.module_from_spec(spec)
    real = searches.__file__
    searches.__file__ = str(changed)
    try:
        spec.loader.exec_module(elsewhere)
    finally:
        searches.__file__ = real
    assert elsewhere.memo_version() != stats.memo_version()
    spec = importlib.util.spec_from_file_location("stats_again", stats.__file__)
    again = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(again)
    assert again.memo_version() == stats.memo_version()


def test_a_full_build_keeps_only_what_it_asked_for_and_a_partial_one_adds(fresh_memo) -> None:
    con = duckdb.connect()
    stats.register(con)
    plant(con, stats.memo_version(), honest())
    stats.recall(con)
    con.execute("select fisher_limit_upper(30, 4, 200, 0.01)").fetchall()
    other = (
        "fisher_limit_upper",
        30.0,
        4.0,
        200.0,
        0.01,
        fresh_memo["fisher_limit_upper"][(30.0, 4.0, 200.0, 0.01)],
    )
    stats.keep(con, replace=True)
    assert kept(con) == {other}  # KEY was not asked for: another warehouse's, or stale
    stats.recall(con)
    con.execute(QUERY).fetchall()
    con.execute("select poisson_cond_limit_upper(3, 0.2, 0.01)").fetchall()
    stats.keep(con, replace=False)
    assert {row[0] for row in kept(con)} == {"fisher_limit_upper", "poisson_cond_limit_upper"}
    assert len(kept(con)) == 3
    assert ("poisson_cond_limit_upper", 3.0, 0.2, 0.01, None) in {r[:5] for r in kept(con)}
    # nothing asked for in a partial build: the table as it was
    before = kept(con)
    stats.recall(con)
    stats.keep(con, replace=False)
    assert kept(con) == before


def test_recall_stays_within_the_memo_limit(fresh_memo, monkeypatch) -> None:
    monkeypatch.setattr(stats, "MEMO_LIMIT", 2)
    con = duckdb.connect()
    con.execute(
        f"create table {stats.MEMO_TABLE} as select ? as version, 'fisher_limit_upper' as fn,"
        " range::double as a, 0.0 as b, 380.0 as c, 0.005 as d, 1.0 as value from range(3)",
        [stats.memo_version()],
    )
    stats.recall(con)
    assert len(fresh_memo["fisher_limit_upper"]) == 2
    stats.forget_used()


def test_a_failed_build_leaves_the_kept_values_as_they_were(fresh_memo, tmp_path) -> None:
    con = duckdb.connect()
    plant(con, stats.memo_version(), honest())
    before = kept(con)
    bad = Model(
        "int_broken", "intermediate", tmp_path / "int_broken.sql", "select nope", frozenset()
    )
    with pytest.raises(Exception, match="int_broken"):
        run_models(con, [bad])
    assert kept(con) == before
    assert stats._USED is None


def test_the_next_build_reads_what_the_last_one_searched(
    demo_home: Path, tmp_path: Path, fresh_memo
) -> None:
    """The small demo's warehouse keeps the values its build searched, each what the
    function gives; in a new process (an empty memo) its models run again and search no
    Fisher limit again (their arguments are whole numbers, the same in every build): a
    kept value is what the build uses, here one made wrong on purpose. (Arguments that
    are sums of fractions can differ in their last bits between builds, as DuckDB sums in
    parallel: those are searched again.)"""
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(demo_home / "warehouse.duckdb", path)
    con = duckdb.connect(str(path))
    rows = con.execute(
        f"select fn, a, b, c, d, value from {stats.MEMO_TABLE} where version = ?",
        [stats.memo_version()],
    ).fetchall()
    assert {r[0] for r in rows} >= {"fisher_limit_upper", "poisson_cond_limit_upper"}
    for fn, *args, value in rows[::25]:
        arity = stats.FUNCTIONS[fn].__code__.co_argcount
        computed = stats.FUNCTIONS[fn](*(np.array([v]) for v in args[:arity]))
        assert float(np.asarray(computed)[0]) == value
    fisher = [r for r in rows if r[0] == "fisher_limit_upper"]
    wrong = (*fisher[0][:5], fisher[0][5] + 1000)
    con.execute(
        f"update {stats.MEMO_TABLE} set value = value + 1000 where fn = ? and a = ? and b = ?"
        " and c = ? and d = ?",
        list(fisher[0][:5]),
    )
    run_models(con, discover_models())
    assert len(fresh_memo["fisher_limit_upper"]) == len(fisher)
    assert wrong in kept(con)
