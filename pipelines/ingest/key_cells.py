"""What a key or an id cell can hold that is no key, and is never read as one.

A person's key (requester_key, approver_key) is pseudonymised and counted as a person; an
id (contract_id, dwelling_id, order_id) is a record. A cell that is no key must not become
one without a word (helper-244, helper-245):

- Excel's text formula ``="..."`` is taken off before anything else is read of the cell
  (once invisible characters are gone), so what it holds is read as a cell without it:
  ``=""`` is empty (it was the key ''), ``="NULL"`` or ``="geen"`` none (they were people
  called NULL and geen), ``="#REF!"`` a spreadsheet's error. ``unwrapped``.
- the words for none and for no value (none_words: ``geen``, ``zonder contract``,
  ``NULL``, ``n.v.t.``) are none however they are spelt: any case, accents, underscores,
  typographic marks, full-width letters, and with or without dots, spaces, dashes,
  slashes, quotes and brackets (``Géén``, ``GEEN_CONTRACT``, ``geen.``, ``N . V . T``,
  ``GEEN-CONTRACT``, ``(geen contract)``; helper-245, -246: each was a contract that
  exempted its order). ``compact`` is that spelling, in Python as in SQL
  (``compact_sql``); ``none_word_sql`` the test in SQL.
- a word for unknown, undecided or "as above" (``n.b.``, ``n/b``, ``onb.``, ``n.t.b.``,
  ``TBD``, ``idem``, ``x``, ``nee``, a workbook's TRUE, a NaN as a C library prints it) is
  quarantined: an approver ``n/b`` is no approval, and a contract ``?`` no contract that
  exempts an order from its procedure. Not guessed as none either (``x`` may mark an
  approval, ``NB`` be someone's initials): the reason names the mapping's ways out,
  ``values`` to null for none or to itself for a key.
- a cell of marks alone, without a letter or a digit (``??``, ``…``, ``_``, a minus sign
  or a figure dash), is no key; the dashes none_words.NULL_MARKERS lists are empty.
- digits of another script (fullwidth ``１０１``, Arabic-Indic ``١٠١``) are quarantined:
  ``１０１００７`` is not told from 101007, so a requester approving their own order would
  not be seen; a number column refuses them too.

A person's key is never quoted in a reason (quarantine shows its pseudonym). The words
are compared up to WORD_AT_MOST characters once the cell is trimmed (a fixed-width
export's padding is no part of it: helper-245). ``key_problem`` is the Python rule
(lookups.lookup: keys, and any column under a mapping's values); ``key_problem_sql`` the
same rule in SQL (checks.check_source: ids read as plain text); a test holds them to each
other.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import cache
from unicodedata import name

import duckdb
import numpy as np
import pandas as pd

from pipelines.ingest.codes import code_key
from pipelines.ingest.key_numbers import SPACES_SQL
from pipelines.ingest.none_words import NO_ONE, NULL_MARKERS
from pipelines.ingest.parsing import PLAIN_MARKS, without_invisible
from pipelines.ingest.source_table import sql_text

# Excel's trick to keep a number as text in a CSV, ="000101": the key inside the quotes
EXCEL_TEXT_FORMULA = r'^\s*="(.*)"\s*$'

# Words for unknown, undecided or "as above"; with the NaN and NA spellings pandas reads
# as missing that are no marker here (a C library's -1.#IND, Bloomberg's #N/A N/A).
UNKNOWN_WORDS = frozenset(
    ("n.b.", "n/b", "n.b.t.", "onb.", "niet bekend", "nog niet bekend", "n.t.b.", "nnb",
     "tbd", "tba", "tbc", "to be defined", "undefined", "nader te bepalen", "idem",
     "nog te bepalen", "zie boven", "zie hierboven", "n.n.", "x", "xx", "xxx", "nee", "ja",
     "true", "false", "waar", "onwaar", "#na", "#n/a n/a", "-1.#ind", "1.#ind", "-1.#qnan",
     "1.#qnan", "-nan", "+nan")
)  # fmt: skip

# No such word is longer, however its spaces are doubled: a longer cell is not compared
WORD_AT_MOST = 64

UNKNOWN_NOTE = (
    "is geen sleutel maar een woord of teken voor onbekend, nog niet bekend, idem, ja of "
    "nee; niet geraden als iemand of als geen. Vertaal het in de kolomkoppeling: {way_out}"
)
ID_WAY_OUT = (
    "values: {{{column}: {{{said}: null}}}} als het 'geen' betekent, of values: "
    "{{{column}: {{{said}: {said}}}}} als het toch een sleutel is"
)
KEY_WAY_OUT = (
    "values: {column} naar null als het 'geen' betekent, of naar zichzelf als het iemands "
    "sleutel is (initialen)"
)
MARKS_NOTE = "heeft geen letter of cijfer, dus is geen sleutel; niet geraden"
OTHER_DIGITS_NOTE = (
    "heeft cijfers uit een ander schrift (zoals １ of ١), niet 0-9: niet te onderscheiden "
    "van dezelfde sleutel in gewone cijfers, dus niet geraden; schrijf hem in de bron in "
    "de cijfers 0-9"
)

# Full-width forms of ASCII (U+FF01-U+FF5E), as NFKD makes them plain (code_key)
_WIDE = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
_NARROW = "".join(chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F))
_MARKS_FROM = "".join(chr(c) for c in PLAIN_MARKS)
_MARKS_TO = "".join(PLAIN_MARKS[c] for c in PLAIN_MARKS)


# What compact leaves out: dots, spaces, dashes, slashes, quotes and brackets
# (GEEN-CONTRACT, geen/contract, (geen contract), [NULL], 'NULL': helper-246)
COMPACTED = r"""[.\s\-/'"()\[\]<>{}]"""


def compact(text: str) -> str:
    """How the words are compared: as a code (code_key: no case, accents, underscores,
    typographic marks, full-width forms), without COMPACTED's marks (``n.b.``, ``N . B .``
    and ``nb`` alike; ``onbekend.`` and ``onbekend``; ``(geen contract)`` and ``geen``)."""
    return re.sub(COMPACTED, "", code_key(text))


NONE_WORDS = frozenset(compact(w) for w in NO_ONE | NULL_MARKERS) - {""}
UNKNOWN_COMPACT = frozenset(compact(w) for w in UNKNOWN_WORDS)
# What the words are made of; and in RE2 the ASCII characters compact keeps that none of
# them holds (every digit but 1, ! $ % & ...): a cell with one is none of the words
_WORD_LETTERS = frozenset("".join(NONE_WORDS | UNKNOWN_COMPACT))
NO_WORD = (
    "["
    + "".join(
        c if c.isalnum() else "\\" + c
        for c in map(chr, range(0x20, 0x7F))
        if compact(c) and not set(compact(c)) <= _WORD_LETTERS
    )
    + "]"
)

# NO_WORD but for '=': the steps before the words for none (text_steps.plain_steps) take
# off spaces at either end, invisible characters, Excel's ="..." and its leading ', and
# compose by NFC; of NO_WORD only = goes so (with U+0338 NFC makes it ≠; no composition
# takes another: tests/test_step_needs.py)
NO_WORD_KEPT = NO_WORD.replace("\\=", "")


def may_be_word_sql(cell: str) -> str:
    """SQL, true for a cell that the steps before the words for none may make one: none of
    NO_WORD_KEPT in it. Where no cell of an id column is, word_gate is false for each
    after those steps, and the words' step would leave each as it is."""
    return f"not regexp_matches({cell}, {sql_text(NO_WORD_KEPT)})"


# COMPACTED in RE2, with code_key's underscore and Unicode's spaces, and the ones str
# reads as space where RE2's \s does not (a vertical tab, FileMaker's line break in a
# field; \x1c-\x1f, \x85: helper-254 F4, 'geen\x0bcontract' was a contract to SQL)
COMPACTED_SQL = r"""[._\pZ\s\x0b\x1c-\x1f\x85\-/'"()\[\]<>{}]"""


def compact_sql(expr: str) -> str:
    """``compact`` in SQL, of a cell without invisible characters."""
    single, dropped, multi = _decomposed()
    table = _MARKS_FROM + "".join(single) + "".join(dropped)
    wide, narrow = sql_text(table), sql_text(_MARKS_TO + "".join(single.values()))
    # translate reads its whole table for each cell it is asked of (55 µs a cell of 1,800
    # characters): only a cell with a character of it is (a CASE runs a branch only for
    # its rows; the large demo's full build read its files in 30.4 s against 9.7 s,
    # bench/statements.py build; 200,000 ids such as 'Café AB' 27 s, é being SQL's own),
    # only one past ASCII is asked, and only a short one (words_sql)
    held = f"regexp_matches({expr}, {sql_text(_char_class(table))})"  # 1 ms to plan
    # past narrow's end: left out
    folded = f"(case when {held} then translate({expr}, {wide}, {narrow}) else {expr} end)"
    # full-width letters on their own (a cell of them paid the whole table's 130 µs)
    held = f"regexp_matches({expr}, '[\\x{{ff01}}-\\x{{ff5e}}]')"
    full = f"translate({folded}, {sql_text(_WIDE)}, {sql_text(_NARROW)})"
    folded = f"(case when {held} then {full} else {folded} end)"
    for char, into in multi.items():  # ligatures: ĳ, ﬁ (undeﬁned was a key: helper-254 F5)
        folded = f"replace({folded}, {sql_text(char)}, {sql_text(into)})"
    # ß as casefold makes it (helper-254 F6: 'niet van toepaßing' was a contract to SQL)
    folded = f"replace(lower(strip_accents({folded})), 'ß', 'ss')"
    plain = (
        f"case when regexp_matches({expr}, '[^\\x00-\\x7f]') then {folded} else lower({expr}) end"
    )
    return f"regexp_replace({plain}, {sql_text(COMPACTED_SQL)}, '', 'g')"


def _char_class(chars: str) -> str:
    """An RE2 character class of ``chars``, in ranges of code points."""
    ranges: list[list[int]] = []
    for code in sorted({ord(c) for c in chars}):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"\\x{{{a:x}}}-\\x{{{b:x}}}" for a, b in ranges) + "]"


