"""Rows a mapping leaves out by a value of the export's own column (``drop_rows: {Status:
[Geannuleerd], D/C: [C]}``): a cancelled order or a credit note is no order (helper-174:
three orders of 45.000 to one supplier, one cancelled and one a credit note, loaded as
three, the split-order pattern; the mapping had no way to leave them out). Matched as
codes are, without regard to case, surrounding spaces and accents; each left out row is
counted in a note on the file, per column and value, so nothing goes unsaid. A column the
mapping names that the file lacks refuses the file, as a mapped column does. The rows
left out are kept aside (SourceTable.dropped) for their keys (dropped_keys.py)."""

from __future__ import annotations

import duckdb

from pipelines.ingest.codes import code_key
from pipelines.ingest.mapping import Mapping
from pipelines.ingest.readers import unusable
from pipelines.ingest.recognise import header_name, note
from pipelines.ingest.source_table import SourceTable, _new_name, sql_text


def drop_mapped_rows(
    con: duckdb.DuckDBPyConnection, source: SourceTable, mapping: Mapping | None
) -> None:
    """Leave out of ``source`` the rows whose cell in a drop_rows column is one of its
    values, with a note counting them."""
    if mapping is None or not mapping.drop_rows:
        return
    from pipelines.ingest.none_words import NULL_MARKERS  # the cells read as empty

    names = [header_name(h) for h in source.header]
    matches, said, blanks = [], [], []
    for column, values in mapping.drop_rows.items():
        if header_name(column) not in names:
            raise unusable("drop_rows_missing", source.path, column=column, mapping=mapping.path)
        i = names.index(header_name(column))
        cells = con.execute(
            f"select c{i}, count(*) from {source.name} where c{i} is not null group by 1"
        ).fetchall()
        for value in values:  # the cells that are the value as a code is (codes.code_key)
            if value is None or not str(value).strip():  # "": the empty cells (helper-225:
                # a register's numbered template rows; it was taken and dropped nothing),
                # those a marker says empty too (NULL, -: helper-229 8)
                marked = [cell for cell, _ in cells if code_key(cell) in NULL_MARKERS]
                listed = ", ".join(sql_text(cell) for cell in marked) or "null"
                empty = f"(c{i} is null or trim(c{i}) = '' or c{i} in ({listed}))"
                [(count,)] = con.execute(
                    f"select count(*) from {source.name} where {empty}"
                ).fetchall()
                if count:
                    said.append(f"{column} = leeg ({count})")
                    blanks.append(empty)
                continue
            written = [cell for cell, _ in cells if code_key(cell) == code_key(str(value))]
            if count := sum(n for cell, n in cells if cell in written):
                said.append(f"{column} = {value} ({count})")
                listed = ", ".join(sql_text(cell) for cell in written)
                matches.append(f"c{i} in ({listed})")
    if not said:
        return
    where = " or ".join(matches + blanks)
    [(total,)] = con.execute(f"select count(*) from {source.name} where {where}").fetchall()
    if matches:  # the rows left out by a value, for their keys (a cancelled allocation); an
        # empty row of a template is no word on its number (helper-229 1: it took the
        # gifts of that number in other exports out of the count)
        keyed = f"({' or '.join(matches)}) and not ({' or '.join(blanks) or 'false'})"
        source.dropped = _new_name("dropped")
        con.execute(
            f"create temp table {source.dropped} as select * from {source.name} where {keyed}"
        )
        source.owned.append(("table", source.dropped))
    for table in dict.fromkeys((source.name, source.cells)):
        con.execute(f"delete from {table} where {where}")
    source.notes.append(note("rows_dropped", count=total, said=", ".join(said)))


def drop_unread_rows(con: duckdb.DuckDBPyConnection, source: SourceTable, read: set[int]) -> None:
    """Rows with cells only in columns nothing reads (formulas a register's template drags
    down beside its rows, =ALS(E5>50;"ja";"nee"), =MAAND(B5); a remark alone): no record,
    left out as a blank line is, with a note naming their lines (helper-262 F5: 36 such
    rows under three gifts were quarantined as without an employee, and the register was
    refused; the way out, drop_rows on an empty key, went unsaid)."""
    unread = [i for i in range(len(source.header)) if i not in read]
    if not read or not unread:
        return
    empty = " and ".join(f"nullif(trim(c{i}), '') is null" for i in sorted(read))
    some = " or ".join(f"nullif(trim(c{i}), '') is not null" for i in unread)
    where = f"({empty}) and ({some})"
    lines = [
        n
        for (n,) in con.execute(
            f"select _line from {source.name} where {where} order by 1"
        ).fetchall()
    ]
    if not lines:
        return
    for table in dict.fromkeys((source.name, source.cells)):
        con.execute(f"delete from {table} where {where}")
    shown = ", ".join(map(str, lines[:10])) + (" ..." if len(lines) > 10 else "")
    source.notes.append(note("rows_unread", count=len(lines), lines=shown))
