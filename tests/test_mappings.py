"""The example mappings of docs/mappings/, each ingested with the real ingest: a long
survey in vendor names, a wide survey (unpivot), a header on line 3 (header_row) and
answer labels (answer_labels: likert_nl). Each example has one deliberately bad row."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.build.builder import build
from pipelines.ingest.loader import FileResult
from pipelines.ingest.mapping import load_mapping
from tests.ingesthelpers import ingest_only
from tests.readers import reading
from tests.test_ingest import lenient

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "mappings"


@pytest.fixture(scope="module")
def ingested(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, dict[str, FileResult]]]:
    """The whole examples folder ingested once, as `radar ingest docs/mappings` would,
    with the real catalogue (default quarantine limit)."""
    tmp = tmp_path_factory.mktemp("mappings")
    with pytest.MonkeyPatch.context() as mp:
        home = tmp / "home"
        mp.setenv("RADAR_HOME", str(home))
        mp.delenv("RADAR_PSEUDONYM_KEY", raising=False)
        mp.delenv("RADAR_KEY_FILE", raising=False)
        mp.setenv("RADAR_KEY_DIR", str(tmp / "keys"))
        files = build(path=home / "warehouse.duckdb", inputs=[EXAMPLES]).files
        yield home, {r.path.name: r for r in files}


def query(home: Path, sql: str, params: list | None = None) -> list[tuple]:
    with reading(str(home / "warehouse.duckdb")) as con:
        return con.execute(sql, params or []).fetchall()


def rows(home: Path, name: str) -> list[tuple]:
    return query(
        home,
        "select _source_line, org_unit, item_code, answer from raw_survey_responses "
        "where _source_file like ? order by _source_line, item_code",
        [f"%{name}"],
    )


def quarantined(home: Path, name: str) -> list[tuple]:
    return query(
        home,
        'select line, "column", value, reason_code, reason from quarantine '
        "where source_file like ? order by line",
        [f"%{name}"],
    )


def counts(result: FileResult) -> tuple[int, int, int]:
    assert result.error is None, result.error
    assert not result.failed, result.notes
    return result.rows_in, result.rows_loaded, result.rows_quarantined


def test_every_example_has_its_mapping_and_is_loaded(ingested) -> None:
    home, results = ingested
    csvs = sorted(p.name for p in EXAMPLES.glob("*.csv"))
    assert sorted(results) == csvs
    mappings = [load_mapping(m) for m in EXAMPLES.glob("*.mapping.yaml")]
    datasets = {
        "org_units.csv": "org_units",
        "leveranciers.csv": "suppliers",
        "inkoop_2026-04-01.csv": "procurement",
        "trainingen.csv": "trainings",
        "uren_hr.csv": "employees",
    }
    for name in csvs:
        assert results[name].dataset == datasets.get(name, "survey_responses"), name
        if name != "org_units.csv":
            assert any(m.applies_to(EXAMPLES / name) for m in mappings), name
    logged = dict(query(home, "select source_file, mapping_file from ingest_log"))
    assert logged[str(EXAMPLES / "wide_survey.csv")] == str(EXAMPLES / "wide_survey.mapping.yaml")


def test_a_long_export_in_vendor_names(ingested) -> None:
    home, results = ingested
    assert counts(results["vendor_long.csv"]) == (11, 10, 1)
    loaded = rows(home, "vendor_long.csv")
    assert loaded[:3] == [(2, "VH-N", "CLA1", 4), (3, "VH-N", "CLA2", 5), (4, "VH-N", "PS1", None)]
    assert [r[0] for r in loaded] == [2, 3, 4, 5, 6, 7, 9, 10, 11, 12]
    [(line, column, value, code, _)] = quarantined(home, "vendor_long.csv")
    assert (line, column, value, code) == (8, "answer", "7", "out_of_range")


def test_a_wide_export_is_unpivoted_to_one_row_per_answer(ingested) -> None:
    home, results = ingested
    # 5 respondents x 3 items, two empty cells (no answer, no row): 13 answers.
    assert counts(results["wide_survey.csv"]) == (13, 12, 1)
    loaded = rows(home, "wide_survey.csv")
    assert loaded[:5] == [
        (2, "VH-N", "CLA1", 4),
        (2, "VH-N", "CLA2", 5),
        (2, "VH-N", "PS1", 3),
        (3, "VH-N", "CLA1", 2),
        (3, "VH-N", "PS1", 4),
    ]
    assert (5, "VH-Z", "PS1", None) not in loaded  # an empty cell is no answer, not a row
    assert [r[:3] for r in loaded if r[0] == 4] == [(4, "VH-Z", "CLA1"), (4, "VH-Z", "PS1")]
    [(line, column, value, code, reason)] = quarantined(home, "wide_survey.csv")
    assert (line, column, value, code) == (4, "answer", "9", "out_of_range")
    # the column the answer stood in, as the file names it
    assert reason.startswith(
        "wide_survey.csv, regel 4, kolom CLA2, waarde '9': de waarde in deze kolom moet"
    )
    respondents = query(
        home,
        "select count(distinct respondent_key) from raw_survey_responses "
        "where _source_file like '%wide_survey.csv'",
    )
    assert respondents == [(5,)]


def test_a_header_on_line_3_keeps_the_files_own_line_numbers(ingested) -> None:
    home, results = ingested
    assert counts(results["header_row3.csv"]) == (10, 9, 1)
    loaded = rows(home, "header_row3.csv")
    assert loaded[0] == (4, "VH-N", "CLA1", 4)
    assert (11, "VH-Z", "CLA2", None) in loaded  # empty: no answer
    assert [r[0] for r in loaded] == [4, 5, 6, 7, 8, 10, 11, 12, 13]
    [(line, column, value, code, _)] = quarantined(home, "header_row3.csv")
    assert (line, column, value, code) == (9, "answer", "drie", "wrong_type")


def test_a_qualtrics_export_skips_its_two_extra_header_rows(ingested) -> None:
    """extra_header_rows: 2: the question texts (lines 2-3, one text over two lines) and
    the import ids (line 4) are no rows, and the note says so; line numbers stay the
    file's own."""
    home, results = ingested
    result = results["qualtrics.csv"]
    assert counts(result) == (17, 16, 1)  # 17 answers on lines 5-10, one of them 7
    assert any("regel 2, 4" in str(n) for n in result.notes), result.notes
    assert [(r[0], r[2], r[3]) for r in rows(home, "qualtrics.csv")] == [
        (5, "CLA1", 4), (5, "CLA2", 5), (5, "PS1", 3),
        (6, "CLA1", 2), (6, "PS1", 4),
        (7, "CLA1", 5), (7, "CLA2", 4),
        (8, "CLA1", 3), (8, "CLA2", 3), (8, "PS1", 3),
        (9, "CLA1", 4), (9, "CLA2", 4), (9, "PS1", 5),
        (10, "CLA1", 5), (10, "CLA2", 5), (10, "PS1", 4),
    ]  # fmt: skip
    [(line, column, value, code, reason)] = quarantined(home, "qualtrics.csv")
    assert (line, column, value, code) == (7, "answer", "7", "out_of_range")
    assert reason.startswith("qualtrics.csv, regel 7, kolom PS1")


