"""Cells that say their unit: a share or percentage where a mapping reads percentages,
and the contract's own unit in a column the mapping converts.

A mapping that converts a column (``convert: {fte: {divide_by: 36}}``: hours a week to
fte) says the file writes it in another unit than the contract's. A cell that names the
contract's unit itself (``0,8 fte``, ``8 dagen``) or is a percentage (``88,89%`` of an
fte) is in that unit already: divided again it became 0,0222 fte and 1 sick day without a
word (helper-207). Not guessed which the cell means: quarantined with what it says.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from pipelines.ingest.parsing import CURRENCY, WHOLE_EUROS, WHOLE_EUROS_DOT
from pipelines.ingest.source_table import SourceTable, sql_text

# A mapping reads a column as percentages (percent: [fte]); a cell no larger than the
# share itself can be (0,8; an XLSX number cell 0.8 in no percentage's format) may be
# that share already: not guessed (helper-107: 0,8 became 0,008 fte without a word). An
# XLSX cell formatted as a percentage says it (xlsx_formats: 0.8 shown 80% is 0,8).
SHARE_OR_PERCENT = (
    "'{cell}' in een kolom die de kolomkoppeling als percentage leest (percent: [{column}]): "
    "als percentage {low} {column}, of staat er al het deel zelf, {share} {column}? Niet "
    "geraden: schrijf de percentages als percentage (80 of 80%), of laat percent weg als "
    "de kolom delen bevat (0,8 voor 80%)"
)

CONVERTED_NOTE = (
    "{what}, maar de kolomkoppeling rekent {column} om (convert): omgerekend zou het een "
    "andere waarde worden. Niet geraden: schrijf deze cel in de eenheid van de rest van "
    "de kolom, zonder eenheid erachter"
)


def unit_after(units: tuple[str, ...]) -> str:
    """A regular expression of one of ``units`` after a number (or its % sign), at the
    cell's end: 0,8 fte, 12.500 km, 3 dagen."""
    unit = "|".join(re.escape(u) for u in units)
    return rf"(?i)(?<=[0-9%])\s*(?:{unit})\.?\s*$"


def in_own_unit(
    converted: bool, units: tuple[str, ...], cells: pd.Series, *said: np.ndarray | None
) -> np.ndarray:
    """Which ``cells`` of a column the mapping converts say the contract's unit: one of
    ``units`` after the number, or a mask of ``said`` (a percentage, a clock or duration
    read as hours, an amount's euro sign); none when the column is not converted."""
    found = np.zeros(len(cells), dtype=bool)
    if not converted:
        return found
    if units:
        found |= np.asarray(cells.str.contains(unit_after(units), na=False), dtype=bool)
    for mask in said:
        if mask is not None:
            found |= np.asarray(mask, dtype=bool)
    return found


def said_euros(cells: pd.Series) -> np.ndarray:
    """Which ``cells`` of an amount say they are in euros: a euro sign or word (€ 12.500,
    12.500 EUR), or the dash of whole euros as prices write them (12.500,-, 25.-,
    helper-208: multiplied again under a mapping's multiply_by: 1000)."""
    bare = cells.str.replace(CURRENCY, "", regex=True)
    said = cells.str.contains(CURRENCY, na=False) | bare.str.contains(WHOLE_EUROS, na=False)
    return np.asarray(said | bare.str.match(WHOLE_EUROS_DOT, na=False), dtype=bool)


def converted_note(column: str, formatted: bool = False, unit: str = "") -> str:
    """Why a cell in the contract's unit (in_own_unit) is not converted (CONVERTED_NOTE).
    The cell itself is not in it: the quarantine shows it beside the reason, and a unit
    in it, as fte, is a column's name the reason's renaming would turn into the file's
    (helper-208: '80% 'Uren per week''). ``formatted``: a workbook's number cell, whose
    number format shows the unit (helper-210: 'de cel noemt' a unit it does not hold; a
    format that writes it after the number, 0.0" fte": helper-208 5)."""
    if formatted:
        return (
            "de werkmap toont dit getal met de getalnotatie van de cel in de eenheid van het "
            "contract ("
            + (f"2 {unit}" if unit else "euro's of een percentage")
            + f"), maar de kolomkoppeling rekent {column} om "
            "(convert): omgerekend zou het een andere waarde worden. Niet geraden: geef de cel "
            "de getalnotatie van de rest van de kolom, of laat convert weg als de hele kolom "
            "zo is"
        )
    return CONVERTED_NOTE.format(what="de cel noemt al de eenheid van het contract", column=column)


