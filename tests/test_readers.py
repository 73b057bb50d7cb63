"""tests/readers.py reads a warehouse as a new read-only connection would: the file as
it is now (after a build published a new one under the same name), blocks over the same
file nested, and a missing file an error, never an empty database made for it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.core.warehouse import rebuilding
from tests.readers import reading


def publish(path: Path, value: int) -> None:
    """A warehouse holding ``value``, published as a build publishes one (a new file)."""
    with rebuilding(path) as con:
        con.execute(f"create or replace table t as select {value} as v")


def test_a_reading_after_a_build_published_a_new_file_reads_the_new_one(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    publish(path, 1)
    with reading(path) as con:
        assert con.execute("select v from t").fetchall() == [(1,)]
    publish(path, 2)
    with reading(path) as con:
        assert con.execute("select v from t").fetchall() == [(2,)]


def test_readings_of_one_file_nest_and_each_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    publish(path, 7)
    with reading(path) as outer:
        with reading(path) as inner:
            assert inner.execute("select v from t").fetchall() == [(7,)]
        assert outer.execute("select v from t").fetchall() == [(7,)]
    publish(path, 8)  # detached when the last block ended: the new file is read
    with reading(path) as con:
        assert con.execute("select v from t").fetchall() == [(8,)]


def test_a_reading_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    publish(path, 1)
    with reading(path) as con, pytest.raises(duckdb.Error):
        con.execute("create table u as select 1")


def test_a_missing_warehouse_is_an_error_and_no_file_is_made(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.duckdb"
    with pytest.raises(duckdb.IOException), reading(path):
        pass
    assert not path.exists()
