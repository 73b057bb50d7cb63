"""A dash alone in a number column beside numbers is read as empty (the README's "no
value" dash), yet Excel's number format 0;-0;- writes a 0 so: helper-185's three employees
with a longest leave block of 0 days came in empty, unsaid, and KRI-HR-NO-LEAVE-BLOCK left
them out. Not guessed: said per column, with its lines and the mapping's way out
(pipelines/ingest/dash_cells.py)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import duckdb
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipelines.ingest.codes import code_key
from pipelines.ingest.dash_cells import DASHES, MAYBE_DASH, plain_sql
from pipelines.ingest.lookups import _is_marker
from pipelines.ingest.source_table import sql_text
from tests.test_ingest import EMPLOYEE_HEADER, employee, home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

BLOCK = "longest_leave_block_days_12m"


def employees(tmp_path: Path, blocks: list[str], **other: str) -> Path:
    rows = "".join(employee(str(104230 + i), **{BLOCK: b, **other}) for i, b in enumerate(blocks))
    return write(tmp_path / "hr" / "employees.csv", EMPLOYEE_HEADER + rows)


def notes(result: object) -> list[str]:
    return [str(n) for n in result.notes if "streepje" in str(n)]


def test_dashes_among_numbers_are_said_by_column_lines_and_way_out(
    home: Path, tmp_path: Path
) -> None:
    [result] = run(home, employees(tmp_path, ["21", "-", "14", "\u2013", "10"]))
    assert result.rows_loaded == 5
    assert notes(result) == [
        f"kolom {BLOCK}: 2 cel(len) met alleen een streepje gelezen als leeg, tussen getallen "
        "(regel 3, 5); een streepje is geen waarde, maar Excels getalnotatie 0;-0;- schrijft "
        "een 0 ook zo. Staat het hier voor 0, zet dan in de kolomkoppeling values: "
        f"{{{BLOCK}: {{'-': 0, '\u2013': 0}}}}"
    ]
    blocks = query(home, f"select {BLOCK} from raw_employees order by _source_line")
    assert blocks == [(21,), (None,), (14,), (None,), (10,)]


@pytest.mark.parametrize("said", [None, "'-': 0"])
def test_a_double_dash_is_a_dash_too(home: Path, tmp_path: Path, said: str | None) -> None:
    """helper-250 F1: '--' (a format's zero as '-' is: #,##0;-#,##0;"--") was read as
    empty without a word, where '-' was said; a mapping that says what '-' is leaves
    '--' unsaid no more, and the way out it names reads it as 0."""
    data = employees(tmp_path, ["21", "--", "14", "-", "3"])
    mappings = []
    if said:
        text = f"dataset: employees\nfiles: [employees.csv]\nvalues: {{{BLOCK}: {{{said}}}}}\n"
        mappings = [write(tmp_path / "hr" / "hr.mapping.yaml", text)]
    [result] = run(home, data, mappings=mappings)
    way_out = "'--': 0" if said else "'-': 0, '--': 0"
    assert notes(result) == [
        f"kolom {BLOCK}: {1 if said else 2} cel(len) met alleen een streepje gelezen als "
        f"leeg, tussen getallen (regel {'3' if said else '3, 5'}); een streepje is geen "
        "waarde, maar Excels getalnotatie 0;-0;- schrijft een 0 ook zo. Staat het hier "
        f"voor 0, zet dan in de kolomkoppeling values: {{{BLOCK}: {{{way_out}}}}}"
    ]
    both = f"dataset: employees\nfiles: [employees.csv]\nvalues: {{{BLOCK}: {{'-': 0, '--': 0}}}}\n"
    again = tmp_path / "again"
    data = write(again / "employees.csv", data.read_text())
    [result] = run(home, data, mappings=[write(again / "hr.mapping.yaml", both)])
    assert notes(result) == []
    blocks = query(home, f"select {BLOCK} from raw_employees order by _source_line")
    assert blocks == [(21,), (0,), (14,), (0,), (3,)]


def test_the_way_out_reads_the_dash_as_0_and_says_nothing(home: Path, tmp_path: Path) -> None:
    data = employees(tmp_path, ["21", "-", "14"])
    mapping = write(
        tmp_path / "hr" / "hr.mapping.yaml",
        f"dataset: employees\nfiles: [employees.csv]\nvalues: {{{BLOCK}: {{'-': 0}}}}\n",
    )
    [result] = run(home, data, mappings=[mapping])
    assert (result.rows_loaded, notes(result)) == (3, [])
    blocks = query(home, f"select {BLOCK} from raw_employees order by _source_line")
    assert blocks == [(21,), (0,), (14,)]


@pytest.mark.parametrize(
    ("blocks", "said"),
    [
        (["-", "-"], False),  # no number beside them: a column of "no value"
        (["-", "7"], True),  # one dash beside one number
        (["(3)", "-"], True),  # bookkeeping's -3 is a number too
        (["21", "14"], False),  # no dash
        (["21", " - "], True),  # a dash between spaces (alone: not the accounting zero)
        (["21", "-\u200b"], True),  # a zero-width space after it (helper-252: unsaid)
        (["\u2060\u2013", "7"], True),  # a word joiner before an en dash
        (["21", "\u200b"], False),  # nothing visible: empty, no dash
    ],
)
def test_a_note_only_where_a_dash_stands_beside_a_number(
    home: Path, tmp_path: Path, blocks: list[str], said: bool
) -> None:
    [result] = run(home, employees(tmp_path, blocks))
    assert bool(notes(result)) is said


def test_more_than_five_lines_are_cut_and_a_text_column_is_left_alone(
    home: Path, tmp_path: Path
) -> None:
    blocks = ["12", "-", "-", "-", "-", "-", "-", "9"]
    [result] = run(home, employees(tmp_path, blocks, job_title="-"))
    [said] = notes(result)
    assert "6 cel(len)" in said and "(regel 3, 4, 5, 6, 7 ...)" in said
    assert "job_title" not in said


def test_the_accounting_formats_zeros_are_read_as_0_and_not_said(
    home: Path, tmp_path: Path
) -> None:
    """helper-186: a column in Excel's accounting format reads its padded dashes as 0
    (tests/test_accounting_zeros.py); the note said they were read as empty."""
    [result] = run(home, employees(tmp_path, [" 21 ", " -   ", " 14 ", " -   "]))
    assert notes(result) == []
    blocks = query(home, f"select {BLOCK} from raw_employees order by _source_line")
    assert blocks == [(21,), (0,), (14,), (0,)]


def test_a_dash_among_numbers_with_their_unit_is_said(home: Path, tmp_path: Path) -> None:
    """helper-186: beside '2,5 uur' and '4 uur' (numbers as the column writes them) a dash
    was read as empty without a word."""
    rows = "".join(
        employee(str(104240 + i), overtime_hours=h) for i, h in enumerate(["2,5 uur", "-", "4 uur"])
    )
    [result] = run(home, write(tmp_path / "hr" / "employees.csv", EMPLOYEE_HEADER + rows))
    [said] = notes(result)
    assert said.startswith("kolom overtime_hours: 1 cel(len)") and "(regel 3)" in said


def test_dashes_are_matched_as_the_words_for_no_value_are(home: Path, tmp_path: Path) -> None:
    """helper-251 F5, F6: an en or em dash is a hyphen to code_key, as values and the
    words for no value read it: two en dashes ('––') were '--', empty and unsaid, and a
    mapping's '-' that read an en dash as 0 left the note saying it was read as empty."""
    data = employees(tmp_path, ["21", "\u2013\u2013", "14", "\u2014\u2014", "3", "\u2013"])
    [result] = run(home, data)
    assert notes(result) == [
        f"kolom {BLOCK}: 3 cel(len) met alleen een streepje gelezen als leeg, tussen getallen "
        "(regel 3, 5, 7); een streepje is geen waarde, maar Excels getalnotatie 0;-0;- "
        "schrijft een 0 ook zo. Staat het hier voor 0, zet dan in de kolomkoppeling values: "
        f"{{{BLOCK}: {{'\u2013': 0, '\u2013\u2013': 0, '\u2014\u2014': 0}}}}"
    ]
    again = tmp_path / "again"
    data = write(again / "employees.csv", data.read_text())
    way_out = (
        f"dataset: employees\nfiles: [employees.csv]\nvalues: {{{BLOCK}: {{'-': 0, '--': 0}}}}\n"
    )
    [result] = run(home, data, mappings=[write(again / "hr.mapping.yaml", way_out)])
    assert notes(result) == []
    blocks = query(home, f"select {BLOCK} from raw_employees order by _source_line")
    assert blocks == [(21,), (0,), (14,), (0,), (3,), (0,)]


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ("\t-", True),  # a tab before: empty to the reader, as str.strip trims
        ("\u00a0\u2013\u00a0", True),
        ("\ufe58", True),  # a small em dash: NFKC's em dash
        ("\u2011", False),  # a non-breaking hyphen: refused, not empty
        ("\u2012", False),  # a figure dash: the same
    ],
)
def test_the_note_says_what_the_reader_empties(
    home: Path, tmp_path: Path, cell: str, said: bool
) -> None:
    """helper-252 F5: a tab before a dash was empty and unsaid, and a figure dash was
    said to be empty where it was refused: the note's dashes are the reader's."""
    [result] = run(home, employees(tmp_path, ["21", cell, "14"]))
    held = query(home, "select line from quarantine")
    if said:
        assert len(notes(result)) == 1 and "(regel 3)" in notes(result)[0], notes(result)
        assert held == []
    else:
        assert (notes(result), held) == ([], [(3,)])