def unit_failures(source: SourceTable, rename: dict[str, str], plans: list) -> list[str]:
    """Quarantine rows (as the checks' parse failures) of a workbook's number cells whose
    format shows a unit of the contract after the number (readers.CellFacts.units,
    unit_formats.py) that the column cannot take: in a column the mapping converts, its
    own unit (``0.0" fte"`` under divide_by: 36: 0,8 fte was divided again to 0,0222
    without a word, helper-208) and any other but hours or minutes, the file's own unit
    of a converted fte, days or hours (``0" km"`` there was divided as if hours,
    helper-217), and of those the one the column's name does not say; in a column it
    does not convert, another column's unit (``0" uur"`` in sick_days: 16 hours loaded as
    16 days, where the text '16 uur' is refused, helper-216)."""
    from pipelines.ingest.header_says import units_named
    from pipelines.ingest.unit_formats import MINUTES, time_units

    out = []
    for plan in plans:
        header = next((h for h, c in rename.items() if c == plan.column.name), None)
        shown = source.facts.units.get(source.header.index(header)) if header else None
        if not shown or not plan.column.units:
            continue
        own = {u.lower() for u in plan.column.units}
        example = f"2 {plan.column.units[1 if len(plan.column.units) > 1 else 0]}"
        named = units_named(header)

        def kind(unit: str) -> str:
            return "minuten" if unit in MINUTES else "uren"

        # hours and minutes both, where the name says neither: one of them is not the
        # unit convert converts from, and which is not guessed (helper-218 B4)
        times = {kind(u) for u in shown.values() if u in time_units() and u not in own}
        both = len(times) > 1
        for unit in sorted(set(shown.values())):
            if plan.convert and unit in own:
                reason = converted_note(plan.column.name, formatted=True, unit=unit)
            elif plan.convert and unit in time_units() and "km" not in own:
                # hours or minutes: the file's unit, which convert converts, unless the
                # column's name says another (Ziekte (uren) and '240 min': helper-219)
                if named and kind(unit) not in named:
                    reason = HEADER_UNIT_NOTE.format(shown=f"2 {unit}", header=f"'{header}'")
                elif both and not named:
                    reason = MIXED_UNITS_NOTE.format(shown=f"2 {unit}", header=f"'{header}'")
                else:
                    continue
            elif unit not in own:
                reason = (CONVERTED_OTHER_NOTE if plan.convert else OTHER_UNIT_NOTE).format(
                    shown=f"2 {unit}", own=example
                )
            else:
                continue
            lines = ", ".join(str(n) for n, u in sorted(shown.items()) if u == unit)
            out.append(
                f"""select s._rid, {sql_text(plan.column.name)} as "column",
                    'wrong_type' as reason_code, {sql_text(reason)} as reason,
                    false as says_value, cast(null as integer) as rule
                from {source.name} as s where s._line in ({lines})"""
            )
    return out


OTHER_UNIT_NOTE = (
    "de werkmap toont dit getal met de getalnotatie van de cel in een andere eenheid "
    "({shown}) dan die van de kolom ({own}). Niet geraden: geef de cel de getalnotatie "
    "van de rest van de kolom, of reken de kolom om met convert in de kolomkoppeling"
)
HEADER_UNIT_NOTE = (
    "de werkmap toont dit getal met de getalnotatie van de cel in een andere eenheid "
    "({shown}) dan de kolomnaam {header} zegt, waaruit de kolomkoppeling omrekent. Niet "
    "geraden: geef de cel de getalnotatie van de rest van de kolom"
)
CONVERTED_OTHER_NOTE = (
    "de werkmap toont dit getal met de getalnotatie van de cel in een eenheid ({shown}) "
    "die de kolomkoppeling niet omrekent naar die van de kolom ({own}). Niet geraden: "
    "geef de cel de getalnotatie van de rest van de kolom"
)
MIXED_UNITS_NOTE = (
    "de werkmap toont de getallen van kolom {header} met hun getalnotatie in uren en in "
    "minuten door elkaar, en de kolomnaam zegt niet in welke van de twee de "
    "kolomkoppeling omrekent (convert); deze cel in {shown}. Niet geraden: geef de cellen "
    "van de kolom één getalnotatie, of zet de eenheid in de kolomnaam (uren of minuten)"
)
