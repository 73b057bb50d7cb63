"""A total with the count of the rows above it ('Totaal 5' under five rows) typed without
the delimiters after it, a line DuckDB cannot read, is left out as the same total with
its delimiters is (pipelines/ingest/trailer.py ``_lone``, ``_rows_above``; helper-270 F7:
quarantined); a line with a field too many above a counted total is a row of the count
(helper-272 F3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import home, org_home, run
from tests.test_trailer import DATA, ingest

__all__ = ["home", "org_home"]  # fixtures used here


@pytest.mark.parametrize(
    ("word", "total"),
    [("Totaal 5", True), ("totaal: 5", True), ("Totaal 4", False), ("Totaal 6", False)],
)
def test_a_counted_total_on_a_line_without_delimiters_is_left_out_alike(
    home: Path, word: str, total: bool
) -> None:
    """helper-270 F7: 'Totaal 5' typed without the delimiters after it (a line DuckDB
    cannot read) under five rows was quarantined, where 'Totaal 5;;2045' is left out."""
    loaded, quarantined, notes = ingest(home, DATA + f"{word}\n")
    assert loaded == [2, 3, 4, 5, 6]
    assert (quarantined == []) == total, (quarantined, notes)
    said = [n for n in notes if "totaalregel onder de gegevens" in n]
    assert said == (
        [f"regel 7: totaalregel onder de gegevens, niet ingelezen ('{word}')"] if total else []
    )


@pytest.mark.parametrize("total", ["Totaal 5;;2045", "Totaal 5"])
def test_a_counted_total_counts_a_row_with_a_field_too_many_as_a_row(
    home: Path, total: str
) -> None:
    """helper-272 F3: the line DuckDB could not read was not counted, and the total
    was quarantined beside it."""
    rows = DATA.splitlines(keepends=True)
    rows[2] = rows[2].rstrip("\n") + ";extra\n"
    loaded, quarantined, notes = ingest(home, "".join(rows) + total + "\n")
    assert (loaded, quarantined) == ([2, 3, 5, 6], [4])
    assert (
        f"regel 7: totaalregel onder de gegevens, niet ingelezen ('{total.split(';')[0]}')" in notes
    )


def test_a_lone_counted_total_under_a_subtotal_counts_the_rows_above_it_alone(
    home: Path,
) -> None:
    """Said as the total it is, not as a footnote under the subtotal."""
    loaded, quarantined, notes = ingest(home, DATA + "Subtotaal;;2045\nTotaal 5\n")
    assert (loaded, quarantined) == ([2, 3, 4, 5, 6], [])
    assert "regel 8: totaalregel onder de gegevens, niet ingelezen ('Totaal 5')" in notes


def test_a_label_alone_above_a_counted_total_is_no_row_of_its_count(home: Path) -> None:
    """helper-273 F4: 'Subtotaal maart' on a line of its own counted as a sixth row, and
    'Totaal 5' under it was said a footnote."""
    loaded, quarantined, notes = ingest(home, DATA + "Subtotaal maart\nTotaal 5\n")
    assert (loaded, quarantined) == ([2, 3, 4, 5, 6], [])
    assert "regel 8: totaalregel onder de gegevens, niet ingelezen ('Totaal 5')" in notes


GIFTS = "record_id;employee_key;received_on;value_eur\n" + "".join(
    f"{n};E{n};0{n}-03-2026;20\n" for n in range(1, 4)
)


@pytest.mark.parametrize("total", ["Totaal 3;;;", "Totaal 3", "Totaal 11;;;"])
def test_a_count_under_a_template_numbered_ahead_counts_the_records(
    home: Path, tmp_path: Path, total: str
) -> None:
    """helper-273 F3: 'Totaal 3' under three gifts and eight rows of a number alone was
    compared with eleven rows, a row, and the register was refused; the count of every
    row above is a total as before."""
    path = tmp_path / "register.csv"
    template = "".join(f"{n};;;\n" for n in range(4, 12))
    path.write_text(GIFTS + template + total + "\n", "utf-8")
    [result] = run(home, path)
    notes = [str(n) for n in result.notes]
    assert (result.rows_loaded, result.rows_quarantined) == (3, 0), result.summary()
    said = f"regel 13: totaalregel onder de gegevens, niet ingelezen ('{total.split(';')[0]}')"
    assert said in notes, notes
