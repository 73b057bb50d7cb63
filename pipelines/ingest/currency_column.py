"""A column beside the amounts that says their currency (Unit4, Exact: ``Currency``,
``Valuta code``; SAP: ``Crcy``), not in the contract: an amount in another currency than
the euro is no euros and is never converted, so its row is refused (helper-94, helper-97).

Which columns: one named as such (``CURRENCY_HEADERS``, matched by parsing.spelling_key:
without case, spaces, dots and hyphens), whatever it holds, as before; and one whose name
speaks of a currency (``Valutasoort``, ``Transaction currency``, ``Cur.``, ``ISO-valuta``)
when every filled cell in it is a currency: an ISO 4217 code (Babel's list), a currency
sign or the euro's own spellings. So ``Bedrag valuta`` holding amounts is no currency
column, and ``Crcy`` holding ``USD`` is.
"""

from __future__ import annotations

import re

import duckdb

from pipelines.ingest.lookups import CURRENCIES
from pipelines.ingest.parsing import spelling_key
from pipelines.ingest.source_table import SourceTable, sql_text

CURRENCY_HEADERS = frozenset(
    ("currency", "currencycode", "valuta", "valutacode", "transactievaluta", "munt",
     "munteenheid", "isocurrency", "isocurrencycode", "currencyiso")
)  # fmt: skip
# A name that speaks of a currency: Valutasoort, Muntsoort, Transaction currency,
# Currency (ISO), Factuurvaluta; SAP's Crcy and WAERS, Cur., Curr, CCY.
CURRENCY_NAME = re.compile(r".*(?:currenc|valuta|munt).*|crcy|curr?|ccy|waers|waerk")
# What says euro there (letters and digits only, in capitals): EUR, €, Euro, eur., Euro
# (EUR), and ISO 4217's number 978.
EURO_SPELLINGS = ("", "EUR", "€", "EURO", "EUROS", "EUROEUR", "978")
EUROS = "(" + ", ".join(f"'{e}'" for e in EURO_SPELLINGS) + ")"
SIGNS = frozenset(("$", "£", "¥", "ƒ", "US$"))
MOST_CURRENCIES = 200  # more distinct cells than this: no column of currencies


def _is_currency(cell: str) -> bool:
    plain = re.sub(r"[^A-Za-z0-9€$£¥ƒ]", "", cell).upper()
    return cell.strip() in SIGNS or plain in CURRENCIES or plain in EURO_SPELLINGS


def currency_columns(
    con: duckdb.DuckDBPyConnection, source: SourceTable, rename: dict[str, str]
) -> list[str]:
    """The file's columns (header cells) not in the contract that say the currency."""
    found = []
    for header in source.header:
        key = spelling_key(header)
        if header in rename:
            continue
        if key in CURRENCY_HEADERS:
            found.append(header)
            continue
        if not CURRENCY_NAME.fullmatch(key):
            continue
        column = source.column(header)
        cells = con.execute(
            f"select distinct trim({column}) from {source.name} "
            f"where trim(coalesce({column}, '')) <> '' limit {MOST_CURRENCIES + 1}"
        ).fetchall()
        if cells and len(cells) <= MOST_CURRENCIES and all(_is_currency(c) for (c,) in cells):
            found.append(header)
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
    for header in currency_columns(con, source, rename):
        cur = f"s.{source.column(header)}"
        said = sql_text(" in kolom " + header)
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
                where trim(coalesce({amount}, '')) <> ''
                  and upper(regexp_replace(coalesce({cur}, ''), '[^A-Za-z0-9€]', '', 'g'))
                      not in {EUROS}"""
            )
    return out
