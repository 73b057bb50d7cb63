"""A register's row whose date a re-export corrected into a period it does not cover
(reexports.overlap_notes calls this under covers): without a record id a row is matched
by nothing, and the older export keeps counting it in its own period, beside this
export's in the new one (helper-283: a gift typed 30-12-2025 in the final 2025 export
and 02-01-2026 in the 2026 export counted in both years; a gift moved from 31 March to
1 April, in both months). Said where a row of another export is the same in every
column read but its date, that date a few days off or the same day of the year before
or after, in a period this export does not cover; a question, since two alike gifts
may be two gifts. Nothing is changed."""

from __future__ import annotations

import duckdb

from pipelines.core.texts import Message
from pipelines.ingest.natural_keys import PERIOD_COLUMNS
from pipelines.ingest.quality.base import DatasetSpec

NEAR_DAYS = 7  # a date typed a few days off, across the end of a month or a year


def moved_date_notes(
    con: duckdb.DuckDBPyConnection, spec: DatasetSpec, content_hash: str, bucket: str
) -> list[Message]:
    """For a covering register's export ``content_hash`` (``bucket``: the SQL of a row's
    period, reexports._covered): its rows that another export holds alike but for a
    date in a period this export does not cover, with that file and date."""
    day = PERIOD_COLUMNS[spec.name]
    table = f"raw_{spec.name}"
    alike = " and ".join(
        f"n.{c.name} is not distinct from o.{c.name}"
        for c in spec.columns
        if c.name not in (day, "record_id")
    )
    near = (
        f"abs(date_diff('day', n.{day}, o.{day})) between 1 and {NEAR_DAYS}"
        f" or (abs(year(n.{day}) - year(o.{day})) = 1"
        f" and month(n.{day}) = month(o.{day}) and day(n.{day}) = day(o.{day}))"
    )
    count, file, then = con.execute(
        f"""with mine as (
            select distinct {bucket} as p from {table} where _content_hash = $1
        )
        select count(distinct n._source_line), min(o._source_file),
            arg_min(o.{day}, o._source_file)
        from {table} as n join {table} as o on {alike} and ({near})
        where n._content_hash = $1 and o._content_hash <> $1
            and n.record_id is null and o.record_id is null
            and o._ingested_at <> n._ingested_at
            and (select {bucket.replace(day, f"o.{day}")}) not in (select p from mine)""",
        [content_hash],
    ).fetchone()
    if not count:
        return []
    said = {"count": count, "file": file, "day": then.strftime("%d-%m-%Y"), "column": day}
    return [Message("note.covers_moved_date", locale_file="ingest", **said)]
