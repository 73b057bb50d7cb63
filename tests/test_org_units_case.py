"""An org-units re-export that writes the stored codes in another case (helper-140: a
system export in lower case, `vh-n` for `VH-N`) is the same tree, as every other
dataset's org_unit column already reads such a code: its units and parents are stored in
the stored spelling (Column.codes "org_units"; checks.own_codes), so the corrected name
reaches the unit and a month exported as `vh-n` is `VH-N`'s. Before, the re-export was a
second tree beside the first (two roots, two Verhuur departments), without a note; a new
code stays as written."""

from __future__ import annotations

from pathlib import Path

from tests.test_ingest import EMPLOYEE_HEADER, employee, home, org_home, query, run_built, write

__all__ = ["home", "org_home"]  # fixtures used here


def test_a_reexport_in_another_case_is_the_same_tree(home: Path, tmp_path: Path) -> None:
    again = write(
        tmp_path / "b" / "org_units.csv",
        "org_unit;name;parent_unit;level\nwh;Woonstichting;;organisatie\nvh;Verhuur;wh;afdeling\n"
        "vh-n;Verhuur Noord-Oost;vh;team\nvh-z;Verhuur Zuid;vh;team\n"
        "vh-w;Verhuur West;vh;team\n",  # a new unit: its own code as written
    )
    april = write(tmp_path / "c" / "hr.csv", EMPLOYEE_HEADER + employee("104233", org_unit="vh-n"))
    results = run_built(home, again, april)
    assert [(r.error, r.rows_loaded) for r in results] == [(None, 5), (None, 1)]
    assert query(
        home, "select org_unit_id, org_unit_name, parent_unit_id from dim_org_units order by 1"
    ) == [
        ("VH", "Verhuur", "WH"),
        ("VH-N", "Verhuur Noord-Oost", "VH"),
        ("VH-Z", "Verhuur Zuid", "VH"),
        ("WH", "Woonstichting", None),
        ("vh-w", "Verhuur West", "VH"),
    ]
    assert query(home, "select org_unit_id from stg_hr__employees") == [("VH-N",)]


def test_a_new_unit_like_a_stored_one_but_for_case_is_a_unit_of_its_own(
    home: Path, tmp_path: Path
) -> None:
    """helper-141: beside the stored VH the file's own new vh was taken for VH, both
    quarantined as one code twice, and vh's team moved under VH. A stored code that two
    of the file's codes are like is taken for neither: each stays as written."""
    again = write(
        tmp_path / "b" / "org_units.csv",
        "org_unit;name;parent_unit;level\nWH;Woonstichting;;organisatie\n"
        "VH;Verhuur;WH;afdeling\nVH-N;Verhuur Noord;VH;team\nVH-Z;Verhuur Zuid;VH;team\n"
        "vh;Vastgoedhuur;WH;afdeling\nVG-1;Team Vastgoed;vh;team\n",
    )
    [result] = run_built(home, again)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 6, 0)
    assert query(
        home,
        "select org_unit_id, parent_unit_id, department_id from dim_org_units "
        "where org_unit_id in ('VG-1', 'vh', 'VH') order by 1",
    ) == [("VG-1", "vh", "vh"), ("VH", "WH", "VH"), ("vh", "WH", "vh")]
