"""What an amount in euros cannot be, told by its cell (lookups.lookup sets the status):

- a text cell with more decimals than an amount has ('49.500' under number_format en) is a
  thousands separator read as a decimal one, not guessed; more zeros only are a database's
  fixed scale ('45000,0000'), unless they could be a thousands group ('99,990', which en
  reads as 99990; helper-104);
- a workbook's number cell shown as a percentage (0,5 formatted 0%: 50%) is a share, no
  amount (helper-153: loaded as 0,50 euro, while the text '50%' was refused).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.ingest.parsing import NUMBER_NAMES, read_number


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
