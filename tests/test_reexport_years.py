"""A key an earlier export has with its event in another year (helper-144: a system that
numbers its allocations from 1 every year; the 2026 file replaced 12 of 2025's 30 as
re-exports, KRI-AL-NO-MOTIVATION of 2025 went from 6/6 to 4/4, and ingest called it a
routine re-export). Said per file, with how many keys and where; a correction within the
year is not."""

from __future__ import annotations

from pathlib import Path

from pipelines.build.builder import build
from tests.test_ingest import home, lenient, org_home, write
from tests.test_reexports import ALLOCATION_HEADER, query_at

__all__ = ["home", "org_home"]  # fixtures used here


def year_file(folder: Path, year: int, n: int, day: str = "10-05") -> Path:
    rows = "".join(
        f"{i};{day}-{year};VHE{year}{i:04d};Centrum;regulier;1;ja;700;900;nee;nee\n"
        for i in range(1, n + 1)
    )
    return write(folder / f"toewijzingen_{year}.csv", ALLOCATION_HEADER + rows)


def notes(warehouse: Path, name: str) -> str:
    [(said,)] = query_at(
        warehouse, f"select coalesce(notes, '') from ingest_log where source_file like '%{name}'"
    )
    return said


def test_keys_numbered_anew_in_another_year_are_said(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    last_year, this_year = year_file(folder, 2025, 30), year_file(folder, 2026, 12)
    warehouse = home / "w.duckdb"
    build(path=warehouse, inputs=[last_year], catalogue=lenient())
    build(path=warehouse, inputs=[this_year], catalogue=lenient())
    said = notes(warehouse, "toewijzingen_2026.csv")
    assert (
        f"12 sleutel(s) (allocation_id) staan ook in {last_year}, maar met een allocated_on "
        "in een ander jaar: nummert het bronsysteem elk jaar opnieuw"
    ) in said
    assert notes(warehouse, "toewijzingen_2025.csv") == ""


def test_a_correction_within_the_year_is_not_said(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    first = year_file(folder, 2026, 12)
    corrected = write(
        folder / "toewijzingen_2026_correctie.csv",
        first.read_text("utf-8").replace("10-05-2026", "02-01-2026"),
    )
    warehouse = home / "w.duckdb"
    build(path=warehouse, inputs=[first], catalogue=lenient())
    build(path=warehouse, inputs=[corrected], catalogue=lenient())
    said = notes(warehouse, "toewijzingen_2026_correctie.csv")
    assert "12 sleutel(s) (allocation_id) ook in een eerder ingelezen export" in said
    assert "ander jaar" not in said


def test_a_registers_record_ids_numbered_anew_in_another_year_are_said(
    home: Path, tmp_path: Path
) -> None:
    """The same for a numbered register (gifts by record_id)."""
    folder = tmp_path / "in"
    head = "record_id;employee_key;received_on;giver_type;gift_type;value_eur;delivered_at_home;"
    head += "decision\n"
    row = "{n};100;03-03-{year};huurder;tegoedbon;25;nee;geweigerd\n"
    last_year = write(folder / "geschenken_2025.csv", head + row.format(n=1, year=2025))
    this_year = write(folder / "geschenken_2026.csv", head + row.format(n=1, year=2026))
    warehouse = home / "w.duckdb"
    build(path=warehouse, inputs=[last_year], catalogue=lenient())
    build(path=warehouse, inputs=[this_year], catalogue=lenient())
    said = notes(warehouse, "geschenken_2026.csv")
    assert f"1 sleutel(s) (record_id) staan ook in {last_year}, maar met een received_on" in said