def words_sql(expr: str, words: frozenset[str]) -> str:
    """Whether a cell is one of ``words`` (compact ones) however spelt, in SQL: compact
    only of a cell of at most WORD_AT_MOST characters that holds no ASCII character
    compact keeps outside the words' letters (a digit but 1: an id; helper-254 F1: ids
    with an en dash or an é paid compact's 100 µs a cell twice, 42 s for 200,000 orders)."""
    listed = ", ".join(sql_text(w) for w in sorted(words))
    gate = word_gate(expr, words)
    return f"(case when {gate} then {compact_sql(expr)} in ({listed}) else false end)"


def word_gate(expr: str, words: frozenset[str]) -> str:
    """SQL, false for a cell that cannot be one of ``words`` (words_sql asks compact only
    where it is true)."""
    gate = f"length({expr}) <= {WORD_AT_MOST} and not regexp_matches({expr}, {sql_text(NO_WORD)})"
    # and no more ASCII letters than the longest word has (compact keeps each of them:
    # 'Raamovereenkomst schoonmaak – regio Noord' paid it, 28 s for 100,000: helper-255)
    longest = max(map(len, words))
    return gate + f" and length(regexp_replace({expr}, '[^A-Za-z]', '', 'g')) <= {longest}"


_LIGATURE = re.compile(r"LIGATURE|NUMERO SIGN")


