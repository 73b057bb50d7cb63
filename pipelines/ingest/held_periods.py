"""The days of the rows a covering export of a register held but did not load: its
drop_rows' rows and its quarantined rows (store_held_days, in raw_held_periods). The
staging models count the periods they fall in as that export's, so a newer export
replaces an older one's period even where none of its own rows there loaded."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from pipelines.ingest.dates import parse_date
from pipelines.ingest.natural_keys import PERIOD_COLUMNS
from pipelines.ingest.recognise import recognise
from pipelines.ingest.source_table import SourceTable

if TYPE_CHECKING:
    from pipelines.ingest.checks import Checked


def store_held_days(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    checked: Checked,
    mapping: object,
    content_hash: str,
    now: dt.datetime,
) -> None:
    """The days of the rows a covering export (covers: month or year, of a register
    without record_ids: PERIOD_COLUMNS) held but did not load, the rows its drop_rows left
    out and its quarantined rows with a day the rules read, into raw_held_periods: its
    periods all the same, which the staging models replace with it (helper-262 F1: the
    gift withdrawn in March's export, February's only one, dropped, kept counting from
    February's export; so did one corrected on a quarantined row). A dropped row's day is
    read as the date rules read a day (parse_date, the mapping's date order)."""
    con.execute("delete from raw_held_periods where _content_hash = ?", [content_hash])
    column = PERIOD_COLUMNS.get(checked.spec.name)
    if column is None or checked.covers not in ("month", "year"):
        return
    days = [
        d
        for (d,) in con.execute(
            f"select {column} from {checked.typed} where {column} is not null and _rid in "
            f"(select _rid from {checked.failures})"
        ).fetchall()
    ]
    _, rename, _ = recognise(source, mapping)
    header = next((h for h, c in rename.items() if c == column), None)
    if source.dropped and header in source.header:
        cells = con.execute(
            f"select c{source.header.index(header)} from {source.dropped}"
        ).fetchall()
        mdy = getattr(mapping, "date_order", None) == "mdy"
        read = parse_date(pd.Series([c for (c,) in cells], dtype=object), month_first=mdy)
        days += [d.date() for d in read.values if not pd.isna(d)]
    if not days:
        return
    con.executemany(
        "insert into raw_held_periods values (?, ?, ?, ?, ?, ?, ?)",
        [
            (checked.spec.name, d, checked.covers, str(source.path), content_hash, now,
             checked.export_date)
            for d in sorted(set(days))
        ],
    )  # fmt: skip
