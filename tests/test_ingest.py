"""Ingest of bad and awkward input: each class of problem, with exact counts and reasons.

Longer than 600 lines because each class of awkward input has its test here, and they
share the helpers that write a file and ingest it (tests/ingesthelpers.py does the rest).
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from openpyxl import Workbook

from pipelines.build.builder import build
from pipelines.cli.main import main
from pipelines.core.catalogue import Catalogue, IngestSettings, load_catalogue
from pipelines.core.clock import today_here
from pipelines.ingest.loader import FileResult
from tests.conftest import home_copy, home_template
from tests.ingesthelpers import ingest_only
from tests.readers import reading

ORG = (
    "org_unit;name;parent_unit;level\nWH;Woonstichting;;organisatie\nVH;Verhuur;WH;afdeling\n"
    "VH-N;Verhuur Noord;VH;team\nVH-Z;Verhuur Zuid;VH;team\n"
)
SURVEY_HEADER = "respondent_key;wave_date;org_unit;item_code;answer\n"
EMPLOYEE_HEADER = (
    "employee_key;snapshot_month;org_unit;manager_key;job_title;is_manager;fte;hire_date;"
    "role_start_date;sick_days;overtime_hours;leave_days;longest_leave_block_days_12m;"
    "exit_date;exit_reason\n"
)


def employee(key: str = "104233", month: str = "2026-03", **fields: str) -> str:
    row = {
        "employee_key": key,
        "snapshot_month": month,
        "org_unit": "VH-N",
        "manager_key": "100001",
        "job_title": "Verhuurconsulent",
        "is_manager": "nee",
        "fte": "0,8",
        "hire_date": "01-02-2019",
        "role_start_date": "01-02-2019",
        "sick_days": "0",
        "overtime_hours": "2,5",
        "leave_days": "1",
        "longest_leave_block_days_12m": "15",
        "exit_date": "",
        "exit_reason": "",
    }
    row.update(fields)
    return ";".join(row.values()) + "\n"


@pytest.fixture(scope="module")
def org_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The organisation tree ingested once for the module (tests/conftest.py, home_template)."""
    return home_template(
        tmp_path_factory.mktemp("org_home"),
        lambda root: run(root / "home", write(root / "in" / "org_units.csv", ORG)),
    )