# Where NFKD makes a character what SQL's lower and strip_accents do not: up to the CJK
# letters, the half- and full-width forms, and the supplementary plane's mathematical
# and enclosed letters and digits (a pasted 𝐠𝐞𝐞𝐧 was a key to SQL: helper-252)
_DECOMPOSED_RANGES = (
    range(0xA0, 0x3400),  # (not the squared abbreviations' letters, ㎁ na: a Low left)
    range(0xA600, 0xAC00),  # modifier letters (ꝰ)
    range(0xFB00, 0xFE00),  # the ligatures ﬁ, ﬂ, ﬀ (text pasted from a PDF), and Arabic's
    range(0xFE10, 0xFFF0),
    # the blocks of the supplementary plane NFKD makes one letter or none of (Unicode
    # 15: modifier letters, Kaithi, musical, mathematical and Arabic mathematical, the
    # enclosed and the segmented digits), not all 65,536 code points (0.05 s a process)
    *(range(b, b + 0x100) for b in (0x10700, 0x11000, 0x1D100, 0x1EE00, 0x1F100, 0x1F200)),
    range(0x1D400, 0x1D800),
    range(0x1FB00, 0x1FC00),
)


@cache
def _decomposed() -> tuple[dict[str, str], list[str], dict[str, str]]:
    """What compact (code_key's NFKD) makes of a character that is neither ASCII nor
    full-width (those _WIDE has), one character, or none: a letter (ˣ is x, ſ is s), or
    marks alone (… is ..., ¨ a space and an accent), left out (the property test in
    tests/test_key_cells.py drew 'X…': SQL kept it as a key where Python read the
    placeholder X)."""
    single: dict[str, str] = {}
    dropped: list[str] = []
    # and the ligatures it makes letters of the words (ĳ: ij, ﬁ: fi, from a PDF) and №:
    # few, as each is a replace in SQL (the 149 it makes so took 24 ms to plan a query)
    multi: dict[str, str] = {}
    for code in itertools.chain(*_DECOMPOSED_RANGES):
        char = chr(code)
        if not unicodedata.decomposition(char) or char in _WIDE or char in _MARKS_FROM:
            continue  # (without one, NFKD leaves it as it is)
        made = compact(char)
        if made == "":
            dropped.append(char)
        elif len(made) == 1 and made != char.lower():
            single[char] = made
        elif len(made) > 1 and set(made) <= _WORD_LETTERS and _LIGATURE.search(name(char, "")):
            multi[char] = made
    # not what SQL's own lower(strip_accents()) makes of a character already (é is e): a
    # cell of such letters alone ('Café') is then no cell of the table's
    import duckdb

    with duckdb.connect() as con:
        own = dict(
            con.execute(
                "select c, lower(strip_accents(c)) from unnest(?::varchar[]) as t(c)",
                [list(single)],
            ).fetchall()
        )
    single = {c: made for c, made in single.items() if own[c] != made}
    return single, dropped, multi


