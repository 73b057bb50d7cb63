"""How a key or an id number is written by tools that do not keep it as text: with a
decimal tail (101.0), a database's fixed scale (100101.0000), or its thousands grouped
(100.101, 100,101, 100 101): each the whole number, as a workbook's number cell is, so
the person or the record is the same as in exports that write 101 (``key_numbers``
in Python, ``key_numbers_sql`` in DuckDB; recognise.float_keys says so in the log).
tests/test_float_keys.py, tests/test_id_numbers.py."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

# A whole number a tool wrote as a float (2025.0, 7,00; a key 101.0): that number in
# either convention (not 1.000: a thousands dot). Used whole (fullmatch, ^...$).
FLOAT_WHOLE = r"\s*([0-9]+)[.,]0{1,2}\s*"
# A key number with a database's fixed scale (100101.0000, 100101,000; helper-111): that
# number. Three zeros only after four digits or more (101.000 is a thousands group:
# GROUPED_KEY), four to six after any. Used whole; the digits in group 1 or 2.
FIXED_SCALE_KEY = r"\s*([0-9]{4,})[.,]0{3,6}\s*|\s*([0-9]{1,3})[.,]0{4,6}\s*"
# A key number as Dutch Excel shows a number column saved as CSV, with dots between the
# thousands (100.101; its Getal format 100.101,00), or an English one's commas (100,101,
# 100,101.00): that number (helper-104: a requester 100.101 and the same approver 100101
# were two people; helper-107: 100.101,00; helper-111: a fixed scale, 100.101,0000). Used
# whole; the digits in group 1, 2 or 3. Grouped, a number has no leading zero: 001.001,
# 08.001 and 0.500 are codes as written (helper-185: read as 001001, 08001 and 0500).
# Or with spaces between the thousands, as a French or ISO number format and Excel in such
# a locale write it (101 007, its no-break and thin spaces too; helper-246: a requester
# 101 007 and the same approver 101007 were two people).
GROUP_SPACES = " \u00a0\u202f\u2009"
GROUPED_KEY = (
    r"\s*([1-9][0-9]{0,2}(?:\.[0-9]{3})+)(?:,0{1,4})?\s*"
    r"|\s*([1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.0{1,4})?\s*"
    rf"|\s*([1-9][0-9]{{0,2}}(?:[{GROUP_SPACES}][0-9]{{3}})+)(?:[.,]0{{1,4}})?\s*"
)
# What a grouped key number's digits lose, in each of GROUPED_KEY's alternatives
GROUP_MARKS = (".", ",", GROUP_SPACES)
# Each way a key number is written otherwise, in the order they are read (lookups)
KEY_NUMBERS = (FLOAT_WHOLE, FIXED_SCALE_KEY, GROUPED_KEY)
# What Python's str.strip() takes off and its \s matches, in RE2 (whose \s is ASCII's;
# the staging's trim may leave some)
SPACES_SQL = "[\\pZ\\s\\x0b\\x1c-\\x1f\\x85]"
# The same in DuckDB (an _id column read in SQL, checks.py): each alternative on its own,
# its digits in group 1, with the separator they lose. A cell one reads as digits alone
# matches no later one, so the first that matches gives what lookups' passes give.
KEY_NUMBERS_SQL = tuple(
    (p.replace(r"\s", SPACES_SQL), sep)
    for p, sep in (
        (FLOAT_WHOLE, ""),
        *((p, "") for p in FIXED_SCALE_KEY.split("|")),
        *zip(GROUPED_KEY.split("|"), GROUP_MARKS, strict=True),
    )
)


def key_numbers_sql(cell: str) -> str:
    """SQL of ``cell`` (a text) with a key number written otherwise (KEY_NUMBERS: 101.0,
    100101.0000, 100.101, 100.101,00, 101 007) as its digits; any other cell as it is (one
    without a dot, a comma or a space at once)."""
    cases = []
    for pattern, sep in KEY_NUMBERS_SQL:
        whole = "'^(?:" + pattern + ")$'"
        digits = f"regexp_extract({cell}, {whole}, 1)"
        cases.append(
            f"when regexp_full_match({cell}, {whole}) then "
            + (f"regexp_replace({digits}, '[{sep}]', '', 'g')" if sep else digits)
        )
    plain = f"not ({marked_sql(cell)})"
    return f"(case when {cell} is null or {plain} then {cell} {' '.join(cases)} else {cell} end)"


def marked_sql(cell: str) -> str:
    """SQL, true for a cell with a dot, a comma or a space that groups thousands: one of
    KEY_NUMBERS has one of them between its digits, so no other cell is written so."""
    return " or ".join(f"contains({cell}, '{mark}')" for mark in ".," + GROUP_SPACES)


def marked_columns(con: Any, table: str, cells: list[str]) -> list[bool]:
    """For each of ``cells`` (SQL of a column of ``table``) whether a cell of it is
    marked_sql: one pass for them all. Where none is, key_numbers_sql leaves every cell as
    it is, and none is a key number written otherwise (recognise.float_keys)."""
    if not cells:
        return []
    flags = (f"coalesce(bool_or({marked_sql(c)}), false)" for c in cells)
    return list(con.execute(f"select {', '.join(flags)} from {table}").fetchone())


def key_numbers(shown: pd.Series) -> pd.Series:
    """A key number written with a decimal tail (101.0), a database's fixed scale
    (100101.0000) or its thousands grouped (100.101, 100.101,00, 101 007): its digits,
    as the same key in other exports (recognise.float_keys says so). Each pattern's
    digits are in its first group that matched."""
    # the text cells (a number cell or none has no key so written)
    texts = shown.map(lambda c: c if isinstance(c, str) else None).astype(object)
    for pattern in KEY_NUMBERS:
        # the cells so written first (few or none: most keys are plain digits), and only
        # theirs taken apart; a group's digits column by column (a row-wise bfill over the
        # groups took 4 s of the large demo's ingest)
        written = texts.str.fullmatch(pattern, na=False).to_numpy(dtype=bool)
        if not written.any():
            continue
        groups = texts[written].str.extract(f"^(?:{pattern})$")
        first = groups.iloc[:, 0]
        for column in groups.columns[1:]:
            first = first.fillna(groups[column])
        digits = first.map(lambda d: re.sub(f"[.,{GROUP_SPACES}]", "", d)).to_numpy()
        texts[written] = digits
        shown = shown.copy()
        shown[written] = digits
    return shown
