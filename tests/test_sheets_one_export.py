"""The sheets of one workbook are one export (helper-262 F4). A register kept one sheet a
year, each read by a mapping of its own under ``covers``: a late entry dated 28-12-2025
on sheet 2026 made that sheet cover 2025, and as the sheet read later it replaced sheet
2025's rows of that year (told to "give each export its own date", which a sheet cannot
have). Now the sheets share their moment of ingest (loads.next_moment) and place in the
order of exports, so neither replaces the other; an export that is newer still replaces
them both. A mapping's note that other sheets hold data is not said of a sheet another
mapping reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import query
from tests.test_ingest_folder import _radar_ingest
from tests.test_ingest_trial import _workbook

HEADERS = {
    "gifts": [
        "employee_key", "received_on", "giver_type", "gift_type", "value_eur",
        "delivered_at_home", "decision",
    ],
    "side_jobs": [
        "employee_key", "registered_on", "started_on", "approved_on", "sector",
        "involves_tenant_or_relation",
    ],
}  # fmt: skip
MODELS = {"gifts": "stg_registers__gifts", "side_jobs": "stg_registers__side_jobs"}
DAYS = {"gifts": "received_on", "side_jobs": "registered_on"}


def _row(dataset: str, key: str, day: str) -> list[object]:
    if dataset == "gifts":
        return [key, day, "leverancier", "etentje", 40, "nee", "geaccepteerd"]
    return [key, day, day, day, "bestuur", "nee"]


def _sheets(dataset: str) -> dict[str, list[list[object]]]:
    head = HEADERS[dataset]
    return {
        "2025": [head, _row(dataset, "100", "03-03-2025"), _row(dataset, "101", "10-12-2025")],
        # a late entry of 2025 on this year's sheet: this sheet covers 2025 too
        "2026": [head, _row(dataset, "102", "28-12-2025"), _row(dataset, "103", "05-02-2026")],
    }


def _mapping(folder: Path, dataset: str, sheet: str, pattern: str = "register_*.xlsx") -> None:
    (folder / f"r{sheet}.mapping.yaml").write_text(
        f"dataset: {dataset}\nfiles: ['{pattern}']\nsheet: '{sheet}'\ncovers: year\n"
        "export_date: {from_name: 'register_(\\d{8})'}\n",
        "utf-8",
    )


def _read_workbook(tmp_path: Path, dataset: str) -> tuple[Path, Path]:
    """The register's workbook of 31-03-2026 (_sheets) read by a mapping per sheet, in one
    run: its folder and the home it went into."""
    folder, home = tmp_path / "in", tmp_path / "home"
    folder.mkdir()
    _workbook(folder / "register_20260331.xlsx", _sheets(dataset))
    for sheet in ("2025", "2026"):
        _mapping(folder, dataset, sheet)
    assert _radar_ingest(home, folder).returncode == 0
    return folder, home


def _csv_register(folder: Path, name: str, rows: list[tuple[str, str]]) -> None:
    """A gifts register as a CSV export (employee, day per row) and its mapping, covering
    years, dated by its name."""
    lines = [";".join(map(str, _row("gifts", k, d))) for k, d in rows]
    (folder / name).write_text("\n".join([";".join(HEADERS["gifts"]), *lines]) + "\n", "utf-8")
    (folder / "csv.mapping.yaml").write_text(
        "dataset: gifts\nfiles: ['register_*.csv']\ncovers: year\n"
        "export_date: {from_name: 'register_(\\d{8})'}\n",
        "utf-8",
    )


def _counted(home: Path, dataset: str) -> list[str]:
    day = DAYS[dataset]
    rows = query(home, f"select strftime({day}, '%d-%m-%Y') from {MODELS[dataset]} order by {day}")
    return [r[0] for r in rows]


EVERY_ROW = ["03-03-2025", "10-12-2025", "28-12-2025", "05-02-2026"]


@pytest.mark.parametrize("dataset", ["gifts", "side_jobs"])
def test_two_sheets_read_in_one_run_count_every_row(tmp_path: Path, dataset: str) -> None:
    folder, home = tmp_path / "in", tmp_path / "home"
    folder.mkdir()
    _workbook(folder / "register_20260331.xlsx", _sheets(dataset))
    for sheet in ("2025", "2026"):
        _mapping(folder, dataset, sheet)
    out = _radar_ingest(home, folder)
    said = out.stdout + out.stderr
    assert out.returncode == 0, said
    assert _counted(home, dataset) == EVERY_ROW
    assert query(home, "select count(distinct ingested_at) from ingest_log") == [(1,)]
    # nothing said of a replacement, a tie or a sheet left unread: none of them is so
    for words in ("vervangt", "dezelfde exportdatum", "die deze kolomkoppeling niet leest"):
        assert words not in said, said


def test_a_sheet_read_in_a_later_run_joins_its_workbook(tmp_path: Path) -> None:
    """Sheet 2025's mapping first, alone: the note names sheet 2026 as unread. A week
    later 2026's mapping is added: that sheet takes the workbook's moment, the 2025 sheet
    is skipped as loaded, and every row counts."""
    folder, home = tmp_path / "in", tmp_path / "home"
    folder.mkdir()
    _workbook(folder / "register_20260331.xlsx", _sheets("gifts"))
    _mapping(folder, "gifts", "2025")
    first = _radar_ingest(home, folder)
    assert "ook blad(en) 2026 bevat(ten) gegevens" in first.stdout, first.stdout
    _mapping(folder, "gifts", "2026")
    second = _radar_ingest(home, folder)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "1 al eerder ingelezen" in second.stdout, second.stdout
    assert "die deze kolomkoppeling niet leest" not in second.stdout, second.stdout
    assert _counted(home, "gifts") == EVERY_ROW
    moments = query(home, "select count(*), count(distinct ingested_at) from ingest_log")
    assert moments == [(2, 1)]


def test_a_newer_export_still_replaces_the_periods_it_covers_on_both_sheets(
    tmp_path: Path,
) -> None:
    """The workbook of 31-03-2026, then a CSV export of 30-04-2026 holding 2025 and 2026
    anew: the newer one covers both years, and of the workbook nothing counts."""
    folder, home = _read_workbook(tmp_path, "gifts")
    later = tmp_path / "later"
    later.mkdir()
    _csv_register(later, "register_20260430.csv", [("200", "01-06-2025"), ("201", "01-04-2026")])
    out = _radar_ingest(home, later)
    assert out.returncode == 0, out.stdout + out.stderr
    assert _counted(home, "gifts") == ["01-06-2025", "01-04-2026"]


def test_other_sheets_unread_keeps_the_sheets_no_load_reads() -> None:
    from pipelines.core.texts import Message
    from pipelines.ingest.loads import other_sheets_unread

    said = Message(
        "note.xlsx_other_sheets",
        locale_file="ingest",
        sheet="2026",
        hidden="2024, 2025",
        sheets=("2024", "2025"),
    )
    other = Message("note.header_only", locale_file="ingest")
    kept = other_sheets_unread([said, other], {"2025"})
    assert [str(n) for n in kept][1:] == [str(other)]
    assert "ook blad(en) 2024 bevat(ten)" in str(kept[0]) and "2025" not in str(kept[0])
    assert other_sheets_unread([said], {"2024", "2025"}) == []


def test_a_copy_of_the_workbook_under_another_name_is_one_export_with_it(tmp_path: Path) -> None:
    """helper-264 F1: the workbook downloaded again (`register_20260331 (1).xlsx`) and read
    for its 2026 sheet: the sheet took the workbook's moment but ranked by its file name,
    older, and its late entry of 2025 counted no more, said to be replaced by 'een
    nieuwere export'. Its bytes are the workbook's: one export."""
    folder, home = tmp_path / "in", tmp_path / "home"
    folder.mkdir()
    _workbook(folder / "register_20260331.xlsx", _sheets("gifts"))
    _mapping(folder, "gifts", "2025")
    assert _radar_ingest(home, folder).returncode == 0
    (folder / "register_20260331.xlsx").rename(folder / "register_20260331 (1).xlsx")
    _mapping(folder, "gifts", "2026")
    out = _radar_ingest(home, folder)
    assert out.returncode == 0 and "nieuwere export" not in out.stdout, out.stdout
    assert _counted(home, "gifts") == EVERY_ROW


@pytest.mark.parametrize("dataset", ["gifts", "side_jobs"])
def test_next_months_workbook_says_nothing_of_a_shrunk_period(tmp_path: Path, dataset: str) -> None:
    """helper-264 F2: each month's workbook (a sheet a year) said the 2026 sheet replaced
    2025 with fewer rows than the 2025 sheet of the month before had: a sheet is compared
    with its own earlier versions (the same mapping's series), not with its workbook's
    other sheets. A row taken off the 2025 sheet is still said."""
    folder, home = _read_workbook(tmp_path, dataset)
    april = _sheets(dataset)
    april["2026"].append(_row(dataset, "104", "10-04-2026"))
    (folder / "register_20260331.xlsx").unlink()
    _workbook(folder / "register_20260430.xlsx", april)
    out = _radar_ingest(home, folder)
    assert "minder of andere rijen" not in out.stdout and "staat in deze export" not in out.stdout
    assert _counted(home, dataset) == [*EVERY_ROW, "10-04-2026"]
    may = _sheets(dataset)
    del may["2025"][2]  # 10-12-2025 taken off the register
    (folder / "register_20260430.xlsx").unlink()
    _workbook(folder / "register_20260531.xlsx", may)
    out = _radar_ingest(home, folder)
    assert "(2025: 2 rij(en) uit" in out.stdout, out.stdout


def test_sheets_of_other_datasets_keep_the_order_of_reading(tmp_path: Path) -> None:
    """helper-264 F4: a workbook's Org sheet (org_units) and HR sheet (employees), and an
    undated HR correction read between them: the HR sheet took the Org sheet's earlier
    moment and the correction counted, though read before it. Only sheets of one dataset
    share their moment; in one run the files go by name, the workbook's sheets last."""
    from tests.test_ingest import EMPLOYEE_HEADER, ORG, employee

    folder, home = tmp_path / "in", tmp_path / "home"
    folder.mkdir()
    head = EMPLOYEE_HEADER.strip().split(";")
    org = [line.split(";") for line in ORG.strip().split("\n")]
    hr = [head, employee("104233", job_title="uit-werkboek").strip().split(";")]
    _workbook(folder / "personeel.xlsx", {"Org": org, "HR": hr})
    (folder / "hr_correctie.csv").write_text(
        EMPLOYEE_HEADER + employee("104233", job_title="uit-correctie"), "utf-8"
    )
    (folder / "o.mapping.yaml").write_text(
        "dataset: org_units\nfiles: ['personeel.xlsx']\nsheet: Org\n"
    )
    (folder / "h.mapping.yaml").write_text(
        "dataset: employees\nfiles: ['personeel.xlsx']\nsheet: HR\n"
    )
    assert _radar_ingest(home, folder).returncode == 0
    moments = query(home, "select count(distinct ingested_at) from ingest_log")
    assert moments == [(3,)]
    assert query(home, "select job_title from stg_hr__employees") == [("uit-werkboek",)]


def test_a_key_on_two_sheets_says_which_sheet_counts(tmp_path: Path) -> None:
    """helper-264 F3: record ids 1 and 2 on both sheets (a register that numbers from 1
    each year): one sheet counts per key, and the note said the order of ingest decides
    and to give each export its own date, which a sheet cannot have. Now it says the key
    is on another sheet of this workbook and which sheet counts, as the model has it."""
    folder, home = tmp_path / "in", tmp_path / "home"
    folder.mkdir()
    head = ["record_id", *HEADERS["gifts"]]
    days = {"2025": ("03-03-2025", "10-06-2025"), "2026": ("05-01-2026", "05-02-2026")}
    sheets = {
        year: [head, *([str(n), *_row("gifts", f"10{n}", d)] for n, d in enumerate(two, 1))]
        for year, two in days.items()
    }
    _workbook(folder / "register_20260331.xlsx", sheets)
    for sheet in ("2025", "2026"):
        _mapping(folder, "gifts", sheet)
    out = _radar_ingest(home, folder)
    said = [line for line in out.stdout.splitlines() if "ander blad van deze werkmap" in line]
    assert len(said) == 1 and "2 sleutel(s) (record_id)" in said[0], out.stdout
    assert "dezelfde exportdatum" not in out.stdout  # no tie between exports is said
    counted = _counted(home, "gifts")
    second = counted == ["05-01-2026", "05-02-2026"]  # the 2026 sheet, read second, counts
    assert second or counted == ["03-03-2025", "10-06-2025"], counted
    assert ("nu dit blad, niet het andere" in said[0]) is second, said


def test_loads_of_one_second_in_an_older_warehouse_get_their_own_moments(tmp_path: Path) -> None:
    """helper-265 F1: before bce52b9 a moment of ingest was kept to the second, so two
    exports read in one second could share it; ranked by date and moment alone, as a
    workbook's sheets are, both covering exports of March counted. The first build after
    the upgrade (tables.distinct_moments) gives each load its own moment, the later file
    name the later one, as the order was; sheets loaded since keep theirs shared."""
    import duckdb

    from pipelines.build.builder import build
    from tests.test_reexports import GIFT_HEADER

    folder, home = tmp_path / "in", tmp_path / "home"
    for sub, value in (("maart", "25"), ("maart-correctie", "30")):
        (folder / sub).mkdir(parents=True)
        gift = f"100;03-03-2026;huurder;tegoedbon;{value};nee;geweigerd\n"
        (folder / sub / "geschenken_20260331.csv").write_text(GIFT_HEADER + gift, "utf-8")
    (folder / "geschenken.mapping.yaml").write_text(
        "dataset: gifts\nfiles: ['geschenken_*.csv']\ncovers: month\n"
        "export_date: {from_name: 'geschenken_(\\d{8})'}\n",
        "utf-8",
    )
    assert _radar_ingest(home, folder).returncode == 0
    counted = "select value_eur from stg_registers__gifts"
    assert query(home, counted) == [(30.0,)]  # the correction's folder, read later
    warehouse = home / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:  # as the version before bce52b9 kept them
        second = con.execute("select date_trunc('second', min(ingested_at)) from ingest_log")
        moment = second.fetchone()[0]
        for table, column in (("ingest_log", "ingested_at"), ("raw_gifts", "_ingested_at")):
            con.execute(f"update {table} set {column} = ?", [moment])
        con.execute("delete from warehouse_upgrades where name = 'distinct_moments'")
    build(path=warehouse, inputs=[])
    # one export counts, as the old version's order had it: of one moment, the later file
    # name ('maart/' after 'maart-correctie/'), not both
    assert query(home, counted) == [(25.0,)]
    moments = "select count(distinct ingested_at), count(distinct _ingested_at) from ingest_log"
    assert query(home, moments + " join raw_gifts on _content_hash = content_hash") == [(2, 2)]


def test_a_sheet_without_earlier_versions_of_its_own_is_compared_with_every_export(
    tmp_path: Path,
) -> None:
    """helper-265 F2: a register read from a CSV, then from a workbook a sheet a year: the
    2025 sheet lacked a gift of the CSV's 2025, and nothing was said, as a sheet was only
    compared with its own mapping's earlier loads, and it had none."""
    folder, home = tmp_path / "in", tmp_path / "home"
    folder.mkdir()
    rows = [("100", "03-03-2025"), ("105", "15-06-2025"), ("101", "10-12-2025")]
    _csv_register(folder, "register_20260228.csv", rows)
    assert _radar_ingest(home, folder).returncode == 0
    (folder / "register_20260228.csv").unlink()
    _workbook(folder / "register_20260331.xlsx", _sheets("gifts"))  # 15-06-2025 not in it
    for sheet in ("2025", "2026"):
        _mapping(folder, "gifts", sheet)
    out = _radar_ingest(home, folder)
    assert "(2025: 3 rij(en) uit" in out.stdout, out.stdout


@pytest.mark.parametrize("whole_second", [False, True])
def test_the_upgrade_keeps_a_workbooks_sheets_together(tmp_path: Path, whole_second: bool) -> None:
    """helper-267 F1: tables.distinct_moments split the sheets of one workbook that share
    their moment on purpose, and the late entry of 2025 on sheet 2026 counted no more.
    A moment with its microseconds (this version's) is left alone; of one to the second
    (the old version's), the loads of one file keep it together."""
    import duckdb

    from pipelines.build.builder import build

    folder, home = _read_workbook(tmp_path, "gifts")
    warehouse = home / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        if whole_second:
            for table, column in (("ingest_log", "ingested_at"), ("raw_gifts", "_ingested_at")):
                con.execute(f"update {table} set {column} = date_trunc('second', {column})")
        con.execute("delete from warehouse_upgrades where name = 'distinct_moments'")
    build(path=warehouse, inputs=[])
    assert _counted(home, "gifts") == EVERY_ROW
    assert query(home, "select count(distinct ingested_at) from ingest_log") == [(1,)]
