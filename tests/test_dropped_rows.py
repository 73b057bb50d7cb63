"""A mapping's drop_rows leaves out the rows whose own column holds one of its values (a
cancelled order, a credit note), counted in a note (pipelines/ingest/dropped_rows.py;
helper-174: three orders of 45.000 to one supplier, one cancelled and one a credit note,
loaded as three, the split-order pattern)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.cli.main import main
from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

ORDERS = (
    "Order;Besteld;Leverancier;Bedrag;Afdeling;Aanvrager;Status;D/C\n"
    "B1;10-03-2026;K1;45.000,00;VH-N;E1;Besteld;D\n"
    "B2;11-03-2026;K1;45.000,00;VH-N;E1; geannuleerd ;D\n"
    "B3;12-03-2026;K1;45.000,00;VH-N;E1;Besteld;C\n"
    "B4;13-03-2026;K1;5.000,00;VH-N;E1;Geannuleerd;C\n"
)
MAPPING = (
    "dataset: procurement\ncolumns: {Order: order_id, Besteld: ordered_on, "
    "Leverancier: supplier_id, Bedrag: amount_eur, Afdeling: org_unit, Aanvrager: requester_key}\n"
)


def test_rows_are_left_out_by_their_own_column_and_counted(home: Path, tmp_path: Path) -> None:
    mapping = write(
        tmp_path / "in" / "o.mapping.yaml",
        MAPPING + "drop_rows: {Status: [Geannuleerd], D/C: [C]}\n",
    )
    [result] = run(home, write(tmp_path / "in" / "orders.csv", ORDERS), mappings=[mapping])
    assert result.error is None, result.error
    # the rows read (K1 is no known supplier here: quarantined, by its own line)
    assert result.rows_in == 1, result.summary()
    assert query(home, "select distinct line from quarantine") == [(2,)]
    said = [str(n) for n in result.notes]
    # B4 is both: one row, named under each value it holds
    assert (
        "3 rij(en) weggelaten volgens de kolomkoppeling (drop_rows): Status = Geannuleerd (2), "
        "D/C = C (2)"
    ) in said, said
    # the columns drop_rows reads are read, not said to be ignored (helper-197)
    assert not [n for n in said if "genegeerd" in n], said


def test_without_drop_rows_every_row_loads(home: Path, tmp_path: Path) -> None:
    mapping = write(tmp_path / "in" / "o.mapping.yaml", MAPPING)
    [result] = run(home, write(tmp_path / "in" / "orders.csv", ORDERS), mappings=[mapping])
    assert result.error is None, result.error
    assert result.rows_in == 4, result.summary()
    said = [str(n) for n in result.notes if "genegeerd" in str(n)]
    assert said == [
        "kolom(men) niet in de kolomkoppeling en niet in het contract, genegeerd: Status, D/C"
    ]


def test_a_drop_rows_column_the_file_lacks_refuses_it(home: Path, tmp_path: Path) -> None:
    mapping = write(tmp_path / "in" / "o.mapping.yaml", MAPPING + "drop_rows: {Statuss: [X]}\n")
    [result] = run(home, write(tmp_path / "in" / "orders.csv", ORDERS), mappings=[mapping])
    assert result.error is not None and "de kolom 'Statuss' onder drop_rows" in str(result.error)


def test_a_workbooks_rows_are_left_out_too(home: Path, tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    for line in ORDERS.splitlines():
        wb.active.append(line.split(";"))
    path = tmp_path / "in" / "orders.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    mapping = write(tmp_path / "in" / "o.mapping.yaml", MAPPING + "drop_rows: {D/C: [c]}\n")
    [result] = run(home, path, mappings=[mapping])
    assert result.error is None and result.rows_in == 2, result.summary()


def test_a_wide_surveys_incomplete_responses_are_left_out(home: Path, tmp_path: Path) -> None:
    """Left out before the unpivot: none of the line's answers is read."""
    mapping = write(
        tmp_path / "in" / "w.mapping.yaml",
        "dataset: survey_responses\nunpivot: {id_columns: [R, Datum, Eenheid], "
        "skip_columns: [Voltooid]}\ncolumns: {R: respondent_key, Datum: wave_date, "
        "Eenheid: org_unit}\ndrop_rows: {Voltooid: [nee]}\n",
    )
    survey = write(
        tmp_path / "in" / "wide.csv",
        "R;Datum;Eenheid;Voltooid;CLA1;CLA2\nR1;15-03-2026;VH-N;ja;4;5\nR2;15-03-2026;VH-N;Nee;2;\n",
    )
    [result] = run(home, survey, mappings=[mapping])
    assert result.error is None, result.error
    got = query(home, "select respondent_key, item_code, answer from raw_survey_responses")
    assert sorted((i, a) for _, i, a in got) == [("CLA1", 4), ("CLA2", 5)]


