"""The steps of SQL that read a plain text cell (no lookup: checks.py's fast path), each
worked out once per row (checks.Stages): trimmed, a NULL marker empty (checks.unmarked,
after these); an identifier (``_id``, ``_key``) without invisible characters, Excel's
marks and the words for none, its numbers as a key's; a coded column without codes to
match yet (the first organisation tree: org_unit) without Excel's marks.
"""

from __future__ import annotations

from typing import Any

from pipelines.ingest.key_cells import EXCEL_TEXT_FORMULA, may_be_word_sql, none_word_sql
from pipelines.ingest.key_numbers import key_numbers_sql, marked_sql
from pipelines.ingest.lookups import ALL_ZEROS, MARK_ALONE, TEXT_MARK_SQL, zero_is_none
from pipelines.ingest.parsing import INVISIBLE_SQL
from pipelines.ingest.quality.base import Column
from pipelines.ingest.source_table import sql_text, trimmed

HOLE = "\x00"  # where a step (checks.Stages.add) takes the step before it


# Excel's text mark before a code that is a number or a date (codes.MARKED_NUMBER):
# '0012, not 's-Hertogenbosch, a code's own apostrophe (helper-264 F8)
MARKED_NUMBER_SQL = r"^\s*'([0-9][0-9.,/-]*)\s*$"


def excel_marks(mark: str = TEXT_MARK_SQL) -> list[str]:
    """Excel's ="000101" off first, what it holds read as a cell (="" empty, ="NULL"
    none: helper-244), then its text mark ('000103, lookups.APOSTROPHED; ``mark``: the
    cells it is taken off)."""
    return [
        f"regexp_replace({HOLE}, {sql_text(EXCEL_TEXT_FORMULA)}, '\\1')",
        trimmed(f"regexp_replace({HOLE}, {sql_text(mark)}, '\\1')"),
    ]


def step_needs(con: Any, table: str, cells: list[str]) -> dict[str, tuple[bool, bool]]:
    """For each of ``cells`` (SQL of a plain id column of ``table``), in one pass: whether
    a cell of it may be a key number written otherwise (key_numbers.marked_sql) and
    whether one may be a word for none (key_cells.may_be_word_sql): plain_steps'
    ``numbers`` and ``words``. ``table`` must hold every row the steps are run on (the
    kept rows and those drop_rows left out: checks.check_source)."""
    if not cells:
        return {}
    asked = ", ".join(
        f"coalesce(bool_or({marked_sql(c)}), false), coalesce(bool_or({may_be_word_sql(c)}), false)"
        for c in cells
    )
    flags = con.execute(f"select {asked} from {table}").fetchone()
    return {c: (flags[2 * i], flags[2 * i + 1]) for i, c in enumerate(cells)}


def plain_steps(cell: str, column: Column, numbers: bool = True, words: bool = True) -> list[str]:
    """The steps for ``cell`` of ``column``, the first of them trimming it. ``numbers``,
    ``words`` False (step_needs): no cell of the column, in any row the steps are run on,
    is key_numbers_sql's, or may be a word for none, and that step, which would leave
    each such cell as it is, is left out."""
    steps = [trimmed(cell)]
    if column.name.endswith(("_id", "_key")):  # no invisible character in an identifier
        steps.append(  # and é composed one way (nfc_normalize: helper-184)
            f"nfc_normalize(regexp_replace({HOLE}, {sql_text(INVISIBLE_SQL)}, '', 'g'))"
        )
        steps += excel_marks()  # and the words for none after (none_words.NO_ONE)
        alone = f"regexp_full_match({HOLE}, {sql_text(MARK_ALONE)})"
        steps.append(f"(case when {alone} then null else {HOLE} end)")
        # however spelt: Géén, geen., N . V . T (key_cells, helper-245)
        if words:
            steps.append(f"(case when {none_word_sql(HOLE)} then null else {HOLE} end)")
        if zero_is_none(column):  # an ERP's 0 for none (lookups)
            zeros = f"regexp_full_match({HOLE}, {sql_text(ALL_ZEROS)})"
            steps.append(f"(case when {zeros} then null else {HOLE} end)")
        # 17,00 and 4.711 are 17 and 4711, as in a key (helper-138: a re-export's record
        # 17,00 was a second gift beside 17, counted twice)
        if numbers:
            steps.append(key_numbers_sql(HOLE))
    elif column.codes is not None:
        # a coded column with no codes to match yet (the first tree's org_unit): '0001
        # and ="0001" are 0001, as a later export's are matched to it (codes.EXCEL_MARKS;
        # helper-261 4: the first tree kept '0001, and a clean export beside it was a
        # second tree); the code's own dots and zeros stay
        steps += excel_marks(MARKED_NUMBER_SQL)
        alone = f"regexp_full_match({HOLE}, {sql_text(MARK_ALONE)})"
        steps.append(f"(case when {alone} then null else {HOLE} end)")
    return steps


def plain_sql(cell: str, column: Column) -> str:
    """plain_steps as one expression (each step's HOLE the one before; for a query of a
    column's distinct cells, not a table's every row)."""
    steps = plain_steps(cell, column)
    expr = steps[0]
    for step in steps[1:]:
        expr = step.replace(HOLE, expr)
    return expr
