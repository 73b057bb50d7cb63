"""Parquet's INT96 timestamps (Spark, Hive, and lakehouse exports that keep the old
format) hold a moment in UTC without saying so: Spark turns its session's time into UTC
when it writes one. helper-138: a month written at midnight in Dutch time (stored as
2026-02-28 23:00) was read as the clock it showed, 28 February, so the month was
February. Read as UTC, it is the day it was in the Netherlands; a timestamp without a
zone in any other form is the clock it shows, as a text cell is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home", "write"]  # fixtures used here

MOMENTS = [dt.datetime(2026, 2, 28, 23, 0), dt.datetime(2026, 6, 30, 22, 0)]  # UTC


def aggregates(path: Path, **written: object) -> Path:
    table = pa.table(
        {
            "org_unit": ["VH-N", "VH-N"],
            "month": pa.array(MOMENTS, pa.timestamp("us")),
            "garnishment_count": [1, 3],
        }
    )
    pq.write_table(table, path, **written)
    return path


def test_an_int96_moment_is_utc_and_read_as_the_day_in_the_netherlands(
    home: Path, tmp_path: Path
) -> None:
    path = aggregates(tmp_path / "hr_aggregates.parquet", use_deprecated_int96_timestamps=True)
    assert pq.ParquetFile(path).schema.column(1).physical_type == "INT96"
    [result] = run(home, path)
    assert (result.error, result.rows_loaded) == (None, 2), result.summary()
    assert query(home, "select month from raw_hr_aggregates order by 1") == [
        (dt.date(2026, 3, 1),),  # 2026-02-28 23:00 UTC is midnight on 1 March here (CET)
        (dt.date(2026, 7, 1),),  # and 22:00 UTC in summer (CEST)
    ]


def test_a_timestamp_without_a_zone_in_another_form_is_the_clock_it_shows(
    home: Path, tmp_path: Path
) -> None:
    path = aggregates(tmp_path / "hr_aggregates.parquet")  # TIMESTAMP_MICROS, no zone
    assert pq.ParquetFile(path).schema.column(1).physical_type == "INT64"
    [result] = run(home, path)
    assert (result.error, result.rows_loaded) == (None, 2), result.summary()
    # the month's last day at that clock: February and June
    assert query(home, "select month from raw_hr_aggregates order by 1") == [
        (dt.date(2026, 2, 1),),
        (dt.date(2026, 6, 1),),
    ]
