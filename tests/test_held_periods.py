"""A covering export's periods are its own also where none of its rows there loaded
(helper-262 F1): the gift a March export marks withdrawn (drop_rows), February's only one,
kept counting from February's export under covers: month; so did one whose correction
sat on a quarantined row. The days of such rows are kept with their export
(pipelines/ingest/held_periods.py, raw_held_periods) and the staging models count their
periods as that export's; a withdrawn export takes them along."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.build.builder import build
from pipelines.cli.main import main
from tests.test_ingest import home, lenient, org_home, query, write

__all__ = ["home", "org_home"]  # fixtures used here

HEADER = "employee_key;received_on;giver_type;gift_type;value_eur;decision;Status\n"
JANUARY = "E1;12-01-2026;huurder;goederen;75;geaccepteerd;\n"
FEBRUARY = "E2;10-02-2026;leverancier;tegoedbon;150;geaccepteerd;\n"
MARCH = "E3;04-03-2026;huurder;goederen;20;geaccepteerd;\n"


def gifts(home: Path, folder: Path, covers: str, newer_february: str) -> list[tuple]:
    mapping = write(
        folder / "geschenken.mapping.yaml",
        f"dataset: gifts\nfiles: ['geschenken_*.csv']\ncovers: {covers}\n"
        "export_date: {from_name: 'geschenken_(\\d{8})'}\ndrop_rows: {Status: [Ingetrokken]}\n",
    )
    older = write(folder / "geschenken_20260228.csv", HEADER + JANUARY + FEBRUARY)
    newer = write(folder / "geschenken_20260331.csv", HEADER + JANUARY + newer_february + MARCH)
    for export in (older, newer):
        build(
            path=home / "warehouse.duckdb", inputs=[export], mappings=[mapping],
            catalogue=lenient(),
        )  # fmt: skip
    return sorted(query(home, "select received_on::varchar, employee_id from stg_registers__gifts"))


@pytest.mark.parametrize(
    ("covers", "newer_february", "counted"),
    [
        # withdrawn in March's export: February's only gift, dropped
        ("month", FEBRUARY.replace(";\n", ";Ingetrokken\n"), ["2026-01-12", "2026-03-04"]),
        ("year", FEBRUARY.replace(";\n", ";Ingetrokken\n"), ["2026-01-12", "2026-03-04"]),
        # the boundary: the same gift again, loaded
        ("month", FEBRUARY, ["2026-01-12", "2026-02-10", "2026-03-04"]),
        # a correction on a row the rules refuse (ca. 150) corrects nothing: its month is
        # not covered (helper-263: its day may be the very cell refused)
        (
            "month",
            FEBRUARY.replace(";150;", ";ca. 150;"),
            ["2026-01-12", "2026-02-10", "2026-03-04"],
        ),
        # a withdrawn row outside the loaded rows' months covers nothing (helper-263: a
        # 2025 row withdrawn in 2026's export replaced 2025)
        (
            "month",
            FEBRUARY.replace(";\n", ";Ingetrokken\n") + "E4;05-06-2025;huurder;"
            "goederen;30;geaccepteerd;Ingetrokken\n",
            ["2026-01-12", "2026-03-04"],
        ),
    ],
)
def test_a_row_held_back_still_covers_its_period(
    home: Path, tmp_path: Path, covers: str, newer_february: str, counted: list[str]
) -> None:
    rows = gifts(home, tmp_path / "in", covers, newer_february)
    assert [day for day, _ in rows] == counted
    held = query(home, "select period_on::varchar from raw_held_periods order by 1")
    assert held == ([("2026-02-10",)] if "Ingetrokken" in newer_february else [])


def test_a_withdrawn_export_takes_its_held_periods_along(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    withdrawn = FEBRUARY.replace(";\n", ";Ingetrokken\n")
    assert len(gifts(home, folder, "month", withdrawn)) == 2
    assert query(home, "select count(*) from raw_held_periods") == [(1,)]
    main(["withdraw", str(folder / "geschenken_20260331.csv"), "--by", "Risicomanager"])
    assert query(home, "select count(*) from raw_held_periods") == [(0,)]
    days = query(home, "select received_on::varchar from stg_registers__gifts order by 1")
    assert days == [("2026-01-12",), ("2026-02-10",)]  # February's export counts again


def test_a_period_only_left_out_rows_cover_is_said(home: Path, tmp_path: Path) -> None:
    gifts(home, tmp_path / "in", "month", FEBRUARY.replace(";\n", ";Ingetrokken\n"))
    notes = query(home, "select notes from ingest_log where source_file like '%20260331.csv'")
    older = tmp_path / "in" / "geschenken_20260228.csv"
    assert (
        "in 02-2026 heeft deze export alleen rijen die de kolomkoppeling weglaat (drop_rows), "
        "en die periode(n) vervangt ze toch (covers): 1 rij(en) van eerdere exports daar (de "
        f"meeste uit {older}) tellen niet meer"
    ) in notes[0][0]


def test_a_zones_left_out_day_covers_nothing(home: Path, tmp_path: Path) -> None:
    """helper-263: '31-01-2026 23:30' in a (UTC) column is 1 February here, as the kept
    rows are read; read without its zone it covered January. Not guessed: none."""
    folder = tmp_path / "in"
    mapping = write(
        folder / "geschenken.mapping.yaml",
        "dataset: gifts\nfiles: ['geschenken_*.csv']\ncovers: month\n"
        "export_date: {from_name: 'geschenken_(\\d{8})'}\ndrop_rows: {Status: [Ingetrokken]}\n"
        "columns: {'Ontvangen (UTC)': received_on}\n",
    )
    head = HEADER.replace("received_on", "Ontvangen (UTC)")
    rows = ["E1;12-01-2026 10:00;huurder;goederen;75;geaccepteerd;\n",
            "E2;31-01-2026 23:30;huurder;goederen;75;geaccepteerd;\n",
            "E3;04-03-2026 10:00;huurder;goederen;20;geaccepteerd;\n"]  # fmt: skip
    withdrawn = rows[1].replace(";\n", ";Ingetrokken\n")
    older = write(folder / "geschenken_20260228.csv", head + rows[0] + rows[1])
    newer = write(folder / "geschenken_20260331.csv", head + rows[0] + withdrawn + rows[2])
    for export in (older, newer):
        build(path=home / "warehouse.duckdb", inputs=[export], mappings=[mapping],
              catalogue=lenient())  # fmt: skip
    assert query(home, "select count(*) from raw_held_periods") == [(0,)]
