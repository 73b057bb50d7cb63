"""A quote left open at the end of a CSV header's last name (helper-133): the header ran
on into the first row and every row went to quarantine; now the file is refused with a
message that names the name (pipelines/ingest/header_run_on.py). A name wrapped with
Alt+Enter over rows of another width is not taken for one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest_hostile import lease_mapping, run


@pytest.mark.parametrize(("end", "d"), [("\n", ";"), ("\r\n", ";"), ("\r\n", ",")])
def test_a_quote_left_open_at_the_headers_end_is_said_so(
    empty_home: Path, end: str, d: str
) -> None:
    """helper-133: in a file that quotes every value, the header's last name without its
    closing quote ran the header on into the first row (9 names over rows of 5 fields):
    every row went to quarantine as too short, under a column named after the row."""
    path = empty_home / "side_jobs.csv"
    rows = [("000101", "2026-02-10", "Bouw"), ("000102", "2026-02-11", "Zorg")]
    # four names over rows of four fields; the last name's quote closes on line 2
    path.write_text(
        d.join(f'"{n}"' for n in ("employee_key", "registered_on", "started_on"))
        + f'{d}"sector{end}'
        + "".join(d.join(f'"{c}"' for c in (*row[:2], "", row[2])) + end for row in rows),
        "utf-8",
        newline="",
    )
    con, results = run(path)
    assert results[0].error == (
        f"{path}: regel 1: het aanhalingsteken voor 'sector' in de kop wordt op die regel "
        "niet gesloten, zodat de kop doorloopt in de rij eronder: de kop heeft zo 7 namen en "
        'de rijen 4 velden. Sluit het aanhalingsteken ("sector") of haal het weg; niets '
        "ingelezen"
    )
    assert con.execute("select count(*) from quarantine").fetchone() == (0,)


def test_a_wrapped_name_over_rows_of_another_width_is_no_quote_left_open(
    empty_home: Path,
) -> None:
    """A name wrapped with Alt+Enter (its quote closed) over rows that all have a field
    too many: the rows are quarantined for their count, as any such row; the header is
    not said to run on (its first line, one name, is not as wide as the rows)."""
    path = empty_home / "lease.csv"
    path.write_text('"Medewerker\nnummer";Jaar;Privé km\nE1;2024;1;x\nE2;2024;2;y\n', "utf-8")
    lease_mapping(empty_home, "lease.csv")
    _, [result] = run(empty_home)
    assert "aanhalingsteken" not in (result.error or ""), result.error
    assert (result.rows_in, result.rows_quarantined) == (2, 2), result.summary()
