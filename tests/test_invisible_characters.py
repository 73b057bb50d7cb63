"""Invisible format characters (Unicode Cf: a zero-width space, a joiner, a soft hyphen, a
byte order mark) copied into a key, an identifier or a code are no part of it, and a
message shows them as their code (helper-101: 'Dilemmasessie' with a zero-width space was
refused as no training kind while it looked exactly like one; 1001 with one was a second
person, silently)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipelines.ingest.codes import code_key, match_codes
from pipelines.ingest.lookups import ColumnPlan, lookup
from pipelines.ingest.parsing import without_invisible
from pipelines.ingest.quality.base import Column
from pipelines.ingest.quarantined import printable
from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here (tests/test_ingest.py)

KEY = b"invisible-test-key-0123456789abc"
HIDDEN = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e"]


@pytest.mark.parametrize("mark", HIDDEN)
def test_a_key_with_an_invisible_character_is_the_same_person(mark: str) -> None:
    cells = ["1001", f"1001{mark}", f"{mark}1001", f"10{mark}01"]
    frame, _ = lookup(ColumnPlan(Column("employee_key", "text"), "nl", is_key=True), cells, KEY)
    assert frame["value"].nunique() == 1 and (frame["status"] == 0).all()


def test_a_visible_difference_is_still_another_person() -> None:
    cells = ["1001", "1001 ", "1001a", "1O01"]  # a space around it goes too; a letter does not
    frame, _ = lookup(ColumnPlan(Column("employee_key", "text"), "nl", is_key=True), cells, KEY)
    assert frame["value"].nunique() == 3


@pytest.mark.parametrize("mark", HIDDEN)
def test_a_code_with_an_invisible_character_is_that_code(mark: str) -> None:
    read = match_codes(
        pd.Series([f"Dilemmasessie{mark}", f"e-{mark}learning"]),
        ["dilemmasessie", "e-learning"],
    )
    assert list(read) == ["dilemmasessie", "e-learning"]
    assert code_key(f"Dilemma{mark}sessie") == "dilemmasessie"


def test_only_format_characters_go() -> None:
    assert without_invisible("Café\u200b Noord\u00a0") == "Café Noord\u00a0"
    assert without_invisible("A\u0301") == "A\u0301"  # a combining accent is no format char


def test_a_message_shows_an_invisible_character_as_its_code() -> None:
    assert printable("Dilemmasessie\u200b") == "Dilemmasessie\\u200b"
    assert printable("x\u00ady\ufeff") == "x\\u00ady\\ufeff"
    assert printable("Café") == "Café"


def test_an_identifier_read_as_plain_text_loses_them_too(home: Path, tmp_path: Path) -> None:
    """A supplier id is not looked up cell by cell (SQL reads it as written): the same
    rule there, and a cell of nothing but one is empty."""
    suppliers = write(
        tmp_path / "suppliers.csv",
        "supplier_id;name\nL1\u200b;Bakker BV\n\ufeffL2;Jansen\nL\u200d3;Smit\n\u200b;Leeg\n",
    )
    [result] = run(home, suppliers)
    assert (result.rows_loaded, result.rows_quarantined) == (3, 1), result.summary()
    assert query(home, "select supplier_id from raw_suppliers order by 1") == [
        ("L1",), ("L2",), ("L3",)
    ]  # fmt: skip
    assert query(home, "select line, reason_code from quarantine") == [(5, "missing_required")]


@pytest.mark.parametrize("cell", ["\u200bNULL", "\ufeffNA", "N\u200b/A", "Ｎ/Ａ", "nvt\u2060"])
def test_a_null_marker_with_an_invisible_character_or_full_width_is_still_empty(
    cell: str,
) -> None:
    """helper-102: the marker test looked at the cell's first character, the invisible one,
    so the approver '\\u200bNULL' was a person called NULL."""
    plan = ColumnPlan(Column("approver_key", "text"), "nl", is_key=True)
    frame, _ = lookup(plan, [cell, "1001"], KEY)
    assert frame["value"].isna().iloc[0] and frame["status"].iloc[0] == 0


@pytest.mark.parametrize("mark", ["\ufe0f", "\u034f", "\u3164", "\u2800", "\u180b"])
def test_a_blank_that_is_no_format_character_goes_from_a_key_too(mark: str) -> None:
    """helper-102: a variation selector, the combining grapheme joiner, a Hangul filler,
    the blank Braille pattern after 1001 made a second person."""
    frame, _ = lookup(
        ColumnPlan(Column("employee_key", "text"), "nl", is_key=True), ["1001", f"1001{mark}"], KEY
    )
    assert frame["value"].nunique() == 1


def test_a_plain_identifier_with_an_invisible_marker_is_empty(home: Path, tmp_path: Path) -> None:
    """In SQL too: a supplier's name '\\u200bNULL' is no name, its id '\\u200bNA' no id."""
    suppliers = write(
        tmp_path / "suppliers.csv",
        "supplier_id;name\nL1;\u200bNULL\n\u200bNA;Jansen\nL3\ufe0f;Smit\n",
    )
    [result] = run(home, suppliers)
    assert (result.rows_loaded, result.rows_quarantined) == (1, 2), result.summary()
    assert query(home, "select supplier_id from raw_suppliers") == [("L3",)]
    assert query(home, 'select line, "column" from quarantine order by line') == [
        (2, "name"), (3, "supplier_id")
    ]  # fmt: skip
