"""A workbook's number cell whose own number format shows a unit of the contract after
the number (``0.0" fte"`` shows 0.8 as ``0,8 fte``; ``0" dagen"``, ``#,##0" km"``): the
cell holds the number alone, and what it is in only the format says.

Under a mapping's ``convert: {fte: {divide_by: 36}}`` (the file writes hours a week) such
a cell is in the contract's unit already: divided again, 0,8 fte became 0,0222 without a
word (helper-208), where the text ``0,8 fte`` was quarantined. So the reader notes the
unit per column and line (``units_shown``, into readers.CellFacts.units) and keeps the
number as the cell's text, which every other step reads as before (helper-216: written
into the text, the unit made 7,45 hours a clock time, kept a row drop_rows leaves out, a
total no total, a survey's answers refused); unit_cells.unit_failures quarantines the
lines whose unit the column cannot take.

Excel shows a number in one section of its format: the first for all numbers; with two,
the first for a positive number or zero and the second for a negative one; with three,
positive, negative, zero. A format whose sections name the numbers they are for
(``[=1]0" dag";0" dagen"``) shows one unit when each section shows the same quantity's.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.ingest.xlsx_formats import EUROS, OTHER_BRACKETS, _literal, sections

# A number format's section that is its number (a sign or bracket before it, +0.0, -0.0,
# (0.0)) and then text (0.0" fte", #,##0 "km", 0.0\ \f\t\e), once its colour ([Blue]),
# spacing (_)) and fills (*-) are taken out; a comma after the last digit scales the
# number (#,##0.0," km" shows 12500 as 12,5 km): magnitudes.py's, not this
SIGN = r'(?:[-+(]|\\[-+(]|"[-+(]")?'
AFTER_NUMBER = re.compile(
    rf'\s*{SIGN}\s*[#0?][#0?,.\s]*(?<!,)((?:"[^"]*"|\\.|\s)+?)\s*(?:\)|\\\)|"\)")?\s*'
)
CONDITION = re.compile(r"\[[<>=]")  # [>=1]: a section for the numbers it names


@cache
def unit_groups() -> tuple[frozenset[str], ...]:
    """The units of each column of the contract that has any (fte; dag, dagen, ...; uur,
    uren, ...; km, ...), in small letters: one quantity's ways of writing it."""
    from pipelines.ingest.quality import DATASETS

    return tuple(
        frozenset(u.lower() for u in c.units)
        for spec in DATASETS.values()
        for c in spec.columns
        if c.units
    )


# Minutes: no column's unit, but a file's (overtime in minutes, convert divide_by: 60)
MINUTES = frozenset(("min", "mins", "mnt", "minuut", "minuten", "minute", "minutes"))


def contract_units() -> frozenset[str]:
    """Every unit a column of the contract names its cells in, and minutes."""
    return frozenset().union(*unit_groups(), MINUTES)


@cache
def time_units() -> frozenset[str]:
    """The units of the columns read as hours (overtime_hours: uur, uren, u, h), and
    minutes: what a file of a converted fte, days or hours column is in."""
    from pipelines.ingest.quality import DATASETS

    hours = (
        u.lower() for spec in DATASETS.values() for c in spec.columns if c.hours for u in c.units
    )
    return frozenset(hours) | MINUTES


