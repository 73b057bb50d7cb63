"""key_numbers.marked_columns lets the ingest leave out a plain id column's key-number
step (key_numbers_sql) and recognise.float_keys' pass over it when no cell of it has a
dot, a comma or a grouping space. That is exact only if no cell without one is a key
number written otherwise and key_numbers_sql leaves every such cell as it is: asked here
of DuckDB itself, for the ways each pattern is written and for Hypothesis' cells.
"""

from __future__ import annotations

import duckdb
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipelines.ingest.key_numbers import (
    GROUP_SPACES,
    KEY_NUMBERS_SQL,
    key_numbers_sql,
    marked_columns,
    marked_sql,
)

CON = duckdb.connect()
WRITTEN = [
    "101.0",
    "7,00",
    "100101.0000",
    "12,0000",
    "100.101",
    "100,101.00",
    "101 007",
    " 101\u00a0007 ",
]
CHARS = st.sampled_from([*"0123456789.,- aZ", *GROUP_SPACES, "\u2007", "\u3000", "\t"])


def asked(cells: list[str | None]) -> list[tuple[bool, bool, str | None]]:
    """Per cell: marked_sql, whether a KEY_NUMBERS pattern matches it, key_numbers_sql."""
    CON.execute("create or replace temp table cells (i int, c varchar)")
    CON.executemany("insert into cells values (?, ?)", list(enumerate(cells)))
    any_pattern = " or ".join(f"regexp_full_match(c, '^(?:{p})$')" for p, _ in KEY_NUMBERS_SQL)
    sql = (
        f"select coalesce({marked_sql('c')}, false), coalesce({any_pattern}, false), "
        f"{key_numbers_sql('c')} from cells order by i"
    )
    return CON.execute(sql).fetchall()


def test_each_way_a_key_number_is_written_is_marked() -> None:
    for marked, matches, read in asked(WRITTEN):
        assert marked and matches, (marked, matches, read)
    assert marked_columns(CON, "cells", ["c"]) == [True]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(CHARS, max_size=12), st.none()), min_size=1, max_size=6))
@example(["101", "1 01", "101-007"])
@example(["100\u2007101"])  # a figure space groups no thousands here
def test_a_cell_without_a_mark_is_no_key_number_and_left_as_it_is(cells: list[str | None]) -> None:
    for cell, (marked, matches, read) in zip(cells, asked(cells), strict=True):
        if not marked:
            assert not matches and read == cell, (cell, matches, read)
    flagged = [m for m, _, _ in asked(cells)]
    assert marked_columns(CON, "cells", ["c"]) == [any(flagged)]
