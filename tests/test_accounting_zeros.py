"""Excel's accounting format (Financieel, Komma) saved as CSV pads each number (" 21 ")
and writes a zero as a dash between spaces (" -   "). helper-138: two employees whose
longest leave block was 0 days came in empty, and KRI-HR-NO-LEAVE-BLOCK, which counts only
filled cells, left them out without a word. In a column with the padded numbers such a
dash is 0; a dash alone, or in a column of plain numbers, stays empty (the README's
"no value" dash)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipelines.ingest.lookups import ColumnPlan, lookup
from pipelines.ingest.quality.base import Column
from tests.test_ingest import EMPLOYEE_HEADER, employee, home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

DAYS = ColumnPlan(Column("longest_leave_block_days_12m", "integer"), "nl")


@pytest.mark.parametrize(
    ("cells", "read"),
    [
        ([" 21 ", " -   ", " 14 "], ["21", "0", "14"]),
        ([" 1.250 ", " - ", "-"], ["1250", "0", None]),  # a dash alone: empty
        ([" (3) ", " \u2013   "], ["-3", "0"]),  # the en dash too; (3) as bookkeeping writes -3
        (["21", " -   "], ["21", None]),  # plain numbers: no accounting format, empty
        (["-", " 21 "], [None, "21"]),
        ([" -   "], [None]),  # nothing padded beside it
        # helper-139: one stray padded cell among plain numbers is no accounting format
        (["12", " 3 ", " - "], ["12", "3", None]),
        (["12", " 3 ", " 4 ", " - "], ["12", "3", "4", "0"]),  # mostly padded: it is
    ],
)
def test_the_accounting_formats_zero_is_0_beside_its_padded_numbers(
    cells: list[str], read: list[str | None]
) -> None:
    frame, _ = lookup(DAYS, cells, b"k" * 32)
    values = [None if pd.isna(v) else str(int(v)) for v in frame.value]
    assert values == read, frame[["raw", "value", "status", "note"]].to_dict("records")


def test_an_hr_export_in_the_accounting_format_keeps_its_zeros(home: Path, tmp_path: Path) -> None:
    rows = "".join(
        employee(key, longest_leave_block_days_12m=days)
        for key, days in [("104233", " 21 "), ("104234", " -   "), ("104235", " -   ")]
    )
    [result] = run(home, write(tmp_path / "personeel.csv", EMPLOYEE_HEADER + rows, "cp1252"))
    assert (result.error, result.rows_loaded) == (None, 3), result.summary()
    assert query(home, "select longest_leave_block_days_12m from raw_employees order by 1") == [
        (0,),
        (0,),
        (21,),
    ]
