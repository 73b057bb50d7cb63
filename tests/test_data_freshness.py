"""report_data_freshness: a dataset without rows has no newest date and is stale
(helper-115: company-car use, never loaded, showed as fresh, its newest date today)."""

from __future__ import annotations

from pathlib import Path

from tests.ingesthelpers import ingest_and_model
from tests.readers import reading
from tests.test_ingest import EMPLOYEE_HEADER, ORG, employee, lenient, write


def test_a_dataset_without_rows_is_stale_with_no_newest_date(tmp_path: Path) -> None:
    org = write(tmp_path / "in" / "org_units.csv", ORG)
    hr = write(tmp_path / "in" / "employees.csv", EMPLOYEE_HEADER + employee("104233"))
    car = write(tmp_path / "in" / "vehicle_use.csv", "employee_key;year;private_km\n")
    warehouse = tmp_path / "warehouse.duckdb"
    ingest_and_model(warehouse, [org, hr, car], ["report_data_freshness"], catalogue=lenient())
    with reading(str(warehouse)) as con:
        rows = dict(
            (r[0], r[1:])
            for r in con.execute(
                "select dataset, row_count, newest_date, is_stale from report_data_freshness"
            ).fetchall()
        )
    assert rows["vehicle_use"] == (0, None, True)
    assert rows["gifts"] == (0, None, True)
    assert rows["employees"][0] == 1 and rows["employees"][1] is not None