def section_unit(section: str) -> str | None:
    """The unit of the contract a format's section writes after its number, or another
    unit of measure (MEASURES: the first word of the text, kg of " kg CO2"), WITH_VAT
    for an amount said to include VAT (anywhere in the section's text), or any other
    text with a letter (weken, mnd, mi: helper-282, 2 weeks loaded as 2 days), a text
    before the number with the one after it ("ca. "0" weken": ca. weken; helper-284), in
    small letters; None for no text, the euro, or a power of ten (magnitudes.py)."""
    from pipelines.ingest.header_says import SAID_WITH_VAT, SAID_WITHOUT_VAT
    from pipelines.ingest.magnitudes import magnitude

    section = re.sub(r"(?i)general", "0", section)  # General" fte": the number as it is
    section = re.sub(r"(?<!\\)[_*].", "", OTHER_BRACKETS.sub("", section))
    said = _literal("".join(LITERAL.findall(section)))
    if not SAID_WITHOUT_VAT.search(said) and (SAID_WITH_VAT.search(said) or INCLUDED.search(said)):
        return WITH_VAT  # "incl. btw "#,##0.00, #,##0.00" EUR incl. BTW" (helper-284)
    section = LEADING_EURO.sub("", section)
    before, shape = "", AFTER_NUMBER.fullmatch(section)
    if shape is None:
        shape = TEXT_FIRST.fullmatch(section)
        if shape is None:
            return None
        before = _literal(shape[1]).strip().lower()
        if not re.search(r"[^\W\d_]|[±~≈<>]", before):  # a sign or a bracket: no text
            before = ""
        else:  # a label ("Uren: "0.0, "Privé: "#,##0" km") is its words (helper-285, -286)
            before = before.removesuffix(":").strip()
    text = _literal(shape[2 if shape.re is TEXT_FIRST else 1] or "").strip()
    unit = text.lower().removesuffix(".")
    if before:
        return f"{before} {unit}".strip()
    if unit in contract_units():
        return unit
    first = re.split(r"[\s/]", unit, maxsplit=1)[0].strip("()").removesuffix(".")
    if magnitude(text) != 0 or unit in EUROS or first in EUROS:
        return None
    if first in MEASURES:
        return first
    return unit if re.search(r"[^\W\d_]", unit) else None  # all of it: fte p.w. no fte


LITERAL = re.compile(r'"[^"]*"|\\.')
# "incl." said of an amount without the tax's name (" incl.", " incl. 21%"), or the
# German's (inkl. MwSt.): included, as the text of a cell says (helper-285)
INCLUDED = re.compile(
    r"(?i)(?<!\w)(?:incl|inkl|inclusief|inc)\.?\s*(?:[0-9]+(?:[.,][0-9]+)?\s*%)?\s*$"
    r"|(?<!\w)mwst\b"
)  # not "incl. korting", "incl. verzendkosten" (helper-286)
# A section whose number comes after a text ("ca. "0" weken", "± "#,##0" km"), with any
# text after the number too
TEXT_FIRST = re.compile(
    rf'\s*((?:"[^"]*"|\\.|\s)+?)\s*{SIGN}\s*[#0?][#0?,.\s]*(?<!,)((?:"[^"]*"|\\.|\s)*?)\s*'
    r'(?:\)|\\\)|"\)")?\s*'
)


def own_unit(
    unit: str, own: set[str] | frozenset[str], periods: frozenset[str] = frozenset()
) -> str | None:
    """The unit of ``own`` that a unit text is with a qualifier that leaves it the same
    quantity, or None. The unit as a word (in a plural, with 's, after a hyphen or a dot:
    kms, km's, privé-km, priv.km) or ending a word after such a qualifier (ziektedagen,
    overuren, werkdgn., privékm), every other word one of QUALIFIERS (km privé, privé
    km, sick days, OT hrs, fte (contract), km/jr; helper-284, -285: refused as no unit);
    an fte by its Dutch names (wtf, deeltijdfactor). Not with any other word: a rate,
    another unit, an estimate, a share of one (per km, km/u, mi/km, weken (dagen),
    halfdagen, km geschat; helper-286: read as the column's own), nor for sections of
    two quantities (shown_units: "|")."""
    if "|" in unit:
        return None
    words = [w.strip(".():") for w in re.split(r"[\s/]+", unit) if w.strip(".():")]
    found = [u for w in words if (u := _as_unit(w, own))]
    rest = [w for w in words if not _as_unit(w, own)]
    if len(set(found)) != 1 or any(w not in QUALIFIERS | periods for w in rest):
        return None
    return found[0]


