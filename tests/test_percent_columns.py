"""A share written as a percentage without its sign (AFAS' Parttimepercentage: 100, 88,89,
50) is fte only where the mapping says so (percent: [fte]): then each number is its
hundredth, a cell with its % sign too (once). Without it such a file is refused by the
fte rule, whose reason now names the way out (helper-104: no mapping key could say it)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pipelines.ingest.lookups import OK, WRONG_TYPE, ColumnPlan, lookup
from pipelines.ingest.mapping import load_mapping
from pipelines.ingest.quality.base import Column
from pipelines.ingest.readers import UnusableFile
from tests.test_ingest import EMPLOYEE_HEADER, home, org_home, quarantined, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

HEADER = "Medewerker;Peildatum;Afdeling;Leidinggevende;Functie;Parttimepercentage\n"
MAPPING = (
    "dataset: employees\nfiles: [afas*.csv, afas*.xlsx]\n"
    "columns: {Medewerker: employee_key, Peildatum: snapshot_month, Afdeling: org_unit, "
    "Leidinggevende: manager_key, Functie: job_title, Parttimepercentage: fte}\n"
)


def rows(*shares: str) -> str:
    return "".join(
        f"{100 + i};31-03-2026;VH-N;1;Medewerker;{share}\n" for i, share in enumerate(shares)
    )


def test_percentages_declared_are_their_hundredths(home: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "afas.mapping.yaml", MAPPING + "percent: [fte]\n")
    write(tmp_path / "in" / "afas_hr.csv", HEADER + rows("100", "88,89", "50", "80%", "120", "121"))
    run(home, tmp_path / "in")
    loaded = query(home, "select fte from raw_employees order by fte")
    assert [f for (f,) in loaded] == [0.5, 0.8, 0.8889, 1.0, 1.2]
    # 121% is 1,21 fte: over the rule's 1,2
    assert [(line, code) for line, _c, _v, code in quarantined(home, "employees")] == [
        (7, "out_of_range")
    ]


def test_without_percent_the_rule_names_the_way_out(home: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "afas.mapping.yaml", MAPPING)
    write(tmp_path / "in" / "afas_hr.csv", HEADER + rows("88,89", "0,8"))
    run(home, tmp_path / "in")
    [(reason,)] = query(home, "select reason from quarantine")
    assert reason.endswith(
        "waarde '88,89': 'Parttimepercentage' moet groter dan 0 en hoogstens 1,2 zijn (een "
        "percentage, 80 voor 0,8? zet dan percent: [fte] in de kolomkoppeling; uren per "
        "week, 36 voor een volle week? zet dan convert: {fte: {divide_by: 36}}, met de uren "
        "van een volle week)"
    )
    assert query(home, "select fte from raw_employees") == [(0.8,)]


def test_a_workbooks_number_cells_declared_percent_too(home: Path, tmp_path: Path) -> None:
    write(tmp_path / "in" / "afas.mapping.yaml", MAPPING + "percent: [fte]\n")
    wb = openpyxl.Workbook()
    wb.active.append(HEADER.strip().split(";"))
    wb.active.append([100, "31-03-2026", "VH-N", 1, "Adviseur", 88.89])
    wb.active.append([101, "31-03-2026", "VH-N", 1, "Adviseur", "75 %"])
    wb.save(tmp_path / "in" / "afas_hr.xlsx")
    run(home, tmp_path / "in")
    assert query(home, "select fte from raw_employees order by fte") == [(0.75,), (0.8889,)]


@pytest.mark.parametrize("column", ["sick_days", "salaris"])
def test_percent_names_a_share_of_the_dataset(tmp_path: Path, column: str) -> None:
    path = write(tmp_path / "afas.mapping.yaml", MAPPING + f"percent: [{column}]\n")
    with pytest.raises(UnusableFile) as caught:
        load_mapping(path)
    assert (
        f"percent: '{column}' is geen kolom van employees die een deel van een geheel is; "
        "verwacht een van fte"
    ) in str(caught.value.message)


def test_percent_for_a_dataset_without_shares_says_so(tmp_path: Path) -> None:
    """helper-171: 'verwacht een van []' for trainings, which has no share column."""
    path = write(tmp_path / "t.mapping.yaml", "dataset: trainings\npercent: [attended_n]\n")
    with pytest.raises(UnusableFile) as caught:
        load_mapping(path)
    said = str(caught.value.message)
    assert "trainings heeft geen kolom die een deel van een geheel is; laat percent weg" in said


def test_under_percent_a_number_that_may_be_the_share_itself_is_not_guessed(
    home: Path, tmp_path: Path
) -> None:
    """helper-107: 0,8 under percent: [fte] was 0,008 fte, without a word. A number no
    larger than fte can be (1,2) is either; one just above is a percentage; a cell with
    its sign says it. A workbook's cell formatted as a percentage says it too: its number
    is the share (0.8 shown 80%; it was refused as maybe 0,8%), and 1.5 shown 150% is
    1,5 fte, over the rule (it was 0,015 fte without a word)."""
    write(tmp_path / "in" / "afas.mapping.yaml", MAPPING + "percent: [fte]\n")
    write(tmp_path / "in" / "afas_hr.csv", HEADER + rows("0,8", "1,2", "1,3", "0,8%", "80"))
    wb = openpyxl.Workbook()
    wb.active.append(HEADER.strip().split(";"))
    for share, shown in ((0.8, "0%"), (1.5, "0%"), (0.885, "0.0%"), (0.9, '"Deel: "0,0%')):
        wb.active.append([200 + wb.active.max_row, "31-03-2026", "VH-N", 1, "Adviseur", share])
        wb.active.cell(wb.active.max_row, 6).number_format = shown
    wb.save(tmp_path / "in" / "afas_hr2.xlsx")
    run(home, tmp_path / "in")
    held = query(
        home, "select source_file, line, reason_code, reason from quarantine order by 1, 2"
    )
    assert [(Path(f).name, line, code) for f, line, code, _ in held] == [
        ("afas_hr.csv", 2, "ambiguous_number"),
        ("afas_hr.csv", 3, "ambiguous_number"),
        ("afas_hr2.xlsx", 3, "out_of_range"),
    ]
    assert "waarde '150%'" in held[2][3]
    assert held[0][3].endswith(
        "'0,8' in een kolom die de kolomkoppeling als percentage leest (percent: [fte]): "
        "als percentage 0,008 fte, of staat er al het deel zelf, 0,8 fte? Niet geraden: "
        "schrijf de percentages als percentage (80 of 80%), of laat percent weg als de kolom "
        "delen bevat (0,8 voor 80%)"
    )
    loaded = query(home, "select fte from raw_employees order by fte")
    assert [f for (f,) in loaded] == [0.008, 0.013, 0.8, 0.8, 0.885, 0.9]


def test_a_workbooks_percentage_cells_are_their_shares_without_percent(
    home: Path, tmp_path: Path
) -> None:
    """Without the mapping's percent a cell formatted as a percentage is its number, the
    share, as it was; a percent sign only in a format's quoted text is no percentage."""
    write(tmp_path / "in" / "afas.mapping.yaml", MAPPING)
    wb = openpyxl.Workbook()
    wb.active.append(HEADER.strip().split(";"))
    for share, shown in ((0.8, "0%"), (0.75, "0.00%"), (1.0, '0" %"'), (0.5, "General")):
        wb.active.append([300 + wb.active.max_row, "31-03-2026", "VH-N", 1, "Adviseur", share])
        wb.active.cell(wb.active.max_row, 6).number_format = shown
    wb.save(tmp_path / "in" / "afas_hr.xlsx")
    run(home, tmp_path / "in")
    assert query(home, "select count(*) from quarantine") == [(0,)]
    loaded = query(home, "select fte from raw_employees order by fte")
    assert [f for (f,) in loaded] == [0.5, 0.75, 0.8, 1.0]


