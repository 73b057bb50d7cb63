"""What an amount in euros cannot be, told by its cell (lookups.lookup sets the status):

- a text cell with more decimals than an amount has ('49.500' under number_format en) is a
  thousands separator read as a decimal one, not guessed; more zeros only are a database's
  fixed scale ('45000,0000'), unless they could be a thousands group ('99,990', which en
  reads as 99990; helper-104);
- a workbook's number cell shown as a percentage (0,5 formatted 0%: 50%) is a share, no
  amount (helper-153: loaded as 0,50 euro, while the text '50%' was refused).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from babel.numbers import list_currencies

from pipelines.ingest.parsing import NUMBER_NAMES, read_number

# An amount in another currency than the euro (USD 2.400,00, $ 100, 100 CHF): no euros,
# and not converted (an amount's own € and EUR are stripped first: parsing.strip_currency).
# (and the guilder as Dutch wrote it, fl., Hfl., gld and a small f before it: helper-252)
FOREIGN_CURRENCY = (
    r"\s*\(?-?\s*([A-Z]{3}|[$£¥ƒf]|US\$|(?i:h?fl\.?|gld\.?|guldens?))\s*[-+]?[0-9][0-9., ]*-?\)?\s*"
    r"|\s*\(?[-+]?[0-9][0-9., ]*\s*([A-Z]{3}|[$£¥ƒ])-?\)?\s*"
)
# Any other currency's symbol before or after the amount (zł 25,50, 25,50 Kč): Babel's,
# read only for a cell refused already (xlsx_formats.currency_symbols).
SYMBOL_AMOUNT = r"\s*(\S+?)\s*[-+]?[0-9][0-9., ]*\s*|\s*[-+]?[0-9][0-9., ]*\s*(\S+)\s*"
# Three capitals that are an ISO 4217 code (Babel's list): 100 STK (pieces) is no currency.
CURRENCIES = frozenset(list_currencies())
FOREIGN_NOTE = "geen bedrag in euro's ({currency}); niet omgerekend: verwacht een bedrag in euro's"


def foreign_notes(read: pd.Series, wrong: np.ndarray) -> dict[int, str]:
    """Per refused cell (``wrong``) of an amount that is in another currency (USD
    2.400,00, $ 100, zł 25,50: helper-94), why it is no amount in euros."""
    found = {}
    for i in np.flatnonzero(wrong):
        other = re.fullmatch(FOREIGN_CURRENCY, str(read.iloc[i]))
        code = other and (other[1] or other[2])
        # three capitals only when an ISO code (100 STK is pieces); a sign always (ƒ is
        # a letter to Python: helper-250 F5)
        # never the euro itself (helper-282: '1.234,56 EUR-' was said to be no euros)
        if code == "EUR":
            continue
        if code and (code in CURRENCIES or not re.fullmatch("[A-Z]{3}", code)):
            found[i] = FOREIGN_NOTE.format(currency=code)
        elif symbol := re.fullmatch(SYMBOL_AMOUNT, str(read.iloc[i])):
            from pipelines.ingest.xlsx_formats import currency_symbols

            if (sign := symbol[1] or symbol[2]) in currency_symbols():
                found[i] = FOREIGN_NOTE.format(currency=sign)
    return found


def too_many_decimals(
    number_format: str, decimals: int, shown: pd.Series, numeric: list[bool] | None
) -> dict[int, str]:
    """Per text cell with more than ``decimals`` decimals in the column's convention
    (``number_format``: nl, en, or cell: a workbook's text read as nl), why it is in
    doubt, in Dutch (the caller adds the advice)."""
    own = "nl" if number_format == "cell" else number_format
    other = "en" if own == "nl" else "nl"
    separator = "," if own == "nl" else "."
    found = {}
    for i, cell in enumerate(shown):
        if not isinstance(cell, str) or (numeric and numeric[i]):
            continue
        text = cell.strip()
        fraction = text.rsplit(separator, 1)[1] if separator in text else ""
        if not fraction.isdigit() or len(fraction) <= decimals:
            continue
        # more digits than a thousands group, and no reading the other way (1.234,5678,
        # 12,34567): a database's scale (decimal(19,4)), the amount as written (helper-185:
        # quarantined, and the advice to declare the convention could not help)
        if len(fraction) > 3 and read_number(text, other) is None:
            continue
        # a database's fixed scale (decimal(19,4): 45000,0000, 1.234,5600) adds zeros
        # only; three digits could be a thousands group unless the other way reads no
        # number (1.234,560), so 99,990 stays in doubt (helper-104)
        if set(fraction[decimals:]) == {"0"} and (
            len(fraction) != 3 or read_number(text, other) is None
        ):
            continue
        reading = read_number(text, other)
        also = f"; als {NUMBER_NAMES[other]} zou het {reading} zijn" if reading is not None else ""
        found[i] = (
            f"'{text}' heeft meer dan {decimals} decimalen, te veel voor een bedrag in euro's{also}"
        )
    return found


def percent_amounts(shown: pd.Series, percent: np.ndarray | None) -> dict[int, str]:
    """Per number cell shown as a percentage (``percent``: lookups' hundredths, number
    cells only in an amount's column), why it is no amount, in Dutch."""
    if percent is None:
        return {}
    return {
        int(i): f"'{str(shown.iloc[i]).strip()}' is een percentage, geen bedrag in euro's"
        for i in np.flatnonzero(percent)
    }
