"""One file, one way of writing numbers (helper-97): a number only the other convention
reads in one column (fte 0.8 in a Dutch file) shows that the file's author writes
decimals with a point, so a number the two conventions read differently in another column
(leave_days 12.500: 12500 or 12,5) is ambiguous there too; it was stored as 12500. A
file whose numbers give no such proof reads 12.500 the Dutch way, as documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import (
    EMPLOYEE_HEADER,
    employee,
    home,
    org_home,
    quarantined,
    query,
    run,
    write,
)

__all__ = ["home", "org_home"]  # fixtures used here


@pytest.mark.parametrize("fte", ["0.8", "0,8"])
def test_a_number_proof_in_one_column_holds_for_the_others(
    home: Path, tmp_path: Path, fte: str
) -> None:
    folder = tmp_path / "in"
    write(
        folder / "medewerkers.csv",
        EMPLOYEE_HEADER
        + employee("104233", fte=fte, leave_days="12.500")  # 2
        + employee("104234", fte="1", leave_days="3"),  # 3: read alike in both
    )
    run(home, folder)
    held = {(q[0], q[1]): q[3] for q in quarantined(home, "employees")}
    if fte == "0.8":  # written with a point: 12.500 may be 12,5
        assert held == {(2, "fte"): "ambiguous_number", (2, "leave_days"): "ambiguous_number"}
        reason = query(home, "select reason from quarantine where \"column\" = 'leave_days'")
        assert "12.500" in reason[0][0], reason
    else:  # no proof: the Dutch reading, as documented
        assert held == {}
        assert sorted(r[0] for r in query(home, "select leave_days from raw_employees")) == [
            3.0,
            12500.0,
        ]
    assert 3.0 in [r[0] for r in query(home, "select leave_days from raw_employees")]
