"""Turning text cells into typed columns, the way Dutch exports write them.

Numbers are read in one declared convention per file or column (``parse_number``, with
Babel's strict parser): Dutch by default (decimal comma, dots between thousands:
``12,5``, ``1.234,5``, ``1.443`` is 1443), English where a column mapping says
``number_format: en``; a cell that reads only in the other convention is ambiguous and is
never guessed. Coded values (``Regulier``, `` urgentie ``) match the catalogue's codes
regardless of case, spaces and accents (codes.match_codes). Booleans come as ja/nee, j/n,
1/0, true/false or waar/onwaar; dates are dates.py's. Every function works on a whole
column at once and returns the typed values, a mask of cells that could not be read, and
what it recognised, so that nothing unreadable is silently turned into an empty value.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd
from babel import Locale
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from pipelines.ingest.key_numbers import FLOAT_WHOLE

TRUE = {"ja", "j", "1", "true", "waar", "yes", "y", "1.0", "1,0", "-1"}  # -1: Access's true
FALSE = {"nee", "n", "0", "false", "onwaar", "no", "0.0", "0,0"}
# Numbers: the convention of a file (or of one column), declared in its column mapping as
# ``number_format``. "nl" (the default for CSV): decimal comma, dots between thousands
# (``1.234,5``, ``1.443`` is 1443); "en": decimal point, commas between thousands
# (``1,234.5``). XLSX and Parquet cells that were numbers arrive as Python writes them
# ("cell": ``7.5``, ``1e-05``); their text cells are read the Dutch way.
NUMBER_FORMATS = {"nl": "nl_NL", "en": "en_US"}
NUMBER_EXAMPLES = {"nl": "12,5 of 1.234,5", "en": "12.5 of 1,234.5"}
NUMBER_NAMES = {
    "nl": "decimale komma, punt tussen duizendtallen",
    "en": "decimale punt, komma tussen duizendtallen",
}
PLAIN_INTEGER = re.compile(r"[+-]?[0-9]+")
# Thousands written apart by a space (ordinary, no-break, narrow no-break, thin or figure,
# as spreadsheets and ISO 31-0 write them): 1 234,5 is 1234,5 in either convention, read
# after the spaces go; groups of three only and no leading 0, so 12 34 and 0 123 are no
# number.
SPACES = re.compile("[ \u00a0\u202f\u2009\u2007]")
SPACE_GROUPED = re.compile(
    "[+-]?[1-9][0-9]{0,2}(?:[ \u00a0\u202f\u2009\u2007][0-9]{3})+(?:[.,][0-9]+)?"
)
PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
# What a number in a text convention may hold at all: ASCII digits, its two separators
# and a sign (no exponent, underscore, other scripts' digits); the rest is no number.
NUMBER_CHARACTERS = re.compile(r"[+-]?[0-9.,]+")
# The largest whole number a float64 holds exactly; a number beyond it is refused.
LARGEST = 2**53

EXPECTED = {
    "integer": "een geheel getal",
    "decimal": "een getal (bijv. 12,5 of 1.234,5)",
    "date": "een datum tussen 1900 en 2100 (dd-mm-jjjj of jjjj-mm-dd)",
    "month": (
        "een maand tussen 1900 en 2100 (jjjj-mm, mm-jjjj, of de eerste of de laatste dag van "
        "de maand)"
    ),
    "boolean": "ja of nee (of j/n, 1/0, true/false, waar/onwaar)",
}


def expected(column_type: str, number_format: str = "nl", hours: bool = False) -> str:
    """What a cell of this type should look like, in words, for a quarantine reason."""
    if hours:  # helper-110: the forms a number of hours may take
        return "een aantal uren (bijv. 7,5, 7:30, 7,5 uur of 7u 30m)"
    if column_type == "decimal" and number_format == "en":
        return f"een getal (bijv. {NUMBER_EXAMPLES['en']})"
    return EXPECTED[column_type]


@dataclass(frozen=True)
class Parsed:
    values: pd.Series
    invalid: pd.Series  # True where a non-empty cell could not be read
    recognised: str  # what convention was found, for the ingest log ("" if nothing)
    # True where a cell reads as a number only in another convention than the declared one
    # (or differently in both): never guessed, quarantined as ambiguous_number
    ambiguous: pd.Series | None = None
    # For an ambiguous cell: what it would be in the other convention, for the reason
    readings: dict[str, str] | None = None
    # a cell read the column's own way that the other reads otherwise, and the cell that
    # shows the column's way (parse_number: own_shown), for a note (helper-163)
    own_way: tuple[str, str] | None = None


def clean_text(raw: pd.Series) -> pd.Series:
    """Strip cells; an empty cell is a missing value."""
    text = raw.astype("string").str.strip()
    return text.mask(text == "", pd.NA)


def parse_text(raw: pd.Series) -> Parsed:
    values = clean_text(raw).astype(object).where(lambda s: s.notna(), None)
    return Parsed(values, pd.Series(False, index=raw.index), "")


def parse_boolean(raw: pd.Series) -> Parsed:
    text = clean_text(raw).str.lower()
    values = pd.Series(pd.NA, index=raw.index, dtype="boolean")
    values[text.isin(TRUE).fillna(False)] = True
    values[text.isin(FALSE).fillna(False)] = False
    if (text == "1").any():  # -1 is Access's true only where 1 is not (helper-100: a
        values[(text == "-1").fillna(False)] = pd.NA  # survey's 'missing' beside 1 and 0)
    invalid = text.notna() & values.isna()
    found = sorted(set(text.dropna().unique()) & (TRUE | FALSE))
    return Parsed(values, invalid.astype(bool), "/".join(found[:6]))


@functools.cache
def _locale(name: str) -> Locale:
    """A Babel locale, parsed once: given its name, Babel would parse it again for every
    cell (a third of a strict parse's time)."""
    return Locale.parse(name)


# Each convention's separators, as Babel's locales give them (tests/test_parsing.py).
GROUP_SYMBOL = {"nl": ".", "en": ","}
DECIMAL_SYMBOL = {"nl": ",", "en": "."}
# Decimal's default precision: a longer text is Babel's to judge (tests/test_parsing.py).
MOST_DIGITS = 28
# A number grouped as the convention writes it (``2.139,68``, ``-12.500``): Babel's strict
# parse accepts each such text as written, so it needs no check (a fraction ending in 0
# and every other form are left to Babel).
PROPERLY_GROUPED = {
    c: re.compile(rf"-?[1-9][0-9]{{0,2}}(?:\{g}[0-9]{{3}})+(?:\{d}[0-9]*[1-9])?")
    for c, g, d in (("nl", ".", ","), ("en", ",", "."))
}


def _read(text: str, number_format: str) -> Decimal | None:
    """One cell in one convention, strictly (Babel), or None; never a non-finite number.

    A cell without the convention's group symbol (``12,5`` in Dutch) or grouped as the
    convention groups (``2.139,68``) is read as Babel's strict parse reads it, without
    its locale lookups and its check by formatting the number back (35 us a cell: most
    of the parsing of an export's amounts); a Hypothesis test holds the two equal. Any
    other grouping (``1.5``, ``12.34,5``) is Babel's to judge."""
    if not NUMBER_CHARACTERS.fullmatch(text):
        return None
    text = text.removeprefix("+")  # +1.200 is 1.200: a plus says nothing of the grouping
    try:
        group, point = GROUP_SYMBOL[number_format], DECIMAL_SYMBOL[number_format]
        if len(text) > MOST_DIGITS:
            # beyond Decimal's 28 digits Babel's check refuses what Decimal would round
            locale = _locale(NUMBER_FORMATS[number_format])
            value = parse_decimal(text, locale=locale, strict=True)
        elif group not in text:
            value = Decimal(text.replace(point, "."))
        elif PROPERLY_GROUPED[number_format].fullmatch(text):
            value = Decimal(text.replace(group, "").replace(point, "."))
        else:
            locale = _locale(NUMBER_FORMATS[number_format])
            value = parse_decimal(text, locale=locale, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError, ArithmeticError):
        return None
    return value if value.is_finite() else None


def in_convention(text: str, number_format: str) -> str:
    """A number a mapping's ``values`` gives (``Deeltijd: 0.8``; YAML writes a decimal
    point, a Dutch user a comma) written in the column's convention, so the cell it
    stands for is read as the mapping means it (helper-175: 0.8 was ambiguous_number in a
    Dutch file, and every mapped row refused). Three digits after the mark (1.000) stay
    in doubt, as in a cell; any other text stays as it is."""
    number = re.fullmatch(r"\s*([-+]?[0-9]+)[.,]([0-9]+)\s*", text)
    if number is None or len(number[2]) == 3:
        return text
    return number[1] + ("." if number_format == "en" else ",") + number[2]


def read_number(text: str, number_format: str) -> Decimal | None:
    """One cell in one convention ("nl" or "en"), strictly, or None."""
    return _read(text.strip(), number_format)


CURRENCY = re.compile(r"^\s*(?:€|euro?\.?)\s*|\s*(?:€|euro?\.?)\s*$", re.IGNORECASE)

# A negative number in brackets or with its minus after it: (1.234,56), 1.234,56-; and as
# Dutch bookkeeping writes it, -/- 250,00, or with credit after it, 1.234,56 CR (helper-231:
# 'verwacht een getal', where the others were said to be negative)
NEGATIVE_BOOKKEEPING = (
    r"^\(([0-9][0-9., \u00a0]*)\)$",
    r"^([0-9](?:[0-9., \u00a0]*[0-9])?)-$",
    r"^-/-\s*([0-9](?:[0-9., \u00a0]*[0-9])?)$",
    r"^([0-9](?:[0-9., \u00a0]*[0-9])?)\s*(?i:cr|cr\.|credit)$",
)
# ... and its debit mark, which leaves the amount as it is: 25,00 Db (helper-259 F5: taken
# for São Tomé's dobra, 'geen bedrag in euro's (Db)')
DEBIT = r"^([0-9](?:[0-9., \u00a0]*[0-9])?)\s*(?i:db|db\.|deb|deb\.|debet)$"
TEXT_MARK = r"^'(?=[0-9+-])"  # Excel's apostrophe before a number kept as text
# The sign before the currency, as Excel's currency formats write it: -€ 25,00 is -25,00.
SIGN_FIRST = re.compile(r"^\s*([+-])\s*(?:€|euro?)\s*(?=[0-9])", re.IGNORECASE)


# Whole euros as Dutch prices write them: "25,-", "1.250,--", "€ 25,—", "25,–", "€ 50,="
# (helper-104: hand-kept registers).
WHOLE_EUROS = re.compile(r"(?<=[0-9]),(?:-{1,2}|={1,2}|—|–)\s*$")
# And after a dot, where a whole number of digits stands before it (helper-119: "€ 25.-",
# as a price is written too, was refused); "1.250.-" stays one to refuse (1250 or 1,25?).
WHOLE_EUROS_DOT = re.compile(r"^(\s*[+-]?\s*[0-9]+)\.(?:-{1,2}|—|–)\s*$")


DIGITS = frozenset("0123456789")
# Bookkeeping's negative with the currency inside its brackets, (€ 1.234,56) and
# ( 1.234,56 € ) (helper-179: 'verwacht een getal', where (1.234,56) said it is negative)
BRACKETED = re.compile(r"^\s*\(\s*([^()]*?)\s*\)\s*$")


def strip_currency(cell: object) -> object:
    """An amount's text without a leading or trailing "€" or "EUR" ("€ 1.234,56") and
    without the dash of whole euros ("€ 25,-", "€ 25,=" and "€ 25.-" are 25). A cell that is
    nothing but the sign ("€", "EUR") stays as it is, for the rule to refuse: stripped, it
    read as empty; the sign and a dash alone ("€ -", Excel's accounting zero) is 0."""
    if not isinstance(cell, str):
        return cell
    if cell[-1:] in DIGITS and "€" not in cell and "e" not in cell.lower():
        return cell  # no sign to strip and no dash after it (most amounts): as it is
    if (inside := BRACKETED.match(cell)) is not None:  # (€ 1.234,56): the sign inside
        inner = strip_currency(inside.group(1))
        return f"({inner.strip()})" if isinstance(inner, str) and inner.strip() else cell
    cell = SIGN_FIRST.sub(r"\1", cell)
    unsigned = CURRENCY.sub("", cell)
    if unsigned != cell and unsigned.strip() in ("-", "\u2013", "\u2014"):
        return "0"  # Excel's accounting format writes a zero amount as "€ -"
    text = WHOLE_EUROS_DOT.sub(r"\1", WHOLE_EUROS.sub("", unsigned))
    return text if text.strip() else cell


# Excel's accounting format (Financieel, Komma) saved as CSV pads each number (" 21 ",
# " 1.250,00 ") and writes a zero as a dash between spaces (" -   "): in a column whose
# numbers are mostly so padded that dash is 0 (helper-138: two employees without a leave
# block fell out of KRI-HR-NO-LEAVE-BLOCK as empty); a dash alone, or in a column of plain
# numbers with a stray padded one (helper-139), is empty.
ACCOUNTING_NUMBER = re.compile(r" +\(?-?[0-9][0-9., ]*\)? +")
ACCOUNTING_ZERO = re.compile(r" +[-\u2013] +")
UNPADDED_NUMBER = re.compile(r"\S*[0-9]\S*")


def accounting_zeros(cells: list[object]) -> list[bool]:
    """Which ``cells`` are the accounting format's zero (ACCOUNTING_ZERO) in a column
    whose number cells are more often padded so than not."""
    zeros = [isinstance(c, str) and ACCOUNTING_ZERO.fullmatch(c) is not None for c in cells]
    if not any(zeros):
        return zeros
    texts = [c for c in cells if isinstance(c, str)]
    padded = sum(ACCOUNTING_NUMBER.fullmatch(c) is not None for c in texts)
    plain = sum(UNPADDED_NUMBER.fullmatch(c) is not None for c in texts)
    return zeros if padded > plain else [False] * len(cells)


@dataclass(frozen=True)
class NumberColumn:
    values: pd.Series  # Float64
    whole: pd.Series  # True where the value has no fraction
    invalid: pd.Series  # no number in any convention
    ambiguous: pd.Series  # a number only in another convention, or differently in both
    readings: dict[str, str]  # ambiguous cell -> its reading in the other convention
    recognised: str
    # beside a proof: the column itself writes its own way (0,889 only in it) and no
    # cell only the other way, so the proof was not taken (helper-158)
    own_shown: bool = False
    own_way: tuple[str, str] | None = None  # Parsed.own_way


def parse_number(
    raw: pd.Series, number_format: str = "nl", proof: bool = False, decimals: int | None = None
) -> NumberColumn:
    """Numbers in the declared convention ("nl", "en" or "cell"), each distinct text once.

    A cell the declared convention cannot read but the other can (``1.5`` or ``1,234.5``
    in a Dutch column) is ambiguous, never guessed. Once a column holds such a cell, every
    cell that the two conventions read differently (``1.443``: 1443 or 1,443) is
    ambiguous as well: the column shows that its author may write the other way; so does
    another column of the same file (``proof``: one file, one way of writing numbers),
    unless the column itself shows its own way: a cell only the own convention reads
    (``0,889``, ``12,5``: no number in English) and none only the other (helper-158:
    ``1,000`` beside ``0,889`` in a tab-separated file is 1, not in doubt).
    In a column of at most ``decimals`` decimals (amounts in euros: 2) a reading with more
    is none (``1.443`` is no 1,443 euro, helper-102): that cell is no doubt; zeros after
    the last decimal are a fixed scale and count for none (``1.250`` may be 1,25 euro,
    helper-149).
    """
    if number_format not in (*NUMBER_FORMATS, "cell"):
        raise ValueError(f"unknown number format {number_format!r}")
    text = clean_text(raw).str.replace("\u2212", "-", regex=False)  # the minus sign (−2,5)
    # a negative number as bookkeeping writes it, (1.234,56) or 1.234,56- (SAP, Centric),
    # is read as one, so a rule says what is wrong with it; Excel's text mark ('12,5) goes.
    # Only a cell that begins with (, ' or -/-, or ends with - or CR, can be one: the
    # expressions run on those alone (on every cell, a third of reading procurement's amounts)
    marked = text.str.contains(r"^[(']|-$|^-/-|[0-9]\s*(?i:cr\.?|credit|de?b\.?|debet)$")
    marked = marked.fillna(False)
    if marked.any():
        some = text[marked]
        for bookkeeping in NEGATIVE_BOOKKEEPING:
            some = some.str.replace(bookkeeping, r"-\1", regex=True)
        if decimals is not None:  # an amount's debit mark; a count's "12 deb" is none
            some = some.str.replace(DEBIT, r"\1", regex=True)
        text = text.where(~marked, some.str.replace(TEXT_MARK, "", regex=True))
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    own = "nl" if number_format == "cell" else number_format
    other = "en" if own == "nl" else "nl"
    n = len(uniques)
    numbers: list[Decimal | None] = [None] * n
    status = np.zeros(n, dtype=np.int8)  # 0 ok, 1 invalid, 2 ambiguous
    readings: dict[str, str] = {}
    separated: list[int] = []  # read in the own convention, with a separator
    seen_sep: set[str] = set()
    texts = [str(cell) for cell in uniques]  # as written; a space-grouped one without spaces
    for i, cell in enumerate(texts):
        if SPACE_GROUPED.fullmatch(cell):
            cell = texts[i] = SPACES.sub("", cell)
            seen_sep.add(" ")
        if PLAIN_INTEGER.fullmatch(cell):
            numbers[i] = Decimal(cell)
            continue
        if number_format == "cell" and PLAIN_NUMBER.fullmatch(cell):
            numbers[i] = Decimal(cell)
            seen_sep.add("cell")
            continue
        mine = _read(cell, own)
        if mine is not None:
            numbers[i] = mine
            seen_sep.update(c for c in ",." if c in cell)
            separated.append(i)
        elif (theirs := _read(cell, other)) is not None:
            status[i] = 2
            readings[str(uniques[i])] = show_number(theirs)
        else:
            status[i] = 1
    own_shown, own_way = False, None
    if proof or (status == 2).any():
        # the column's author may write the other way: a cell the two conventions read
        # differently is ambiguous too (read in the other convention only now: Babel's
        # strict parse is most of an ingest's time in Python)
        other_reads = {i: _read(texts[i], other) for i in separated}
        # a cell of its own way only, and none of the other's: the column is written
        # its own way, whatever another column or the file's format leaves open
        own_shown = proof and not (status == 2).any() and None in other_reads.values()
        if own_shown:
            shows = next(i for i in separated if other_reads[i] is None)
            differ = [
                i
                for i in separated
                if other_reads[i] not in (None, numbers[i])
                and (
                    decimals is None or -other_reads[i].normalize().as_tuple().exponent <= decimals
                )
            ]
            if differ:
                own_way = (str(uniques[differ[0]]), str(uniques[shows]))
        for i in [] if own_shown else separated:
            theirs = other_reads[i]
            if (
                decimals is not None
                and theirs is not None
                and -theirs.normalize().as_tuple().exponent > decimals
            ):
                # more decimals than the column holds: no reading of it; zeros after
                # them are a database's fixed scale (12.500 is 12,5 from a decimal(9,3),
                # as 99,990 is 99,99: helper-149), so that reading stands
                continue
            if theirs is not None and theirs != numbers[i]:
                status[i] = 2
                readings[str(uniques[i])] = show_number(theirs)
    for i, v in enumerate(numbers):
        # copy_abs: abs() of 1E1000000 raised decimal.Overflow past the context's
        # exponents and stopped the whole run (helper-254 F3)
        if v is not None and status[i] == 0 and not v.copy_abs() < LARGEST:
            status[i] = 1  # too large to hold exactly (or infinite): no number
    ok = status == 0
    floats = np.array(
        [float(v) if v is not None and ok[i] else np.nan for i, v in enumerate(numbers)],
        dtype="float64",
    )
    wholes = np.array(
        [v is not None and ok[i] and v == v.to_integral_value() for i, v in enumerate(numbers)],
        dtype=bool,
    )
    present = codes >= 0
    take = np.where(present, codes, 0)

    def spread(arr: np.ndarray, fill: object) -> np.ndarray:
        if n == 0:
            return np.full(len(codes), fill)
        return np.where(present, arr[take], fill)

    values = pd.Series(spread(floats, np.nan) + 0.0, index=raw.index, dtype="float64")  # no -0
    values = values.astype("Float64")
    invalid = pd.Series(spread(status == 1, False), index=raw.index, dtype=bool)
    ambiguous = pd.Series(spread(status == 2, False), index=raw.index, dtype=bool)
    whole = pd.Series(spread(wholes, False), index=raw.index, dtype=bool)
    return NumberColumn(
        values,
        whole,
        invalid,
        ambiguous,
        readings,
        _recognised(number_format, seen_sep),
        own_shown,
        own_way,
    )


def show_number(value: Decimal) -> str:
    """A reading in the other convention, written the Dutch way for the message."""
    return format_decimal(value, locale=_locale("nl_NL"), decimal_quantization=False)


def _recognised(number_format: str, seen: set[str]) -> str:
    if number_format == "en":
        names = {".": "decimale punt", ",": "komma tussen duizendtallen"}
    elif number_format == "nl":
        names = {",": "decimale komma", ".": "punt tussen duizendtallen"}
    else:
        names = {"cell": "decimale punt", ",": "decimale komma", ".": "punt tussen duizendtallen"}
    names[" "] = "spatie tussen duizendtallen"
    return ", ".join(names[k] for k in names if k in seen)


def parse_decimal_column(
    raw: pd.Series, number_format: str = "nl", proof: bool = False, decimals: int | None = None
) -> Parsed:
    col = parse_number(raw, number_format, proof, decimals)
    return Parsed(
        col.values.astype("float64"),
        col.invalid,
        col.recognised,
        col.ambiguous,
        col.readings,
        col.own_way,
    )


def parse_integer(raw: pd.Series, number_format: str = "nl", proof: bool = False) -> Parsed:
    """Whole numbers; a cell written with decimals that is another whole number in the
    other convention (1,200 in a Dutch file: 1,2 or 1200) is ambiguous, with that
    reading; so is one that is a whole number in both (12,000: 12 or 12000) where the
    file proves no convention (``proof``), and where it does, it is its own reading."""
    # a whole number a tool wrote as a float (2025.0, 7,00): that number in any convention
    col = parse_number(
        raw.astype("string").str.replace(f"^{FLOAT_WHOLE}$", r"\1", regex=True),
        number_format,
        proof,
    )
    fractional = col.values.notna() & ~col.whole
    ambiguous, readings = col.ambiguous.copy(), dict(col.readings)
    proof = proof and not col.own_shown  # 12,00 in the column: its own way (helper-158)
    if number_format in NUMBER_FORMATS:
        other = "en" if number_format == "nl" else "nl"
        decimals = raw.astype("string").str.contains(DECIMAL_SYMBOL[number_format], regex=False)
        suspect = col.values.notna() & decimals.fillna(False).astype(bool)
        whole_theirs = {}
        for i in np.flatnonzero(suspect.to_numpy(dtype=bool)):
            theirs = read_number(str(raw.iloc[i]).strip(), other)
            if theirs is not None and theirs == theirs.to_integral_value():
                whole_theirs[i] = theirs
        # the column itself shows the other way (1,250 beside 1,000; helper-155): read as
        # beside a proof, every cell the two read differently (1.000 too; helper-157)
        if not proof and not col.own_shown and any(fractional.iloc[i] for i in whole_theirs):
            return parse_integer(raw, number_format, proof=True)
        for i, theirs in whole_theirs.items():
            if not fractional.iloc[i] and (theirs == col.values.iloc[i] or not proof):
                # the same whole number either way; or a whole number in the file's proven
                # convention (a ;-file's or a declared one's), its zeros a fixed scale:
                # 1,000 from a decimal(9,3) is 1 (helper-153: refused)
                continue
            ambiguous.iloc[i], fractional.iloc[i] = True, False
            readings[str(raw.iloc[i]).strip()] = show_number(theirs)
    values = col.values.mask(fractional | ambiguous)
    cell = raw.astype("string").str.strip()
    shown = col.own_way if col.own_way and not ambiguous[cell == col.own_way[0]].any() else None
    return Parsed(
        values.round().astype("Int64"),
        col.invalid | fractional.astype(bool),
        col.recognised,
        ambiguous,
        readings,
        shown,
    )


def parse_column(
    raw: pd.Series,
    column_type: str,
    number_format: str = "nl",
    *,
    months: bool = False,
    month_first: bool = False,
    number_proof: bool = False,
    decimals: int | None = None,
    long_ago: bool = False,
) -> Parsed:
    """Parse one column of text cells into its contract type; numbers in
    ``number_format`` ("nl", "en" or "cell", see parse_number; ``number_proof``: another
    column of the file holds a number only the other convention reads); ``months``: a
    date column that is a period, ``long_ago`` one whose dates may lie decades back
    (parse_date)."""
    if column_type == "text":
        return parse_text(raw)
    if column_type == "boolean":
        return parse_boolean(raw)
    if column_type == "integer":
        return parse_integer(raw, number_format, number_proof)
    if column_type == "decimal":
        return parse_decimal_column(raw, number_format, number_proof, decimals)
    if column_type in ("date", "month"):
        from pipelines.ingest.dates import parse_date
    if column_type == "date":
        return parse_date(raw, months=months, month_first=month_first, long_ago=long_ago)
    if column_type == "month":
        return parse_date(raw, month=True, month_first=month_first)
    raise ValueError(f"unknown column type {column_type!r}")


# The marks that change nothing a number or a date shows: zero-width space, non-joiner
# and joiner, word joiner, byte order mark, the direction marks, isolates and the
# left-to-right embedding and override with their end (Windows pastes them around copied
# text; helper-285). Not a soft hyphen (drawn as a minus where a line breaks, or taken
# for one), a right-to-left embedding or override that turns the digits round (an RLO
# shows 0051 as 1500), an invisible separator between digits (helper-284): refused.
UNSEEN = dict.fromkeys(
    (0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x2066, 0x2067, 0x2068, 0x2069,
     0x202A, 0x202C, 0x202D, 0x061C)
)  # fmt: skip


def without_invisible(value: str) -> str:
    """``value`` without the characters Unicode calls format characters (Cf): a zero-width
    space, joiner or no-break, a soft hyphen, a byte order mark, direction marks. Copied
    from a web page, a chat or a concatenated export they sit in a key or a code unseen
    (helper-101: 'Dilemmasessie' with a zero-width space was no training kind, and 1001
    with one would have been a second person)."""
    if value.isascii():
        return value
    return "".join(c for c in value if unicodedata.category(c) != "Cf" and c not in BLANK_MARKS)


def bare_identifier(cell: object) -> object:
    """An identifier's text without invisible characters and with its accents composed
    one way (NFC: helper-184, Rén1 with é as e and an accent was a second respondent)."""
    return unicodedata.normalize("NFC", without_invisible(cell)) if isinstance(cell, str) else cell


# Characters that show nothing but are no format characters (helper-102): variation
# selectors, the combining grapheme joiner, Mongolian's free variation selectors, the
# Hangul fillers and the blank Braille pattern. In SQL with Cf: INVISIBLE_SQL.
BLANK_MARKS = frozenset(
    [chr(c) for c in (*range(0xFE00, 0xFE10), 0x034F, *range(0x180B, 0x180E), 0x115F,
                      0x1160, 0x3164, 0xFFA0, 0x2800, *range(0xE0100, 0xE01F0))]
)  # fmt: skip
INVISIBLE_SQL = (
    r"[\p{Cf}\x{FE00}-\x{FE0F}\x{034F}\x{180B}-\x{180D}\x{115F}\x{1160}\x{3164}"
    r"\x{FFA0}\x{2800}\x{E0100}-\x{E01EF}]"
)


# Typographic quotes and dashes as their plain forms: a word processor or Microsoft Forms
# writes dilemma’s where a mapping typed dilemma's, and the two look the same (helper-104).
PLAIN_MARKS = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014", "-"),
    }
)


def plain_marks(value: str) -> str:
    """``value`` with its typographic quotes and dashes as ' \" and -."""
    return value if value.isascii() else value.translate(PLAIN_MARKS)