def is_none_word(cell: object) -> bool:
    """Whether a key or id cell is a word for none or no value, however spelt."""
    if not isinstance(cell, str):
        return False
    text = cell.strip()
    return 0 < len(text) <= WORD_AT_MOST and compact(text) in NONE_WORDS


def none_word_sql(expr: str) -> str:
    """``is_none_word`` in SQL, of a trimmed cell without invisible characters."""
    return words_sql(expr, NONE_WORDS)


def unwrapped(cells: pd.Series) -> pd.Series:
    """``cells`` without invisible characters where Excel's ``="..."`` wraps them, the
    wrapper taken off, and one that holds nothing visible (``=""``, ``=" "``) empty."""
    bare = cells.map(lambda c: without_invisible(c) if isinstance(c, str) else c)
    formula = bare.str.fullmatch(EXCEL_TEXT_FORMULA, na=False).to_numpy(dtype=bool)
    if not formula.any():
        return cells
    inner = bare.str.replace(EXCEL_TEXT_FORMULA, r"\1", regex=True)
    blank = inner.map(lambda c: isinstance(c, str) and not c.strip()).to_numpy(dtype=bool)
    out = np.where(formula, np.where(blank, None, inner.to_numpy(dtype=object)), cells)
    return pd.Series(out, index=cells.index, dtype=object)


