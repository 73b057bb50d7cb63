"""Header rows as survey tools write them (issue 13, Deliver 4: "tools that write two or
three header rows"), each tested against the file it must not lose: extra_header_rows
(Qualtrics' question texts and import ids) is refused where a skipped row is data, and
header_rows: 2 (SurveyMonkey's question over its statements) where the second row is a
respondent. The examples themselves are read in tests/test_mappings.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ingesthelpers import ingest_only
from tests.readers import reading
from tests.test_ingest import lenient
from tests.test_mappings import EXAMPLES, counts, home

__all__ = ["home"]  # fixtures used here


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (3, "qualtrics.csv: regel 5 is een van de 3 rij(en) onder de kop die "
            "extra_header_rows overslaat, maar is een gewone gegevensregel"),
        (20, "qualtrics.csv: extra_header_rows: 20, maar onder de kop staan maar 8 rij(en)"),
    ],
)  # fmt: skip
def test_a_header_row_that_is_data_refuses_the_file(
    home: Path, tmp_path: Path, extra: int, said: str
) -> None:
    """One row too many (3: the first respondent on line 5), or more than the file has
    (helper-92: data_row past the data loaded nothing and said "alleen een kop"): the
    file is refused, and nothing of it is loaded."""
    folder = qualtrics_with(tmp_path, f"extra_header_rows: {extra}")
    results = {r.path.name: r for r in ingest_only(home / "w.duckdb", [folder])}
    error = str(results["qualtrics.csv"].error)
    assert said in error, error
    with reading(str(home / "w.duckdb")) as con:
        assert con.execute("select count(*) from raw_survey_responses").fetchall() == [(0,)]


def qualtrics_with(tmp_path: Path, extra: str, csv_text: str | None = None) -> Path:
    """The Qualtrics example in a folder of its own, its mapping's extra_header_rows line
    replaced by ``extra``, its file by ``csv_text`` when given."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("qualtrics.csv", "org_units.csv"):
        shutil.copy(EXAMPLES / name, folder)
    if csv_text is not None:
        (folder / "qualtrics.csv").write_text(csv_text, encoding="utf-8")
    text = (EXAMPLES / "qualtrics.mapping.yaml").read_text(encoding="utf-8")
    (folder / "qualtrics.mapping.yaml").write_text(
        # the key's own line (the comment above it names it too: replaced there, a
        # date_order in ``extra`` was written twice, which a mapping refuses)
        text.replace("\nextra_header_rows: 2\n", f"\n{extra}\n"),
        encoding="utf-8",
    )
    return folder


HEAD = "StartDate,EndDate,ResponseId,Eenheid,CLA1,CLA2,PS1\n"


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        # helper-93: a first respondent with one bad answer (7) and the rest read is data
        ('"{""ImportId"":""x""}",,,,,,\n2026-03-15,2026-03-15,R1,VH-N,4,5,7\n'
         "2026-03-16,2026-03-16,R2,VH-N,4,5,3\n", "regel 3 is een van de 2"),
        # helper-93: a header row with fewer fields than the header counts as one, so the
        # count does not slide onto the first respondent; it stays in quarantine as
        # truncated_row (helper-95: a data row with a field too many was dropped unsaid)
        ('"{""ImportId"":""x""}"\nStart,End,Id,Team,Vraag 1,Vraag 2,Vraag 3\n'
         "2026-03-15,2026-03-15,R1,VH-N,4,5,3\n", None),
    ],
)  # fmt: skip
def test_header_rows_are_told_from_data_by_their_values(
    home: Path, tmp_path: Path, rows: str, said: str | None
) -> None:
    folder = qualtrics_with(tmp_path, "extra_header_rows: 2", HEAD + rows)
    results = {
        r.path.name: r for r in ingest_only(home / "w.duckdb", [folder], catalogue=lenient())
    }
    result = results["qualtrics.csv"]
    if said is not None:
        assert said in str(result.error), result.error
        return
    assert result.error is None, result.error
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined) == (4, 3, 1)
    with reading(str(home / "w.duckdb")) as con:
        held = con.execute("select line, reason_code from quarantine").fetchall()
    assert held == [(2, "truncated_row")]


