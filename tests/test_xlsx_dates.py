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

from tests.test_ingest import home, org_home, quarantined, query, run

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
