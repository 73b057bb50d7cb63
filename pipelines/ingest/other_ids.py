"""Records a re-export holds under other ids: rows of this export alike in every column
but their key to rows another export of the dataset holds under keys this one has not
(helper-268 F1: a June export wrote 2026-0001 where March wrote TW-2026-0001, an order
IO2600001 became 2600001, a register's 1 became G2026-001: every shared record counted
twice, unsaid, as the ids' spelling (counted_on.zeros_notes) matched none of them and
too few keys were shared for dropped_notes to speak). Said in either order of ingest,
with an example and every export that holds them; nothing is changed (an id is its text,
as the contract says)."""

from __future__ import annotations

import duckdb

from pipelines.core.texts import Message
from pipelines.ingest.quality.base import DatasetSpec

# The fewest records alike under other keys for an export to be said to hold them again:
# a few may be two real records (two orders of one requester at one supplier on one day
# for one amount), more in one pair of exports are a renumbering
OTHER_IDS_AT_LEAST = 5
# the exports a note names, then how many more
FILES_NAMED = 3
# dataset: its one-column id, and the column that dates a record
OTHER_IDS = {
    "allocations": ("allocation_id", "allocated_on"),
    "procurement": ("order_id", "ordered_on"),
    "side_jobs": ("record_id", "registered_on"),
    "gifts": ("record_id", "received_on"),
}


def _value(spec: DatasetSpec, column: str, alias: str) -> str:
    """SQL: a column's value as records are compared: a text without its case, accents and
    surrounding spaces (a new system writes BOCHOLTZ for Bocholtz: helper-270 F4)."""
    kind = next(c.type for c in spec.columns if c.name == column)
    own = f"{alias}.{column}" if alias else column
    if kind == "text" and not column.endswith("_key"):  # a key is its pseudonym
        return f"lower(strip_accents(trim({own})))"
    return own


def alike_sql(spec: DatasetSpec, key: str) -> str:
    """SQL: row ``m`` and row ``o`` are one record: every required column but ``key``
    equal, and every optional one equal where both exports fill it (an export without
    a column, or a cell left empty in one, says nothing against it)."""
    parts = []
    for c in spec.columns:
        if c.name == key:
            continue
        same = f"{_value(spec, c.name, 'm')} = {_value(spec, c.name, 'o')}"
        parts.append(same if c.required else f"coalesce({same}, true)")
    return " and ".join(parts)


def other_ids_notes(
    con: duckdb.DuckDBPyConnection, spec: DatasetSpec, content_hash: str
) -> list[Message]:
    """This export's keys that no other export holds, whose rows another export holds
    under keys this one has not: per such export, at least OTHER_IDS_AT_LEAST of them,
    and at least half of this export's new keys on the days that export holds rows of.
    A record is told by its content only where its export holds that content once: a
    batch of alike orders (call-offs, one per complex, on one day) is many records, not
    one renumbered (helper-270 F1: six such, entered in January and six in February,
    were said to count twice, with the advice to withdraw January's 1,950 orders). On
    days, not a span: one late record of the older export left the new one's thousands
    in its span unsaid (helper-270 F3). Every such export is named (helper-270 F2)."""
    if spec.name not in OTHER_IDS:
        return []
    key, day = OTHER_IDS[spec.name]
    table = f"raw_{spec.name}"
    content = ", ".join(_value(spec, c.name, "") for c in spec.columns if c.name != key)
    rows = con.execute(
        f"""with mine as (
            select *, count(*) over (partition by {content}) as _alike
            from {table} where _content_hash = $1 and {key} is not null
        ),
        others as (
            select *, count(*) over (partition by _content_hash, {content}) as _alike
            from {table} where _content_hash <> $1 and {key} is not null
                and {day} between (select min({day}) from mine) and (select max({day}) from mine)
        ),
        fresh as (select * from mine where {key} not in (select {key} from others)),
        gone as (select * from others where {key} not in (select {key} from mine)),
        pairs as (
            select m.{key} as k, o.{key} as theirs, o._source_file as file
            from (select * from fresh where _alike = 1) as m
            join (select * from gone where _alike = 1) as o on {alike_sql(spec, key)}
        ),
        days as (select distinct _source_file as file, {day} as d from others),
        within as (
            select s.file, count(distinct f.{key}) as n
            from days as s join fresh as f on f.{day} = s.d group by all
        )
        select p.file, least(count(distinct p.k), count(distinct p.theirs)) as alike,
            min(p.k) as example, arg_min(p.theirs, p.k) as their_example
        from pairs as p join within as w on w.file = p.file
        group by p.file, w.n
        having alike >= {OTHER_IDS_AT_LEAST} and 2 * alike >= w.n
        order by alike desc, p.file""",
        [content_hash],
    ).fetchall()
    if not rows:
        return []
    files = [file for file, *_ in rows]
    named = ", ".join(files[:FILES_NAMED]) + (
        f" en nog {len(files) - FILES_NAMED}" if len(files) > FILES_NAMED else ""
    )
    _, _, mine, theirs = rows[0]
    count = sum(alike for _, alike, _, _ in rows)
    said = {"count": count, "keys": key, "file": named, "mine": mine, "theirs": theirs}
    return [Message("note.ids_renumbered", locale_file="ingest", **said)]