def test_a_surveymonkey_export_with_its_header_over_two_rows(ingested) -> None:
    """header_rows: 2: "question / statement" names, the matrix's statements mapped to
    items by values; line 2 is no data, and the note says so."""
    home, results = ingested
    result = results["surveymonkey.csv"]
    assert counts(result) == (17, 16, 1)
    assert any("regel 2 is het tweede deel van de kop" in str(n) for n in result.notes)
    assert [(r[0], r[2], r[3]) for r in rows(home, "surveymonkey.csv")][:5] == [
        (3, "CLA1", 4), (3, "CLA2", 5), (3, "PS1", 3), (4, "CLA1", 2), (4, "PS1", 4)
    ]  # fmt: skip
    [(line, column, value, code, reason)] = quarantined(home, "surveymonkey.csv")
    assert (line, column, value, code) == (5, "answer", "7", "out_of_range")
    assert "kolom In hoeverre bent u het eens met de volgende stellingen? / Ik voel" in reason


def test_answer_labels_are_read_as_1_to_5(ingested) -> None:
    home, results = ingested
    assert counts(results["answer_labels.csv"]) == (11, 10, 1)
    answers = {(r[0], r[2]): r[3] for r in rows(home, "answer_labels.csv")}
    assert answers == {
        (2, "CLA1"): 5,  # Helemaal mee eens
        (3, "CLA2"): 4,  # Mee eens
        (4, "PS1"): None,  # Weet niet
        (5, "CLA1"): 2,  # "mee  oneens"
        (6, "CLA2"): 3,  # Neutraal
        (7, "PS1"): 1,  # Helemaal mee oneens
        (8, "CLA1"): 3,  # Niet mee eens, niet mee oneens
        (10, "PS1"): 5,  # HELEMAAL MEE ÉÉNS
        (11, "CLA1"): 4,  # a plain number
        (12, "CLA2"): None,  # weet niet
    }
    [(line, column, value, code, reason)] = quarantined(home, "answer_labels.csv")
    assert (line, column, value, code) == (9, "answer", "Soms", "unknown_label")
    assert reason.startswith("answer_labels.csv, regel 9, kolom Antwoord: 'Soms' is geen bekend")


