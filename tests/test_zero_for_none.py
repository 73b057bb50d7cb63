"""What exports write for "none" or "no value" that is no value (helper-134): an ERP's 0
for no contract and no approver, Excel's day 0 (a lookup that found no date: shown as
00-01-1900, and in an XLSX a date cell of 0); and in Parquet, a column pandas wrote as
the frame's index, which was dropped unread (a gifts re-export then counted twice), and
text stored as BINARY, which came as b'...'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.test_ingest import EMPLOYEE_HEADER, employee, home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

SUPPLIERS = "supplier_id;name;legal_form\nC1001;Bouw;bv\n"
ORDERS = (
    "order_id;ordered_on;supplier_id;amount_eur;org_unit;procedure;quotes_count;contract_id;"
    "unit_price_contract;requester_key;approver_key\n"
)


def mapped_orders(home: Path, folder: Path, orders_csv: str, values: str) -> list[object]:
    """inkoop.csv (``orders_csv``) beside its supplier, each under a mapping, ingested; the
    procurement mapping's ``values`` (YAML) make its columns read in Python
    (lookups.lookup) instead of in SQL. The results."""
    files = [write(folder / "crediteuren.csv", SUPPLIERS), write(folder / "inkoop.csv", orders_csv)]
    mappings = [
        write(
            folder / "crediteuren.mapping.yaml", "dataset: suppliers\nfiles: [crediteuren.csv]\n"
        ),
        write(
            folder / "inkoop.mapping.yaml",
            f"dataset: procurement\nfiles: [inkoop.csv]\nvalues: {values}\n",
        ),
    ]
    return run(home, *files, mappings=mappings)


def orders(home: Path, folder: Path, row: str) -> object:
    """The order in ``row`` ingested beside its supplier; its result."""
    suppliers = write(folder / "suppliers.csv", SUPPLIERS)
    [_, result] = run(home, suppliers, write(folder / "procurement.csv", ORDERS + row))
    return result


@pytest.mark.parametrize(
    ("contract", "kept"),
    [
        ("0", False),
        ("00000000", False),
        ("0,00", False),
        ("-1", True),  # no zeros alone: as written
        ("10", True),
        ("0A", True),
    ],
)
def test_zeros_alone_in_an_optional_reference_are_none(
    home: Path, tmp_path: Path, contract: str, kept: bool
) -> None:
    row = f"B-1;06-01-2026;C1001;250.000,00;VH-N;raamcontract;1;{contract};nee;104233;0\n"
    result = orders(home, tmp_path, row)
    assert (result.error, result.rows_loaded) == (None, 1), result.summary()
    [(stored, approver)] = query(home, "select contract_id, approver_key from raw_procurement")
    assert stored == (contract if kept else None)
    assert approver is not None  # a person's key 0 is someone's number (helper-135)


@pytest.mark.parametrize(
    ("contract", "stored"),
    [
        ("'0", None),  # helper-135: stored as the contract '0, the call-off exempt
        (" '00000000", None),
        ("'10", "10"),
        ("'C-0042", "C-0042"),
        ("''10", "''10"),  # two marks: no mark Excel writes, as written
        ("' 10", "' 10"),  # nor a mark before a space
        ("'\u00a010", "'\u00a010"),  # or a no-break one (helper-137: SQL read it as a mark)
        ("'NULL", None),  # the words for none after it (helper-137: a contract 'NULL')
        ("'", None),  # the mark alone: Excel's empty text, no contract (helper-137)
        (" '  ", None),
        ('="\'"', None),  # and inside Excel's ="..." or after an invisible character
        ("\u200b'", None),  # (helper-141: a contract ' under a mapping)
        ("'n.v.t.", None),
    ],
)
def test_excels_text_mark_is_no_part_of_a_reference(
    home: Path, tmp_path: Path, contract: str, stored: str | None
) -> None:
    """Excel's apostrophe before a value kept as text ('000103) is no part of a person's
    key, and no part of a reference to another record either: '0 is the 0 that means no
    contract, '10 contract 10."""
    row = f"B-1;06-01-2026;C1001;250.000,00;VH-N;raamcontract;1;{contract};nee;104233;0\n"
    result = orders(home, tmp_path, row)
    assert (result.error, result.rows_loaded) == (None, 1), result.summary()
    assert query(home, "select contract_id from raw_procurement") == [(stored,)]
    # the same under a mapping with values for the column (read cell by cell in Python
    # then, lookups.lookup, instead of in SQL)
    orders_csv = ORDERS + row.replace("B-1", "B-2")
    values = "{contract_id: {'zonder contract': null}}"
    [_, result] = mapped_orders(home, tmp_path / "m", orders_csv, values)
    assert (result.error, result.rows_loaded) == (None, 1), result.summary()
    assert query(home, "select contract_id from raw_procurement where order_id = 'B-2'") == [
        (stored,)
    ]


def test_a_mappings_values_match_a_reference_without_its_text_mark(
    home: Path, tmp_path: Path
) -> None:
    """helper-137: the mark came off after the mapping's values were matched, so with
    the README's own approver_key: {'0': null} a cell '0 was an approver (the order
    approved), and 'zonder contract under {'zonder contract': null} a contract."""
    rows = "".join(
        f"B-{i};06-01-2026;C1001;250.000,00;VH-N;raamcontract;1;{contract};nee;104233;{approver}\n"
        for i, (contract, approver) in enumerate(
            [("'zonder contract", "'0"), ("zonder contract", "0"), ("'K-1", "'104234")]
        )
    )
    values = "{contract_id: {'zonder contract': null}, approver_key: {'0': null}}"
    [_, result] = mapped_orders(home, tmp_path, ORDERS + rows, values)
    assert (result.error, result.rows_loaded) == (None, 3), result.summary()
    stored = query(
        home,
        "select order_id, contract_id, approver_key is null from raw_procurement order by 1",
    )
    assert stored == [("B-0", None, True), ("B-1", None, True), ("B-2", "K-1", False)]


