"""A header under a title: the refusal names the line that would fit as the header and
the mapping's header_row, instead of only listing the title as the file's columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.test_ingest import home, org_home, run, write

__all__ = ["home", "org_home"]  # fixtures used here

KM = "employee_key;year;private_km\n1;2026;12\n2;2026;40\n"


def test_a_title_and_a_blank_line_above_the_header_name_line_3(home: Path, tmp_path: Path):
    path = write(tmp_path / "vehicle_use.csv", "Export kilometers 2026\n\n" + KM)
    [result] = run(home, path)
    assert result.rows_loaded == 0
    assert "vehicle_use.csv" in result.error
    assert "verplichte kolom ontbreekt" in result.error
    assert "Regel 3 past wel als kop" in result.error and "header_row: 3" in result.error


def test_an_unknown_dataset_keeps_its_sentence_and_gets_the_hint(home: Path, tmp_path: Path):
    path = write(tmp_path / "km.csv", "Rapport\nper 01-10-2026\n" + KM)
    [result] = run(home, path)
    assert "onbekende dataset: de kolommen (Rapport)" in result.error
    assert "docs/mappings/). Regel 3 past wel als kop" in result.error
    assert "Line 3 would fit as the header" in result.error.text("en")


def test_an_xlsx_title_row(home: Path, tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["Kilometers per medewerker"])
    wb.active.append([])
    for row in KM.splitlines():
        wb.active.append(row.split(";"))
    path = tmp_path / "km.xlsx"
    wb.save(path)
    [result] = run(home, path)
    assert "Regel 3 past wel als kop" in result.error


def test_a_mappings_header_row_too_high_names_the_real_one(home: Path, tmp_path: Path):
    path = write(tmp_path / "auto.csv", "Titel\nOnderwerp\n\nMdw;Jaar;Km\n1;2026;12\n")
    mapping = tmp_path / "auto.mapping.yaml"
    mapping.write_text(
        "dataset: vehicle_use\nfiles: ['auto*.csv']\nheader_row: 2\n"
        "columns: {Mdw: employee_key, Jaar: year, Km: private_km}\n",
        "utf-8",
    )
    [result] = run(home, path, mappings=[mapping])
    assert "header_row: 4" in result.error


@pytest.mark.parametrize(
    "text",
    [
        "Titel\nfoo;bar\n1;2\n",  # no line below fits any dataset
        "Titel\n" + "\n" * 11 + KM,  # the header beyond the lines looked at
    ],
)
def test_no_hint_without_a_line_that_fits(home: Path, tmp_path: Path, text: str) -> None:
    [result] = run(home, write(tmp_path / "x.csv", text))
    assert result.error is not None and "past wel als kop" not in result.error


def test_a_refusal_for_another_reason_gets_no_hint(home: Path, tmp_path: Path) -> None:
    """Two header cells onto one column is no title problem, though a line below fits."""
    path = write(tmp_path / "vehicle_use.csv", "year;jaar;year\n" + KM)
    [result] = run(home, path)
    assert result.error is not None and "past wel als kop" not in result.error


def test_a_csv_starting_with_pk_is_no_workbook_to_the_hint(home: Path, tmp_path: Path) -> None:
    """Found by a review: a title beginning 'PK' was taken for a zip (XLSX) and openpyxl's
    error ended the whole run."""
    path = write(tmp_path / "vehicle_use.csv", "PKO rapportage 2026\n\n" + KM)
    [result] = run(home, path)
    assert "Regel 3 past wel als kop" in result.error


@pytest.mark.parametrize("title", ["Rapport\x0cpagina 1", "Rapport\x1c2026", "Rapport\u2028x"])
def test_lines_are_counted_as_the_readers_count_them(home: Path, tmp_path: Path, title: str):
    """A form feed or another character Python's splitlines breaks at is no line end to
    the readers: the hint names the line header_row must say."""
    path = write(tmp_path / "vehicle_use.csv", title + "\n" + KM)
    [result] = run(home, path)
    assert "Regel 2 past wel als kop" in result.error


def test_a_wide_survey_under_a_title_names_the_header_line(home: Path, tmp_path: Path):
    from tests.test_wide_survey import wide_mapping

    mapping = wide_mapping(tmp_path)
    text = "Medewerkersonderzoek\nRespondent;Datum;Eenheid;CLA1\nR1;15-10-2024;VH-N;4\n"
    [result] = run(home, write(tmp_path / "breed.csv", text), mappings=[mapping])
    assert "Regel 2 past wel als kop" in result.error
