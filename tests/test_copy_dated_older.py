"""A copy of an export, dated earlier by the mapping beside it, is no corrected reading of
the export read before (helper-278 High): A's folder held B's bytes, and its own mapping
dated them a month earlier. Read as a corrected mapping, A replaced B's load without a
word about B, and an export dated between the two counted instead of B's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingesthelpers import ingest_and_model
from tests.test_ingest import lenient, query, write

HEADER = "record_id;employee_key;received_on;giver;description;value_eur;decision\n"
APRIL = HEADER + "R1;E2;10-02-2025;leverancier;tegoedbon;10;geaccepteerd\n"
MID_APRIL = HEADER + "R1;E2;10-02-2025;leverancier;tegoedbon;50;geaccepteerd\n"


def folder(root: Path, name: str, text: str, day: str) -> Path:
    """A folder with one export, giften.csv, and the mapping beside it that dates it
    ``day`` (jjjj-mm-dd)."""
    mapping = f"dataset: gifts\nfiles: [giften.csv]\nexport_date: {day}\n"
    write(root / name / "giften.mapping.yaml", mapping)
    return write(root / name / "giften.csv", text)


def counted(home: Path, paths: list[Path], mappings: list[Path] | None = None) -> tuple[list, list]:
    """Each path ingested in its own run (``mappings``: given as with --mapping), then the
    value that counts for R1 and the log: the folder and status of each load."""
    for path in paths:
        warehouse = home / "warehouse.duckdb"
        ingest_and_model(
            warehouse, [path], ["stg_registers__gifts"], mappings=mappings, catalogue=lenient()
        )
    value = query(home, "select value_eur from stg_registers__gifts where record_id = 'R1'")
    log = query(home, "select source_file, status from ingest_log order by ingested_at")
    return value, [(Path(f).parent.name, s) for f, s in log]


def test_a_copy_its_own_mapping_dates_earlier_counts_nowhere(tmp_path: Path) -> None:
    b = folder(tmp_path, "B", APRIL, "2025-04-30")
    m = folder(tmp_path, "M", MID_APRIL, "2025-04-15")
    a = folder(tmp_path, "A", APRIL, "2025-03-31")  # B's bytes
    value, log = counted(tmp_path / "home", [b, m, a])
    assert value == [(10,)], "B's April export counts, not the mid-April one"
    assert [d for d, s in log if s == "geladen"] == ["B", "M"], log


@pytest.mark.parametrize("corrected", ["beside it", "another mapping file"])
def test_the_same_file_under_a_mapping_that_dates_it_earlier_is_read_again(
    tmp_path: Path, corrected: str
) -> None:
    """The same file under the mapping beside it, corrected, or under another mapping
    file given with it: a corrected reading (loads.same_reading), which replaces the
    load, as before; only another file is a copy (loads.older_copy)."""
    b = folder(tmp_path, "B", APRIL, "2025-04-30")
    m = folder(tmp_path, "M", MID_APRIL, "2025-04-15")
    home = tmp_path / "home"
    counted(home, [b, m])
    earlier = "dataset: gifts\nfiles: [giften.csv]\nexport_date: 2025-03-31\n"
    if corrected == "beside it":
        write(b.with_name("giften.mapping.yaml"), earlier)
        value, log = counted(home, [b])
    else:
        value, log = counted(home, [b], [write(tmp_path / "elders" / "datum.yaml", earlier)])
    assert value == [(50,)], "B now dated 31 March: the mid-April export counts"
    assert sorted(d for d, s in log if s == "geladen") == ["B", "M"], log
