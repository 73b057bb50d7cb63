"""A cell that says "no value" the way databases, spreadsheets and Dutch exports write it
(NULL, #N/A, n.v.t., a dash) is an empty cell in every column (helper-88's trial: kept as
text, NULL in an approver column was an approver and in a contract column a contract)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.lookups import NULL_MARKERS, ColumnPlan, lookup
from pipelines.ingest.quality.base import Column
from tests.test_ingest import (
    EMPLOYEE_HEADER,
    employee,
    home,
    org_home,
    quarantined,
    query,
    run,
    write,
)

KEY = b"k" * 32


__all__ = ["home", "org_home"]  # fixtures used here (tests/test_ingest.py)


@pytest.mark.parametrize(
    "cell", ["NULL", "null", " (null) ", "<NULL>", "None", "N/A", "#N/A", "n.v.t.", "N.V.T",
             "nvt", "-", "--", "\u2013", "\u2014", "NA", " na ", "N.A.", "nan", "NaN", "<NA>",
             "NaT", "(leeg)", "(Leeg)", "(blank)", "(empty)", "."],
)  # fmt: skip
@pytest.mark.parametrize(
    ("column", "is_key"),
    [(Column("contract_id", "text"), False), (Column("approver_key", "text"), True),
     (Column("exit_date", "date"), False), (Column("fte", "decimal"), False),
     (Column("unit_price_contract", "boolean"), False)],
)  # fmt: skip
def test_a_null_marker_is_an_empty_cell_in_every_column(
    cell: str, column: Column, is_key: bool
) -> None:
    frame, _ = lookup(ColumnPlan(column, "nl", is_key=is_key), [cell, "1"], KEY)
    assert frame["value"].isna().iloc[0] and frame["status"].iloc[0] == 0, cell
    assert frame["shown"].iloc[0] == cell  # quarantine shows it as written, never hashed


@pytest.mark.parametrize(
    "cell", ["NULLS", "n.v.t.x", "-1", "---", "Nul", "0", "x", "NAV", "nana", "..", "leeg", "N.A"]
)
def test_what_only_looks_like_a_marker_is_not_one(cell: str) -> None:
    """Just outside the list: read as the column reads it."""
    frame, _ = lookup(ColumnPlan(Column("job_title", "text"), "nl"), [cell], KEY)
    assert frame["value"].iloc[0] == cell.strip()


def test_every_marker_is_written_as_codes_are_matched() -> None:
    """The list is compared with code_key's form: lower case, no accents, no outer spaces;
    a typographic dash is there as well as its plain form, which code_key makes of it (SQL
    compares the cell as written)."""
    from pipelines.ingest.codes import code_key

    assert all(code_key(m) == m or code_key(m) in NULL_MARKERS for m in NULL_MARKERS)
    assert {m for m in NULL_MARKERS if code_key(m) != m} == {"\u2013", "\u2014"}


def test_a_mapping_value_for_a_marker_wins(home: Path, tmp_path: Path) -> None:
    """Where '-' means something in a source, its mapping says what."""
    rows = employee("104233", exit_date="31-03-2026", exit_reason="-")
    path = write(tmp_path / "hr.csv", EMPLOYEE_HEADER + rows)
    mapping = write(
        tmp_path / "hr.mapping.yaml",
        'dataset: employees\nfiles: [hr.csv]\nvalues: {exit_reason: {"-": overig}}\n',
    )
    [result] = run(home, path, mappings=[mapping])
    assert result.rows_loaded == 1, result.summary()
    assert query(home, "select exit_reason from raw_employees") == [("overig",)]


def test_an_hr_export_with_markers_loads_them_as_empty_and_holds_the_rules(
    home: Path, tmp_path: Path
) -> None:
    """An optional date and reason written NULL load empty; a manager written n.v.t. for
    someone who is not the bestuurder is the missing manager the rule refuses (it loaded
    as a made-up manager); a required key written NULL is missing_required, shown as
    written."""
    rows = (
        employee("200001", exit_date="NULL", exit_reason="NULL")
        + employee("200002", manager_key="n.v.t.")
        + employee("NULL")
    )
    [result] = run(home, write(tmp_path / "hr.csv", EMPLOYEE_HEADER + rows))
    assert result.rows_loaded == 1, result.summary()
    assert query(home, "select exit_date, exit_reason from raw_employees") == [(None, None)]
    reasons = {(line, column, value) for line, column, value, _ in quarantined(home, "employees")}
    assert reasons == {(3, "manager_key", "n.v.t."), (4, "employee_key", "NULL")}
    assert ("missing_required",) in query(home, "select reason_code from quarantine where line = 4")


def test_a_marker_in_a_plain_text_column_is_empty_too(home: Path, tmp_path: Path) -> None:
    """helper-89: a text column without codes is not looked up cell by cell (SQL reads it
    as written), so NULL stayed the job title 'NULL' and a supplier's name 'n.v.t.';
    an optional one now loads empty, a required one is missing_required, as written."""
    rows = employee("200001", job_title="NULL") + employee("200002", job_title=" n.v.t. ")
    rows += employee("200003", job_title="Nullmeting")  # only looks like one
    [result] = run(home, write(tmp_path / "hr.csv", EMPLOYEE_HEADER + rows))
    assert result.rows_loaded == 3, result.summary()
    assert query(home, "select job_title from raw_employees order by job_title nulls first") == [
        (None,), (None,), ("Nullmeting",)
    ]  # fmt: skip
    suppliers = write(tmp_path / "suppliers.csv", "supplier_id;name\nL1;#N/A\nL2;Bakker BV\n")
    [result] = run(home, suppliers)
    assert (result.rows_loaded, result.rows_quarantined) == (1, 1), result.summary()
    assert query(
        home,
        "select line, \"column\", value, reason_code from quarantine where dataset = 'suppliers'",
    ) == [(2, "name", "#N/A", "missing_required")]


def test_niet_van_toepassing_is_no_answer_as_n_v_t_is() -> None:
    """helper-89: a survey's 'Niet van toepassing' was an unknown label while 'n.v.t.'
    loaded as no answer."""
    from pipelines.ingest.answer_labels import LIKERT_NL

    plan = ColumnPlan(
        Column("answer", "integer"), "nl", answer_labels=LIKERT_NL, answer_label_set="likert_nl"
    )
    frame, _ = lookup(plan, ["Niet van toepassing", "n.v.t.", "Mee eens"], KEY)
    assert list(frame["status"]) == [0, 0, 0]
    assert frame["value"].isna().tolist() == [True, True, False]


def test_excels_text_mark_before_a_key_is_no_part_of_it() -> None:
    """helper-89: a consultant written '000103 (the apostrophe Excel puts before a number
    kept as text) got another pseudonym than 000103, and linked to no one."""
    plan = ColumnPlan(Column("consultant_key", "text"), "nl", is_key=True)
    frame, _ = lookup(plan, ["'000103", "000103", " '000103", "''000103", "0'00103"], KEY)
    values = list(frame["value"])
    assert values[0] == values[1] == values[2]
    assert values[3] != values[1] and values[4] != values[1]  # only one mark, only first


@pytest.mark.parametrize(
    ("cell", "value"), [("€ -", 0.0), ("€  -  ", 0.0), ("- €", 0.0), ("EUR \u2013", 0.0)]
)
def test_excels_accounting_zero_is_zero(cell: str, value: float) -> None:
    """helper-89: Excel's accounting format writes a zero amount as '€ -'."""
    plan = ColumnPlan(Column("amount_eur", "decimal", decimals=2), "nl")
    frame, _ = lookup(plan, [cell], KEY)
    assert (frame["value"].iloc[0], frame["status"].iloc[0]) == (value, 0)


