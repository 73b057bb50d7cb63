"""Parquet's INT96 timestamps, which carry no zone. Spark (and Hive, through parquet-mr)
turns its session's time into UTC when it writes one, so there an INT96 value is a moment
in UTC: a month written at midnight in Dutch time is stored as 2026-02-28 23:00, and read
as that clock it was February (helper-138). Impala, pyarrow and others store the clock as
written (helper-139: 23:59:59 on 31 March read as UTC was April), so the rule holds only
for a file that says Spark or Hive wrote it. parquet_reader.read_parquet calls spark_moments;
cell_texts.cell_text then gives a moment with its zone as the day it was in the Netherlands.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

NAIVE = ("datetime64[ns]", "datetime64[us]", "datetime64[ms]", "datetime64[s]")


def spark_int96(path: Path) -> set[str]:
    """The top-level INT96 columns of a Parquet file that Spark or Hive wrote (its
    created_by is parquet-mr, or it holds Spark's metadata)."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    said = meta.metadata or {}
    if not (meta.created_by or "").startswith("parquet-mr") and not any(
        k.startswith(b"org.apache.spark") for k in said
    ):
        return set()
    schema = meta.schema
    return {c.path for c in map(schema.column, range(len(schema))) if c.physical_type == "INT96"}


def spark_moments(path: Path, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (read from ``path``) with its Spark INT96 columns as moments in UTC; a
    column that has a zone already (pandas' own metadata) as it says (helper-139: it
    raised 'Already tz-aware' and ended the whole run)."""
    for name in spark_int96(path) & set(frame.columns):
        if str(frame[name].dtype) in NAIVE:
            frame[name] = frame[name].dt.tz_localize("UTC")
    return frame
