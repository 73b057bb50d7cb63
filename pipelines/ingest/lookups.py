"""Reading the distinct cells of a column: each becomes its value, what quarantine shows
of it, a status (read, not read, ambiguous, unknown label) and the note that says why, in
one lookup frame that pipelines/ingest/checks.py joins back to every row.

Numbers in the declared convention with Babel's strict parser (parsing.py), dates, ja/nee,
codes regardless of case and accents, a mapping's value labels and answer labels, and
pseudonyms for ``*_key`` columns.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipelines.core.texts import Message
from pipelines.ingest.amount_cells import (
    foreign_notes,
    percent_amounts,
    too_many_decimals,
)
from pipelines.ingest.answer_labels import read_labels
from pipelines.ingest.clock_cells import (
    CLOCK,
    FILE_UNITS,
    HOURS_DOT_MINUTES,
    HOURS_DOT_MINUTES_NOTE,
    as_clock,
)
from pipelines.ingest.codes import EXCEL_MARKS, code_key, match_codes, spelling_key
from pipelines.ingest.dash_cells import approximate_note, date_word_note, tick_note, word_note
from pipelines.ingest.date_formats import two_digit_year
from pipelines.ingest.date_markers import (
    days_in_month,
    emptied_moments,
    end_of_time,
    months_without_day,
    no_date_markers,
    serial_or_period,
    thirteenth_period,
    weekday_mismatches,
)
from pipelines.ingest.date_order import ambiguous_dates, as_written, date_expected, written_cells
from pipelines.ingest.dates import (
    impossible_day,
    time_range_or_zone,
)
from pipelines.ingest.key_cells import is_none_word, key_problem, unwrapped
from pipelines.ingest.key_numbers import key_numbers
from pipelines.ingest.magnitudes import in_own_scale, scaled_note
from pipelines.ingest.none_words import NULL_MARKERS
from pipelines.ingest.parsing import (
    CURRENCY,
    NUMBER_NAMES,
    UNSEEN,
    WHOLE_EUROS,
    Parsed,
    accounting_zeros,
    bare_identifier,
    expected,
    parse_column,
    read_number,
    show_number,
    strip_currency,
    without_invisible,
)
from pipelines.ingest.pseudonym import pseudonymise
from pipelines.ingest.quality.base import Column
from pipelines.ingest.quarantined import quoted
from pipelines.ingest.time_cells import early_day_note, from_1904
from pipelines.ingest.unit_cells import (
    SHARE_OR_PERCENT,
    converted_note,
    in_own_unit,
    said_euros,
    unit_after,
)

NUMERIC = ("integer", "decimal")
# the words for no value and for none: none_words.py
# Zeros alone (0, 0000, 00000000, 0.0) in an optional reference to another record are
# none: ERP and legacy exports write them so for "no contract" (helper-134: a call-off
# of 250 000 under contract 0 read as exempt from its procedure)
ALL_ZEROS = r"\s*0+(?:[.,]0+)?\s*"


def zero_is_none(column: Column) -> bool:
    """Whether zeros alone are none in ``column``: an optional reference to another record
    (contract_id); not the row's own number (record_id 0 is a record: helper-135, gift 0
    counted twice) nor a person's key (0 may be someone's number, as manager and as
    employee alike)."""
    return not column.required and column.name.endswith("_id") and column.name != "record_id"


# A spreadsheet's error values (Excel in Dutch and English, LibreOffice's Err:502): a
# formula without an outcome, no value. Quarantined in every column, never read as a
# person, an approval or a contract (#N/A and #N/B, "not available", are NULL_MARKERS).
# Any name after # that ends in ! or ? is one (Google Sheets adds #ERROR!, #BLOCKED!,
# #UNKNOWN!, #CONNECT!, #FIELD!; tools add more), besides the two without a mark.
SHEET_ERROR = r"\s*(?:#[A-Za-z][A-Za-z0-9_/.]*[!?]|(?i:#getting_data|#fout|err:[0-9]{3}))\s*"
SHEET_ERROR_NOTE = (
    "is een foutwaarde van de spreadsheet (een formule zonder uitkomst), geen waarde; "
    "verwacht {wanted}. Niet geraden: herstel de formule in de bron of laat de cel leeg"
)
MARKER_FIRST = frozenset(m[0] for m in NULL_MARKERS)
# A date of zeros (00000000, 0000-00-00, 00-00-0000: Key2Financien, MySQL) is no date,
# as such systems write an empty one: empty in a date or month column.
ZERO_DATE = (  # and Excel's day 0, a lookup that found nothing (00-01-1900, helper-134;
    # an XLSX date cell of 0 arrives as its time alone, 00:00:00)
    r"\s*(?:(?:0{4}[-/.]?0{2}(?:[-/.]?0{2})?|0{2}[-/.]0{2}[-/.]0{4}|0{2}[-/.]0{4}"
    r"|0{1,2}[-/.]0?1[-/.]1900|1900[-/.]0?1[-/.]0{1,2}"
    r"|30[-/.]12[-/.]1899|1899[-/.]12[-/.]30)"  # LibreOffice's and Google Sheets' day 0
    r"(?:[ T]0{2}:0{2}(?::0{2}(?:\.0+)?)?)?|0{2}:0{2}:0{2})\s*"  # MySQL's 0000-00-00 00:00:00
)
# A count an export hid (<5, *; helper-112), or an amount's bound (< 50; helper-189)
HIDDEN_COUNT = r"\s*(?:(?:<|&lt;|≤|<=)\s*[0-9]+|\*{1,3})\s*"
HIDDEN_COUNT_NOTE = {  # not guessed; the radar hides small groups after counting them
    "integer": "is een klein aantal dat de export zelf afschermt; niet geraden: exporteer de "
    "aantallen zelf (de radar schermt kleine groepen af nadat hij ze geteld heeft)",
    "decimal": "is een grens of afgeschermde waarde, geen getal; niet geraden: exporteer het getal",
}


# A share written as a percentage (80%, 80,5 %): the number before the sign.
PERCENT = r"\s*(\S.*?)\s*%\s*"
# Excel's mark before a value kept as text ('000103): no part of a key or an _id; in
# DuckDB the mark left out (RE2's \s is ASCII's: \pZ for the no-break spaces)
APOSTROPHED, TEXT_MARK_SQL = r"\s*'[^'\s]", r"^\s*'([^'\s\pZ])"
MARK_ALONE = r"\s*'\s*"  # the mark and nothing after it: an empty cell (helper-137)
# A number in Excel's scientific notation (1,23457E+11): what Excel writes of a long number, so
# an identifier so may have lost its digits (helper-99; Java's 1.23457E11 too; 12E3 is none)
SCIENTIFIC = r"\s*[+-]?(?:[0-9](?:[.,][0-9]+)?[Ee][+-][0-9]{2,}|[0-9][.,][0-9]+[Ee][0-9]{1,3})\s*"
SCIENTIFIC_NOTE = (
    "is een getal in wetenschappelijke notatie, zoals Excel een lang nummer toont: "
    "cijfers van het nummer kunnen dan al verloren zijn. Niet geraden: sla de kolom op "
    "als tekst"
)
# A key number written as a decimal by the tool that exported it (101.0, 101,00): the
# number 101, as the same key's number cell in an XLSX (recognise.float_keys says so).
OK, WRONG_TYPE, AMBIGUOUS, UNKNOWN_LABEL, AMBIGUOUS_DATE, SHEET_ERROR_STATUS = range(6)


@dataclass(frozen=True)
class ColumnPlan:
    """How one canonical column's cells become values."""

    column: Column
    number_format: str
    values: dict[str, str | None] | None = None  # a mapping's labels (by code_key)
    answer_labels: dict[str, int | None] | None = None
    answer_label_set: str | None = None
    codes: tuple[str, ...] = ()
    is_key: bool = False
    spellings: tuple[tuple[str, str], ...] = ()  # Column.spellings, resolved
    month_first: bool = False  # the mapping's date_order: mdy
    order_declared: bool = False  # the mapping says date_order (dmy or mdy) itself
    day_first_read: bool = False  # a date column read of the file proves day first
    serial_days: int = 0  # a number cell's serial, in a workbook of 1904 (RawTable)
    date_cells: str | None = None  # date cells in it: the file's month-first text, or ""
    number_proof: bool = False  # another column of the file writes numbers the other way
    declared: bool = False  # the mapping's number_format names the convention
    by_name: bool = False  # for this column by name (number_format: {column: en})
    in_percent: bool = False  # the mapping's percent: every number is a percentage
    convert: str = ""  # the mapping's convert, as SQL after the value (' / 36')
    convert_unit: str | None = None  # its unit: the file's time unit (uren, minuten)
    file_unit: str | None = None  # converted from uren or minuten (clock_cells: 16:00 read)
    english: bool = False  # the mapping reads the numbers of some column in English
    written: dict[str, list[str]] | None = None  # a zone's ISO times as written (CellFacts)

    @property
    def reads_hours(self) -> bool:  # 7:30 is 7,5 hours: a column in hours or from hours
        return self.column.hours or self.file_unit == "uren"

    @property
    def needs_lookup(self) -> bool:
        return (
            self.column.type != "text"
            or bool(self.values)
            or self.answer_labels is not None
            or bool(self.codes)
            or self.is_key
        )