@pytest.mark.parametrize(
    ("cell", "column", "empty"),
    [
        ("00000000", Column("exit_date", "date"), True),  # Key2Financien: no date
        ("0000-00-00", Column("exit_date", "date"), True),  # MySQL's zero date
        ("00-00-0000", Column("exit_date", "date"), True),
        (" 00/00/0000 ", Column("snapshot_month", "month"), True),
        ("0000-00-00 00:00:00", Column("exit_date", "date"), True),  # helper-98: MySQL
        ("000000", Column("snapshot_month", "month"), True),  # jjjjmm of zeros
        ("0000-00", Column("snapshot_month", "month"), True),
        ("0000-00-00 00:00:01", Column("exit_date", "date"), False),
        ("00000000", Column("order_id", "text", required=True), False),  # a code, no date
        # an optional reference of zeros alone is none (helper-134: an ERP's no contract)
        ("00000000", Column("contract_id", "text"), True),
        ("00000000", Column("sick_days", "integer"), False),  # the number 0
        ("00000001", Column("exit_date", "date"), False),  # no date, and not empty
        ("0000-00-01", Column("exit_date", "date"), False),
    ],
)
def test_a_date_of_zeros_is_an_empty_date(cell: str, column: Column, empty: bool) -> None:
    """helper-97: a date column's 00000000 was refused as no date until mapped."""
    frame, _ = lookup(ColumnPlan(column, "nl"), [cell], KEY)
    if empty:
        assert frame["value"].isna().iloc[0] and frame["status"].iloc[0] == 0
    else:
        assert not (frame["value"].isna().iloc[0] and frame["status"].iloc[0] == 0)


