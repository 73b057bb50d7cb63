"""A workbook of Excel's 1904 date system (old Excel for Mac; helper-97): a date typed as
a bare serial number (a General cell) counts its days from 1904, so 44622 is 3-3-2026
there, not 2-3-2022. A date cell was read right already (openpyxl reads the workbook's
system); a number in another column is no date and stays as it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from pipelines.ingest.lookups import ColumnPlan, lookup
from pipelines.ingest.quality.base import Column
from tests.test_ingest import home, org_home, quarantined, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

HEADER = ["employee_key", "received_on", "giver_type", "gift_type", "value_eur"]
DAY = dt.date(2026, 3, 3)
SERIAL_1900 = (DAY - dt.date(1899, 12, 30)).days  # 46084


@pytest.mark.parametrize("system_1904", [True, False])
def test_a_serial_counts_from_the_workbooks_own_first_day(
    home: Path, tmp_path: Path, system_1904: bool
) -> None:
    wb = Workbook()
    if system_1904:
        wb.epoch = CALENDAR_MAC_1904
    serial = SERIAL_1900 - 1462 if system_1904 else SERIAL_1900
    ws = wb.active
    ws.append(HEADER)
    ws.append(["E1", serial, "huurder", "geld", 44622])  # a bare serial; an amount
    ws.append(["E2", DAY, "huurder", "geld", 20])  # a date cell
    ws.append(["E3", "03-03-2026", "huurder", "geld", 20])  # a date as text
    folder = tmp_path / "xlsx"
    folder.mkdir()
    wb.save(folder / "geschenken.xlsx")
    run(home, folder)
    assert quarantined(home, "gifts") == []
    assert query(
        home, "select strftime(received_on, '%Y-%m-%d'), value_eur from raw_gifts order by all"
    ) == [("2026-03-03", 20.0), ("2026-03-03", 20.0), ("2026-03-03", 44622.0)]


def test_a_date_cell_in_a_text_column_is_said(home: Path, tmp_path: Path) -> None:
    """helper-97: Excel makes a date of a contract number typed as 3-12; it arrived as
    the text 2026-12-03 without a word. Not guessed back, but said per column."""
    folder = tmp_path / "xlsx"
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n")
    orders = Workbook()
    ws = orders.active
    ws.append(["order_id", "ordered_on", "supplier_id", "amount_eur", "org_unit", "procedure",
               "quotes_count", "requester_key", "contract_id"])  # fmt: skip
    ws.append(["P1", DAY, "L1", 100, "VH-N", "raamcontract", 1, "E1", dt.datetime(2026, 12, 3)])
    ws.append(["P2", DAY, "L1", 100, "VH-N", "raamcontract", 1, "E1", "C-7"])
    orders.save(folder / "inkoop.xlsx")
    results = {r.path.name: r for r in run(home, folder)}
    said = " ".join(str(n) for n in results["inkoop.xlsx"].notes)
    assert "tekstkolom(men) die de werkmap als datum bewaart (aantal cellen): contract_id (1)" in (
        said
    ), said
    assert "ordered_on" not in said.split("datum bewaart")[1].split(";")[0]  # a date column
    assert sorted(query(home, "select contract_id from raw_procurement")) == [
        ("2026-12-03",),
        ("C-7",),
    ]


@pytest.mark.parametrize(
    ("column", "cell", "read"),
    [
        (Column("received_on", "date"), "44622", "2026-03-03"),  # a serial from 1904
        (Column("received_on", "date"), "44622.5", "2026-03-03"),  # with its time
        (Column("received_on", "date"), "44622,5", "2026-03-03"),  # helper-100: its comma
        (Column("received_on", "date"), "20260303", "2026-03-03"),  # jjjjmmdd: no serial
        (Column("snapshot_month", "month"), "44620", "2026-03-01"),  # 1 March from 1904
        (Column("snapshot_month", "month"), "44650", "2026-03-01"),  # 31 March: its month
        (Column("snapshot_month", "month"), "202603", "2026-03-01"),  # jjjjmm: no serial
    ],
)
@pytest.mark.parametrize("number_cell", [True, False])  # helper-99: '44622' as text too
def test_only_a_serial_counts_from_1904(
    column: Column, cell: str, read: str, number_cell: bool
) -> None:
    """helper-98: the first version moved every number cell of a 1904 workbook's date
    column by 1462 days (20200101 became 2024-01-02) and moved a month after it was
    made its first day (2026-03-02)."""
    plan = ColumnPlan(column, "nl", serial_days=1462)
    frame, _ = lookup(plan, [cell], b"k" * 32, [number_cell])
    assert frame["status"].iloc[0] == 0
    assert frame["value"].iloc[0].strftime("%Y-%m-%d") == read
