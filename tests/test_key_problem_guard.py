"""key_cells.key_problem_rows leaves a column's no-key expression out of the ingest's
statement when one cheap pass says no cell of it can be a problem (printable ASCII with a
letter or a digit, no '?', not word-like). That pass must never miss a cell the full
expression (key_problem_sql) would quarantine: here each is asked of the same column and
must name the same rows with the same reasons, for every cell alone among plain keys.
"""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipelines.ingest.key_cells import UNKNOWN_WORDS, key_problem, key_problem_rows, key_problem_sql
from tests.test_key_cells import KEYS, NO_KEYS

# what most exports' ids look like: with a digit no word for unknown has (every one but 1)
PLAIN = ["104235", "ORD-2026-0001", "K-20"]
CON = duckdb.connect()


def table(cells: list[str | None]) -> str:
    CON.execute("create or replace temp table typed (_rid bigint, contract_id varchar)")
    CON.executemany("insert into typed values (?, ?)", list(enumerate(cells)))
    return "typed"


def guarded(cells: list[str | None]) -> set[tuple[int, str]]:
    branches = key_problem_rows(CON, table(cells), ["contract_id"])
    if not branches:
        return set()
    return set(CON.execute(f"select _rid, reason from ({' union all '.join(branches)})").fetchall())


def whole(cells: list[str | None]) -> set[tuple[int, str]]:
    problem = key_problem_sql('t."contract_id"', "contract_id")
    rows = f"select _rid, {problem} as problem from {table(cells)} as t"
    sql = f"select _rid, 'de cel ' || problem from ({rows}) where problem is not null"
    return set(CON.execute(sql).fetchall())


@pytest.mark.parametrize("cell", [cell for cell, _ in NO_KEYS] + KEYS)
def test_a_cell_alone_among_plain_keys_is_judged_as_the_whole_expression_judges_it(
    cell: str,
) -> None:
    cells = [*PLAIN, cell, None]
    found = guarded(cells)
    assert found == whole(cells)
    # and as the Python reading judges it (key_cells.key_problem), for the cells it reads
    # as the staging leaves them (no Excel wrapper left, not padded)
    if not cell.startswith("=") and cell == cell.strip():
        assert bool(found) == (key_problem(cell, "contract_id") is not None), (cell, found)


def test_a_column_of_plain_keys_plans_no_expression() -> None:
    assert key_problem_rows(CON, table([*PLAIN, None]), ["contract_id"]) == []
    # but one past printable ASCII (Müller-3), or one that may be a word (K-1), is asked
    assert len(key_problem_rows(CON, table([*PLAIN, "Müller-3"]), ["contract_id"])) == 1
    assert len(key_problem_rows(CON, table([*PLAIN, "K-1"]), ["contract_id"])) == 1


CHARS = st.sampled_from(
    [*"aAzZ09 -./'?*#_", "\u00e9", "\u2026", "\u2212", "\uff11", "\u0661", "\u00a0", "\u200b"]
)
CELL = st.one_of(
    st.text(CHARS, max_size=8),
    st.sampled_from(sorted(UNKNOWN_WORDS)),
    st.sampled_from(sorted(UNKNOWN_WORDS)).map(str.upper),
    st.text(max_size=6),
    st.none(),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(CELL, max_size=5))
@example(["onbekend"])
@example(["A?1"])
@example(["\uff11\uff10"])
@example(["--*"])
def test_any_column_is_judged_as_the_whole_expression_judges_it(cells: list[str | None]) -> None:
    cells = [*PLAIN, *cells]
    assert guarded(cells) == whole(cells)
