"""SQL that a test holds for every cell of a row, for files of any width.

A conjunct per column (``c0 ... and c1 ... and ...``) is how a row's cells are best tested
in a narrow file: most rows fail at the first columns, and DuckDB tests a column at a time.
In a wide one it is not: an HR export with 980 columns (every field of its system, under
the 1,000-column limit) took seconds per statement to plan, whatever its rows, and the
repeated-header statement gigabytes (helper-201). So in a file of more than NARROW
columns the first FIRST cells are conjuncts and the rest one list, tested by one lambda.
"""

from __future__ import annotations

from collections.abc import Callable

# Up to this many cells a row is tested a cell at a time (the large demo's HR export of
# 15 columns: 0.07 s slower as a list); a wider one's first FIRST cells, then one list
NARROW = 64
FIRST = 8


def every(
    cells: list[str], test: Callable[[str], str], narrow: int = NARROW, first: int = FIRST
) -> str:
    """SQL, true when ``test`` (SQL for one cell, given its expression) holds for each of
    ``cells`` (SQL expressions). ``test`` must be true or false, never NULL, for a NULL
    cell (begin it with ``x is null or``): a list's NULL would pass where a conjunct's
    would fail. ``narrow`` and ``first`` as NARROW and FIRST (0: one list for any width,
    where the test is costly to plan, as a regular expression of letters, \\p{L}, is:
    3 ms a cell, and the rows few)."""
    if not cells:
        return "true"
    if len(cells) <= narrow:
        return " and ".join(f"({test(c)})" for c in cells)
    parts = [f"({test(c)})" for c in cells[:first]]
    if len(cells) > first:
        rest = ", ".join(cells[first:])
        parts.append(
            f"coalesce(list_bool_and(list_transform([{rest}], lambda x: {test('x')})), false)"
        )
    return " and ".join(parts)
