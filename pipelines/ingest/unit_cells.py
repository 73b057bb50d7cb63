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

from pipelines.ingest.quarantined import quoted

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
    "{cell} {what}, maar de kolomkoppeling rekent {column} om (convert): "
    "omgerekend zou het een andere waarde worden. Niet geraden: schrijf deze cel in de "
    "eenheid van de rest van de kolom, zonder eenheid erachter"
)


def unit_after(units: tuple[str, ...]) -> str:
    """A regular expression of one of ``units`` after a number (or its % sign), at the
    cell's end: 0,8 fte, 12.500 km, 3 dagen."""
    unit = "|".join(re.escape(u) for u in units)
    return rf"(?i)(?<=[0-9%])\s*(?:{unit})\.?\s*$"


def in_own_unit(
    converted: bool, units: tuple[str, ...], cells: pd.Series, hundredths: np.ndarray | None
) -> np.ndarray:
    """Which ``cells`` of a column the mapping converts say the contract's unit (one of
    ``units`` after the number) or are a percentage (``hundredths``); none when the
    column is not converted."""
    found = np.zeros(len(cells), dtype=bool)
    if not converted:
        return found
    if units:
        found |= np.asarray(cells.str.contains(unit_after(units), na=False), dtype=bool)
    if hundredths is not None:
        found |= hundredths
    return found


def converted_note(cell: object, column: str, units: tuple[str, ...]) -> str:
    """Why a cell in the contract's unit (in_own_unit) is not converted: its unit, or
    else it is a percentage (CONVERTED_NOTE)."""
    text = str(cell).strip()  # the unit not named again: as a column's name (fte) the
    # reason would say the file's column for it (quarantined.in_file_names)
    said = bool(units) and re.search(unit_after(units), text) is not None
    what = "staat al in de eenheid van het contract" if said else "is al een percentage"
    return CONVERTED_NOTE.format(cell=quoted(text), what=what, column=column)
