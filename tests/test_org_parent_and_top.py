"""Two refusals of a new customer's exports (trial h104), and their boundaries.

An org unit's parent_unit is matched as every other org-unit reference is, without regard
to case, accents and surrounding spaces, and stored as the unit's own spelling (`Won` is
the file's `WON`); a parent that is not in the file is still quarantined, and a cycle
written in another case is still one. And the top of the organisation may have no
manager_key by the job titles of risks/settings.yaml (no_manager_titles): a board of two
(Voorzitter and Lid Raad van Bestuur), never its secretary nor a forklift driver
(heftruckbestuurder). A title passes when it IS a board role, whole (review h107, repro 9):
`Controller Raad van Bestuur`, `Jurist RvB` and `Chauffeur bestuurder` hold a board word
and are not the board; `Bestuursvoorzitter` and `Voorzitter` alone are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import duckdb
import pytest
from pydantic import ValidationError

from pipelines.core.board_titles import NoManagerTitles, title_regex
from pipelines.core.catalogue import load_catalogue
from pipelines.ingest.quality.base import SuiteContext
from pipelines.ingest.quality.employees import derive
from tests.ingesthelpers import ingest_and_model
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


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A RADAR_HOME with nothing in it yet: the org tree is the test's own file."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    return home


def org_file(tmp_path: Path, lines: str) -> Path:
    return write(tmp_path / "org_units.csv", ORG_HEADER + lines)


def parents(home: Path) -> dict[str, str | None]:
    return dict(query(home, "select org_unit, parent_unit from raw_org_units"))


# --- parent_unit ---------------------------------------------------------------------


def test_a_parent_is_matched_without_case_or_spaces_and_stored_as_its_unit(
    empty: Path, tmp_path: Path
) -> None:
    home = empty
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
        "parent_unit staat niet als org_unit in dit bestand of in de eerder ingelezen "
        "organisatie-eenheden"
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
    empty: Path, tmp_path: Path
) -> None:
    home = empty
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
    empty: Path, tmp_path: Path
) -> None:
    """Beside the top (no parent, level organisatie) a unit named as its own parent, in
    another case too, is a cycle: it alone is refused, never the top (helper-194: refused
    as a second top, it took the real one with it and every mart was empty)."""
    home = empty
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


def test_of_two_tops_the_organisation_is_the_top_and_a_team_as_its_own_parent_a_cycle(
    empty: Path, tmp_path: Path
) -> None:
    """helper-194: one team written as its own parent beside the real top refused both as
    tops. helper-191 7: the top written as its own parent beside a stray unit without one
    was called a cycle. The unit of level organisatie is the top either way."""
    home = empty
    units = "".join(f"D{d};Afdeling {d};WH;afdeling\n" for d in range(1, 4))
    units += "".join(f"T{d}{t};Team {d}{t};D{d};team\n" for d in range(1, 4) for t in range(6))
    team = "BB;Bestuursbureau;BB;team\n"
    [result] = run(home, org_file(tmp_path, "WH;Woonstichting;;organisatie\n" + team + units))
    assert counts(result) == (23, 22, 1)
    assert quarantined(home, "org_units") == [(3, "parent_unit", "BB", "org_cycle")]
    assert not [n for n in map(str, result.notes) if "niet geladen" in n]
    stray = "WH;Woonstichting;wh;organisatie\nLOS;Los;;afdeling\n"
    other = tmp_path / "other"  # a warehouse of its own: the quarantine is this file's
    [result] = run(other, org_file(tmp_path, stray + units))
    assert counts(result) == (23, 22, 1)
    assert quarantined(other, "org_units") == [(3, "parent_unit", None, "multiple_roots")]


def test_units_under_a_refused_top_are_said_to_count_in_nothing_above_them(
    empty: Path, tmp_path: Path
) -> None:
    """Two units without a parent, neither the organisation: both refused as tops, and
    the units under a parent the export could not load are said (helper-191 7: loaded
    under the refused top, unsaid)."""
    home = empty
    units = "".join(f"D{d};Afdeling {d};X;afdeling\n" for d in range(1, 4))
    units += "".join(f"T{d}{t};Team {d}{t};D{d};team\n" for d in range(1, 4) for t in range(6))
    f = org_file(tmp_path, "X;Eerste;;afdeling\nY;Tweede;;afdeling\n" + units)
    [result] = run(home, f)
    assert counts(result) == (23, 21, 2)
    assert quarantined(home, "org_units") == [
        (2, "parent_unit", None, "multiple_roots"),
        (3, "parent_unit", None, "multiple_roots"),
    ]
    [note] = [n for n in map(str, result.notes) if "niet geladen" in n]
    assert note.startswith("3 eenheid/eenheden in deze export staan onder een eenheid die")
    assert "(X; bijv. D1)" in note
    # one top: every unit loads, nothing said
    [result] = run(home, org_file(tmp_path, "X;Eerste;;afdeling\n" + units))
    assert counts(result) == (22, 22, 0)
    assert not [n for n in map(str, result.notes) if "niet geladen" in n]
    # a re-export that cannot load X (beside a team as its own parent, X without a parent
    # is the top; a level that is none refuses it): X's earlier row keeps the tree whole
    again = "X;Eerste;;directie\nBB;Bureau;BB;team\n" + units
    [result] = run(home, org_file(tmp_path, again))
    assert counts(result) == (23, 21, 2)
    assert sorted(r[3] for r in quarantined(home, "org_units"))[-2:] == [
        "not_in_set", "org_cycle"
    ]  # fmt: skip
    assert not [n for n in map(str, result.notes) if "niet geladen" in n]


def test_the_top_named_as_its_own_parent_is_the_top(empty: Path, tmp_path: Path) -> None:
    """helper-189: `WST;Woonstede;WST;organisatie`, as some HR systems write the top, was
    refused as a cycle (the whole file). Beside a top without a parent (above) it still
    is one."""
    home = empty
    f = org_file(tmp_path, "WST;Woonstede;wst;organisatie\nVH;Verhuur;WST;afdeling\n")
    [result] = run(home, f)
    assert counts(result) == (2, 2, 0)
    ingest_and_model(home / "warehouse.duckdb", [], ["int_org__hierarchy"])
    tree = "select org_unit_id, ancestor_id, ancestor_parent_id from int_org__hierarchy"
    assert sorted(query(home, tree), key=str) == [
        ("VH", "VH", "WST"), ("VH", "WST", None), ("WST", "WST", None)
    ]  # fmt: skip
    two = org_file(tmp_path, "WST;Woonstede;WST;organisatie\nVH;Verhuur;VH;afdeling\n")
    [result] = run(home, two)  # two named as their own: the organisation is the top
    assert counts(result) == (2, 1, 1)
    assert quarantined(home, "org_units") == [(3, "parent_unit", "VH", "org_cycle")]
    both = org_file(tmp_path, "WS;Woonstede;WS;organisatie\nBV;Bouw BV;BV;organisatie\n")
    other = tmp_path / "other"  # a warehouse of its own: the quarantine is this file's
    [result] = run(other, both)  # two legal entities, each its own parent: two tops, no cycle
    assert counts(result) == (2, 0, 2)
    assert quarantined(other, "org_units") == [
        (2, "parent_unit", "WS", "multiple_roots"),
        (3, "parent_unit", "BV", "multiple_roots"),
    ]


# --- who may have no manager ---------------------------------------------------------

TOP = [
    "Bestuurder",
    "Directeur-bestuurder",
    "directeur bestuurder",
    "Directeurbestuurder",
    "DIRECTEUR/BESTUURDER",
    "Statutair bestuurder",
    "Statutair directeur",
    "Bestuurder a.i.",
    "Voorzitter Raad van Bestuur",
    "Lid Raad van Bestuur",
    "lid van de Raad van Bestuur",
    "Raad van Bestuur",
    "RvB",
    "lid RvB",
    "RvB-lid",
    "Algemeen directeur",
    "Algemeen Directeur-Bestuurder",
    "Dïrecteur-bestüurder",  # accents
    " lid   RVB ",  # case and spaces
    # review h107: the board's chair, alone or of the board, and its vice
    "Voorzitter",
    "Bestuursvoorzitter",
    "Voorzitter van de Raad van Bestuur",
    "Voorzitter RvB",
    "Vice-voorzitter RvB",
    "Lid R.v.B.",  # dots dropped
    "Interim bestuurder",
    # review h111: acting board members
    "Lid Raad van Bestuur a.i.",
    "Voorzitter RvB (interim)",
    "Interim voorzitter Raad van Bestuur",
    "Voorzitter a.i.",
]
NOT_TOP = [
    "Manager Bestuurszaken",
    "Bestuurssecretaris",
    "Secretaris Raad van Commissarissen",
    "Lid Raad van Commissarissen",
    "Directiesecretaresse",
    "Secretaris Raad van Bestuur",
    "Secretaresse RvB",
    "Managementassistent bestuurder",
    "Adviseur Raad van Bestuur",
    "Heftruckbestuurder",  # a driver: bestuurder only inside a word
    "Kraanbestuurder",
    "Directeur Vastgoed",
    # review h107: a board word is not the board; the role is the title's head
    "Controller Raad van Bestuur",
    "Officemanager RvB",
    "Jurist RvB",
    "Manager staf Raad van Bestuur",
    "Chauffeur bestuurder",  # a driver
    "Bestuurder heftruck",
    "Bestuurder & secretaris",
    "Lid",  # of what?
    "Vice-voorzitter",
    "CEO",  # not the board here: an organisation so headed adds `ceo` to the titles
    "Directeur",
    "Bestuursadviseur",
    "Voorzitter Ondernemingsraad",  # review h111: a chair of something else
    "Voorzitter OR",
    "Voorzitter VvE",
    "Voorzitter Raad van Commissarissen",
    "Interim",
    "Verhuurconsulent",
    "",
]


def test_the_top_titles_alone_may_have_no_manager(home: Path, tmp_path: Path) -> None:
    rows = [*TOP, *NOT_TOP]
    f = write(
        tmp_path / "employees.csv",
        EMPLOYEE_HEADER
        + "".join(
            employee(str(100000 + i), org_unit="WH", manager_key="", job_title=title)
            for i, title in enumerate(rows)
        )
        # a manager_key makes any title right
        + employee("200000", manager_key="100000", job_title="Bestuurssecretaris"),
    )
    [result] = run(home, f)
    assert counts(result) == (len(rows) + 1, len(TOP) + 1, len(NOT_TOP))
    lines = [line for line, *_ in quarantined(home, "employees")]
    assert [rows[line - 2] for line in lines] == NOT_TOP
    assert {r[1:] for r in quarantined(home, "employees")} == {
        ("manager_key", None, "missing_required")
    }
    reason = query(home, "select reason from quarantine where dataset = 'employees' limit 1")
    assert reason[0][0].startswith("employees.csv, regel ")
    assert ", kolom manager_key, waarde leeg: manager_key is leeg; dat mag alleen" in reason[0][0]


def _manager_ok(ctx: SuiteContext, titles: list[str | None]) -> list[bool]:
    con = duckdb.connect()
    con.execute("create table t (manager_key varchar, job_title varchar, snapshot_month date)")
    con.executemany("insert into t values (null, ?, null)", [[t] for t in titles])
    return [r[0] for r in con.execute(f"select _manager_ok from ({derive('t', ctx)})").fetchall()]


def test_the_titles_are_the_catalogues_not_the_codes() -> None:
    """The titles come from risks/settings.yaml: another list, other titles; none, nobody."""
    titles = load_catalogue().settings.no_manager_titles.titles
    ctx = SuiteContext(today=dt.date.today(), no_manager_titles=tuple(titles))
    assert _manager_ok(ctx, ["Lid RvB", "CEO", None]) == [True, False, False]
    ceo = dataclasses.replace(ctx, no_manager_titles=("ceo", "[interim] (ceo|cfo)"))
    assert _manager_ok(ceo, ["Lid RvB", "CEO", "Interim CFO", "Assistent CEO"]) == [
        False,
        True,
        True,
        False,
    ]
    nobody = dataclasses.replace(ctx, no_manager_titles=())
    assert _manager_ok(nobody, ["Bestuurder"]) == [False]


@pytest.mark.parametrize(
    ("pattern", "regex"),
    [
        ("bestuurder", "bestuurder "),
        ("[vice] voorzitter", "(?:vice )?voorzitter "),
        ("(raad van bestuur|rvb) lid", "(?:raad van bestuur |rvb )lid "),
    ],
)
def test_a_title_pattern_is_words_with_choices_and_optional_parts(pattern, regex) -> None:
    assert title_regex(pattern) == regex


@pytest.mark.parametrize("pattern", ["(lid rvb", "lid] rvb", "(lid] rvb", "lid|rvb", "( )", "Lid"])
def test_a_broken_title_pattern_is_refused_when_the_catalogue_is_read(pattern) -> None:
    with pytest.raises(ValidationError):
        NoManagerTitles(titles=["bestuurder", pattern])


def test_a_unit_moved_by_a_newer_org_export_is_said_to_take_its_history_along(
    empty: Path, tmp_path: Path
) -> None:
    """helper-194: October's export moved a team from Verhuur to Vastgoed, and its whole
    history counted under Vastgoed from then on, unsaid (the tree is the newest export's
    for every month). An export that does not decide (a newer one holds the unit) and a
    re-export that moves nothing say nothing of it."""
    home = empty
    tree = "WH;Woonstichting;;organisatie\nVH;Verhuur;WH;afdeling\nVG;Vastgoed;WH;afdeling\n"
    mapping = "dataset: org_units\nfiles: ['org_*.csv']\nexport_date: {from_name: 'org_(.*)[.]'}\n"
    write(tmp_path / "org.mapping.yaml", mapping)

    def export(day: str, t1: str) -> list[str]:
        team = f"T1;Team 1 ({day});{t1};team\n"  # each export its own bytes
        path = write(tmp_path / day / f"org_{day}.csv", f"{ORG_HEADER}{tree}{team}")
        [result] = run(home, path, mappings=[tmp_path / "org.mapping.yaml"])
        return [n for n in map(str, result.notes) if "onder een andere eenheid" in n]

    assert export("2026-09-01", "VH") == []
    [said] = export("2026-11-01", "VG")
    assert said.startswith(
        "1 eenheid/eenheden staan in deze export onder een andere eenheid dan in "
        f"{tmp_path / '2026-09-01' / 'org_2026-09-01.csv'} (bijv. T1: eerst onder VH, nu onder VG)"
    )
    assert export("2026-10-01", "VG") == []  # November's holds T1: October decides nothing
    assert export("2026-12-01", "VG") == []  # moves nothing


def test_an_export_of_one_department_under_the_stored_top_loads(
    empty: Path, tmp_path: Path
) -> None:
    """helper-194: an org export of one department naming its parent in the stored tree
    (VH under WH) was refused: 'parent_unit bestaat niet in org_units', with no way in.
    A parent the stored tree holds is known; a cycle through the stored tree is still one
    (VH under VH-N, which the stored tree has under VH), and a parent nowhere unknown."""
    home = empty
    run(home, org_file(tmp_path, "WH;Woonstichting;;organisatie\nVH;Verhuur;WH;afdeling\n"
                       "VH-N;Verhuur Noord;VH;team\n"))  # fmt: skip
    part = write(tmp_path / "vh" / "org_units.csv", ORG_HEADER + "VH;Verhuur en Wonen;wh;afdeling\n"
                 "VH-O;Verhuur Oost;VH;team\n")  # fmt: skip
    [result] = run(home, part)  # wh: the stored WH, as codes are matched (helper-195)
    assert counts(result) == (2, 2, 0)
    sql = f"select parent_unit from raw_org_units where org_unit = 'VH' and _source_file = '{part}'"
    assert query(home, sql) == [("WH",)]
    # the same department as a top of its own (helper-194: cut loose from WH, unsaid)
    loose = write(tmp_path / "los" / "org_units.csv", ORG_HEADER + "VH;Verhuur;VH;afdeling\n"
                  "VH-O;Verhuur Oost;VH;team\n")  # fmt: skip
    [result] = run(home, loose)
    assert counts(result) == (2, 2, 0)
    [said] = [n for n in map(str, result.notes) if "onder een andere eenheid" in n]
    assert f"dan in {part} (bijv. VH: eerst onder WH, nu onder geen: de top)" in said
    [top] = [n for n in map(str, result.notes) if "nu een top naast" in n]
    assert top == (
        f"VH staat in deze export zonder bovenliggende eenheid (in {part} onder WH): het is "
        "nu een top naast WH, en zijn cijfers tellen in WH niet meer mee. Is dit een export "
        "van één afdeling, noem dan WH als parent_unit van VH"
    )
    # the whole tree turned over (WH now under VH): no other top beside it, nothing said
    swap = write(tmp_path / "om" / "org_units.csv", ORG_HEADER + "VH;Verhuur;;afdeling\n"
                 "WH;Woonstichting;VH;organisatie\nVH-O;Verhuur Oost;VH;team\n")  # fmt: skip
    [result] = run(home, swap)
    assert counts(result) == (3, 3, 0)
    assert not [n for n in map(str, result.notes) if "nu een top naast" in n]
    cycle = write(tmp_path / "cyc" / "org_units.csv", ORG_HEADER + "VH;Verhuur;VH-N;afdeling\n"
                  "VH-Z;Verhuur Zuid;VH;team\n")  # fmt: skip
    [result] = run(home, cycle)
    assert counts(result) == (2, 1, 1)
    assert (2, "parent_unit", "VH-N", "org_cycle") in quarantined(home, "org_units")
    nowhere = write(tmp_path / "elders" / "org_units.csv", ORG_HEADER + "KL;Klant;KLT;afdeling\n"
                    "KL-A;Klant A;KL;team\n")  # fmt: skip
    [result] = run(home, nowhere)
    assert counts(result) == (2, 1, 1)
    assert (2, "parent_unit", "KLT", "unknown_parent") in quarantined(home, "org_units")


def test_an_older_export_read_after_a_newer_one_is_walked_with_the_newer_parents(
    empty: Path, tmp_path: Path
) -> None:
    """helper-195: September's export of Vastgoed (then under Verhuur) read after the
    November tree (Verhuur moved under Vastgoed) was refused as a cycle: its parents were
    walked with November's, though November's count for those units. It loads, and the
    tree stays November's; a cycle in the older file alone is still one, and a file of the
    same date as the newer export, read after it, is the newer one."""
    home = empty
    mapping = "dataset: org_units\nfiles: ['org_*.csv']\nexport_date: {from_name: 'org_(.*)[.]'}\n"
    maps = [write(tmp_path / "org.mapping.yaml", mapping)]

    def export(day: str, lines: str) -> tuple[int, int, int]:
        path = write(tmp_path / f"{day}-{len(lines)}" / f"org_{day}.csv", ORG_HEADER + lines)
        [result] = run(home, path, mappings=maps)
        return counts(result)

    november = "WH;Woonstichting;;organisatie\nVG;Vastgoed;WH;afdeling\nVH;Verhuur;VG;afdeling\n"
    assert export("2026-11-01", november) == (3, 3, 0)
    september = "VG;Vastgoed;VH;afdeling\nVG-1;Vastgoed 1;VG;team\n"
    assert export("2026-09-01", september) == (2, 2, 0)
    tree = "select org_unit_id, parent_unit_id from stg_hr__org_units order by 1"
    ingest_and_model(home / "warehouse.duckdb", [], ["stg_hr__org_units"])
    assert query(home, tree) == [("VG", "WH"), ("VG-1", "VG"), ("VH", "VG"), ("WH", None)]
    # a cycle in the older file alone: units November holds, each under the other, and
    # new units each under the other
    own = "VG;Vastgoed;VH;afdeling\nVH;Verhuur;VG;afdeling\n"
    assert export("2026-09-01", own) == (2, 0, 2)
    new = "VG-2;Vastgoed 2;VG-3;team\nVG-3;Vastgoed 3;VG-2;team\nVG-4;Vastgoed 4;VG;team\n"
    assert export("2026-09-01", new) == (3, 1, 2)
    # the same date as November's, read after it: this one is newer, and VG under VH is
    # the cycle it makes with November's VH under VG
    assert export("2026-11-01", september) == (2, 1, 1)
    assert (2, "parent_unit", "VH", "org_cycle") in quarantined(home, "org_units")


@pytest.mark.parametrize(
    ("lines", "stored"),
    [
        # 0 for no parent, as SQL-based HR systems write the top's (helper-197: the top
        # was quarantined, 'parent_unit bestaat niet', and the tree had none)
        ("1000;Polderland;0;organisatie\n1100;Wonen;1000;afdeling\n", {"1000": None}),
        ("1000;Polderland;000;organisatie\n1100;Wonen;1000;afdeling\n", {"1000": None}),
        # a unit whose code is 0: its children's parent
        ("0;Polderland;;organisatie\n1100;Wonen;0;afdeling\n", {"1100": "0"}),
    ],
)
def test_a_parent_of_zeros_is_the_top_unless_a_unit_is_so_coded(
    empty: Path, tmp_path: Path, lines: str, stored: dict[str, str | None]
) -> None:
    [result] = run(empty, org_file(tmp_path, lines))
    assert counts(result) == (2, 2, 0), [str(n) for n in result.notes]
    found = parents(empty)
    assert {unit: found[unit] for unit in stored} == stored
