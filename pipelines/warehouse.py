"""Where the DuckDB warehouse lives and how it is changed without ever being half-changed.

Every write (a build, an ingest) works on a copy and swaps it in with one atomic rename,
so a crash or a kill mid-way leaves the previous warehouse exactly as it was, and readers
(the dashboard) never see a half-built state and never hold a lock that blocks a writer.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

REPO_ROOT = Path(__file__).resolve().parent.parent


def radar_home() -> Path:
    """RADAR_HOME when set, else data/ in this checkout."""
    return Path(os.environ.get("RADAR_HOME") or REPO_ROOT / "data")


def warehouse_path() -> Path:
    return radar_home() / "warehouse.duckdb"


@contextmanager
def rebuilding(path: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a private copy of the warehouse, published only on success."""
    path = path or warehouse_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    work = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    if path.exists():
        shutil.copyfile(path, work)
    con = duckdb.connect(str(work))
    try:
        yield con
        con.execute("checkpoint")
        con.close()
        with open(work, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(work, path)
    except BaseException:
        con.close()
        raise
    finally:
        for leftover in (work, work.with_name(work.name + ".wal")):
            leftover.unlink(missing_ok=True)


def read_connection(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection: it takes no write lock, so builds are never blocked."""
    return duckdb.connect(str(path or warehouse_path()), read_only=True)