@pytest.mark.parametrize(
    ("numbers", "said"),
    [
        (",,,,1,2,3", None),  # question numbers under the items, no record's columns
        (",,R0,,1,2,3", "regel 2 is een van de 2"),  # a respondent: data, not guessed
    ],
)
def test_a_row_of_question_numbers_without_a_records_columns_is_a_header_row(
    home: Path, tmp_path: Path, numbers: str, said: str | None
) -> None:
    """helper-226 4: a survey tool's row of question numbers under its item codes
    (;;;1;2;3;4;5) was refused as data: its numbers read as answers. A row with none of
    the dataset's required columns filled (respondent, wave, unit) is no record; one
    with any of them is data, and the file refused as before."""
    rows = f"{numbers}\nStart,End,Id,Team,Vraag 1,Vraag 2,Vraag 3\n"
    rows += "2026-03-15,2026-03-15,R1,VH-N,4,5,3\n"
    folder = qualtrics_with(tmp_path, "extra_header_rows: 2", HEAD + rows)
    [result] = [
        r for r in ingest_only(home / "w.duckdb", [folder]) if r.path.name == "qualtrics.csv"
    ]
    if said is not None:
        assert said in str(result.error), result.error
        return
    assert result.error is None, result.error
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined) == (3, 3, 0)


def surveymonkey_xlsx(folder: Path, row_of=lambda row: row) -> Path:
    """The example export as a workbook in ``folder`` (each row through ``row_of``), with
    the organisation and the example's mapping for it."""
    import csv

    import openpyxl

    folder.mkdir()
    shutil.copy(EXAMPLES / "org_units.csv", folder)
    text = (EXAMPLES / "surveymonkey.mapping.yaml").read_text(encoding="utf-8")
    (folder / "surveymonkey.mapping.yaml").write_text(
        text.replace('files: ["surveymonkey*.csv"]', 'files: ["surveymonkey*"]'), encoding="utf-8"
    )
    book = openpyxl.Workbook()
    with (EXAMPLES / "surveymonkey.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            book.active.append([c or None for c in row_of(row)])
    book.save(folder / "surveymonkey_2026.xlsx")
    return folder


def test_a_two_row_header_in_an_xlsx_and_without_its_second_row(home: Path, tmp_path: Path):
    """The same export as a workbook; and one with no row below the header, refused."""
    folder = surveymonkey_xlsx(tmp_path / "in")
    (folder / "surveymonkey_leeg.csv").write_text(
        (EXAMPLES / "surveymonkey.csv").read_text(encoding="utf-8").splitlines()[0] + "\n",
        encoding="utf-8",
    )
    results = {r.path.name: r for r in ingest_only(home / "w.duckdb", [folder])}
    assert counts(results["surveymonkey_2026.xlsx"]) == (17, 16, 1)
    error = str(results["surveymonkey_leeg.csv"].error)
    assert "de kop beslaat volgens de kolomkoppeling twee rijen (header_rows: 2), maar" in error


def surveymonkey_xlsx_with_the_matrix_last(folder: Path, wider: bool) -> Path:
    """The example export as a workbook with its open question moved before the matrix:
    the first header row ends at the matrix's question, its statements reach 2 cells
    further in the second row. ``wider``: respondent 114002 has a cell past them."""

    def reordered(row: list[str]) -> list[str]:
        row = row[:4] + row[7:] + row[4:7]
        return [*row, "9"] if wider and row[0] == "114002" else row

    return surveymonkey_xlsx(folder, reordered)


@pytest.mark.parametrize("wider", [False, True])
def test_a_two_row_header_whose_second_row_is_wider_in_an_xlsx(
    home: Path, tmp_path: Path, wider: bool
) -> None:
    """An XLSX writes no empty cells at a row's end, so a header whose last question is
    a matrix was narrower than its statements and the file was refused (left alone at
    f0d27f4). The second header row now sets the width; a respondent's row past it is
    still a row with too many fields."""
    folder = surveymonkey_xlsx_with_the_matrix_last(tmp_path / "in", wider)
    result = ingest_only(home / "w.duckdb", [folder])
    (smk,) = [r for r in result if r.path.name == "surveymonkey_2026.xlsx"]
    with reading(str(home / "w.duckdb")) as con:
        held = con.execute("select line, reason_code from quarantine order by all").fetchall()
        answers = con.execute(
            "select item_code, answer from raw_survey_responses order by all"
        ).fetchall()
    if not wider:
        assert counts(smk) == (17, 16, 1)
        assert held == [(5, "out_of_range")]
        # the same answers as the example CSV, whose header rows are as wide
        csv_folder = tmp_path / "csv"
        csv_folder.mkdir()
        for name in ("org_units.csv", "surveymonkey.csv", "surveymonkey.mapping.yaml"):
            shutil.copy(EXAMPLES / name, csv_folder)
        ingest_only(home / "csv.duckdb", [csv_folder])
        with reading(str(home / "csv.duckdb")) as con:
            expected = con.execute(
                "select item_code, answer from raw_survey_responses order by all"
            ).fetchall()
        assert answers == expected
    else:
        assert smk.error is None, smk.error
        assert (4, "truncated_row") in held, held  # a field too many: not read


@pytest.mark.parametrize("second", [None, ",,,,,,,"])
def test_a_respondent_is_never_taken_for_the_second_header_row(
    home: Path, tmp_path: Path, second: str | None
) -> None:
    """helper-96: with row 2 gone or blank, line 3 (a respondent) became the second
    header row and the refusal blamed the id columns."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("surveymonkey.mapping.yaml", "org_units.csv"):
        shutil.copy(EXAMPLES / name, folder)
    lines = (EXAMPLES / "surveymonkey.csv").read_text(encoding="utf-8").splitlines()
    lines[1:2] = [] if second is None else [second]
    (folder / "surveymonkey.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = {r.path.name: r for r in ingest_only(home / "w.duckdb", [folder])}
    error = str(results["surveymonkey.csv"].error)
    line = 2 if second is None else 3
    assert (
        f"regel {line} zou het tweede deel van de kop zijn (header_rows: 2), maar er staat" in error
    )


def test_header_rows_is_refused_for_parquet(home: Path, tmp_path: Path) -> None:
    """helper-96: a Parquet's first respondent was taken for the second header row."""
    import pandas as pd

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "peiling.mapping.yaml").write_text(
        "dataset: survey_responses\nfiles: [peiling*]\nheader_rows: 2\n", encoding="utf-8"
    )
    pd.DataFrame(
        {"respondent_key": ["R1"], "wave_date": ["15-03-2026"], "org_unit": ["VH-N"],
         "item_code": ["CLA1"], "answer": ["4"]}
    ).to_parquet(folder / "peiling.parquet")  # fmt: skip
    [result] = ingest_only(home / "w.duckdb", [folder])
    assert "header_rows geldt niet voor Parquet" in str(result.error), result.error


