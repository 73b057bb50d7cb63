"""A key written as a decimal by the tool that exported it (helper-97: a CSV's
requester_key 101.0 beside approver_key 101 got two pseudonyms, so a self-approval was
not seen, without a word). 101.0 and 101,00 are read as 101, as a workbook's number cell
is, and the ingest log says so; 101.5 is left as written. A key with a dot or comma
between its thousands (100.101: Dutch Excel's number column saved as CSV) is that
number (helper-104), said in the log as well."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.lookups import WRONG_TYPE, ColumnPlan, lookup
from pipelines.ingest.quality.base import Column
from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

HEAD = (
    "order_id;ordered_on;supplier_id;amount_eur;org_unit;procedure;quotes_count;"
    "requester_key;approver_key"
)


def test_a_key_written_as_a_decimal_is_its_whole_number(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n")
    write(
        folder / "inkoop.csv",
        f"{HEAD}\n"
        "P1;02-03-2026;L1;100;VH-N;raamcontract;1;101.0;101\n"  # 2: one person
        "P2;02-03-2026;L1;100;VH-N;raamcontract;1; 101,00 ;101\n"  # 3
        "P3;02-03-2026;L1;100;VH-N;raamcontract;1;101.5;101\n"  # 4: no whole number
        "P4;02-03-2026;L1;100;VH-N;raamcontract;1;1.000;1\n"  # 5: a thousands dot, no 1
        "P5;02-03-2026;L1;100;VH-N;raamcontract;1;0101.0;101\n"  # 6: its zero kept
        "P6;02-03-2026;L1;100;VH-N;raamcontract;1;100101.0000;100101\n"  # 7: fixed scale
        "P7;02-03-2026;L1;100;VH-N;raamcontract;1;100101,000;100101\n"  # 8 (helper-111)
        "P8;02-03-2026;L1;100;VH-N;raamcontract;1;101.0000;101\n"  # 9
        "P9;02-03-2026;L1;100;VH-N;raamcontract;1;101.000;101\n",  # 10: 101000, a group
    )
    (result,) = [r for r in run(home, folder) if r.path.name == "inkoop.csv"]
    same = dict(
        query(
            home,
            "select order_id, requester_key = approver_key from raw_procurement order by 1",
        )
    )
    assert same == {
        "P1": True,
        "P2": True,
        "P3": False,
        "P4": False,
        "P5": False,
        "P6": True,
        "P7": True,
        "P8": True,
        "P9": False,
    }
    said = " ".join(str(n) for n in result.notes)
    assert "sleutelkolom(men) met nummers als decimaal getal geschreven" in said, said
    assert "requester_key (6)" in said, said


def test_a_key_with_its_thousands_grouped_is_that_number(home: Path, tmp_path: Path) -> None:
    """helper-104: requester 100.101 and approver 100101 were two people, so a
    self-approval was not seen. Only groups of three digits after one to three."""
    folder = tmp_path / "in"
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n")
    rows = [
        ("100.101", "100101", True),  # 2: one person
        ("100,101", "100101", True),  # 3: an English export's comma
        ("1.234.567", "1234567", True),  # 4
        (" 1.000 ", "1000", True),  # 5
        ("100.10", "10010", False),  # 6: no group of three
        ("1.0001", "10001", False),  # 7
        ("1000.101", "1000101", False),  # 8: four digits before the group
        ("100.101,5", "100101", False),  # 9: no whole number
        ("100.101", "100.101", True),  # 10
        ("100.101,00", "100101", True),  # 11: Dutch Excel's Getal format (helper-107)
        ("100,101.00", "100.101", True),  # 12
        ("100.101,50", "100101", False),  # 13: no whole number
        ("100.101,000", "100101", True),  # 14: a database's fixed scale (helper-111)
        ("100.101,0000", "100101", True),  # 15
        ("100.101,00000", "100101", False),  # 16
        # helper-246: spaces between the thousands, as a French or ISO format writes them
        ("100 101", "100101", True),  # 17
        ("1\u00a0234\u00a0567", "1234567", True),  # 18: no-break spaces
        ("100\u202f101,00", "100.101", True),  # 19: a narrow one, Excel's Getal format
        ("100 10", "10010", False),  # 20: no group of three
        ("0 101", "101", False),  # 21: a leading zero
        ("\u00a0100 101", "100101", True),  # 22: counted in the note too (helper-247)
    ]
    write(
        folder / "inkoop.csv",
        f"{HEAD}\n"
        + "".join(
            f"P{i:02d};02-03-2026;L1;100;VH-N;raamcontract;1;{a};{b}\n"
            for i, (a, b, _) in enumerate(rows)
        ),
    )
    (result,) = [r for r in run(home, folder) if r.path.name == "inkoop.csv"]
    same = query(home, "select requester_key = approver_key from raw_procurement order by order_id")
    assert [s for (s,) in same] == [expected for *_, expected in rows]
    said = " ".join(str(n) for n in result.notes)
    assert (
        "met een scheidingsteken tussen de duizendtallen (aantal regels): requester_key (13)"
        in (said)
    ), said


def test_an_identifier_in_scientific_notation_is_refused(home: Path, tmp_path: Path) -> None:
    """helper-99: Dutch Excel saves a 12-digit number to CSV as 1,23457E+11; as a key it
    became a person of its own, as an order id an order of its own, without a word. Its
    digits are gone: refused, saying so. A code such as 12E3 is no such number."""
    folder = tmp_path / "in"
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n")
    write(
        folder / "inkoop.csv",
        f"{HEAD}\n"
        "P1;02-03-2026;L1;100;VH-N;raamcontract;1;1,00000E+11;101\n"  # 2: a key
        "1,23457E+11;02-03-2026;L1;100;VH-N;raamcontract;1;101;101\n"  # 3: an order id
        "12E3;02-03-2026;L1;100;VH-N;raamcontract;1;1E+11;101\n"  # 4: a code; a key
        "P4;02-03-2026;L1;100;VH-N;raamcontract;1;101;101\n",  # 5
    )
    run(home, folder)
    held = {(line, column): reason for line, column, reason in query(
        home, "select line, \"column\", reason from quarantine order by 1"
    )}  # fmt: skip
    assert set(held) == {(2, "requester_key"), (3, "order_id"), (4, "requester_key")}, held
    assert all("wetenschappelijke notatie" in r for r in held.values()), held
    assert sorted(query(home, "select order_id from raw_procurement")) == [("P4",)]


@pytest.mark.parametrize(
    ("column", "cell", "refused"),
    [
        (Column("supplier_id", "text"), "1,23457E+11", True),  # an _id through a lookup
        (Column("employee_key", "text"), "1.23457E11", True),  # Java's, without a sign
        (Column("employee_key", "text"), "12E3", False),  # a code
        (Column("job_title", "text"), "1,2E+11", False),  # no identifier
    ],
)
def test_scientific_notation_in_every_identifier(column: Column, cell: str, refused: bool) -> None:
    """helper-100: an _id column read through a lookup (a mapping's values) and Java's
    1.23457E11 passed."""
    plan = ColumnPlan(column, "nl", values={"onbekend": None}, is_key=column.name.endswith("_key"))
    frame, _ = lookup(plan, [cell], b"k" * 32)
    assert (frame["status"].iloc[0] == WRONG_TYPE) == refused
