"""What a report or a hand-kept register writes under its rows: a totals row and a
footnote. Only at the very end of the file (no row of data after them), and only rows
that are plainly no data, are left out, each named in a note on the file; anywhere else
such a row is a row like any other (quarantined when it breaks a rule).

- A totals row: its first filled cell is only the word for a total (``Totaal``,
  ``Eindtotaal``, ``Subtotaal``, ``Totalen``, ``Totaal generaal``, ``Total``, ``Grand
  Total``, ``Som``; a report's other summary rows, ``Gemiddelde``, ``Gem.``, ``Average``,
  ``Aantal``, ``Count``, helper-103; a colon after it allowed), and its other cells
  hold amounts and counts or nothing (AFAS's ``Totaal;;;;4,3889``, an XLSX
  ``=SUM(...)``, a pivot table's ``Totaal generaal;;;;;75;``); a row with a key, a name
  or a date beside the word is data.
- A footnote: a row with one filled cell whose text is a sentence or a mark (it holds a
  space, or it begins with a sign such as ``*``, ``¹``, ``(``): ``* bedragen incl. btw``,
  ``Bron: AFAS, 3-3-2026``. A lone key (``E7``) is no footnote: that row stays data.

helper-101: a gifts register of five rows with a totals row and a footnote under them had
2 of 7 rows quarantined (29%), and was refused whole. helper-113: a footnote written as
one field, without the other columns' delimiters (Salesforce's and HR2day's
``"Copyright (c) ..."``, ``* aantallen ...``), was a malformed row (``regel heeft 1
veld``) and refused a small report whole: such a line under the data is a footnote too.
"""

from __future__ import annotations

import re

import duckdb

from pipelines.ingest.recognise import note
from pipelines.ingest.source_table import SourceTable, sql_text

TOTAL_WORDS = (
    r"^(sub|eind)?tota(a)?l(en)?( generaal)?:?$|^(grand|algemeen) tota(a)?l:?$|^som:?$"
    r"|^gemiddeld(e)?:?$|^gem\.:?$|^average:?$|^(aantal|count):?$"  # a report's other sums
)
# What a totals row holds beside its word: amounts and counts only (helper-102: a gift
# described 'Total', a TotalEnergies card, was a last row with a key and a date beside it)
NUMBERISH = r"^[-+(]?\s*(€|eur|\$)?\s*[0-9][0-9.,' \x{a0}]*\s*(%|€|eur)?\)?-?$"
FOOTNOTE = r"^[^\p{L}\p{N}]|\s"
LONE_FOOTNOTE = re.compile(r"^(?:\W|_)|\s")  # FOOTNOTE, for a line DuckDB did not read
AT_MOST = 5  # rows under the data that may be left out (a report's total and notes)


def drop_trailer(con: duckdb.DuckDBPyConnection, source: SourceTable) -> None:
    """Leave the totals row and footnotes at the end of ``source`` (a CSV or XLSX read
    into its table) out of it, with a note naming their lines."""
    if source.format == "parquet" or not source.header:
        return
    cells = [f"c{i}" for i in range(len(source.header))]
    trimmed = [f"nullif(trim({c}), '')" for c in cells]
    filled = " + ".join(f"({t} is not null)::int" for t in trimmed)
    only = f"coalesce({', '.join(trimmed)})"  # the row's first filled cell
    total = f"regexp_matches(lower({only}), {sql_text(TOTAL_WORDS)})" + "".join(
        f" and ({t} is null or {t} = {only} or regexp_matches(lower({t}), {sql_text(NUMBERISH)}))"
        for t in trimmed
    )
    rows = con.execute(
        f"""select _line, kind, cell from (
            select _line,
                case when {total} then 'total'
                     when ({filled}) = 1
                          and regexp_matches({only}, {sql_text(FOOTNOTE)}) then 'footnote'
                end as kind,
                {only} as cell
            from (select * from {source.name} order by _line desc limit {AT_MOST + 1})
        ) order by _line desc"""
    ).fetchall()
    trailer = []
    for line, kind, cell in rows:
        if kind is None:
            break
        trailer.append((line, kind, cell))
    if len(trailer) == len(rows):
        trailer = []  # no data above it, or more than a report's end: all of it data
    data_end = max((line for line, _, _ in rows[len(trailer) :]), default=None)
    # a footnote of one field without the other columns' delimiters: a malformed line
    below = [m for m in source.malformed if data_end is not None and m[0] > data_end]
    lone = [
        (line, "footnote", source.lone_cells[line])
        for line, _, _ in below
        if line in source.lone_cells and LONE_FOOTNOTE.search(source.lone_cells[line])
    ]
    if len(lone) < len(below) or len(trailer) + len(lone) > AT_MOST:
        # a row of data after them, or more than a report's end: every one of them a row
        trailer, lone = [], []
    if trailer:
        lines = sorted(line for line, _, _ in trailer)
        con.execute(f"delete from {source.name} where _line in ({', '.join(map(str, lines))})")
    dropped = {line for line, _, _ in lone}
    source.malformed = [m for m in source.malformed if m[0] not in dropped]
    for line, kind, cell in sorted(trailer + lone):
        source.notes.append(note(f"trailer_{kind}", line=line, value=cell[:80]))
