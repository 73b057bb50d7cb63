"""The days of the rows a covering export of a register left out by its drop_rows
(store_held_days, in raw_held_periods). The staging models count the periods they fall
in as that export's, so a newer export replaces an older one's period even where none
of its own rows there loaded (a withdrawn gift, its month's only one); said."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from pipelines.core.texts import Message
from pipelines.ingest.covered_order import workbook_key
from pipelines.ingest.dates import parse_date
from pipelines.ingest.natural_keys import PERIOD_COLUMNS
from pipelines.ingest.recognise import recognise
from pipelines.ingest.reexports import PERIOD_SHAPES
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
) -> list[Message]:
    """The days of the rows a covering export (covers: month or year, of a register
    without record_ids: PERIOD_COLUMNS) left out by its drop_rows, into raw_held_periods:
    its periods all the same, which the staging models replace with it (helper-262 F1: the
    gift withdrawn in March's export, February's only one, kept counting from February's
    export). Only a period between the first and the last of its loaded rows' (a
    withdrawn row of another year replaced that year: helper-263), not a quarantined
    row's (a correction that fails a check corrects nothing, and its day may be the very
    cell refused: helper-263), nor in a column the time zones' step read (its day is the
    zone's). A dropped row's day is read as parse_date reads it, in the mapping's date
    order. Returns the note on the rows of older exports such a period no longer counts."""
    con.execute("delete from raw_held_periods where _content_hash = ?", [content_hash])
    column = PERIOD_COLUMNS.get(checked.spec.name)
    if column is None or checked.covers not in ("month", "year") or not source.dropped:
        return []
    _, rename, _ = recognise(source, mapping)
    header = next((h for h, c in rename.items() if c == column), None)
    if header not in source.header or source.facts.written.get(source.header.index(header)):
        return []
    bucket = checked.covers
    first, last = con.execute(
        f"select min(date_trunc('{bucket}', {column})), max(date_trunc('{bucket}', {column}))"
        f" from {checked.good}"
    ).fetchone()
    if first is None:
        return []
    cells = con.execute(f"select c{source.header.index(header)} from {source.dropped}").fetchall()
    mdy = getattr(mapping, "date_order", None) == "mdy"
    read = parse_date(pd.Series([c for (c,) in cells], dtype=object), month_first=mdy)
    days = sorted({d.date() for d in read.values if not pd.isna(d)})
    start = {"month": lambda d: d.replace(day=1), "year": lambda d: d.replace(month=1, day=1)}
    days = [d for d in days if first.date() <= start[bucket](d) <= last.date()]
    if not days:
        return []
    con.executemany(
        "insert into raw_held_periods values (?, ?, ?, ?, ?, ?, ?)",
        [
            (checked.spec.name, d, bucket, str(source.path), content_hash, now,
             checked.export_date)
            for d in days
        ],
    )  # fmt: skip
    return _replaced_note(con, checked, column, content_hash)


def _replaced_note(
    con: duckdb.DuckDBPyConnection, checked: Checked, column: str, content_hash: str
) -> list[Message]:
    """The rows of older exports in a period only this export's left-out rows cover."""
    name, bucket = checked.spec.name, checked.covers
    found = con.execute(
        f"""with held as (
            select distinct date_trunc('{bucket}', period_on) as p from raw_held_periods
            where _content_hash = $1
            except select date_trunc('{bucket}', {column}) from raw_{name}
            where _content_hash = $1
        ),
        older as (
            select r._source_file as f, date_trunc('{bucket}', r.{column}) as p
            from raw_{name} as r join held on date_trunc('{bucket}', r.{column}) = held.p
            where r._content_hash <> $1 and r.record_id is null
                and {workbook_key("r")} < (select max({workbook_key()}) from raw_{name}
                    where _content_hash = $1)
        )
        select count(*), mode(f), list(distinct p order by p) from older""",
        [content_hash],
    ).fetchone()
    count, file, periods = found
    if not count:
        return []
    shape = PERIOD_SHAPES[bucket]
    said = ", ".join(p.strftime(shape) for p in periods)
    return [Message("note.held_period", locale_file="ingest", periods=said, count=count, file=file)]
