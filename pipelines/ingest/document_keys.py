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
from pipelines.core.texts import Message
from pipelines.ingest.covered_order import order_key

# dataset: its one-column key, the date its record keeps through re-exports and its amount
DOCUMENTS = {"procurement": ("order_id", "ordered_on", "amount_eur")}


class Amount:
    """An amount in a note, written in the note's language (45.000,00; 45,000.00)."""

    def __init__(self, value: float | None) -> None:
        self.value = value

    def text(self, lang: str) -> str:
        return number(self.value, lang, decimals=2)

    def __str__(self) -> str:
        return self.text("nl")


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
    row = con.execute(
        f"""select count(distinct n.{key}), min(o._source_file),
            arg_min(n.{key}, n.{key}), arg_min(o.{day}, n.{key}), arg_min(n.{day}, n.{key})
        from raw_{name} as n join raw_{name} as o using ({key})
        where n._content_hash = $1 and o._content_hash <> $1
            and year(n.{day}) = year(o.{day}) and n.{day} <> o.{day}""",
        [content_hash],
    ).fetchone()
    if row[0]:
        count, file, example, theirs, ours = row
        notes.append(
            _note(
                "key_other_date",
                count=count,
                keys=key,
                column=day,
                file=file,
                example=example,
                theirs=theirs.strftime("%d-%m-%Y"),
                ours=ours.strftime("%d-%m-%Y"),
            )
        )
    row = con.execute(
        f"""select count(distinct n.{key}), min(o._source_file), arg_min(n.{key}, n.{key}),
            arg_min(o.{amount}, n.{key}), arg_min(n.{amount}, n.{key})
        from raw_{name} as n join raw_{name} as o using ({key})
        where n._content_hash = $1 and o._content_hash <> $1
            and n.{day} = o.{day} and n.{amount} <> o.{amount}""",
        [content_hash],
    ).fetchone()
    if row[0]:
        count, file, example, theirs, ours = row
        notes.append(
            _note(
                "key_other_amount",
                count=count,
                keys=key,
                column=day,
                file=file,
                example=example,
                theirs=Amount(theirs),
                ours=Amount(ours),
            )
        )
    return notes
