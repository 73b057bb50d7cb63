"""What an XLSX number cell shows through its own number format, where the bare number
openpyxl reads would be read wrong:

- another currency than the euro (``[$USD] #,##0.00``, ``[$$-409]#,##0.00``,
  ``"£"#,##0.00``): 2.400 dollars would load as 2.400 euros. Such a cell is written as
  ``USD 2400`` (the currency as the format shows it, before the number), so that it is
  read as a text amount in another currency is: refused with its own reason
  (amount_cells.FOREIGN_NOTE), never converted. Excel's built-in currency formats (ids 5 to 8
  and 41 to 44) are no other currency: they show the currency of the computer's own
  settings (the euro, on a Dutch one), and openpyxl names them with the dollar sign of
  its American table whatever the file was made with.
- leading zeros (``000000``: the key 101 shown as ``000101``, helper-97): written as
  shown, so the key is the one other exports write.
- only a year (``yyyy``, ``jjjj``, ``[$-413]yyyy``, ``yyyy;@``: a date shown ``2025``,
  helper-104): written as the date it holds, a year_cells.YearCell, which a column that
  means a year reads as the year it shows (year_cells.read_years). openpyxl takes
  ``jjjj`` (Excel's Dutch letters) for no date and gives its serial number: that is made
  the date here, in the workbook's own date system.

- a percentage (``0%``, ``0,00%``: 0,8 shown ``80%``): written as shown (``80%``, still
  a number cell), so a mapping's ``percent`` (lookups) reads it as the share it holds
  (a cell shown ``150%`` was read as 150 hundredths of a percent: 0,015 fte; an ``80%``
  cell was refused as maybe 0,8%), and any other decimal column its share, as before;
  every column that is no decimal has its number back (read_percents: 700% is 7).

- the euro (``"€" #,##0``, ``[$€-413] #,##0.00``, the dash of whole euros ``#,##0.-``
  or ``#,##0.=``, Excel's built-in currency formats 5 to 8, 42 and 44, the computer's
  own): written as ``€ 12500``
  (still a number cell), so that a column the mapping converts from thousands refuses it
  as euros (unit_cells.said_euros; helper-209: loaded as 12.500.000); every column that
  is no amount has its number back (read_euros), and an amount strips the sign.

- a unit of the contract after the number (``0.0" fte"``, ``0" dagen"``): the cell keeps
  its number, and the unit is noted per column and line (unit_formats.py), so that a
  column the mapping converts refuses its own unit (unit_cells.unit_failures; helper-208:
  0,8 fte was divided again by 36).

xlsx_reader.read_xlsx reads the workbook's styles (``styled``) and, only when one of them
is such a format, each row's cells with their style (``cells_shown``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from pipelines.ingest.magnitudes import shown_magnitude

# A locale's currency in a format: [$USD], [$$-409], [$€-413], [$kr.-406], [$$-en-US];
# [$-413] names only a language (a date's month names) and no currency.
LOCALE_CURRENCY = re.compile(r"\[\$([^\]-]*)(?:-[^\]]*)?\]")
OTHER_BRACKETS = re.compile(r"\[[^\]]*\]")  # [Red], [>=100], [h]
QUOTED = re.compile(r'"([^"]*)"')
# Signs a format may write without quotes (Excel shows $ as it is) or escaped (\£).
SIGNS = ("US$", "$", "£", "¥", "ƒ")
EUROS = frozenset(("€", "eur", "eur.", "euro", "euro's", "euros"))
# Babel's symbols that are as often a unit or a code in a format (#,##0 "KM"): none of
# capitals only (those currencies have their ISO code), nor these.
UNITS = frozenset(("kg", "kg.", "km", "m", "st", "st.", "uur", "min"))
GUILDERS = frozenset(("f", "fl", "hfl", "gld", "gulden", "guldens"))


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
    found.extend(_guilders(number_format))
    others = [c for c in found if c and c.lower() not in EUROS]
    return others[0] if others else None


# An amount's number in a format: thousands grouped or decimals (#,##0, 0.00), which an
# id's zeros are not ("F"000000, "FL-"0000: helper-284, ids rewritten as guilders)
AMOUNT = re.compile(r"[#0],[#0]|[#0]\.[#0]")


def _guilders(number_format: str) -> list[str]:
    """The guilder as Dutch formats wrote it, quoted or escaped, as all the text of a
    section of an amount's number ("fl" #,##0.00, \\H\\f\\l\\. #,##0.00, #,##0.00" gld"):
    read as the text of a cell is (amount_cells.FOREIGN_CURRENCY; helper-282: euros)."""
    found = []
    for section in sections(number_format)[:3]:
        bare = OTHER_BRACKETS.sub("", section)
        shown = _literal("".join(re.findall(r'"[^"]*"|\\.', bare)))
        text, number = shown.strip(), re.sub(r'"[^"]*"|\\.', "", bare)
        word = text.lower().removesuffix(".")
        # an amount's number, or after a number (0" gld": helper-285), as an id's prefix
        # is not ("F"000000, "GLD"00000 of Gelderland, "HFL"0000: helper-284, -286)
        after = re.search(r'[#0?]\s*(?:"[^"]*"|\\.|\s)*$', bare) is not None and not re.match(
            r'\s*(?:"[^"]*"|\\.)', bare
        )
        if word in GUILDERS and (AMOUNT.search(number) or after):
            found.append(text)
    return found


@cache
def currency_symbols() -> frozenset[str]:
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
    return frozenset(
        s
        for s in found
        if (len(s) > 1 or not s.isalpha())
        and not (s.isascii() and s.replace(".", "").isupper())
        and s.lower() not in UNITS
    )


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
        names += [w for w in words if w in currency_symbols() and w.lower() not in EUROS]
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


# A whole number in so many digits at least (000000), with the text a format may write
# before and after it, quoted or escaped ("TW-"000000, \T\W000000, "TW-"0: helper-144, an
# id Excel shows as TW-000001 was read as 1 and its re-export counted twice).
_TEXT = r'(?:"[^"]*"|\\.)*'
ZEROS = re.compile(rf"({_TEXT})(0+)({_TEXT})")


def _literal(text: str) -> str:
    """A format's quoted and escaped text as it shows it."""
    return re.sub(r'"([^"]*)"|\\(.)', lambda m: m[1] if m[1] is not None else m[2], text)