# --- reading the distinct cells of a column ----------------------------------------------


# Both ways, whichever the source writes (helper-102: the message named only the other
# one, which quarantined a Dutch register's 2.500,00 as well)
FORMAT_ADVICE = "number_format: nl als de bron 1.234,5 schrijft, en als 1,234.5"


def ambiguous_text(column: Column, value: str, fmt: str, reading: str | None) -> str:
    """Why a number was not read (after "file, regel N, kolom C: "), in Dutch: ``value``
    as written and ``reading``, what the other convention makes of it."""
    own = "nl" if fmt == "cell" else fmt
    other = "en" if own == "nl" else "nl"
    also = f"; als {NUMBER_NAMES[other]} zou het {reading} zijn" if reading else ""
    return (
        f"{quoted(value)} is geen eenduidig getal; verwacht {expected(column.type, own)} "
        f"({NUMBER_NAMES[own]}){also}. Niet geraden: leg de notatie vast in de "
        f"kolomkoppeling ({FORMAT_ADVICE})"
    )


def _is_marker(cell: object) -> bool:
    """Whether a cell is one of NULL_MARKERS (a long cell, or one that begins as none of
    them, a number or a key, is not normalised first: most cells of a column)."""
    if not isinstance(cell, str):
        return False
    if len(cell) > 24:  # a fixed-width export's padding (helper-245): NULL and 26 spaces
        cell = cell.strip()
    if len(cell) > 24:
        return False
    if not cell.isascii():  # an invisible character before NULL, a full-width N/A
        cell = unicodedata.normalize("NFKC", without_invisible(cell))
    first = cell.lstrip()[:1].lower()
    return first in MARKER_FIRST and code_key(cell) in NULL_MARKERS


