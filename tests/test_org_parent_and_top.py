"""A new customer's exports (trial h104): an org unit's parent_unit is matched as every other
org-unit reference is, without regard to case, accents and surrounding spaces, and stored
as the unit's own spelling (`Won` is the file's `WON`); a parent that is not in the file
is still quarantined, and a cycle written in another case is still one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import (
    EMPLOYEE_HEADER,
    counts,
    employee,
    home,
    org_home,
    quarantined,
    query,
    run,
    write,
)

__all__ = ["home", "org_home"]  # fixtures

ORG_HEADER = "org_unit;name;parent_unit;level\n"


def org_file(tmp_path: Path, lines: str) -> Path:
    return write(tmp_path / "org_units.csv", ORG_HEADER + lines)


def parents(home: Path) -> dict[str, str | None]:
    return dict(query(home, "select org_unit, parent_unit from raw_org_units"))


# --- parent_unit ---------------------------------------------------------------------


def test_a_parent_is_matched_without_case_or_spaces_and_stored_as_its_unit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    f = org_file(
        tmp_path,
        "HB;Het Baken;;organisatie\n"
        "WON;Wonen;hb;afdeling\n"  # lower case
        "WON-KC;Klantcontact;Won;team\n"  # mixed case (the trial's row)
        "WON-VH;Verhuur;  won-kc  ;team\n"  # surrounding spaces, lower case
        "VG;Vastgoed;HB ;afdeling\n"  # a trailing space, as before
        "VG-PO;Planmatig;VG;team\n"  # exact, as before
        "VG-TD;Techniek;VG-PQ;team\n",  # no such unit
    )
    [result] = run(home, f)
    assert counts(result) == (7, 6, 1)
    assert parents(home) == {
        "HB": None,
        "WON": "HB",
        "WON-KC": "WON",
        "WON-VH": "WON-KC",
        "VG": "HB",
        "VG-PO": "VG",
    }
    assert quarantined(home, "org_units") == [(8, "parent_unit", "VG-PQ", "unknown_parent")]
    [(reason,)] = query(home, "select reason from quarantine where dataset = 'org_units'")
    assert reason == (
        "org_units.csv, regel 8, kolom parent_unit, waarde 'VG-PQ': "
        "parent_unit bestaat niet in org_units"
    )


def test_a_unit_under_a_parent_written_otherwise_keeps_its_employees(
    home: Path, tmp_path: Path
) -> None:
    """The trial's loss: WON-KC quarantined, everyone placed in it followed."""
    f = org_file(
        tmp_path / "org",
        "WH;Woonstichting;;organisatie\nWON;Wonen;WH;afdeling\nWON-KC;Klantcontact;Won;team\n",
    )
    e = write(tmp_path / "employees.csv", EMPLOYEE_HEADER + employee(org_unit="won-kc"))
    results = run(home, f, e)
    assert [counts(r) for r in results] == [(3, 3, 0), (1, 1, 0)]
    assert query(home, "select org_unit from raw_employees") == [("WON-KC",)]


def test_two_units_apart_only_in_case_take_a_parent_written_exactly_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    f = org_file(
        tmp_path,
        "WH;Woonstichting;;organisatie\nAB;Een;WH;afdeling\nab;Twee;WH;afdeling\n"
        "T1;Team 1;ab;team\nT2;Team 2;Ab;team\n",
    )
    [result] = run(home, f)
    assert counts(result) == (5, 4, 1)
    assert parents(home)["T1"] == "ab"
    assert quarantined(home, "org_units") == [(6, "parent_unit", "Ab", "unknown_parent")]


def test_a_cycle_or_own_parent_written_in_another_case_is_still_a_cycle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    f = org_file(
        tmp_path,
        "WH;Woonstichting;;organisatie\nA;Team A;b;team\nB;Team B; a ;team\nC;Team C;c;team\n",
    )
    [result] = run(home, f)
    assert counts(result) == (4, 1, 3)
    assert quarantined(home, "org_units") == [
        (3, "parent_unit", "B", "org_cycle"),
        (4, "parent_unit", "A", "org_cycle"),
        (5, "parent_unit", "C", "org_cycle"),
    ]