def padded_styles(workbook: object) -> dict[int, tuple[str, int, str]]:
    """The cell style ids whose number format (the workbook's own) writes a whole number
    in so many digits at least, leading zeros first; with the text before it, that many
    digits and the text after it."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE

    own = list(getattr(workbook, "_number_formats", []) or [])
    found: dict[int, tuple[str, int, str]] = {}
    for style_id, style in enumerate(getattr(workbook, "_cell_styles", []) or []):
        index = style.numFmtId - BUILTIN_FORMATS_MAX_SIZE
        shape = ZEROS.fullmatch(str(own[index])) if 0 <= index < len(own) else None
        # zeros to pad, or a text before the number (an id's "TW-"0); a text after one
        # zero alone is a unit (0" km"), left to the column's own reading of the number
        if shape and (len(shape[2]) > 1 or shape[1]):
            found[style_id] = (_literal(shape[1]), len(shape[2]), _literal(shape[3]))
    return found


def shows_only_year(number_format: str) -> bool:
    """Whether a date format shows the year alone, in four digits: its first section (a
    text section after ``;`` aside), without a locale or colour in brackets, is only
    ``yyyy`` (``yyy`` shows the same), or Excel's Dutch ``jjjj``. ``mm-yyyy``, ``yy``
    (``25``) and a year with words (``"Jaar "yyyy``) are not."""
    first = OTHER_BRACKETS.sub("", number_format.split(";")[0]).strip().lower()
    return re.fullmatch(r"y{3,4}|j{3,4}", first) is not None


def shows_only_month(number_format: str) -> bool:
    """Whether a date format shows a month and its year and no day (``mmm-yy``, ``mmmm
    yyyy``, ``mm-jjjj``, ``[$-413]mmmm yyyy;@``): Excel shows ``mrt-26``, whatever day
    the cell holds. Built-in format 17 (``mmm-yy``) is one too (month_styles)."""
    first = OTHER_BRACKETS.sub("", LITERAL.sub("", number_format.split(";")[0])).strip()
    first = first.lower()
    return (
        re.fullmatch(r"(?:m{1,4}|y{2,4}|j{2,4}|[-/. ,])+", first) is not None
        and "m" in first
        and re.search("[yj]", first) is not None
    )


def _styles_showing(workbook: object, shows: object, builtin: frozenset[int]) -> frozenset[int]:
    """The cell style ids whose number format (the workbook's own, or one of ``builtin``)
    ``shows`` says yes to."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE

    own = list(getattr(workbook, "_number_formats", []) or [])
    return frozenset(
        style_id
        for style_id, style in enumerate(getattr(workbook, "_cell_styles", []) or [])
        if style.numFmtId in builtin
        or 0 <= (index := style.numFmtId - BUILTIN_FORMATS_MAX_SIZE) < len(own)
        and shows(str(own[index]))  # type: ignore[operator]
    )


def shows_meridiem(number_format: str) -> bool:
    """Whether a format shows a time with AM/PM or A/P (its first section, not a quoted
    literal: helper-234); not the system's own time format (``[$-F400]h:mm:ss AM/PM`` or
    newer Excel's ``[$-x-systime]``, the first 'Tijd'), which a Dutch computer shows as
    7:30:00 (helper-233, helper-234: refused as 7:30 AM)."""
    upper = number_format.upper()
    first = LITERAL.sub("", upper.split(";")[0])
    system = "[$-F400]" in upper or "[$-X-SYSTIME]" in upper
    return ("AM/PM" in first or "A/P" in first) and not system


def meridiem_styles(workbook: object) -> frozenset[int]:
    """The cell style ids whose number format shows a time of day with AM/PM (Excel's
    built-in 18 and 19, ``h:mm AM/PM``): a clock's time, never a duration."""
    return _styles_showing(workbook, shows_meridiem, frozenset({18, 19}))


def year_styles(workbook: object) -> frozenset[int]:
    """The cell style ids whose number format shows only a year."""
    return _styles_showing(workbook, shows_only_year, frozenset())


def month_styles(workbook: object) -> frozenset[int]:
    """The cell style ids whose number format shows a month and year alone (Excel's
    built-in 17 is ``mmm-yy``)."""
    return _styles_showing(workbook, shows_only_month, frozenset({17}))


# Excel's built-in percentage formats (0%, 0.00%), and a percent sign in a workbook's own
# format outside its quoted text, escapes and brackets (0,0%; "Score: "0%)
PERCENT_BUILTIN = frozenset({9, 10})
LITERAL = re.compile(r'"[^"]*"|\\.')


def shows_percent(number_format: str) -> bool:
    """Whether a number format shows its number as a percentage (its first section)."""
    first = OTHER_BRACKETS.sub("", LITERAL.sub("", number_format.split(";")[0]))
    return "%" in first


def percent_styles(workbook: object) -> frozenset[int]:
    """The cell style ids whose number format shows a percentage."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE

    own = list(getattr(workbook, "_number_formats", []) or [])
    found = set()
    for style_id, style in enumerate(getattr(workbook, "_cell_styles", []) or []):
        index = style.numFmtId - BUILTIN_FORMATS_MAX_SIZE
        if style.numFmtId in PERCENT_BUILTIN or (
            0 <= index < len(own) and shows_percent(str(own[index]))
        ):
            found.add(style_id)
    return frozenset(found)


# Excel's built-in currency formats show the computer's own currency: the euro on a
# Dutch one (openpyxl names them with the dollar); a workbook's own format shows the
# euro by its sign or code, quoted, escaped or as a locale's ([$€-413]), or by the dash
# of whole euros after the number (#,##0.- shows 12.500,-)
EURO_BUILTIN = frozenset({5, 6, 7, 8, 42, 44})  # (42, 44: accounting, with the sign)
WHOLE_EUROS_FORMAT = re.compile(r'[0#]\s*[.,]\s*(?:\\[-=]|"[-=]+"|[-=])')


def sections(number_format: str) -> list[str]:
    """A number format's sections, split at each ``;`` outside quotes and escapes (an
    empty one kept: ``;;;0" fte"`` shows no number, only a text)."""
    parts, part = [], ""
    for token in re.findall(r'"[^"]*"|\\.|;|[^;"\\]+|.', number_format):
        if token == ";":
            parts.append(part)
            part = ""
        else:
            part += token
    return [*parts, part]


def shows_euros(number_format: str) -> bool:
    """Whether a number format (its first section) shows its number in euros."""
    section = sections(number_format)[0]
    if format_currency(section) is not None:
        return False  # another currency (foreign_styles)
    signs = [m.group(1).strip().lower() for m in LOCALE_CURRENCY.finditer(section)]
    literal = [t.lower() for t in QUOTED.findall(section)]
    literal += [section[m.end() - 1] for m in re.finditer(r"\\.", section)]
    bare = OTHER_BRACKETS.sub("", LITERAL.sub("", section)).lower()
    words = set(signs) | {w for t in literal for w in re.findall(r"€|eur\w*", t)}
    return bool(words & EUROS or "€" in bare or WHOLE_EUROS_FORMAT.search(section))


def euro_styles(workbook: object) -> frozenset[int]:
    """The cell style ids whose number format shows euros (EURO_BUILTIN, shows_euros)."""
    return _styles_showing(workbook, shows_euros, EURO_BUILTIN)


def as_percent(text: str) -> str:
    """A number cell's text (0.885) as the percentage it shows (88.5%)."""
    return f"{format((Decimal(text) * 100).normalize(), 'f')}%"