def lookup(
    plan: ColumnPlan,
    cells: list[str],
    key: bytes,
    numeric: list[bool] | None = None,
    month_first_elsewhere: tuple[str, str] | None = None,
) -> tuple[pd.DataFrame, str]:
    """Each distinct cell: its value, what quarantine shows, status and note; and what
    convention was recognised (for the ingest log). ``numeric``: which cells hold a
    number (XLSX, Parquet), read as it is; the others in the column's convention.
    ``month_first_elsewhere``: another column of the file and its cell that is a date only
    in the order not declared (date_order.file_order_proof)."""
    raw = given = pd.Series(cells, dtype=object)  # given: the cells the frame is joined by
    if plan.column.type != "text" and not all(c.isascii() for c in cells if c is not None):
        # a number, date or yes/no as it shows: without a zero-width space, a byte order
        # mark or a direction mark pasted with it from a web page (helper-282: 1234,56
        # and 01-10-2026 so were refused, the mark taken for a currency)
        raw = raw.map(lambda c: c.translate(UNSEEN) if isinstance(c, str) else c)
    read = raw  # what the rules read: an identifier without Excel's text mark
    if plan.is_key or plan.column.name.endswith("_id"):
        # ="..." off first: ="" is empty, ="NULL" none (key_cells, helper-244); then
        # '000103 is 000103, '0 no contract (helper-135), 'NULL none (helper-137)
        read = unwrapped(raw)
        marked = read.str.match(APOSTROPHED, na=False).to_numpy(dtype=bool)
        if marked.any():
            read = read.where(~marked, read.str.strip().str[1:])
        read = read.mask(read.str.fullmatch(MARK_ALONE, na=False), None)  # Excel's empty text
    shown = read.copy()
    n = len(raw)
    status = np.zeros(n, dtype=np.int8)
    note: list[str | None] = [None] * n
    mapped = np.zeros(n, dtype=bool)
    if plan.values:
        # a label matched as loosely as the column's spellings (V.O.F. beats V.O.F's reading)
        spelled = {spelling_key(k): k for k in plan.values} if plan.spellings else {}

        def label(v: object) -> str | None:
            if not isinstance(v, str):
                return None
            if code_key(v) in plan.values:
                return code_key(v)
            found = spelled.get(spelling_key(v))
            # a code column's '0012, ="0012", 4100.0: the label within, as match_codes
            # reads the code within (helper-261: they went to the code values replaces)
            if found is None and plan.codes and (bare := EXCEL_MARKS.fullmatch(v)):
                return label(next(g for g in bare.groups() if g is not None))
            return found

        # a zone's time as written (helper-261: '31-12-2099 23:59': null went unmatched)
        labels = written_cells(list(read), plan.written)[:n]
        keys = pd.Series(labels, index=read.index, dtype=object).map(label)
        mapped = keys.notna().to_numpy()
        shown = read.str.strip().where(
            ~mapped, keys.map(lambda k: plan.values.get(k) if isinstance(k, str) else None)
        )
    marker = ~mapped & np.fromiter((_is_marker(v) for v in read), dtype=bool, count=n)
    if plan.column.type in NUMERIC and any(marker):  # " -   ": the accounting format's 0
        zero = ~mapped & np.array(accounting_zeros(cells), dtype=bool)
        marker, shown = marker & ~zero, shown.where(~zero, "0")
    if plan.column.type in ("date", "month"):
        marker |= ~mapped & np.array(raw.str.fullmatch(ZERO_DATE, na=False), dtype=bool)
    # in a key or an id within Excel's ="..." too (="#REF!": helper-245)
    at = read if plan.is_key or plan.column.name.endswith("_id") else raw
    broken = ~mapped & np.array(at.str.fullmatch(SHEET_ERROR, na=False), dtype=bool)
    shown = shown.mask(marker | broken, None)
    wanted = "tekst" if plan.column.type == "text" else expected(plan.column.type)
    for i in np.flatnonzero(broken):
        status[i] = SHEET_ERROR_STATUS
        note[i] = f"{quoted(str(raw.iloc[i]).strip())} " + SHEET_ERROR_NOTE.format(wanted=wanted)
    if plan.reads_hours:  # 31:30 in an h:mm cell: a duration, or hours typed? (time_cells)
        for i in np.flatnonzero(~mapped & ~marker & ~broken):
            if why := early_day_note(str(raw.iloc[i])):
                status[i], note[i] = AMBIGUOUS, f"{quoted(str(raw.iloc[i]).strip())} {why}"
    if plan.is_key and numeric is not None and any(numeric):
        # a key's number cell in a currency's format (xlsx_formats: 'USD 101') is 101
        number = pd.Series(numeric, dtype=bool).to_numpy() & shown.notna().to_numpy()
        shown = shown.where(~number, shown.str.replace(r"^\S+ (?=[-+]?[0-9])", "", regex=True))
    if plan.is_key or plan.column.name.endswith("_id"):  # 1,23457E+11: digits gone
        for i in np.flatnonzero(shown.str.fullmatch(SCIENTIFIC, na=False).to_numpy(dtype=bool)):
            status[i] = WRONG_TYPE  # the cell is shown before it (a key as its pseudonym)
            note[i] = "de cel " + SCIENTIFIC_NOTE
    if plan.is_key or plan.column.name.endswith("_id"):  # an invisible character in an
        # identifier (1001 and a zero-width space), or é as e and an accent: one, not two
        shown = shown.map(bare_identifier)
        nobody = ~mapped & shown.map(is_none_word)  # Géén, geen., N . V . T (key_cells)
        nobody |= ~mapped & shown.str.fullmatch(MARK_ALONE, na=False)  # ="'" too (helper-141)
        if zero_is_none(plan.column):  # an ERP's 0 for no contract (helper-134)
            nobody |= ~mapped & shown.str.fullmatch(ALL_ZEROS, na=False).to_numpy(dtype=bool)
        shown = shown.mask(nobody.to_numpy(dtype=bool), None)
        # n/b, ??, １０１: no key, and not guessed to be one (key_cells, helper-244)
        cells_now = shown.to_numpy(dtype=object)
        for i in np.flatnonzero(~mapped & (status == OK)):
            if why := key_problem(cells_now[i], plan.column.name, plan.is_key):
                # a person's key is never quoted: quarantine shows its pseudonym
                status[i], note[i] = WRONG_TYPE, f"de cel {why}"
    if plan.is_key or plan.column.name.endswith("_id"):  # 17,00 and 4.711: 17 and 4711
        shown = key_numbers(shown)
    if plan.answer_labels is not None:
        shown, unread = read_labels(shown, plan.answer_labels, plan.answer_label_set or "")
        for i, why in unread.items():
            status[i], note[i] = UNKNOWN_LABEL, why
    if plan.column.name == "parent_unit":  # 0 for the top, as SQL-based HR systems write
        zero = ~mapped & shown.str.fullmatch(ALL_ZEROS, na=False).to_numpy(dtype=bool)
        shown = shown.mask(zero & ~shown.str.strip().isin(plan.codes).to_numpy(), None)
    if plan.codes:
        shown = match_codes(shown, plan.codes, plan.spellings)
    # An amount is read without "€", "EUR" or ",-"; quarantine shows it as written ('value_eur')
    read = shown.map(strip_currency) if plan.column.decimals is not None else shown
    if plan.column.decimals is not None and plan.number_format != "en":
        # the dash of whole euros after a comma is the decimal comma's: 12.500,- is 12500
        # as 12.500,00 is, never 12,5 (helper-151: refused as ambiguous in a comma file)
        unsigned = shown.map(lambda c: CURRENCY.sub("", c) if isinstance(c, str) else c)
        dashed = unsigned.str.contains(WHOLE_EUROS, na=False).to_numpy(dtype=bool)
        read = read.where(~dashed, read + ",00")
    clock_like = None
    if plan.reads_hours:  # 7.30 uur: 7,3 hours, or 7 hours 30 as a clock (helper-100)
        clock_like = np.array(read.str.fullmatch(HOURS_DOT_MINUTES, na=False), dtype=bool)
    if units := plan.column.units + FILE_UNITS.get(plan.file_unit or "", ()):  # 0,8 fte,
        # 12.500 km: the column's own unit after the number (16 uur: the file's, converted)
        read = read.str.replace(unit_after(units), "", regex=True)
    hundredths = None
    # a number cell shown as a percentage (xlsx_formats: 80%) is its share in a share's
    # column (a text cell too: 80% of a whole is 0,8), an amount's reason says it; in days,
    # hours, km or a score it is refused as the text 4,5% is (helper-225: 0,045 sick days)
    if plan.column.percent or (plan.column.decimals is not None and numeric and any(numeric)):
        hundredths = np.array(read.str.fullmatch(PERCENT, na=False), dtype=bool)
        if not plan.column.percent:
            hundredths &= np.asarray(numeric, dtype=bool)
        read = read.where(~hundredths, read.str.replace(PERCENT, r"\1", regex=True))
    clock = None
    if plan.reads_hours:  # 7:30 hours is 7,5 (uren:minuten, as time registers write)
        read = read.map(as_clock)
        parts = read.str.extract(CLOCK)
        negative = parts[0] == "-"
        clock = np.array(parts[1].notna(), dtype=bool)
        if numeric is not None:
            clock &= ~np.asarray(numeric, dtype=bool)
        read = read.where(~clock, "0")
    # converted by the mapping, yet in the contract's unit (0,8 fte, 88,89%: helper-207;
    # 7:30 and 90 min of hours, € 12.500 of euros: helper-208)
    euros = said_euros(shown) if plan.column.decimals is not None else None
    if euros is not None:  # 12,5 k€ under multiply_by: 1000: in the mapping's own scale
        # (from the cell as shown: 12,5 TEUR without its EUR read as 12,5 T, helper-211)
        number, scaled = in_own_scale(shown, plan.convert)
        read, euros = read.where(~scaled, number), euros & ~scaled
    in_hours = None if plan.file_unit == "uren" else clock  # from hours: the file's unit
    own_unit = in_own_unit(
        bool(plan.convert), plan.column.units, shown, hundredths, in_hours, euros
    )
    parsed = _parse(read, plan, numeric)
    values = parsed.values
    shares = None  # under percent: cells without their sign that could be the share itself
    if plan.in_percent:  # 88,89 is 88,89% (a mapping's percent: AFAS' Parttimepercentage)
        signed = hundredths if hundredths is not None else np.zeros(len(values), dtype=bool)
        within = values.abs() <= (plan.column.share_max or 1)
        shares = within.fillna(False).to_numpy(dtype=bool) & ~signed
        hundredths = np.ones(len(values), dtype=bool)
    if hundredths is not None and hundredths.any():
        values = values.where(~hundredths, (values / 100).round(12))
    if clock is not None and clock.any():
        hours = (
            parts[1].astype(float)
            + parts[2].astype(float) / 60
            + parts[3].astype(float).fillna(0) / 3600
        )
        hours = hours.where(~negative, -hours)
        values = values.where(~clock, hours.round(12).to_numpy())
    fresh = status == OK
    status[fresh & parsed.invalid.to_numpy(dtype=bool)] = WRONG_TYPE
    # ambiguous by the way numbers are written: proof for the file's other columns (checks)
    convention = np.zeros(n, dtype=bool)
    if parsed.ambiguous is not None:
        convention = fresh & parsed.ambiguous.to_numpy(dtype=bool)
        for i in np.flatnonzero(fresh & parsed.ambiguous.to_numpy(dtype=bool)):
            status[i] = AMBIGUOUS
            reading = (parsed.readings or {}).get(str(read.iloc[i]).strip())
            text = str((read if mapped[i] else raw).iloc[i]).strip()  # as written (helper-197)
            if hundredths is not None and hundredths[i]:  # quoted with its sign, read so
                text = str(shown.iloc[i]).strip()
                other = "nl" if plan.number_format == "en" else "en"
                theirs = read_number(str(read.iloc[i]), other)
                reading = None if theirs is None else show_number(theirs / 100)
            note[i] = ambiguous_text(plan.column, text, plan.number_format, reading)
    if shares is not None:  # 0,8 under percent: 0,8% or 0,8 fte (helper-107: 0,008 fte)
        for i in np.flatnonzero((status == OK) & shares):
            status[i] = AMBIGUOUS
            note[i] = SHARE_OR_PERCENT.format(
                cell=str(shown.iloc[i]).strip(),
                column=plan.column.name,
                low=show_number(values.iloc[i]),
                share=show_number(round(values.iloc[i] * 100, 12)),
            )
    for i in np.flatnonzero((status == OK) & own_unit):
        status[i], note[i] = (
            WRONG_TYPE,
            converted_note(plan.column.name, bool(numeric and numeric[i])),
        )
    if clock_like is not None:
        for i in np.flatnonzero(fresh & clock_like):
            status[i] = AMBIGUOUS
            note[i] = f"{quoted(str(shown.iloc[i]).strip())} " + HOURS_DOT_MINUTES_NOTE
    if plan.column.decimals is not None:
        advice = (  # declared already: the advice to declare it would not help (helper-104)
            f"de kolomkoppeling zegt number_format: {plan.number_format.replace('cell', 'nl')}; "
            f"schrijf het bedrag met hoogstens {plan.column.decimals} decimalen"
            if plan.declared
            else f"leg de notatie vast in de kolomkoppeling ({FORMAT_ADVICE})"
        )
        doubts = too_many_decimals(plan.number_format, plan.column.decimals, read, numeric)
        for i, why in doubts.items():
            if status[i] == OK:
                status[i], note[i] = AMBIGUOUS, f"{why}. Niet geraden: {advice}"
        for i, why in percent_amounts(shown, hundredths).items():  # helper-153: 50% in euros
            if status[i] == OK:
                status[i], note[i] = WRONG_TYPE, why
        for i, why in foreign_notes(read, status == WRONG_TYPE).items():  # USD 2.400,00
            note[i] = why
    if plan.column.type in NUMERIC:  # <5, *: a count the export hid (helper-112)
        for i in np.flatnonzero(status == WRONG_TYPE):
            if re.fullmatch(HIDDEN_COUNT, str(shown.iloc[i])):
                hidden = HIDDEN_COUNT_NOTE[plan.column.type]
                note[i] = f"{quoted(str(shown.iloc[i]).strip())} {hidden}"
            elif scaled := scaled_note(str(shown.iloc[i]), plan.convert and plan.column.name):
                note[i] = scaled
            elif plan.column.type == "decimal" and not note[i]:
                wanted = expected(plan.column.type, plan.number_format, plan.reads_hours)
                said = (str(cells[i]), plan.column.name, wanted)  # ca. 50, then onbekend
                note[i] = approximate_note(*said, plan.number_format) or (
                    None if plan.column.required else word_note(*said)
                )
    if plan.column.type == "boolean":  # x, a tick: the way out (helper-253 F4)
        for i in np.flatnonzero(status == WRONG_TYPE):
            note[i] = note[i] or tick_note(str(cells[i]), plan.column.name)
    if plan.column.type in ("date", "month"):
        wrong = [i for i in np.flatnonzero(status == WRONG_TYPE) if isinstance(cells[i], str)]
        no_dates = no_date_markers(
            [cells[i] for i in wrong],
            plan.month_first,
            month=plan.column.type == "month",
            months=bool(plan.column.months),
        )
        wanted = date_expected(plan) or expected(plan.column.type, plan.number_format)
        # (a date column's: 2026-03, no day; ma 3 mrt 2026, a Tuesday)
        events = [cells[i] for i in wrong] if plan.column.type == "date" else []
        monthless, weekdays = months_without_day(events), weekday_mismatches(events)
        for i, found in zip(wrong, no_dates, strict=True):  # ma 3 mrt 2026: a Tuesday
            day, no_date = found or (None, None)
            if day and plan.values and plan.values.get(day, "") is None:
                # the way out its reason names: the marker's day in any spelling (helper-132:
                # 1/1/1900 and datetime2's 1900-01-01 00:00:00.0000000 stayed quarantined)
                status[i] = OK
                shown.iloc[i] = None
                continue
            why = (
                serial_or_period(cells[i])
                or no_date
                or (
                    plan.column.type == "date"
                    and (
                        weekdays.get(cells[i].strip())
                        or impossible_day(cells[i], plan.month_first)
                        or two_digit_year(cells[i])
                        or time_range_or_zone(cells[i])
                        or monthless.get(cells[i].strip())
                        or end_of_time(cells[i], plan.column.name, plan.column.required)
                    )
                )
                # a word in an optional date column (in behandeling, n.t.b.): the way out
                # as for decimals (helper-266: refused the register, without one)
                or (not plan.column.required and date_word_note(cells[i], plan.column.name, wanted))
            )
            if why:  # 31-04-2026: April has 30 days
                note[i] = why
    if plan.column.type in ("date", "month"):
        judged, flags, read = as_written(list(shown), numeric, values, plan.written)
        swaps = None if plan.date_cells is None else (read, plan.date_cells)
        said = (month_first_elsewhere, plan.month_first, plan.order_declared, swaps)
        one_day = {"one_day": not plan.day_first_read}  # (one_day_doubts)
        for i, why in ambiguous_dates(judged, flags, *said, plan.english, **one_day).items():
            if i < n:  # a proof is no date as read either
                status[i], note[i] = AMBIGUOUS_DATE, why
    if plan.column.type == "month":
        # 17-03-2026: a day within the month, no month
        wrong = [i for i in np.flatnonzero(status == WRONG_TYPE) if note[i] is None]
        for i, why in days_in_month(cells, wrong, plan.month_first).items():
            note[i] = why
        # 202513: four-weekly periods, no months (helper-175)
        for i, why in thirteenth_period(cells, status == OK).items():
            status[i], note[i] = AMBIGUOUS_DATE, why
    if plan.column.long_ago:  # a mapping's null for 1980's midnight, in any spelling
        for i in emptied_moments(
            cells, np.flatnonzero(status == OK), plan.values, plan.month_first
        ):
            values.iloc[i], shown.iloc[i] = pd.NaT, None
    if plan.is_key:
        values = pseudonymise(values, key)
    show = [
        (cells[i] if status[i] == UNKNOWN_LABEL else v)
        if isinstance(v, str) and v.strip()
        else (cells[i] if status[i] == UNKNOWN_LABEL or marker[i] or broken[i] else None)
        for i, v in enumerate(shown)
    ]
    if plan.is_key:  # a marker is no one's number: shown as written
        stripped = pd.Series([s.strip() if s else None for s in show], dtype=object)
        hidden = list(pseudonymise(stripped, key))
        show = [show[i] if marker[i] or broken[i] else h for i, h in enumerate(hidden)]
    # a label values turned into another value, as the file writes it (never a key's)
    written = [c if m and not plan.is_key else None for c, m in zip(cells, mapped, strict=True)]
    frame = pd.DataFrame(
        {
            "raw": given,
            "numeric": pd.Series(numeric if numeric is not None else [False] * n, dtype=bool),
            "value": values.reset_index(drop=True),
            "shown": pd.Series(written_cells(show, plan.written)[: len(show)], dtype=object),
            "status": status,
            "note": pd.Series(note, dtype=object),
            "convention": convention,
            "written": pd.Series(written, dtype=object),
        }
    )
    frame.attrs["own_way"] = parsed.own_way  # for the file's note (own_way_note)
    return frame, parsed.recognised


