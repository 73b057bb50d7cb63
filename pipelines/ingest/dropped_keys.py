"""The keys of the rows a mapping's drop_rows leaves out (a cancelled order or
allocation): where the dataset's natural key is one column read as text as written
(allocation_id, order_id, a register's record_id: DROPPED_KEYS_KEPT), each is typed as
the rows kept are (keep_dropped_keys) and stored with its export (store_dropped_keys, in
raw_dropped_keys). The staging models hold such a key as a row of that export that does
not count: an older export's row of the key counts no more once a newer export leaves it
out (helper-189, helper-190: TW-002, cancelled in the June export, kept counting from
the March one), and counts again where a newer export holds it again."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

import duckdb

from pipelines.ingest.natural_keys import DROPPED_KEYS_KEPT, NATURAL_KEYS
from pipelines.ingest.source_table import SourceTable, _new_name
from pipelines.ingest.year_cells import read_shown as read_shown_cells

if TYPE_CHECKING:
    from pipelines.ingest.checks import Checked, ColumnPlan, Stages
    from pipelines.ingest.quality.base import DatasetSpec


def read_shown(
    con: duckdb.DuckDBPyConnection, source: SourceTable, spec: DatasetSpec, rename: dict[str, str]
) -> None:
    """year_cells.read_shown of the file's rows, and of the rows drop_rows left out (their
    key as a workbook shows it, "TW-"000000's TW-000102, not 102; helper-191)."""
    read_shown_cells(con, source, spec, rename)
    if source.dropped:
        aside = replace(source, name=source.dropped, cells=source.dropped, owned=[], notes=[])
        read_shown_cells(con, aside, spec, rename)
        source.dropped, source.owned = aside.name, source.owned + aside.owned


def keep_dropped_keys(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    checked: Checked,
    plans: list[ColumnPlan],
    staged: Stages,
    select_of: dict[str, str],
) -> None:
    """The keys of the rows drop_rows left out, typed as the rows kept are (the same SQL
    on the same cells), into ``checked.dropped_keys``: for a dataset of DROPPED_KEYS_KEPT
    whose key this mapping reads as written (no values: lookup), else none."""
    keys = NATURAL_KEYS[checked.spec.name]
    plain = {p.column.name for p in plans if not p.needs_lookup}
    kept = checked.spec.name in DROPPED_KEYS_KEPT and keys[0] in plain
    if not source.dropped or source.unpivoted or not kept:
        return
    checked.dropped_keys = _new_name("dropped_keys")
    checked.temporary.append(checked.dropped_keys)
    # not a key the export holds on a row of its own, loaded or refused (helper-191: TW-002
    # cancelled and booked again on a refused line hid the older export's TW-002)
    con.execute(
        f"""create temp table {checked.dropped_keys} as
        select distinct * from (select {select_of[keys[0]]}
            from {staged.relation(source.dropped)} as s) as k(key)
        where key is not null and key not in (
            select {keys[0]} from {checked.typed} where {keys[0]} is not null)"""
    )


def store_dropped_keys(
    con: duckdb.DuckDBPyConnection,
    checked: Checked,
    source_file: str,
    content_hash: str,
    now: dt.datetime,
) -> None:
    """Store the export's dropped keys (keep_dropped_keys) with its date, in place of
    any this export stored before (read again under another mapping)."""
    # of every dataset, as the raw tables' rows of a load read again (helper-191: a file
    # read as gifts, then as side jobs, left its gift keys cancelling the real register's)
    con.execute("delete from raw_dropped_keys where _content_hash = ?", [content_hash])
    if checked.dropped_keys:
        con.execute(
            f"""insert into raw_dropped_keys
            select ?, key, ?, ?, ?, cast(? as date) from {checked.dropped_keys}""",
            [checked.spec.name, source_file, content_hash, now, checked.export_date],
        )
