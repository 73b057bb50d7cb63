"""What in a key or an id column is no key (helper-244; pipelines/ingest/key_cells.py):
Excel's ="..." taken off before the cell is read, words for unknown, cells of marks
alone and digits of another script quarantined, in SQL (an id read as plain text) and in
Python (a person's key, and any column under a mapping's values) alike."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipelines.ingest.key_cells import (
    MARKS_NOTE,
    OTHER_DIGITS_NOTE,
    UNKNOWN_WORDS,
    is_none_word,
    key_problem,
    key_problem_sql,
    none_word_sql,
)
from pipelines.ingest.none_words import NO_ONE, NULL_MARKERS
from tests.test_ingest import home, org_home, query, run
from tests.test_zero_for_none import ORDERS, mapped_orders, orders

__all__ = ["home", "org_home"]  # fixtures used here

ROW = "B-1;06-01-2026;C1001;60.000,00;VH-N;raamcontract;1;{contract};nee;104233;{approver}\n"


@pytest.mark.parametrize(
    ("contract", "stored"),
    [
        ('=""', None),  # helper-244: the contract '' exempted the order from its procedure
        ('=" "', None),
        ('="\u200b"', None),
        ('="NULL"', None),
        ('="geen"', None),
        ('="n.v.t."', None),
        ('=" C-7 "', "C-7"),
        ('="C-7"', "C-7"),
        ("(geen)", None),
        ("Zonder contract", None),
        # the words for none however spelt (helper-245: each a contract, the order exempt)
        ("Géén", None),
        ("GEEN_CONTRACT", None),
        ("zonder  contract", None),
        ("\uff47\uff45\uff45\uff4e", None),  # full-width geen
        ("geen.", None),
        ("nvt.", None),
        ("N . V . T", None),
        ("<leeg>", None),
        ("NULL" + " " * 26, None),  # a fixed-width export's padding
        ('\u200b="NULL"', None),  # ="..." after an invisible character
        ('="NULL"\u200b', None),
        # helper-246: dashes, slashes, brackets, quotes, spelt out
        ("GEEN-CONTRACT", None),
        ("geen \u2013 contract", None),
        ("(geen contract)", None),
        ("[n.v.t.]", None),
        ("'NULL'", None),
        ("Niet van toepassing", None),
        ("Not applicable", None),
    ],
)
def test_excels_text_formula_comes_off_before_the_cell_is_read(
    home: Path, tmp_path: Path, contract: str, stored: str | None
) -> None:
    result = orders(home, tmp_path, ROW.format(contract=contract, approver="104234"))
    assert (result.error, result.rows_loaded) == (None, 1), result.summary()
    assert query(home, "select contract_id from raw_procurement") == [(stored,)]
    # and in Python, the column under a mapping's values
    row = ROW.format(contract=contract, approver="104234").replace("B-1", "B-2")
    [_, result] = mapped_orders(home, tmp_path / "m", ORDERS + row, "{contract_id: {'z': null}}")
    assert (result.error, result.rows_loaded) == (None, 1), result.summary()
    assert query(home, "select contract_id from raw_procurement where order_id = 'B-2'") == [
        (stored,)
    ]


@pytest.mark.parametrize("key", ['="NULL"', '="-"', '="nan"', '="#N/A"', '="NaT"', '=""'])
def test_a_required_key_in_excels_text_formula_that_holds_none_is_missing(
    home: Path, tmp_path: Path, key: str
) -> None:
    """helper-244: ="NULL" as a requester was a person called NULL (its pseudonym)."""
    row = ROW.format(contract="", approver="104234").replace(";104233;", f";{key};")
    result = orders(home, tmp_path, row)
    assert (result.rows_loaded, result.rows_quarantined) == (0, 1), result.summary()
    assert query(home, 'select "column", reason_code from quarantine') == [
        ("requester_key", "missing_required")
    ]


NO_KEYS = [
    ("n.b.", "voor onbekend, nog niet bekend"),
    ("N/B", "voor onbekend, nog niet bekend"),
    ("TBD", "voor onbekend, nog niet bekend"),
    ("x", "voor onbekend, nog niet bekend"),
    ("Nee", "voor onbekend, nog niet bekend"),
    ("-1.#IND", "voor onbekend, nog niet bekend"),
    ("idem", "voor onbekend, nog niet bekend"),
    ("N.N.", "voor onbekend, nog niet bekend"),  # nomen nescio (helper-246)
    ("Nog te bepalen", "voor onbekend, nog niet bekend"),
    ("geen?", "voor onbekend, nog niet bekend"),  # a question mark is in no key
    ("TBD.", "voor onbekend, nog niet bekend"),
    ("n . b .", "voor onbekend, nog niet bekend"),
    ("n.b." + " " * 76, "voor onbekend, nog niet bekend"),
    ('="#REF!"', "foutwaarde"),
    ('="1,23457E+11"', "wetenschappelijke notatie"),
    ("WAAR", "voor onbekend, nog niet bekend"),  # a workbook's TRUE as Dutch Excel shows it
    ('="n/b"', "voor onbekend, nog niet bekend"),
    ("??", "voor onbekend, nog niet bekend"),  # a question mark is in no key
    ("\u2026", "geen letter of cijfer"),
    ("\u2212", "geen letter of cijfer"),
    ("*", "geen letter of cijfer"),
    ("\uff11\uff10\uff14\uff12\uff13\uff14", "ander schrift"),  # fullwidth 104234
    ("\u0661\u0660\u0664\u0662\u0663\u0664", "ander schrift"),  # Arabic-Indic
    ("K-\u0967", "ander schrift"),  # a Devanagari one among Latin
]
# the boundary: keys beside those words and marks are keys
KEYS = ["nb1", "x2", "N.B.C.", "nee-7", "K-1", "Ⅻ", "Müller", "104235", "2²", "O'Brien", "101-007"]


@pytest.mark.parametrize(("cell", "why"), NO_KEYS)
def test_what_is_no_key_is_quarantined_saying_why_in_sql_and_in_python(
    home: Path, tmp_path: Path, cell: str, why: str
) -> None:
    """A contract (an id, read in SQL) and an approver (a person's key, read in Python)."""
    rows = ROW.format(contract=cell, approver="104234") + ROW.format(
        contract="K-9", approver=cell
    ).replace("B-1", "B-2")
    result = orders(home, tmp_path, rows)
    assert (result.rows_loaded, result.rows_quarantined) == (0, 2), result.summary()
    reasons = query(home, 'select line, "column", reason_code, reason from quarantine order by 1')
    code = "spreadsheet_error" if why == "foutwaarde" else "wrong_type"
    assert [r[:3] for r in reasons] == [(2, "contract_id", code), (3, "approver_key", code)]
    assert all(why in r[3] for r in reasons), reasons
    # a person's key is never quoted in the reason: quarantine shows its pseudonym alone
    if why != "foutwaarde":  # an error value is no one's key
        assert "de cel " in reasons[1][3]
        assert f"'{cell.strip()}'" not in reasons[1][3].split(": ", 1)[1]
    # a contract under a mapping's values: read in Python, the same
    [_, result] = mapped_orders(
        home, tmp_path / "m", ORDERS + rows.replace("B-", "M-"), "{contract_id: {'z': null}}"
    )
    assert (result.rows_loaded, result.rows_quarantined) == (0, 2), result.summary()


def test_the_words_way_out_is_the_mappings_values(home: Path, tmp_path: Path) -> None:
    rows = ROW.format(contract="n.b.", approver="n/b")
    values = "{contract_id: {'n.b.': null}, approver_key: {'n/b': null}}"
    [_, result] = mapped_orders(home, tmp_path, ORDERS + rows, values)
    assert (result.rows_loaded, result.rows_quarantined) == (1, 0), result.summary()
    assert query(home, "select contract_id, approver_key from raw_procurement") == [(None, None)]


@pytest.mark.parametrize("key", KEYS)
def test_keys_beside_those_words_and_marks_load(home: Path, tmp_path: Path, key: str) -> None:
    rows = ROW.format(contract=key, approver=key)
    result = orders(home, tmp_path, rows)
    assert (result.rows_loaded, result.rows_quarantined) == (1, 0), result.summary()
    assert query(home, "select contract_id from raw_procurement") == [(key,)]


ALPHABET = (
    "abgnNxXeE.?/ -_*#…−‒―'0123456789()[]<>\"–"
    "\uff11\uff10\u0661\u0660\u0967éüÉ²Ⅻ\u00a0\t\u3000\uff4e\uff42\u2019"
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(ALPHABET, min_size=1, max_size=8),
        st.sampled_from(sorted(UNKNOWN_WORDS | NO_ONE | NULL_MARKERS)).map(str.upper),
        st.sampled_from(sorted(UNKNOWN_WORDS | NO_ONE | NULL_MARKERS)).map(
            lambda w: w.replace(" ", "_") + "."
        ),
        st.sampled_from(sorted(UNKNOWN_WORDS)),
    )
)
@example("n  b".replace("  ", " "))
@example("Nog  niet bekend")
def test_sql_and_python_say_the_same_of_every_cell(cell: str) -> None:
    """The SQL rule (an id read as plain text) and the Python rule (a key, or any column
    under values) on the cell as each reads it: trimmed, so only such cells."""
    cell = cell.strip()
    if not cell:
        return
    python = key_problem(cell, "contract_id")
    sql = key_problem_sql("v", "contract_id")
    none = none_word_sql("v")
    [(in_sql, none_in_sql)] = duckdb.execute(
        f"select {sql}, {none} from (select ?::varchar as v)", [cell]
    ).fetchall()
    assert in_sql == python, (cell, in_sql, python)
    assert none_in_sql == is_none_word(cell), cell
    if python in (MARKS_NOTE, OTHER_DIGITS_NOTE):
        assert not any("0" <= c <= "9" for c in cell) or python == OTHER_DIGITS_NOTE


def test_a_padded_word_for_no_value_is_empty_in_any_column(home: Path, tmp_path: Path) -> None:
    """A fixed-width export pads NULL to its column's width (helper-245): past 24
    characters it was no NULL marker, so an optional amount was refused, not empty."""
    path = tmp_path / "gifts.csv"
    path.write_text(
        "employee_key;received_on;giver_type;gift_type;value_eur\n"
        f"102249;02-10-2024;overig;goederen;{'NULL' + ' ' * 26}\n"
        "102249;03-10-2024;overig;goederen;12,50\n",
        "utf-8",
    )
    [result] = run(home, path)
    assert (result.rows_loaded, result.rows_quarantined) == (2, 0), result.summary()
    assert query(home, "select value_eur from raw_gifts order by 1 nulls first") == [
        (None,),
        (12.5,),
    ]
