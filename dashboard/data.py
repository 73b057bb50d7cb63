"""The dashboard's only way to the data: read-only queries on the published marts."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard.auth_ui import can
from pipelines.build.models import MART_PREFIXES
from pipelines.core.catalogue import Catalogue, load_catalogue
from pipelines.core.warehouse import read_connection, read_cursor, warehouse_path

# Marts with one row per (pseudonymised) person: readable only by a role with the action
# see_person_level (risks/roles.yaml). A new person-level mart must be named here.
PERSON_LEVEL_MARTS = frozenset({"report_code_exceptions", "report_procurement_exceptions"})


class NoWarehouse(RuntimeError):
    """The warehouse has not been built yet."""


def _stamp() -> tuple[str, float]:
    path = warehouse_path()
    if not path.exists():
        _reader.clear()  # the deleted file's disk space is not held for a reader
        raise NoWarehouse(str(path))
    return str(path), path.stat().st_mtime


_CURSORS = threading.Lock()


@st.cache_resource(show_spinner=False, max_entries=1)
def _reader(path: str, mtime: float) -> duckdb.DuckDBPyConnection:
    """One read-only connection per published warehouse file, shared by the sessions.

    Opening the file costs some 45 ms (its catalogue of some 150 tables) against some 8
    ms for a mart's query, and a page reads several marts. A rebuild publishes a new file
    (a new mtime, so a new connection here); the old one is dropped from the cache at the
    first read after the rebuild (one entry: a replaced file's disk space is held while
    it is open, so until that read) and closed once the last query on it has ended; it
    never sees a half-written file (a build writes a copy and renames it:
    pipelines.core.warehouse.rebuilding). A deleted warehouse is let go at once (_stamp).
    """
    return read_connection(Path(path))


def _cursor(path: str, mtime: float) -> duckdb.DuckDBPyConnection:
    """A cursor of the shared connection: DuckDB's way to query one database from many
    threads (each Streamlit session runs in its own). Made under a lock: the connection
    itself is not safe to use from two threads at once."""
    with _CURSORS:
        return read_cursor(_reader(path, mtime))


@st.cache_data(show_spinner=False, max_entries=256)
def _read_mart(
    path: str, mtime: float, mart: str, filters: tuple[tuple[str, Any], ...]
) -> pd.DataFrame:
    clauses, params = [], []
    for column, value in filters:
        if not column.isidentifier():
            raise ValueError(f"not a column name: {column!r}")
        if isinstance(value, tuple):
            clauses.append(f"{column} in (select unnest(?))")
            params.append(list(value))
        else:
            clauses.append(f"{column} = ?")
            params.append(value)
    where = f" where {' and '.join(clauses)}" if clauses else ""
    with _cursor(path, mtime) as con:
        return con.execute(f"select * from {mart}{where}", params).df()


def mart(name: str, **filters: Any) -> pd.DataFrame:
    """A published mart as a DataFrame, cached until the warehouse file is replaced.

    Keyword arguments filter on equal columns (a list or tuple means "one of"), so a page
    reads only the quarter or unit it shows.
    """
    if not (name.startswith(MART_PREFIXES) and name.isidentifier()):
        raise ValueError(f"the dashboard reads only published marts, not {name!r}")
    if name in PERSON_LEVEL_MARTS and not can("see_person_level"):
        raise PermissionError(f"{name} holds person-level data: only for see_person_level")
    path, mtime = _stamp()
    key = tuple(
        sorted((k, tuple(v) if isinstance(v, list | tuple) else v) for k, v in filters.items())
    )
    return _read_mart(path, mtime, name, key)


@st.cache_resource(show_spinner=False)
def catalogue() -> Catalogue:
    """The catalogue in risks/ (settings such as level names and appetite limits, risks,
    indicators), read once per server: every page reads it through here."""
    return load_catalogue()


def built_at() -> float | None:
    """When the published warehouse was last replaced (epoch seconds), None if never."""
    try:
        return _stamp()[1]
    except NoWarehouse:
        return None
