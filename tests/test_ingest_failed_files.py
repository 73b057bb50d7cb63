"""Issue 13, items 1 and 2: no silent misreads of numbers, coded values matched without
regard to case, spaces and accents, and a file with too much in quarantine refused as a
whole (nothing loaded, red on Datakwaliteit, named by radar ingest, exit 1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from pipelines.build.builder import build
from pipelines.cli.main import main
from pipelines.ingest.quarantined import shares
from tests.conftest import home_copy, home_template
from tests.ingesthelpers import ingest_only
from tests.readers import reading
from tests.test_ingest import ORG, lenient, query, write

ALLOCATION_HEADER = (
    "allocation_id;allocated_on;dwelling_id;district;channel;candidate_rank;"
    "motivation_recorded;consultant_key;approver_key;related_to_employee;"
    "registration_date_modified\n"
)


def allocation(n: int, channel: str = "regulier", rank: str = "1") -> str:
    return f"A{n};15-03-2026;D{n};Noord;{channel};{rank};ja;104233;100001;nee;nee\n"


@pytest.fixture(scope="module")
def org_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The organisation tree (org/org.csv) ingested once for the module (tests/conftest.py)."""
    return home_template(
        tmp_path_factory.mktemp("org_home"),
        lambda root: ingest_only(
            root / "home" / "warehouse.duckdb", [write(root / "org" / "org.csv", ORG)]
        ),
    )