def without_percent(text: str) -> str:
    """as_percent's cell as its number again (88.5% -> 0.885)."""
    return format((Decimal(text.removesuffix("%")) / 100).normalize(), "f")


@dataclass(frozen=True)
class Styled:
    foreign: dict[int, str]  # style id: the other currency it shows
    padded: dict[int, tuple[str, int, str]]  # style id: text, digits and text around a
    # whole number as shown
    years: frozenset[int] = frozenset()  # style ids of a date shown as its year alone
    epoch: object = None  # the workbook's date system (a jjjj cell's serial number)
    percent: frozenset[int] = frozenset()  # style ids of a number shown as a percentage
    months: frozenset[int] = frozenset()  # style ids of a date shown as a month and year
    scaled: dict[int, str] = field(default_factory=dict)  # style id: the magnitude its
    # number is shown in (k€), not the number's own (magnitudes.shown_magnitude)
    euros: frozenset[int] = frozenset()  # style ids of a number shown in euros
    units: dict[int, str] = field(default_factory=dict)  # style id: its number format,
    # which shows a number with a unit of the contract (0.0" fte": unit_formats.py)
    struck: frozenset[int] = frozenset()  # style ids in a struck-through font

    def __bool__(self) -> bool:
        return bool(
            self.foreign
            or self.padded
            or self.years
            or self.percent
            or self.months
            or self.scaled
            or self.euros
            or self.units
            or self.struck
        )


