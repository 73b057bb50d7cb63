"""Numbers shown in thousands or millions: an XLSX number cell whose format writes a
magnitude beside it (``#,##0.00" k€"``, ``0.0"K"``, ``#,##0" mln"``, ``#,##0" (x 1.000)"``)
holds the number as it is shown, 12,5 for 12.500 euros (helper-160: such a workbook's
amounts loaded a thousand times too small). Excel shows a number in thousands itself only
with a comma after its last digit (``#,##0,"k€"`` holds 12.500 and shows ``13 k€``):
there the cell is the whole amount and is read as it is. Where a section of the format
names a magnitude its commas do not make, the cell is written with that text after it
(``12.5 k€``), which no numeric column reads: refused with its own reason, never
multiplied. A letter alone (``K``, ``M``) counts only after the number, as a word of its
own: before it, ``"K"000000`` is a key's prefix (helper-167), and ``M2``, ``K.O.``,
``st/k``, ``km`` are no magnitudes.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# powers of ten: words in any case (duizend, MLN, Mrd.), k/m/t joined to the euro (k€,
# KEuro, TEUR, €m, mEUR), a letter alone after the number (K, k, M, MM; m is a metre),
# and a factor (x 1.000, (in € 1.000), x 10.000)
WORDS = {
    **dict.fromkeys(("duizend", "duizenden", "thousand", "thousands", "tsd", "dzd"), 3),
    **dict.fromkeys(("miljoen", "miljoenen", "million", "millions", "mln", "mio"), 6),
    **dict.fromkeys(("miljard", "miljarden", "billion", "billions", "mld", "mrd", "bn", "bln"), 9),
}
LETTERS = {"k": 3, "t": 3, "m": 6, "mm": 6, "md": 9}
_NOT_LETTER_BEFORE, _NOT_LETTER_AFTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"
_EURO = r"(?:€|eur(?:o|os)?)"
WORD = re.compile(rf"(?i){_NOT_LETTER_BEFORE}({'|'.join(WORDS)}){_NOT_LETTER_AFTER}")
# (k.€, K-EUR; € t.b.v. and € m.i.v. are abbreviations, no magnitudes: helper-168)
JOINED = re.compile(
    rf"(?i){_NOT_LETTER_BEFORE}(mm|md|[kmt])[\s.-]?{_EURO}{_NOT_LETTER_AFTER}"
    rf"|{_NOT_LETTER_BEFORE}{_EURO}[\s.-]?(mm|md|[kmt])(?![^\W\d_]|\.[^\W\d_])"
)
ALONE = re.compile(r"(?<![^\s(])(MM|[KkMB])\.?(?=$|[\s)])")
ALONE_POWERS = {"K": 3, "k": 3, "M": 6, "MM": 6, "B": 9}
# a factor of a thousand or more (x 10 and 'in 10 termijnen' are none: helper-168), and
# the '000 of a column in thousands ((€ 000), (EUR '000))
TIMES = re.compile(
    rf"(?i)(?<![^\s(])(?:x|×|\*|in)\s*{_EURO}?\s*1((?:[., \u00a0\u202f]?0){{3,}})(?![0-9])"
)
THOUSANDS = re.compile(rf"(?i)(?:{_EURO}\s*'?|(?<![0-9.,])')000(?![0-9])")
# a format's parts: quoted text, an escaped character, a locale's currency, any other
# bracket ([Red], [>=1000]), a fill or padding (*x, _x), a digit, or anything else
PART = re.compile(r'"([^"]*)"|\\(.)|\[\$([^\]-]*)(?:-[^\]]*)?\]|(\[[^\]]*\])|([_*].)|([0#?])|(.)')
NUMBER_PART = frozenset(",.%Ee+-/ ")


def magnitude(text: str, alone: bool = True) -> int:
    """The power of ten a text names (k€: 3, mln: 6, x 1.000: 3), 0 for none; a letter
    alone (K, M) only with ``alone``."""
    found = [WORDS[m[1].lower()] for m in WORD.finditer(text)]
    found += [LETTERS[(m[1] or m[2]).lower()] for m in JOINED.finditer(text)]
    found += [m[1].count("0") for m in TIMES.finditer(text)]
    found += [3 for _ in THOUSANDS.finditer(text)]
    if alone:
        found += [ALONE_POWERS[m[1]] for m in ALONE.finditer(text)]
    return max(found, default=0)


def _sections(number_format: str) -> list[str]:
    """A format's sections (split at ``;`` outside its quoted text)."""
    return re.findall(r'(?:"[^"]*"|\\.|[^;"\\])+', number_format) or [""]


def _parts(section: str) -> tuple[str, str, int]:
    """A section's text before its number, its text after it, and the commas that make
    Excel show the number in thousands (after its last digit, or before its point)."""
    before, after, digits, number = [], [], False, ""
    for quoted, escaped, currency, bracket, fill, digit, other in PART.findall(section):
        text = quoted or escaped or currency or ""
        if digit or (other and other in NUMBER_PART and digits and not after):
            digits, number = True, number + (digit or other)
            after = [] if digit else after
            continue
        if bracket or fill:
            text = " "
        (after if digits else before).append(text or other)
        if digits:
            number += " "  # the number's commas end here
    scaling = re.search(r"[0#?](,+)(?:\.|[^0#?]*$)", number.rstrip())
    return "".join(before), "".join(after), len(scaling[1]) if scaling else 0


