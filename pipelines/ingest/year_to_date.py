"""A year's running figure that goes down from an older export to a newer one
(reexports.overlap_notes calls this): the contract reads a company car's private km per
employee and year (vehicle_use, as year to date), and per key the newest export's row
counts. Monthly files of that month's km alone then count as their last month only,
without a word (helper-283: three months' files counted as March's 2,643 km of 6,387,
and two people passed the 500 km limit unseen). A year-to-date figure never falls, so a
newer export lower than an older one for the same key is said, as a question: a
correction lowers it too."""

from __future__ import annotations

import duckdb

from pipelines.core.texts import Message
from pipelines.ingest.covered_order import order_key
from pipelines.ingest.natural_keys import NATURAL_KEYS

# The datasets whose figure per key runs through the year, by that figure's column
RUNNING = {"vehicle_use": "private_km"}
# What a fall is at least: a re-export that rounds to whole km (368,1 then 368) is none
# (helper-285: 167 keys said to fall)
FALL = 1


def fell_notes(con: duckdb.DuckDBPyConnection, dataset: str, content_hash: str) -> list[Message]:
    """For ``dataset``'s export ``content_hash``: the keys whose figure (RUNNING) is lower
    in the newer of this export and another than in the older one, with that other file
    (a sheet of the same workbook is no other export)."""
    column = RUNNING.get(dataset)
    if column is None:
        return []
    table, keys = f"raw_{dataset}", NATURAL_KEYS[dataset]
    newer = f"{order_key('n')} > {order_key('o')}"
    count, file = con.execute(
        f"""select count(distinct ({", ".join(f"n.{k}" for k in keys)})), min(o._source_file)
        from {table} as n join {table} as o using ({", ".join(keys)})
        where n._content_hash = $1 and o._content_hash <> $1
            and o._ingested_at <> n._ingested_at
            and ((({newer}) and o.{column} - n.{column} >= {FALL})
                or (not ({newer}) and n.{column} - o.{column} >= {FALL}))""",
        [content_hash],
    ).fetchone()
    if not count:
        return []
    said = {"count": count, "keys": ", ".join(keys), "column": column, "file": file}
    return [Message("note.year_to_date_fell", locale_file="ingest", **said)]
