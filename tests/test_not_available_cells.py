"""Excel's "not available" (#N/A, #N/B in Dutch Excel) is read as an empty cell, as the
README's NULL_MARKERS say, and said: per column, how many lines and the first
(helper-202: a VLOOKUP without outcome in every gift's amount loaded twelve gifts
without a value, nothing said)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from tests.ingesthelpers import WIDE_SURVEY, ingest_only
from tests.test_ingest import lenient, query, write

HEADER = ["record_id", "employee_key", "received_on", "giver_type", "gift_type", "value_eur"]


def _gift(n: int, value: object) -> list[object]:
    return [f"G{n}", "1002", f"{n:02d}-03-2026", "leverancier", "goederen", value]


def _said(result: object) -> list[str]:
    return [str(n) for n in result.notes if "#N/A of #N/B" in str(n)]


def test_error_cells_of_a_workbook_are_empty_and_said_with_their_count_and_first_line(
    tmp_path: Path,
) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    # openpyxl stores '#N/A' as an error cell (t="e"), as Excel stores a failed lookup
    for n, value in enumerate([40, "#N/A", 60, "#N/A", "#N/A"], start=1):
        ws.append(_gift(n, value))
    assert ws["F3"].data_type == "e"
    wb.save(tmp_path / "gifts.xlsx")
    [result] = ingest_only(tmp_path / "home" / "warehouse.duckdb", [tmp_path / "gifts.xlsx"])
    assert (result.rows_loaded, result.rows_quarantined) == (5, 0)
    [said] = _said(result)
    assert said.startswith("kolom(men) met #N/A of #N/B, in Excel 'geen waarde beschikbaar'")
    assert "(aantal regels, de eerste regel): value_eur (3, 3);" in said
    assert query(
        tmp_path / "home", "select record_id, value_eur from raw_gifts order by record_id"
    ) == [("G1", 40.0), ("G2", None), ("G3", 60.0), ("G4", None), ("G5", None)]


def test_a_csv_s_n_b_in_any_case_and_spacing_is_said_in_every_column_it_stands_in(
    tmp_path: Path,
) -> None:
    f = write(
        tmp_path / "gifts.csv",
        ";".join(HEADER) + "\n"
        + ";".join(map(str, _gift(1, "12,50"))) + "\n"
        + ";".join(map(str, _gift(2, " #n/b "))) + "\n"
        + "G3;#N/B;03-03-2026;leverancier;goederen;#N/A\n",
    )  # fmt: skip
    [result] = ingest_only(tmp_path / "home" / "warehouse.duckdb", [f], catalogue=lenient())
    [said] = _said(result)
    assert ": employee_key (1, 4), value_eur (2, 3);" in said


def test_no_note_without_such_a_cell_or_where_the_mapping_gives_it_a_value(
    tmp_path: Path,
) -> None:
    plain = write(tmp_path / "a" / "gifts.csv", ";".join(HEADER) + "\nG1;1002;01-03-2026;"
                  "leverancier;goederen;#N/A-123\n")  # fmt: skip
    [result] = ingest_only(tmp_path / "a" / "warehouse.duckdb", [plain], catalogue=lenient())
    assert _said(result) == []
    labelled = write(tmp_path / "b" / "giften.csv", "Soort;" + ";".join(HEADER[:4] + HEADER[5:])
                     + "\n#N/A;G1;1002;01-03-2026;leverancier;10\n")  # fmt: skip
    mapping = write(
        tmp_path / "b" / "giften.mapping.yaml",
        "dataset: gifts\nfiles: [giften.csv]\ncolumns: {Soort: gift_type}\n"
        "values: {gift_type: {'#N/A': overig}}\n",
    )
    [result] = ingest_only(
        tmp_path / "b" / "warehouse.duckdb", [labelled], mappings=[mapping], catalogue=lenient()
    )
    assert result.rows_loaded == 1, result
    assert _said(result) == []
    assert query(tmp_path / "b", "select gift_type from raw_gifts") == [("overig",)]


def test_a_wide_export_s_answers_are_said_by_the_columns_they_stood_in(tmp_path: Path) -> None:
    """helper-203: a wide survey's #N/A was said under 'answer', a column the file does
    not have."""
    mapping = write(tmp_path / "wijd.mapping.yaml", WIDE_SURVEY)
    rows = "".join(f"R{i};15-03-2026;VH-N;4;5;3\n" for i in range(1, 6))
    rows += "R6;15-03-2026;VH-N;#N/A;5;#n/b\nR7;15-03-2026;VH-N;4;#N/B;#N/A\n"
    f = write(tmp_path / "wijd.csv", "RespondentID;Meetmoment;Eenheid;CLA1;CLA2;PS1\n" + rows)
    [result] = ingest_only(
        tmp_path / "warehouse.duckdb", [f], mappings=[mapping], catalogue=lenient()
    )
    [said] = _said(result)
    assert ": CLA1 (1, 7), PS1 (2, 7), CLA2 (1, 8);" in said, said