def _as_unit(word: str, own: set[str] | frozenset[str]) -> str | None:
    """The unit of ``own`` a word is, or ends in after one of QUALIFIERS, or None."""
    word = FTE_NAMES.get(word, word)
    parts = re.split(r"[-.]", word)
    for part in (word, word.removesuffix("'s"), word.removesuffix("s")):
        if part in own:
            return part
    if len(parts) > 1 and parts[-1] in own and all(p in PREFIXES for p in parts[:-1] if p):
        return parts[-1]
    for u in sorted((u for u in own if len(u) >= 2), key=len, reverse=True):
        if word.endswith(u) and word[: -len(u)].rstrip("-") in PREFIXES:
            return u
    return None


# Words beside a unit that leave it the quantity it is (privé km, sick days, OT hrs), and
# a word's start before one (ziektedagen, overuren, meeruren, werkdgn., privékm); the
# period a column counts per only by its dataset (unit_cells.PERIODS: km/jr, uur/mnd)
QUALIFIERS = frozenset(
    ("privé", "prive", "priv", "ytd", "cum", "cumulatief", "totaal", "contract", "ziekte",
     "ziek", "sick", "verzuim", "verlof", "leave", "overwerk", "ot", "overtime",
     "aaneengesloten", "geregistreerd")
)  # fmt: skip
PREFIXES = QUALIFIERS | {"over", "meer", "werk", "kalender"}
# An fte by its names in Dutch HR systems (helper-286: refused as a word)
FTE_NAMES = {"wtf": "fte", "werktijdfactor": "fte", "deeltijdfactor": "fte", "dtf": "fte",
             "parttimefactor": "fte"}  # fmt: skip
# Words before or in a unit that make it another quantity or an estimate
NOT_AS_SAID = frozenset(
    ("half", "halve", "hele", "kwart", "dubbele", "x", "ca", "circa", "ongeveer", "approx",
     "about", "ruim", "bijna", "±", "~", "≈", "<", ">", "<=", ">=", "max", "maximaal",
     "minimaal", "tot", "vanaf", "plus")
)  # fmt: skip


def holds_unit(unit: str, units: set[str] | frozenset[str]) -> bool:
    """Whether a unit text (a word, a text before the number with the one after it, or
    sections of two quantities: "ca. kg", "min|uur") says its number is in one of
    ``units``: the first word of a section that is no estimate (not a count's
    "deelnemers (min. 5)", nor an amount's "per dag": helper-286)."""
    for section in unit.split("|"):
        words = [w.strip(".():") for w in section.split() if w.strip(".():")]
        words = [w for w in words if w not in NOT_AS_SAID]
        if words and words[0] in units:
            return True
    return unit in units


# An amount's format that says it includes VAT ("incl. BTW", " i.c.m. btw"): no amount
# of a column the contract reads without it (header_says.WITHOUT_VAT; unit_cells)
WITH_VAT = "incl. btw"


# The euro before the number ("€ "#,##0" kg", \€0" st"): the text after it still says
# the unit (helper-251 F4: a literal euro first hid it, where [$€-413] did not)
LEADING_EURO = re.compile(
    r'^(?:\s|\\ )*(?:(?:"\s*(?:€|eur|euro)\s*"|\\?€)(?:\s|\\ )*)?', re.IGNORECASE
)  # and Excel's escaped space after it, \ (helper-252 F4: € \ #,##0" kg")