def test_a_number_among_answer_labels_is_read_by_the_columns_number_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``4,0`` is a number, not an unknown label: read as the answer column reads numbers
    (4); ``4,5`` is then no whole number (wrong_type), and only a word is unknown_label.
    ``4,0`` was quarantined as an unknown label whose reason says a number is accepted."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("answer_labels.mapping.yaml", "org_units.csv"):
        shutil.copy(EXAMPLES / name, folder)
    (folder / "answer_labels_2.csv").write_text(
        "RespondentID;Meetmoment;Eenheid;Vraagcode;Antwoord\n"
        "R1;15-03-2026;VH-N;CLA1;4,0\nR1;15-03-2026;VH-N;CLA2; 2 \n"
        "R1;15-03-2026;VH-N;PS1;4,5\nR2;15-03-2026;VH-N;CLA1;Soms\n",
        "utf-8",
    )
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    files = build(path=home / "warehouse.duckdb", inputs=[folder], catalogue=lenient()).files
    [result] = [f for f in files if f.path.name == "answer_labels_2.csv"]
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined) == (4, 2, 2)
    assert [(r[2], r[3]) for r in rows(home, "answer_labels_2.csv")] == [("CLA1", 4), ("CLA2", 2)]
    assert [(q[0], q[2], q[3]) for q in quarantined(home, "answer_labels_2.csv")] == [
        (4, "4,5", "wrong_type"),
        (5, "Soms", "unknown_label"),
    ]


def test_suppliers_with_legal_forms_read_as_written_or_translated_by_values(ingested) -> None:
    home, results = ingested
    assert counts(results["leveranciers.csv"]) == (10, 9, 1)
    forms = dict(
        query(home, "select supplier_id, legal_form from raw_suppliers order by supplier_id")
    )
    assert forms == {
        "C1001": "bv",  # B.V. (dots forgiven)
        "C1002": "bv",
        "C1003": "vof",  # V.O.F.
        "C1004": "eenmanszaak",  # Eenmanszaak (case forgiven)
        "C1005": "stichting",
        "C1006": "nv",  # Naamloze Vennootschap (the form's name)
        "C1008": "cooperatie",  # Coöperatie U.A.
        "C1009": "bv",  # Besl. Venn. (values)
        "C1010": "vereniging",
    }
    [(line, column, value, code, _)] = quarantined(home, "leveranciers.csv")
    assert (line, column, value, code) == (8, "legal_form", "GmbH", "not_in_set")