@pytest.fixture
def home(org_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of org_home in tmp_path: home, keys and org/org.csv."""
    return home_copy(org_home, tmp_path, monkeypatch)


def stamp(home: Path) -> tuple[int, int]:
    st = (home / "warehouse.duckdb").stat()
    return st.st_mtime_ns, st.st_ino


# --- item 1: numbers ------------------------------------------------------------------


def test_every_number_rule_fires_in_one_file(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "vehicle_use.csv",
        "employee_key;year;private_km\n"
        "1;2025;1.443\n"  # thousands dot, no decimals: 1443 km, the Dutch way
        "2;2025;1.234,5\n"  # thousands dot and decimal comma
        "3;2025;12,5\n"  # decimal comma
        "4;2025;80\n"  # plain
        "5;2025;veel\n"  # no number: wrong_type
        "6;2025;1.234.567\n"  # two thousands dots
        "7;2.025;10\n"  # an integer column follows the same rule: 2025
        "8;2025;1 234\n"  # thousands apart by a space (tests/test_spellings.py)
        "9;2025;12 34\n",  # groups of three only: wrong_type
    )
    [result] = ingest_only(home / "warehouse.duckdb", [f], catalogue=lenient())
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined) == (9, 7, 2)
    assert query(home, "select year, private_km from raw_vehicle_use order by _source_line") == [
        (2025, 1443.0),
        (2025, 1234.5),
        (2025, 12.5),
        (2025, 80.0),
        (2025, 1234567.0),
        (2025, 10.0),
        (2025, 1234.0),
    ]
    assert query(
        home, "select line, value, reason_code from quarantine where dataset='vehicle_use'"
    ) == [(6, "veel", "wrong_type"), (10, "12 34", "wrong_type")]
    assert query(home, "select decimal_style from ingest_log where dataset='vehicle_use'") == [
        ("decimale komma, punt tussen duizendtallen, spatie tussen duizendtallen",)
    ]


def test_a_decimal_point_in_a_dutch_file_is_ambiguous_and_never_guessed(
    home: Path, tmp_path: Path
) -> None:
    f = write(
        tmp_path / "vehicle_use.csv",
        "employee_key;year;private_km\n1;2025;1.443\n2;2025;12.25\n3;2025;1.234,5\n",
    )
    [result] = ingest_only(home / "warehouse.duckdb", [f], catalogue=lenient())
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined) == (3, 1, 2)
    assert query(home, "select private_km from raw_vehicle_use") == [(1234.5,)]
    rows = query(
        home,
        'select line, "column", value, reason_code, reason from quarantine '
        "where dataset='vehicle_use' order by line",
    )
    assert [r[:4] for r in rows] == [
        (2, "private_km", "1.443", "ambiguous_number"),
        (3, "private_km", "12.25", "ambiguous_number"),
    ]
    assert rows[1][4] == (
        "vehicle_use.csv, regel 3, kolom private_km: '12.25' is geen eenduidig getal; "
        "verwacht een getal (bijv. 12,5 of 1.234,5) (decimale komma, punt tussen "
        "duizendtallen); als decimale punt, komma tussen duizendtallen zou het 12,25 zijn. "
        "Niet geraden: leg de notatie vast in de kolomkoppeling (number_format: nl als de bron "
        "1.234,5 schrijft, en als 1,234.5)"
    )


def test_a_mapping_declares_english_numbers_per_file_or_per_column(
    home: Path, tmp_path: Path
) -> None:
    f = write(
        tmp_path / "cars" / "cars_2025.csv",
        'employee_key,year,private_km\n1,2025,"1,443"\n2,2025,12.25\n3,2025,"1,234.5"\n',
    )
    per_file = write(
        tmp_path / "cars.mapping.yaml",
        "dataset: vehicle_use\nfiles: ['cars_*.csv']\nnumber_format: en\n",
    )
    [result] = ingest_only(home / "warehouse.duckdb", [f], mappings=[per_file])
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined) == (3, 3, 0)
    assert query(home, "select private_km from raw_vehicle_use order by 1") == [
        (12.25,),
        (1234.5,),
        (1443.0,),
    ]
    per_column = write(
        tmp_path / "col.mapping.yaml",
        "dataset: vehicle_use\nnumber_format: {private_km: en}\n",
    )
    g = write(tmp_path / "cars2" / "cars.csv", "employee_key;year;private_km\n4;2.024;7.5\n")
    [result] = ingest_only(home / "warehouse.duckdb", [g], mappings=[per_column])
    assert result.rows_loaded == 1
    assert query(home, "select year, private_km from raw_vehicle_use where year = 2024") == [
        (2024, 7.5)
    ]


def test_a_mapping_with_an_unknown_number_format_is_refused(home: Path, tmp_path: Path) -> None:
    bad = write(tmp_path / "x.mapping.yaml", "dataset: vehicle_use\nnumber_format: fr\n")
    f = write(tmp_path / "v.csv", "employee_key;year;private_km\n1;2025;1\n")
    with pytest.raises(
        Exception, match=r"number_format: 'fr' is onbekend; verwacht nl of en"
    ) as no:
        ingest_only(home / "warehouse.duckdb", [f], mappings=[bad])
    assert "number_format: 'fr' is unknown; expected nl or en" in no.value.text("en")


# --- item 2: coded values --------------------------------------------------------------


def test_coded_values_match_regardless_of_case_spaces_and_accents(
    home: Path, tmp_path: Path
) -> None:
    f = write(
        tmp_path / "allocations.csv",
        ALLOCATION_HEADER
        + allocation(1, "Regulier")
        + allocation(2, " urgentie ")
        + allocation(3, "MAATWERK")
        + allocation(4, "Statushouder", rank="")
        + allocation(5, "regulier"),
    )
    gifts = write(
        tmp_path / "gifts.csv",
        "employee_key;received_on;giver_type;gift_type;value_eur;delivered_at_home;decision\n"
        "1;15-03-2026;Leverancier;Etentje;40;nee;Geweigerd\n"
        "2;15-03-2026;huurder;goederen;5;nee;gewéigerd\n",
    )
    results = ingest_only(home / "warehouse.duckdb", [f, gifts])
    assert [(r.rows_loaded, r.rows_quarantined, r.failed) for r in results] == [
        (5, 0, False),
        (2, 0, False),
    ]
    assert query(home, "select channel from raw_allocations order by allocation_id") == [
        ("regulier",),
        ("urgentie",),
        ("maatwerk",),
        ("statushouder",),
        ("regulier",),
    ]
    assert query(home, "select giver_type, gift_type, decision from raw_gifts order by 1") == [
        ("huurder", "goederen", "geweigerd"),
        ("leverancier", "etentje", "geweigerd"),
    ]


def test_other_labels_go_through_the_mappings_values(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "alloc" / "toewijzing.csv",
        ALLOCATION_HEADER + allocation(1, "Spoed") + allocation(2, "Regulier"),
    )
    mapping = write(
        tmp_path / "alloc.mapping.yaml",
        "dataset: allocations\nfiles: ['toewijzing*.csv']\nvalues: {channel: {SPOED: urgentie}}\n",
    )
    [result] = ingest_only(home / "warehouse.duckdb", [f], mappings=[mapping])
    assert (result.rows_loaded, result.rows_quarantined) == (2, 0)
    assert query(home, "select channel from raw_allocations order by 1") == [
        ("regulier",),
        ("urgentie",),
    ]


# --- item 2: a file with too much in quarantine ----------------------------------------


def test_a_file_over_the_quarantine_share_is_refused_as_a_whole(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "in" / "gifts.csv", "employee_key;received_on\n1;15-03-2026\n")
    # 2 of 10 rows (20%) break a rule: more than 10%
    f = write(
        tmp_path / "in" / "allocations.csv",
        ALLOCATION_HEADER
        + "".join(allocation(n) for n in range(1, 9))
        + allocation(9, "loting")
        + allocation(10, rank="0"),
    )
    capsys.readouterr()
    assert main(["ingest", str(tmp_path / "in"), "--quiet"]) == 1
    out, err = capsys.readouterr()
    assert f"radar: GEWEIGERD {f} -> allocations: 10 rijen, 2 in quarantaine; niets geladen" in err
    assert (
        "Bestanden: 1 geladen, 1 geweigerd (allocations.csv), 0 niet te gebruiken, "
        "0 al eerder ingelezen"
    ) in out
    assert "Warehouse bijgewerkt" in out
    assert query(home, "select count(*) from raw_allocations") == [(0,)]
    assert query(home, "select count(*) from raw_gifts") == [(1,)]
    [(status, n_in, n_loaded, n_bad, notes)] = query(
        home,
        "select status, rows_in, rows_loaded, rows_quarantined, notes from ingest_log "
        "where dataset = 'allocations'",
    )
    assert (status, n_in, n_loaded, n_bad) == ("geweigerd", 10, 0, 2)
    assert notes.startswith("bestand geweigerd: 2 van 10 rijen in quarantaine (20%)")
    # the quarantine rows stay, to show why; the Datakwaliteit report has the file
    assert query(home, "select line, reason_code from quarantine order by line") == [
        (10, "not_in_set"),
        (11, "out_of_range"),
    ]
    assert query(
        home,
        "select rows_loaded, notes like 'bestand geweigerd%' from report_ingest_log "
        "where dataset = 'allocations'",
    ) == [(0, True)]


def test_at_the_share_the_file_still_loads(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "allocations.csv",
        ALLOCATION_HEADER + "".join(allocation(n) for n in range(1, 10)) + allocation(10, "x"),
    )
    [result] = ingest_only(home / "warehouse.duckdb", [f])
    assert (result.failed, result.rows_loaded, result.rows_quarantined) == (False, 9, 1)


def test_a_refused_file_is_tried_again_and_only_the_reports_are_refreshed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = write(
        tmp_path / "alloc" / "toewijzing.csv",
        ALLOCATION_HEADER + "".join(allocation(n, "Spoed") for n in range(1, 5)),
    )
    assert main(["ingest", str(f), "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "niets nieuws geladen; modellen niet opnieuw berekend" in out
    assert query(home, "select count(*) from ingest_log where status = 'geweigerd'") == [(1,)]
    # the same content again, now with a mapping for the label: loaded, not skipped
    mapping = write(
        tmp_path / "alloc" / "alloc.mapping.yaml",
        "dataset: allocations\nfiles: ['toewijzing*.csv']\nvalues: {channel: {spoed: urgentie}}\n",
    )
    assert main(["ingest", str(f), "--mapping", str(mapping), "--quiet"]) == 0
    assert "Warehouse bijgewerkt" in capsys.readouterr().out
    assert query(
        home, "select status, rows_loaded from ingest_log where dataset='allocations'"
    ) == [("geladen", 4)]
    assert query(home, "select count(*) from quarantine") == [(0,)]


def test_an_empty_folder_is_an_error_and_changes_nothing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    before = stamp(home)
    assert main(["ingest", str(empty)]) == 1
    captured = capsys.readouterr()
    assert f"radar: geen bestanden gevonden in {empty}" in captured.err
    assert "Warehouse bijgewerkt" not in captured.out
    assert stamp(home) == before


def test_a_mapping_in_the_folder_that_names_no_file_is_said(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo in files: leaves the file it was meant for to be read without it (English
    thousands as decimals): ingest says which mapping named no file, and goes on."""
    folder = tmp_path / "exports"
    folder.mkdir()
    mapping = folder / "lease.mapping.yaml"
    mapping.write_text(
        "dataset: vehicle_use\nfiles: ['leaseauto_*.csv']\nnumber_format: en\n", "utf-8"
    )
    write(folder / "lease_auto_2025.csv", "employee_key;year;private_km\nE1;2025;950\n")
    assert main(["ingest", str(folder), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert (
        f"radar: let op: de kolomkoppeling {mapping} past op geen enkel bestand hier "
        "(patronen: leaseauto_*.csv), en deze bestanden van haar soort zijn zonder "
        "kolomkoppeling gelezen: "
        f"{folder / 'lease_auto_2025.csv'}; was een daarvan"
    ) in err
    mapping.write_text(
        "dataset: vehicle_use\nfiles: ['lease_auto_*.csv']\nnumber_format: en\n", "utf-8"
    )
    main(["ingest", str(folder), "--quiet"])
    assert "past op geen enkel bestand" not in capsys.readouterr().err
    # a mapping without files: (never applies from a folder), and one whose file another
    # mapping takes first (the first that applies wins): said too, that one by name
    (folder / "a_all.mapping.yaml").write_text("dataset: vehicle_use\nfiles: ['*.csv']\n")
    (folder / "c_none.mapping.yaml").write_text("dataset: vehicle_use\n", "utf-8")
    main(["ingest", str(folder), "--quiet"])
    err = capsys.readouterr().err
    assert (
        f"kolomkoppeling {mapping} past op {folder / 'lease_auto_2025.csv'}, maar dat bestand "
        f"wordt gelezen met {folder / 'a_all.mapping.yaml'}, de koppeling die er het "
        "dichtst bij staat"
    ) in err
    assert f"kolomkoppeling {folder / 'c_none.mapping.yaml'} noemt geen bestandspatronen" in err
    assert "a_all.mapping.yaml past op geen" not in err


def test_a_mapping_waiting_for_its_export_is_no_news(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A monthly folder keeps a mapping for every system, and a month may lack one
    system's export: with every file read by its mapping, the other mapping matching no
    file says nothing (it warned every month); a file read without one, it is said."""
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "lease.mapping.yaml").write_text(
        "dataset: vehicle_use\nfiles: ['lease_*.csv']\n", "utf-8"
    )
    (folder / "gifts.mapping.yaml").write_text(
        "dataset: gifts\nfiles: ['geschenken_*.csv']\n", "utf-8"
    )
    write(folder / "lease_2025.csv", "employee_key;year;private_km\nE1;2025;950\n")
    assert main(["ingest", str(folder), "--quiet"]) == 0
    assert "kolomkoppeling" not in capsys.readouterr().err
    # a file of another dataset read as it is (helper-120: org_units.csv) is no news either
    write(folder / "vehicle_use_2024.csv", "employee_key;year;private_km\nE1;2024;950\n")
    assert main(["ingest", str(folder), "--quiet"]) == 0
    assert "kolomkoppeling" not in capsys.readouterr().err
    # one of the mapping's dataset read without it (a name the pattern missed): said
    gifts = "record_id;employee_key;received_on;value_eur\nG1;E1;03-03-2026;25\n"
    write(folder / "Geschenken-2026.csv", gifts)
    main(["ingest", str(folder), "--quiet"])
    err = capsys.readouterr().err
    assert f"kolomkoppeling {folder / 'gifts.mapping.yaml'} past op geen enkel" in err
    assert f"zonder kolomkoppeling gelezen: {folder / 'Geschenken-2026.csv'}; was een" in err
    # helper-120: a mapping without files: in the folder, given with --mapping too, is used
    # (it was said to name no files, or to be passed over by itself)
    other = tmp_path / "maart"
    other.mkdir()
    (other / "g.mapping.yaml").write_text("dataset: gifts\ncolumns: {Nr: record_id}\n")
    write(other / "g.csv", gifts.replace("record_id", "Nr").replace("G1", "G2"))
    assert main(["ingest", str(other), "--quiet", "--mapping", str(other / "g.mapping.yaml")]) == 0
    assert "g.mapping.yaml" not in capsys.readouterr().err


def test_nothing_new_does_not_rebuild(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    org = tmp_path / "org" / "org.csv"  # the fixture's file: already ingested
    pdf = write(tmp_path / "rapport.pdf", "%PDF-1.4 niet een export")
    before = stamp(home)
    assert main(["ingest", str(org), "--quiet"]) == 0
    assert "niets nieuws ingelezen; warehouse ongewijzigd" in capsys.readouterr().out
    assert stamp(home) == before
    assert main(["ingest", str(pdf), "--quiet"]) == 1
    captured = capsys.readouterr()
    assert "onbekend bestandsformaat '.pdf'" in captured.err
    assert "niets nieuws ingelezen; warehouse ongewijzigd" in captured.out
    assert stamp(home) == before


def test_radar_build_still_rebuilds_without_new_files(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--quiet"]) == 0
    assert "Warehouse bijgewerkt" in capsys.readouterr().out


def test_an_old_ingest_log_gets_the_status_column(home: Path, tmp_path: Path) -> None:
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute("alter table ingest_log drop column status")
    f = write(tmp_path / "gifts.csv", "employee_key;received_on\n1;15-03-2026\n")
    ingest_only(home / "warehouse.duckdb", [f])
    assert query(home, "select status from ingest_log order by dataset") == [
        ("geladen",),
        ("geladen",),
    ]


def test_datakwaliteit_shows_a_refused_file_red(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.apphelpers import frame_with, run_app

    f = write(tmp_path / "allocations.csv", ALLOCATION_HEADER + allocation(1, "loting"))
    build(path=home / "warehouse.duckdb", inputs=[f])
    at = run_app("data_quality.py")
    assert not at.exception
    assert any("1 bestand(en) geweigerd" in e.value for e in at.error)
    files = frame_with(at, "Ingelezen op")
    status = dict(zip(files["Bestand"], files["Status"], strict=True))
    assert status == {"org.csv": "Geladen", "allocations.csv": "Geweigerd"}


def test_an_old_raw_table_gets_the_columns_this_version_writes(home: Path, tmp_path: Path) -> None:
    """A warehouse from before export dates and covers (ensure_tables skips a table only
    when every column is there): a gift file loads into it with both columns."""
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute("alter table raw_gifts drop column _covers")
        con.execute("alter table raw_gifts drop column _export_date")
    f = write(tmp_path / "gifts.csv", "employee_key;received_on\n1;15-03-2026\n")
    ingest_only(home / "warehouse.duckdb", [f])
    assert query(home, "select _export_date, _covers, received_on from raw_gifts") == [
        (None, None, dt.date(2026, 3, 15))
    ]


def test_a_table_or_column_named_in_another_case_is_the_same(tmp_path: Path) -> None:
    """helper-214: DuckDB's names are case-insensitive; a warehouse whose raw_gifts was
    made as Raw_Gifts, without record_id and the later columns, or whose _covers is
    "_Covers", gets the columns it lacks and loads (ensure_tables compared names by case:
    'does not have a column with name "record_id"', '"_covers" already exists')."""
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(
            "create table Raw_Gifts (employee_key varchar, received_on date, _source_file "
            "varchar, _source_line integer, _content_hash varchar, _ingested_at timestamp, "
            '"_Covers" varchar)'
        )
    f = write(tmp_path / "gifts.csv", "employee_key;received_on\n1;15-03-2026\n")
    [result] = ingest_only(path, [f])
    assert (result.error, result.rows_loaded) == (None, 1)
    with reading(str(path)) as con:
        assert con.execute("select record_id, received_on from raw_gifts").fetchall() == [
            (None, dt.date(2026, 3, 15))
        ]


def test_a_corrected_file_under_the_refused_ones_name_clears_that_refusal(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The risk manager corrects the refused export and saves it under the same name: it
    loads, and Datakwaliteit no longer shows the mended refusal or its quarantine. A
    refusal of another file stays."""
    f = write(
        tmp_path / "alloc" / "toewijzing.csv",
        ALLOCATION_HEADER + "".join(allocation(n, "Spoed") for n in range(1, 5)),
    )
    other = write(
        tmp_path / "other" / "toewijzing_b.csv",
        ALLOCATION_HEADER + "".join(allocation(n, "Spoed") for n in range(11, 15)),
    )
    assert main(["ingest", str(f), str(other), "--quiet"]) == 1
    assert query(home, "select count(*) from quarantine") == [(8,)]
    write(f, ALLOCATION_HEADER + "".join(allocation(n, "urgentie") for n in range(1, 5)))
    assert main(["ingest", str(f), "--quiet"]) == 0
    capsys.readouterr()
    logged = "select source_file, status from ingest_log where dataset = 'allocations' order by 1"
    assert query(home, logged) == [(str(f), "geladen"), (str(other), "geweigerd")]
    assert query(home, "select distinct source_file from quarantine") == [(str(other),)]
    mended = f"select count(*) from report_quarantine where source_file = '{f}'"
    assert query(home, mended) == [(0,)]


def test_a_file_refused_again_shows_only_its_newest_refusal(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """helper-97: a refused export corrected wrongly and saved under the same name was
    refused again, and Datakwaliteit showed both refusals, the gone content's rows too."""
    f = write(
        tmp_path / "alloc" / "toewijzing.csv",
        ALLOCATION_HEADER + "".join(allocation(n, "Voorrang") for n in range(1, 5)),
    )
    assert main(["ingest", str(f), "--quiet"]) == 1
    write(f, ALLOCATION_HEADER + "".join(allocation(n, "Onbekend") for n in range(1, 4)))
    assert main(["ingest", str(f), "--quiet"]) == 1
    capsys.readouterr()
    logged = "select status, rows_in from ingest_log where dataset = 'allocations'"
    assert query(home, logged) == [("geweigerd", 3)]
    values = "select distinct value from quarantine where reason_code = 'not_in_set'"
    assert query(home, values) == [("Onbekend",)]


def test_a_large_file_all_in_quarantine_is_refused_with_its_reason_within_the_memory_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A survey read before its org units: every row quarantined, every reason naming the
    column as the file does ('Eenheid'). That renaming updated each reason in DuckDB's
    memory that cannot spill: on the large demo (1.4 million answers) the file was said to
    be too large for a build's 1 GB instead of refused with its reason. Here 150,000 rows
    in a build allowed 100 MB (the old update ran out below about 250 MB)."""
    monkeypatch.setattr("pipelines.core.warehouse.BUILD_MEMORY_LIMIT", "100MB")
    rows = "".join(f"R{i},15-03-2026,ONBEKEND,PS{i % 7 + 1},{i % 5 + 1}\n" for i in range(150_000))
    f = write(
        tmp_path / "enquete.csv", "RespondentID,Meetmoment,Eenheid,Vraagcode,Antwoord\n" + rows
    )
    m = write(
        tmp_path / "enquete.mapping.yaml",
        'dataset: survey_responses\nfiles: ["enquete.csv"]\ncolumns: {RespondentID: '
        "respondent_key, Meetmoment: wave_date, Eenheid: org_unit, Vraagcode: item_code, "
        "Antwoord: answer}\n",
    )
    [result] = ingest_only(tmp_path / "home" / "warehouse.duckdb", [f], mappings=[m])
    assert result.error is None
    assert (result.failed, result.rows_in, result.rows_quarantined) == (True, 150_000, 150_000)
    # every row's reason names the column as the file does, none as the contract does
    assert query(
        tmp_path / "home",
        "select count(*) filter (where reason like '%''Eenheid'' is geen bekende org%'), "
        "count(*) filter (where regexp_matches(reason, '\\borg_unit\\b')), min(reason) "
        "from quarantine",
    ) == [
        (
            150_000,
            0,
            "enquete.csv, regel 10, kolom Eenheid, waarde 'ONBEKEND': 'Eenheid' is geen "
            "bekende organisatie-eenheid (org_units): lees de organisatie-eenheden in, vóór "
            "of samen met dit bestand, of vertaal de code in de kolomkoppeling onder values",
        )
    ]


@pytest.mark.parametrize(
    ("share", "limit", "said"),
    [
        (0.2, 0.1, ("20%", "10%")),
        (0.10001, 0.1, ("10,001%", "10%")),  # helper-201: was '(10%), meer dan ... 10%'
        (0.1004, 0.1, ("10,04%", "10%")),
        (0.13, 0.125, ("13%", "12,5%")),
        (0.126, 0.125, ("12,6%", "12,5%")),
        (0.291, 0.29, ("29,1%", "29%")),  # helper-203: 0.29 * 100 is 28.999999999999996
        (0.5701, 0.57, ("57,01%", "57%")),
        (0.1451, 0.145, ("14,51%", "14,5%")),
    ],
)
def test_a_refused_share_is_said_with_the_decimals_that_put_it_over_the_limit(
    share: float, limit: float, said: tuple[str, str]
) -> None:
    assert shares(share, limit) == said


def test_a_file_just_over_the_share_says_by_how_much(home: Path, tmp_path: Path) -> None:
    bad = [allocation(n, "x") for n in range(1, 102)]  # 101 of 1000: 10,1%
    good = [allocation(n) for n in range(102, 1001)]
    f = write(tmp_path / "allocations.csv", ALLOCATION_HEADER + "".join(bad + good))
    [result] = ingest_only(home / "warehouse.duckdb", [f])
    assert result.failed
    assert str(result.notes[0]).startswith(
        "bestand geweigerd: 101 van 1000 rijen in quarantaine (10,1%), meer dan de grens van 10%"
    )
