"""bench/statements.py: each DuckDB statement a radar command runs, timed by where it ran."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from statements import Timed, report  # noqa: E402


def run_twice(con: Timed) -> None:
    for _ in range(2):
        con.execute("select 1").fetchall()  # the same line twice: one entry, two calls


def test_each_statement_is_counted_by_the_line_that_ran_it_and_a_model_by_its_name() -> None:
    totals: dict[str, list] = defaultdict(lambda: [0, 0.0])
    con = Timed(duckdb.connect(), totals)
    run_twice(con)
    con.execute("create or replace table int_example as select 42 as answer")
    assert con.execute("select answer from int_example").fetchall() == [(42,)]
    lines = [where for where in totals if where.startswith("test_bench_statements.py:")]
    assert [totals[w][0] for w in lines if w.endswith(" run_twice")] == [2]
    assert totals["table int_example"][0] == 1
    # a statement that fails is counted all the same, and its error reaches the caller
    with pytest.raises(duckdb.CatalogException):
        con.execute("select * from no_such_table")
    assert sum(n for n, _ in totals.values()) == 5
    said = report(totals, shown=1)
    assert said.splitlines()[0].startswith("DuckDB statements: ")
    assert said.splitlines()[-1].endswith(f"in the other {len(totals) - 1}")
