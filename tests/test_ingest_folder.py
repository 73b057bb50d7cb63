"""A folder given to radar ingest: its exports are read, its column mappings found by
name in any case, and every other file (another format, Excel's lock file of an open
workbook) is named on stderr instead of being left out without a word."""

from __future__ import annotations

import glob
import io
import os
import subprocess
import sys
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import openpyxl
import pytest

from pipelines.cli.main import main
from pipelines.ingest.folders import expand_paths, skipped_in_folders
from pipelines.ingest.readers import UnusableFile
from tests.ingesthelpers import ingest_only
from tests.test_ingest import query, write
from tests.test_ingest_trial import KM_2025, KM_2026, _workbook


def folder(tmp_path: Path) -> Path:
    root = tmp_path / "exports"
    write(
        root / "eenheden.csv",
        "code;naam;boven;niveau\nWH;Woonpunt;;organisatie\nFIN;Fin;WH;afdeling\n",
    )
    write(
        root / "Eenheden.Mapping.YAML",
        "dataset: org_units\nfiles: [eenheden.csv]\n"
        "columns: {code: org_unit, naam: name, boven: parent_unit, niveau: level}\n",
    )
    write(root / "leaseauto.xls", "binary")
    write(root / "sub" / "gifts.ods", "binary")
    write(root / "~$eenheden.xlsx", "lock")
    write(root / ".upload-123.part", "being written")
    # a hidden folder's files are neither read nor listed (a notebook's checkpoint copy
    # would otherwise be read as an export of its own)
    write(root / ".ipynb_checkpoints" / "eenheden-checkpoint.csv", "code;naam\nX;Y\n")
    write(root / ".git" / "objects" / "ab" / "cdef", "blob")
    return root


def test_the_walk_reads_exports_and_mappings_and_lists_the_rest(tmp_path: Path) -> None:
    root = folder(tmp_path)
    files, mappings = expand_paths([root])
    assert [p.name for p in files] == ["eenheden.csv"]
    assert [m.path.name for m in mappings] == ["Eenheden.Mapping.YAML"]
    assert [p.relative_to(root).as_posix() for p in skipped_in_folders([root])] == [
        "leaseauto.xls",
        "sub/gifts.ods",
        "~$eenheden.xlsx",
    ]


