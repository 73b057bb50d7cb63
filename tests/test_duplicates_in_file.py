"""A row repeated inside one export would count twice (only a newer export replaces a
row): per dataset its natural key (docs/contracts.md, "Keys and re-exports") is unique
within a file, and both rows go to quarantine as duplicate_key. A register row without
its number is not checked: two identical gifts may be two real ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingesthelpers import WIDE_SURVEY, ingest_only
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

CASES = {
    "gifts": (
        "record_id,employee_key,received_on,value_eur\n"
        "G1,e1,2025-03-10,10\nG2,e1,2025-03-11,20\nG1,e1,2025-03-10,10\n"
        ",e2,2025-03-12,30\n,e2,2025-03-12,30\n",
        [(2, "record_id"), (4, "record_id")],
        3,
    ),
    "side_jobs": (
        "record_id,employee_key,registered_on\nS1,e1,2025-01-05\nS1,e1,2025-01-05\n"
        "S2,e2,2025-01-05\n",
        [(2, "record_id"), (3, "record_id")],
        1,
    ),
    "vehicle_use": (
        "employee_key,year,private_km\ne1,2025,1200\ne2,2025,300\ne1,2025,1500\ne1,2024,10\n",
        [(2, "employee_key"), (4, "employee_key")],
        2,
    ),
    "feedback_360": (
        "manager_key,period,integrity_score,n_raters\n"
        "m1,2025-06-01,3,6\nm1,2025-06-01,4,6\nm1,2025-01-01,4,6\n",
        [(2, "manager_key"), (3, "manager_key")],
        1,
    ),
}


@pytest.mark.parametrize("dataset", sorted(CASES))
def test_a_key_twice_in_one_file_is_quarantined_both_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dataset: str
) -> None:
    text, expected, loaded = CASES[dataset]
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = write(tmp_path / f"{dataset}.csv", text)
    run(home, path)
    got = [(line, column) for line, column, _value, reason in quarantined(home, dataset)]
    assert got == expected
    assert {r for *_, r in quarantined(home, dataset)} == {"duplicate_key"}
    assert query(home, f"select count(*) from raw_{dataset}") == [(loaded,)]
    (reason,) = query(
        home, f"select distinct reason from quarantine where dataset = '{dataset}' limit 1"
    )[0:1][0]
    assert "komt meer dan eens voor in dit bestand" in reason


def test_a_survey_answer_twice_for_one_respondent_item_and_wave(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    org = write(tmp_path / "org_units.csv", "org_unit,name,parent_unit,level\nWH,W,,organisatie\n")
    survey = write(
        tmp_path / "survey.csv",
        "respondent_key,wave_date,org_unit,item_code,answer\n"
        "R1,2026-03-15,WH,CLA1,4\nR1,2026-03-15,WH,CLA1,2\nR1,2026-03-15,WH,CLA2,4\n"
        "R1,2025-09-15,WH,CLA1,4\n",
    )
    run(home, org, survey)
    got = [(line, reason) for line, _c, _v, reason in quarantined(home, "survey_responses")]
    assert got == [(2, "duplicate_key"), (3, "duplicate_key")]


def _reasons(home: Path, dataset: str) -> dict[int, str]:
    rows = query(
        home,
        f"select line, reason from quarantine where dataset = '{dataset}' "
        "and reason_code = 'duplicate_key' order by line",
    )
    return {line: reason.split(": ", 1)[1] for line, reason in rows}


@pytest.mark.parametrize("copies", [2, 6, 7])
def test_a_duplicate_key_names_the_other_lines_that_hold_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copies: int
) -> None:
    """Each line names the others (helper-171): up to five, then how many more; 6 copies
    are the last that name every other line, 7 the first with 'en nog 1 andere'."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    rows = "".join(f"G1,e{i},2025-03-10,10\n" for i in range(copies))
    path = write(tmp_path / "gifts.csv", "record_id,employee_key,received_on,value_eur\n" + rows)
    run(home, path)
    reasons = _reasons(home, "gifts")
    lines = list(range(2, copies + 2))
    assert sorted(reasons) == lines
    base = "record_id komt meer dan eens voor in dit bestand"
    for line in lines:
        others = [n for n in lines if n != line]
        named = ", ".join(str(n) for n in others[:5])
        more = f" en nog {len(others) - 5} andere" if len(others) > 5 else ""
        word = "regels" if len(others) > 1 else "regel"
        assert reasons[line] == f"{base} (ook op {word} {named}{more})", reasons[line]