@pytest.mark.parametrize(
    ("column", "cells", "values"),
    [
        # a number cell shown as a percentage is its share in a share's column alone:
        # no number of km, days or hours (helper-225: 4,5% sick loaded as 0,045 days),
        # nor an amount in euros (helper-153: 50% loaded as 0,50 euro)
        (Column("km", "decimal"), ["80%", "150%", "0.8"], [None, None, 0.8]),
        (Column("sick_days", "decimal", units=("dagen",)), ["4.5%", "2"], [None, 2.0]),
        (Column("amount_eur", "decimal", decimals=2), ["12.5%", "0.125"], [None, 0.125]),
        (Column("fte", "decimal", percent=True), ["80%", "0.8"], [0.8, 0.8]),
    ],
)
def test_a_number_cell_shown_as_a_percentage_is_a_share_only_in_a_shares_column(
    column: Column, cells: list[str], values: list[float | None]
) -> None:
    frame, _ = lookup(ColumnPlan(column, "nl"), cells, b"k" * 32, numeric=[True] * len(cells))
    assert frame["status"].tolist() == [OK if v is not None else WRONG_TYPE for v in values]
    read = [v if s == OK else None for v, s in zip(frame["value"], frame["status"], strict=True)]
    assert read == values


def test_a_text_cell_with_a_percent_sign_is_a_share_only_in_a_shares_column() -> None:
    frame, _ = lookup(ColumnPlan(Column("km", "decimal"), "nl"), ["80%"], b"k" * 32)
    assert frame["status"].tolist() == [WRONG_TYPE]


