"""Keys a load shares with another sheet of its workbook (helper-264 F3): the sheets of
one workbook are one export (loads.next_moment: they share their moment of ingest), so
per key one sheet counts, as the staging models order them (covered_order.order_key:
then by file and content hash). The notes on re-exports said the order of ingest decides
and to give each export its own date, which a sheet cannot have; this says which sheet
counts. Nothing is changed."""

from __future__ import annotations

import duckdb

from pipelines.core.texts import InLanguage, Message
from pipelines.ingest.covered_order import order_key
from pipelines.ingest.natural_keys import NATURAL_KEYS

# a row of another load of this one's moment: another sheet of its workbook (or a copy's)
SIBLING = "o._content_hash <> n._content_hash and o._ingested_at = n._ingested_at"


def sibling_key_notes(
    con: duckdb.DuckDBPyConnection, dataset: str, content_hash: str
) -> list[Message]:
    keys = NATURAL_KEYS[dataset]
    filled = " and ".join(f"n.{k} is not null" for k in keys)
    table = f"raw_{dataset}"
    count, file, mine = con.execute(
        f"""select count(distinct row({", ".join(f"n.{k}" for k in keys)})),
            min(o._source_file), bool_and({order_key("n")} > {order_key("o")})
        from {table} as n join {table} as o using ({", ".join(keys)})
        where n._content_hash = $1 and {SIBLING} and {filled}""",
        [content_hash],
    ).fetchone()
    if not count:
        return []
    words = (
        {"nl": "dit blad, niet het andere", "en": "this sheet, not the other"}
        if mine
        else {"nl": "het andere blad, niet dit", "en": "the other sheet, not this one"}
    )
    which = InLanguage(lambda lang: words.get(lang, words["nl"]))
    said = {"count": count, "keys": ", ".join(keys), "file": file, "which": which}
    return [Message("note.overlap_sibling_sheet", locale_file="ingest", **said)]
