"""`radar withdraw`: an export loaded by mistake taken back (helper-121: the Excel copy of
an HR month was said to count twice, "lees dan alleen de oorspronkelijke export in",
and stayed loaded with no way back but a new warehouse). Its rows count nowhere, its log
line stays as withdrawn with when and by whom, the same content is never read again,
and a name that fits no loaded export, or several, withdraws nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from pipelines.cli.main import main
from tests.conftest import home_copy, home_template
from tests.readers import reading
from tests.test_hr_months_twice import FIRST, hr
from tests.test_ingest import EMPLOYEE_HEADER, ORG, employee, home, org_home, query, write

__all__ = ["home", "org_home"]  # fixtures used here (tests/test_ingest.py)


def people(home: Path) -> int:
    return query(home, "select count(*) from stg_hr__employees")[0][0]


def digest(home: Path) -> str:
    return hashlib.sha256((home / "warehouse.duckdb").read_bytes()).hexdigest()


def _load_twice(root: Path) -> None:
    write(root / "in" / "org_units.csv", ORG)
    assert main(["ingest", str(root / "in" / "org_units.csv"), "--quiet"]) == 0
    original = hr(root / "maart", "hr_maart.csv", FIRST)
    copy = hr(root / "maart_excel", "hr_maart.csv", [k.lstrip("0") for k in FIRST])
    assert main(["ingest", str(original), "--quiet"]) == 0
    assert main(["ingest", str(copy), "--quiet"]) == 0


@pytest.fixture(scope="module")
def twice_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The organisation tree, an HR month and its Excel copy ingested once for the module
    (tests/conftest.py, home_template)."""
    return home_template(tmp_path_factory.mktemp("twice"), _load_twice)


@pytest.fixture
def twice(
    twice_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path, Path]:
    """An HR month loaded, then its Excel copy (numbers without their zeros) too: a copy of
    twice_home's warehouse. The two exports are twice_home's own files (the log names
    them by their paths there); a test reads them and never changes them. Returns the
    home, the original and the copy."""
    home = home_copy(twice_home, tmp_path / "twice", monkeypatch)
    assert people(home) == 10  # the month counted twice
    return home, twice_home / "maart" / "hr_maart.csv", twice_home / "maart_excel" / "hr_maart.csv"