def test_a_compound_key_names_the_lines_of_the_same_key_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """employee_key + year: line 2's twin is line 5 (e1, 2025), not line 4 (e1, 2024)
    nor line 3 (e2, 2025)."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = write(
        tmp_path / "vehicle_use.csv",
        "employee_key,year,private_km\ne1,2025,1200\ne2,2025,300\ne1,2024,10\ne1,2025,1500\n",
    )
    run(home, path)
    reasons = _reasons(home, "vehicle_use")
    assert sorted(reasons) == [2, 5]
    said = "employee_key + year komt meer dan eens voor in dit bestand"
    assert reasons[2].startswith(f"{said} (ook op regel 5); twee auto's in één jaar")
    assert reasons[5].startswith(f"{said} (ook op regel 2); twee auto's in één jaar")


@pytest.mark.parametrize(
    ("rows", "held"),
    [
        # G1's twin with an unreadable amount: both held, the twin for both reasons
        ("G1,e1,2025-03-10,10\nG1,e1,2025-03-10,veel\n", {2: ["dup"], 3: ["dup", "num"]}),
        # three copies, one unreadable: each line one duplicate reason, naming the others
        (
            "G1,e1,2025-03-10,10\nG1,e1,2025-03-10,veel\nG1,e1,2025-03-10,10\n",
            {2: ["dup"], 3: ["dup", "num"], 4: ["dup"]},
        ),
        # an unreadable row of its own key: no twin
        ("G1,e1,2025-03-10,10\nG2,e1,2025-03-10,veel\n", {3: ["num"]}),
    ],
)
def test_a_twin_of_a_row_with_an_unreadable_cell_is_a_duplicate_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: str, held: dict[int, list[str]]
) -> None:
    """helper-197: an employee's second contract row had an unreadable overtime (1.5
    uur): that row was quarantined for it, its twin loaded as the employee's only row."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    run(
        home, write(tmp_path / "gifts.csv", "record_id,employee_key,received_on,value_eur\n" + rows)
    )
    kinds = {"duplicate_key": "dup", "wrong_type": "num"}
    got: dict[int, list[str]] = {}
    for line, _c, _v, code in quarantined(home, "gifts"):
        got.setdefault(line, []).append(kinds.get(code, code))
    assert {line: sorted(k) for line, k in got.items()} == {k: sorted(v) for k, v in held.items()}
    reasons = _reasons(home, "gifts")
    if 4 in held:
        assert reasons[3].endswith("(ook op regels 2, 4)"), reasons
        # as the rule alone says; lines 2 and 4 alike (tests/test_duplicate_rows_alike.py)
        assert "dit bestand (ook op regel 4), met dezelfde waarden" in reasons[2], reasons


