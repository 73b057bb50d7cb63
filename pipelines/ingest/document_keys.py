"""Orders keyed by a number that several documents share: a finance system's invoice
export mapped with its order number as ``order_id``. Per key only the newest export's
row counts (the staging models), and a key a newer export's ``drop_rows`` leaves out
counts no more (dropped_keys.py): right for a re-exported or cancelled order, wrong for
a part invoice or a credit note on an order of an earlier month (helper-231: a credit
note of 500 in February's export took January's order of 45.000 out of every count; a
second part invoice replaced the first's amount and date). Said, with the way out (a
number unique per document, the invoice number); nothing is changed.
"""

from __future__ import annotations

import duckdb

from pipelines.core.formats import number
from pipelines.core.texts import InLanguage, Message
from pipelines.ingest.covered_order import order_key

# dataset: its one-column key, the date its record keeps through re-exports and its amount
DOCUMENTS = {"procurement": ("order_id", "ordered_on", "amount_eur")}


def euros(value: float) -> InLanguage:
    """An amount in a note, written in the note's language (45.000,00; 45,000.00)."""
    return InLanguage(lambda lang: number(value, lang, decimals=2))


def _note(name: str, **values: object) -> Message:
    return Message(f"note.{name}", locale_file="ingest", **values)


def document_notes(con: duckdb.DuckDBPyConnection, name: str, content_hash: str) -> list[Message]:
    """This export's keys that drop_rows left out and an older export holds (cancelled
    there), its rows a newer export's drop_rows cancels, and its keys another export
    holds with another date in the same year (another year: lost_rows.other_year_notes)
    or on the same date with another amount."""
    if name not in DOCUMENTS:
        return []
    key, day, amount = DOCUMENTS[name]
    this = f"(select max({order_key()}) from raw_{name} where _content_hash = $1)"
    dropped = (
        f"select key, {order_key()} as at, _source_file from raw_dropped_keys "
        f"where dataset = '{name}'"
    )
    notes = []
    # this export's dropped keys on an older export's rows (its dropped keys' order is
    # its own: this file may keep no row, so the order is read from raw_dropped_keys)
    mine = f"(select max({order_key()}) from raw_dropped_keys where _content_hash = $1)"
    count, file, example = con.execute(
        f"""select count(distinct r.{key}), min(r._source_file), min(r.{key})
        from raw_{name} as r
        join raw_dropped_keys as d on d.key = r.{key} and d.dataset = '{name}'
        where d._content_hash = $1 and r._content_hash <> $1 and {order_key("r")} < {mine}""",
        [content_hash],
    ).fetchone()
    if count:
        notes.append(_note("drop_cancels_older", count=count, keys=key, file=file, example=example))
    count, file, example = con.execute(
        f"""select count(distinct r.{key}), min(d._source_file), min(r.{key})
        from raw_{name} as r join ({dropped}) as d on d.key = r.{key}
        where r._content_hash = $1 and d.at > {this}""",
        [content_hash],
    ).fetchone()
    if count:
        notes.append(_note("cancelled_by_newer", count=count, keys=key, file=file, example=example))
    # each key against the export next to this one that holds it: the newest older one,
    # else the oldest newer one (helper-238: every later re-export said a February
    # amendment again against January's long superseded amount)
    pairs = f"""with pairs as (
            select n.{key} as k, n.{day} as nd, o.{day} as od, n.{amount} as na,
                o.{amount} as oa, o._source_file as file,
                {order_key("o")} < {order_key("n")} as before, {order_key("o")} as place
            from raw_{name} as n join raw_{name} as o using ({key})
            where n._content_hash = $1 and o._content_hash <> $1
        ),
        adjacent as (
            select * from pairs qualify row_number() over (
                partition by k order by before desc, case when before then place end desc, place
            ) = 1
        )"""
    changed = (
        ("key_other_date", "year(nd) = year(od) and nd <> od", "nd", "od"),
        ("key_other_amount", "nd = od and na <> oa", "na", "oa"),
    )
    for said, where, ours, theirs in changed:
        count, file, example, mine, other = con.execute(
            f"""{pairs} select count(*), arg_min(file, k), min(k), arg_min({ours}, k),
                arg_min({theirs}, k) from adjacent where {where}""",
            [content_hash],
        ).fetchone()
        if not count:
            continue
        shown = (
            (mine.strftime("%d-%m-%Y"), other.strftime("%d-%m-%Y"))
            if said == "key_other_date"
            else (euros(mine), euros(other))
        )
        values = {"count": count, "keys": key, "column": day, "file": file, "example": example}
        notes.append(_note(said, ours=shown[0], theirs=shown[1], **values))
    return notes
