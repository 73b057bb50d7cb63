"""Readers of a warehouse that a rebuild replaces: a reader opened after the rebuild reads
the new file even while one opened before is still open (DuckDB gives a second
``connect(path)`` in one process the database already open for that path, so a page read
the replaced file's scores), the old reader keeps reading its own file whole, and the
dashboard's one shared connection (dashboard/data.py) serves many sessions' threads."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from dashboard.data import _cursor, _stamp, mart
from pipelines.core.warehouse import read_connection, rebuilding


def publish(path: Path, value: int) -> None:
    """A rebuild, as `radar build` publishes one: a new file renamed over the old."""
    with rebuilding(path) as con:
        con.execute(f"create or replace table report_probe as select {value} as v")


def probe(con) -> list[tuple]:  # noqa: ANN001 - a DuckDB connection or cursor
    return con.execute("select v from report_probe").fetchall()


def test_a_reader_opened_after_a_rebuild_reads_the_new_file(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    publish(path, 1)
    held = read_connection(path)
    try:
        assert probe(held) == [(1,)]
        publish(path, 2)
        with read_connection(path) as fresh:
            assert probe(fresh) == [(2,)]
        assert probe(held) == [(1,)]  # the one opened before reads its own file, whole
    finally:
        held.close()


def test_the_dashboard_reads_the_rebuilt_warehouse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    publish(tmp_path / "warehouse.duckdb", 1)
    assert mart("report_probe")["v"].tolist() == [1]
    publish(tmp_path / "warehouse.duckdb", 2)
    assert mart("report_probe")["v"].tolist() == [2]


def test_many_sessions_read_through_the_shared_connection_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each Streamlit session runs in a thread of its own; a DuckDB connection is not
    safe to use from two threads, its cursors are."""
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    with rebuilding(tmp_path / "warehouse.duckdb") as con:
        con.execute("create table report_probe as select range as v from range(1000)")
    path, mtime = _stamp()
    failures: list[BaseException] = []

    def session(n: int) -> None:
        try:
            for i in range(40):
                with _cursor(path, mtime) as cur:
                    got = cur.execute("select v from report_probe where v = ?", [n * 40 + i])
                    assert got.fetchall() == [(n * 40 + i,)]
        except BaseException as exc:  # noqa: BLE001 - reported below, from the main thread
            failures.append(exc)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert failures == []
