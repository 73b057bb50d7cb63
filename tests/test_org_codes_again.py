"""Org codes as a second export writes them (helper-259, a new corporation's own exports).

F1: an org export Excel saved again (0001 as 1, 0012 as 12) added a second tree beside the
first, and another organisation's export did so too, without a word: the ingest says so
(counted_on.zeros_notes for org_unit, counted_on.second_top_notes); nothing is changed.
F3: an org code with Excel's text mark ('0012), in its formula (="0012") or as pandas
writes a code column with an empty cell (4100.0) was refused row by row: it is matched
to the code within, where it is no code itself (codes.EXCEL_MARKS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import EMPLOYEE_HEADER, employee, quarantined, query, run, write

ORG_HEADER = "org_unit;name;parent_unit;level\n"
PADDED = (
    "0001;Woonstichting;;organisatie\n0010;Verhuur;0001;afdeling\n"
    "0012;Verhuur Noord;0010;team\n0013;Verhuur Zuid;0010;team\n"
)
UNPADDED = "1;Woonstichting;;organisatie\n10;Verhuur;1;afdeling\n12;Verhuur Noord;10;team\n"


def org(folder: Path, lines: str) -> Path:
    return write(folder / "org_units.csv", ORG_HEADER + lines)


def notes_of_second(tmp_path: Path, first: str, second: str) -> list[str]:
    home = tmp_path / "home"
    run(home, org(tmp_path / "a", first))
    [result] = run(home, org(tmp_path / "b", second))
    assert result.error is None and result.rows_loaded == result.rows_in, result.examples
    return [str(n) for n in result.notes]


@pytest.mark.parametrize(
    ("first", "second", "zeros", "top"),
    [
        # Excel's copy after the export, and the other way round
        (PADDED, UNPADDED, 3, "0001"),
        (UNPADDED, PADDED, 3, "1"),
        # another organisation's export: a second top, no zeros
        (PADDED, "WS;Woonstad;;organisatie\nWS-V;Verhuur;WS;afdeling\n", 0, "0001"),
        # the same export again, and one with a new team under the top: nothing to say
        (PADDED, PADDED, 0, None),
        (PADDED, PADDED + "0014;Verhuur West;0010;team\n", 0, None),
        # a reorganisation that renamed the top (helper-261): its units are the tree's
        (PADDED, PADDED.replace("0001", "0002"), 0, None),
        # a department exported on its own, without its parent: a second tree
        (PADDED, "0020;Vastgoed;;afdeling\n", 0, "0001"),
    ],
)
def test_a_second_tree_beside_the_first_is_said(
    tmp_path: Path, first: str, second: str, zeros: int, top: str | None
) -> None:
    notes = notes_of_second(tmp_path, first, second)
    said = [n for n in notes if "met andere voorloopnullen" in n]
    tops = [n for n in notes if n.startswith("deze export deelt geen eenheid")]
    if zeros:
        assert said and said[0].startswith(f"{zeros} eenheid/eenheden (org_unit) van deze ")
        assert "de organisatie staat nu twee keer in de boom" in said[0]
    else:
        assert said == [], notes
    if top is None:
        assert tops == [], notes
    else:
        assert len(tops) == 1 and f"die er al is (top {top}, uit " in tops[0], notes
        assert "trek deze export dan in (radar withdraw BESTAND --by NAAM)" in tops[0]


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("'0012", "0012"),  # a system's text mark
        ('="0012"', "0012"),  # Excel's formula
        ("0012.0", "0012"),  # a float's .0 (a code of digits)
        ("12.0", None),  # .0 off is 12: no code of the tree (its zeros are not added)
        ("0012.00", None),  # not how a float is written: no code
        ("''0012", None),  # two marks: not Excel's
    ],
)
def test_an_org_code_in_excels_marks_is_the_code(
    tmp_path: Path, cell: str, read: str | None
) -> None:
    home = tmp_path / "home"
    folder = tmp_path / "in"
    rows = employee("100001", org_unit="0012") + employee("100002", org_unit=cell)
    run(home, org(folder, PADDED), write(folder / "employees.csv", EMPLOYEE_HEADER + rows))
    units = query(home, "select employee_key, org_unit from raw_employees order by 1")
    held = [(line, column) for line, column, *_ in quarantined(home, "employees")]
    if read is None:
        assert (len(units), held) == (1, [(3, "org_unit")])
    else:
        assert [u for _, u in units] == ["0012", read] and held == []


def test_a_parent_as_pandas_writes_it_is_the_unit(tmp_path: Path) -> None:
    """An org file from pandas' to_csv: the top's empty parent made the column floats."""
    home = tmp_path / "home"
    lines = (
        "4100;Woonstichting;;organisatie\n4110;Verhuur;4100.0;afdeling\n"
        "4111;Verhuur Noord;4110.0;team\n4120;Vastgoed;4100.0;afdeling\n"
    )
    [result] = run(home, org(tmp_path, lines))
    assert (result.error, result.rows_loaded) == (None, 4), result.examples
    assert query(home, "select org_unit, parent_unit from raw_org_units order by 1") == [
        ("4100", None),
        ("4110", "4100"),
        ("4111", "4110"),
        ("4120", "4100"),
    ]


def test_a_marked_code_takes_the_mappings_label_as_the_code_does(tmp_path: Path) -> None:
    """helper-261: values: {org_unit: {'0012': VH-N}} turned 0012 into VH-N, and '0012,
    ="0012" and 0012.0 went to the old unit 0012 the mapping replaces."""
    home = tmp_path / "home"
    folder = tmp_path / "in"
    lines = "WH;W;;organisatie\nVH;V;WH;afdeling\nVH-N;VN;VH;team\n0012;Oud team;VH;team\n"
    cells = ["0012", "'0012", '="0012"', "0012.0", "0013"]
    rows = "".join(employee(f"10000{n}", org_unit=c) for n, c in enumerate(cells))
    mapping = write(
        folder / "hr.mapping.yaml",
        "dataset: employees\nfiles: ['hr.csv']\nvalues: {org_unit: {'0012': VH-N}}\n",
    )
    run(home, org(tmp_path / "org", lines))
    run(home, write(folder / "hr.csv", EMPLOYEE_HEADER + rows), mappings=[mapping])
    units = query(home, "select org_unit from raw_employees order by employee_key")
    assert [u for (u,) in units] == ["VH-N"] * 4  # 0013: no unit, quarantined


MARKED = "'0001;Woonstichting;;organisatie\n'0010;Verhuur;'0001;afdeling\n"


def test_the_first_tree_in_excels_marks_is_stored_without_them(tmp_path: Path) -> None:
    """helper-261 4: the first org export with '0001 was stored as written (its org_unit a
    plain text column while no tree was stored), and a clean export after it was a second
    tree. Now '0001 and ="0012" are 0001 and 0012 in the first tree as in every later
    one; a new unit with a mark in a later export too (its parent cell had lost its mark,
    the unit had not: 'parent_unit staat niet als org_unit in dit bestand')."""
    home = tmp_path / "home"
    first = MARKED + '="0012";Verhuur Noord;\'0010;team\n'
    [result] = run(home, org(tmp_path / "a", first))
    assert (result.error, result.rows_loaded) == (None, 3), result.examples
    clean = PADDED  # the same tree from a tool that writes no marks, and one more team
    [again] = run(home, org(tmp_path / "b", clean))
    assert again.rows_loaded == 4 and not any("deelt geen eenheid" in str(n) for n in again.notes)
    later = MARKED + '\'0014;Verhuur West;\'0010;team\n="0015";Wijk Oost;="0014";team\n'
    [last] = run(home, org(tmp_path / "c", later))
    assert (last.rows_loaded, last.rows_quarantined) == (4, 0), last.examples
    stored = query(home, "select distinct org_unit, parent_unit from raw_org_units order by 1")
    assert stored == [
        ("0001", None),
        ("0010", "0001"),
        ("0012", "0010"),
        ("0013", "0010"),
        ("0014", "0010"),
        ("0015", "0014"),
    ]


def test_match_codes_takes_the_marks_off_a_code_it_does_not_know() -> None:
    """A text mark or formula is no part of a code, known or not; pandas' 4100.0 is the
    code 4100 only where 4100 is one (else it is left to the rules as written)."""
    import pandas as pd

    from pipelines.ingest.codes import match_codes

    cells = pd.Series(["'0001", "'0014", '="0015"', "4100.0", "4200.0", "'", "0014", "'12-3"])
    got = list(match_codes(cells, ["0001", "4100"]))
    assert got == ["0001", "0014", "0015", "4100", "4200.0", "'", "0014", "12-3"]
    # a code's own apostrophe is no mark: 's-Hertogenbosch, 't Zand (helper-264 F8)
    # the spaces after a mark's number off, as the first tree's SQL has it (helper-265 F3)
    assert list(match_codes(pd.Series(["'0012 ", "'0012\xa0"]), ["0001"])) == ["0012"] * 2
    places = pd.Series(["'s-Hertogenbosch", "'t Zand", '="\'t Zand"'])
    assert list(match_codes(places, ["0001"])) == ["'s-Hertogenbosch", "'t Zand", "'t Zand"]


def test_a_units_own_apostrophe_stays_in_the_first_tree(tmp_path: Path) -> None:
    """helper-264 F8: the first tree's 's-Hertogenbosch and 't Zand lost their apostrophe
    (text_steps took any leading one for Excel's mark); only one before a number is."""
    home = tmp_path / "home"
    lines = (
        "'s-Hertogenbosch;Regio;;organisatie\n't Zand;Wijk;'s-Hertogenbosch;team\n"
        "'0012;Team;'s-Hertogenbosch;team\n"
    )
    [result] = run(home, org(tmp_path, lines))
    assert (result.error, result.rows_loaded) == (None, 3), result.examples
    stored = query(home, "select org_unit, parent_unit from raw_org_units order by 1")
    assert stored == [
        ("'s-Hertogenbosch", None),
        ("'t Zand", "'s-Hertogenbosch"),
        ("0012", "'s-Hertogenbosch"),
    ]
