"""A register's template numbered down past its last record (Volgnr typed 1 to 60 ahead,
12 gifts in it): the rows under the last record hold a number and no record, and are
left out as blank lines are, with a note naming their lines and the column (helper-268
F4: 48 such rows were quarantined as without an employee, and the register refused). A
row with its number alone among the records stays, for quarantine to say (a record
begun and not filled in).

So are the rows above those, or in their place, that hold the template's defaults
dragged down (a formula's 0,00 or '€ -', 'nee'), the same in each: at least two, numbered
as a template numbers, with no required key or date (no record is without them), every
default a zero or a no, and nothing in the columns not read (helper-270 F6: refused;
helper-271 F2: incomplete real records with their own values, or a description in an
unread column, are no defaults). A marker the mapping's ``values`` maps is a value there,
not empty (helper-271 F2-1: '-' mapped to ALGEMEEN, three gifts left out); a date of
zeros (Excel's 00-01-1900) is empty, as the checks read it (helper-271 F2-4)."""

from __future__ import annotations

import re

import duckdb

from pipelines.ingest.lookups import ZERO_DATE
from pipelines.ingest.recognise import note
from pipelines.ingest.source_table import SourceTable, sql_text

# a template's own numbering, as typed or dragged down: 14, G-14, 2026-014 (not a
# word: 'Totaal' six times under the records stays six rows)
# one number, with a prefix or a year before it: not numbers and dates pasted into it
# ('5 104233 05-03-2026 20', a gift: helper-273 F1)
NUMBERED = r"[A-Za-z]{0,4}[-_/ ]?([0-9]{4}[-_/])?[0-9]+"
# a template's default: an amount of zero (0, 0,00, € 0,00, Excel's accounting '€ -'),
# or a no (nee, false)
DEFAULT_LIKE = re.compile(
    r"(?:€|eur)?\s*(?:0+(?:[.,]0+)?(?:,-)?|-|–)\s*(?:€|eur)?|nee|no|n|false|onwaar|geen",
    re.IGNORECASE,
)


def drop_numbered_template(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    read: set[int],
    numbering: frozenset[int],
    required: frozenset[int] = frozenset(),
    dates: frozenset[int] = frozenset(),
    valued: frozenset[int] = frozenset(),
) -> None:
    """Leave out the rows a template numbered ahead (module docstring), with a note.
    ``read``: the columns read (by index); ``numbering``: the record number's;
    ``required``: the required keys and dates; ``dates``: the date columns; ``valued``:
    those the mapping's ``values`` maps."""
    others = sorted(read - numbering)
    if not numbering or not others:
        return
    from pipelines.ingest.none_words import NULL_MARKERS  # the cells read as empty

    markers = ", ".join(sql_text(m) for m in sorted(NULL_MARKERS))

    def empty(i: int) -> str:
        blank = f"nullif(trim(c{i}), '')"
        if i in valued:  # a marker the mapping maps is a value (helper-271 F2-1)
            return blank
        zero = f" or regexp_full_match(c{i}, {sql_text(ZERO_DATE)})" if i in dates else ""
        return f"(case when lower(trim(c{i})) in ({markers}){zero} then null else {blank} end)"

    cell = {i: empty(i) for i in others}
    unread = [i for i in range(len(source.header)) if i not in read and i not in numbering]
    # a row of its own: a read cell filled, a cell in a column not read (a name beside a
    # lookup that failed, a description), or a number no template writes (a record pasted
    # whole into it) (helper-272 F1: such rows were left out as a number alone)
    own = [f"{cell[i]} is not null" for i in others]
    own += [f"nullif(trim(c{i}), '') is not null" for i in unread]
    own += [
        f"({empty(i)} is not null and not regexp_full_match(trim(c{i}), {sql_text(NUMBERED)}))"
        for i in numbering
    ]
    [(last,)] = con.execute(
        f"select max(_line) from {source.name} where {' or '.join(own)}"
    ).fetchall()
    if last is None:  # no record at all: quarantine says what each row lacks
        return
    lines = _lines_after(con, source, last)
    said, defaults = "rows_numbered_only", ""
    numbered = " or ".join(f"{empty(i)} is not null" for i in numbering)
    unnumbered = f"select not coalesce(bool_or({numbered}), false) from {source.name}"
    if lines and con.execute(f"{unnumbered} where _line > {last}").fetchone()[0]:
        said = "rows_markers_only"  # not even a number (helper-270 F13: '-;-;-' said one)
    above, defaults = _with_defaults(con, source, cell, required, numbering, unread, last)
    if above:
        lines, said = above + lines, "rows_numbered_defaults"
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


def _lines_after(
    con: duckdb.DuckDBPyConnection, source: SourceTable, after: int, upto: int | None = None
) -> list[int]:
    upto_sql = f" and _line <= {upto}" if upto is not None else ""
    found = con.execute(
        f"select _line from {source.name} where _line > {after}{upto_sql} order by 1"
    )
    return [n for (n,) in found.fetchall()]


def _with_defaults(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    cell: dict[int, str],
    required: frozenset[int],
    numbering: frozenset[int],
    unread: list[int],
    last: int,
) -> tuple[list[int], str]:
    """The lines, up to ``last`` (the last row of its own), of the rows whose cells are
    that row's or empty, where that row fills none of the required keys and dates and
    its cells are defaults (DEFAULT_LIKE), in the columns read or not (a formula dragged
    down beside the register, =ALS(F2>50;"ja";"nee"): helper-273 F2), at least two
    rows, numbered as a template numbers; and the names of the columns the defaults are
    in. None where a required column is not read."""
    if not required or not required <= cell.keys():
        return [], ""
    cell = {**cell, **{i: f"nullif(trim(c{i}), '')" for i in unread}}
    row = con.execute(
        f"select {', '.join(cell.values())} from {source.name} where _line = {last}"
    ).fetchone()
    bottom = dict(zip(cell, row, strict=True))
    if any(bottom[i] is not None for i in required) or all(v is None for v in row):
        return [], ""
    if not all(DEFAULT_LIKE.fullmatch(v) for v in bottom.values() if v is not None):
        return [], ""  # a value of its own: a record, for the rules (helper-271 F2-2)
    # a record: a cell filled otherwise than the template
    other = [
        f"({cell[i]} is not null and {cell[i]} is distinct from {sql_text(v)})"
        if v is not None
        else f"{cell[i]} is not null"
        for i, v in bottom.items()
    ]
    [(record,)] = con.execute(
        f"select max(_line) from {source.name} where {' or '.join(other)}"
    ).fetchall()
    if record is None or record >= last:  # no record above them, or the last is one
        return [], ""
    numbers = " and ".join(
        f"coalesce(regexp_full_match(trim(c{i}), {sql_text(NUMBERED)}), true)" for i in numbering
    )
    [(numbered,)] = con.execute(
        f"select bool_and({numbers}) from {source.name} where _line > {record}"
    ).fetchall()
    lines = _lines_after(con, source, record, last)
    if len(lines) < 2 or not numbered:  # one row alike the template: the rules judge it
        return [], ""
    return lines, ", ".join(source.header[i].strip() for i, v in bottom.items() if v is not None)