def shown_magnitude(number_format: str) -> tuple[int, str]:
    """The power of ten a number format's section names where its commas do not scale
    the number so (0 where every section's do, or none names one), and that text."""
    for section in _sections(number_format):
        before, after, commas = _parts(section)
        named = max(magnitude(after), magnitude(before, alone=False))
        if named and named != 3 * commas:
            text = after if magnitude(after) == named else before
            return named, " ".join(text.split())
    return 0, ""


# A number with text beside it (scaled_note): the text before, the number, the text after
AROUND = re.compile(r"(.*?)([-+]?\(?[0-9](?:[0-9.,]*[0-9])?\)?(?:[,.]-+)?)(.*)")


def in_own_scale(cells: pd.Series, convert: str) -> tuple[pd.Series, np.ndarray]:
    """``cells`` with the magnitude beside a number taken off where it is the one the
    mapping converts from (``12,5 k€`` under multiply_by: 1000, a workbook's ``12.5 k€``:
    the column is in thousands and the cell says so; helper-209: refused, its advice
    impossible to follow by typing), and which cells those are."""
    factor = re.fullmatch(r"\s*\*\s*([0-9]+)\s*", convert or "")
    power = len(factor[1]) - 1 if factor and re.fullmatch(r"10*", factor[1]) else 0
    same = np.zeros(len(cells), dtype=bool)
    if power < 3:
        return cells, same
    out = cells.copy()
    for i, cell in enumerate(cells):
        found = AROUND.fullmatch(_signed(cell)) if isinstance(cell, str) else None
        around = _around(found)
        if around and magnitude(around) == power and not _rest(around):
            out.iloc[i], same[i] = found[2], True
    return out, same


def _around(found: re.Match | None) -> str:
    """The text before and after a number (AROUND's match) as one, its spaces single."""
    return " ".join(f"{found[1]} {found[3]}".split()) if found else ""


def _signed(cell: str) -> str:
    """A cell with the sign before its currency moved to its number (-€ 12,5 K is -12,5 K,
    as parsing.SIGN_FIRST reads an amount: helper-212, the sign was taken for the
    magnitude's text, and the advice to leave that out dropped it); the minus sign (U+2212)
    is a minus, as parsing reads it (helper-213: '−€ 12,5 K' was refused)."""
    cell = cell.replace("\u2212", "-")
    # a minus after the number, as SAP writes it ('12,5- K' is -12,5 K, as parsing reads
    # '12,5-'), and one apart before it ('- 12,5 K'): the number's sign, not the
    # magnitude's text (helper-215 L2: the advice to leave '- K' out dropped the sign)
    cell = re.sub(r"(?<![0-9.,])([0-9](?:[0-9.,]*[0-9])?)-(?![0-9-])", r"-\1", cell)
    cell = re.sub(r"^\s*([+-])\s+(?=[0-9])", r"\1", cell)
    # brackets around the number and text beside it, as an accounting amount's around the
    # number: '(€ 12,5 K)' and '€ (12,5 K)' are € (12,5) K, a credit (helper-215: the
    # first loaded as +12.500, the second was read as '(12,5')
    found = AROUND.fullmatch(cell.strip())
    before, number, after = found.groups() if found else ("", "", "")
    if number.startswith("(") and not number.endswith(")"):  # '(12,5 K)'
        before, number = before + "(", number[1:]
    if (
        (before.count("("), before.count(")"), after.count("("), after.count(")")) == (1, 0, 0, 1)
        and re.fullmatch(r"[0-9]\S*", number)  # no sign or bracket of its own
    ):
        cell = f"{before.replace('(', '')}({number}){after.replace(')', '')}"
    return re.sub(r"^\s*([+-])\s*((?i:€|eur(?:o|os)?))\s*(?=[0-9])", r"\2 \1", cell).strip()


def _rest(text: str) -> str:
    """What a text beside a number says besides its magnitude and the euro ('geschat' in
    '12,5 k€ (geschat)': the cell is read as it is, not as a number)."""
    for pattern in (WORD, JOINED, TIMES, THOUSANDS, ALONE):
        text = pattern.sub(" ", text)
    return re.sub(rf"(?i){_EURO}|[\s()\[\].:]", "", text)


def scaled_note(cell: str, converted: str = "") -> str | None:
    """What a numeric column's refused cell says where it is a number with a magnitude
    beside it (``12.5 k€``, ``12,5 mln``, ``€ 12,5 K``); ``converted``: the column's name
    where the mapping converts it (multiply_by: 1000 for k€), whose rest is no number
    itself (helper-208: the advice led to 12.500 k€)."""
    around = _around(AROUND.fullmatch(_signed(cell)))
    power = magnitude(around)
    if not power:
        return None
    named = {3: "duizenden", 6: "miljoenen", 9: "miljarden"}
    unit = named.get(power) or "eenheden van " + f"{10**power:,}".replace(",", ".")
    if converted:
        return (
            f"toont het getal in {unit} ({around}); niet omgerekend: de kolomkoppeling rekent "
            f"{converted} om (convert), schrijf het getal in de eenheid van de rest van de "
            f"kolom, zonder {around} erachter"
        )
    return f"toont het getal in {unit} ({around}); niet omgerekend: verwacht het getal zelf"