def test_a_number_cell_shown_as_a_percentage_outside_a_decimal_is_its_number(
    home: Path, tmp_path: Path
) -> None:
    """helper-114, -116: outside a decimal column the '%' a percentage's style shows is no
    part of the number: a job title 4711 was stored as '471100%', a month 202601 and a
    serial date were refused, an integer 18 was a crash; each is its number, as before."""
    header = EMPLOYEE_HEADER.strip().split(";")
    wb = openpyxl.Workbook()
    wb.active.append(header)
    row = dict.fromkeys(header, None) | {"employee_key": 100, "org_unit": "VH-N"}
    row |= {"snapshot_month": 202601, "job_title": 4711, "hire_date": 46000}
    row |= {"longest_leave_block_days_12m": 18, "fte": 0.8, "manager_key": 1}
    wb.active.append(list(row.values()))
    for column in range(1, len(header) + 1):
        wb.active.cell(2, column).number_format = "0%"
    wb.save(tmp_path / "employees.xlsx")
    run(home, tmp_path / "employees.xlsx")
    assert query(home, "select reason from quarantine") == []
    loaded = query(
        home,
        "select strftime(snapshot_month, '%Y-%m'), job_title, strftime(hire_date, '%d-%m-%Y'),"
        " longest_leave_block_days_12m, fte from raw_employees",
    )
    assert loaded == [("2026-01", "4711", "09-12-2025", 18, 0.8)]


def test_a_key_in_a_percentage_style_is_its_number(home: Path, tmp_path: Path) -> None:
    """helper-114: employee_key 101 in a 0% style (shown 10100%) stopped the whole run
    with a TypeError; it is the person 101, as in every other export."""
    write(tmp_path / "in" / "afas.mapping.yaml", MAPPING)
    wb = openpyxl.Workbook()
    wb.active.append(HEADER.strip().split(";"))
    wb.active.append([101, "31-03-2026", "VH-N", 1, "Adviseur", 0.8])
    wb.active.append([102, "31-03-2026", "VH-N", 1, "Adviseur", 0.5])
    wb.active.cell(2, 1).number_format = "0%"
    wb.save(tmp_path / "in" / "afas_hr.xlsx")
    write(tmp_path / "in" / "afas_hr2.csv", HEADER + "101;31-03-2026;VH-N;1;Adviseur;0,8\n")
    run(home, tmp_path / "in")
    assert query(home, "select reason from quarantine") == [], "none"
    people = query(home, "select count(distinct employee_key) from raw_employees")
    assert people == [(2,)]  # 101 in the workbook and in the CSV: one person


def test_an_amount_cell_shown_as_a_percentage_is_no_amount(tmp_path: Path) -> None:
    """helper-153: 0,5 formatted 0% in a workbook's amount column (it shows 50%) loaded
    as 0,50 euro, while the text 50% was refused. Both are refused now."""
    import datetime as dt

    import duckdb

    from pipelines.ingest.checks import checkable_frame
    from pipelines.ingest.loader import check_file
    from pipelines.ingest.mapping import Mapping
    from pipelines.ingest.quality.base import SuiteContext
    from pipelines.ingest.source_table import load_source

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["employee_key", "received_on", "giver_type", "gift_type", "value_eur", "decision"])
    for n, (amount, shape) in enumerate([(0.5, "0%"), ("50%", None), (25, "0.00"), (0.5, "0.00")]):
        ws.append([f"E{n}", "01-03-2026", "leverancier", "etentje", amount, "geweigerd"])
        if shape:
            ws.cell(row=n + 2, column=5).number_format = shape
    path = tmp_path / "gifts.xlsx"
    wb.save(path)
    con = duckdb.connect()
    source = load_source(con, path, path.read_bytes())
    context = SuiteContext(today=dt.date(2026, 6, 30))
    checked = check_file(con, source, Mapping(dataset="gifts"), context, b"k" * 32)
    read = checkable_frame(con, checked).sort_values("_line")["value_eur"].tolist()
    held = con.execute(f"select line, reason from {checked.quarantine} order by line").fetchall()
    assert read == pytest.approx([25.0, 0.5])
    assert [line for line, _ in held] == [2, 3]
    assert "'50%' is een percentage, geen bedrag in euro's" in held[0][1], held


@pytest.mark.parametrize(
    ("target", "fte"), [("0.8", 0.8), ("'0,8'", 0.8), ("1.0", 1.0), ("'0.875'", None)]
)
def test_a_number_in_values_is_read_as_the_mapping_writes_it(
    home: Path, tmp_path: Path, target: str, fte: float | None
) -> None:
    """helper-175: values: {fte: {Deeltijd: 0.8}} gave the text 0.8, read in the Dutch
    file's convention as a number in doubt, and every mapped row was refused. Three
    digits after the mark stay in doubt (0.875 or 875?), as in a cell."""
    write(
        tmp_path / "in" / "afas.mapping.yaml",
        MAPPING + f"values: {{fte: {{Deeltijd: {target}}}}}\n",
    )
    write(tmp_path / "in" / "afas_hr.csv", HEADER + rows("Deeltijd", "0,5"))
    run(home, tmp_path / "in")
    loaded = [f for (f,) in query(home, "select fte from raw_employees order by _source_line")]
    assert loaded == ([fte, 0.5] if fte is not None else [0.5])