# Units of measure an amount in euros cannot be in (unit_cells.unit_failures), beside the
# contract's units of other columns: pieces, weights, lengths, areas, volumes and energy,
# as Dutch and English registers write them. Not the periods an amount may be per (pm,
# mnd, jr, per maand), nor a word Dutch uses for an amount (ton, €100.000), nor a power
# of ten (magnitudes.py reads those), nor kw (kwartaal as often as kilowatt); a letter
# alone only where it is no power of ten (g, l; k and m are: m is xlsx_formats.UNITS's
# metre). A word of the text first, out of its brackets: " kg CO2", " kWh/m²", " (kg)"
# (helper-251 F3, F4: CLDR's every symbol took pm, mnd and ton)
MEASURES = frozenset(
    ("st", "stk", "stuk", "stuks", "pcs", "pieces", "kg", "kilo", "g", "gram", "mg", "m",
     "cm", "mm", "meter", "m2", "m²", "m3", "m³", "ha", "l", "liter", "ltr", "ml", "cl",
     "kwh", "mwh", "gj", "pallet", "pallets")
)  # fmt: skip


@cache  # asked of each number cell a unit's format shows
def shown_units(number_format: str) -> tuple[str | None, ...]:
    """The unit each section of a number format shows its numbers with (one to three
    sections; a fourth is for text). A format of conditions: its one quantity's unit
    for every section when each shows one ([=1]0" dag";0" dagen": dag), else none."""
    parts = sections(number_format)[:3]
    units = tuple(section_unit(s) for s in parts)
    if not any(CONDITION.search(s) for s in parts):
        return units
    # the sections that show a number ([=0]"-" shows a dash: helper-218)
    units = tuple(u for s, u in zip(parts, units, strict=True) if NUMBER.search(_bare(s)))
    if WITH_VAT in units:  # [>=0]#,##0.00" incl. btw";-#,##0.00 (helper-284)
        return (WITH_VAT,)
    # each as the contract's unit it is with a qualifier ([=1]0" ziektedag";0"
    # ziektedagen": dag; helper-285)
    units = tuple(u and (own_unit(u, contract_units()) or u) for u in units)
    if not units or None in units:  # which section is not told: none
        return ()
    # minutes too ([=1]0" minuut";0" minuten": helper-220)
    one = next((g for g in (*unit_groups(), MINUTES) if all(u in g for u in units)), None)
    if one is not None or len(set(units)) == 1:
        return (units[0],)
    # two quantities, or words of none ([<60]0" min";0" uur", [=1]0" week";0" weken"):
    # all of them, which no column takes as its own (helper-284: 45 min read as 45 hours)
    return ("|".join(dict.fromkeys(units)),)


NUMBER = re.compile(r"(?i)[0#?]|general")


def _bare(section: str) -> str:
    """A format's section without its quoted and escaped text and brackets."""
    return OTHER_BRACKETS.sub("", re.sub(r'"[^"]*"|\\.', "", section))


def shown_unit(number_format: str, number: float = 1) -> str | None:
    """The unit of the contract a number format shows ``number`` with, or None."""
    units = shown_units(number_format)
    if not units:
        return None
    if len(units) == 1 or (number > 0 or number == 0 and len(units) == 2):
        return units[0]
    return units[1] if number < 0 else units[2]


def unit_styles(workbook: object) -> dict[int, str]:
    """The cell style ids whose number format (the workbook's own) shows a number with a
    unit of the contract after it (in any section), with the format."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE

    own = list(getattr(workbook, "_number_formats", []) or [])
    found: dict[int, str] = {}
    for style_id, style in enumerate(getattr(workbook, "_cell_styles", []) or []):
        index = style.numFmtId - BUILTIN_FORMATS_MAX_SIZE
        if 0 <= index < len(own) and any(shown_units(str(own[index]))):
            found[style_id] = str(own[index])
    return found


def units_shown(row: tuple, styles: dict[int, str]) -> list[tuple[int, str]]:
    """The number cells of a row (read-only cells) whose format (``styles``: unit_styles)
    shows them with a unit of the contract, by column."""
    found = []
    for i, cell in enumerate(row if styles else ()):
        number_format = styles.get(getattr(cell, "_style_id", 0))
        value = getattr(cell, "value", None)
        if number_format and isinstance(value, int | float) and not isinstance(value, bool):
            if unit := shown_unit(number_format, value):
                found.append((i, unit))
    return found
