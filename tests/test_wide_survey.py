"""Wide survey exports (a mapping's unpivot): one row per respondent, one column per item.
Columns that are no item never keep their text; items the mapping's values name keep
their answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.readers import reading
from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here


def wide_mapping(folder: Path, more: str = "", files: str = "breed*.csv") -> Path:
    """The mapping of a wide survey export with the id columns Respondent, Datum and
    Eenheid (``more``: further YAML lines)."""
    path = folder / "breed.mapping.yaml"
    path.write_text(
        f"dataset: survey_responses\nfiles: ['{files}']\n"
        "columns: {Respondent: respondent_key, Datum: wave_date, Eenheid: org_unit}\n"
        "unpivot: {id_columns: [Respondent, Datum, Eenheid]}\n" + more,
        "utf-8",
    )
    return path


def test_a_wide_exports_skip_columns_are_left_out_and_unknown_items_still_quarantined(
    home: Path, tmp_path: Path
) -> None:
    """Leeftijd and Opmerking, named in unpivot.skip_columns, are not read as answers (the
    comment's free text would sit in quarantine) and are named in a note. CLA4 is no item
    the catalogue knows: its answers are quarantined as unknown items, never dropped. A
    wide file with no item column left is unusable."""
    mapping = tmp_path / "breed.mapping.yaml"
    mapping.write_text(
        "dataset: survey_responses\nfiles: ['breed*.csv']\n"
        "columns: {Respondent: respondent_key, Datum: wave_date, Eenheid: org_unit}\n"
        "unpivot: {id_columns: [Respondent, Datum, Eenheid],\n"
        "          skip_columns: [leeftijd, Opmerking]}\n",
        "utf-8",
    )
    wide = write(
        tmp_path / "breed.csv",
        "Respondent;Datum;Eenheid;Leeftijd;cla1; CLA2 ;Opmerking;CLA4\n"
        "R1;15-10-2024;VH-N;34;4;5;Mijn leidinggevende J. de Vries is soms onduidelijk;3\n"
        "R2;15-10-2024;VH-N;51;3;;;\n",
    )
    [result] = run(home, wide, mappings=[mapping])
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 3, 1)
    assert "kolom(men) overgeslagen (unpivot.skip_columns): Leeftijd, Opmerking" in [
        str(n) for n in result.notes
    ]
    assert query(home, 'select "column", value, reason_code from quarantine') == [
        ("item_code", "CLA4", "not_in_set")
    ]
    none = write(
        tmp_path / "breed2.csv", "Respondent;Datum;Eenheid;Opmerking\nR1;15-10-2024;VH-N;x\n"
    )
    [result] = run(home, none, mappings=[mapping])
    assert result.error is not None and "geen kolom over als vraag" in result.error


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_wide_exports_free_text_column_not_skipped_is_quarantined_without_its_text(
    home: Path, tmp_path: Path, form: str
) -> None:
    """A comment column the mapping forgot to skip is no catalogue item: each filled cell
    is quarantined as an unknown item, but the text (naming a manager) is kept nowhere in
    the warehouse and printed nowhere; a note names the column and unpivot.skip_columns.
    Known items in another case still load; an unknown item's number is not kept either."""
    mapping = wide_mapping(tmp_path, files="breed*")
    secret = "Mijn leidinggevende J. de Vries neemt cadeaus aan"
    rows = [
        ["Respondent", "Datum", "Eenheid", "cla1", "Opmerking", "CLA 9"],
        ["R1", "15-10-2024", "VH-N", 4, secret, 2],
        ["R2", "15-10-2024", "VH-N", 3, None, None],
        ["R3", "15-10-2024", "VH-N", 5, "", None],
    ]
    if form == "csv":
        text = "".join(";".join("" if c is None else str(c) for c in r) + "\n" for r in rows)
        wide = write(tmp_path / "breed.csv", text)
    else:
        wb = Workbook()
        for r in rows:
            wb.active.append(r)
        wide = tmp_path / "breed.xlsx"
        wb.save(wide)
    [result] = run(home, wide, mappings=[mapping])
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 3, 2)
    notes = [str(n) for n in result.notes]
    assert any(
        "Opmerking, CLA 9" in n and "unpivot.skip_columns" in n and ": 1 regel(s)" in n
        for n in notes
    ), notes
    assert query(home, 'select line, "column", value, reason_code from quarantine order by 3') == [
        (2, "item_code", "CLA 9", "not_in_set"),
        (2, "item_code", "Opmerking", "not_in_set"),
    ]
    assert query(home, "select item_code, answer from raw_survey_responses order by 2") == [
        ("CLA1", 3),
        ("CLA1", 4),
        ("CLA1", 5),
    ]
    said = " ".join([*notes, *(q.reason for q in result.examples)])
    assert "Vries" not in said
    with reading(str(home / "warehouse.duckdb")) as con:
        tables = con.execute(
            "select table_name, column_name from information_schema.columns "
            "where data_type = 'VARCHAR'"
        ).fetchall()
        hits = [
            (t, c)
            for t, c in tables
            if con.execute(f'select count(*) from "{t}" where "{c}" like \'%Vries%\'').fetchone()[0]
        ]
    assert hits == []
    assert b"Vries" not in (home / "warehouse.duckdb").read_bytes()