def styled(workbook: object) -> Styled:
    return Styled(
        foreign_styles(workbook),
        padded_styles(workbook),
        year_styles(workbook),
        getattr(workbook, "epoch", None),
        percent_styles(workbook),
        month_styles(workbook),
        scaled_styles(workbook),
        euro_styles(workbook),
        unit_styles(workbook),
        struck_styles(workbook),
    )


def struck_styles(workbook: object) -> frozenset[int]:
    """The cell style ids whose font is struck through (a register's way to cross out a
    withdrawn entry; xlsx_reader notes such rows)."""
    fonts = list(getattr(workbook, "_fonts", []) or [])
    return frozenset(
        style_id
        for style_id, style in enumerate(getattr(workbook, "_cell_styles", []) or [])
        if 0 <= style.fontId < len(fonts) and fonts[style.fontId].strike
    )


def unit_styles(workbook: object) -> dict[int, str]:
    """unit_formats.unit_styles (imported here: it reads this module's parts)."""
    from pipelines.ingest.unit_formats import unit_styles as styles_of

    return styles_of(workbook)


def scaled_styles(workbook: object) -> dict[int, str]:
    """The cell style ids whose number format (the workbook's own) shows its number in
    thousands or millions that it does not scale (``#,##0.00" k€"``), with that text."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE

    own = list(getattr(workbook, "_number_formats", []) or [])
    found: dict[int, str] = {}
    for style_id, style in enumerate(getattr(workbook, "_cell_styles", []) or []):
        index = style.numFmtId - BUILTIN_FORMATS_MAX_SIZE
        if 0 <= index < len(own):
            named, text = shown_magnitude(str(own[index]))
            if named:
                found[style_id] = text
    return found


def cells_shown(row: tuple, styles: Styled) -> list[str | None]:
    """A row of read-only cells (not values) as cell_texts.cell_text writes them; a number
    in a style of another currency with it before it (``USD 2400``), a whole number in a
    style of leading zeros as shown (``000101``), a number in a percentage's style as
    shown (``80%``), a date in a style of its year alone as a YearCell (a serial number
    there as its date)."""
    from openpyxl.utils.datetime import from_excel

    from pipelines.ingest.cell_texts import NumberCell, cell_text, past_exact
    from pipelines.ingest.shown_text import ShownCell
    from pipelines.ingest.year_cells import MonthCell, YearCell

    cells: list[str | None] = []
    for cell in row:
        text = cell_text(cell.value, True)
        style = getattr(cell, "_style_id", 0)
        if (style in styles.years or style in styles.months) and text is not None:
            value = cell.value
            if isinstance(text, NumberCell) and not isinstance(value, bool):
                try:
                    value = from_excel(value, **({"epoch": styles.epoch} if styles.epoch else {}))
                except (ValueError, OverflowError):  # no date Excel could show: the number
                    value = None
            kind = YearCell if style in styles.years else MonthCell
            text = kind(cell_text(value)) if isinstance(value, dt.date) else text
        elif isinstance(text, NumberCell) and not past_exact(cell.value):
            # (past 2**53 a number keeps cell_text's scientific notation under any
            # style, so a key or id so shown is quarantined: helper-247, 80% and USD)
            if currency := styles.foreign.get(style):  # still a number cell: a key is its
                text = NumberCell(f"{currency} {text}")  # number (lookups.lookup)
            elif scale := styles.scaled.get(style):  # 12.5 shown 12,50 k€: no numeric
                # column reads it (magnitudes.py); a text column (a key 000000" K") reads
                # what Excel shows (helper-168: '101 K' was another person)
                padded = styles.padded.get(style)
                if padded and text.isdigit():
                    shown = f"{padded[0]}{text.zfill(padded[1])}{padded[2]}"
                    text = ShownCell(f"{text} {scale}", shown)
                else:
                    text = NumberCell(f"{text} {scale}")
            elif (padded := styles.padded.get(style)) and text.isdigit():
                before, digits, after = padded
                if before or after:  # a text column reads it as shown (shown_text.py)
                    text = ShownCell(text, f"{before}{text.zfill(digits)}{after}")
                else:
                    text = text.zfill(digits)
            elif style in styles.percent and not isinstance(cell.value, bool):
                text = NumberCell(as_percent(text))
            elif style in styles.euros and not isinstance(cell.value, bool):
                text = NumberCell(f"€ {text}")  # an amount reads the sign (read_euros)
        cells.append(text)
    return cells


def read_euros(con: object, source: object, spec: object, rename: dict[str, str]) -> None:
    """``source`` with each number cell shown in euros (``€ 12500``, cells_shown) as its
    number again in every column that is no amount (helper-210: kilometres and fte shown
    in euros were refused whole, 'verwacht een getal'): an amount reads the sign, and a
    column the mapping converts from thousands refuses it (helper-209: a cell shown
    ``€ 12.500`` under multiply_by: 1000 loaded as 12.500.000)."""
    from pipelines.ingest.shown_text import rewrite_cells

    amounts = {c.name for c in spec.columns if c.decimals is not None}
    columns = {
        i: flag
        for header, canonical in rename.items()
        if canonical not in amounts and (flag := source.number_flag(header))
        for i in [source.header.index(header)]
    }
    shown = ", ".join(
        f"case when {flag} and starts_with(c{i}, '€ ') then substr(c{i}, 3) else c{i} end as c{i}"
        for i, flag in columns.items()
    )
    if shown:
        rewrite_cells(con, source, "eur", f"select * replace ({shown}) from {{table}}")


def read_percents(con: object, source: object, spec: object, rename: dict[str, str]) -> None:
    """``source`` with each number cell shown as a percentage (``700%``) as its number
    again (``7``) in every column that is no decimal: only an amount or a share reads the
    sign (helper-114, -116: a key 101 in a 0% style stopped the run, a contract number
    4711 was stored as '471100%', a month 202601 and a serial date were refused)."""
    from pipelines.ingest.shown_text import rewrite_cells

    types = {c.name: c.type for c in spec.columns}
    columns = {
        i: flag
        for header, canonical in rename.items()
        if types.get(canonical) != "decimal" and (flag := source.number_flag(header))
        for i in [source.header.index(header)]
    }
    found = {
        i: [
            c
            for (c,) in con.execute(
                f"select distinct c{i} from {source.cells} where {flag} and c{i} like '%\\%' "
                "escape '\\'"
            ).fetchall()
        ]
        for i, flag in columns.items()
    }
    found = {i: cells for i, cells in found.items() if cells}
    if not found:
        return
    joins = "".join(
        f" left join (select unnest(${2 * n + 1}) as k, unnest(${2 * n + 2}) as v) as p{i}"
        f" on s.{columns[i]} and p{i}.k = s.c{i}"
        for n, i in enumerate(found)
    )
    values = [v for cells in found.values() for v in (cells, [without_percent(c) for c in cells])]
    shown = ", ".join(f"coalesce(p{i}.v, s.c{i}) as c{i}" for i in found)
    select = f"select s.* replace ({shown}) from {{table}} as s{joins}"
    rewrite_cells(con, source, "pct", select, values)