def test_radar_ingest_names_what_it_leaves_out_and_loads_the_rest(tmp_path: Path) -> None:
    root = folder(tmp_path)
    home = tmp_path / "home"
    env = {**os.environ, "RADAR_HOME": str(home), "RADAR_PSEUDONYM_KEY": "k" * 32}
    out = subprocess.run(
        [sys.executable, "-m", "pipelines.cli.main", "ingest", str(root)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "radar: let op: niet ingelezen (geen CSV, TXT, TSV, XLSX of Parquet" in out.stderr
    for name in ("leaseauto.xls", "gifts.ods", "~$eenheden.xlsx"):
        assert name in out.stderr
    assert ".upload-123.part" not in out.stderr
    assert query(home, "select org_unit from raw_org_units order by 1") == [("FIN",), ("WH",)]


def test_a_link_to_a_file_that_is_not_there_is_named(tmp_path: Path) -> None:
    """helper-193: trainings.csv, a link to a file deleted since, was passed over and the
    folder called empty ('geen bestanden gevonden'). It is read, and refused naming where
    it points; the file beside it loads; a dangling link of another kind is listed."""
    root = folder(tmp_path)
    (root / "trainingen.csv").symlink_to(tmp_path / "weg" / "trainingen.csv")
    (root / "oud.xls").symlink_to(tmp_path / "weg" / "oud.xls")
    (root / "zelf.csv").symlink_to(root / "zelf.csv")  # a loop (helper-199: a traceback)
    files, _ = expand_paths([root])
    assert [p.name for p in files] == ["eenheden.csv", "trainingen.csv"]
    skipped = [p.name for p in skipped_in_folders([root])]
    assert "oud.xls" in skipped and "zelf.csv" in skipped
    out = _radar_ingest(tmp_path / "home", root)
    assert out.returncode == 1, out.stdout + out.stderr
    said = f"{root / 'trainingen.csv'}: een koppeling naar {tmp_path / 'weg' / 'trainingen.csv'}"
    assert f"radar: {said}, dat niet (meer) bestaat; niets ingelezen" in out.stderr
    assert query(tmp_path / "home", "select count(*) from raw_org_units") == [(2,)]


def _radar_ingest(home: Path, folder: Path) -> subprocess.CompletedProcess:
    """``radar ingest folder`` in this process (the command as a subprocess runs it in
    test_radar_ingest_names_what_it_leaves_out_and_loads_the_rest): its exit code and
    what it printed, as subprocess.run returns them, without a second of imports a run."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as env, redirect_stdout(out), redirect_stderr(err):
        env.setenv("RADAR_HOME", str(home))
        env.setenv("RADAR_PSEUDONYM_KEY", "k" * 32)
        code = main(["ingest", str(folder)])
    return subprocess.CompletedProcess(["radar", "ingest"], code, out.getvalue(), err.getvalue())


def test_two_mappings_in_a_folder_read_two_sheets_of_one_workbook(tmp_path: Path) -> None:
    """helper-113: a register kept one sheet a year, with a mapping per sheet beside it as
    the README says: only the first sheet was read, and the second mapping was said to
    match no file ('controleer de naam'). Each is a load of its own, named by its sheet;
    the second run skips both; a sheet that is refused (read first) keeps its refusal
    beside the two loaded after it: a sheet replaces only its own earlier refusals."""
    folder = tmp_path / "in"
    folder.mkdir()
    bad = [["employee_key", "year", "private_km"], ["1", 2024, "veel"]]
    _workbook(folder / "km.xlsx", {"2024": bad, "2025": KM_2025, "2026": KM_2026})
    for year in ("2024", "2025", "2026"):
        (folder / f"km{year}.mapping.yaml").write_text(
            f"dataset: vehicle_use\nfiles: ['km.xlsx']\nsheet: '{year}'\n", "utf-8"
        )
    home = tmp_path / "home"
    out = _radar_ingest(home, folder)
    assert out.returncode == 1, out.stdout + out.stderr  # the 2024 sheet is refused
    assert "past op geen enkel bestand" not in out.stderr
    for year in ("2024", "2025", "2026"):
        assert f"km.xlsx [{year}]" in out.stdout + out.stderr, out.stdout + out.stderr
    assert "1 geweigerd (km.xlsx [2024])" in out.stdout
    # helper-236: another sheet is no earlier version of this one (told to withdraw it)
    assert "met een andere inhoud" not in out.stdout + out.stderr, out.stdout + out.stderr
    expected = [(2025, 100.0), (2026, 200.0), (2026, 300.0)]
    assert query(home, "select year, private_km from raw_vehicle_use order by 1, 2") == expected
    logged = query(home, "select status, rows_loaded from ingest_log order by rows_loaded")
    assert logged == [("geweigerd", 0), ("geladen", 1), ("geladen", 2)]
    again = _radar_ingest(home, folder)
    assert query(home, "select year, private_km from raw_vehicle_use order by 1, 2") == expected
    assert query(home, "select count(*) from ingest_log where status = 'geweigerd'") == [(1,)]
    assert "2 al eerder ingelezen" in again.stdout, again.stdout
    assert "km.xlsx [2026]: al ingelezen (zelfde inhoud)" in again.stdout


def test_a_mapping_passed_over_for_another_is_said_so_by_name(tmp_path: Path) -> None:
    """Two mappings that both match one file, neither naming a sheet: the first reads it,
    and the other is said to have been passed over for it (not 'matches no file')."""
    folder = tmp_path / "in"
    folder.mkdir()
    _workbook(folder / "km.xlsx", {"2026": KM_2026})
    for name in ("a", "b"):
        (folder / f"{name}.mapping.yaml").write_text(
            "dataset: vehicle_use\nfiles: ['km*.xlsx']\n", "utf-8"
        )
    out = _radar_ingest(tmp_path / "home", folder)
    assert out.returncode == 0, out.stderr
    assert "past op geen enkel bestand" not in out.stderr
    assert "b.mapping.yaml past op" in out.stderr and "a.mapping.yaml, de koppeling" in out.stderr


ALLOCATIONS = "Nummer;Datum;Kanaal;VHE;Consulent\n{rows}"
ALLOCATION_MAPPING = (
    "dataset: allocations\nfiles: [{pattern}]\nexport_date: {date}\n"
    "columns: {{Nummer: allocation_id, Datum: allocated_on, Kanaal: channel, VHE: dwelling_id,"
    " Consulent: consultant_key}}\n"
)


def test_each_folder_s_export_is_read_with_the_mapping_in_its_own_folder(tmp_path: Path) -> None:
    """helper-189: q_maart/ and q_juni/ each hold toewijzingen.csv and a mapping with its
    own export date; both files were read with q_juni/'s (sorted first), so the March
    export, dated June and read last, won over the June correction. The nearest mapping
    reads a file; one in the folder above reads a file whose folder has none."""
    root = tmp_path / "in"
    for folder, date, channel in (("q_juni", "2026-06-30", "maatwerk"),
                                  ("q_maart", "2026-03-31", "regulier"),
                                  ("q_sept", None, "urgentie")):  # fmt: skip
        (root / folder).mkdir(parents=True)
        write(root / folder / "toewijzingen.csv",
              ALLOCATIONS.format(rows=f"TW-1;15-03-2026;{channel};V1;C1\n"))  # fmt: skip
        if date:
            (root / folder / "t.mapping.yaml").write_text(
                ALLOCATION_MAPPING.format(pattern="'toewijzingen.csv'", date=date), "utf-8"
            )
    (root / "boven.mapping.yaml").write_text(  # the folder above: q_sept/ has none
        ALLOCATION_MAPPING.format(pattern="'q_sept/toewijzingen.csv'", date="2026-09-30"),
        "utf-8",
    )
    home = tmp_path / "home"
    out = _radar_ingest(home, root)
    assert out.returncode == 0, out.stdout + out.stderr
    logged = query(home, "select source_file, mapping_file, export_date from ingest_log")
    assert sorted(
        (Path(f).parent.name, str(Path(m).relative_to(root).with_suffix("")), str(d))
        for f, m, d in logged
    ) == [
        ("q_juni", "q_juni/t.mapping", "2026-06-30"),
        ("q_maart", "q_maart/t.mapping", "2026-03-31"),
        ("q_sept", "boven.mapping", "2026-09-30"),
    ]
    assert "past op" not in out.stderr, out.stderr


def test_a_file_name_with_a_decomposed_accent_matches_the_pattern(tmp_path: Path) -> None:
    """helper-189: macOS names a file privégebruik_2025.csv with e and a combining accent
    (NFD); the pattern, typed, has é (NFC): the file was an unknown dataset."""
    import unicodedata

    root = tmp_path / "in"
    root.mkdir()
    name = unicodedata.normalize("NFD", "privégebruik_2025.csv")
    write(root / name, "Nummer;Jaar;Km\n1;2025;120\n")
    (root / "km.mapping.yaml").write_text(
        "dataset: vehicle_use\nfiles: ['Privégebruik_*.csv']\n"
        "columns: {Nummer: employee_key, Jaar: year, Km: private_km}\n",
        "utf-8",
    )
    out = _radar_ingest(tmp_path / "home", root)
    assert out.returncode == 0, out.stdout + out.stderr
    assert query(tmp_path / "home", "select private_km from raw_vehicle_use") == [(120.0,)]


def test_a_sheet_named_twice_still_reads_the_other_sheets(tmp_path: Path) -> None:
    """helper-114: mappings for 2025, 2026 and 2026 again read the first sheet alone (the
    2026 rows in no table, exit 0): each sheet is read by the first mapping naming it,
    and the second 2026 mapping is said to be passed over for that one."""
    folder = tmp_path / "in"
    folder.mkdir()
    _workbook(folder / "km.xlsx", {"2025": KM_2025, "2026": KM_2026})
    for name, year in (("a", "2025"), ("b", "2026"), ("c", "2026")):
        (folder / f"{name}.mapping.yaml").write_text(
            f"dataset: vehicle_use\nfiles: ['km.xlsx']\nsheet: '{year}'\n", "utf-8"
        )
    home = tmp_path / "home"
    out = _radar_ingest(home, folder)
    assert out.returncode == 0, out.stderr
    expected = [(2025, 100.0), (2026, 200.0), (2026, 300.0)]
    assert query(home, "select year, private_km from raw_vehicle_use order by 1, 2") == expected
    assert f"c.mapping.yaml past op {folder / 'km.xlsx'}" in out.stderr
    assert f"gelezen met {folder / 'b.mapping.yaml'}, de koppeling" in out.stderr


def test_a_csv_two_sheet_mappings_name_is_read_once(tmp_path: Path) -> None:
    """helper-114: a CSV matched by two sheet mappings was two unusable files."""
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "km.csv", "employee_key;year;private_km\n1;2026;12\n")
    for name, year in (("a", "2025"), ("b", "2026")):
        (folder / f"{name}.mapping.yaml").write_text(
            f"dataset: vehicle_use\nfiles: ['km.*']\nsheet: '{year}'\n", "utf-8"
        )
    out = _radar_ingest(tmp_path / "home", folder)
    assert "1 niet te gebruiken" in out.stdout, out.stdout


def test_a_workbook_loaded_before_is_skipped_unread_and_a_changed_one_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild, or a folder of two years' exports ingested again for one new month,
    read every workbook's cells (openpyxl: seconds for a large one) before finding it
    loaded already. Its bytes say so: a workbook loaded before under the same mapping is
    skipped without its sheet being opened; one whose bytes changed is read. Here the
    second ingest runs with openpyxl's load_workbook failing outright."""
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("RADAR_PSEUDONYM_KEY", "k" * 32)
    folder = tmp_path / "in"
    folder.mkdir()
    _workbook(folder / "km.xlsx", {"2025": KM_2025})
    (folder / "km.mapping.yaml").write_text(
        "dataset: vehicle_use\nfiles: ['km.xlsx']\nsheet: '2025'\n", "utf-8"
    )
    warehouse = tmp_path / "home" / "warehouse.duckdb"
    first = ingest_only(warehouse, [folder])
    assert [(r.rows_loaded, r.error) for r in first] == [(1, None)]

    def unreadable(*args: object, **kwargs: object) -> None:
        raise OSError("the workbook's cells were read")

    monkeypatch.setattr(openpyxl, "load_workbook", unreadable)
    again = ingest_only(warehouse, [folder])
    assert [(r.skipped, r.error) for r in again] == [(True, None)]
    assert again[0].earlier is not None
    # the same sheet of a changed workbook: its cells are read (here: they cannot be)
    _workbook(folder / "km.xlsx", {"2025": KM_2026})
    changed = ingest_only(warehouse, [folder])
    assert not changed[0].skipped
    assert changed[0].error is not None and "km.xlsx" in str(changed[0].error)
    assert query(warehouse.parent, "select private_km from raw_vehicle_use") == [(100.0,)]


def _read_then_by_sheet(folder: Path, home: Path) -> subprocess.CompletedProcess:
    """km.xlsx ingested under a mapping without `sheet:`, then again naming sheet 2026:
    the second run's output."""
    mapping = folder / "km.mapping.yaml"
    mapping.write_text("dataset: vehicle_use\nfiles: ['km.xlsx']\n", "utf-8")
    first = _radar_ingest(home, folder)
    assert first.returncode == 0, first.stdout + first.stderr
    mapping.write_text("dataset: vehicle_use\nfiles: ['km.xlsx']\nsheet: '2026'\n", "utf-8")
    return _radar_ingest(home, folder)


def test_naming_a_workbooks_only_sheet_in_its_mapping_reads_the_same_load_again(
    tmp_path: Path,
) -> None:
    """helper-180: a mapping that gained `sheet:` naming the workbook's one sheet made a
    second load of it beside the first (every gift twice); it is the same load, read
    again under a changed mapping, which replaces the first. A second sheet makes the
    name matter again (each sheet its own load: the test above)."""
    folder, home = tmp_path / "in", tmp_path / "home"
    folder.mkdir()
    _workbook(folder / "km.xlsx", {"2026": KM_2026})
    named = _read_then_by_sheet(folder, home)
    assert named.returncode == 0, named.stdout + named.stderr
    assert "eerder ingelezen met een andere kolomkoppeling" in named.stdout, named.stdout
    rows = "select year, private_km from raw_vehicle_use order by 1, 2"
    assert query(home, rows) == [(2026, 200.0), (2026, 300.0)]
    assert query(home, "select count(*) from ingest_log") == [(1,)]
    again = _radar_ingest(home, folder)
    assert "al ingelezen (zelfde inhoud)" in again.stdout, again.stdout
    _workbook(folder / "km.xlsx", {"2026": KM_2026, "leeg": [["opmerking"]]})
    two = _radar_ingest(home, folder)  # other bytes: a load of its own, as any new file
    assert query(home, "select count(*) from ingest_log") == [(2,)], two.stdout


def test_an_empty_or_hidden_sheet_beside_the_data_leaves_it_one_load(tmp_path: Path) -> None:
    """helper-181: an empty sheet (a template's Blad2) or a hidden empty one beside the
    data sheet, and `sheet:` naming the data sheet loaded the workbook twice. The sheet a
    workbook is read by without `sheet:` is its one sheet with a value."""
    folder, home = tmp_path / "in", tmp_path / "home"
    folder.mkdir()
    book = openpyxl.Workbook()
    book.active.title = "2026"
    for row in KM_2026:
        book.active.append(row)
    book.create_sheet("Blad2")
    book.create_sheet("Lijsten").sheet_state = "hidden"
    book["Lijsten"]["A1"].number_format = "0.00"  # a formatted cell, no value
    book.create_sheet("Spaties")["A1"] = "   "  # helper-182: a blank text is no data
    book.save(folder / "km.xlsx")
    named = _read_then_by_sheet(folder, home)
    assert "eerder ingelezen met een andere kolomkoppeling" in named.stdout, named.stdout
    assert query(home, "select count(*) from ingest_log") == [(1,)]


def _elsewhere(path: Path) -> None:
    """``path`` rewritten with its workbook part at xl/book.xml, as the package's own
    relations say (Excel and openpyxl read it)."""
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            part, name = zin.read(info.filename), info.filename
            name = {"xl/workbook.xml": "xl/book.xml"}.get(name, name)
            name = {"xl/_rels/workbook.xml.rels": "xl/_rels/book.xml.rels"}.get(name, name)
            if name in ("[Content_Types].xml", "_rels/.rels"):
                part = part.replace(b"xl/workbook.xml", b"xl/book.xml")
            zout.writestr(name, part)


def test_a_workbook_part_elsewhere_and_a_copy_in_the_same_run_are_one_load(
    tmp_path: Path,
) -> None:
    """helper-183: a workbook whose part is not xl/workbook.xml gave no sheet names, and
    read by `sheet:` first and without it then, loaded twice; and a copy of it in the same
    run, one read by `sheet:` and one without, loaded both."""
    folder, home = tmp_path / "in", tmp_path / "home"
    folder.mkdir()
    _workbook(folder / "km.xlsx", {"2026": KM_2026})
    _elsewhere(folder / "km.xlsx")
    mapping = folder / "km.mapping.yaml"
    mapping.write_text("dataset: vehicle_use\nfiles: ['km.xlsx']\nsheet: '2026'\n", "utf-8")
    _radar_ingest(home, folder)
    mapping.unlink()
    named = _radar_ingest(home, folder)
    assert "eerder ingelezen met een andere kolomkoppeling" in named.stdout, named.stdout
    assert query(home, "select count(*) from ingest_log") == [(1,)]
    run = tmp_path / "run"
    run.mkdir()
    _workbook(run / "km.xlsx", {"2026": KM_2026})
    (run / "km kopie.xlsx").write_bytes((run / "km.xlsx").read_bytes())
    (run / "km.mapping.yaml").write_text(
        "dataset: vehicle_use\nfiles: ['km.xlsx']\nsheet: '2026'\n", "utf-8"
    )
    once = _radar_ingest(tmp_path / "home2", run)
    assert query(tmp_path / "home2", "select count(*) from ingest_log") == [(1,)], once.stdout


def test_a_linked_export_is_read_with_the_mapping_of_the_folder_it_is_linked_in(
    tmp_path: Path,
) -> None:
    """helper-191 4: q_maart/toewijzingen.csv a link to the archive's file: resolved, it
    was in no folder of a mapping, and read with q_juni/'s mapping and date."""
    root, archive = tmp_path / "in", tmp_path / "archief"
    for folder, date, channel in (("q_juni", "2026-06-30", "maatwerk"),
                                  ("q_maart", "2026-03-31", "regulier")):  # fmt: skip
        (root / folder).mkdir(parents=True)
        (root / folder / "t.mapping.yaml").write_text(
            ALLOCATION_MAPPING.format(pattern="'toewijzingen.csv'", date=date), "utf-8"
        )
        text = ALLOCATIONS.format(rows=f"TW-1;15-03-2026;{channel};V1;C1\n")
        if folder == "q_maart":
            write(archive / "maart.csv", text)
            (root / folder / "toewijzingen.csv").symlink_to(archive / "maart.csv")
        else:
            write(root / folder / "toewijzingen.csv", text)
    home = tmp_path / "home"
    out = _radar_ingest(home, root)
    assert out.returncode == 0, out.stdout + out.stderr
    logged = query(home, "select source_file, export_date from ingest_log")
    dates = sorted((Path(f).parent.name, str(d)) for f, d in logged)
    assert dates == [("q_juni", "2026-06-30"), ("q_maart", "2026-03-31")]


def test_a_file_dated_by_another_folder_s_mapping_is_told(tmp_path: Path) -> None:
    """helper-191 6: only q_juni/ has a mapping, with a fixed export date: q_maart/'s
    export got June's date and won, said only as 'the same export date'. Told where the
    date came from; a file in the mapping's own folder is not."""
    root = tmp_path / "in"
    for folder, channel in (("q_juni", "maatwerk"), ("q_maart", "regulier")):
        write(root / folder / "toewijzingen.csv",
              ALLOCATIONS.format(rows=f"TW-1;15-03-2026;{channel};V1;C1\n"))  # fmt: skip
    mapping = root / "q_juni" / "t.mapping.yaml"
    mapping.write_text(
        ALLOCATION_MAPPING.format(pattern="'toewijzingen.csv'", date="2026-06-30"), "utf-8"
    )
    home = tmp_path / "home"
    out = _radar_ingest(home, root)
    assert out.returncode == 0, out.stdout + out.stderr
    notes = dict(query(home, "select source_file, notes from ingest_log"))
    told = f"dit bestand krijgt de vaste exportdatum 30-06-2026 van de kolomkoppeling {mapping}"
    assert told in notes[str(root / "q_maart" / "toewijzingen.csv")]
    assert told not in notes[str(root / "q_juni" / "toewijzingen.csv")]


def test_a_file_given_by_its_path_is_read_with_the_mapping_beside_it(tmp_path: Path) -> None:
    """helper-198: a dated export re-sent by its path (or a shell's glob) was read without
    the mapping in its folder: the undated load replaced the dated one. A mapping there
    that names another file is not used, and none of another folder."""
    from tests.test_ingest import write

    folder = tmp_path / "hr"
    write(folder / "gifts.mapping.yaml", "dataset: gifts\nfiles: ['gifts_*.csv']\n"
          "export_date: {from_name: 'gifts_(.*)[.]csv'}\ncovers: month\n")  # fmt: skip
    write(folder / "org.mapping.yaml", "dataset: org_units\nfiles: ['org_*.csv']\n")
    write(tmp_path / "elders" / "all.mapping.yaml", "dataset: gifts\nfiles: ['*.csv']\n")
    path = write(folder / "gifts_2025-03-31.csv", "employee_key;received_on;value_eur\n"
                 "e1;10-03-2025;10\n")  # fmt: skip
    files, mappings = expand_paths([path])
    assert files == [path]
    assert [m.path.name for m in mappings] == ["gifts.mapping.yaml"]
    _, again = expand_paths([folder / "gifts.mapping.yaml", path])  # not twice
    assert [m.path.name for m in again] == ["gifts.mapping.yaml"]
    # a broken mapping for other files: not asked for, passed by
    broken = write(folder / "kapot.mapping.yaml", "dataset: gifts\nfiles: [kapot.csv]\nx: 1\n")
    assert [m.path.name for m in expand_paths([path])[1]] == ["gifts.mapping.yaml"]
    broken.unlink()
    home = tmp_path / "home"
    out = _radar_ingest(home, folder)
    assert out.returncode == 0, out.stdout + out.stderr
    resent = _radar_ingest(home, path)  # the file alone, by its path
    assert "al ingelezen (zelfde inhoud), niets gewijzigd" in resent.stdout, resent.stdout
    logged = query(home, "select export_date, mapping_file from ingest_log")
    assert [(str(d), Path(m).name) for d, m in logged] == [("2025-03-31", "gifts.mapping.yaml")]


def test_a_mapping_beside_a_file_is_for_that_folders_files(tmp_path: Path) -> None:
    """helper-199: hr/'s mapping for every *.csv, found beside a file given by its path,
    dated other/org_units.csv as well; a month's folder under the mapping's own was read
    without it; a broken mapping that names the file was passed by, and one that does
    not name it is still passed by."""
    from tests.test_ingest import write

    hr = tmp_path / "hr"
    write(hr / "hr.mapping.yaml", "dataset: employees\nfiles: ['*.csv']\n")
    march = write(hr / "2026-03" / "medewerkers.csv", "x\n")
    april = write(hr / "2026-04" / "medewerkers.csv", "x\n")
    other = write(tmp_path / "other" / "org_units.csv", "x\n")
    files, mappings = expand_paths([other, march, april])
    assert files == [other, march, april]
    scoped = [[f"{glob.escape(str(p.parent).strip('/'))}/*.csv"] for p in (march, april)]
    assert [m.files for m in mappings] == scoped
    assert not any(m.applies_to(other) for m in mappings)
    assert [m.applies_to(march) for m in mappings] == [True, False]
    write(tmp_path / "c" / "uren.mapping.yaml", "dataset: employees\nfiles: [uren_*.csv]\nx: [\n")
    write(tmp_path / "c" / "oud.mapping.yaml", "dataset: employees\nfiles: [oud.csv]\nx: 1\n")
    with pytest.raises(UnusableFile):
        expand_paths([write(tmp_path / "c" / "uren_1.csv", "x\n")])
    (tmp_path / "c" / "uren.mapping.yaml").unlink()
    assert expand_paths([tmp_path / "c" / "uren_1.csv"])[1] == []  # oud.mapping.yaml: not its


def test_a_file_given_from_inside_its_folder_keeps_its_mapping_scoped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relative path (medewerkers.csv from inside hr/2026-03/): the mapping above it is
    found, and named for that folder's files, which the relative path is one of."""
    from tests.test_ingest import write

    write(tmp_path / "hr" / "hr.mapping.yaml", "dataset: employees\nfiles: ['*.csv']\n")
    write(tmp_path / "hr" / "2026-03" / "medewerkers.csv", "x\n")
    monkeypatch.chdir(tmp_path / "hr" / "2026-03")
    [mapping] = expand_paths([Path("medewerkers.csv")])[1]
    assert mapping.applies_to(Path("medewerkers.csv"))
    assert not mapping.applies_to(tmp_path / "elders" / "medewerkers.csv")
    # the folder itself: another folder of the same name is not it (helper-200)
    assert not mapping.applies_to(tmp_path / "b" / "hr" / "2026-03" / "medewerkers.csv")


def test_a_mapping_beside_a_file_in_a_folder_with_brackets_and_for_another_month(
    tmp_path: Path,
) -> None:
    """helper-200: 'export [maart]' was read as a character class, and the file lost its
    mapping; a broken mapping above for 2026-03/*.csv stopped a file of 2026-04."""
    from tests.test_ingest import write

    folder = tmp_path / "export [maart]"
    write(folder / "hr.mapping.yaml", "dataset: employees\nfiles: ['*.csv']\n")
    path = write(folder / "uren.csv", "x\n")
    [mapping] = expand_paths([path])[1]
    assert mapping.applies_to(path)
    write(tmp_path / "hr" / "maart.mapping.yaml", "dataset: employees\nfiles: ['2026-03/*.csv']\n"
          "columns: {Code: org_unitt}\n")  # fmt: skip
    april = write(tmp_path / "hr" / "2026-04" / "org_units.csv", "x\n")
    assert expand_paths([april])[1] == []
    with pytest.raises(UnusableFile):
        expand_paths([write(tmp_path / "hr" / "2026-03" / "org_units.csv", "x\n")])


def test_an_edited_workbook_names_each_sheets_own_earlier_load(tmp_path: Path) -> None:
    """helper-239: a register kept one sheet a year, each read by its mapping; the
    workbook edited (a 2026 row deleted) and read again: each sheet was told to withdraw
    the newest earlier load of the path, the 2025 sheet's for the 2026 sheet too. Each
    names its own."""
    folder = tmp_path / "in"
    folder.mkdir()
    warehouse = tmp_path / "warehouse.duckdb"
    path = _workbook(folder / "km.xlsx", {"2025": KM_2025, "2026": KM_2026})
    first = {}
    for year in ("2026", "2025"):  # 2025's last: the path's newest load
        (folder / f"km{year}.mapping.yaml").write_text(
            f"dataset: vehicle_use\nfiles: ['km.xlsx']\nsheet: '{year}'\n", "utf-8"
        )
        loads = ingest_only(warehouse, [folder])
        first[year] = next(r.content_hash for r in loads if r.sheet in (year, None) and r.rows_in)
    _workbook(path, {"2025": KM_2025, "2026": KM_2026[:2]})
    again = ingest_only(warehouse, [folder])
    assert sorted(r.sheet for r in again) == ["2025", "2026"]
    for result in again:
        [said] = [str(n) for n in result.notes if "met een andere inhoud" in str(n)]
        assert f"(code {first[result.sheet][:8]})" in said, (result.sheet, said)


@pytest.mark.parametrize("first_relative", [False, True])
def test_a_file_ingested_again_by_another_path_to_it_is_said_as_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first_relative: bool
) -> None:
    """The same file, once by its absolute path and once by a path relative to the
    folder the command runs in, is one file ingested before: not 'the same content as'
    itself, which reads as a copy elsewhere; a copy in another folder still is."""
    path = write(
        tmp_path / "in" / "gifts.csv", "employee_key;received_on;value_eur\ne1;10-03-2025;10\n"
    )
    copy = write(tmp_path / "elders" / "gifts.csv", path.read_text("utf-8"))
    monkeypatch.chdir(tmp_path)
    relative = Path("in") / "gifts.csv"
    first, then = (relative, path) if first_relative else (path, relative)
    home = tmp_path / "home"
    assert _radar_ingest(home, first).returncode == 0
    again = _radar_ingest(home, then)
    assert f"{then}: al ingelezen (zelfde inhoud), niets gewijzigd" in again.stdout, again.stdout
    elsewhere = _radar_ingest(home, copy)
    # the first named by its full path, whichever way it was given (helper-278)
    assert f"{copy}: zelfde inhoud als {path}," in elsewhere.stdout, elsewhere.stdout
    # the copy by the same relative name, from its own folder: still a copy (helper-278)
    monkeypatch.chdir(copy.parent)
    named = _radar_ingest(home, Path("gifts.csv"))
    assert f"gifts.csv: zelfde inhoud als {path}," in named.stdout, named.stdout


def test_one_file_named_twice_in_a_run_is_said_as_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-278: `A/gifts.csv ./A/gifts.csv` (or the folder A and a file in it) was said
    as a copy of itself ('zelfde inhoud als A/gifts.csv in deze run'); a copy elsewhere
    still is one."""
    path = write(
        tmp_path / "A" / "gifts.csv", "employee_key;received_on;value_eur\ne1;10-03-2025;10\n"
    )
    copy = write(tmp_path / "B" / "gifts.csv", path.read_text("utf-8"))
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as env, redirect_stdout(out), redirect_stderr(io.StringIO()):
        env.setenv("RADAR_HOME", str(tmp_path / "home"))
        env.setenv("RADAR_PSEUDONYM_KEY", "k" * 32)
        assert main(["ingest", "A/gifts.csv", "./A/gifts.csv", "A", str(copy)]) == 0
    said = out.getvalue()
    twice = "hetzelfde bestand als A/gifts.csv in deze run, op een andere manier genoemd"
    assert said.count(twice) == 2, said  # ./A/gifts.csv and the folder's A/gifts.csv
    assert f"{copy}: zelfde inhoud als A/gifts.csv in deze run" in said, said
