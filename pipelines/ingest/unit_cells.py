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


def unit_failures(
    source: SourceTable, rename: dict[str, str], plans: list, dataset: str = ""
) -> list[str]:
    """Quarantine rows (as the checks' parse failures) of a workbook's number cells whose
    format shows a unit of the contract after the number (readers.CellFacts.units,
    unit_formats.py) that the column cannot take: in a column the mapping converts, its
    own unit (``0.0" fte"`` under divide_by: 36: 0,8 fte was divided again to 0,0222
    without a word, helper-208) and any other but hours or minutes, the file's own unit
    of a converted fte, days or hours (``0" km"`` there was divided as if hours,
    helper-217), and of those the one the column's name does not say; in a column it
    does not convert, any other unit or word (``0" uur"`` in sick_days: 16 hours loaded
    as 16 days, where the text '16 uur' is refused, helper-216; ``0" weken"``, ``0" m"``
    in km, helper-282). An amount the contract reads without VAT (``dataset``'s, as
    header_says.WITHOUT_VAT) shown "incl. BTW" is refused too (helper-282)."""
    from pipelines.ingest.header_says import WITHOUT_VAT, time_unit_named, units_named
    from pipelines.ingest.unit_formats import (
        MEASURES,
        MINUTES,
        WITH_VAT,
        contract_units,
        holds_unit,
        own_unit,
        time_units,
    )

    out = []
    for plan in plans:
        header = next((h for h, c in rename.items() if c == plan.column.name), None)
        shown = source.facts.units.get(source.header.index(header)) if header else None
        if shown and plan.column.decimals is not None:
            # a unit of measure (0" st", 0" kg") in an amount, which is in euros
            # (helper-248: 25 shown as '25 st' loaded as 25 euros, where the text '25 st'
            # is refused); not the period it is per (p/m) nor other words (excl. btw)
            vat = (dataset, plan.column.name) in WITHOUT_VAT
            measures = contract_units() | MEASURES
            shown = {
                line: unit
                for line, unit in shown.items()
                if (unit == WITH_VAT and vat) or (unit != WITH_VAT and holds_unit(unit, measures))
            }
        elif shown and not plan.column.units:
            # a count's word may be what it counts (0" st", 0" medewerkers"), but not
            # another column's unit
            shown = {line: u for line, u in shown.items() if holds_unit(u, contract_units())}
        if not shown:
            continue
        if not plan.column.units:  # an amount or a count: no unit of its own at all
            if plan.column.type in ("integer", "decimal"):
                out += _unitless(source, plan.column, header, shown)
            continue
        own = {u.lower() for u in plan.column.units}
        # a unit with a qualifier (km/jr, ziektedagen, uur ziek) is that unit
        periods = PERIODS.get(dataset, frozenset())
        shown = {line: own_unit(u, contract_units(), periods) or u for line, u in shown.items()}
        example = f"2 {plan.column.units[1 if len(plan.column.units) > 1 else 0]}"
        # the unit a converted column's cells are in: the one the mapping says (convert's
        # unit), else the one its name says, else the one its factor says (8 a day:
        # hours; 480: minutes; helper-220)
        named = {plan.convert_unit} if plan.convert_unit else units_named(header)
        said = {plan.convert_unit} if plan.convert_unit else time_unit_named(header)
        file_unit = next(iter(said)) if said else None
        from_factor = file_unit is None
        if from_factor:
            file_unit = factor_unit(plan.convert, plan.column.unit_hours)
        cell = source.column(header)
        kinds = {n: MINUTES_WORD if u in MINUTES else HOURS_WORD for n, u in shown.items()}
        kinds = {n: k for n, k in kinds.items() if shown[n] in time_units() - own}
        for unit in sorted(set(shown.values())):
            kind = MINUTES_WORD if unit in MINUTES else HOURS_WORD
            where = "s._line in ({})".format(
                ", ".join(str(n) for n, u in sorted(shown.items()) if u == unit)
            )
            if plan.convert and unit in own:
                reason = converted_note(plan.column.name, formatted=True, unit=unit)
            elif plan.convert and unit in time_units() and "km" not in own:
                # hours or minutes: the file's unit, which convert converts, unless the
                # column's name says another (Ziekte (uren) and '240 min': helper-219)
                if plan.convert_unit and kind != file_unit:
                    reason = MAPPING_UNIT_NOTE.format(shown=f"2 {unit}", unit=file_unit)
                    where += f" and {not_zero('s', cell)}"  # 0 is 0 in every unit
                elif (named and not named & TIME_WORDS) or (not from_factor and kind != file_unit):
                    reason = HEADER_UNIT_NOTE.format(shown=f"2 {unit}", header=f"'{header}'")
                    where += f" and {not_zero('s', cell)}"  # (helper-224 5)
                elif file_unit is not None and kind != file_unit:
                    reason = FACTOR_UNIT_NOTE.format(
                        kind=kind,
                        shown=f"2 {unit}",
                        file_unit=file_unit,
                        factor=factor_words(plan.convert),
                        per=f"{per_unit(plan.convert):g}".replace(".", ",")
                        + f" {file_unit} per {plan.column.units[0]}",
                        example=EXAMPLE[kind],
                    )
                    where += f" and {not_zero('s', cell)}"  # 0 is 0 in every unit
                elif file_unit is None and (
                    others := [n for n, k in sorted(kinds.items()) if k != kind]
                ):
                    # hours and minutes both, where neither the name nor the factor says
                    # which convert converts from (an fte, whose factor may be a week's,
                    # a month's or a year's hours): not guessed, where the other stays in
                    # the file (a total row left out says none) and is not 0
                    reason = MIXED_UNITS_NOTE.format(
                        kind=kind,
                        header=f"'{header}'",
                        others=f"{other_kind(kind)} op regel "
                        + ", ".join(map(str, others[:3]))
                        + (" en verder" if len(others) > 3 else ""),
                    )
                    where += (
                        f" and {not_zero('s', cell)} and exists (select 1 from {source.name}"
                        f" as o where o._line in ({', '.join(map(str, others))})"
                        f" and {not_zero('o', cell)})"
                    )
                else:
                    continue
            elif unit not in own and plan.convert:
                reason = CONVERTED_OTHER_NOTE.format(shown=f"2 {unit}", own=example)
            elif unit not in own:
                # convert is the way out only where the mapping takes it: a decimal
                # column, from hours or minutes (helper-221 8: advised for an integer
                # column of days, and for kilometres in one of days, where it is refused)
                convertible = plan.column.type == "decimal" and unit in time_units()
                reason = OTHER_UNIT_NOTE.format(shown=f"2 {unit}", own=example) + (
                    CONVERT_ADVICE if convertible else ""
                )
                if unit not in contract_units() | MEASURES:  # a word, no unit (geschat)
                    reason = WORD_NOTE.format(word=unit, own=example)
            else:
                continue
            out.append(
                f"""select s._rid, {sql_text(plan.column.name)} as "column",
                    'wrong_type' as reason_code, {sql_text(reason)} as reason,
                    false as says_value, cast(null as integer) as rule
                from {source.name} as s where {where}"""
            )
    return out


