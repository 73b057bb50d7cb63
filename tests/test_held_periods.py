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
        # corrected on a row the rules refuse (ca. 150): quarantined, its month covered
        ("month", FEBRUARY.replace(";150;", ";ca. 150;"), ["2026-01-12", "2026-03-04"]),
        ("year", FEBRUARY.replace(";\n", ";Ingetrokken\n"), ["2026-01-12", "2026-03-04"]),
        # the boundary: the same gift again, loaded
        ("month", FEBRUARY, ["2026-01-12", "2026-02-10", "2026-03-04"]),
    ],
)
def test_a_row_held_back_still_covers_its_period(
    home: Path, tmp_path: Path, covers: str, newer_february: str, counted: list[str]
) -> None:
    rows = gifts(home, tmp_path / "in", covers, newer_february)
    assert [day for day, _ in rows] == counted


def test_a_withdrawn_export_takes_its_held_periods_along(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    withdrawn = FEBRUARY.replace(";\n", ";Ingetrokken\n")
    assert len(gifts(home, folder, "month", withdrawn)) == 2
    assert query(home, "select count(*) from raw_held_periods") == [(1,)]
    main(["withdraw", str(folder / "geschenken_20260331.csv"), "--by", "Risicomanager"])
    assert query(home, "select count(*) from raw_held_periods") == [(0,)]
    days = query(home, "select received_on::varchar from stg_registers__gifts order by 1")
    assert days == [("2026-01-12",), ("2026-02-10",)]  # February's export counts again
