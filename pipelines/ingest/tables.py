"""The warehouse tables ingest writes: the raw table of every dataset (its columns, plus
where each row came from) and the ingest bookkeeping (ingest_log, quarantine,
ingest_expectations), created when missing and given the columns newer versions added."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from pipelines.ingest.checks import SQL_TYPES
from pipelines.ingest.key_numbers import GROUP_SPACES, key_numbers_sql
from pipelines.ingest.quality import DATASETS


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables of every dataset and the ingest bookkeeping, if missing."""
    present: dict[str, set[str]] = {}
    for table, column in con.execute(
        "select table_name, column_name from duckdb_columns() "
        "where database_name = current_database() and schema_name = 'main' and not internal"
    ).fetchall():
        # DuckDB's names are case-insensitive: Raw_Gifts is raw_gifts (helper-214)
        present.setdefault(table.lower(), set()).add(column.lower())
    for spec in DATASETS.values():
        table = f"raw_{spec.name}"
        cols = ", ".join(f"{c.name} {SQL_TYPES[c.type]}" for c in spec.columns)
        wanted = [(c.name, SQL_TYPES[c.type]) for c in spec.columns]
        # _absent: the optional columns the row's export lacks (a file without sick days
        # reports none; an empty cell in one that has the column is 0)
        wanted += [("_export_date", "date"), ("_covers", "varchar"), ("_absent", "varchar")]
        if table not in present:  # made as this version writes it, every column in it
            con.execute(
                f"create table if not exists {table} ({cols}, _source_file varchar, "
                "_source_line integer, _content_hash varchar, _ingested_at timestamp, "
                "_export_date date, _covers varchar, _absent varchar)"
            )
            continue
        # A warehouse from before record_id, export dates and covers: add the columns.
        for name, sql_type in wanted:
            if name not in present[table]:
                con.execute(f"alter table {table} add column {name} {sql_type}")
    log = present.get("ingest_log")
    if log is None:  # the columns in the order the additions below give an older one
        con.execute(
            """create table if not exists ingest_log (
            source_file varchar, dataset varchar, content_hash varchar, rows_in integer,
            rows_loaded integer, rows_quarantined integer, ingested_at timestamp,
            file_format varchar, encoding varchar, delimiter varchar, decimal_style varchar,
            date_formats varchar, mapping_file varchar, notes varchar,
            status varchar default 'geladen', export_date date, mapping_hash varchar,
            series varchar, ingested_utc timestamp)"""
        )
    else:
        _newer_log_columns(con, log)
    for table, columns in _BOOKKEEPING.items():
        if table not in present:
            con.execute(f"create table if not exists {table} ({columns})")
        elif table == "quarantine":  # before helper-266 and -267
            for name, kind in (("person_key", "varchar"), ("person_month", "date")):
                if name not in present[table]:
                    con.execute(f"alter table quarantine add column {name} {kind}")
    # a warehouse without raw tables had no rows a version reads differently now
    _upgrade(con, rewrite=any(f"raw_{spec.name}" in present for spec in DATASETS.values()))


def _newer_log_columns(con: duckdb.DuckDBPyConnection, log: set[str]) -> None:
    """The columns later versions added to ingest_log, added to an older one."""
    # A warehouse from before the status column: every file in it was loaded.
    added = [("status", "varchar default 'geladen'"), ("export_date", "date")]
    # How the file was read (Mapping.identity, "" without a mapping); NULL: before this
    # was kept, when the mapping file's path stands in for it.
    added.append(("mapping_hash", "varchar"))
    # Which series of exports the file is (top_answer.series_of); NULL: from before it was
    # kept, read under a mapping (its export date is in mapping_hash); one without a
    # mapping gets its own from its name (helper-213: never pooled)
    added += [("series", "varchar"), ("mapping_file", "varchar")]
    # The moment in UTC the file was read (ingested_at is Dutch wall-clock time, which
    # repeats an hour each October); NULL: from before it was kept, when ingested_at was
    # the machine's own wall-clock time (loads.written_since)
    added.append(("ingested_utc", "timestamp"))
    for name, sql_type in added:
        if name not in log:
            con.execute(f"alter table ingest_log add column {name} {sql_type}")
    unmapped = "series is null and coalesce(mapping_hash, mapping_file, '') = ''"
    names = con.execute(f"select distinct source_file from ingest_log where {unmapped}")
    for (name,) in names.fetchall():
        from pipelines.ingest.top_answer import series_of

        con.execute(
            f"update ingest_log set series = ? where {unmapped} and source_file = ?",
            [series_of(Path(name), None), name],
        )


