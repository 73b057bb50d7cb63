"""Numbers as bookkeeping systems write them (helper-97): a negative amount in brackets
or with its minus after it (SAP, Centric) was refused as no number at all, which hid
what was wrong with it (an amount may not be negative); 'eur.' after an amount and
Excel's text mark before a number were refused too."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from pipelines.ingest.parsing import DEBIT, parse_number
from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("(1.234,56)", -1234.56),
        ("1.234,56-", -1234.56),
        ("5-", -5.0),
        ("1 234,56-", -1234.56),
        ("'1234,56", 1234.56),
        ("'-5", -5.0),
        ("(12,5", None),  # an open bracket: no number
        ("12,5)", None),
        ("(-5)", None),  # two signs
        ("-5-", None),
        ("(abc)", None),
        ("''5", None),
        ("1-2", None),
        # Dutch bookkeeping's minus and a credit mark (helper-231: 'verwacht een getal')
        ("-/- 250,00", -250.0),
        ("-/-250", -250.0),
        ("1.234,56 CR", -1234.56),
        ("1.000,00 Cr.", -1000.0),
        ("250,00 credit", -250.0),
        ("250,00cr", -250.0),
        ("-/- -250", None),  # two signs
        ("CR", None),
        ("-/-", None),
        ("250 CRE", None),
        ("ACR 12", None),
        # ... and its debit mark, the amount as it is (helper-259 F5: taken for a currency)
        ("25,00 Db", 25.0),
        ("1.234,56 DB.", 1234.56),
        ("250,00 debet", 250.0),
        ("250,00deb", 250.0),
        ("-25,00 Db", None),  # a sign and a mark
        ("25,00 D", None),  # D alone: not said to be debit
        ("25,00 DBT", None),
        ("Db", None),
    ],
)
def test_bookkeeping_negatives_and_the_text_mark(cell: str, value: float | None) -> None:
    got = parse_number(pd.Series([cell], dtype=object), "nl", decimals=2).values.iloc[0]
    assert (None if pd.isna(got) else float(got)) == value
    # a debit mark is an amount's alone (helper-261: "12 deb" loaded as 12 in a count)
    other = parse_number(pd.Series([cell], dtype=object), "nl").values.iloc[0]
    debit = re.fullmatch(DEBIT, cell) is not None
    assert (None if pd.isna(other) else float(other)) == (None if debit else value)


def test_a_negative_amount_is_told_so_and_eur_dot_is_euros(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n")
    head = (
        "order_id;ordered_on;supplier_id;amount_eur;org_unit;procedure;quotes_count;requester_key"
    )
    rows = ["(1.234,56)", "1.234,56-", "100,00 eur.", "'1234,56", "(€ 1.234,56)", "( 12,50 € )"]
    write(
        folder / "inkoop.csv",
        head + "\n" + "".join(
            f"P{i};02-03-2026;L1;{a};VH-N;raamcontract;1;E1\n" for i, a in enumerate(rows, 1)
        ),
    )  # fmt: skip
    run(home, folder)
    reasons = dict(query(home, "select line, reason from quarantine"))
    assert set(reasons) == {2, 3, 6, 7}, reasons  # helper-179: the sign inside the brackets
    # helper-110: an order export's credit notes; the reason says what they may be
    assert all(
        r.endswith(
            "amount_eur moet >= 0 zijn (een creditnota? Die is geen bestelling: laat "
            "creditregels weg uit de export, of in de kolomkoppeling met drop_rows (bijv. "
            "drop_rows: {Soort: [Creditnota]}))"
        )
        for r in reasons.values()
    ), reasons
    assert sorted(query(home, "select order_id, amount_eur from raw_procurement")) == [
        ("P3", 100.0),
        ("P4", 1234.56),
    ]


@pytest.mark.parametrize(
    ("cell", "currency"),
    [
        ("zł 25,50", "zł"),  # helper-98: any language's symbol, as an XLSX format shows it
        ("25,50 Kč", "Kč"),
        ("(USD 2.400,00)", "USD"),  # bookkeeping's negative in another currency
        ("2.400,00 USD-", "USD"),
        ("-USD 2.400", "USD"),
        ("12 km", None),  # a unit: just no number
        ("abc", None),
    ],
)
def test_an_amount_in_another_currency_is_told_so(cell: str, currency: str | None) -> None:
    from pipelines.ingest.lookups import WRONG_TYPE, ColumnPlan, lookup
    from pipelines.ingest.quality.base import Column

    plan = ColumnPlan(Column("amount_eur", "decimal", decimals=2), "nl")
    frame, _ = lookup(plan, [cell], b"k" * 32)
    assert frame["status"].iloc[0] == WRONG_TYPE
    note = frame["note"].iloc[0]
    if currency:
        assert f"geen bedrag in euro's ({currency})" in note, note
    else:
        assert note is None or "geen bedrag in euro's" not in note


@pytest.mark.parametrize(
    ("column", "cell", "value"),
    [
        ("integer", "2025.0", 2025),  # helper-99: a year a tool wrote as a float
        ("integer", "7,00", 7),
        ("integer", "1.000", 1000),  # a thousands dot, as before
        ("integer", "2025.5", None),
        ("decimal", "−2,5", -2.5),  # the minus sign U+2212
        ("decimal", "1.234,56−", -1234.56),
        ("decimal", "−−2,5", None),
    ],
)
def test_floats_of_whole_numbers_and_the_minus_sign(
    column: str, cell: str, value: float | None
) -> None:
    from pipelines.ingest.parsing import parse_decimal_column, parse_integer

    parse = parse_integer if column == "integer" else parse_decimal_column
    got = parse(pd.Series([cell], dtype=object), "nl").values.iloc[0]
    assert (None if pd.isna(got) else float(got)) == value


@pytest.mark.parametrize(
    ("cells", "value"),
    [(["-1", "0"], True), (["0"], False), (["-2"], None), (["-1", "1", "0"], None)],
)
def test_access_writes_true_as_minus_one(cells: list[str], value: bool | None) -> None:
    """-1 is Access's true where the column has no 1 (helper-100: beside 1 and 0 it is a
    survey's 'missing', not true)."""
    from pipelines.ingest.parsing import parse_boolean

    got = parse_boolean(pd.Series(cells, dtype=object)).values.iloc[0]
    assert (None if got is None or pd.isna(got) else bool(got)) == value


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("E-learning integriteit", "e_learning_integriteit"),  # helper-99: the hyphen
        ("e learning integriteit", "e_learning_integriteit"),
        ("E-learning", "E-learning"),  # which e-learning is not said: the rules judge it
    ],
)
def test_a_training_kind_as_registers_write_it(cell: str, kind: str) -> None:
    from pipelines.ingest.codes import match_codes
    from pipelines.ingest.quality.trainings import KIND_SPELLINGS, KINDS

    assert match_codes(pd.Series([cell], dtype=object), KINDS, KIND_SPELLINGS).tolist() == [kind]


def test_a_debit_mark_is_read_in_a_register_as_the_amount(home: Path, tmp_path: Path) -> None:
    """helper-259 F5: '25,00 Db' was refused as an amount in another currency (dobra)."""
    folder = tmp_path / "in"
    rows = "".join(
        f"E{i};{i + 1:02d}-03-2026;huurder;geld;{a}\n"
        for i, a in enumerate(["25,00 Db", "40,00 debet", "40,00 D"])
    )
    write(folder / "gifts.csv", "employee_key;received_on;giver_type;gift_type;value_eur\n" + rows)
    run(home, folder)
    assert sorted(v for (v,) in query(home, "select value_eur from raw_gifts")) == [25.0, 40.0]
    [(line, reason)] = query(home, "select line, reason from quarantine")
    assert line == 4 and "verwacht een getal" in reason, reason
