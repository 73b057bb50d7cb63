"""Records a re-export holds under other ids: rows of this export alike in every column
but their key to rows another export of the dataset holds under keys this one has not
(helper-268 F1: a June export wrote 2026-0001 where March wrote TW-2026-0001, an order
IO2600001 became 2600001, a register's 1 became G2026-001: every shared record counted
twice, unsaid, as the ids' spelling (counted_on.zeros_notes) matched none of them and
too few keys were shared for dropped_notes to speak). Said in either order of ingest,
with an example and the export that holds most of them; nothing is changed (an id is its
text, as the contract says)."""

from __future__ import annotations

import duckdb

from pipelines.core.texts import Message
from pipelines.ingest.quality.base import DatasetSpec

# The fewest records alike under other keys for an export to be said to hold them again:
# a few may be two real records (two orders of one requester at one supplier on one day
# for one amount), more in one pair of exports are a renumbering
OTHER_IDS_AT_LEAST = 5
# dataset: its one-column id, and the column that dates a record
OTHER_IDS = {
    "allocations": ("allocation_id", "allocated_on"),
    "procurement": ("order_id", "ordered_on"),
    "side_jobs": ("record_id", "registered_on"),
    "gifts": ("record_id", "received_on"),
}


def alike_sql(spec: DatasetSpec, key: str) -> str:
    """SQL: row ``m`` and row ``o`` are one record: every required column but ``key``
    equal, and every optional one equal where both exports fill it (an export without
    a column, or a cell left empty in one, says nothing against it)."""
    return " and ".join(
        f"m.{c.name} = o.{c.name}" if c.required else f"coalesce(m.{c.name} = o.{c.name}, true)"
        for c in spec.columns
        if c.name != key
    )


def other_ids_notes(
    con: duckdb.DuckDBPyConnection, spec: DatasetSpec, content_hash: str
) -> list[Message]:
    """This export's keys that no other export holds, whose rows another export holds
    under keys this one has not: at least OTHER_IDS_AT_LEAST of them, and at least half
    of this export's such keys dated within that export's days (a year-to-date export
    renumbered, not a few coincidences among new records)."""
    if spec.name not in OTHER_IDS:
        return []
    key, day = OTHER_IDS[spec.name]
    table = f"raw_{spec.name}"
    row = con.execute(
        f"""with mine as (
            select * from {table} where _content_hash = $1 and {key} is not null
        ),
        others as (
            select * from {table} where _content_hash <> $1 and {key} is not null
                and {day} between (select min({day}) from mine) and (select max({day}) from mine)
        ),
        fresh as (select * from mine where {key} not in (select {key} from others)),
        gone as (select * from others where {key} not in (select {key} from mine)),
        pairs as (
            select m.{key} as k, o.{key} as theirs, o._source_file as file
            from fresh as m join gone as o on {alike_sql(spec, key)}
        ),
        spans as (
            select _source_file as file, min({day}) as first, max({day}) as last
            from gone group by all
        ),
        within as (
            select s.file, count(distinct f.{key}) as n
            from spans as s join fresh as f on f.{day} between s.first and s.last group by all
        )
        select p.file, least(count(distinct p.k), count(distinct p.theirs)) as alike,
            min(p.k) as example, arg_min(p.theirs, p.k) as their_example
        from pairs as p join within as w on w.file = p.file
        group by p.file, w.n
        having alike >= {OTHER_IDS_AT_LEAST} and 2 * alike >= w.n
        order by alike desc, p.file limit 1""",
        [content_hash],
    ).fetchone()
    if row is None:
        return []
    file, count, mine, theirs = row
    said = {"count": count, "keys": key, "file": file, "mine": mine, "theirs": theirs}
    return [Message("note.ids_renumbered", locale_file="ingest", **said)]