def test_orders_in_dutch_with_amounts_procedures_and_pseudonyms(ingested) -> None:
    home, results = ingested
    assert counts(results["inkoop_2026-04-01.csv"]) == (10, 9, 1)
    orders = query(
        home,
        "select order_id, amount_eur, procedure, requester_id = approver_id "
        "from stg_procurement__orders order by order_id",
    )
    assert orders[:4] == [
        ("B-26-0001", 1234.56, "enkelvoudig_onderhands", False),
        ("B-26-0002", 48900.0, "enkelvoudig_onderhands", False),
        ("B-26-0003", 62350.1, "meervoudig_onderhands", False),
        ("B-26-0004", 0.0, "raamcontract", False),
    ]
    assert ("B-26-0008", 950.0, "enkelvoudig_onderhands", True) in orders
    assert ("B-26-0007", 230000.0, "europees_openbaar", False) in orders
    keys = query(home, "select requester_key, approver_key from raw_procurement")
    assert not {"104233", "100001"} & {k for row in keys for k in row}
    assert query(home, "select distinct _export_date from raw_procurement") == [
        (dt.date(2026, 4, 1),)
    ]
    [(line, column, value, code, _)] = quarantined(home, "inkoop_2026-04-01.csv")
    assert (line, column, value, code) == (7, "supplier_id", "C9999", "unknown_supplier")


def test_trainings_with_the_platforms_names_of_the_kinds(ingested) -> None:
    home, results = ingested
    assert counts(results["trainingen.csv"]) == (10, 9, 1)
    kinds = query(
        home,
        "select training_kind, count(*), sum(attended_n) from stg_trainings__sessions "
        "group by 1 order by 1",
    )
    assert kinds == [
        ("dilemmasessie", 3, 24),
        ("e_learning_integriteit", 3, 33),
        ("introductie_gedragscode", 2, 5),
        ("overig", 1, 19),
    ]
    [(line, column, value, code, _)] = quarantined(home, "trainingen.csv")
    assert (line, column, value, code) == (5, "attended_n", "12", "out_of_range")


def test_an_hr_export_in_hours_is_converted_to_the_contracts_units(ingested) -> None:
    home, results = ingested
    assert counts(results["uren_hr.csv"]) == (12, 11, 1)
    loaded = query(
        home,
        "select _source_line, round(fte, 4), sick_days, overtime_hours from raw_employees "
        "where _source_file like '%uren_hr.csv' order by 1",
    )
    assert loaded == [
        (2, 1.0, 0.0, 0.0),
        (3, 1.0, 1.0, 2.0),
        (4, 0.8889, 2.0, 1.5),
        (5, 0.8, 0.0, 0.0),
        (7, 0.6667, 0.0, 0.0),
        *((line, 1.0, 0.0, 0.0) for line in range(8, 14)),
    ]
    [(line, column, value, code, _)] = quarantined(home, "uren_hr.csv")
    assert (line, column, value, code) == (6, "fte", "48", "out_of_range")
    said = [str(n) for n in results["uren_hr.csv"].notes]
    assert "omgerekend volgens de kolomkoppeling: fte is 'Uren per week' gedeeld door 36" in said


# --- the same options on files of the tests' own ------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    monkeypatch.delenv("RADAR_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("RADAR_KEY_FILE", raising=False)
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    return home


