"""A column beside the amounts that says their currency (Unit4, Exact: ``Currency``,
``Valuta code``; SAP: ``Crcy``), not in the contract: an amount in another currency than
the euro is no euros and is never converted, so its row is refused (helper-94, helper-97).

Which columns: one named as such (``CURRENCY_HEADERS``, matched by codes.spelling_key:
without case, spaces, dots and hyphens), whatever it holds, as before; and one whose name
speaks of a currency (``Valutasoort``, ``Transaction currency``, ``Cur.``, ``ISO-valuta``)
when a cell in it is another currency than the euro (an ISO 4217 code of Babel's list, or
a sign) and none is a number or a date. So ``Bedrag valuta`` holding amounts is no
currency column, and ``Crcy`` holding ``USD``, ``NULL`` and ``US Dollar`` is (helper-98).
A cell that says nothing (``NULL``, ``n.v.t.``) says no other currency.
"""

from __future__ import annotations

import re
from functools import cache

import duckdb

from pipelines.ingest.amount_cells import CURRENCIES
from pipelines.ingest.codes import spelling_key
from pipelines.ingest.source_table import SourceTable, sql_text

CURRENCY_HEADERS = frozenset(
    ("currency", "currencycode", "valuta", "valutacode", "transactievaluta", "munt",
     "munteenheid", "isocurrency", "isocurrencycode", "currencyiso")
)  # fmt: skip
# A name that speaks of a currency: Valutasoort, Muntsoort, Transaction currency,
# Currency (ISO), Factuurvaluta; SAP's Crcy and WAERS, Cur., Curr, CCY.
CURRENCY_NAME = re.compile(r".*(?:currenc|valuta|munt).*|crcy|curr?|ccy|waers|waerk")
# What says euro there (letters and digits only, in capitals): EUR, €, Euro, eur., Euro
# (EUR), and ISO 4217's number 978; and what says nothing (NULL, n.v.t., #N/A, -: the
# lookups' NULL_MARKERS), where the amount is the euros it is everywhere else.
# Any run of the euro's words, as finance systems show a currency (EUR - Euro, Euro €:
# helper-112), is the euro too.
EURO_ONLY = r"(?:EUROS|EURO|EUR|€|978)*"
SAYS_NOTHING = ("NULL", "NONE", "NIL", "NA", "NVT", "NB")
NOTHING = "(" + ", ".join(f"'{e}'" for e in SAYS_NOTHING) + ")"
SIGNS = frozenset(("$", "£", "¥", "ƒ", "US$"))
MOST_CURRENCIES = 200  # more distinct cells than this: no column of currencies


def _plain(cell: str) -> str:
    return re.sub(r"[^A-Za-z0-9€$£¥ƒ]", "", cell).upper()


@cache
def _names() -> frozenset[str]:
    """Every currency's name in Dutch and English, as _plain writes it (USDOLLAR)."""
    from babel.numbers import get_currency_name

    return frozenset(
        _plain(get_currency_name(code, locale=lang)) for code in CURRENCIES for lang in ("nl", "en")
    )


def _foreign(cell: str) -> bool:
    """Another currency than the euro: its ISO 4217 code, sign or name (US Dollar)."""
    plain = _plain(cell)
    if re.fullmatch(EURO_ONLY, plain) or plain in SAYS_NOTHING:
        return False
    return cell.strip() in SIGNS or plain in CURRENCIES or plain in _names()


def _is_number(cell: str) -> bool:
    """A number or a date (an amount, a value date): what no currency column holds."""
    return bool(re.fullmatch(r"[-+(]?[0-9][0-9.,: /()-]*", cell.strip())) and cell != "978"


def currency_columns(
    con: duckdb.DuckDBPyConnection, source: SourceTable, rename: dict[str, str]
) -> dict[str, list[str] | None]:
    """The file's columns (header cells) not in the contract that say the currency; with
    the cells that name another currency (None: a column named as such, where any cell
    but the euro's and an empty one is another)."""
    found: dict[str, list[str] | None] = {}
    for header in source.header:
        key = spelling_key(header)
        if header in rename:
            continue
        if key in CURRENCY_HEADERS:
            found[header] = None
            continue
        if not CURRENCY_NAME.fullmatch(key):
            continue
        column = source.column(header)
        cells = [
            c
            for (c,) in con.execute(
                f"select distinct trim({column}) from {source.name} "
                f"where trim(coalesce({column}, '')) <> '' limit {MOST_CURRENCIES + 1}"
            ).fetchall()
        ]
        # a cell that says nothing (NULL) or free text does not make it another column, a
        # number or a date does (Bedrag valuta holds amounts)
        foreign = [c for c in cells if _foreign(c)]
        if len(cells) <= MOST_CURRENCIES and foreign and not any(map(_is_number, cells)):
            found[header] = foreign
    return found


def other_currency(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    rename: dict[str, str],
    plans_: list,
    cell_of: dict,
) -> list[str]:
    """Quarantine rows (as parse failures) for each filled amount whose row names another
    currency than the euro in such a column. The reason shows the column's cell only when
    it is a currency's code or sign (free text there stays out of quarantine)."""
    out = []
    for header, foreign in currency_columns(con, source, rename).items():
        cur = f"s.{source.column(header)}"
        said = sql_text(" in kolom " + header)
        if foreign is None:
            plain = f"upper(regexp_replace(coalesce({cur}, ''), '[^A-Za-z0-9€]', '', 'g'))"
            other = (
                f"not (regexp_full_match({plain}, {sql_text(EURO_ONLY)}) or {plain} in {NOTHING})"
            )
        else:
            other = f"trim({cur}) in ({', '.join(sql_text(c) for c in foreign)})"
        for plan in plans_:
            if plan.column.decimals is None or plan.column.name not in cell_of:
                continue
            amount = f"s.{cell_of[plan.column.name]}"
            out.append(
                f"""select s._rid, {sql_text(plan.column.name)} as "column",
                    'wrong_type' as reason_code,
                    'geen bedrag in euro''s (' || case
                        when regexp_full_match(trim({cur}), '[A-Za-z]{{3}}|[$£¥ƒ]|US\\$')
                        then trim({cur}) else 'een andere munt' end || {said}
                        || '); niet omgerekend: verwacht een bedrag in euro''s' as reason,
                    false as says_value, cast(null as integer) as rule
                from {source.name} as s
                where trim(coalesce({amount}, '')) <> '' and {other}"""
            )
    return out
