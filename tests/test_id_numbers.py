"""A record's number written as Dutch Excel saves a number column to CSV (17,00 in its
Getal format, 4.711 with its thousands dot) is that number in an _id column too, as it
already was in a person's key (tests/test_float_keys.py). helper-138: a gifts re-export
that wrote record 17 as 17,00 kept both (the gift counted twice), and an order 4711
re-exported as 4.711 was a second order of 48.000 to the same supplier, the split-order
pattern G2 looks for; no note said anything. Read in SQL for a plain text column and in
Python (lookups) for one with a mapping's values: both the same (the property below)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipelines.ingest.key_numbers import key_numbers as _key_numbers
from pipelines.ingest.key_numbers import key_numbers_sql
from tests.test_ingest import home, org_home, query, run, run_built, write
from tests.test_zero_for_none import mapped_orders

__all__ = ["home", "org_home"]  # fixtures used here

GIFTS = "record_id;employee_key;received_on;value_eur;decision\n"
ORDERS = (
    "order_id;ordered_on;supplier_id;amount_eur;org_unit;procedure;quotes_count;"
    "requester_key;approver_key\n"
)


def test_a_reexported_gift_and_order_with_their_numbers_written_otherwise_count_once(
    home: Path, tmp_path: Path
) -> None:
    march, april = tmp_path / "2026-03", tmp_path / "2026-04"
    gift = "{};000101;01-03-2026;80,00;geaccepteerd\n"
    order = "{};06-01-2026;C1001;48.000,00;VH-N;raamcontract;1;104233;104234\n"
    suppliers = "supplier_id;name;legal_form\nC1001;Bouw;bv\n"
    files = [
        write(march / "leveranciers.csv", suppliers),
        write(march / "geschenken.csv", GIFTS + gift.format("17") + gift.format("18")),
        write(march / "inkoop.csv", ORDERS + order.format("4711")),
    ]
    run_built(home, *files)
    again = [
        write(april / "geschenken.csv", GIFTS + gift.format("17,00") + gift.format("18.0")),
        write(april / "inkoop.csv", ORDERS + order.format("4.711")),
    ]
    results = run_built(home, *again)
    assert [r.rows_loaded for r in results] == [2, 1], [r.summary() for r in results]
    assert query(home, "select record_id from stg_registers__gifts order by 1") == [
        ("17",),
        ("18",),
    ]
    assert query(home, "select order_id from stg_procurement__orders") == [("4711",)]
    notes = " ".join(str(n) for r in results for n in r.notes)
    assert "record_id (2)" in notes and "order_id (1)" in notes, notes


def test_a_warehouse_from_before_keeps_no_id_as_it_was_written(home: Path, tmp_path: Path) -> None:
    """helper-139: the ids a warehouse stored as written before this rule (17,00, a
    supplier 4.711) stayed so, as the files are not read again: the next re-export's 17
    was a second gift, and an order of supplier 4711 was refused as of none known. The
    first build after the upgrade rewrites them, once (tables.warehouse_upgrades)."""
    march = tmp_path / "2026-03"
    gift = "{};000101;01-03-2026;80,00;geaccepteerd\n"
    suppliers = "supplier_id;name;legal_form\nC1001;Bouw;bv\n4711;Schilder;bv\n"
    run_built(
        home,
        write(march / "leveranciers.csv", suppliers),
        write(march / "geschenken.csv", GIFTS + gift.format("17") + gift.format("18")),
    )
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:  # as the old version kept it
        con.execute("update raw_gifts set record_id = record_id || ',00'")
        con.execute("update raw_suppliers set supplier_id = '4.711' where supplier_id = '4711'")
        con.execute("update raw_gifts set record_id = '1 017' where record_id = '17,00'")
        con.execute("delete from warehouse_upgrades")
    april = tmp_path / "2026-04"
    order = "P-1;06-01-2026;4711;48.000,00;VH-N;raamcontract;1;104233;104234\n"
    results = run_built(
        home,
        write(april / "geschenken.csv", GIFTS + "".join(gift.format(n) for n in (1017, 18, 19))),
        write(april / "inkoop.csv", ORDERS + order),
    )
    assert [(r.error, r.rows_loaded) for r in results] == [(None, 3), (None, 1)]
    assert query(home, "select record_id, count(*) from raw_gifts group by 1 order by 1") == [
        ("1017", 2),  # 17 stored as 1 017 (helper-246), read again as 1017
        ("18", 2),
        ("19", 1),
    ]
    assert query(home, "select count(*) from stg_registers__gifts") == [(3,)]
    assert query(home, "select supplier_id from raw_procurement") == [("4711",)]
    assert query(home, "select name from warehouse_upgrades order by 1") == [
        ("distinct_moments",),
        ("id_numbers",),
        ("id_numbers_spaced",),
    ]


def test_a_mapped_id_column_reads_its_numbers_as_a_plain_one_does(
    home: Path, tmp_path: Path
) -> None:
    """Under a mapping with values for the column, read in Python (lookups.lookup)."""
    orders_csv = (
        ORDERS.replace("approver_key", "approver_key;contract_id")
        + "1.001;06-01-2026;C1001;100;VH-N;raamcontract;1;104233;104234;2.002,00\n"
        + "1002;06-01-2026;C1001;100;VH-N;raamcontract;1;104233;104234;zonder\n"
    )
    values = "{contract_id: {zonder: null}, order_id: {x: y}}"
    results = mapped_orders(home, tmp_path, orders_csv, values)
    assert [r.rows_loaded for r in results] == [1, 2], [r.summary() for r in results]
    assert query(home, "select order_id, contract_id from raw_procurement order by 1") == [
        ("1001", "2002"),
        ("1002", None),
    ]


CELLS = st.lists(
    st.text(alphabet="0123456789.,  \u00a0\u202f\u2009", min_size=1, max_size=14)
    | st.builds(
        lambda n, sep, tail: f"{n:,}".replace(",", sep) + tail,
        st.integers(0, 10**9),
        st.sampled_from([".", ",", " ", "\u00a0", "\u202f", "\u2009"]),
        st.sampled_from(["", ",00", ".0", ",0000"]),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(CELLS)
@example(["17,00", "4.711", "100.101,00", "100,101.00", "4711.0000", "1.000", "12.34", " 7,0 "])
def test_sql_and_python_read_an_ids_number_alike(cells: list[str]) -> None:
    """The SQL of a plain _id column (key_numbers.key_numbers_sql) and lookups' Python
    (_key_numbers) give every cell the same reading."""
    with duckdb.connect() as con:
        sql = con.execute(
            f"select {key_numbers_sql('v')} from (select unnest(?::varchar[]) as v, "
            "generate_subscripts(?::varchar[], 1) as i) order by i",
            [cells, cells],
        ).fetchall()
    python = _key_numbers(pd.Series(cells, dtype=object))
    assert [v for (v,) in sql] == list(python)


@pytest.mark.parametrize(
    ("ids", "said"),
    [
        # helper-156: Excel showed the codes 2026-01 ... it took for dates as jan-26 ...
        (["jan-26", "feb-26", "2026-13"], "record_id (2; 'feb-26')"),
        (["1-feb", "12-MRT", "R-17"], "record_id (2; '1-feb')"),
        # the boundary: codes that only look like them are no such value
        (["jan-2026", "2026-01", "R-jan", "januari-26"], None),
    ],
)
def test_a_csv_key_as_excel_shows_a_date_is_said(
    home: Path, tmp_path: Path, ids: list[str], said: str | None
) -> None:
    folder = tmp_path / "in"
    rows = "".join(
        f"{rid};{4700 + n};03-03-2026;leverancier;etentje;25;nee;geweigerd\n"
        for n, rid in enumerate(ids)
    )
    header = "record_id;employee_key;received_on;giver_type;gift_type;value_eur;"
    write(folder / "geschenken.csv", header + "delivered_at_home;decision\n" + rows)
    [result] = [r for r in run(home, folder) if r.path.name == "geschenken.csv"]
    notes = [str(n) for n in result.notes if "zoals Excel een code toont" in str(n)]
    if said is None:
        assert notes == [], notes
    else:
        assert len(notes) == 1 and f"(aantal regels; voorbeeld): {said};" in notes[0], notes


def test_a_persons_key_as_excel_shows_a_date_is_said_without_it(home: Path, tmp_path: Path) -> None:
    """helper-247: the note quoted an example, and of a person's key that is the key
    itself (pseudonymised everywhere else): its lines are said, never the key."""
    header = "record_id;employee_key;received_on;giver_type;gift_type;value_eur;"
    rows = "R-1;12-mrt;03-03-2026;leverancier;etentje;25;nee;geweigerd\n"
    write(tmp_path / "geschenken.csv", header + "delivered_at_home;decision\n" + rows)
    [result] = run(home, tmp_path / "geschenken.csv")
    notes = " ".join(str(n) for n in result.notes)
    assert "(aantal regels; voorbeeld): employee_key (1);" in notes, notes
    assert "12-mrt" not in notes.lower(), notes


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("1.001", "1001"),  # a number grouped by thousands
        ("100,101.00", "100101"),
        # helper-246: spaces between the thousands (a French or ISO format), any kind
        ("101 007", "101007"),
        ("1 101\u00a0007,00", "1101007"),
        ("101\u202f007.0", "101007"),
        ("101\u2009007", "101007"),
        ("01 007", "01 007"),  # the boundary: a leading zero, a group of two, a tab
        ("101 07", "101 07"),
        ("101\t007", "101\t007"),
        ("101  007", "101  007"),
        # grouped, a number has no leading zero: codes as written (helper-185: a dwelling
        # 001.001 was 001001, an allocation 0.500 was 0500)
        ("001.001", "001.001"),
        ("08.001", "08.001"),
        ("0.500", "0.500"),
        ("0,500", "0,500"),
    ],
)
def test_a_grouped_number_has_no_leading_zero(cell: str, read: str) -> None:
    with duckdb.connect() as con:
        [(sql,)] = con.execute(
            f"select {key_numbers_sql('v')} from (select ? as v)", [cell]
        ).fetchall()
    assert (sql, _key_numbers(pd.Series([cell], dtype=object))[0]) == (read, read)