def test_a_withdrawn_export_counts_nowhere_and_is_not_read_again(
    twice: tuple[Path, Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home, original, copy = twice
    capsys.readouterr()
    assert main(["withdraw", str(copy), "--by", "R. de Vries"]) == 0
    out = capsys.readouterr().out
    assert f"ingetrokken: {copy} -> employees: 5 rij(en) tellen niet meer mee" in out
    assert people(home) == 5
    assert query(home, "select distinct _source_file from raw_employees") == [(str(original),)]
    [(status, loaded, notes)] = query(
        home,
        f"select status, rows_loaded, notes from report_ingest_log where source_file = '{copy}'",
    )
    assert (status, loaded) == ("ingetrokken", 0)
    assert "door R. de Vries: de rijen tellen niet meer mee" in notes
    # the same content again (its folder ingested as each month is): skipped, said why
    assert main(["ingest", str(copy.parent)]) == 0
    out = capsys.readouterr().out
    assert f"{copy}: zelfde inhoud als {copy}, ingelezen op " in out
    assert "en daarna ingetrokken (radar withdraw); niet opnieuw ingelezen" in out
    assert "--undo" not in out  # the same file: no way back through a copy (helper-155)
    monkeypatch.chdir(copy.parent)  # named another way (helper-157)
    assert main(["ingest", copy.name]) == 0
    out = capsys.readouterr().out
    assert "niet opnieuw ingelezen" in out and "--undo" not in out, out
    # the same content under another name: the way back named (helper-150: a re-dated
    # copy withdrawn took its original along)
    other = copy.parent.parent / "elders" / "hr_maart_kopie.csv"
    other.parent.mkdir()
    other.write_bytes(copy.read_bytes())
    assert main(["ingest", str(other)]) == 0
    out = capsys.readouterr().out
    assert f"verwijder of verplaats dan eerst {copy} (anders telt die kopie" in out
    assert f"geef de inhoud vrij met radar withdraw --undo {copy} --by NAAM" in out
    assert people(home) == 5


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("hr_februari.csv", "\nhr_februari.csv: geen ingelezen export met deze naam"),
        # two loaded files of this name: each listed, with its content code to name it by
        ("hr_maart.csv", "\nhr_maart.csv: past bij meer dan één ingelezen export: "),
    ],
)
def test_a_name_that_fits_no_export_or_several_withdraws_nothing(
    twice: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], name: str, said: str
) -> None:
    home, _, copy = twice
    before = digest(home)
    capsys.readouterr()
    # all or nothing: the copy is named rightly beside it, and stays loaded too
    assert main(["withdraw", str(copy), name, "--by", "R. de Vries"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("radar: niets ingetrokken of vrijgegeven:\n") and said in err, err
    assert digest(home) == before
    assert people(home) == 10


def test_an_export_is_named_by_its_path_or_its_name_alone(
    twice: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home, original, copy = twice
    other = hr(tmp_path / "april", "hr_april.csv", ["000201", "000202"])
    assert main(["ingest", str(other), "--quiet"]) == 0
    assert main(["withdraw", "hr_april.csv", "--by", "R. de Vries"]) == 0  # the one so named
    relative = Path("..") / copy.relative_to(copy.parents[1])  # another way to the file
    capsys.readouterr()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(original.parent)
        assert main(["withdraw", str(relative), "--by", "R. de Vries"]) == 0
    assert people(home) == 5
    assert main(["withdraw", str(copy), "--by", "R. de Vries"]) == 1  # once is enough
    assert f"{copy}: deze export is al ingetrokken" in capsys.readouterr().err


def test_one_name_for_two_loads_withdraws_neither(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-122: the original and its copy ingested from their own folders were both
    logged as 'hr_maart.csv', and that name withdrew both (the month gone for good); run
    from the copy's folder it withdrew the original. Now each is listed, and named by the
    start of its content code. The log names each by its full path now (helper-278), so
    typed in the copy's folder the name is the copy; typed where neither is, the name
    alone fits both."""
    original = hr(tmp_path / "maart", "hr_maart.csv", FIRST)
    copy = hr(tmp_path / "excel", "hr_maart.csv", [k.lstrip("0") for k in FIRST])
    with pytest.MonkeyPatch.context() as mp:
        for path in (original, copy):
            mp.chdir(path.parent)
            assert main(["ingest", path.name, "--quiet"]) == 0
        mp.chdir(tmp_path)  # neither file here
        capsys.readouterr()
        assert main(["--lang", "en", "withdraw", "hr_maart.csv", "--by", "R. de Vries"]) == 1
        english = capsys.readouterr().err
        assert main(["withdraw", "hr_maart.csv", "--by", "R. de Vries"]) == 1
    # the loads listed in the message's language (they were Dutch in an English message)
    assert english.count("hr_maart.csv (ingested ") == 2 and "ingelezen" not in english, english
    err = capsys.readouterr().err
    codes = query(home, "select content_hash from ingest_log order by ingested_at, rowid")
    assert err.count("hr_maart.csv (ingelezen ") == 2, err
    assert people(home) == 10
    code = codes[-1][0][:12]  # the copy's, as listed
    assert f"inhoud-code {code})" in err
    assert main(["withdraw", code.upper(), "--by", "R. de Vries"]) == 0  # as typed
    assert query(home, "select count(*) from raw_employees")[0][0] == 5
    assert people(home) == 5


@pytest.mark.parametrize("by", ["", "   ", "R.\x1b[31m", "R. de Vries\u2028(RvC)", "\u0301R."])
def test_who_withdraws_is_named_plainly(
    home: Path, capsys: pytest.CaptureFixture[str], by: str
) -> None:
    """Checked before anything is read or changed (no export needed to show it)."""
    before = digest(home)
    assert main(["withdraw", "hr_maart.csv", "--by", by]) == 1
    assert "noem wie dit doet, met een naam zonder stuurtekens" in capsys.readouterr().err
    assert digest(home) == before


def test_a_withdrawn_export_is_released_to_be_read_again(
    twice: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-122: a withdrawal was for good; --undo lets the content be read again, and
    the log keeps both, with when and by whom (helper-123: the line was deleted)."""
    home, _, copy = twice
    assert main(["withdraw", str(copy), "--by", "R. de Vries"]) == 0
    assert main(["withdraw", str(copy), "--by", "A. Jansen", "--undo"]) == 0
    assert "vrijgegeven: " in capsys.readouterr().out
    assert people(home) == 5  # released, not read yet
    [(status, notes)] = query(
        home, f"select status, notes from report_ingest_log where source_file = '{copy}'"
    )
    assert status == "vrijgegeven"
    assert "door R. de Vries: de rijen tellen niet meer mee" in notes
    assert "door A. Jansen: mag opnieuw worden ingelezen" in notes
    assert main(["ingest", str(copy), "--quiet"]) == 0
    assert people(home) == 10
    assert main(["withdraw", str(copy), "--by", "R. de Vries", "--undo"]) == 1  # not withdrawn
    assert main(["withdraw", str(copy), "--by", "R. de Vries"]) == 0  # again: one load
    assert people(home) == 5


def build_anew(home: Path) -> None:
    """The warehouse built again from RADAR_HOME/raw alone, as after losing it (the
    organisation tree there too)."""
    write(home / "raw" / "org_units.csv", ORG)
    (home / "warehouse.duckdb").unlink()
    assert main(["build", "--quiet"]) == 0


def test_a_withdrawn_file_and_its_copies_leave_raw(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-122: the file stayed in raw/ and a warehouse built anew read it again;
    helper-123: a copy under another name did. Every file of that content moves out, and
    --undo puts the withdrawn file back where it was."""
    raw = home / "raw"
    original = hr(raw, "hr_maart.csv", FIRST)
    copy = hr(raw / "uploads", "hr_maart_kopie.csv", FIRST)  # the same bytes
    assert main(["build", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["withdraw", "hr_maart.csv", "--by", "R. de Vries"]) == 0
    err = capsys.readouterr().err
    assert not original.exists() and not copy.exists(), err
    assert err.count("staat nu in ") == 2, err
    build_anew(home)
    assert people(home) == 0
    # the log went with the warehouse: built anew, nothing is withdrawn there to release;
    # --undo says where the file lies (helper-198 5c: 'geen ingelezen export ...' alone);
    # in a kept warehouse --undo puts the file back (test below)
    capsys.readouterr()
    assert main(["withdraw", "hr_maart.csv", "--by", "R. de Vries", "--undo"]) != 0
    err = capsys.readouterr().err
    [aside] = (home / "withdrawn").glob("*/hr_maart.csv")
    assert (
        f"hr_maart.csv: dit warehouse kent geen ingetrokken export met deze naam (het is "
        f"sindsdien opnieuw opgebouwd), maar bij het intrekken is het bestand verplaatst naar "
        f"{aside}; zet het terug" in " ".join(err.split())
    ), err
    assert main(["withdraw", "hr_ander.csv", "--by", "R. de Vries", "--undo"]) != 0
    assert "hr_ander.csv: geen ingelezen export" in capsys.readouterr().err


def test_undo_puts_the_withdrawn_file_back_in_raw(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = home / "raw"
    original = hr(raw, "hr_maart.csv", FIRST)
    assert main(["build", "--quiet"]) == 0
    assert main(["withdraw", "hr_maart.csv", "--by", "R. de Vries"]) == 0
    assert not original.exists()
    capsys.readouterr()
    assert main(["withdraw", "hr_maart.csv", "--by", "R. de Vries", "--undo"]) == 0
    assert "staat weer in raw/" in capsys.readouterr().err
    assert original.exists()
    build_anew(home)
    assert people(home) == 5


def test_a_file_overwritten_since_stays_in_raw(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-123: withdrawing March's load moved the file that held April by then, and
    a warehouse built anew lost April; a file is moved only if it holds that content."""
    raw = home / "raw"
    hr(raw, "hr_maand.csv", FIRST)
    assert main(["build", "--quiet"]) == 0
    (march,) = query(home, "select content_hash from ingest_log where status = 'geladen'")[-1]
    april = hr(raw, "hr_maand.csv", ["000201", "000202", "000203", "000204", "000205"])
    assert main(["build", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["withdraw", march[:12], "--by", "R. de Vries"]) == 0
    assert "blijft in raw/ staan" in capsys.readouterr().err
    assert april.exists()
    build_anew(home)
    assert people(home) == 5


@pytest.mark.parametrize("sheets", [["2026"], ["2025", "2026"]])
def test_a_withdrawn_sheet_leaves_raw_only_with_its_workbook_whole(
    home: Path, sheets: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-124: a one-sheet workbook read under a mapping's sheet stayed in raw/ and
    came back in a warehouse built anew; helper-123: a workbook whose other sheet still
    counts stays whole (moving it lost that sheet)."""
    import openpyxl

    raw = home / "raw"
    raw.mkdir(exist_ok=True)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, sheet in enumerate(sheets):
        ws = wb.create_sheet(sheet)
        ws.append(["employee_key", "year", "private_km"])
        ws.append([f"E{n}", int(sheet), 900 + n])
        write(
            raw / f"km_{sheet}.mapping.yaml",
            f"dataset: vehicle_use\nfiles: ['km.xlsx']\nsheet: '{sheet}'\n",
        )
    wb.save(raw / "km.xlsx")
    assert main(["build", "--quiet"]) == 0
    sql = "select content_hash from ingest_log where mapping_file like '%km_2026%'"
    code = query(home, sql)[0][0]
    capsys.readouterr()
    assert main(["withdraw", code[:12], "--by", "R. de Vries"]) == 0
    err = capsys.readouterr().err
    whole = len(sheets) == 1
    assert (raw / "km.xlsx").exists() != whole, err
    assert ("blijft in raw/ staan" in err) != whole, err
    build_anew(home)
    years = query(home, "select year from raw_vehicle_use order by 1")
    # the workbook kept whole: its withdrawn sheet is read again, as the command said
    assert years == ([] if whole else [(2025,), (2026,)])


def test_a_file_whose_content_was_read_under_another_name_names_that_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-190 D14: an export re-sent under a newer export date replaces its first load
    (the same bytes); withdrawing the first file by its name then fitted nothing and said
    there was no such export. It names the export its content was read as, and withdraws
    nothing; a name that is no file, and a file of other content, are still unknown."""
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    mapping = (
        "dataset: org_units\nfiles: ['org_*.csv']\n"
        "export_date: {from_name: 'org_(\\d{4}-\\d{2}-\\d{2})'}\n"
    )
    first = write(tmp_path / "maart" / "org_2026-03-01.csv", ORG)
    write(tmp_path / "maart" / "org.mapping.yaml", mapping)
    resent = write(tmp_path / "april" / "org_2026-04-01.csv", ORG)
    write(tmp_path / "april" / "org.mapping.yaml", mapping)
    other = write(tmp_path / "elders" / "org_2026-05-01.csv", ORG.replace("\n", "\r\n"))
    assert main(["ingest", str(first.parent), "--quiet"]) == 0
    assert main(["ingest", str(resent.parent), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["withdraw", str(first), "--by", "R. de Vries"]) == 1
    err = capsys.readouterr().err
    assert (
        f"{first}: geen ingelezen export met deze naam, maar zijn inhoud is ingelezen als " in err
    )
    assert f"als {resent} (inhoud-code " in err
    loaded = "select status from ingest_log where source_file = ?"
    with reading(str(tmp_path / "home" / "warehouse.duckdb")) as con:
        assert con.execute(loaded, [str(resent)]).fetchall() == [("geladen",)]
    for name in (other, tmp_path / "nergens.csv"):
        assert main(["withdraw", str(name), "--by", "R. de Vries"]) == 1
        assert f"{name}: geen ingelezen export met deze naam, dit pad of deze inhoud-code" in (
            capsys.readouterr().err
        )


def test_withdrawing_the_org_export_a_unit_was_only_in_says_its_rows_count_nowhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-194: after a reorganisation the older org export, withdrawn so the tree is
    the newest one's, took its removed units with it, and the HR rows naming them dropped
    out of every figure, unsaid. Withdrawing an org export whose units every row still
    finds says nothing of them."""
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    old = write(tmp_path / "sep" / "org_units.csv", ORG + "VH-X;Verhuur Oud;VH;team\n")
    staff = [employee(f"10{i:04d}", org_unit="VH-X") for i in range(3)]
    staff += [employee(f"20{i:04d}") for i in range(5)]
    hr = write(tmp_path / "hr" / "employees.csv", EMPLOYEE_HEADER + "".join(staff))
    assert main(["ingest", str(old), str(hr), "--quiet"]) == 0
    # the same month again, corrected (helper-195: its rows were counted twice here)
    again = write(tmp_path / "hr2" / "employees.csv", EMPLOYEE_HEADER + "".join(staff[::-1]))
    assert main(["ingest", str(again), "--quiet"]) == 0
    new = write(tmp_path / "okt" / "org_units.csv", ORG)  # VH-X opgeheven
    assert main(["ingest", str(new), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["withdraw", str(old), "--by", "R. de Vries"]) == 0
    err = capsys.readouterr().err
    assert (
        "radar: let op: 3 rij(en) van andere exports (employees) noemen een eenheid die in "
        "geen ingelezen organisatie-export meer staat (VH-X): die tellen nu in geen eenheid"
    ) in err
    # the newest org export withdrawn in turn: the rest of the units the HR rows name are
    # gone now (VH-X's 3 rows were before: said once, helper-196)
    assert main(["withdraw", str(new), "--by", "R. de Vries"]) == 0
    err = capsys.readouterr().err
    assert "5 rij(en) van andere exports (employees)" in err and "(VH-N)" in err
    # released again: nothing more said (helper-196: the warning and its undo repeated)
    assert main(["withdraw", "--undo", str(new), "--by", "R. de Vries"]) == 0
    assert "let op" not in capsys.readouterr().err


def test_withdrawing_an_org_export_whose_units_stay_says_nothing_of_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    old = write(tmp_path / "sep" / "org_units.csv", ORG)
    hr = write(tmp_path / "hr" / "employees.csv", EMPLOYEE_HEADER + employee())
    new = write(tmp_path / "okt" / "org_units.csv", ORG.replace("Verhuur Noord", "Noord"))
    assert main(["ingest", str(old), str(hr), "--quiet"]) == 0
    assert main(["ingest", str(new), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["withdraw", str(old), "--by", "R. de Vries"]) == 0
    assert "geen ingelezen organisatie-export" not in capsys.readouterr().err


def test_withdrawing_the_org_export_that_held_the_top_says_the_tree_stops_below_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-195: a later list of departments under WH without WH's own row, then the
    full export withdrawn: the tree lost its top and every mart was empty, said as 'n
    rows name a unit'. A corrected HR month names its unit once, not once per export."""
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    full = write(tmp_path / "sep" / "org_units.csv", ORG)
    hr = [employee(f"20{i:04d}", org_unit="VH") for i in range(2)]
    first = write(tmp_path / "hr1" / "employees.csv", EMPLOYEE_HEADER + "".join(hr))
    again = write(tmp_path / "hr2" / "employees.csv", EMPLOYEE_HEADER + "".join(hr[::-1]))
    assert main(["ingest", str(full), str(first), "--quiet"]) == 0
    assert main(["ingest", str(again), "--quiet"]) == 0  # the same month again, corrected
    heads = "".join(line + "\n" for line in ORG.splitlines()[2:])  # VH and its teams, no WH
    part = write(tmp_path / "okt" / "org_units.csv", ORG.splitlines()[0] + "\n" + heads)
    assert main(["ingest", str(part), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["withdraw", str(full), "--by", "R. de Vries"]) == 0
    err = capsys.readouterr().err
    assert "radar: let op: 1 eenheid/eenheden staan nu onder een eenheid die in geen " in err
    assert "organisatie-export meer staat (WH): de organisatieboom houdt bij hen op" in err
    assert "rij(en) van andere exports" not in err  # VH is still held: its HR rows count


def test_withdrawing_an_org_export_says_only_what_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-196: units that hung under a refused unit before were blamed on the
    withdrawal of a department's export, with its undo as the way out."""
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    teams = "".join(f"T{i};Team {i};BB;team\n" for i in (1, 2))
    lines = "".join(f"D{i};Afdeling {i};WH;afdeling\n" for i in range(1, 12))
    tree = ORG + "BB;Bureau;WH;directie\n" + teams + lines  # BB refused: no such level
    assert main(["ingest", str(write(tmp_path / "sep" / "org_units.csv", tree)), "--quiet"]) == 0
    part = write(
        tmp_path / "a1" / "org_units.csv", ORG.splitlines()[0] + "\nA1;Afdeling A1;WH;afdeling\n"
    )
    assert main(["ingest", str(part), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["withdraw", str(part), "--by", "R. de Vries"]) == 0
    assert "let op" not in capsys.readouterr().err


def test_an_export_ingested_by_a_relative_path_is_named_by_its_full_path(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-266: `radar ingest exports` from /tmp/h logged `exports/...`; the export's
    full path, typed in from another folder, fitted no load ('geen ingelezen export met
    deze naam'). A relative path logged is the file whose path ends in it; another file
    of that relative path (elsewhere) is a different file and withdraws nothing."""
    april = hr(tmp_path / "work" / "exports", "hr_april.csv", ["000201", "000202"])
    monkeypatch.chdir(tmp_path / "work")
    assert main(["ingest", "exports/hr_april.csv", "--quiet"]) == 0
    logged = "select source_file from ingest_log where dataset = 'employees'"
    assert query(home, logged) == [(str(april),)]  # its full path (helper-278)
    # as a version before helper-278 logged it: the path as typed
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute("update ingest_log set source_file = 'exports/hr_april.csv'")
    monkeypatch.chdir("/")
    elsewhere = hr(tmp_path / "other" / "exports", "hr_april.csv", ["000301"])
    assert main(["withdraw", str(elsewhere), "--by", "R. de Vries"]) == 1  # not that file
    assert main(["withdraw", str(april), "--by", "R. de Vries"]) == 0
    status = "select status from ingest_log where dataset = 'employees'"
    assert query(home, status) == [("ingetrokken",)]


def test_a_relative_path_through_a_symlinked_folder_or_up_is_named_by_its_full_path(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-267 F4: `exports` a symlink to the real folder, or the export ingested as
    `../mei/hr_mei.csv`: the full path typed in from / fitted nothing."""
    real = hr(tmp_path / "store" / "echt", "hr_april.csv", ["000201", "000202"])
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "exports").symlink_to(real.parent)
    mei = hr(tmp_path / "mei", "hr_mei.csv", ["000301", "000302"])
    monkeypatch.chdir(tmp_path / "work")
    assert main(["ingest", "exports/hr_april.csv", "../mei/hr_mei.csv", "--quiet"]) == 0
    monkeypatch.chdir("/")
    typed = tmp_path / "work" / "exports" / "hr_april.csv"  # through the link, as typed
    assert main(["withdraw", str(typed), str(mei), "--by", "R. de Vries"]) == 0
    status = "select distinct status from ingest_log where dataset = 'employees'"
    assert query(home, status) == [("ingetrokken",)]


def test_a_withdrawn_file_given_from_its_parent_folder_is_said_as_itself(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-278: ingested and withdrawn as `hr_april.csv` from its folder, then given as
    `A/hr_april.csv` from the folder above, it was said as a copy of 'hr_april.csv', with
    the way back through that copy: followed, it counted the withdrawn export again."""
    april = hr(tmp_path / "A", "hr_april.csv", ["000201", "000202"])
    monkeypatch.chdir(april.parent)
    assert main(["ingest", april.name, "--quiet"]) == 0
    assert main(["withdraw", april.name, "--by", "R. de Vries"]) == 0
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["ingest", "A/hr_april.csv"]) == 0
    out = capsys.readouterr().out
    assert f"A/hr_april.csv: zelfde inhoud als {april}, ingelezen op " in out, out
    assert "niet opnieuw ingelezen" in out and "--undo" not in out, out
