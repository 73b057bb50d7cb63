"""Which demo quarter a test about the board's changes should freeze.

The tables of what moved in a department on its own (RvC page, PDF, snapshot) need a
quarter in which a department's risk did move. Which quarter that is depends on the
scoring, not on the test: it is read from the warehouse (report_risk_changes), never
written into a test.
"""

from __future__ import annotations

from pathlib import Path

from tests.readers import reading


def quarter_with_department_moves(home: Path) -> str:
    """The newest quarter in which some department's risk went up, down or newly red."""
    with reading(str(home / "warehouse.duckdb")) as con:
        row = con.execute(
            """select max(changes.period)
               from report_risk_changes as changes
               inner join dim_org_units as units on changes.org_unit_id = units.org_unit_id
               where units.org_level = 'afdeling'
                 and (changes.direction in ('omhoog', 'omlaag') or changes.is_new_red)"""
        ).fetchone()
    assert row and row[0], "the demo has no quarter in which a department moved"
    return row[0]
