"""A subtotal between the rows of a register or report: ``Subtotaal januari;;;;;65,00``
after January's gifts, ``januari Totaal`` as Excel's Subtotal labels it, SAP's ``**``.
The totals row at the end of a file is the trailer's (trailer.py, which runs first: its
footnotes are no data below a total); this is the same row between the data, with data
rows below it. Only where the file's dataset is known: its columns read as a key or a
date, or in its natural key, are empty there (or hold the word itself, or the count of a
group's rows with that column filled, back to the file's start or a subtotal above:
Excel's Subtotal with Aantal, nested or not), and one at least
that a row must fill is empty, so that a subtotal is only ever a row the rules would
refuse, never one they load (helper-209, -210: ``Som;2025;1.200`` and ``Bob
Total;2025;1.200``, a vehicle's key and its year, were left out); every other cell is an
amount or a count, and at least one is filled; its first filled cell is the word for a
total as trailer.total_words reads it, or the label Excel's Subtotal gives a group
(``januari Totaal``, ``Jan de Vries Totaal``, ``januari Aantal``), or a total of a group
(``Subtotaal Verhuur``). Such a row is no data: left out with a note naming its line
(helper-207: each month's subtotal was quarantined as a row without its key, and twelve
of them in a year's register of a hundred gifts refused the file).
Any other row with the word stays a row (``Total;4711;17.01.2026;45`` is a gift
described 'Total': its key and date are filled).
"""

from __future__ import annotations

import re

import duckdb

from pipelines.ingest.every_cell import every
from pipelines.ingest.recognise import note
from pipelines.ingest.repeated_header import leave_out
from pipelines.ingest.source_table import SourceTable, sql_text
from pipelines.ingest.trailer import COUNT_OF, EXCEL_GROUP, EXCEL_LABEL, NUMBERISH, total_words

# How each of trailer.TOTAL_WORDS begins (tot, sub, eind, grand, algemeen, som, sum, *,
# gem, average, aantal, count, number), or a blank cell before the first filled one
BEGINS = (
    r"^\s*(?:(?i:sub|eind|tot|grand|alg|som|sum|\*|gem|aver|aant|count|numb)|$)"
    r"|(?i:\s+(tota(a)?l|aantal|gemiddelde|count|average)\s*$)"  # EXCEL_GROUP's word last
)
EMPTY = "''"  # SQL's empty text
# Excel's label in a cell after the first (1001 Aantal), or a grand total's (Eindtotaal)
LABEL_LAST = (
    r"(?i)(\S\s+(tota(a)?l|aantal|gemiddelde|count|average)"
    r"|(^|\x01)\s*((sub|eind)?tota(a)?l|eindaantal|totaal aantal|grand (total|count)))\s*\x01"
)


