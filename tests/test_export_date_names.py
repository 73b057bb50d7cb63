"""An export's date in its file name (a mapping's export_date: {from_name: ...}) read as
the mapping reads dates: month first under date_order: mdy (helper-142: a name's
03-01-2026 was 3 January where the file's own dates were read month first, so the older
export won over its correction without a word), and in the dotted form too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines.ingest.mapping import Mapping
from pipelines.ingest.readers import UnusableFile
from tests.test_ingest import home, org_home, write
from tests.test_reexports import ALLOCATION_HEADER, ingest, query_at

__all__ = ["home", "org_home"]  # fixtures used here


def dated(name: str, order: str = "dmy") -> dt.date | None:
    mapping = Mapping(
        dataset="allocations",
        export_date={"from_name": r"export_([\d._-]+)\.csv"},
        date_order=order,
    )
    return mapping.export_date_of(Path(name))


@pytest.mark.parametrize(
    ("name", "order", "day"),
    [
        ("export_03-01-2026.csv", "dmy", dt.date(2026, 1, 3)),
        ("export_03-01-2026.csv", "mdy", dt.date(2026, 3, 1)),
        ("export_02-13-2026.csv", "mdy", dt.date(2026, 2, 13)),
        ("export_03012026.csv", "dmy", dt.date(2026, 1, 3)),
        ("export_03012026.csv", "mdy", dt.date(2026, 3, 1)),
        ("export_31.03.2026.csv", "dmy", dt.date(2026, 3, 31)),
        ("export_03.31.2026.csv", "mdy", dt.date(2026, 3, 31)),
        ("export_31_03_2026.csv", "dmy", dt.date(2026, 3, 31)),
        ("export_2026.03.31.csv", "dmy", dt.date(2026, 3, 31)),
        ("export_2026-03-01.csv", "mdy", dt.date(2026, 3, 1)),  # the year first: as written
        ("export_20260301.csv", "mdy", dt.date(2026, 3, 1)),
        ("export_03-2026.csv", "mdy", dt.date(2026, 3, 1)),  # a month: its first day
    ],
)
def test_a_names_date_is_read_in_the_mappings_order(name: str, order: str, day: dt.date) -> None:
    assert dated(name, order) == day


@pytest.mark.parametrize(
    ("name", "order"), [("export_13-31-2026.csv", "dmy"), ("export_31-03-2026.csv", "mdy")]
)
def test_a_names_date_impossible_in_the_mappings_order_is_refused(name: str, order: str) -> None:
    with pytest.raises(UnusableFile, match="uit de bestandsnaam is geen datum"):
        dated(name, order)


def test_under_mdy_the_correction_named_for_march_wins_over_februarys_export(
    home: Path, tmp_path: Path
) -> None:
    """helper-142's case: 02-03-2026 (3 February) and its correction 03-01-2026 (1 March),
    the correction ingested first. The correction's rank counts."""
    folder = tmp_path / "in"
    mapping = write(
        folder / "a.mapping.yaml",
        "dataset: allocations\nfiles: ['lettings_*.csv']\ndate_order: mdy\n"
        "export_date: {from_name: 'lettings_(\\d{2}-\\d{2}-\\d{4})'}\n",
    )
    row = "TW-000101;01-20-2026;VHE000101;Centrum;regulier;{};ja;700;900;nee;nee\n"
    march = write(folder / "lettings_03-01-2026.csv", ALLOCATION_HEADER + row.format(4))
    february = write(folder / "lettings_02-03-2026.csv", ALLOCATION_HEADER + row.format(1))
    warehouse = ingest(home, "w", march, mappings=[mapping])
    warehouse = ingest(home, "w", february, mappings=[mapping])
    assert query_at(
        warehouse, "select allocated_on, candidate_rank from stg_allocation__allocations"
    ) == [(dt.date(2026, 1, 20), 4)]
    assert sorted(query_at(warehouse, "select export_date from ingest_log")) == [
        (dt.date(2026, 2, 3),),
        (dt.date(2026, 3, 1),),
    ]
