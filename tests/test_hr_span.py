"""KRI-HR-SPAN counts a manager's direct reports. A manager an HR export names as their
own manager (the top of the organisation, as some HR systems write it) has no manager:
they are not one of their own reports (stg_hr__employees; helper-189: the director's
span was 3 for 2 reports)."""

from __future__ import annotations

from pathlib import Path

from tests.ingesthelpers import ingest_and_model
from tests.test_hr_months_twice import FIRST, hr
from tests.test_ingest import ORG, lenient, query, write


def test_a_manager_named_as_their_own_is_not_their_own_report(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    # five people, each with FIRST[0] as manager: FIRST[0] too
    files = [write(folder / "org_units.csv", ORG), hr(folder, "hr.csv", FIRST)]
    home = tmp_path / "home"
    ingest_and_model(home / "warehouse.duckdb", files, ["int_kri__hr_span"], catalogue=lenient())
    spans = query(home, "select numerator from int_kri__hr_span")
    assert spans == [(len(FIRST) - 1,)]  # the four others; not five
    managers = query(home, "select count(manager_id) from stg_hr__employees")
    assert managers == [(len(FIRST) - 1,)]