@pytest.fixture
def home(org_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A RADAR_HOME whose warehouse already knows the organisation tree: a copy of
    org_home's, with its own key folder tmp_path/keys."""
    return home_copy(org_home, tmp_path, monkeypatch)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def lenient() -> Catalogue:
    """The catalogue with no limit on the quarantined share: these tests check single
    rules on files of a few rows, where one bad row would refuse the whole file
    (tests/test_ingest_failed_files.py checks that limit)."""
    cat = load_catalogue()
    settings = cat.settings.model_copy(update={"ingest": IngestSettings(max_quarantined_share=1.0)})
    return cat.model_copy(update={"settings": settings})


def run(home: Path, *paths: Path, mappings: list[Path] | None = None) -> list[FileResult]:
    """Ingest ``paths`` into home's warehouse without rerunning the models
    (tests/ingesthelpers.py): these tests read what the ingest writes."""
    return ingest_only(
        home / "warehouse.duckdb", list(paths), mappings=mappings, catalogue=lenient()
    )


def run_built(home: Path, *paths: Path, mappings: list[Path] | None = None) -> list[FileResult]:
    """As ``run``, and the models rerun as ``radar build`` does (for tests that read them)."""
    return build(
        path=home / "warehouse.duckdb", inputs=list(paths), mappings=mappings, catalogue=lenient()
    ).files


def query(home: Path, sql: str) -> list[tuple]:
    with reading(str(home / "warehouse.duckdb")) as con:
        return con.execute(sql).fetchall()


def quarantined(home: Path, dataset: str) -> list[tuple]:
    return query(
        home,
        f"select line, \"column\", value, reason_code from quarantine where dataset = '{dataset}' "
        'order by line, "column"',
    )


def counts(result: FileResult) -> tuple[int, int, int]:
    assert result.error is None, result.error
    return result.rows_in, result.rows_loaded, result.rows_quarantined


# --- the Likert scale and the survey rules ----------------------------------------------


@pytest.mark.parametrize(
    "answer, reason",
    [("0", "out_of_range"), ("6", "out_of_range"), ("drie", "wrong_type")],
)
def test_a_likert_answer_outside_1_to_5_is_quarantined(
    home: Path, tmp_path: Path, answer: str, reason: str
) -> None:
    f = write(
        tmp_path / "survey.csv",
        SURVEY_HEADER
        + "R1;15-03-2026;VH-N;CLA1;4\n"
        + f"R1;15-03-2026;VH-N;CLA2;{answer}\n"
        + "R2;15-03-2026;VH-N;CLA1;\n",
    )
    [result] = run(home, f)
    assert counts(result) == (3, 2, 1)
    assert quarantined(home, "survey_responses") == [(3, "answer", answer, reason)]
    assert query(home, "select count(*) from raw_survey_responses where answer is null") == [(1,)]


def test_a_future_wave_date_is_quarantined(home: Path, tmp_path: Path) -> None:
    # the Dutch date, as the ingest's (the server's UTC date was a day behind after 23:00)
    tomorrow = (today_here() + dt.timedelta(days=1)).strftime("%d-%m-%Y")
    f = write(
        tmp_path / "survey.csv",
        SURVEY_HEADER + "R1;15-03-2026;VH-N;CLA1;4\n" + f"R1;{tomorrow};VH-N;CLA1;4\n",
    )
    [result] = run(home, f)
    assert counts(result) == (2, 1, 1)
    assert quarantined(home, "survey_responses") == [(3, "wave_date", tomorrow, "future_date")]


def test_an_unknown_org_unit_is_quarantined(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "survey.csv",
        SURVEY_HEADER + "R1;15-03-2026;VH-N;CLA1;4\n" + "R2;15-03-2026;XX-99;CLA1;4\n",
    )
    [result] = run(home, f)
    assert counts(result) == (2, 1, 1)
    assert quarantined(home, "survey_responses") == [(3, "org_unit", "XX-99", "unknown_org_unit")]
    [(reason,)] = query(home, "select reason from quarantine")
    assert reason.endswith(  # the way out (helper-171: it had none)
        "lees de organisatie-eenheden in, vóór of samen met dit bestand, of vertaal de code "
        "in de kolomkoppeling onder values"
    ), reason


def test_an_unknown_survey_item_is_quarantined(home: Path, tmp_path: Path) -> None:
    f = write(tmp_path / "survey.csv", SURVEY_HEADER + "R1;15-03-2026;VH-N;NOPE1;4\n")
    [result] = run(home, f)
    assert counts(result) == (1, 0, 1)
    assert quarantined(home, "survey_responses") == [(2, "item_code", "NOPE1", "not_in_set")]


# --- columns -----------------------------------------------------------------------------


def test_a_missing_required_column_refuses_the_file(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = write(
        tmp_path / "survey.csv", "respondent_key;wave_date;org_unit;answer\nR1;15-03-2026;VH-N;4\n"
    )
    before = query(home, "select count(*) from ingest_log")
    assert main(["ingest", str(f), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert f"{f}: dataset survey_responses: verplichte kolom ontbreekt: item_code" in err
    assert query(home, "select count(*) from ingest_log") == before
    assert query(home, "select count(*) from raw_survey_responses") == [(0,)]


@pytest.mark.parametrize(
    ("name", "header", "known_by"),
    [
        # recognised by its columns: they are named
        ("export.csv", "respondent_key;wave_date;org_unit;answer", "de kolommen "),
        # no column in common, recognised by its file name: said so, never "herkend aan: )"
        ("employees.csv", "foo;bar", "de bestandsnaam"),
    ],
)
def test_a_refused_file_says_how_it_was_recognised(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    header: str,
    known_by: str,
) -> None:
    f = write(tmp_path / name, f"{header}\nx;y;z;1\n")
    assert main(["ingest", str(f), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert f"(herkend aan {known_by}" in err
    assert "herkend aan )" not in err and "herkend aan: )" not in err


def test_an_extra_column_is_ignored_and_said(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "survey.csv",
        "respondent_key;wave_date;org_unit;item_code;answer;opmerking\n"
        "R1;15-03-2026;VH-N;CLA1;4;prima\n",
    )
    [result] = run(home, f)
    assert counts(result) == (1, 1, 0)
    assert result.notes == ["kolom(men) niet in het contract, genegeerd: opmerking"]  # no mapping
    assert query(home, "select notes from ingest_log where dataset = 'survey_responses'") == [
        ("kolom(men) niet in het contract, genegeerd: opmerking",)
    ]


def test_a_file_that_fits_no_dataset_is_refused(home: Path, tmp_path: Path) -> None:
    f = write(tmp_path / "export.csv", "a;b;c\n1;2;3\n")
    [result] = run(home, f)
    assert result.error.startswith(f"{f}: onbekende dataset: de kolommen (a, b, c)")


# --- types and Dutch conventions ---------------------------------------------------------


def test_a_wrong_type_is_quarantined_with_the_expected_form(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "employees.csv", EMPLOYEE_HEADER + employee() + employee("104234", fte="veel")
    )
    [result] = run(home, f)
    assert counts(result) == (2, 1, 1)
    [(line, column, value, reason)] = quarantined(home, "employees")
    assert (line, column, value, reason) == (3, "fte", "veel", "wrong_type")
    assert query(home, "select reason from quarantine where dataset = 'employees'") == [
        (
            "employees.csv, regel 3, kolom fte, waarde 'veel': "
            "verwacht een getal (bijv. 12,5 of 1.234,5); staat 'veel' voor een onbekende "
            "waarde, vertaal het dan in de kolomkoppeling: values: {fte: {'veel': null}}",
        )
    ]


def test_decimal_comma_and_dutch_dates_are_read(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "employees.csv", EMPLOYEE_HEADER + employee(fte="0,8", overtime_hours="12,5")
    )
    [result] = run(home, f)
    assert counts(result) == (1, 1, 0)
    assert query(
        home, "select fte, overtime_hours, hire_date, snapshot_month from raw_employees"
    ) == [(0.8, 12.5, dt.date(2019, 2, 1), dt.date(2026, 3, 1))]
    assert query(
        home, "select decimal_style, date_formats from ingest_log where dataset='employees'"
    ) == [("decimale komma", "dd-mm-jjjj, jjjj-mm")]


def test_thousands_dots_with_a_decimal_comma_are_read(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "vehicle_use.csv",
        "employee_key;year;private_km\n104233;2025;1.234,5\n104234;2025;80\n104235;2025;1,234.5\n",
    )
    [result] = run(home, f)
    assert counts(result) == (3, 2, 1)
    assert sorted(r[0] for r in query(home, "select private_km from raw_vehicle_use")) == [
        80.0,
        1234.5,
    ]
    assert quarantined(home, "vehicle_use") == [(4, "private_km", "1,234.5", "ambiguous_number")]


def test_windows_1252_with_accents_is_read(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "employees.csv",
        EMPLOYEE_HEADER + employee(job_title="Coördinator financiële zaken (café)"),
        encoding="cp1252",
    )
    assert b"\xf6" in f.read_bytes() and b"\xeb" in f.read_bytes() and b"\xe9" in f.read_bytes()
    [result] = run(home, f)
    assert counts(result) == (1, 1, 0)
    assert query(home, "select job_title from raw_employees") == [
        ("Coördinator financiële zaken (café)",)
    ]
    assert query(home, "select encoding from ingest_log where dataset='employees'") == [
        ("Windows-1252",)
    ]


def test_utf8_with_bom_is_read(home: Path, tmp_path: Path) -> None:
    f = write(tmp_path / "survey.csv", "\ufeff" + SURVEY_HEADER + "R1;15-03-2026;VH-N;CLA1;4\n")
    assert f.read_bytes().startswith(b"\xef\xbb\xbf")
    [result] = run(home, f)
    assert counts(result) == (1, 1, 0)
    assert query(home, "select encoding from ingest_log where dataset='survey_responses'") == [
        ("UTF-8 met BOM",)
    ]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_excels_unicode_text_utf16_with_tabs_is_read(
    home: Path, tmp_path: Path, codec: str
) -> None:
    """Excel's "Unicode-tekst": UTF-16 with its byte order mark, tab-separated; it was
    refused as binary (its ASCII characters hold NUL bytes)."""
    bom = "\ufeff".encode(codec)
    text = EMPLOYEE_HEADER.replace(";", "\t") + employee(
        job_title="Coördinator financiële zaken (café)"
    ).replace(";", "\t")
    f = tmp_path / "employees.csv"
    f.write_bytes(bom + text.encode(codec))
    [result] = run(home, f)
    assert counts(result) == (1, 1, 0), result.error
    assert query(home, "select job_title from raw_employees") == [
        ("Coördinator financiële zaken (café)",)
    ]
    logged = "select encoding, delimiter from ingest_log where dataset = 'employees'"
    assert query(home, logged) == [("UTF-16", "tab")]


def test_a_utf16_file_over_a_mebibyte_with_crlf_is_read_whole(home: Path, tmp_path: Path) -> None:
    """The header is sniffed from the first MiB: cut after a b"\\n" byte, UTF-16 split a
    character and the file was refused as an unknown encoding."""
    rows = "".join(f"E{i}\t2024\t{i % 900}\r\n" for i in range(32_000))
    f = tmp_path / "vehicle_use.txt"
    f.write_bytes(("\ufeffemployee_key\tyear\tprivate_km\r\n" + rows).encode("utf-16-le"))
    assert f.stat().st_size > 1 << 20
    [result] = run(home, f)
    assert counts(result) == (32_000, 32_000, 0), result.error
    assert query(home, "select sum(private_km) from raw_vehicle_use") == [
        (float(sum(i % 900 for i in range(32_000))),)
    ]


def test_a_currency_sign_without_an_amount_is_quarantined_not_read_as_empty(
    home: Path, tmp_path: Path
) -> None:
    """value_eur "€" or "EUR" loaded as an empty value, without a word (helper-79): a
    gift without a value then drops out of "gift over EUR 50"."""
    header = "employee_key;received_on;giver_type;gift_type;value_eur;delivered_at_home;decision\n"
    cells = ["€", "EUR", " eur ", "€ 60,-", ""]
    gifts = write(
        tmp_path / "gifts.csv",
        header
        + "".join(f"1042{i};15-03-2024;huurder;goederen;{c};nee;\n" for i, c in enumerate(cells)),
    )
    [result] = run(home, gifts)
    assert counts(result) == (5, 2, 3)
    assert query(home, "select value_eur from raw_gifts order by 1 nulls last") == [
        (60.0,),
        (None,),
    ]
    assert query(
        home, 'select line, "column", value, reason_code from quarantine order by line'
    ) == [
        (2, "value_eur", "€", "wrong_type"),
        (3, "value_eur", "EUR", "wrong_type"),
        (4, "value_eur", " eur ", "wrong_type"),
    ]


def test_excel_serial_dates_are_read_in_csv_and_xlsx(home: Path, tmp_path: Path) -> None:
    csv_file = write(
        tmp_path / "gifts.csv",
        "employee_key;received_on;giver_type;gift_type;value_eur;delivered_at_home;decision\n"
        "104233;45366;huurder;goederen;12,5;nee;geaccepteerd\n",
    )
    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "employee_key",
            "received_on",
            "giver_type",
            "gift_type",
            "value_eur",
            "delivered_at_home",
            "decision",
        ]
    )
    ws.append(["104234", 45367, "leverancier", "etentje", 40, "ja", "geweigerd"])
    ws.append(["104235", dt.datetime(2024, 3, 18), "overig", "overig", 7.5, False, "gedeeld"])
    xlsx = tmp_path / "gifts.xlsx"
    wb.save(xlsx)
    results = run(home, csv_file, xlsx)
    assert [counts(r) for r in results] == [(1, 1, 0), (2, 2, 0)]
    assert query(
        home, "select received_on, value_eur, delivered_at_home from raw_gifts order by 1"
    ) == [
        (dt.date(2024, 3, 15), 12.5, False),
        (dt.date(2024, 3, 16), 40.0, True),
        (dt.date(2024, 3, 18), 7.5, False),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ja", True),
        ("Nee", False),
        ("j", True),
        ("N", False),
        ("1", True),
        ("0", False),
        ("true", True),
        ("FALSE", False),
        ("waar", True),
        ("onwaar", False),
    ],
)
def test_dutch_booleans_are_read(home: Path, tmp_path: Path, text: str, expected: bool) -> None:
    f = write(tmp_path / "employees.csv", EMPLOYEE_HEADER + employee(is_manager=text))
    [result] = run(home, f)
    assert counts(result) == (1, 1, 0)
    assert query(home, "select is_manager from raw_employees") == [(expected,)]


# --- keys and trees ------------------------------------------------------------------------


def test_a_duplicate_key_in_a_month_quarantines_both_rows(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "employees.csv",
        EMPLOYEE_HEADER
        + employee("104233")
        + employee("104234")
        + employee("104233", org_unit="VH-Z")
        + employee("104233", month="2026-04"),
    )
    [result] = run(home, f)
    assert counts(result) == (4, 2, 2)
    rows = quarantined(home, "employees")
    assert [(r[0], r[1], r[3]) for r in rows] == [
        (2, "employee_key", "duplicate_key"),
        (4, "employee_key", "duplicate_key"),
    ]
    # The quarantined value is the pseudonym, never the employee number.
    assert all(r[2] != "104233" and len(r[2]) == 32 for r in rows)


def test_a_cycle_in_the_org_tree_is_quarantined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    f = write(
        tmp_path / "org_units.csv", ORG + "A;Team A;B;team\nB;Team B;C;team\nC;Team C;A;team\n"
    )
    [result] = run(home, f)
    assert counts(result) == (7, 4, 3)
    assert quarantined(home, "org_units") == [
        (6, "parent_unit", "B", "org_cycle"),
        (7, "parent_unit", "C", "org_cycle"),
        (8, "parent_unit", "A", "org_cycle"),
    ]
    # helper-202: said as a loop through the units above, not only 'maakt een cyclus'
    assert query(home, "select reason from quarantine where line = 6") == [
        (
            "org_units.csv, regel 6, kolom parent_unit, waarde 'B': parent_unit maakt een "
            "cyclus in de organisatieboom: deze eenheid valt, via de eenheden erboven, onder "
            "zichzelf",
        )
    ]


def test_the_bestuurder_alone_may_have_no_manager(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "employees.csv",
        EMPLOYEE_HEADER
        + employee("100000", org_unit="WH", manager_key="", job_title="Directeur-bestuurder")
        + employee("104233", manager_key=""),
    )
    [result] = run(home, f)
    assert counts(result) == (2, 1, 1)
    assert quarantined(home, "employees") == [(3, "manager_key", None, "missing_required")]


# --- whole files ------------------------------------------------------------------------------


def test_an_empty_file_is_refused_and_nothing_is_loaded(home: Path, tmp_path: Path) -> None:
    f = write(tmp_path / "survey.csv", "")
    [result] = run(home, f)
    assert result.error == f"{f}: het bestand is leeg"
    assert query(
        home, "select count(*) from ingest_log where source_file = ?".replace("?", f"'{f}'")
    ) == [(0,)]


def test_a_header_only_file_loads_nothing_and_says_so(home: Path, tmp_path: Path) -> None:
    f = write(tmp_path / "survey.csv", SURVEY_HEADER)
    [result] = run(home, f)
    assert counts(result) == (0, 0, 0)
    assert result.notes == ["het bestand bevat alleen een kop, geen gegevensregels"]


def test_a_truncated_last_line_is_quarantined(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "survey.csv",
        SURVEY_HEADER + "R1;15-03-2026;VH-N;CLA1;4\nR1;15-03-2026;VH-N;CLA2;5\nR2;15-03-20",
    )
    [result] = run(home, f)
    assert counts(result) == (3, 2, 1)
    assert query(
        home, "select line, reason_code, reason from quarantine where dataset='survey_responses'"
    ) == [
        (
            4,
            "truncated_row",
            "survey.csv, regel 4: regel heeft 2 velden, de kop heeft er 5: na kolom "
            "'wave_date' houdt de regel op, zonder 'org_unit', 'item_code', 'answer'",
        )
    ]


def test_a_binary_file_is_refused_naming_the_line_of_its_first_nul(
    home: Path, tmp_path: Path
) -> None:
    """helper-193: a NUL byte on line 2 was 'geen tekstbestand', no line named."""
    f = tmp_path / "survey.csv"
    f.write_bytes(b"\x00\x01\x02garbage")
    [result] = run(home, f)
    assert "geen tekstbestand (binaire inhoud: een NUL-byte op regel 1)" in result.error
    rows = "".join(f"R{i};15-03-2026;VH-N;CLA1;4\n" for i in range(9))
    for line, text in ((2, "R;15-03\x00-2026;VH-N;CLA1;4\n" + rows), (11, rows + "R\x00\n")):
        f.write_bytes((SURVEY_HEADER + text).encode())
        [result] = run(home, f)
        assert f"(binaire inhoud: een NUL-byte op regel {line})" in result.error


def test_the_same_file_twice_changes_nothing(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "survey.csv",
        SURVEY_HEADER + "R1;15-03-2026;VH-N;CLA1;4\nR1;15-03-2026;VH-N;CLA1;9\n",
    )
    run(home, f)
    tables = ["raw_survey_responses", "quarantine", "ingest_log", "ingest_expectations"]
    before = {t: query(home, f"select * from {t} order by all") for t in tables}
    copy = write(tmp_path / "again" / "survey_copy.csv", f.read_text())
    results = run(home, f, copy)
    assert [r.skipped for r in results] == [True, True]
    assert {t: query(home, f"select * from {t} order by all") for t in tables} == before
    # the copy under another name says which file it is, and when that was ingested
    [(when,)] = query(home, f"select ingested_at from ingest_log where source_file = '{f}'")
    assert results[0].summary() == f"{f}: al ingelezen (zelfde inhoud), niets gewijzigd"
    assert results[1].summary() == (
        f"{copy}: zelfde inhoud als {f}, ingelezen op {when:%d-%m-%Y %H:%M}; niets gewijzigd"
    )


def test_a_source_with_its_own_column_names_is_read_through_a_mapping(
    home: Path, tmp_path: Path
) -> None:
    f = write(
        tmp_path / "vendor" / "export_2026.csv",
        "RespondentID,Meetmoment,Eenheid,Vraagcode,Antwoord\n"
        "X1,2026-03-15,VH-N,CLA1,4\nX1,2026-03-15,VH-Z,CLA2,Weet niet\n",
        encoding="utf-8-sig",
    )
    mapping = write(
        tmp_path / "vendor.mapping.yaml",
        "dataset: survey_responses\nfiles: ['export_*.csv']\n"
        "columns: {RespondentID: respondent_key, Meetmoment: wave_date, Eenheid: org_unit,"
        " Vraagcode: item_code, Antwoord: answer}\n"
        "values: {answer: {'Weet niet': null}}\n",
    )
    [result] = run(home, f, mappings=[mapping])
    assert counts(result) == (2, 2, 0)
    assert query(
        home, "select org_unit, item_code, answer from raw_survey_responses order by 1"
    ) == [("VH-N", "CLA1", 4), ("VH-Z", "CLA2", None)]
    assert query(home, "select mapping_file from ingest_log where dataset='survey_responses'") == [
        (str(mapping),)
    ]


def test_a_broken_mapping_names_its_file_and_field(home: Path, tmp_path: Path) -> None:
    mapping = write(
        tmp_path / "bad.mapping.yaml", "dataset: survey_responses\ncolumns: {A: respondent}\n"
    )
    f = write(tmp_path / "x.csv", "A\n1\n")
    with pytest.raises(
        Exception,
        match=r"bad\.mapping\.yaml: kolomkoppeling: columns\.A: 'respondent' is geen kolom",
    ) as refused:
        run(home, f, mappings=[mapping])
    assert "column mapping: columns.A: 'respondent' is not a column" in refused.value.text("en")


# --- pseudonyms -----------------------------------------------------------------------------


def test_raw_key_values_never_reach_the_warehouse(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "employees.csv",
        EMPLOYEE_HEADER + employee("987654", manager_key="555111") + employee("987655", fte="x"),
    )
    run(home, f)
    with reading(str(home / "warehouse.duckdb")) as con:
        text_columns = con.execute(
            "select table_name, column_name from information_schema.columns "
            "where data_type = 'VARCHAR' and table_schema = 'main'"
        ).fetchall()
        assert len(text_columns) > 100  # every text column of every table and view
        for table, column in text_columns:
            hits = con.execute(
                f'select count(*) from "{table}" where "{column}" '
                "in ('987654', '987655', '555111')"
            ).fetchall()
            assert hits == [(0,)], f"{table}.{column} holds a raw key"
    key_file = tmp_path / "keys" / "pseudonym.key"  # outside RADAR_HOME, private
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert not list(home.rglob("*.key"))


def test_the_same_number_gets_the_same_pseudonym_under_the_same_key(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_PSEUDONYM_KEY", "a-test-key-of-enough-length")
    run(home, write(tmp_path / "a" / "employees.csv", EMPLOYEE_HEADER + employee("111")))
    run(
        home,
        write(tmp_path / "b" / "employees.csv", EMPLOYEE_HEADER + employee("111", month="2026-04")),
    )
    keys = query(home, "select distinct employee_key from raw_employees")
    assert len(keys) == 1
    monkeypatch.setenv("RADAR_PSEUDONYM_KEY", "another-key-of-enough-length")
    run(
        home,
        write(tmp_path / "c" / "employees.csv", EMPLOYEE_HEADER + employee("111", month="2026-05")),
    )
    assert len(query(home, "select distinct employee_key from raw_employees")) == 2


def test_every_logged_file_adds_up(home: Path, tmp_path: Path) -> None:
    f = write(
        tmp_path / "survey.csv", SURVEY_HEADER + "R1;15-03-2026;VH-N;CLA1;4\nR1;x;VH-N;CLA1;9\n"
    )
    run(home, f)
    rows = query(home, "select rows_in, rows_loaded, rows_quarantined from ingest_log")
    assert rows and all(n_in == n_loaded + n_quarantined for n_in, n_loaded, n_quarantined in rows)
