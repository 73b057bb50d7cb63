"""A Parquet file as a RawTable: its cells as the texts an export would have written
(cell_texts.cell_text), whole numbers whole beside empty cells, decimals with every digit,
float32 cells as the decimals written, Spark's INT96 moments in UTC (parquet_int96). A
column of lists, maps or records, or of bytes that are no UTF-8 text, has no text a
column of the contract could read: the file is refused, naming it (helper-172: a list
was stored as "['Consulent' 'Wijk']" and Latin-1 bytes as "b'...'", without a word).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.ingest.cell_texts import NumberCell, cell_text
from pipelines.ingest.parquet_int96 import spark_moments
from pipelines.ingest.readers import RawTable, unusable


def _narrow_floats(column: pd.Series, kind: type) -> list[float | str | None]:
    """A float32 (or float16) column's cells as the decimals they hold: 12.3 written as
    float32 is 12.300000190734863 as a double, and the shortest text that reads back as
    the same float32 is what the exporter wrote. Past 2**24 (float16: 2**11) the type
    holds no whole number's last digits: such a cell in scientific notation, as a double
    past 2**53 is (cell_texts.EXACT_DOUBLE; helper-247: a key 123456788 was 123456780)."""
    exact = 2.0 ** (np.finfo(kind).nmant + 1)

    def read(v: object) -> float | str | None:
        if v is None or v is pd.NA or math.isnan(v):
            return None
        narrow = kind(v)
        if abs(narrow) >= exact:
            return NumberCell(np.format_float_scientific(narrow, unique=True, trim="-"))
        return float(str(narrow))

    return [read(v) for v in column.to_numpy(dtype=object)]


PARQUET_MAGIC = b"PAR1"  # a Parquet file begins and ends with it (its footer's mark)


def read_parquet(path: Path) -> RawTable:
    from pipelines.ingest.uploads import upload_settings

    with path.open("rb") as fh:
        start = fh.read(4)
        fh.seek(max(0, path.stat().st_size - 4))
        end = fh.read(4)
    if start != PARQUET_MAGIC:
        raise unusable("parquet_not_parquet", path)
    if end != PARQUET_MAGIC:  # a download or copy cut off: the footer is missing
        raise unusable("parquet_truncated", path)
    try:
        # rows x columns from the footer, before anything is read (helper-269 F2: 75 kB
        # of a few values repeated were 6 million rows, and every build ran out of memory)
        meta = pq.ParquetFile(path).metadata
        limit = upload_settings().parquet_max_cells
    except Exception as exc:
        raise unusable("parquet_unreadable", path, error=str(exc)) from None
    if meta.num_rows * max(meta.num_columns, 1) > limit:
        rows, columns = f"{meta.num_rows:,}".replace(",", "."), meta.num_columns
        raise unusable(
            "parquet_cells", path, rows=rows, columns=columns, max=f"{limit:,}".replace(",", ".")
        )
    try:
        schema = pq.read_schema(path)
        # whole numbers stay whole beside an empty cell (helper-172: an int64 key with a
        # null became a float, and 9007199254740993 its neighbour 9007199254740992)
        frame = pd.read_parquet(path, dtype_backend="numpy_nullable")
    except Exception as exc:
        raise unusable("parquet_unreadable", path, error=str(exc)) from None
    _refuse_nested(path, schema)
    if named := [n for n in frame.index.names if n is not None and n not in frame.columns]:
        # a column pandas wrote as the frame's index (set_index, a groupby's keys) is a
        # column of the file like any other (helper-134: record_id was dropped unread);
        # not twice (set_index(drop=False), helper-135), no unnamed level
        frame = frame.reset_index(level=named)
    frame = spark_moments(path, frame)  # INT96 from Spark: moments in UTC
    table = RawTable(path, "parquet", None, None, [str(c).strip() for c in frame.columns])
    table.facts.zoned = {
        i for i, kind in enumerate(frame.dtypes) if isinstance(kind, pd.DatetimeTZDtype)
    }
    for number in range(frame.shape[1]):
        width = getattr(frame.dtypes.iloc[number], "numpy_dtype", frame.dtypes.iloc[number])
        if isinstance(width, np.dtype) and width.kind == "f" and width.itemsize < 8:
            frame.isetitem(number, _narrow_floats(frame.iloc[:, number], width.type))
    _refuse_other_bytes(path, schema, frame)
    table.rows = [[cell_text(v) for v in row] for row in frame.itertuples(index=False)]
    table.lines = list(range(1, len(frame) + 1))
    return table


def _refuse_nested(path: Path, schema: pa.Schema) -> None:
    """UnusableFile for a column of lists, maps or records (nested types)."""
    nested = [f"{f.name} ({f.type})" for f in schema if pa.types.is_nested(f.type)]
    if nested:
        raise unusable("parquet_nested", path, columns=", ".join(nested))


def _refuse_other_bytes(path: Path, schema: pa.Schema, frame: pd.DataFrame) -> None:
    """UnusableFile for a binary column's cell (any kind of binary) that is no UTF-8
    text: its column, line and bytes (helper-173: a text that began with b' was taken
    for one, a fixed-size binary column was not looked at)."""
    for field in schema:
        if not (
            pa.types.is_binary(field.type)
            or pa.types.is_large_binary(field.type)
            or pa.types.is_fixed_size_binary(field.type)
            or getattr(pa.types, "is_binary_view", lambda _: False)(field.type)
        ):
            continue
        column = frame.columns.get_loc(field.name) if field.name in frame.columns else None
        if not isinstance(column, int):
            continue
        for line, cell in enumerate(frame.iloc[:, column], start=1):
            if isinstance(cell, bytes):
                try:
                    cell.decode("utf-8")
                except UnicodeDecodeError:
                    raise unusable(
                        "parquet_not_utf8", path, column=field.name, line=line, value=repr(cell)
                    ) from None
