"""Where the DuckDB warehouse lives and how it is changed without ever being half-changed.

Every write (a build, an ingest) works on a copy and swaps it in with one atomic rename,
so a crash or a kill mid-way leaves the previous warehouse exactly as it was, and readers
(the dashboard) never see a half-built state and never hold a lock that blocks a writer.
The published file is private (mode 0600) whatever the umask: it holds pseudonymised
personal data.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.core.texts import Message, MessageError

REPO_ROOT = Path(__file__).resolve().parents[2]


# DuckDB's memory for a build or ingest; `make bench` shows the peak of the process.
BUILD_MEMORY_LIMIT = "1GB"


def radar_home() -> Path:
    """RADAR_HOME when set, else data/ in this checkout."""
    return Path(os.environ.get("RADAR_HOME") or REPO_ROOT / "data")


def warehouse_path() -> Path:
    return radar_home() / "warehouse.duckdb"


class WarehouseBusy(MessageError, RuntimeError):
    """Another build or ingest is changing the warehouse right now (str(): Dutch;
    text(lang))."""


def _remove_stale_copies(path: Path) -> None:
    """Copies left by a writer that was killed (its process is gone) are deleted."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)-[0-9a-f]+\.tmp(\.wal)?")
    for leftover in path.parent.glob(f".{path.name}.*.tmp*"):
        match = pattern.fullmatch(leftover.name)
        if match and not process_alive(int(match.group(1))):
            leftover.unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class RebuildTimings:
    """What a rebuild spent outside the caller's own work, in seconds (filled in by
    ``rebuilding`` as it goes; a phase that did not happen stays 0)."""

    # waiting for the lock while another build or ingest ran
    wait_seconds: float = 0.0
    # copying the published warehouse to the private working copy
    copy_seconds: float = 0.0
    # size of that copy in bytes (0: there was no warehouse yet)
    copied_bytes: int = 0
    # checkpoint, fsync and the atomic rename that publishes the copy
    publish_seconds: float = 0.0


@contextmanager
def rebuilding(
    path: Path | None = None, *, wait: bool = True, timings: RebuildTimings | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a private copy of the warehouse, published only on success.

    One writer at a time (a lock file beside the warehouse); readers are never blocked.
    ``timings``, when given, gets the time spent waiting for the lock, copying the
    warehouse and publishing the copy (see RebuildTimings).
    """
    timings = timings if timings is not None else RebuildTimings()
    clock = time.perf_counter
    path = path or warehouse_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_fd = os.open(path.with_name(path.name + ".lock"), os.O_WRONLY | os.O_CREAT, 0o600)
    with os.fdopen(lock_fd, "a") as lock:
        started = clock()
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            busy = Message("warehouse.busy", locale_file="errors", path=path)
            raise WarehouseBusy(busy) from None
        timings.wait_seconds = clock() - started
        _remove_stale_copies(path)
        work = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex}.tmp")
        if path.exists():
            started = clock()
            # Made 0600 first: copyfile keeps the mode of a file it writes into.
            os.close(os.open(work, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            try:
                shutil.copyfile(path, work)
            except BaseException:
                work.unlink(missing_ok=True)
                raise
            timings.copy_seconds = clock() - started
            timings.copied_bytes = work.stat().st_size
        # A bound on DuckDB's own memory (it would take 80% of the machine and keep its
        # buffers): the models spill to disk beside the copy instead of holding 2 GB.
        # No fsync at each commit (fsync_mode NONE): the copy is private, a crash leaves
        # the published warehouse as it was, and the copy is synced once, below, before
        # it is published. Every statement of a build commits (96 models; a file's checks
        # and its load): the syncs were about half the models' time on a small warehouse.
        config = {"memory_limit": BUILD_MEMORY_LIMIT, "fsync_mode": "NONE"}
        con = duckdb.connect(str(work), config=config)
        try:
            yield con
            started = clock()
            con.execute("checkpoint")
            con.close()
            os.chmod(work, 0o600)  # before the rename: never published readable by others
            with open(work, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(work, path)
            timings.publish_seconds = clock() - started
        except BaseException:
            con.close()
            raise
        finally:
            for leftover in (work, work.with_name(work.name + ".wal")):
                leftover.unlink(missing_ok=True)


# The name a read_connection gives the warehouse file it attaches, and its memory.
READ_CATALOG = "warehouse"
READ_MEMORY_LIMIT = BUILD_MEMORY_LIMIT


def read_connection(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection: it takes no write lock, so builds are never blocked.

    The file is attached to an in-memory database of its own, not opened with
    ``duckdb.connect(path)``: DuckDB keeps one database per path in a process, and while
    any connection to it is open a new ``connect(path)`` gets that same database, which
    still reads the file a rebuild has since replaced (``rebuilding`` publishes a new file
    under the old name). The dashboard keeps connections open (dashboard/data.py), so
    every page after a rebuild would have shown the old scores. ``attach`` opens the file
    that is there now; a connection already open keeps reading the one it opened, whole.
    """
    path = path or warehouse_path()
    # What a query has to spill goes beside the warehouse (as DuckDB does for a file it
    # opens itself), never into the folder the process was started from; and an open
    # reader (the dashboard keeps one) holds no more of it in memory than a build may.
    con = duckdb.connect(
        config={"temp_directory": f"{path}.tmp", "memory_limit": READ_MEMORY_LIMIT}
    )
    try:
        con.execute(f"attach ? as {READ_CATALOG} (read_only)", [str(path)])
        con.execute(f"use {READ_CATALOG}")
    except BaseException:
        con.close()
        raise
    return con


def read_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of a ``read_connection``, for another thread (DuckDB's way to share one
    database between threads), reading the same file."""
    cursor = con.cursor()
    cursor.execute(f"use {READ_CATALOG}")  # a cursor starts in the in-memory database
    return cursor