DASH_ALPHABET = "-\u2010\u2011\u2012\u2013\u2014\u2212\ufe58\uff0d \t\u00a0\u200b\u2060\ufeff0a."


@settings(max_examples=300, deadline=None)
@given(st.text(DASH_ALPHABET, min_size=1, max_size=6))
@example("-\u200b")  # helper-252: the reader's dash, unsaid by the note's SQL
@example("\u2013\u00a0\u2013")
def test_the_notes_sql_takes_for_a_dash_what_the_reader_empties_as_one(cell: str) -> None:
    """What the reader empties as a dash (lookups._is_marker, a dash of DASHES to code_key)
    is what the note's SQL counts (plain_sql, in DASHES), and the note's first, cheap pass
    (MAYBE_DASH) misses none of them."""
    reader = _is_marker(cell) and code_key(unicodedata.normalize("NFKC", cell)) in DASHES
    dashes = ", ".join(sql_text(d) for d in DASHES)
    [(note, maybe)] = duckdb.execute(
        f"select {plain_sql('v')} in ({dashes}), regexp_full_match(v, {sql_text(MAYBE_DASH)}) "
        "from (select ?::varchar as v)",
        [cell],
    ).fetchall()
    assert note == reader, (cell, note, reader)
    assert maybe or not note, cell


