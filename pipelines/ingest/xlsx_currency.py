"""Amounts an XLSX shows in another currency than the euro through the cell's number
format (``[$USD] #,##0.00``, ``[$$-409]#,##0.00``, ``"£"#,##0.00``): the cell holds the
bare number, so openpyxl's values alone would load 2.400 dollars as 2.400 euros.

``foreign_styles`` finds the workbook's cell styles whose own number format names another
currency; xlsx_reader.read_xlsx writes such a number cell as ``USD 2400`` (the currency as the
format shows it, before the number), so that it is read as a text amount in another
currency is: refused with its own reason (lookups.FOREIGN_NOTE), never converted.

Excel's built-in currency formats (ids 5 to 8 and 41 to 44) are not read: they show the
currency of the computer's own settings (the euro, on a Dutch one), and openpyxl names
them with the dollar sign of its American table whatever the file was made with.
"""

from __future__ import annotations

import re
from functools import cache

# A locale's currency in a format: [$USD], [$$-409], [$€-413], [$kr.-406], [$$-en-US];
# [$-413] names only a language (a date's month names) and no currency.
LOCALE_CURRENCY = re.compile(r"\[\$([^\]-]*)(?:-[^\]]*)?\]")
OTHER_BRACKETS = re.compile(r"\[[^\]]*\]")  # [Red], [>=100], [h]
QUOTED = re.compile(r'"([^"]*)"')
# Signs a format may write without quotes (Excel shows $ as it is) or escaped (\£).
SIGNS = ("US$", "$", "£", "¥", "ƒ")
EUROS = frozenset(("€", "eur", "euro"))


@cache
def _codes() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def format_currency(number_format: str) -> str | None:
    """The other currency than the euro a number format shows, as it names it (``USD``,
    ``$``, ``£``), or None (no currency, or the euro)."""
    found: list[str] = []
    for match in LOCALE_CURRENCY.finditer(number_format):
        found.append(match.group(1).strip())
    rest = OTHER_BRACKETS.sub("", LOCALE_CURRENCY.sub("", number_format))
    for text in QUOTED.findall(rest):
        found.extend(_named(text, quoted=True))
    found.extend(_named(QUOTED.sub("", rest).replace("\\", "")))
    others = [c for c in found if c and c.lower() not in EUROS]
    return others[0] if others else None


@cache
def _symbols() -> frozenset[str]:
    """Every currency symbol Babel knows in any language (zł, Kč, Ft, kr, CHF), but a
    single letter (K, M, R: a format's thousands or millions as often as a currency);
    read once, when a format holds a text that is no sign or code (about a second)."""
    from babel import Locale, localedata

    found: set[str] = {"Fr.", "SFr.", "sFr."}  # the Swiss franc as formats write it
    for name in localedata.locale_identifiers():
        try:
            found.update(Locale.parse(name).currency_symbols.values())
        except (ValueError, KeyError):  # a locale Babel lists but cannot read
            continue
    return frozenset(s for s in found if len(s) > 1 or not s.isalpha())


def _named(text: str, quoted: bool = False) -> list[str]:
    """The currency signs and ISO 4217 codes a format's text holds; in ``quoted`` text
    (a literal, "zł") also the symbols of Babel's languages."""
    names = [code for code in re.findall(r"[A-Z]{3}", text) if code in _codes()]
    for sign in SIGNS:
        if sign in text:
            names.append(sign)
            text = text.replace(sign, "")
    words = re.findall(r"[^\s\d#0?,.;_*()+\-/\\]+\.?", text)
    if quoted and not names and any(w.lower() not in EUROS for w in words):
        names += [w for w in words if w in _symbols() and w.lower() not in EUROS]
    return names


def foreign_styles(workbook: object) -> dict[int, str]:
    """The workbook's cell style ids (a cell's ``s``) whose number format is one of its
    own (id 164 and up) and shows another currency than the euro, with that currency."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE

    own = list(getattr(workbook, "_number_formats", []) or [])
    found: dict[int, str] = {}
    for style_id, style in enumerate(getattr(workbook, "_cell_styles", []) or []):
        index = style.numFmtId - BUILTIN_FORMATS_MAX_SIZE
        if 0 <= index < len(own):
            currency = format_currency(str(own[index]))
            if currency:
                found[style_id] = currency
    return found


def cells_shown(row: tuple, foreign: dict[int, str]) -> list[str | None]:
    """A row of read-only cells (not values) as readers.cell_text writes them, a number
    in a style of ``foreign`` with its currency before it (``USD 2400``)."""
    from pipelines.ingest.readers import NumberCell, cell_text

    cells: list[str | None] = []
    for cell in row:
        text = cell_text(cell.value)
        currency = foreign.get(getattr(cell, "_style_id", 0))
        cells.append(f"{currency} {text}" if currency and isinstance(text, NumberCell) else text)
    return cells
