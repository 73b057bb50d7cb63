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


def drop_numbered_template(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    read: set[int],
    numbering: frozenset[int],
    required: frozenset[int] = frozenset(),
) -> None:
    """A register's template numbered down past its last record (Volgnr typed 1 to 60
    ahead, 12 gifts in it): the rows under the last one with a read cell beside its
    number hold a number and no record; left out as blank lines are, with a note naming
    their lines and the column (helper-268 F4: 48 such rows were quarantined as without
    an employee, and the register refused). A row with its number alone among the
    records stays, for quarantine to say (a record begun and not filled in). So are two
    or more such rows whose other cells hold the template's defaults, the same in each
    (helper-270 F6: 'nee', '0,00', '€ -' dragged down; ``_with_defaults``)."""
    others = sorted(read - numbering)
    if not numbering or not others:
        return
    from pipelines.ingest.none_words import NULL_MARKERS  # the cells read as empty

    markers = ", ".join(sql_text(m) for m in sorted(NULL_MARKERS))
    cell = {
        i: f"(case when lower(trim(c{i})) in ({markers}) then null else nullif(trim(c{i}), '') end)"
        for i in others
    }
    filled = " or ".join(f"{cell[i]} is not null" for i in others)
    [(last,)] = con.execute(f"select max(_line) from {source.name} where {filled}").fetchall()
    if last is None:  # no record at all: quarantine says what each row lacks
        return
    lines = _lines_below(con, source, last)
    said, defaults = "rows_numbered_only", ""
    numbered = " or ".join(
        f"(case when lower(trim(c{i})) in ({markers}) then null else nullif(trim(c{i}), '') end)"
        " is not null"
        for i in numbering
    )
    unnumbered = f"select not coalesce(bool_or({numbered}), false) from {source.name}"
    if lines and con.execute(f"{unnumbered} where _line > {last}").fetchone()[0]:
        said = "rows_markers_only"  # not even a number (helper-270 F13: '-;-;-' said one)
    if not lines:
        lines, defaults = _with_defaults(con, source, cell, required, numbering)
        said = "rows_numbered_defaults"
    if not lines:
        return
    for table in dict.fromkeys((source.name, source.cells)):
        con.execute(f"delete from {table} where _line >= {lines[0]}")
    column = ", ".join(source.header[i].strip() for i in sorted(numbering))
    run = len(lines) > 1 and lines[-1] - lines[0] + 1 == len(lines)  # 14-61, else each
    shown = (
        f"{lines[0]}-{lines[-1]}"
        if run
        else (", ".join(map(str, lines[:10])) + (" ..." if len(lines) > 10 else ""))
    )
    source.notes.append(note(said, count=len(lines), column=column, lines=shown, columns=defaults))


def _lines_below(con: duckdb.DuckDBPyConnection, source: SourceTable, last: int) -> list[int]:
    found = con.execute(f"select _line from {source.name} where _line > {last} order by 1")
    return [n for (n,) in found.fetchall()]


# a template's own numbering, as typed or dragged down: 14, G-14, 2026-014 (not a
# word: 'Totaal' six times under the records stays six rows)
NUMBERED = r"[A-Za-z]{0,4}[-_/ ]?[0-9]+([-_/ ][0-9]+)*"


def _with_defaults(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    cell: dict[int, str],
    required: frozenset[int],
    numbering: frozenset[int],
) -> tuple[list[int], str]:
    """The lines of the rows at the end whose read cells beside their number are those
    of the last row, where that row fills none of the dataset's required keys and dates
    (``required``: no record is without them) and fills some other cell: a template's
    defaults dragged down (a formula's 0,00, 'nee'), at least two rows of them; and the
    names of the columns they fill. None where a required column is not known (a row
    then is no record only when it holds nothing)."""
    if not required or not required <= cell.keys():
        return [], ""
    at = f"(select max(_line) from {source.name})"
    bottom = dict(
        zip(
            cell,
            con.execute(
                f"select {', '.join(cell.values())} from {source.name} where _line = {at}"
            ).fetchone(),
            strict=True,
        )
    )
    if any(bottom[i] is not None for i in required) or all(v is None for v in bottom.values()):
        return [], ""
    other = " or ".join(
        f"{cell[i]} is distinct from {'null' if v is None else sql_text(v)}"
        for i, v in bottom.items()
    )
    [(last,)] = con.execute(f"select max(_line) from {source.name} where {other}").fetchall()
    if last is None:  # every row alike: no record above them
        return [], ""
    lines = _lines_below(con, source, last)
    numbers = " and ".join(
        f"coalesce(regexp_full_match(trim(c{i}), {sql_text(NUMBERED)}), true)" for i in numbering
    )
    [(numbered,)] = con.execute(
        f"select bool_and({numbers}) from {source.name} where _line > {last}"
    ).fetchall()
    if len(lines) < 2 or not numbered:  # one row alike the template: the rules judge it
        return [], ""
    return lines, ", ".join(source.header[i].strip() for i, v in bottom.items() if v is not None)
