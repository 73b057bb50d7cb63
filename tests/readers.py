"""Reading a warehouse in a test: the file attached read-only to one in-memory DuckDB of
the test process, not opened as a database of its own.

``duckdb.connect(path, read_only=True)`` starts a new DuckDB instance each time, and an
instance registers all of DuckDB's built-in functions first: 15-17 ms a call on the
development VM (``perf``: the catalogue's entries made and freed), whatever the file
holds. Tests read what an ingest or a build wrote hundreds of times a file (363 reads in
330 tests of test_trailer.py, test_header_says.py and test_unit_cells.py: 7.9 of their 83
profiled seconds). ``attach`` of the same file to an instance already running takes
about 2 ms, and reads the file as it is now, as a new connection would: the product's
own readers do the same (``pipelines.core.warehouse.read_connection``).

``reading(path)`` is a cursor with the file attached and in use, detached when the block
ends; read what you need inside the block (``fetchall``, ``df``). Blocks may nest over
the same file (one attachment, counted).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

_lock = threading.Lock()
_shared: duckdb.DuckDBPyConnection | None = None
_attached: dict[str, list] = {}  # resolved path -> [alias, blocks open]
_names = itertools.count()


def _instance() -> duckdb.DuckDBPyConnection:
    global _shared
    if _shared is None:
        _shared = duckdb.connect(config={"threads": 1})
    return _shared


@contextmanager
def reading(path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only cursor on the warehouse at ``path`` (see the module's docstring)."""
    key = str(Path(path).resolve())
    with _lock:
        shared = _instance()
        if key in _attached:
            _attached[key][1] += 1
        else:
            alias = f"read_{next(_names)}"
            shared.execute(f"attach '{key.replace(chr(39), chr(39) * 2)}' as {alias} (read_only)")
            _attached[key] = [alias, 1]
        alias = _attached[key][0]
        cursor = shared.cursor()
    try:
        cursor.execute(f"use {alias}")
        yield cursor
    finally:
        cursor.close()
        with _lock:
            _attached[key][1] -= 1
            if _attached[key][1] == 0:
                del _attached[key]
                shared.execute(f"detach {alias}")