def test_an_r_export_writes_na_and_a_stats_tool_a_dot_for_no_value(
    home: Path, tmp_path: Path
) -> None:
    """helper-101: R's write.csv (an unnamed index column, NA unquoted) and a SAS or SPSS
    dot; the approver NA loaded as a person called NA (a four-eyes approval that never
    was), in a file that loaded without a word."""
    header = (
        '"","allocation_id","allocated_on","dwelling_id","district","channel",'
        '"candidate_rank","motivation_recorded","consultant_key","approver_key",'
        '"related_to_employee","registration_date_modified"\n'
    )
    rows = (
        '"1","A1","2026-03-01","D1","Noord","regulier",1,TRUE,"1001",NA,FALSE,FALSE\n'
        '"2","A2","2026-03-02","D2",NA,"urgentie",NA,NA,"1001","1002",FALSE,NA\n'
        '"3","A3","2026-03-03","D3","Zuid","regulier",2,TRUE,"1001",".",FALSE,FALSE\n'
        '"4","A4","2026-03-04","D4","Zuid","regulier",.,TRUE,"1001","1002",FALSE,FALSE\n'
    )
    [result] = run(home, write(tmp_path / "allocaties.csv", header + rows))
    assert (result.rows_loaded, result.rows_quarantined) == (4, 0), result.summary()
    assert query(
        home,
        "select allocation_id, approver_key is null, district, candidate_rank, "
        "motivation_recorded from raw_allocations order by allocation_id",
    ) == [
        ("A1", True, "Noord", 1, True),
        ("A2", False, None, None, None),
        ("A3", True, "Zuid", 2, True),
        ("A4", False, "Zuid", None, True),
    ]


@pytest.mark.parametrize("cell", ["\\N", "geen", "Geen contract", "onbekend", "Unknown"])
def test_a_dump_mark_or_a_word_for_none_in_an_identifier_is_no_one(cell: str) -> None:
    """helper-103: '\\N' (MySQL's, PostgreSQL's COPY) and 'geen' were an approver called so,
    a four-eyes approval that never was; '\\N' is empty in every column, the words for none
    in a key or an id only (as a code or a text they say what they say)."""
    plan = ColumnPlan(Column("approver_key", "text"), "nl", is_key=True)
    frame, _ = lookup(plan, [cell, "1001"], KEY)
    assert frame["value"].isna().iloc[0] and frame["status"].iloc[0] == 0
    text, _ = lookup(
        ColumnPlan(Column("exit_reason", "text"), "nl", values={"x": "y"}), [cell], KEY
    )
    assert text["value"].isna().iloc[0] == (cell == "\\N")


def test_excels_text_formula_around_a_key_is_no_part_of_it() -> None:
    """helper-103: ="000101" (a CSV's way to keep the zeros) was a second person."""
    plan = ColumnPlan(Column("employee_key", "text"), "nl", is_key=True)
    frame, _ = lookup(plan, ['="000101"', "000101", '="000102"'], KEY)
    assert frame["value"].iloc[0] == frame["value"].iloc[1] != frame["value"].iloc[2]


def test_a_contract_id_read_as_plain_text_is_empty_for_a_dump_mark_or_none(
    home: Path, tmp_path: Path
) -> None:
    suppliers = write(
        tmp_path / "suppliers.csv",
        'supplier_id;name\nL1;Bakker\n\\N;Jansen\ngeen;Smit\n="L4";De Vries\n',
    )
    [result] = run(home, suppliers)
    assert (result.rows_loaded, result.rows_quarantined) == (2, 2), result.summary()
    assert query(home, "select supplier_id from raw_suppliers order by 1") == [("L1",), ("L4",)]
