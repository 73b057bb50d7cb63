"""Turning text cells into typed columns, the way Dutch exports write them.

Numbers may use a decimal comma and thousands dots (``12,5``, ``1.234,5``), dates come as
``dd-mm-jjjj``, ISO, ``dd/mm/jjjj`` or Excel serial numbers, booleans as ja/nee, j/n, 1/0,
true/false or waar/onwaar. Every function works on a whole column at once and returns the
typed values, a mask of cells that could not be read, and what it recognised, so that
nothing unreadable is silently turned into an empty value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

TRUE = {"ja", "j", "1", "true", "waar", "yes", "y", "1.0"}
FALSE = {"nee", "n", "0", "false", "onwaar", "no", "0.0"}
DATE_FORMATS = {
    "dd-mm-jjjj": "%d-%m-%Y",
    "jjjj-mm-dd": "%Y-%m-%d",
    "dd/mm/jjjj": "%d/%m/%Y",
    "jjjj-mm-dd uu:mm:ss": "%Y-%m-%d %H:%M:%S",
    "dd-mm-jjjj uu:mm": "%d-%m-%Y %H:%M",
}
MONTH_FORMATS = {"jjjj-mm": "%Y-%m", "mm-jjjj": "%m-%Y"}
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# Excel serial numbers between 1950 and 2100: anything else in a date column is no date.
EXCEL_SERIAL_RANGE = (18264, 73051)

DUTCH_NUMBER = r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$"
PLAIN_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"

EXPECTED = {
    "integer": "een geheel getal",
    "decimal": "een getal (bijv. 12,5 of 1.234,5)",
    "date": "een datum (dd-mm-jjjj of jjjj-mm-dd)",
    "month": "een maand (jjjj-mm of de eerste dag van de maand)",
    "boolean": "ja of nee (of j/n, 1/0, true/false, waar/onwaar)",
}


@dataclass(frozen=True)
class Parsed:
    values: pd.Series
    invalid: pd.Series  # True where a non-empty cell could not be read
    recognised: str  # what convention was found, for the ingest log ("" if nothing)


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
    invalid = text.notna() & values.isna()
    found = sorted(set(text.dropna().unique()) & (TRUE | FALSE))
    return Parsed(values, invalid.astype(bool), "/".join(found[:6]))


def parse_number(raw: pd.Series) -> tuple[pd.Series, pd.Series, str]:
    """Numbers with a decimal comma (and thousands dots) or a decimal point."""
    text = clean_text(raw)
    present = text.notna()
    comma = bool(text.str.contains(",", regex=False).fillna(False).any())
    if comma:
        dutch = text.str.match(DUTCH_NUMBER).fillna(False)
        normalised = text.where(dutch).str.replace(".", "", regex=False).str.replace(",", ".")
        recognised = "decimale komma"
    else:
        plain = text.str.match(PLAIN_NUMBER).fillna(False)
        normalised = text.where(plain)
        recognised = "decimale punt" if text.str.contains(".", regex=False).any() else ""
    values = pd.to_numeric(normalised, errors="coerce").astype("Float64")
    invalid = present & values.isna()
    return values, invalid.astype(bool), recognised


def parse_decimal(raw: pd.Series) -> Parsed:
    values, invalid, recognised = parse_number(raw)
    return Parsed(values.astype("float64"), invalid, recognised)


def parse_integer(raw: pd.Series) -> Parsed:
    values, invalid, recognised = parse_number(raw)
    fractional = values.notna() & (values != np.floor(values.fillna(0)))
    values = values.mask(fractional)
    return Parsed(values.round().astype("Int64"), invalid | fractional.astype(bool), recognised)


def _parse_dates(text: pd.Series, formats: dict[str, str]) -> tuple[pd.Series, list[str]]:
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    found = []
    for label, fmt in formats.items():
        todo = result.isna() & text.notna()
        if not todo.any():
            break
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        if parsed.notna().any():
            found.append(label)
            result[todo] = parsed
    return result, found


def parse_date(raw: pd.Series, *, month: bool = False) -> Parsed:
    text = clean_text(raw)
    formats = {**MONTH_FORMATS, **DATE_FORMATS} if month else DATE_FORMATS
    values, found = _parse_dates(text, formats)
    serial = values.isna() & text.str.fullmatch(r"\d{5}(\.0+)?").fillna(False)
    if serial.any():
        days = pd.to_numeric(text[serial]).astype("int64")
        ok = days.between(*EXCEL_SERIAL_RANGE)
        values[days[ok].index] = EXCEL_EPOCH + pd.to_timedelta(days[ok], unit="D")
        if ok.any():
            found.append("Excel-serienummer")
    invalid = text.notna() & values.isna()
    if month:
        not_first = values.notna() & (values.dt.day != 1)
        values = values.mask(not_first)
        invalid = invalid | not_first
    return Parsed(values.dt.normalize(), invalid.astype(bool), ", ".join(found))


def parse_column(raw: pd.Series, column_type: str) -> Parsed:
    """Parse one column of text cells into its contract type."""
    if column_type == "text":
        return parse_text(raw)
    if column_type == "boolean":
        return parse_boolean(raw)
    if column_type == "integer":
        return parse_integer(raw)
    if column_type == "decimal":
        return parse_decimal(raw)
    if column_type == "date":
        return parse_date(raw)
    if column_type == "month":
        return parse_date(raw, month=True)
    raise ValueError(f"unknown column type {column_type!r}")