@pytest.mark.parametrize("empty", ['""', "''"])
def test_drop_rows_of_an_empty_cell_leaves_out_a_registers_numbered_template_rows(
    home: Path, tmp_path: Path, empty: str
) -> None:
    """helper-225: a gift register kept as a template, numbered down to 58 with nothing
    else filled in, was refused (its 54 empty rows quarantined); drop_rows with an empty
    value was taken and dropped nothing. It leaves out the rows whose cell is empty,
    said with their count; a filled row stays."""
    folder = tmp_path / "in"
    rows = "1;101;12-01-2026;leverancier;goederen;45;nee;geaccepteerd\n"
    rows += "2;102;03-02-2026;huurder;tegoedbon;25;ja;geweigerd\n"
    rows += "".join(f"{n};;;;;;;\n" for n in range(3, 30))
    write(
        folder / "geschenken.csv",
        "Volgnr;Persnr;Datum;Gever;Soort;Waarde;Thuis;Besluit\n" + rows,
    )
    mapping = write(
        folder / "geschenken.mapping.yaml",
        "dataset: gifts\nfiles: [geschenken.csv]\n"
        "columns: {Volgnr: record_id, Persnr: employee_key, Datum: received_on, "
        "Gever: giver_type, Soort: gift_type, Waarde: value_eur, Thuis: delivered_at_home, "
        f"Besluit: decision}}\ndrop_rows: {{Persnr: [{empty}]}}\n",
    )
    assert main(["ingest", str(folder), "--quiet"]) == 0
    assert query(home, "select record_id from raw_gifts order by 1") == [("1",), ("2",)]
    [(notes,)] = query(home, "select notes from ingest_log where dataset = 'gifts'")
    assert "Persnr = leeg (27)" in notes, notes
    mapping.write_text(mapping.read_text("utf-8").split("drop_rows")[0], "utf-8")
    write(
        folder / "geschenken.csv",
        "Volgnr;Persnr;Datum;Gever;Soort;Waarde;Thuis;Besluit\n" + rows.replace("\n", " \n", 1),
    )
    # since helper-268 F4 the rows numbered ahead under the last gift are left out
    # without drop_rows too, said (tests/test_unread_rows.py)
    assert main(["ingest", str(folder), "--quiet"]) == 0
    newest = "where dataset = 'gifts' order by ingested_at desc limit 1"
    [(notes, rows)] = query(home, f"select notes, rows_loaded from ingest_log {newest}")
    assert rows == 2
    assert "27 rij(en) onder de laatste invoer met alleen een nummer in Volgnr" in notes, notes


def test_a_templates_empty_rows_are_no_word_on_their_numbers(home: Path, tmp_path: Path) -> None:
    """helper-229 1: January's register (gifts 1 and 2, then numbered empty rows) read
    after February's (gifts 1 to 4) took gifts 3 and 4 out of the count: its empty rows
    were kept as left-out keys, as a cancelled record's. An empty row says nothing of its
    number; a cell a marker says empty (NULL, -) is empty too (helper-229 8)."""
    folder = tmp_path / "in"
    head = "Volgnr;Persnr;Datum;Gever;Soort;Waarde;Thuis;Besluit\n"
    gift = "{n};10{n};1{n}-0{month}-2026;leverancier;goederen;4{n};nee;geaccepteerd\n"
    february = "".join(gift.format(n=n, month=2) for n in range(1, 5))
    january = "".join(gift.format(n=n, month=1) for n in range(1, 3))
    january += "3;NULL;;;;;;\n4;-;;;;;;\n" + "".join(f"{n};;;;;;;\n" for n in range(5, 40))
    write(folder / "geschenken_2026-02.csv", head + february)
    write(folder / "geschenken_2026-01.csv", head + january)
    write(
        folder / "geschenken.mapping.yaml",
        "dataset: gifts\nfiles: ['geschenken_*.csv']\n"
        "columns: {Volgnr: record_id, Persnr: employee_key, Datum: received_on, "
        "Gever: giver_type, Soort: gift_type, Waarde: value_eur, Thuis: delivered_at_home, "
        'Besluit: decision}\ndrop_rows: {Persnr: [""]}\n',
    )
    assert main(["ingest", str(folder / "geschenken_2026-02.csv"), "--quiet"]) == 0
    assert main(["ingest", str(folder / "geschenken_2026-01.csv"), "--quiet"]) == 0
    counted = query(home, "select record_id from stg_registers__gifts order by 1")
    assert counted == [("1",), ("2",), ("3",), ("4",)]
    [(notes,)] = query(
        home, "select notes from ingest_log where source_file like '%geschenken_2026-01.csv'"
    )
    assert "Persnr = leeg (37)" in notes, notes