def test_a_twin_by_a_compound_key_with_an_unreadable_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same for a key of two columns (a car's kilometres per employee and year)."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    text = "employee_key,year,private_km\ne1,2025,1200\ne1,2025,veel\ne1,2024,10\n"
    run(home, write(tmp_path / "vehicle_use.csv", text))
    got = [(line, code) for line, _c, _v, code in quarantined(home, "vehicle_use")]
    assert got == [(2, "duplicate_key"), (3, "duplicate_key"), (3, "wrong_type")]
    assert query(home, "select year from raw_vehicle_use") == [(2024,)]


def test_a_key_on_thousands_of_lines_is_said_within_a_small_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-201: every row got the list of all its key's lines, so n copies took n x n
    (20,000 gifts of one record_id: 6 GB, said too large for a build). Per key its
    count and first lines: 6,000 copies in a build allowed 64 MB (the lists: 140 MB)."""
    monkeypatch.setattr("pipelines.core.warehouse.BUILD_MEMORY_LIMIT", "64MB")
    rows = "".join(f"G1,e{i},2025-03-10,10\n" for i in range(6000))
    path = write(tmp_path / "gifts.csv", "record_id,employee_key,received_on,value_eur\n" + rows)
    [result] = ingest_only(tmp_path / "home" / "warehouse.duckdb", [path])
    assert result.error is None
    assert (result.failed, result.rows_quarantined) == (True, 6000)
    reasons = _reasons(tmp_path / "home", "gifts")
    base = "record_id komt meer dan eens voor in dit bestand (ook op regels"
    assert reasons[2] == f"{base} 3, 4, 5, 6, 7 en nog 5994 andere)"
    assert reasons[5] == f"{base} 2, 3, 4, 6, 7 en nog 5994 andere)"
    assert reasons[6001] == f"{base} 2, 3, 4, 5, 6 en nog 5994 andere)"


def _wide_twins(tmp_path: Path, rows: str) -> list[str]:
    """The duplicate reasons' endings (after 'dit bestand ') of a wide export whose CLA1x
    column the mapping makes CLA1 too: a respondent's two CLA1 answers on one line."""
    org = write(
        tmp_path / "org_units.csv",
        "org_unit;name;parent_unit;level\nWH;Woonpunt;;organisatie\nVH-N;Noord;WH;team\n",
    )
    mapping = write(
        tmp_path / "wijd.mapping.yaml", WIDE_SURVEY + "values: {item_code: {CLA1x: CLA1}}\n"
    )
    f = write(tmp_path / "wijd.csv", "RespondentID;Meetmoment;Eenheid;CLA1;CLA1x;PS1\n" + rows)
    ingest_only(tmp_path / "home" / "warehouse.duckdb", [org, f], mappings=[mapping])
    return sorted(
        r.split("dit bestand ", 1)[1]
        for (r,) in query(tmp_path / "home", "select reason from quarantine")
    )


def test_twins_on_one_line_of_a_wide_export_say_so(tmp_path: Path) -> None:
    """helper-204: two columns of a wide export made one item (CLA1x translated to CLA1):
    both answers of line 61 said only 'komt meer dan eens voor', no other line named, and
    the user searched the file for one."""
    rows = "".join(f"R{i};15-03-2026;VH-N;4;;3\n" for i in range(1, 60))
    said = _wide_twins(tmp_path, rows + "R900;15-03-2026;VH-N;4;5;3\n")
    assert said == ["(ook op deze regel, in een andere kolom)"] * 2


def test_twins_on_this_line_and_on_another_say_both(tmp_path: Path) -> None:
    """helper-205: with the respondent on line 63 too, line 62's two CLA1 answers named
    line 63 only, and the twin inside line 62 stayed after line 63 was mended."""
    rows = "".join(f"R{i};15-03-2026;VH-N;4;;3\n" for i in range(1, 61))
    said = _wide_twins(tmp_path, rows + "R900;15-03-2026;VH-N;4;5;3\nR900;15-03-2026;VH-N;3;;2\n")
    assert said == [
        "(ook op regel 62)",  # line 63's CLA1
        "(ook op regel 62)",  # line 63's PS1
        "(ook op regel 63)",  # line 62's PS1
        "(ook op regel 63, en op deze regel, in een andere kolom)",  # line 62's CLA1 twice
        "(ook op regel 63, en op deze regel, in een andere kolom)",
    ], said


def test_two_employments_of_one_person_in_a_month_say_how_to_export_them(
    home: Path, tmp_path: Path
) -> None:
    """helper-253 F9: AFAS's Dienstverband 1 and 2 of one person in one month quarantined
    both rows without a hint (orders had one)."""
    rows = employee("104233", fte="0,5") + employee("104233", fte="0,3") + employee("104234")
    run(home, write(tmp_path / "hr" / "employees.csv", EMPLOYEE_HEADER + rows))
    reasons = dict(query(home, "select line, reason from quarantine order by line"))
    assert sorted(reasons) == [2, 3]
    assert reasons[2].endswith(
        "employee_key komt meer dan eens voor in dezelfde snapshot_month (ook op regel 3); twee "
        "dienstverbanden van één medewerker? Exporteer één regel per medewerker per maand, "
        "met de fte van de dienstverbanden samen"
    ), reasons[2]