def test_group_titles_over_item_codes_name_the_values_that_read_them(
    home: Path, tmp_path: Path
) -> None:
    """helper-253 F6: a vendor's workbook with a group's title merged over its items
    (Helderheid over CLA1, CLA2) and the items' codes below, read with header_rows: 2:
    each column is 'Helderheid / CLA1', no item, so every answer was quarantined, and the
    way out the note named, skip_columns, would have left every answer out. The note now
    gives the values that read them; with those the file loads whole."""
    import openpyxl

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "org_units.csv", folder)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Respondent", "Datum", "Eenheid", "Helderheid", None, "Veiligheid"])
    sheet.append([None, None, None, "CLA1", "CLA2", "PS1"])
    sheet.merge_cells("D1:E1")
    for r in range(4):
        sheet.append([f"R{r}", "15-10-2026", "VH-N", 4, 3, 5])
    book.save(folder / "enquete.xlsx")
    mapping = (
        "dataset: survey_responses\nfiles: [enquete.xlsx]\nheader_rows: 2\n"
        "unpivot: {id_columns: [Respondent, Datum, Eenheid]}\n"
        "columns: {Respondent: respondent_key, Datum: wave_date, Eenheid: org_unit}\n"
    )
    (folder / "enquete.mapping.yaml").write_text(mapping, encoding="utf-8")
    results = {
        r.path.name: r for r in ingest_only(home / "w.duckdb", [folder], catalogue=lenient())
    }
    notes = [str(n) for n in results["enquete.xlsx"].notes]
    values = (
        "values: {item_code: {'Helderheid / CLA1': CLA1, 'Helderheid / CLA2': CLA2, "
        "'Veiligheid / PS1': PS1}}"
    )
    assert any(n.endswith(values) for n in notes), notes
    (folder / "enquete.mapping.yaml").write_text(
        mapping + values.replace("values: ", "values:\n  ").replace(": {'", ":\n    {'"),
        encoding="utf-8",
    )
    home2 = tmp_path / "w2.duckdb"
    results = {r.path.name: r for r in ingest_only(home2, [folder], catalogue=lenient())}
    assert counts(results["enquete.xlsx"]) == (12, 12, 0)
    assert not any("item-code" in str(n) for n in results["enquete.xlsx"].notes)