def key_problem(cell: object, column: str, is_key: bool = False) -> str | None:
    """Why a key or id cell (Excel's wrappers off, the words for none already empty) is no
    key, or None. ``is_key``: a person's key, never quoted."""
    if not isinstance(cell, str) or not cell.strip():
        return None
    text = cell.strip()
    if "?" in text or len(text) <= WORD_AT_MOST and compact(text) in UNKNOWN_COMPACT:
        said = "'" + text.replace("'", "''") + "'"  # as YAML quotes it
        way_out = KEY_WAY_OUT if is_key else ID_WAY_OUT
        return UNKNOWN_NOTE.format(way_out=way_out.format(column=column, said=said))
    if not any(c.isalnum() for c in without_invisible(text)):
        return MARKS_NOTE
    if any(c.isdecimal() and not "0" <= c <= "9" for c in text):
        return OTHER_DIGITS_NOTE
    return None


def _q(name: str) -> str:
    """rule_sql.q, which key_cells cannot import (rule_sql imports the datasets' specs,
    which import key_cells)."""
    return '"' + name.replace('"', '""') + '"'


def key_problem_rows(con: duckdb.DuckDBPyConnection, typed: str, names: list[str]) -> list[str]:
    """The rows of ``typed`` whose id or key in one of ``names`` is no key (key_problem_sql),
    as parse failures: one select per column where a cell may be one. A cell of printable
    ASCII with a letter or a digit, no '?' and too long or too wordless to be a word
    (word_gate) is none, and in most files every cell is so: the columns' expression with
    compact's tables (some 5 ms to plan each) is then left out, judged by one cheap pass."""
    if not names:
        return []
    printable = "regexp_full_match({v}, '[\\x20-\\x7e]*') and regexp_matches({v}, '[0-9A-Za-z]')"
    maybe = [
        f"""coalesce(bool_or(contains({v}, '?') or {word_gate(v, UNKNOWN_COMPACT)}
            or not ({printable.format(v=v)})), false)"""
        for v in (f"t.{_q(n)}" for n in names)
    ]
    [flags] = con.execute(f"select {', '.join(maybe)} from {typed} as t").fetchall()
    out = []
    for column, flagged in zip(names, flags, strict=True):
        if not flagged:
            continue
        problem = key_problem_sql(f"t.{_q(column)}", column)
        out.append(
            f"""select _rid, {sql_text(column)} as "column",
                'wrong_type' as reason_code, 'de cel ' || problem as reason,
                false as says_value, cast(null as integer) as rule
            from (select t._rid, {problem} as problem from {typed} as t)
            where problem is not null"""
        )
    return out


def key_problem_sql(value: str, column: str) -> str:
    """``key_problem`` in SQL over an id as the staging read it (``value``: Excel's
    wrappers off, no invisible characters, trimmed, the words for none NULL): the note,
    or NULL. Most cells are printable ASCII with a letter or a digit and no word: past
    the words, only the others are looked at further."""
    quote = sql_text("'")
    said = f"{quote} || replace({value}, {quote}, {sql_text(chr(39) * 2)}) || {quote}"
    # the note with the cell itself where the Python one quotes it
    parts = UNKNOWN_NOTE.format(way_out=ID_WAY_OUT.format(column=column, said="\x00"))
    note = f" || {said} || ".join(sql_text(p) for p in parts.split("\x00"))
    return f"""(case
        when {value} is null or regexp_full_match({value}, '{SPACES_SQL}*') then null
        when contains({value}, '?')
            or {words_sql(value, UNKNOWN_COMPACT)}
            then {note}
        when regexp_full_match({value}, '[\\x20-\\x7e]*')
            and regexp_matches({value}, '[0-9A-Za-z]') then null
        when not regexp_matches({value}, '[\\p{{L}}\\p{{N}}]') then {sql_text(MARKS_NOTE)}
        when regexp_matches(regexp_replace({value}, '[0-9]', '', 'g'), '\\p{{Nd}}')
            then {sql_text(OTHER_DIGITS_NOTE)}
        end)"""