def _unitless(source: SourceTable, column: object, header: str, shown: dict) -> list[str]:
    """A number cell shown in a unit (``0" uur"``, ``0" km"``) in a column that has none:
    an amount in euros, a rank, a count (helper-244: 25 shown as '25 uur' loaded as 25
    euros, where the text '25 uur' is refused)."""
    from pipelines.ingest.parsing import expected
    from pipelines.ingest.unit_formats import WITH_VAT

    cell, out = source.column(header), []
    for unit in sorted(set(shown.values())):
        lines = ", ".join(str(n) for n, u in sorted(shown.items()) if u == unit)
        reason = UNITLESS_NOTE.format(shown=f"2 {unit}", wanted=expected(column.type))
        if unit == WITH_VAT:
            reason = WITH_VAT_NOTE
        out.append(
            f"""select s._rid, {sql_text(column.name)} as "column",
                'wrong_type' as reason_code, {sql_text(reason)} as reason,
                false as says_value, cast(null as integer) as rule
            from {source.name} as s where s._line in ({lines}) and {not_zero("s", cell)}"""
        )
    return out


UNITLESS_NOTE = (
    "de werkmap toont dit getal met de getalnotatie van de cel in een eenheid ({shown}), "
    "maar de kolom heeft geen eenheid: verwacht {wanted}. Niet geraden: geef de cel de "
    "getalnotatie van de rest van de kolom"
)
# The period a dataset's units count per, which a format may say after them (km/jr in
# vehicle_use, uur/mnd in a month's employees); never another's (km/mnd: helper-286)
PERIODS = {
    "vehicle_use": frozenset(("jr", "jaar", "pj", "p.j", "j", "p", "yr", "year")),
    "employees": frozenset(("mnd", "maand", "pm", "p.m", "m", "p", "month")),
}
WITH_VAT_NOTE = (
    "de werkmap toont dit bedrag met de getalnotatie van de cel inclusief btw ('incl. btw'), "
    "maar de kolom is een bedrag zonder btw. Niet geraden: exporteer het bedrag zonder btw"
)
OTHER_UNIT_NOTE = (
    "de werkmap toont dit getal met de getalnotatie van de cel in een andere eenheid "
    "({shown}) dan die van de kolom ({own}). Niet geraden: geef de cel de getalnotatie "
    "van de rest van de kolom"
)
WORD_NOTE = (
    "de werkmap toont dit getal met de getalnotatie van de cel met '{word}' erachter, "
    "niet in de eenheid van de kolom ({own}). Niet geraden: geef de cel de getalnotatie "
    "van de rest van de kolom"
)
CONVERT_ADVICE = ", of reken de kolom om met convert in de kolomkoppeling"
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
    "minuten door elkaar ({others}), en kolomnaam noch factor van de kolomkoppeling "
    "(convert) zegt uit welke van de twee die omrekent; deze cel in {kind}. Niet geraden: "
    "zeg in de kolomkoppeling in welke eenheid de kolom staat (convert: unit: uren of "
    "minuten), of schrijf de hele kolom in één eenheid met één getalnotatie"
)
MAPPING_UNIT_NOTE = (
    "de werkmap toont dit getal met de getalnotatie van de cel in een andere eenheid "
    "({shown}) dan de kolomkoppeling zegt (convert: unit: {unit}). Niet geraden: schrijf "
    "de waarde in {unit} met de getalnotatie van de rest van de kolom"
)
FACTOR_UNIT_NOTE = (
    "de werkmap toont dit getal met de getalnotatie van de cel in {kind} ({shown}), maar "
    "de kolomkoppeling rekent de kolom om uit {file_unit} (convert:{factor}, {per}). Niet "
    "geraden: schrijf de waarde in {file_unit} ({example}) met de getalnotatie van de "
    "rest van de kolom; staat de hele kolom in {kind}, reken dan om met de factor voor "
    "{kind}"
)
EXAMPLE = {"minuten": "240 min is 4 uur", "uren": "4 uur is 240 min"}
HOURS_WORD, MINUTES_WORD = "uren", "minuten"  # as header_says.units_named names them
TIME_WORDS = frozenset((HOURS_WORD, MINUTES_WORD))
MINUTES_PER_HOUR = 60
ROUNDING = 0.001  # a factor's relative rounding the bounds allow


