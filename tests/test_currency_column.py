"""A currency column by a name the fixed list did not hold (helper-97: SAP's 'Crcy',
'Valutasoort', 'Transaction currency', ... let USD 2.400,00 through as 2400 euros). A
column named like a currency counts when every filled cell in it is one; a column so
named that holds amounts ('Bedrag valuta') is none, so its amounts refuse no row."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.codes import spelling_key
from pipelines.ingest.currency_column import CURRENCY_NAME
from tests.test_ingest import home, org_home, quarantined, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

ORDER_HEAD = (
    "order_id;ordered_on;supplier_id;amount_eur;org_unit;procedure;quotes_count;requester_key"
)
HELPER_97 = [
    "Crcy", "Currency Key", "Valutasoort", "Muntsoort", "Transaction currency", "Cur.",
    "Curr", "ISO-valuta", "Factuurvaluta", "Documentvaluta", "Currency (ISO)",
    "Valuta factuur", "CCY", "WAERS",
]  # fmt: skip


def orders(folder: Path, header: str, cells: list[str]) -> None:
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n")
    rows = "".join(
        f"P{i};02-03-2026;L1;2.400,00;VH-N;raamcontract;1;E1;{cell}\n"
        for i, cell in enumerate(cells, start=1)
    )
    write(folder / "inkoop.csv", f"{ORDER_HEAD};{header}\n{rows}")


@pytest.mark.parametrize("header", HELPER_97)
def test_a_currency_column_by_a_name_that_speaks_of_one(
    home: Path, tmp_path: Path, header: str
) -> None:
    orders(tmp_path / "in", header, ["USD", "EUR", "€", "usd "])
    run(home, tmp_path / "in")
    held = [(q[0], q[1], q[3]) for q in quarantined(home, "procurement")]
    assert held == [(2, "amount_eur", "wrong_type"), (5, "amount_eur", "wrong_type")]
    reason = query(home, "select reason from quarantine where line = 2")[0][0]
    assert f"geen bedrag in euro's (USD in kolom {header})" in reason, reason


@pytest.mark.parametrize(
    ("header", "cells"),
    [
        ("Bedrag valuta", ["2.400,00", "USD"]),  # amounts: no column of currencies
        ("Valutadatum", ["03-03-2026", "04-03-2026"]),  # a date named after one
        ("Currency note", ["paid in cash", "see invoice"]),  # free text, no currency
        ("Kostensoort", ["USD", "USD"]),  # currencies, but the name says nothing of one
    ],
)
def test_a_column_so_named_that_holds_no_currencies_refuses_nothing(
    home: Path, tmp_path: Path, header: str, cells: list[str]
) -> None:
    orders(tmp_path / "in", header, cells)
    run(home, tmp_path / "in")
    assert quarantined(home, "procurement") == []
    assert len(query(home, "select * from raw_procurement")) == len(cells)


def test_the_names_pattern_holds_its_boundaries() -> None:
    assert all(CURRENCY_NAME.fullmatch(spelling_key(h)) for h in HELPER_97)
    for header in ("Cursus", "Curator", "Currentstatus", "Code", "Munitie"):
        assert not CURRENCY_NAME.fullmatch(spelling_key(header)), header


@pytest.mark.parametrize(
    ("header", "cells", "held"),
    [
        ("Valutasoort", ["USD", "EUR", "NULL", "n.v.t."], [2]),  # helper-98: NULL said nothing
        ("Crcy", ["USD", "EUR", "US Dollar"], [2, 4]),  # a currency by its name
        ("Crcy", ["Amerikaanse dollar", "EUR"], [2]),
        ("Currency note", ["paid in cash", "USD"], [3]),  # free text loads as euros
        ("Valuta", ["NULL", "USD", "-"], [3]),  # named as such: a marker is no currency
        # helper-112: the euro as finance systems show it, by either kind of column
        ("Valuta", ["EUR - Euro", "Euro €", "EUR", "USD - US Dollar"], [5]),
        ("Crcy", ["EUR - Euro", "Euro (EUR)", "USD"], [4]),
        ("Valuta", ["EUR - Euro", "EURUSD", "EU"], [3, 4]),  # no run of the euro's words
    ],
)
def test_a_currency_column_with_markers_names_and_free_text(
    home: Path, tmp_path: Path, header: str, cells: list[str], held: list[int]
) -> None:
    """helper-98: one cell that was no currency code (NULL, US Dollar) switched the whole
    column off, and USD 2.400,00 was stored as 2400 euros."""
    orders(tmp_path / "in", header, cells)
    run(home, tmp_path / "in")
    assert [q[0] for q in quarantined(home, "procurement")] == held