def drop_subtotals(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    keyed: frozenset[int],
    required: frozenset[int],
) -> bool:
    """Leave the subtotal rows between the data of ``source`` out, with a note each, and
    a group's count at the end by its label (februari Aantal); whether it left out any.
    ``keyed``: the columns (by index) the dataset reads as a key or a date, or that are
    in its natural key; ``required``: those of them a row must fill. A subtotal leaves
    one of those empty: a row the rules would refuse for it, never a row they load."""
    if source.format == "parquet" or not source.header or not required:
        return False
    trimmed = [f"nullif(trim(c{i}), '')" for i in range(len(source.header))]
    first = f"coalesce({', '.join(trimmed)})"
    word = sql_text(total_words(source.path) + EXCEL_GROUP)
    numberish = sql_text(NUMBERISH)
    # a key's or a date's column: empty, the word, or the count of the rows of its group
    # with it filled (Excel's Subtotal with Aantal under the employee: helper-210 C3)
    of = sql_text(COUNT_OF)
    counted = [
        f"case when {trimmed[i]} is null or {trimmed[i]} = _only then null else "
        f"try_cast(replace(regexp_extract({trimmed[i]}, {of}, 1), '.', '') as bigint) end"
        for i in sorted(keyed)
    ]
    keys = " and ".join(
        f"({trimmed[i]} is null or {trimmed[i]} = _only or regexp_full_match({trimmed[i]}, {of}))"
        for i in keyed
    )
    keys += " and (" + " or ".join(f"{trimmed[i]} is null" for i in sorted(required)) + ")"
    others = [t for i, t in enumerate(trimmed) if i not in keyed]
    amounts = every(
        others,
        lambda t: f"{t} is null or {t} = _only or regexp_matches(lower({t}), {numberish})",
        narrow=0,
        first=0,
    )
    filled = f"len(list_filter([{', '.join(trimmed)}], lambda x: x is not null))"
    # first the rows whose first cell begins as a total's word does, or is blank: one
    # pattern over the cells as they are, in a statement of its own (0.03 s for the large
    # demo's 1.4 million answers; in one statement with the rest DuckDB ran the whole test
    # over every row, 0.4 s of a build)
    cells = ", ".join(f"c{i}" for i in range(len(source.header)))
    begins = f"regexp_matches(coalesce({cells}), {sql_text(BEGINS)})"
    # or a count first and Excel's label after it, in the column grouped by ('2;1001
    # Aantal': a count of the records left of the employees grouped; helper-215 Q6), or
    # an amount and a total's word after it (';;;;307,50;;Totaal', the word in a remark
    # column: helper-253 F3, quarantined and the register refused), in a row with a
    # required column empty (asked first: 0.01 s, not 0.08, for 200,000 rows)
    found = con.execute(f"select 1 from {source.name} where {begins} limit 1").fetchall()
    if len(source.header) > 1:
        rest = f"concat_ws(chr(1), {', '.join(f'c{i}' for i in range(1, len(source.header)))})"
        empty = " or ".join(f"c{i} is null or c{i} = {EMPTY}" for i in sorted(required))
        labelled = f"regexp_matches({rest} || chr(1), {sql_text(LABEL_LAST)})"
        begins = (
            f"({begins} or case when {empty}"
            f" then (regexp_full_match(trim(coalesce({cells})), {of}) "
            f"or regexp_matches(lower(trim(coalesce({cells}))), {numberish})) "
            f"and {labelled} else false end)"
        )
        # the count or amount first asked only of a file with such a label in a row with
        # a required column empty: their patterns of letters (\p{L}) cost DuckDB some 4
        # ms each to compile in every statement that holds them, whatever its rows, and
        # nearly every file has neither (asked first, the required columns: 0.01 s for
        # 200,000 rows)
        ask = f"select 1 from {source.name} where case when {empty} then {labelled} else false end"
        if not found and con.execute(f"{ask} limit 1").fetchall():
            found = con.execute(f"select 1 from {source.name} where {begins} limit 1").fetchall()
    if not found:
        return False
    # the label: the first cell that is the word, else the first filled one
    label = ", ".join(f"case when regexp_matches(lower({t}), {word}) then {t} end" for t in trimmed)
    rows = con.execute(
        f"""select _line, _only, [{", ".join(counted)}]::bigint[], _only <> {first} from (
            select *, coalesce({label}, {first}) as _only from {source.name}
            semi join (select _line from {source.name} where {begins}) using (_line)
        )
        where {keys} and regexp_matches(lower(_only), {word}) and {amounts}
            and {filled} >= 2
        order by _line"""
    ).fetchall()
    if not rows:
        return False
    lines = [r[0] for r in rows]
    below = con.execute(  # data below: a subtotal between rows, not the file's end
        f"select max(_line) from {source.name} where _line not in ({', '.join(map(str, lines))})"
    ).fetchone()[0]
    # at the end, a group's count by its label (februari Aantal, above the grand total
    # the trailer leaves out): the rows of its group counted (_counted), as between rows;
    # and a total right of its number ('3;Totaal aantal', ';;;;30;Eindtotaal': Excel's
    # grand row labelled in a later column), which the trailer, reading a row's first
    # cell, does not see (helper-218 A1: quarantined, and a gift with it as its twin)
    words = re.compile(total_words(source.path))
    end = [
        r[:3]
        for r in rows
        if below is not None
        and r[0] > below
        and (
            r[3]  # (the word or Excel's label: the last group's sum too, 'geaccepteerd Totaal')
            or any(n is not None for n in r[2])
            and re.search(EXCEL_LABEL[1:], r[1].lower())
            and not words.search(r[1].lower())
        )
    ]
    rows = [r[:3] for r in rows if below is not None and r[0] < below] + end
    rows = _counted(con, source, sorted(keyed), rows)
    if not rows:
        return False
    lines = [line for line, _ in rows]
    if ("view", source.name) in source.owned:  # repeated headers left out: a view
        leave_out(con, source, lines)
    else:
        con.execute(f"delete from {source.name} where _line in ({', '.join(map(str, lines))})")
    for line, cell in rows:
        source.notes.append(note("subtotal_row", line=line, value=cell[:80]))
    return True


def _counted(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    keyed: list[int],
    rows: list[tuple[int, str, list[int | None]]],
) -> list[tuple[int, str]]:
    """The rows (line, first cell) whose counts under a key's or a date's column (by
    ``keyed``'s order; None where it is empty or the word) are those of a group above
    it (_counts_a_group). A number that is none (``Totaal;1009;;;65``: employee 1009)
    keeps its row a row."""
    found: list[tuple[int, str]] = []
    for line, cell, counts in rows:
        wanted = [(i, n) for i, n in zip(keyed, counts, strict=True) if n is not None]
        if not wanted or _counts_a_group(con, source, wanted, line, [f[0] for f in found]):
            found.append((line, cell))
    return found


def _counts_a_group(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    wanted: list[tuple[int, int]],
    line: int,
    before: list[int],
) -> bool:
    """Whether each count of ``wanted`` (column index, count) is that of the rows above
    ``line`` with the column filled, back to the file's start or to one of the subtotals
    ``before`` it, those not counted: a group's since the subtotal before it, a group's
    over its Totaal and then its Aantal, an outer group's over its inner groups
    (Excel's nested Subtotal; helper-215 Q3, Q4)."""
    ok = " and ".join(f"count(nullif(trim(s.c{i}), '')) = {int(n)}" for i, n in wanted)
    skip = f" and s._line not in ({', '.join(map(str, before))})" if before else ""
    bounds = ", ".join(map(str, [0, *before]))
    return bool(
        con.execute(
            f"""select bool_or(ok) from (
                select {ok} as ok from unnest([{bounds}]) as t(b)
                left join {source.name} as s on s._line > b and s._line < {int(line)}{skip}
                group by b)"""
        ).fetchone()[0]
    )
