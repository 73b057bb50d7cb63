"""A line of dashes that rules a report's table (SAP's list export: ------ above and under
its header and rows, |-----|---|) holds no data, as a blank line holds none: left out,
its lines in a note (pipelines/ingest/ruled_lines.py; helper-179: the rule under the
header was a row of one field, quarantined, and refused a small file whole)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import home, org_home, query, run
from tests.test_trailer import DATA, HEADER

__all__ = ["home", "org_home"]  # fixtures used here (tests/test_ingest.py)

RULE = "-" * 40 + "\n"


def ingest(home: Path, text: str) -> tuple[list[int], list[int], list[str]]:
    path = home / "in" / "vehicle_use.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, "utf-8")
    [result] = run(home, path)
    assert result.error is None, result.error
    loaded = query(home, "select _source_line from raw_vehicle_use order by 1")
    quarantined = query(home, "select distinct line from quarantine order by 1")
    return [r[0] for r in loaded], [r[0] for r in quarantined], [str(n) for n in result.notes]


@pytest.mark.parametrize(
    "rule", [RULE, "=" * 12 + "\n", "---;---;---\n", "+-----+-----+\n", " ___ \n"]
)
def test_a_rule_above_and_under_the_header_and_the_rows_is_left_out(home: Path, rule: str) -> None:
    text = rule + HEADER + rule + DATA + rule
    loaded, quarantined, notes = ingest(home, text)
    assert (loaded, quarantined) == ([4, 5, 6, 7, 8], [])
    assert "3 lijnregel(s) (alleen streepjes) overgeslagen, als lege regels: regel 1, 3, 9" in notes


def test_sap_list_with_bars_around_each_line_loads(home: Path) -> None:
    rule = "|" + "-" * 30 + "|\n"
    bars = "".join(f"|{row}|\n" for row in DATA.replace(";", "|").splitlines())
    text = rule + "|" + HEADER.strip().replace(";", "|") + "|\n" + rule + bars + rule
    loaded, quarantined, notes = ingest(home, text)
    assert (loaded, quarantined) == ([4, 5, 6, 7, 8], [])
    assert "3 lijnregel(s) (alleen streepjes) overgeslagen, als lege regels: regel 1, 3, 9" in notes


def test_a_dash_beside_data_is_a_value_and_two_dashes_are_no_rule(home: Path) -> None:
    """The boundary: a row with a value beside its dashes is a row (quarantined for its
    kilometres), and '--' (two) is no rule: a row of one field, as before."""
    loaded, quarantined, notes = ingest(home, HEADER + "E6;2025;---\n--\n-;-;-\n" + DATA)
    assert quarantined == [2, 3, 4]  # and '-' for none in every cell (helper-181)
    assert not [n for n in notes if "lijnregel" in n]


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "cp1252"])
def test_a_rule_is_found_in_any_encoding(home: Path, codec: str) -> None:
    """helper-209: the rule was looked for in the file's bytes, where UTF-16 and UTF-32
    hold no b'---': quarantined as a line of one field, which refused a small file."""
    path = home / "in" / "vehicle_use.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes((RULE + HEADER + RULE + DATA).encode(codec))
    [result] = run(home, path)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 5, 0)
    assert any("lijnregel(s)" in str(n) for n in result.notes), result.notes
