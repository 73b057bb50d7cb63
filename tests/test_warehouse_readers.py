"""Readers of a warehouse that a rebuild replaces: a reader opened after the rebuild reads
the new file even while one opened before is still open (DuckDB gives a second
``connect(path)`` in one process the database already open for that path, so a page read
the replaced file's scores), the old reader keeps reading its own file whole, and the
dashboard's one shared connection (dashboard/data.py) serves many sessions' threads."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb
import pytest

from dashboard.data import NoWarehouse, _cursor, _stamp, mart
from pipelines.core.warehouse import READ_MEMORY_LIMIT, read_connection, rebuilding


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


def open_files(name: str) -> list[str]:
    """What this process holds open under that file name ('(deleted)' once replaced)."""
    fds = Path("/proc/self/fd")
    held = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed meanwhile
            continue
        if Path(target.removesuffix(" (deleted)")).name == name:
            held.append(target)
    return held


def test_a_deleted_warehouse_is_let_go_by_the_dashboard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    path = tmp_path / "warehouse.duckdb"
    publish(path, 1)
    assert mart("report_probe")["v"].tolist() == [1]
    assert open_files(path.name) == [str(path)]  # the shared connection holds it
    path.unlink()
    with pytest.raises(NoWarehouse):
        mart("report_probe")
    assert open_files(path.name) == []  # its disk space is given back


def test_a_reader_spills_beside_the_warehouse_within_the_build_memory(tmp_path: Path) -> None:
    """Not into the folder the process was started from (DuckDB's default for an
    in-memory database), where people data would land outside RADAR_HOME."""
    path = tmp_path / "warehouse.duckdb"
    publish(path, 1)
    with read_connection(path) as con:
        settings = dict(
            con.execute(
                "select name, value from duckdb_settings() "
                "where name in ('temp_directory', 'memory_limit')"
            ).fetchall()
        )
    assert settings["temp_directory"] == f"{path}.tmp"
    limited = duckdb.connect(config={"memory_limit": READ_MEMORY_LIMIT})
    unlimited = duckdb.connect()
    limit = "select value from duckdb_settings() where name = 'memory_limit'"
    assert settings["memory_limit"] == limited.execute(limit).fetchone()[0]
    assert settings["memory_limit"] != unlimited.execute(limit).fetchone()[0]


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
