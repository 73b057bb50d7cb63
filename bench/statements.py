"""Where a radar command's DuckDB time goes: every statement it runs, timed.

    python bench/statements.py build --quiet --timings
    python bench/statements.py ingest path/to/new-month --quiet

runs the radar command in this process, with every DuckDB connection it opens wrapped
so that each ``execute`` is timed, and prints after the command's own output the DuckDB
total and the statements by the time they took: each SQL model (table or view) by name,
every other statement by the line of code that ran it (summed over its calls, with the
number of calls). What is not in the total is Python's (pandas, the cells' readings,
openpyxl). The models run two at a time, so their seconds overlap: the total can exceed
the wall time of the models' phase. Set RADAR_HOME first, as for radar itself. The
figures in the README's Performance section that name a statement or a line came from
this.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb

REPO = Path(__file__).resolve().parent.parent
MODEL = "create or replace "
LOCK = threading.Lock()


class Timed:
    """A DuckDB connection whose ``execute`` is timed into ``totals``: (calls, seconds)
    by the code line that called it, or by model for a model's statement."""

    def __init__(self, con: duckdb.DuckDBPyConnection, totals: dict[str, list]) -> None:
        self._con = con
        self._totals = totals

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def cursor(self) -> Timed:
        # the models run on cursors of their own, two at a time (their seconds overlap)
        return Timed(self._con.cursor(), self._totals)

    def __enter__(self) -> Timed:
        return self

    def __exit__(self, *exc: object) -> None:
        self._con.__exit__(*exc)

    def execute(self, sql: object, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return self._con.execute(sql, *args, **kwargs)
        finally:
            seconds = time.perf_counter() - started
            text = " ".join(str(sql).split())
            if text.startswith(MODEL):  # create or replace table|view <name> as ...
                where = " ".join(text.split()[3:5])
            else:
                caller = sys._getframe(1)
                code = caller.f_code
                where = f"{Path(code.co_filename).name}:{caller.f_lineno} {code.co_name}"
            with LOCK:  # two threads run models at once
                total = self._totals[where]
                total[0] += 1
                total[1] += seconds


def report(totals: dict[str, list], shown: int = 30) -> str:
    """The DuckDB total and the ``shown`` largest, one line each: seconds, calls, where."""
    rows = sorted(totals.items(), key=lambda item: -item[1][1])
    lines = [f"DuckDB statements: {sum(t for _, t in totals.values()):.2f} s in all"]
    lines += [f"{t:7.2f} s {n:5d}x  {where}" for where, (n, t) in rows[:shown]]
    if len(rows) > shown:
        rest = sum(t for _, (_, t) in rows[shown:])
        lines.append(f"{rest:7.2f} s in the other {len(rows) - shown}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(REPO))
    from pipelines.cli.main import main as radar

    totals: dict[str, list] = defaultdict(lambda: [0, 0.0])
    connect = duckdb.connect

    def timed_connect(*args: Any, **kwargs: Any) -> Timed:
        return Timed(connect(*args, **kwargs), totals)

    duckdb.connect = timed_connect  # every connection the command opens
    try:
        code = radar(argv)
    finally:
        duckdb.connect = connect
        print(report(totals))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
