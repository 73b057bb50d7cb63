"""A wide export (one row per respondent, one column per item) as one row per answer."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import duckdb
import pandas as pd

from pipelines.core.texts import Message
from pipelines.ingest.codes import code_key
from pipelines.ingest.readers import unusable
from pipelines.ingest.source_table import SourceTable, _new_name, trimmed


def unpivot(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    id_columns: list[str],
    item_column: str,
    value_column: str,
    skip_columns: list[str] | None = None,
    known_items: Iterable[str] | None = None,
) -> SourceTable:
    """A wide export (one row per respondent, one column per item) as one row per answer:
    the ``id_columns`` kept, every other column's header in ``item_column`` and its cell
    in ``value_column``. An empty cell is no answer and gives no row; each row keeps the
    line it came from and, in ``_source``, the column. One pass (DuckDB's UNPIVOT over
    the rows, read once), whatever the number of items.

    ``skip_columns`` (the mapping's ``unpivot.skip_columns``): columns that are no item
    (``Leeftijd``, ``Opmerking``), left out and named in a note, so free text never
    reaches quarantine. Every other column is an item: one the catalogue does not know
    is quarantined as an unknown item, never dropped. A file with no item column left
    is unusable.

    ``known_items`` (the catalogue's item codes, matched as codes are): a column that is
    none of them may hold free text (a comment naming a manager), so its cells are not
    kept: each filled cell gives an answer row without its value, which the item rule
    quarantines, and a note names the column and the mapping's way out."""

    def name(cell: str) -> str:  # as recognise matches column names
        return unicodedata.normalize("NFC", cell).strip().lower()

    by_name = {name(h): i for i, h in enumerate(source.header)}
    if missing := [c for c in id_columns if name(c) not in by_name]:
        head = ", ".join(source.header[:12]) + (", ..." if len(source.header) > 12 else "")
        raise unusable("unpivot_ids_missing", source.path, columns=", ".join(missing), head=head)
    ids = [by_name[name(c)] for c in id_columns]
    nameless = [i for i in range(len(source.header)) if i not in ids and not source.header[i]]
    items = [i for i in range(len(source.header)) if i not in ids and source.header[i]]
    skipped = {code_key(c) for c in skip_columns or []}
    others = [i for i in items if code_key(source.header[i]) in skipped]
    items = [i for i in items if i not in others]
    if not items:
        raise unusable("unpivot_no_items", source.path)
    # two item columns with one name (but for case, spaces and accents, as item codes
    # are matched) would both count as the respondent's answer to that item
    seen: dict[str, str] = {}
    for i in items:
        name = source.header[i]
        if code_key(name) in seen:
            first = seen[code_key(name)]
            raise unusable("duplicate_item", source.path, first=first, second=name)
        seen[code_key(name)] = name
    long = SourceTable(
        source.path,
        source.format,
        source.encoding,
        source.delimiter,
        [source.header[i] for i in ids] + [item_column, value_column],
        _new_name("long"),
        malformed=list(source.malformed),
        bad_fields=dict(source.bad_fields),  # its malformed lines, said by the wide header
        wide_header=list(source.header),
        unpivoted=True,
        reader=source.reader,
        notes=list(source.notes),  # the reader's notes are the file's still
        order_proof=source.order_proof,
        month_first_text=source.month_first_text,
        facts=source.facts.kept(ids),
    )
    known = None if known_items is None else {code_key(k) for k in known_items}
    unknown = [i for i in items if known is not None and code_key(source.header[i]) not in known]
    rows, names = _new_name("wide"), _new_name("items")
    value_numeric = any(i in source.numeric for i in items)
    long.numeric = {n for n, i in enumerate(ids) if i in source.numeric}
    if value_numeric:
        long.numeric.add(len(ids) + 1)
    try:
        # the rows once, as a table (DuckDB's UNPIVOT reads it in one pass)
        id_flags = [f"n{i}" for i in ids if i in source.numeric]
        item_flags = (
            [f"{f'n{i}' if i in source.numeric else 'false'} as n{i}" for i in items]
            if value_numeric
            else []
        )
        columns = ["_line", *[f"c{i}" for i in ids], *id_flags, *[f"c{i}" for i in items]]
        con.execute(
            f"create temp table {rows} as select {', '.join(columns + item_flags)} "
            f"from {source.name}"
        )
        if others:
            long.notes.append(
                Message(
                    "note.not_items",
                    locale_file="ingest",
                    columns=", ".join(source.header[i] for i in others),
                )
            )
        if unknown:
            filled = con.execute(
                f"select count(*) from {source.name} where "
                + " or ".join(f"{trimmed(f'c{i}')} is not null" for i in unknown)
            ).fetchall()[0][0]
            long.notes.append(
                Message(
                    "note.unknown_items",
                    locale_file="ingest",
                    columns=", ".join(source.header[i] for i in unknown),
                    filled=filled,
                )
            )
        if nameless:
            filled = con.execute(
                f"select count(*) from {source.name} where "
                + " or ".join(f"{trimmed(f'c{i}')} is not null" for i in nameless)
            ).fetchall()[0][0]
            if filled:
                where = ", ".join(str(i + 1) for i in nameless)
                long.notes.append(
                    Message(
                        "note.nameless_columns", locale_file="ingest", where=where, filled=filled
                    )
                )
        con.register(
            names + "_df",
            pd.DataFrame(
                {
                    "_cell": [f"c{i}" for i in items],
                    "_pos": list(range(len(items))),
                    "_item": [source.header[i] for i in items],
                    "_known": [i not in unknown for i in items],
                }
            ),
        )
        con.execute(f"create temp table {names} as select * from {names}_df")
        con.unregister(names + "_df")
        kept = "".join(f"w.c{i} as c{n}, " for n, i in enumerate(ids))
        kept += "".join(f"w.n{i} as n{n}, " for n, i in enumerate(ids) if i in source.numeric)
        item, value = f"c{len(ids)}", f"c{len(ids) + 1}"
        if value_numeric:
            on = ", ".join(f"(c{i}, n{i}) as c{i}" for i in items)
            into = "_value, _flag"
            flag = f", case when i._known then w._flag end as n{len(ids) + 1}"
        else:
            on, into, flag = ", ".join(f"c{i}" for i in items), "_value", ""
        if items:
            body = f"""select row_number() over (order by w._line, i._pos) as _rid, w._line,
                    i._item as _source, {kept}i._item as {item},
                    case when i._known then w._value end as {value}{flag}
                from (unpivot {rows} on {on} into name _cell value {into}) as w
                join {names} as i using (_cell)
                where {trimmed("w._value")} is not null"""
        else:
            nulls = ", ".join(f"cast(null as varchar) as c{n}" for n in range(len(long.header)))
            body = (
                "select 0 as _rid, 0 as _line, cast(null as varchar) as _source, "
                f"{nulls} where false"
            )
        con.execute(f"create temp table {long.name} as {body}")
    finally:
        con.execute(f"drop table if exists {rows}")
        con.execute(f"drop table if exists {names}")
    count = f"select count(*), count(distinct _line) from {long.name}"
    long.rows, lines = con.execute(count).fetchall()[0]
    long.line_rows = _answers_held(source, ids, others, len(items), long.rows, lines)
    long.cells = long.name
    long.owned = [("table", long.name)]
    source.drop(con)
    return long


def _answers_held(
    source: SourceTable, ids: list[int], others: list[int], items: int, rows: int, lines: int
) -> dict[int, int]:
    """The answers each malformed line of a wide export holds, for the share that refuses
    a file: its filled fields beside the id and skipped columns, at most one per item,
    at least one (helper-270 F5: a footnote, or a respondent who stopped after the first
    question, counted as a whole line of answers and refused the file); a line whose
    fields are not known, the answers of the file's average line."""
    average = max(1, round(rows / lines)) if lines else 1
    beside = set(ids) | set(others)
    held = {}
    for line, _, _ in source.malformed:
        fields = source.bad_fields.get(line)
        if fields is None:
            held[line] = average
            continue
        filled = sum(1 for i, f in enumerate(fields) if f.strip() and i not in beside)
        held[line] = max(1, min(items, filled))
    return held
