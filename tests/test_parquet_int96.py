"""Parquet's INT96 timestamps carry no zone. Spark (and Hive, through parquet-mr) writes
a moment in UTC there: helper-138's month written at midnight in Dutch time (stored as
2026-02-28 23:00) was read as the clock it showed, 28 February, so the month was
February. Read as UTC, it is the day it was in the Netherlands. Impala, pyarrow and
others store the clock as written, so a file that does not say Spark or Hive wrote it
keeps its clock (helper-139: 23:59:59 on 31 March read as UTC was April), and a column
whose zone pandas' metadata gives is read with that zone (it ended the whole run)
(pipelines/ingest/parquet_int96.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.test_ingest import home, org_home, query, run

__all__ = ["home", "org_home"]  # fixtures used here

MOMENTS = [dt.datetime(2026, 2, 28, 23, 0), dt.datetime(2026, 6, 30, 22, 0)]
SPARK = {b"org.apache.spark.version": b"3.5.1"}


def aggregates(path: Path, moments: list[dt.datetime], said: dict | None, **written) -> Path:
    table = pa.table(
        {
            "org_unit": ["VH-N", "VH-N"],
            "month": pa.array(moments, pa.timestamp("us")),
            "garnishment_count": [1, 3],
        }
    )
    pq.write_table(table.replace_schema_metadata(said), path, **written)
    return path


def months(home: Path, path: Path) -> list[dt.date]:
    [result] = run(home, path)
    assert (result.error, result.rows_loaded) == (None, 2), result.summary()
    return [m for (m,) in query(home, "select month from raw_hr_aggregates order by 1")]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # Spark's: UTC, midnight here on 1 March (CET) and 1 July (CEST)
        (SPARK, [dt.date(2026, 3, 1), dt.date(2026, 7, 1)]),
        # pyarrow's own (no Spark): the clock as written, the months' last days
        (None, [dt.date(2026, 2, 1), dt.date(2026, 6, 1)]),
    ],
)
def test_an_int96_moment_is_utc_where_spark_wrote_it(
    home: Path, tmp_path: Path, said: dict | None, expected: list[dt.date]
) -> None:
    path = aggregates(
        tmp_path / "hr_aggregates.parquet", MOMENTS, said, use_deprecated_int96_timestamps=True
    )
    assert pq.ParquetFile(path).schema.column(1).physical_type == "INT96"
    assert months(home, path) == expected


def test_a_timestamp_without_a_zone_in_another_form_is_the_clock_it_shows(
    home: Path, tmp_path: Path
) -> None:
    path = aggregates(tmp_path / "hr_aggregates.parquet", MOMENTS, SPARK)  # INT64, Spark
    assert pq.ParquetFile(path).schema.column(1).physical_type == "INT64"
    assert months(home, path) == [dt.date(2026, 2, 1), dt.date(2026, 6, 1)]


def test_an_int96_column_with_its_zone_in_pandas_metadata_is_read_with_it(
    home: Path, tmp_path: Path
) -> None:
    frame = pd.DataFrame(
        {
            "org_unit": ["VH-N", "VH-N"],
            "month": pd.to_datetime(["2026-03-01", "2026-07-01"]).tz_localize("Europe/Amsterdam"),
            "garnishment_count": [1, 3],
        }
    )
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({**table.schema.metadata, **SPARK})
    path = tmp_path / "hr_aggregates.parquet"
    pq.write_table(table, path, use_deprecated_int96_timestamps=True)
    assert months(home, path) == [dt.date(2026, 3, 1), dt.date(2026, 7, 1)]