@pytest.mark.parametrize("mapped", [False, True])
def test_a_tick_in_a_yes_no_column_names_its_way_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mapped: bool
) -> None:
    """helper-253 F4: a register's checkbox column, x on the gifts delivered at home, was
    quarantined as 'verwacht ja of nee' without the way out; the way out reads it as ja.
    A word that is no tick keeps the plain reason."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    cells = ["x", "", "X", "\u2713", "nee", "misschien"]
    rows = "".join(f"e{i},10-03-2025,huurder,geld,10,{c}\n" for i, c in enumerate(cells))
    header = "employee_key,received_on,giver_type,gift_type,value_eur,delivered_at_home\n"
    data = write(tmp_path / "gifts.csv", header + rows)
    values = "{delivered_at_home: {x: ja, '\u2713': ja, '': nee}}"  # the way out, whole
    mappings = []
    if mapped:
        text = f"dataset: gifts\nfiles: [gifts.csv]\nvalues: {values}\n"
        mappings = [write(tmp_path / "gifts.mapping.yaml", text)]
    run(home, data, mappings=mappings)
    reasons = dict(query(home, "select line, reason from quarantine order by line"))
    plain = "gifts.csv, regel 7, kolom delivered_at_home, waarde 'misschien': verwacht ja of nee"
    assert reasons.pop(7).startswith(plain)
    if mapped:
        assert reasons == {}
        rows = query(home, "select employee_key, delivered_at_home from raw_gifts")
        # the unticked box (line 3) is nee, as the reason's '': nee says
        assert sorted(d for _, d in rows) == [False, False, True, True, True]
        return
    assert reasons == {
        line: f"gifts.csv, regel {line}, kolom delivered_at_home, waarde '{c}': een kruisje "
        "of vinkje, geen ja of nee; niet geraden. Staat het voor ja, vertaal het dan in de "
        f"kolomkoppeling: values: {{delivered_at_home: {{'{c}': ja}}}}; is een lege cel van "
        f"deze kolom dan nee, zet er '': nee bij ({{'{c}': ja, '': nee}}), anders blijft die "
        "leeg (onbekend)"
        for line, c in ((2, "x"), (4, "X"), (5, "\u2713"))
    }


def test_no_way_out_is_said_where_the_rules_refuse_a_0(home: Path, tmp_path: Path) -> None:
    """helper-262 F7: a dash among candidate ranks was said with the way out
    `values: {candidate_rank: {'-': 0}}`, which the rank's rule (at least 1) then refused:
    where 0 is no value the column may hold, the dashes read as empty are said without
    it (helper-264 F7: leaving the note out left an fte's dashes unsaid). A column whose
    rules allow 0 (the leave block: at least 0) keeps the way out."""
    from tests.test_ingest_failed_files import ALLOCATION_HEADER, allocation

    ranks = ["1", "-", "3", "\u2013", "2"]
    rows = "".join(allocation(i, rank=r) for i, r in enumerate(ranks))
    [result] = run(
        home, write(tmp_path / "toewijzing" / "allocations.csv", ALLOCATION_HEADER + rows)
    )
    assert result.rows_loaded == 5
    assert notes(result) == [
        "kolom candidate_rank: 2 cel(len) met alleen een streepje gelezen als leeg, tussen "
        "getallen (regel 3, 5); een streepje is geen waarde, maar Excels getalnotatie "
        "0;-0;- schrijft een 0 ook zo, en een 0 mag hier niet (candidate_rank). Staat het "
        "streepje voor 0, dan klopt de bron niet: vul daar de juiste waarde in"
    ]
    got = query(home, "select candidate_rank from raw_allocations order by _source_line")
    assert got == [(1,), (None,), (3,), (None,), (2,)]


def test_zero_refused_reads_the_minimum_of_the_rules() -> None:
    """At least 1, or more than 0: 0 refused; at least 0: allowed (the boundary)."""
    import datetime as dt

    from pipelines.ingest.dash_cells import zero_refused
    from pipelines.ingest.quality import DATASETS
    from pipelines.ingest.quality.base import DatasetSpec, SuiteContext
    from pipelines.ingest.quality.common import at_least

    ctx = SuiteContext(today=dt.date(2026, 12, 7))
    assert "candidate_rank" in zero_refused(DATASETS["allocations"], ctx)
    assert BLOCK not in zero_refused(DATASETS["employees"], ctx)
    assert zero_refused(DATASETS["allocations"], None) == set()
    base = DATASETS["vehicle_use"]
    for rule, refused in ((at_least("private_km", 0), False),
                          (at_least("private_km", 0, strict=True), True),
                          (at_least("private_km", 0.5), True)):  # fmt: skip
        spec = DatasetSpec(base.name, base.columns, rules=lambda _ctx, r=rule: [r])
        assert ("private_km" in zero_refused(spec, ctx)) is refused, rule