def _parse(shown: pd.Series, plan: ColumnPlan, numeric: list[bool] | None) -> Parsed:
    """parse_column over the cells; number cells of a numeric column as they are."""
    flags = pd.Series(numeric if numeric is not None else [False] * len(shown), dtype=bool)
    if plan.column.type not in NUMERIC or not flags.any():
        if plan.serial_days:  # a serial, counted from 1904 (a number cell or its text)
            shown = shown.map(lambda c: from_1904(c, plan.serial_days))
        parsed = parse_column(
            shown,
            plan.column.type,
            plan.number_format,
            months=plan.column.months,
            month_first=plan.month_first,
            number_proof=plan.number_proof,
            decimals=plan.column.decimals,
            long_ago=plan.column.long_ago,
        )
        return parsed
    text = parse_column(
        shown[~flags],
        plan.column.type,
        plan.number_format,
        number_proof=plan.number_proof,
        decimals=plan.column.decimals,
    )
    cells = parse_column(shown[flags], plan.column.type, "cell")
    values = pd.concat([text.values, cells.values]).reindex(shown.index)
    invalid = pd.concat([text.invalid, cells.invalid]).reindex(shown.index)
    both = [p.ambiguous if p.ambiguous is not None else p.invalid & False for p in (text, cells)]
    ambiguous = pd.concat(both).reindex(shown.index)
    found = ", ".join(x for x in (text.recognised, cells.recognised and "getalcellen") if x)
    readings = {**(cells.readings or {}), **(text.readings or {})}
    return Parsed(
        values, invalid.astype(bool), found, ambiguous.astype(bool), readings, text.own_way
    )


def own_way_note(frame: pd.DataFrame, column: str) -> list[Message]:
    """A note for a column whose cells were read its own way where the other convention
    reads them otherwise, as the column itself shows (helper-163: a column merged from
    two sources is then read whole the one way, which should be said)."""
    way = frame.attrs.get("own_way")
    if not way:
        return []
    said = {"column": column, "cell": way[0], "proof": way[1]}
    return [Message("note.number_own_way", locale_file="ingest", **said)]
