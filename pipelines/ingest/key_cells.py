"""What a key or an id cell can hold that is no key, and is never read as one.

A person's key (requester_key, approver_key) is pseudonymised and counted as a person; an
id (contract_id, dwelling_id, order_id) is a record. A cell that is no key must not become
one without a word (helper-244):

- Excel's text formula ``="..."`` is taken off before anything else is read of the cell,
  so what it holds is read as a cell without it: ``=""`` is empty (it was the key ''), and
  ``="NULL"`` or ``="geen"`` none (they were people called NULL and geen). ``unwrapped``.
- a word for unknown or not yet known (``n.b.``, ``n/b``, ``onb.``, ``n.t.b.``, ``TBD``,
  ``x``, ``nee``, a workbook's TRUE, a NaN as a C library prints it) is quarantined: an approver
  ``n/b`` is no approval, and a contract ``?`` no contract that exempts an order from its
  procedure. Not guessed as none either (``x`` may mark an approval): the mapping's
  ``values`` says what it means. The words that plainly say none (``geen``, ``zonder
  contract``, ``(geen)``: lookups.NO_ONE) are empty, as before.
- a cell of marks alone, without a letter or a digit (``??``, ``…``, ``_``, a minus sign
  or a figure dash), is no key; the dashes lookups.NULL_MARKERS lists are empty.
- digits of another script (fullwidth ``１０１``, Arabic-Indic ``١٠١``) are quarantined:
  ``１０１００７`` is not told from 101007, so a requester approving their own order would
  not be seen; a number column refuses them too.

``key_problem`` is the Python rule (lookups.lookup, keys and ids with a lookup);
``key_problem_sql`` the same rule in SQL (checks.check_source, ids read as plain text).
"""

from __future__ import annotations

import re

import pandas as pd

from pipelines.ingest.parsing import without_invisible

# Excel's trick to keep a number as text in a CSV, ="000101": the key inside the quotes
EXCEL_TEXT_FORMULA = r'^\s*="(.*)"\s*$'

# Words for unknown or undecided, compared as codes are (code_key: no case, accents,
# surrounding spaces); with the NaN and NA spellings pandas reads as missing that are no
# marker here (a C library's -1.#IND, Bloomberg's #N/A N/A).
UNKNOWN_WORDS = frozenset(
    ("n.b.", "n.b", "nb", "n/b", "n.b.t.", "nbt", "onb.", "onb", "niet bekend",
     "nog niet bekend", "n.t.b.", "n.t.b", "ntb", "nnb", "tbd", "tba", "tbc", "to be defined",
     "x", "xx", "xxx", "nee", "ja", "true", "false", "waar", "onwaar", "#na", "#n/a n/a",
     "-1.#ind", "1.#ind", "-1.#qnan", "1.#qnan", "-nan", "+nan")
)  # fmt: skip

UNKNOWN_NOTE = (
    "is geen sleutel maar een woord voor onbekend of nog niet bekend; niet geraden als "
    "iemand of als geen. Betekent het 'geen', vertaal het dan in de kolomkoppeling: "
    "values: {{{column}: {{{said}: null}}}}"
)
MARKS_NOTE = "heeft geen letter of cijfer, dus is geen sleutel; niet geraden"
OTHER_DIGITS_NOTE = (
    "heeft cijfers uit een ander schrift (zoals １ of ١), niet 0-9: niet te onderscheiden "
    "van dezelfde sleutel in gewone cijfers, dus niet geraden; schrijf hem in de bron in "
    "de cijfers 0-9"
)


def unwrapped(cells: pd.Series) -> pd.Series:
    """``cells`` with Excel's ``="..."`` taken off, and one that holds nothing visible
    (``=""``, ``=" "``) empty."""
    formula = cells.str.fullmatch(EXCEL_TEXT_FORMULA, na=False).to_numpy(dtype=bool)
    if not formula.any():
        return cells
    inner = cells.str.replace(EXCEL_TEXT_FORMULA, r"\1", regex=True)
    blank = inner.map(lambda c: isinstance(c, str) and not without_invisible(c).strip())
    return cells.where(~formula, inner.mask(blank.to_numpy(dtype=bool), None))


# No such word is longer, however its spaces are doubled: a longer cell is not compared
WORD_AT_MOST = 64


def _word(cell: str) -> str:
    """A cell as the words are compared, in Python as in SQL: lower case, its spaces (RE2's
    \\s: tab, line ends, form feed, space) one."""
    if cell.isalnum():  # most keys: nothing to make one
        return cell.lower()
    return re.sub(r"[\t\n\f\r ]+", " ", cell).lower()


def key_problem(cell: object, column: str) -> str | None:
    """Why a key or id cell (Excel's wrappers off, the words for none already empty) is no
    key, or None."""
    if not isinstance(cell, str) or not cell.strip():
        return None
    if len(cell) <= WORD_AT_MOST and _word(cell.strip()) in UNKNOWN_WORDS:
        said = "'" + cell.strip().replace("'", "''") + "'"  # as YAML quotes it
        return UNKNOWN_NOTE.format(column=column, said=said)
    if not any(c.isalnum() for c in without_invisible(cell)):
        return MARKS_NOTE
    if any(c.isdecimal() and not "0" <= c <= "9" for c in cell):
        return OTHER_DIGITS_NOTE
    return None


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def key_problem_sql(value: str, column: str) -> str:
    """``key_problem`` in SQL over a key or id as the staging read it (``value``: Excel's
    wrappers off, no invisible characters, trimmed, the words for none NULL): the note,
    or NULL. Most cells are printable ASCII with a letter or a digit: past the words, only
    the others are looked at further."""
    words = ", ".join(_sql_text(w) for w in sorted(UNKNOWN_WORDS))
    word = f"lower(regexp_replace({value}, '\\s+', ' ', 'g'))"
    quote = _sql_text("'")
    said = f"{quote} || replace({value}, {quote}, {_sql_text(chr(39) * 2)}) || {quote}"
    before, after = UNKNOWN_NOTE.format(column=column, said="\x00").split("\x00")
    return f"""(case
        when {value} is null then null
        when length({value}) <= {WORD_AT_MOST} and {word} in ({words})
            then {_sql_text(before)} || {said} || {_sql_text(after)}
        when regexp_full_match({value}, '[\\x20-\\x7e]*')
            and regexp_matches({value}, '[0-9A-Za-z]') then null
        when not regexp_matches({value}, '[\\p{{L}}\\p{{N}}]') then {_sql_text(MARKS_NOTE)}
        when regexp_matches(regexp_replace({value}, '[0-9]', '', 'g'), '\\p{{Nd}}')
            then {_sql_text(OTHER_DIGITS_NOTE)}
        end)"""