def factor_unit(convert: str, unit_hours: float | None) -> str | None:
    """The time unit (HOURS_WORD, MINUTES_WORD) a mapping's convert of a column of days
    (``unit_hours``: the most hours one of its units spans, Column.unit_hours) converts
    from, as its factor says: at most 24 a day is hours, 60 to 1.440 minutes (8 and 480 a
    working day); None where the factor fits neither (30 a day) or the column's does not
    tell (fte: helper-221)."""
    if not re.fullmatch(r" [/*] [0-9.]+", convert) or not unit_hours:
        return None
    # within a rounding of a multiply_by's six decimals (1/1.440 written 0.000694: 1.440,9)
    factor, slack = per_unit(convert), 1 + ROUNDING
    hours = factor <= unit_hours * slack
    minutes = MINUTES_PER_HOUR / slack <= factor <= MINUTES_PER_HOUR * unit_hours * slack
    if hours == minutes:
        return None
    return HOURS_WORD if hours else MINUTES_WORD


def per_unit(convert: str) -> float:
    """How many of the file's units make one of the column's, as a convert's SQL says
    (' / 8': 8; ' * 0.125': 8 too)."""
    sign, factor = convert.split()
    return float(factor) if sign == "/" else 1 / float(factor)


def other_kind(kind: str) -> str:
    return MINUTES_WORD if kind == HOURS_WORD else HOURS_WORD


def not_zero(alias: str, cell: str) -> str:
    """SQL: the cell is no 0 (a number cell's text, 0 or 0.0; other text counts as not)."""
    return f"coalesce(try_cast({alias}.{cell} as double), 1) <> 0"


def factor_words(convert: str) -> str:
    """A convert's SQL (' / 7.2') in Dutch words: ' gedeeld door 7,2'."""
    sign, factor = convert.split()
    return (" gedeeld door " if sign == "/" else " maal ") + factor.replace(".", ",")


def unit_refused(dataset: str, column: str, convert: object) -> tuple[str, dict] | None:
    """Why a mapping's convert cannot say ``unit`` of ``column`` (a mapping.convert_unit_*
    key and its values), or None. Said of a column of time alone (fte, days, overtime),
    and as its factor converts: a day's hours by at most 24 and minutes by 60 to 1.440,
    overtime's minutes by 60; a factor of 1 converts nothing (helper-223: 'unit: uren'
    under divide_by: 480 loaded 16 hours as 0,033 days, the name's refusal switched off).
    An fte's factor tells neither (a week's, a month's or a year's hours): not asked."""
    from pipelines.ingest.quality import DATASETS

    unit = getattr(convert, "unit", None)
    if unit is None:
        return None
    columns = {c.name: c for c in DATASETS[dataset].columns}
    timed = [c.name for c in columns.values() if c.hours or c.unit_hours or "fte" in c.units]
    if column not in timed:
        return "convert_unit_column", {"value": column, "columns": ", ".join(timed) or "-"}
    spec, sql = columns[column], convert.sql()  # type: ignore[attr-defined]
    if not sql:  # a factor of 1 converts nothing, an fte's too (helper-224 6)
        says = None
    elif spec.hours:  # hours: from minutes alone, by 60
        fits = abs(per_unit(sql) / MINUTES_PER_HOUR - 1) <= ROUNDING
        says = MINUTES_WORD if fits else None
    elif spec.unit_hours:
        says = factor_unit(sql, spec.unit_hours)
    else:
        return None
    if says == unit:
        return None
    return "convert_unit_factor", {"value": column, "unit": unit, "factor": convert.said()}  # type: ignore[attr-defined]