# The other bookkeeping tables, by name: their columns
_BOOKKEEPING = {
    # person_key: the line's person as a pseudonym (its employee_key), where it has one;
    # person_month: an HR line's month (quarantined.store_quarantine)
    "quarantine": """dataset varchar, source_file varchar, line integer, "column" varchar,
        value varchar, reason_code varchar, reason varchar, content_hash varchar,
        ingested_at timestamp, person_key varchar, person_month date""",
    # the keys of rows drop_rows left out, per export (dropped_keys.py)
    "raw_dropped_keys": """dataset varchar, key varchar, _source_file varchar,
        _content_hash varchar, _ingested_at timestamp, _export_date date""",
    # the days of rows a covering export held but did not load (dropped_keys.py)
    "raw_held_periods": """dataset varchar, period_on date, _covers varchar,
        _source_file varchar, _content_hash varchar, _ingested_at timestamp,
        _export_date date""",
    "ingest_expectations": """source_file varchar, content_hash varchar, dataset varchar,
        expectation varchar, "column" varchar, reason_code varchar, success boolean,
        unexpected_count integer""",
}


def _upgrade(con: duckdb.DuckDBPyConnection, *, rewrite: bool = True) -> None:
    """What a version changed in how it reads a cell, by name (UPGRADES): once, rewritten
    in the rows a warehouse keeps from before it (the files are not read again: their
    content hash says they are loaded). The table warehouse_upgrades holds those done,
    and when. ``rewrite`` False: a new warehouse, nothing to rewrite, each marked done."""
    con.execute("create table if not exists warehouse_upgrades (name varchar, done_at timestamp)")
    done = {name for (name,) in con.execute("select name from warehouse_upgrades").fetchall()}
    for name, upgrade in UPGRADES.items():
        if name not in done:
            if rewrite:
                upgrade(con)
            con.execute("insert into warehouse_upgrades values (?, now())", [name])


def _stored_id_numbers(con: duckdb.DuckDBPyConnection, marks: str = ".,") -> None:
    """An _id as Dutch Excel wrote it (17,00; 4.711), stored as written before _id
    columns read it as its number (0ed9b8b): rewritten as it is read now, so the next
    re-export's 17 is the same record and an order's supplier 4711 the supplier stored as
    4.711 (helper-139: gifts counted twice, orders refused as of no known supplier).
    ``marks``: only the ids with one of them are looked at."""
    for spec in DATASETS.values():
        for column in (c.name for c in spec.columns if c.name.endswith("_id")):
            read = key_numbers_sql(column)
            marked = " or ".join(f"contains({column}, '{mark}')" for mark in marks)
            con.execute(f"update raw_{spec.name} set {column} = {read} where {marked}")


def _distinct_moments(con: duckdb.DuckDBPyConnection) -> None:
    """Loads stored within one second before bce52b9 (moments to the second) may share
    their moment of ingest; since a workbook's sheets share theirs on purpose, as one
    export (loads.next_moment), such loads would count as one: under covers both exports
    of a month counted (helper-265 F1). Each file's loads get their own moment, a
    microsecond apart, in the order their file names gave them (staging: the later file
    newer), in the log and in every table that keeps it; a workbook's sheets keep theirs
    together."""
    columns = con.execute(
        "select table_name, list(column_name) from duckdb_columns() "
        "where database_name = current_database() and schema_name = 'main' group by 1"
    ).fetchall()
    has = {table.lower(): {c.lower() for c in names} for table, names in columns}
    if not {"content_hash", "ingested_at", "source_file"} <= has.get("ingest_log", set()):
        return  # a log from before moments were kept: nothing to tell apart
    con.execute(
        """create or replace temp table _moves as
        select h, first_at + to_microseconds(cast(n - 1 as bigint)) as moved from (
            select h, first_at, dense_rank() over (partition by first_at order by file) as n
            from (
                select content_hash as h, min(ingested_at) as first_at,
                    min(source_file) as file
                from ingest_log where ingested_at is not null group by content_hash
            )
        -- per file: the sheets of one workbook keep their moment together; and only a
        -- moment to the second, the old version's: one with its microseconds is this
        -- version's, shared by a workbook's sheets on purpose (helper-267 F1: the
        -- upgrade split them, and a late entry of one sheet counted no more)
        ) where n > 1 and epoch_us(first_at) % 1000000 = 0"""
    )
    tables = [(f"raw_{spec.name}", "_") for spec in DATASETS.values()]
    tables += [("raw_dropped_keys", "_"), ("raw_held_periods", "_"), ("quarantine", "")]
    for table, mark in [("ingest_log", ""), *tables]:
        if not {f"{mark}content_hash", f"{mark}ingested_at"} <= has.get(table, set()):
            continue
        con.execute(
            f"update {table} set {mark}ingested_at = m.moved from _moves as m "
            f"where {table}.{mark}content_hash = m.h"
        )
    con.execute("drop table _moves")


UPGRADES: dict[str, Callable[[duckdb.DuckDBPyConnection], None]] = {
    "id_numbers": _stored_id_numbers,
    # an _id with spaces between its thousands (101 007), stored as written before
    # 101 007 was read as 101007 (helper-246); a person's key is stored pseudonymised,
    # so it cannot be rewritten: its next export's rows are read the new way
    "id_numbers_spaced": lambda con: _stored_id_numbers(con, GROUP_SPACES),
    "distinct_moments": _distinct_moments,
}
