"""The one way into RADAR_HOME/meldingen.sqlite, shared by the reports' store and the
exceptions' follow-up (both keep their tables in that file): a connection in WAL mode that
waits for a busy writer and overwrites deleted content (secure_delete, so a changed note is
gone from the file), and a write transaction retried while another writer holds the lock,
checkpointed afterwards so no old page lingers in the WAL.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
ATTEMPTS = 5


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(path, timeout=10, isolation_level=None)
    con.row_factory = sqlite3.Row
    try:
        con.execute("pragma journal_mode=wal")
        con.execute("pragma busy_timeout=10000")
        con.execute("pragma secure_delete=on")
        yield con
    finally:
        con.close()


def write(
    path: Path, apply: Callable[[sqlite3.Connection], T], busy: Callable[[str], Exception]
) -> T:
    """``apply`` in one immediate transaction (rolled back when it raises), tried again
    while the file is locked; after the last attempt ``busy(detail)`` is raised."""
    for attempt in range(ATTEMPTS):
        try:
            with connect(path) as con:
                con.execute("begin immediate")
                try:
                    result = apply(con)
                except BaseException:
                    con.execute("rollback")
                    raise
                con.execute("commit")
                con.execute("pragma wal_checkpoint(truncate)")
                return result
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if attempt == ATTEMPTS - 1:
                raise busy(str(exc)) from exc
            time.sleep(0.2 * 2**attempt)
    raise AssertionError("unreachable")