def test_a_wide_exports_own_item_names_mapped_by_values_keep_their_answers(
    home: Path, tmp_path: Path
) -> None:
    """Found by a review: a vendor's item names turned into catalogue codes by the
    mapping's values (Q1: CLA1) are items; their answers must not be blanked as if the
    columns were free text."""
    mapping = wide_mapping(tmp_path, "values: {item_code: {q1: CLA1, ' Q2 ': CLA2}}\n")
    text = "Respondent;Datum;Eenheid;Q1;Q2;Opm\nR1;15-10-2024;VH-N;4;2;geheim\n"
    [result] = run(home, write(tmp_path / "breed.csv", text), mappings=[mapping])
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 2, 1)
    rows = query(home, "select item_code, answer from raw_survey_responses order by 1")
    assert rows == [("CLA1", 4), ("CLA2", 2)]
    assert query(home, "select value from quarantine") == [("Opm",)]


def test_a_wide_exports_id_column_twice_is_refused(home: Path, tmp_path: Path) -> None:
    """helper-102: 'Eenheid' twice (VH-N, then VH-Z) was read from the first and the second
    taken for an unknown item; which one holds the respondent's unit cannot be told."""
    mapping = wide_mapping(tmp_path)
    wide = write(
        tmp_path / "breed.csv",
        "Respondent;Datum;Eenheid;CLA1;CLA2;Eenheid\nR1;15-10-2024;VH-N;4;5;VH-Z\n",
    )
    [result] = run(home, wide, mappings=[mapping])
    assert result.error == (
        f"{wide}: kolomnaam dubbel in de kop: Eenheid; welke van de twee bedoeld is, is niet "
        "te zeggen: geef ze in de bron verschillende namen"
    )
    once = write(tmp_path / "breed2.csv", "Respondent;Datum;Eenheid;CLA1\nR1;15-10-2024;VH-N;4\n")
    [result] = run(home, once, mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 1)


def test_a_wide_workbooks_ids_are_read_as_their_format_shows_them(
    home: Path, tmp_path: Path
) -> None:
    """helper-147: respondent numbers 101 and 102 formatted "R"000000 (Excel shows R000101)
    in a wide workbook were read as 101 and 102 once unpivoted, other people than the
    long export's R000101, and the log said their zeros were lost. The id columns keep
    what their cells' formats show (readers.CellFacts.kept)."""
    mapping = wide_mapping(tmp_path, files="breed*")
    wb = Workbook()
    ws = wb.active
    ws.append(["Respondent", "Datum", "Eenheid", "CLA1", "CLA2"])
    for number in (101, 102):
        ws.append([number, "15-10-2024", "VH-N", 4, 3])
        ws.cell(row=ws.max_row, column=1).number_format = '"R"000000'
    wb.save(tmp_path / "breed.xlsx")
    long = write(
        tmp_path / "lang.csv",
        "respondent_key;wave_date;org_unit;item_code;answer\n"
        "R000101;15-03-2025;VH-N;CLA1;2\nR000102;15-03-2025;VH-N;CLA1;5\n",
    )
    results = run(home, tmp_path / "breed.xlsx", long, mappings=[mapping])
    assert [r.rows_loaded for r in results] == [4, 2]
    assert query(home, "select count(distinct respondent_key) from raw_survey_responses") == [(2,)]
    assert not any("als getal bewaart" in str(n) for n in results[0].notes), results[0].notes