def test_a_registers_own_record_0_is_a_record(home: Path, tmp_path: Path) -> None:
    """helper-135: record_id 0 read as none made gift 0 of two year-to-date exports
    count twice."""
    header = "record_id;employee_key;received_on;value_eur;decision\n"
    rows = "0;000101;05-01-2026;45,00;geaccepteerd\n1;000102;06-01-2026;60,00;geweigerd\n"
    [result] = run(home, write(tmp_path / "gifts.csv", header + rows))
    assert result.rows_loaded == 2, result.summary()
    assert query(home, "select record_id from raw_gifts order by 1") == [("0",), ("1",)]


def test_zeros_in_a_required_column_stay_what_they_are(home: Path, tmp_path: Path) -> None:
    row = "0;06-01-2026;C1001;1.000,00;VH-N;enkelvoudig onderhands;1;;nee;104233;\n"
    result = orders(home, tmp_path, row)
    assert result.rows_loaded == 1, result.summary()
    assert query(home, "select order_id from raw_procurement") == [("0",)]


@pytest.mark.parametrize(
    "cell",
    ["00-01-1900", "0-1-1900", "1900-01-00", "00-01-1900 00:00", "30-12-1899", "1899-12-30"],
)
def test_excels_day_zero_is_no_date(home: Path, tmp_path: Path, cell: str) -> None:
    rows = employee("000101", exit_date=cell) + employee("000102", exit_date="01-01-1900")
    [result] = run(home, write(tmp_path / "employees.csv", EMPLOYEE_HEADER + rows))
    assert (result.rows_loaded, result.rows_quarantined) == (1, 1), result.summary()
    assert query(home, "select employee_key is not null, exit_date from raw_employees") == [
        (True, None)
    ]


def test_an_xlsx_date_cell_of_zero_is_no_date(home: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(EMPLOYEE_HEADER.strip().split(";"))
    for key, exit_cell in (("000101", 0), ("000102", 0.5), ("000103", dt.date(2026, 3, 31))):
        cells = employee(key, exit_date="X").strip().split(";")
        sheet.append([exit_cell if c == "X" else c for c in cells])
        sheet.cell(sheet.max_row, 14).number_format = "dd-mm-yyyy"
    path = tmp_path / "employees.xlsx"
    book.save(path)
    [result] = run(home, path)
    assert (result.rows_loaded, result.rows_quarantined) == (2, 1), result.summary()
    assert query(home, "select exit_date from raw_employees order by 1 nulls first") == [
        (None,),
        (dt.date(2026, 3, 31),),
    ]


def test_a_parquet_files_index_columns_are_its_columns(home: Path, tmp_path: Path) -> None:
    gifts = pd.DataFrame(
        {
            "record_id": ["G-1", "G-2"],
            "employee_key": ["000101", "000102"],
            "received_on": pd.to_datetime(["2026-01-05", "2026-01-06"]).date,
            "value_eur": [45.0, 60.0],
            "decision": ["geaccepteerd", "geweigerd"],
        }
    )
    for drop in (True, False):  # set_index(drop=False): the column and the index (helper-135)
        path = tmp_path / f"gifts_{drop}.parquet"
        gifts.set_index("record_id", drop=drop).to_parquet(path)  # a frame by its id
        [result] = run(home, path)
        assert (result.error, result.rows_loaded) == (None, 2), result.summary()
        loaded = f"select record_id from raw_gifts where _source_file = '{path}' order by 1"
        assert query(home, loaded) == [("G-1",), ("G-2",)]
    aggregates = pd.DataFrame(
        {"org_unit": ["VH-N", "VH-N"], "month": ["2026-02", "2026-03"], "garnishment_count": [1, 3]}
    )
    path = tmp_path / "hr_aggregates.parquet"
    aggregates.groupby(["org_unit", "month"]).sum().to_parquet(path)  # the keys as index
    [result] = run(home, path)
    assert (result.error, result.rows_loaded) == (None, 2), result.summary()


def test_parquet_text_stored_as_binary_is_text(home: Path, tmp_path: Path) -> None:
    """helper-134: Hive and Impala write text as BINARY without the UTF-8 mark; cells came
    as b'geaccepteerd' (refused as no code) and keys as b'101600' (linked to no one)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    binary = {
        "record_id": ["G-1", "G-2"],
        "employee_key": ["000101", "000102"],
        "decision": ["geaccepteerd", "geweigerd"],
    }
    table = pa.table(
        {
            name: pa.array([v.encode() for v in values], pa.binary())
            for name, values in binary.items()
        }
        | {
            "received_on": pa.array([dt.date(2026, 1, 5), dt.date(2026, 1, 6)]),
            "value_eur": pa.array([45.0, 60.0]),
        }
    )
    path = tmp_path / "gifts.parquet"
    pq.write_table(table, path)
    [result] = run(home, path)
    assert (result.error, result.rows_loaded) == (None, 2), result.summary()
    assert query(home, "select record_id, decision from raw_gifts order by 1") == [
        ("G-1", "geaccepteerd"),
        ("G-2", "geweigerd"),
    ]