def test_a_wide_export_with_labels_and_a_title_line(home: Path, tmp_path: Path) -> None:
    """The three options together; an unknown label names the item column."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "org_units.csv", folder)
    (folder / "wide.csv").write_text(
        "Export medewerkersonderzoek\nmaart 2026\n\nID;Datum;Team;CLA1;PS1\n"
        "A1;15-03-2026;VH-N;Mee eens;Weet niet\nA2;15-03-2026;VH-Z;Vaak;Neutraal\n",
        encoding="utf-8",
    )
    mapping = folder / "wide.mapping.yaml"
    mapping.write_text(
        "dataset: survey_responses\nfiles: [wide.csv]\nheader_row: 4\n"
        "unpivot: {id_columns: [ID, Datum, Team]}\nanswer_labels: likert_nl\n"
        "columns: {ID: respondent_key, Datum: wave_date, Team: org_unit}\n",
        encoding="utf-8",
    )
    cat = lenient()
    results = {  # what the ingest writes is all this reads: no models
        r.path.name: r for r in ingest_only(home / "w.duckdb", [folder], catalogue=cat)
    }
    assert counts(results["wide.csv"]) == (4, 3, 1)
    with reading(str(home / "w.duckdb")) as con:
        loaded = con.execute(
            "select _source_line, item_code, answer from raw_survey_responses order by all"
        ).fetchall()
        bad = con.execute(
            'select line, "column", value, reason_code, reason from quarantine'
        ).fetchall()
    assert loaded == [(5, "CLA1", 4), (5, "PS1", None), (6, "PS1", 3)]
    [(line, column, value, code, reason)] = bad
    assert (line, column, value, code) == (6, "answer", "Vaak", "unknown_label")
    assert reason.startswith("wide.csv, regel 6, kolom CLA1: 'Vaak'")


@pytest.mark.parametrize(
    "yaml_text, message, english",
    [
        ("header_row: 0\n", "header_row: 0; verwacht een regelnummer", "header_row: 0; expected"),
        (  # a question mark in an unquoted column name (helper-90): where, in Dutch
            "columns: {Persnr: respondent_key, Raakt u?: answer}\n",
            r"bad.mapping.yaml, regel 2, kolom 42: geen geldige YAML \(.*\) in 'columns: "
            r"\{Persnr: respondent_key, Raakt u\?: answer\}'\. Staat er een dubbele punt",
            "line 2, column 42: not valid YAML",
        ),
        (
            "date_order: ymd\n",
            "date_order: 'ymd' is onbekend; verwacht een van",
            "date_order: 'ymd' is unknown",
        ),
        (  # past Excel's last row: a traceback (helper-195); 1048576 itself is a line
            "header_row: 1048577\n",
            "header_row: 1048577; verwacht een regelnummer",
            "header_row: 1048577; expected a line number",
        ),
        (
            "header_rows: 3\n",
            "header_rows: 3; verwacht 1 of 2",
            "header_rows: 3; expected 1 or 2",
        ),
        (
            "extra_header_rows: 0\n",  # 1 is the least: just outside
            "extra_header_rows: 0; verwacht een aantal rijen vanaf 1",
            "extra_header_rows: 0; expected a number of rows from 1",
        ),
        (
            "answer_labels: likert_de\n",
            "answer_labels: 'likert_de' is onbekend",
            "answer_labels: 'likert_de' is unknown",
        ),
        (
            "unpivot: {id_columns: [A], value_column: score}\n",
            "unpivot.value_column: 'score' is geen kolom",
            "unpivot.value_column: 'score' is not a column",
        ),
    ],
)
def test_a_broken_mapping_option_names_its_field(
    home: Path, tmp_path: Path, yaml_text: str, message: str, english: str
) -> None:
    """In Dutch (str(), the default) and English (text("en"), radar --lang en)."""
    from pipelines.ingest.mapping import load_mapping
    from pipelines.ingest.readers import UnusableFile

    path = tmp_path / "bad.mapping.yaml"
    path.write_text("dataset: survey_responses\n" + yaml_text, encoding="utf-8")
    with pytest.raises(UnusableFile, match=message) as refused:
        load_mapping(path)
    assert english in refused.value.text("en"), refused.value.text("en")


@pytest.mark.parametrize(
    "yaml_text, dutch, english",
    [
        (
            "files: ['*.csv']\nheader_row: drie\n",
            ":3: kolomkoppeling, veld header_row: verwacht een geheel getal; er staat 'drie'",
            ":3: column mapping, field header_row: expected a whole number; found 'drie'",
        ),
        (  # yes is no line: it was read as 1 (boundary: 1 itself loads, above)
            "header_row: true\n",
            ":2: kolomkoppeling, veld header_row: verwacht een geheel getal; er staat true",
            ":2: column mapping, field header_row: expected a whole number; found true",
        ),
        (  # a pattern that is none: where, not Python's English (helper-193)
            "export_date: {from_name: 'inkoop_([0-9'}\n",
            ": kolomkoppeling: export_date.from_name: 'inkoop_([0-9' is geen reguliere "
            "expressie: het loopt mis bij teken 9",
            ": column mapping: export_date.from_name: 'inkoop_([0-9' is not a regular "
            "expression: it goes wrong at character 9",
        ),
        (  # nothing there: nothing quoted (helper-195: 'er staat none')
            "header_row: ~\n",
            ":2: kolomkoppeling, veld header_row: verwacht een geheel getal",
            ":2: column mapping, field header_row: expected a whole number",
        ),
        (
            "values:\n  kind: dilemmasessie\n",
            ":3: kolomkoppeling, veld values.kind: verwacht paren van sleutel: waarde "
            "({sleutel: waarde, ...}); er staat 'dilemmasessie'",
            ":3: column mapping, field values.kind: expected pairs of key: value ({key: "
            "value, ...}); found 'dilemmasessie'",
        ),
    ],
)
def test_a_field_of_the_wrong_kind_names_its_line_and_what_it_holds(
    tmp_path: Path, yaml_text: str, dutch: str, english: str
) -> None:
    """helper-193: 'veld header_row: verwacht een geheel getal' named neither the line
    nor 'drie'; in English pydantic's own words named its classes; header_row: true was
    read as 1, unsaid."""
    from pipelines.ingest.mapping import load_mapping
    from pipelines.ingest.readers import UnusableFile

    path = tmp_path / "bad.mapping.yaml"
    path.write_text("dataset: trainings\n" + yaml_text, encoding="utf-8")
    with pytest.raises(UnusableFile) as refused:
        load_mapping(path)
    assert str(refused.value) == f"{path}{dutch}"
    assert refused.value.text("en") == f"{path}{english}"


def test_a_header_row_past_the_end_or_a_missing_id_column_is_unusable(
    home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "short.csv").write_text("titel\n\nrespondent_key;wave_date\n", encoding="utf-8")
    (folder / "short.mapping.yaml").write_text(
        "dataset: survey_responses\nfiles: [short.csv]\nheader_row: 9\n", encoding="utf-8"
    )
    (folder / "wide.csv").write_text("ID;Datum;CLA1\nA1;15-03-2026;4\n", encoding="utf-8")
    (folder / "wide.mapping.yaml").write_text(
        "dataset: survey_responses\nfiles: [wide.csv]\nunpivot: {id_columns: [ID, Datum, Team]}\n",
        encoding="utf-8",
    )
    results = {r.path.name: r for r in ingest_only(home / "w.duckdb", [folder])}
    assert "geen kop op of na regel 9" in (results["short.csv"].error or "")
    assert (
        "unpivot.id_columns niet in de kop: Team; id_columns noemt de kolommen zoals het "
        "bestand ze noemt, niet zoals columns ze omzet (de kop: ID, Datum, CLA1)"
        in (results["wide.csv"].error or "")
    )
    # a wide export's header of many items is cut after twelve names
    wide = "ID;Datum;" + ";".join(f"I{n}" for n in range(11)) + "\nA1;15-03-2026" + ";4" * 11
    (folder / "wide.csv").write_text(wide + "\n", encoding="utf-8")
    results = {r.path.name: r for r in ingest_only(home / "w.duckdb", [folder])}
    assert "(de kop: ID, Datum, I0, I1, I2, I3, I4, I5, I6, I7, I8, I9, ...)" in (
        results["wide.csv"].error or ""
    )


def test_header_row_in_an_xlsx_keeps_the_sheets_row_numbers(home: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "org_units.csv", folder)
    wb = Workbook()
    ws = wb.active
    ws.append(["Rapport medewerkersonderzoek"])
    ws.append([])
    ws.append(["respondent_key", "wave_date", "org_unit", "item_code", "answer"])
    for n in range(10):
        ws.append([f"X{n}", "15-03-2026", "VH-N", "CLA1", 4 if n else 8])
    wb.save(folder / "survey.xlsx")
    (folder / "survey.mapping.yaml").write_text(
        "dataset: survey_responses\nfiles: [survey.xlsx]\nheader_row: 3\n", encoding="utf-8"
    )
    results = {r.path.name: r for r in ingest_only(home / "w.duckdb", [folder])}
    assert counts(results["survey.xlsx"]) == (10, 9, 1)
    with reading(str(home / "w.duckdb")) as con:
        assert con.execute("select line, value from quarantine").fetchall() == [(4, "8")]
        assert con.execute("select min(_source_line) from raw_survey_responses").fetchall() == [
            (5,)
        ]


def test_a_wide_line_with_an_unknown_unit_is_one_reason_not_one_per_answer(
    home: Path, tmp_path: Path
) -> None:
    """Line 3's three answers are all quarantined for its one unknown unit: quarantine
    keeps the three rows (nothing is lost), the summary says the reason once; line 4's
    two bad answers in two columns stay two reasons."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "org_units.csv", folder)
    (folder / "wide.csv").write_text(
        "ID;Datum;Team;CLA1;CLA2;PS1\nA1;15-03-2026;VH-N;4;5;3\n"
        "A2;15-03-2026;XX-9;2;3;4\nA3;15-03-2026;VH-Z;9;8;1\n",
        encoding="utf-8",
    )
    (folder / "wide.mapping.yaml").write_text(
        "dataset: survey_responses\nfiles: [wide.csv]\n"
        "unpivot: {id_columns: [ID, Datum, Team]}\n"
        "columns: {ID: respondent_key, Datum: wave_date, Team: org_unit}\n",
        encoding="utf-8",
    )
    cat = lenient()
    results = {
        r.path.name: r for r in build(path=home / "w.duckdb", inputs=[folder], catalogue=cat).files
    }
    result = results["wide.csv"]
    assert counts(result) == (9, 4, 5)
    said = [(q.line, q.column, q.value) for q in result.examples]
    assert said == [(3, "Team", "XX-9"), (4, "CLA1", "9"), (4, "CLA2", "8")]
    assert result.reasons == 3
    with reading(str(home / "w.duckdb")) as con:
        kept = con.execute("select line, count(*) from quarantine group by line order by line")
        assert kept.fetchall() == [(3, 3), (4, 2)]
        # Datakwaliteit's mart: line 3's one bad cell is one row holding back 3 answers
        shown = con.execute(
            "select line, column_name, value, rows_quarantined from report_quarantine "
            "order by line, value"
        )
        assert shown.fetchall() == [
            (3, "org_unit", "XX-9", 3),
            (4, "answer", "8", 1),
            (4, "answer", "9", 1),
        ]


@pytest.mark.parametrize(
    "yaml_text, said",
    [
        ("files: ['*.csv']\nheader_row: 0\n", ":3: kolomkoppeling: header_row: 0; verwacht"),
        ("\ndate_order: ymd\n", ":3: kolomkoppeling: date_order: 'ymd' is onbekend"),
        # a rule of the whole mapping: no line of its own
        ("columns: {A: nope}\n", ": kolomkoppeling: columns.A: 'nope' is geen kolom"),
    ],
)
def test_a_field_the_mappings_own_check_refuses_names_its_line(
    tmp_path: Path, yaml_text: str, said: str
) -> None:
    """helper-196: header_row: 0 and date_order: ymd named no line (checked in the
    mapping's own validator); an unknown column in columns is the whole mapping's."""
    from pipelines.ingest.mapping import load_mapping
    from pipelines.ingest.readers import UnusableFile

    path = tmp_path / "bad.mapping.yaml"
    path.write_text("dataset: trainings\n" + yaml_text, encoding="utf-8")
    with pytest.raises(UnusableFile) as refused:
        load_mapping(path)
    assert str(refused.value).startswith(f"{path}{said}")
