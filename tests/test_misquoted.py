"""A value that begins with a quote it does not end with is read as the file writes it
(helper-131: ``"De Vries" Bouw`` was stored as ``De Vries Bouw`` without a word); values
quoted as CSV quotes them are read as before (pipelines/ingest/misquoted.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.misquoted import as_written
from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here


@pytest.mark.parametrize("end", ["\r\n", "\n"])
def test_a_name_that_begins_with_a_quote_is_stored_as_written(
    home: Path, tmp_path: Path, end: str
) -> None:
    rows = [
        'C1;"De Vries" Bouw;B.V.',  # the case: opened, closed, and more
        'C2;Schilder "Kwast" Zuid;V.O.F.',  # a quote inside: always literal
        'C3;"Bouw; Noord" ;B.V.',  # CSV's quotes, a space after: the quotes go
        'C4;"De ""Vries""";"B.V."',  # doubled quotes: CSV's escape
        '"C;5";"Jansen" & Zn;B.V.',  # both on one line
        'C6;Bouw Oost;"B.V." ',  # a space after the last field's closing quote
    ]
    text = "supplier_id;name;legal_form" + end + end.join(rows) + end
    [result] = run(home, write(tmp_path / "suppliers.csv", text))
    assert (result.error, result.rows_loaded) == (None, 6), result.summary()
    assert query(home, "select supplier_id, name, legal_form from raw_suppliers order by 1") == [
        ("C1", '"De Vries" Bouw', "bv"),
        ("C2", 'Schilder "Kwast" Zuid', "vof"),
        ("C3", "Bouw; Noord", "bv"),
        ("C4", 'De "Vries"', "bv"),
        ("C6", "Bouw Oost", "bv"),
        ("C;5", '"Jansen" & Zn', "bv"),
    ]


def test_fields_that_cannot_be_told_apart_stay_as_read() -> None:
    row = ["C1", "De Vries; Bouw", "B.V."]  # a delimiter after the closing quote
    assert as_written('C1;"De Vries"; Bouw;B.V.', ";", row) == row
    spaced = ["C6", "Bouw Oost", "B.V."]  # CSV's quotes, then a space: as read
    assert as_written('C6;Bouw Oost;"B.V." \r\n', ";", spaced) == spaced
    assert as_written('C1;"De Vries" Bouw;B.V.', ";", ["C1", "De Vries Bouw", "B.V."]) == [
        "C1",
        '"De Vries" Bouw',
        "B.V.",
    ]


def test_a_line_split_otherwise_inside_a_quote_keeps_the_csv_reading() -> None:
    """helper-133: the split at the ';' inside '"Noord;"' shifted 'Zuid' out and '"Noord'
    into the name; every other field must read as the csv module read it."""
    line = 'C1;"Noord;"Zuid;Scherm 24";"De Vries" Bouw'
    row = ["C1", "Noord;Zuid", 'Scherm 24"', "De Vries Bouw"]
    assert as_written(line, ";", row) == row


def test_rows_that_end_in_a_delimiter_keep_the_quotes_too(home: Path, tmp_path: Path) -> None:
    """helper-133: a row ending in ';' (a style read as the row's end) has a field more
    than the header, and the quotes were lost there."""
    text = 'supplier_id;name;legal_form\nC1;"De Vries" Bouw;bv;\nC2;Jansen;vof;\n'
    [result] = run(home, write(tmp_path / "suppliers.csv", text))
    assert (result.error, result.rows_loaded) == (None, 2), result.summary()
    assert query(home, "select name from raw_suppliers order by 1") == [
        ('"De Vries" Bouw',),
        ("Jansen",),
    ]
