"""What in a key or an id column is no key (helper-244; pipelines/ingest/key_cells.py):
Excel's ="..." taken off before the cell is read, words for unknown, cells of marks
alone and digits of another script quarantined, in SQL (an id read as plain text) and in
Python (a person's key, and any column under a mapping's values) alike."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import duckdb
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipelines.ingest.key_cells import (
    _MARKS_FROM,
    _WIDE,
    MARKS_NOTE,
    OTHER_DIGITS_NOTE,
    UNKNOWN_WORDS,
    _decomposed,
    compact,
    compact_sql,
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


# (cell, what contract_id stores): each row of one export, read in SQL and in Python
NONE_CELLS = [
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
]


def numbered(cells: list[tuple[str, str]], prefix: str = "B-") -> str:
    """One order per (contract, approver), numbered from 0."""
    return "".join(
        ROW.format(contract=c, approver=a).replace("B-1", f"{prefix}{i}")
        for i, (c, a) in enumerate(cells)
    )


def test_excels_text_formula_comes_off_and_the_words_for_none_are_none(
    home: Path, tmp_path: Path
) -> None:
    """Each cell in contract_id: in SQL (no mapping), and in Python (the column under a
    mapping's values); one export of all of them each way."""
    rows = numbered([(c, "104234") for c, _ in NONE_CELLS])
    wanted = {c: stored for c, stored in NONE_CELLS}
    result = orders(home, tmp_path, rows)
    assert (result.error, result.rows_loaded) == (None, len(NONE_CELLS)), result.summary()
    mapped = ORDERS + numbered([(c, "104234") for c, _ in NONE_CELLS], "M-")
    [_, result] = mapped_orders(home, tmp_path / "m", mapped, "{contract_id: {'z': null}}")
    assert (result.error, result.rows_loaded) == (None, len(NONE_CELLS)), result.summary()
    stored = dict(query(home, "select order_id, contract_id from raw_procurement"))
    for prefix in ("B-", "M-"):
        read = {c: stored[f"{prefix}{i}"] for i, (c, _) in enumerate(NONE_CELLS)}
        assert read == wanted, prefix


def test_a_required_key_in_excels_text_formula_that_holds_none_is_missing(
    home: Path, tmp_path: Path
) -> None:
    """helper-244: ="NULL" as a requester was a person called NULL (its pseudonym)."""
    keys = ['="NULL"', '="-"', '="nan"', '="#N/A"', '="NaT"', '=""']
    rows = numbered([("", "104234")] * len(keys))
    rows = "".join(
        line.replace(";104233;", f";{key};") + "\n"
        for line, key in zip(rows.splitlines(), keys, strict=True)
    )
    result = orders(home, tmp_path, rows)
    assert (result.rows_loaded, result.rows_quarantined) == (0, len(keys)), result.summary()
    assert query(home, 'select "column", reason_code from quarantine') == [
        ("requester_key", "missing_required")
    ] * len(keys)


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


def test_what_is_no_key_is_quarantined_saying_why_in_sql_and_in_python(
    home: Path, tmp_path: Path
) -> None:
    """Each cell as a contract (an id, read in SQL) and as an approver (a person's key,
    read in Python), on lines 2i+2 and 2i+3 of one export."""
    cells = [pair for cell, _ in NO_KEYS for pair in ((cell, "104234"), ("K-9", cell))]
    result = orders(home, tmp_path, numbered(cells))
    assert (result.rows_loaded, result.rows_quarantined) == (0, len(cells)), result.summary()
    reasons = query(home, 'select line, "column", reason_code, reason from quarantine order by 1')
    assert len(reasons) == len(cells), reasons
    for i, (cell, why) in enumerate(NO_KEYS):
        as_id, as_key = reasons[2 * i], reasons[2 * i + 1]
        code = "spreadsheet_error" if why == "foutwaarde" else "wrong_type"
        assert as_id[:3] == (2 * i + 2, "contract_id", code), (cell, as_id)
        assert as_key[:3] == (2 * i + 3, "approver_key", code), (cell, as_key)
        assert why in as_id[3] and why in as_key[3], (cell, as_id, as_key)
        assert "': de cel " in as_id[3], as_id  # the reason has its subject (helper-246)
        # a person's key is never quoted in the reason: quarantine shows its pseudonym
        if why != "foutwaarde":  # an error value is no one's key
            assert "de cel " in as_key[3], as_key
            assert f"'{cell.strip()}'" not in as_key[3].split(": ", 1)[1], as_key
    # the contracts under a mapping's values: read in Python, the same
    [_, result] = mapped_orders(
        home, tmp_path / "m", ORDERS + numbered(cells, "M-"), "{contract_id: {'z': null}}"
    )
    assert (result.rows_loaded, result.rows_quarantined) == (0, len(cells)), result.summary()
    mapped = "select reason from quarantine where \"column\" = 'contract_id'"
    said = [r for (r,) in query(home, mapped) if r.startswith("inkoop.csv")]
    said = [r for r in said if "foutwaarde" not in r]  # an error value is quoted
    words = [cell for cell, why in NO_KEYS if why != "foutwaarde"]
    assert len(said) == len(words) and all("': de cel " in r for r in said), said


def test_the_words_way_out_is_the_mappings_values(home: Path, tmp_path: Path) -> None:
    rows = ROW.format(contract="n.b.", approver="n/b")
    values = "{contract_id: {'n.b.': null}, approver_key: {'n/b': null}}"
    [_, result] = mapped_orders(home, tmp_path, ORDERS + rows, values)
    assert (result.rows_loaded, result.rows_quarantined) == (1, 0), result.summary()
    assert query(home, "select contract_id, approver_key from raw_procurement") == [(None, None)]


def test_keys_beside_those_words_and_marks_load(home: Path, tmp_path: Path) -> None:
    result = orders(home, tmp_path, numbered([(key, key) for key in KEYS]))
    assert (result.rows_loaded, result.rows_quarantined) == (len(KEYS), 0), result.summary()
    stored = dict(query(home, "select order_id, contract_id from raw_procurement"))
    assert [stored[f"B-{i}"] for i in range(len(KEYS))] == KEYS


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
@example("X\u2026")  # NFKD's ... after the placeholder X: SQL kept it as a key (helper-251)
@example("\u02e3")  # a superscript x, which NFKD makes x
@example("\U0001d420\U0001d41e\U0001d41e\U0001d427")  # 𝐠𝐞𝐞𝐧, mathematical bold letters
@example("geen\x0bcontract")  # FileMaker's line break in a field (helper-254 F4)
@example("n\x85b")
@example("unde\ufb01ned")  # undeﬁned, pasted from a PDF (helper-254 F5)
@example("\u2116 contract")  # № contract
@example("niet van toepa\u00dfing")  # ß as casefold makes it (helper-254 F6)
@example("IO2024\u201300000001")  # an id with an en dash: the gate, not compact
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


def test_compact_in_sql_maps_every_character_its_table_holds_as_python_does() -> None:
    """Every character compact_sql translates (full-width, typographic marks, what NFKD
    makes one letter or none), alone, after a plain letter and before one, and every
    printable ASCII character: SQL and Python alike. The table is only applied to a cell
    with a character past ASCII (its cost: 16 s over the large demo's ids), so a guard
    that let one of these through untranslated fails here."""
    single, dropped, multi = _decomposed()
    mapped = [*_WIDE, *_MARKS_FROM, *single, *dropped, *multi]
    assert {"\ufb01", "\u0133"} <= multi.keys()  # ﬁ and ĳ, made fi and ij
    assert any(ord(c) < 0x100 for c in mapped)  # the Latin-1 ones (ª ² ¨) among them
    cells = [*mapped, *(f"X{c}" for c in mapped), *(f"{c}b" for c in mapped)]
    cells += [chr(c) for c in range(0x20, 0x7F)]
    con = duckdb.connect()
    con.execute("create table cells (i integer, cell varchar)")
    con.executemany("insert into cells values (?, ?)", list(enumerate(cells)))
    got = con.execute(f"select i, {compact_sql('cell')} from cells order by i").fetchall()
    differ = [(cells[i], made) for i, made in got if made != compact(cells[i])]
    # known and left (helper-252): a vowel sign of an Indic or Tibetan script that NFKD
    # makes another sign, which Python keeps (combining class 0) and strip_accents drops
    kept_sign = [(c, m) for c, m in differ if any(_kept_sign(x) for x in compact(c))]
    assert len(kept_sign) < 20 and not set(differ) - set(kept_sign), differ[:10]


def _kept_sign(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Mc") and not unicodedata.combining(char)


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


# A workbook's number cells in a key or id column: whole up to 2**53, where a double
# holds every whole number; past it the last digits are lost (helper-246: int() of
# 1.2345678901234568E+18 made up ...768, a key no export writes)
XLSX_NUMBERS = [
    (2.0**53 - 1, None, "9007199254740991"),
    (1234567890123456.0, None, "1234567890123456"),  # 16 digits, exact (helper-173)
    (-(2.0**53) + 1, None, "-9007199254740991"),
    (2.0**53, None, None),
    (-(2.0**53), None, None),
    (1.2345678901234568e18, None, None),
    (1e20, None, None),
    # under any style (helper-247: 80%, USD and K made digits of it again)
    (2.0**53, "0%", None),
    (1.2345678901234568e19, '"USD" 0', None),
    (1.2345678901234568e19, '0 "K"', None),
]


def test_a_workbooks_number_past_what_a_double_holds_is_no_key(home: Path, tmp_path: Path) -> None:
    """Each number as a contract (an id, read in SQL) and as an approver (a person's key,
    read in Python), on lines 2i+2 and 2i+3 of one workbook: loaded as its digits, or
    quarantined as scientific notation, never given digits it does not have."""
    import openpyxl

    from tests.test_zero_for_none import SUPPLIERS

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(ORDERS.strip().split(";"))
    row = ROW.strip().split(";")
    for number, style, _ in XLSX_NUMBERS:
        for at, contract, approver in ((8, number, "104234"), (11, "K-9", number)):
            cells = [f"B-{sheet.max_row + 1}", *row[1:7], contract, row[8], row[9], approver]
            sheet.append(cells)
            if style:
                sheet.cell(sheet.max_row, at).number_format = style
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text(SUPPLIERS, "utf-8")
    book.save(tmp_path / "procurement.xlsx")
    [_, result] = run(home, suppliers, tmp_path / "procurement.xlsx")
    kept = sum(2 for *_, digits in XLSX_NUMBERS if digits)
    assert (result.rows_loaded, result.rows_quarantined) == (kept, len(XLSX_NUMBERS) * 2 - kept)
    loaded = dict(query(home, "select order_id, contract_id from raw_procurement"))
    approvers = dict(query(home, "select order_id, approver_key from raw_procurement"))
    reasons = dict(query(home, "select line, \"column\" || ': ' || reason from quarantine"))
    for i, (number, _, digits) in enumerate(XLSX_NUMBERS):
        as_id, as_key = 2 * i + 2, 2 * i + 3
        if digits:
            assert loaded[f"B-{as_id}"] == digits, (number, loaded)
            assert approvers[f"B-{as_key}"] is not None  # pseudonymised, loaded
            continue
        assert reasons[as_id].startswith("contract_id: "), reasons[as_id]
        assert reasons[as_key].startswith("approver_key: "), reasons[as_key]
        assert "de cel is een getal" in reasons[as_key], reasons[as_key]  # never quoted
        for reason in (reasons[as_id], reasons[as_key]):
            assert "wetenschappelijke notatie" in reason, (number, reason)


def test_a_whole_number_past_any_double_is_scientific_in_a_workbook_alone() -> None:
    """A workbook's number cell is a double; a Parquet int64 or decimal is exact."""
    import re

    from pipelines.ingest.cell_texts import cell_text
    from pipelines.ingest.lookups import SCIENTIFIC

    for number in (10**400, -(10**400), 10**1000, 2**53, 12345678901234567):
        assert re.fullmatch(SCIENTIFIC, cell_text(number, doubles=True)), number
        assert cell_text(number) == str(number)
    assert cell_text(2**53 - 1, doubles=True) == str(2**53 - 1)
    # 1E+400 in a workbook's XML: no number a double holds, an error as Excel shows it
    assert cell_text(float("inf"), doubles=True) == cell_text(float("-inf")) == "#GETAL!"


def test_the_tables_ranges_hold_every_character_nfkd_makes_one_letter() -> None:
    """_DECOMPOSED_RANGES lists blocks, not every code point (a scan of all of them took
    0.05 s of each ingest): each character past U+00A0 that compact makes one other
    character or none is in the table, or SQL's own lower(strip_accents()) makes it so."""
    single, dropped, _ = _decomposed()
    missing = [
        chr(code)
        for code in range(0xA0, 0x20000)
        if unicodedata.decomposition(chr(code))
        and chr(code) not in _WIDE + _MARKS_FROM
        and chr(code) not in single
        and chr(code) not in dropped
        and len(compact(chr(code))) <= 1
        and compact(chr(code)) != chr(code).lower()
    ]
    made = dict(
        duckdb.execute(
            "select c, lower(strip_accents(c)) from unnest(?::varchar[]) as t(c)", [missing]
        ).fetchall()
    )
    assert [c for c in missing if made[c] != compact(c)] == []
