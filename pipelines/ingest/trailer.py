"""What a report or a hand-kept register writes under its rows: a totals row and a
footnote. Only at the very end of the file (no row of data after them), and only rows
that are plainly no data, are left out, each named in a note on the file; between the
rows a totals row is a subtotal (subtotals.py), any other such row a row like any other
(quarantined when it breaks a rule).

- A totals row: its first filled cell is only the word for a total (``Totaal``,
  ``Eindtotaal``, ``Subtotaal``, ``Totalen``, ``Totaal generaal``, ``Total``, ``Grand
  Total``, ``Som``, ``Sum``, ``Tot.``; a report's other summary rows, ``Gemiddelde``,
  ``Gem.``, ``Average``, ``Aantal``, ``Count``, helper-103, ``Aantal records: 6``; SAP's
  list marks ``*`` and ``**``, helper-179; a colon
  after it allowed; a total's period after it, ``Totaal maart 2026``, helper-131, or a
  word of the file's name, ``Totaal geschenken`` under geschenken_2026.csv, or its count,
  ``Totaal (7)``, ``Totaal van 7 geschenken``, helper-149), and its other cells
  hold amounts and counts (a count with what it counts, ``Totaal;40 toewijzingen``,
  helper-197) or nothing (AFAS's ``Totaal;;;;4,3889``, an XLSX
  ``=SUM(...)``, a pivot table's ``Totaal generaal;;;;;75;``); a row with a key, a name
  or a date beside the word is data. Where the file's dataset is known, a column it reads
  as a key or a date holds nothing in a totals row: ``Total;4711;17.01.2026;45`` is a
  gift described "Total" (helper-118: the key and the dotted date looked like amounts,
  and the row was left out), unless it is the count of the rows above with that column
  filled (``Totaal;5;;125`` under five gifts); a count under a code column is a count
  (``Aantal;8;;;``).
- A footnote: a row with one filled cell whose text is a sentence or a mark (it holds a
  space, or it begins with a sign such as ``*``, ``¹``, ``(``): ``* bedragen incl. btw``,
  ``Bron: AFAS, 3-3-2026``. A lone key (``E7``) is no footnote: that row stays data. A
  report's label and its value in two cells (``Rapportdatum;04-12-2026``) is a sentence.

- A line of one field without the other columns' delimiters (a CSV's; Salesforce's and
  HR2day's ``"Copyright (c) ..."`` footer, ``* aantallen ...``): a footnote when it
  begins with a mark, or when a blank line stands between it and the data (a report's
  footer), and a total when it is one (``Aantal records: 6``; or its first field is and
  the others amounts or counts, ``Totaal;7`` under eleven columns, helper-236); a line of text right
  under the data may be a cut-off row (a supplier's name first) and stays one, as does a
  row quoted whole with its delimiters inside.

helper-101: a gifts register of five rows with a totals row and a footnote under them had
2 of 7 rows quarantined (29%), and was refused whole. helper-113: the one-field footnote
was a malformed row (``regel heeft 1 veld``) and refused a small report whole; helper-114:
its first version took a cut-off name and a quoted row for footnotes.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from pipelines.ingest.clock_cells import CLOCK
from pipelines.ingest.dates import MONTH_WORDS
from pipelines.ingest.every_cell import every
from pipelines.ingest.recognise import note
from pipelines.ingest.repeated_header import leave_out
from pipelines.ingest.source_table import SourceTable, sql_text

# The period a report's total may name after its word (helper-131: "Totaal maart 2026"
# under six gifts was a row, quarantined, and refused the file): a year, a month (the
# words the dates are read by) or a quarter and a year, or a month alone.
MONTHS = "|".join(sorted(map(re.escape, MONTH_WORDS), key=len, reverse=True))
PERIOD = (
    rf"((({MONTHS})\.?|q[1-4]|k[1-4]|kwartaal [1-4]|[1-4]e kwartaal)( (19|20)[0-9]{{2}})?"
    r"|(19|20)[0-9]{2})"
)
# How many rows a total counts, after its word (helper-149: 'Totaal (7)', 'Totaal van 7
# geschenken'): in brackets, or followed by what it counts; a number alone is none
# ('Totaal 12345' may be a gift so described)
COUNTED = r"( (\([0-9]+\)|(van )?[0-9]+ [a-zà-ÿ]+))?"
# ... a number alone after it, a total where it is the count of the rows above (drop_trailer)
COUNT_ALONE = r"^(?:sub|eind)?tota(?:a)?l(?:en|s)?:? ?([0-9]+)$"
TOTAL_WORDS = (
    rf"^(sub|eind)?tota(a)?l(en|s)?( generaal)?:?( ({PERIOD}|{{named}}))?:?$"
    rf"|^(sub|eind)?tota(a)?l(en|s)?:?{COUNTED}$"
    # the word, a colon and the amount in one cell (Totaal: 1.234.567,89; helper-266: it
    # was a row, quarantined); without the colon a number may describe a gift
    # (a sign, a space before the colon, the whole euros' dash: helper-267 F6)
    r"|^(sub|eind)?tota(a)?l(en|s)?( generaal)? ?: ?[-+]?(€|eur)? ?([0-9][0-9.,' ]*)?(-|€|eur)?$"
    rf"|^(grand|algemeen) tota(a)?ls?:?$|^(som|sum|tot\.):?{COUNTED}$"
    r"|^\*{1,3}$"  # SAP's list (ALV) marks its total * and its subtotals ** (helper-179)
    r"|^gemiddeld(e)?:?$|^gem\.:?$|^average:?$"  # a report's other sums, and its count:
    r"|^((totaal |eind)?aantal|(grand )?count|number of)( [a-zà-ÿ]+)?:?( [0-9]+)?$"  # records: 6
)
# Excel's Subtotal (Gegevens > Subtotaal) labels each group's row with the group's value
# and the word after it: 'januari Totaal', 'Jan de Vries Totaal', 'januari Aantal'
# (helper-209, -210); and a total of a group named after the word (Subtotaal Verhuur).
# Between the rows subtotals.py's; the last group's label, at the end above Eindtotaal,
# this file's (helper-215 Q2: it was quarantined, and refused a small file)
EXCEL_LABEL = r"|^[^;]{1,40} (tota(a)?l|aantal|gemiddelde|count|average)$"
EXCEL_GROUP = (
    EXCEL_LABEL + r"|^(sub)?tota(a)?l [^;]{1,40}$"  # (a row of 'Total Energies tankpas'
    # and an amount alone is left out too: as any such row, one the rules would refuse;
    # helper-211, -212; at the end 'Totaal pakket' may be a gift: TOTAL_WORDS' named)
)
# A report's own details under its rows, a label and its value in two cells
# ('Rapportdatum', '04-12-2026'; helper-149): a footnote where a sentence is one (after a
# blank line or below a report's total), as 'Rapportdatum: 04-12-2026' in one cell is
REPORT_LABEL = (
    r"^((rapport|export|print|aanmaak|peil|report|run|print|creation) ?(datum|date)|datum|date"
    r"|(gegenereerd|aangemaakt|afgedrukt|geëxporteerd|generated|created|printed|exported)"
    r"( (op|on|door|by))?|bron|source):?$"
)


def total_words(path: Path) -> str:
    """TOTAL_WORDS for one file: a total may also name what the file holds by a word of
    its name (helper-131: 'Totaal geschenken' under geschenken_2026-03.csv was a row);
    'Totaal pakket' under it stays one."""
    words = sorted({w for w in re.findall(r"[^\W\d_]{4,}", path.stem.lower())})
    named = "|".join(map(re.escape, words)) or r"[^\s\S]"  # none: matches nothing
    return TOTAL_WORDS.replace("{named}", f"({named})")


# What a totals row holds beside its word: amounts and counts only (helper-102: a gift
# described 'Total', a TotalEnergies card, was a last row with a key and a date beside it),
# and the currency of its amount in a cell of its own (SAP's 'EUR' beside a total)
NUMBERISH = r"^[-+(]?\s*(€|eur|\$)?\s*[0-9][0-9.,' \x{a0}]*\s*(%|€|eur)?\)?-?$|^(€|eur)$"
# a count and what it counts, in a cell of its own beside the word ('40 toewijzingen')
# (with a thousands dot as Dutch writes a count, 1.040: helper-199)
COUNT_OF = r"^([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?: \p{L}+)?$"
NUMBERISH += r"|^[0-9][0-9.]* \p{L}+$"
FOOTNOTE = r"^[^\p{L}\p{N}]"  # a mark first (* bedragen incl. btw)
# The heading of the filters a BI report was exported with, a line of its own (Power BI's
# 'Applied filters:' over 'Jaar is 2025'; helper-174: both were rows, and refused a small
# file): a footnote, as a marked one, so the lines under it are the report's end too
FILTERS = r"^(applied filters|toegepaste filters|filters toegepast|filters):$"
SENTENCE = r"\s"  # words (Bron: AFAS): a footnote below a report's end or a blank line
WORD = r"\p{L}+"  # one word of letters alone (a footer's company name): after a blank line
LONE_MARK = re.compile(r"\W|_")  # a mark first (* bedragen ...), for a line DuckDB did not read
# NUMBERISH for Python's re (a line DuckDB did not read is judged here): a letter is
# [^\W\d_], a no-break space \xa0
LONE_COUNT_OF = re.compile(COUNT_OF.replace(r"\p{L}", r"[^\W\d_]"))
LONE_NUMBERISH = re.compile(NUMBERISH.replace(r"\x{a0}", r"\xa0").replace(r"\p{L}", r"[^\W\d_]"))
AT_MOST = 5  # rows under the data that may be left out (a report's total and notes)


def drop_trailer(
    con: duckdb.DuckDBPyConnection, source: SourceTable, no_numbers: frozenset[int] = frozenset()
) -> None:
    """Leave the totals row and footnotes at the end of ``source`` (a CSV or XLSX read
    into its table) out of it, with a note naming their lines. ``no_numbers``: the
    columns (by index) the dataset reads as a key or a date, empty in a totals row or
    holding the count of the rows above it with that column filled."""
    if source.format == "parquet" or not source.header:
        return
    cells = [f"c{i}" for i in range(len(source.header))]
    trimmed = [f"nullif(trim({c}), '')" for c in cells]
    # The last rows (those that can be a report's end), each cell trimmed once, and the
    # row's first filled cell: as columns that the rules below name (written into each
    # rule, a file of n columns made an expression of some n * n cells, planned for 50 ms
    # per file to judge six rows).
    last = (
        f"select _line, {', '.join(f'{t} as _t{i}' for i, t in enumerate(trimmed))} "
        f"from (select * from {source.name} order by _line desc limit {AT_MOST + 1})"
    )
    cell = [f"_t{i}" for i in range(len(cells))]
    last = (
        f"select *, coalesce({', '.join(cell)}) as _only, "
        # counted over a list, not as a chain of +: a chain as long as a wide file's
        # columns went past DuckDB's limit of 1,000 nested expressions (helper-130)
        f"len(list_filter([{', '.join(cell)}], lambda x: x is not null)) as _filled "
        f"from ({last})"
    )
    word = f"regexp_matches(lower(_only), {sql_text(total_words(source.path) + EXCEL_LABEL)})"
    # the rows above each (Totaal 300: a count of them), the totals rows above it not
    # counted (helper-270 F7: 'Totaal 9' under 'Subtotaal maart' and nine gifts)
    totals_above = (
        f"count(*) filter (where {word}) over "
        "(order by _line desc rows between 1 following and unbounded following)"
    )
    malformed = _malformed_above(source)
    # the records above, for a count under a template (_records_sql): a pass over the
    # file, so only where a row at the end is a word and a number alone
    alone = f"regexp_full_match(lower(_only), {sql_text(COUNT_ALONE)})"
    counted = con.execute(f"select coalesce(bool_or({alone}), false) from ({last})").fetchone()[0]
    records = _records_sql(source, "o._line") + _malformed_above(source, "o._line")
    last = (
        f"select *, (select count(*) from {source.name}) - row_number() over "
        f"(order by _line desc) - {totals_above}{malformed} as _above, "
        f"{records if counted else 'null'} as _records from ({last}) as o"
    )
    # the word and a number alone is a total where the number is the count of the rows
    # above it (helper-268 F7: 'Totaal 300' under 300 employees was quarantined); another
    # number may describe a gift ('Totaal 12345', helper-149)
    count = f"try_cast(regexp_extract(lower(_only), {sql_text(COUNT_ALONE)}, 1) as bigint)"
    word = f"({word} or {count} = _above or {count} = _records)"
    # a key's or a date's column: nothing, or the count of the rows above with it filled,
    # not counting the totals rows above it (helper-120: Totaal;5;;125 under five gifts'
    # employees; Totaal, then Aantal): from the cells filled in all, those from the row
    # down and those of the totals rows above it, in the rows read at the end
    keyed = sorted(no_numbers)
    # a row the kinds below can take holds a total's word, one cell or two, or nothing
    # where a key or a date goes (a total without its word: _sum_lines); with none such
    # among the last rows, and no line DuckDB could not read below them, nothing is left
    # out (most files: the statements below, some 25 ms a file, are not planned)
    bare = [f"_t{i}" for i in keyed]
    summable = every(bare, lambda t: f"{t} is null") if 0 < len(bare) < len(cells) else "false"
    worded, maybe = con.execute(
        f"select coalesce(bool_or({word}), false), "
        f"coalesce(bool_or({word} or _filled <= 2 or {summable}), false) from ({last})"
    ).fetchone()
    if not maybe and not source.malformed:
        return
    if not worded:
        keyed = []  # no totals word at the end: no count to compare (a scan of the file)
    counts = ", ".join(f"count({trimmed[i]})" for i in keyed)
    filled_in = con.execute(f"select {counts} from {source.name}").fetchone() if keyed else ()
    # the count alone, or with what it counts after it ('Totaal;40 toewijzingen', helper-197)
    of = sql_text(COUNT_OF)
    counted = {
        i: f"try_cast(replace(regexp_extract({cell[i]}, {of}, 1), '.', '') as bigint)"
        f" = {n} - below{i} - totals_above{i}"
        for i, n in zip(keyed, filled_in, strict=True)
    }
    # each cell empty, the first filled one, a number or a key's count (every_cell: a
    # wide export's other cells as one list)
    total = word + "".join(
        f" and ({t} is null or {t} = _only or {counted[i]})"
        for i, t in enumerate(cell)
        if i in counted
    )
    numberish = sql_text(NUMBERISH)
    others = [t for i, t in enumerate(cell) if i not in counted]
    total += " and " + every(  # one list: NUMBERISH's letters are planned once, not per cell
        others,
        lambda t: f"{t} is null or {t} = _only or regexp_matches(lower({t}), {numberish})",
        narrow=0,
        first=0,
    )
    above = "order by _line desc rows between 1 following and unbounded following"
    below = "".join(
        f", count({cell[i]}) over (order by _line desc rows unbounded preceding) as below{i}"
        f", count({cell[i]}) filter (where {word}) over ({above}) as totals_above{i}"
        for i in keyed
    )
    label = f"_filled = 2 and regexp_matches(lower(_only), {sql_text(REPORT_LABEL)})"
    sums = _sum_lines(con, source, last, no_numbers) or [-1]
    summed = f"_line in ({', '.join(map(str, sums))})"
    rows = con.execute(
        f"""select _line, kind, cell from (
            select _line,
                case when {total} then 'total'
                     when {summed} then 'sum'
                     when _filled = 1 and (regexp_matches(_only, {sql_text(FOOTNOTE)})
                          or regexp_full_match(lower(_only), {sql_text(FILTERS)})) then 'footnote'
                     when _filled = 1
                          and regexp_matches(_only, {sql_text(SENTENCE)}) then 'text'
                     when _filled = 1 and regexp_full_match(_only, {sql_text(WORD)})
                          then 'word'
                     when {label} then 'text'
                end as kind,
                case when {label} then concat_ws(' ', {", ".join(cell)})
                     when {summed} then concat_ws('; ', {", ".join(cell)}) else _only end as cell
            from (select *{below} from ({last}))
        ) order by _line desc"""
    ).fetchall()
    if not rows:
        return
    oldest = rows[-1][0]  # a line DuckDB could not read after it may be a footnote too
    candidates = sorted(
        rows
        + [
            _lone(con, source, line, no_numbers) for line, _, _ in source.malformed if line > oldest
        ],
        reverse=True,
    )
    trailer, data_line = _walk(candidates, {"text", "word"})
    kinds = {kind for _, kind, _ in trailer}
    if "word" in kinds and not kinds & {"text", "footnote"}:
        # one word alone is a footer's (its company name) only beside its sentences: a
        # name alone may be a key (helper-117: 'mbakker' dropped, its text in the note)
        trailer, data_line = _walk(candidates, {"text"})
    texts = [line for line, kind, _ in trailer if kind in ("text", "word")]
    if texts and data_line is not None:
        # text right under the data may be a row (a supplier's name, cut off or alone:
        # helper-118, 'Jan de Vries;;' dropped and quoted): a footnote only below a
        # report's total or marked footnote, or after a blank line
        if min(texts) == _last_line(con, source, data_line) + 1:
            trailer, data_line = _walk(candidates, set())
    if data_line is None or len(trailer) > AT_MOST:
        return  # no data above it, or more than a report's end: all of it data
    footnote = ("text", "word")
    trailer = [
        (line, "footnote" if kind in footnote else kind, cell) for line, kind, cell in trailer
    ]
    lone = [t for t in trailer if t[0] not in {r[0] for r in rows}]
    trailer = [t for t in trailer if t not in lone]
    if trailer:
        lines = sorted(line for line, _, _ in trailer)
        if ("view", source.name) in source.owned:  # repeated headers left out: a view
            # (helper-203: 'Can only delete from base table', a traceback, the run ended)
            leave_out(con, source, lines)
        else:
            con.execute(f"delete from {source.name} where _line in ({', '.join(map(str, lines))})")
    dropped = {line for line, _, _ in lone}
    source.malformed = [m for m in source.malformed if m[0] not in dropped]
    for line, kind, cell in sorted(trailer + lone):
        source.notes.append(note(f"trailer_{kind}", line=line, value=cell[:80]))


# A number as a report writes it, in each convention (1.234,5 and 1,234.5), for a sum:
# how it is read, and the cells it reads (strictly: a sum only in a reading that every
# cell above it has, not 1.5 + 2.5 read as 15 + 25; helper-186)
READINGS = {
    "nl": (
        "try_cast(replace(replace({}, '.', ''), ',', '.') as double)",
        r"-?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?",
    ),
    "en": (
        "try_cast(replace({}, ',', '') as double)",
        r"-?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?",
    ),
}
BARE = r"regexp_replace({}, '(?i)€|eur|\s', '', 'g')"  # without its currency and spaces
# a duration on a clock (16:00, 7:30) is hours in a sum: a column of hours may hold both
# (helper-236: one cell 16:00 among 8,00 and 7,50 kept the file's unlabelled total a row,
# quarantined five times over, and refused the file)
CLOCK_HOURS = (
    "case when regexp_extract({0}, '{1}', 1) = '-' then -1 else 1 end * ("
    "cast(regexp_extract({0}, '{1}', 2) as double)"
    " + cast(regexp_extract({0}, '{1}', 3) as double) / 60"
    " + coalesce(try_cast(regexp_extract({0}, '{1}', 4) as double), 0) / 3600)"
)


def _read(way: str, cell: str) -> str:
    """SQL: ``cell`` read by ``way`` (one convention's), or as hours on a clock."""
    hours = CLOCK_HOURS.format(cell, CLOCK)
    return (
        f"case when regexp_full_match({cell}, '{CLOCK}') then {hours} else {way.format(cell)} end"
    )


def _sum_lines(
    con: duckdb.DuckDBPyConnection, source: SourceTable, last: str, no_numbers: frozenset[int]
) -> list[int]:
    """The last rows that are a total without its word (helper-185: ';;;108;68', or a
    workbook's =SUBTOTAL row, under eight trainings was a row quarantined three times,
    and refused the file): nothing in the columns read as a key or a date (so only where
    the dataset is known), numbers elsewhere, each the sum of its column over the rows
    above (two at least), in one convention or the other."""
    width = len(source.header)
    if not no_numbers or len(no_numbers) == width:
        return []
    others = [i for i in range(width) if i not in no_numbers]
    numberish = sql_text(NUMBERISH)
    plain = every(
        [f"_t{i}" for i in others],
        lambda t: (
            f"{t} is null or regexp_matches(lower({t}), {numberish}) "
            f"or regexp_full_match({t}, '{CLOCK}')"
        ),
        narrow=0,
        first=0,
    )
    empty = every([f"_t{i}" for i in sorted(no_numbers)], lambda t: f"{t} is null")
    rows = con.execute(
        f"select _line, {', '.join(f'_t{i}' for i in others)} from ({last}) "
        f"where _filled >= 1 and {plain} and {empty}"
    ).fetchall()
    found = []
    for line, *cells in rows:
        filled = [(i, c) for i, c in zip(others, cells, strict=True) if c is not None]
        if not any(re.search("[1-9]", c) for _, c in filled):
            continue  # nothing but zeros: no total to tell from a row (helper-186)
        checks = []
        for i, c in filled:
            for way, strict in READINGS.values():
                total, cell = _read(way, BARE.format(sql_text(c))), BARE.format(f"c{i}")
                column = f"sum({_read(way, cell)})"
                filled_in = f"nullif(trim(c{i}), '') is not null"
                read = f"({strict})|{CLOCK}"
                unread = f"{filled_in} and not regexp_full_match({cell}, '{read}')"
                checks.append(
                    f"regexp_full_match({BARE.format(sql_text(c))}, '{read}') "
                    f"and count(*) filter (where {unread}) = 0 "
                    f"and abs({total} - {column}) <= 1e-6 * greatest(1, abs({column}))"
                )
        pairs = ", ".join(f"coalesce({c}, false)" for c in checks)
        above, *hits = con.execute(
            f"select count(*), {pairs} from {source.name} where _line < {int(line)}"
        ).fetchone()
        each = [hits[2 * k] or hits[2 * k + 1] for k in range(len(filled))]
        if above >= 2 and all(each):
            found.append(line)
    return found


def _last_line(con: duckdb.DuckDBPyConnection, source: SourceTable, line: int) -> int:
    """The file's last line of the row on ``line``: a quoted cell over more lines ends
    it lower (helper-151: 'Bos\\nbloemen' on lines 6-7 made line 8 seem to stand after a
    blank line). A line DuckDB could not read is one line, and so is a workbook's row,
    whatever its cells hold (helper-154: Alt+Enter in a cell); a line ends at CR LF, LF
    or CR."""
    if source.format != "csv":
        return line
    cells = " || ".join(f"coalesce(c{i}, '')" for i in range(len(source.header)))
    row = con.execute(
        f"select len(regexp_extract_all({cells}, '\\r\\n|\\r|\\n')) "
        f"from {source.name} where _line = {int(line)}"
    ).fetchone()
    return line + (row[0] if row and row[0] else 0)


def _lone(
    con: duckdb.DuckDBPyConnection, source: SourceTable, line: int, no_numbers: frozenset[int]
) -> tuple[int, str | None, str]:
    """A line DuckDB could not read (too few fields): 'footnote' when its one filled
    field begins with a mark (* bedragen ...), 'text' when it is words and 'word' when one
    word of letters (each a footnote only after a blank line, a word only beside a
    footer's sentences: drop_trailer), 'total' when it is one, also with amounts or
    counts after its word, None when it is none (two fields, a value such as E6, a row
    quoted whole with its delimiters inside: data)."""
    fields = source.bad_fields.get(line, [])
    filled = [c.strip() for c in fields if c and c.strip()]
    if len(filled) > 1 and _lone_total(con, source, fields, no_numbers):
        first = re.search(total_words(source.path), " ".join(filled[0].lower().split()))
        return line, "total", filled[0] if first else filled[-1]
    text = filled[0] if len(filled) == 1 else None
    if text is None or (
        source.delimiter and len(text.split(source.delimiter)) >= len(source.header)
    ):  # a row quoted whole, its delimiters inside (a comma in a footer is none)
        return line, None, ""
    if LONE_MARK.match(text) or re.fullmatch(FILTERS, " ".join(text.lower().split())):
        return line, "footnote", text
    if re.search(total_words(source.path), " ".join(text.lower().split())):
        return line, "total", text  # Aantal records: 6 (helper-149)
    counted = re.fullmatch(COUNT_ALONE, " ".join(text.lower().split()))
    if counted and int(counted.group(1)) in _rows_above(con, source, line):
        return line, "total", text  # 'Totaal 5' under five rows (helper-270 F7)
    return line, ("text" if " " in text else "word" if text.isalpha() else None), text


def _malformed_above(source: SourceTable, line: str = "_line") -> str:
    """SQL to add to a row's count of the rows above it (``line``, SQL): the lines above
    it DuckDB could not read, rows all the same, for the rules to quarantine (helper-272
    F3: 'Totaal 5' under five rows, one with a field too many, was a row)."""
    lines = _malformed_rows(source)
    if not lines:
        return ""
    return f" + len(list_filter([{', '.join(map(str, lines))}], lambda x: x < {line}))"


def _counted(source: SourceTable, alias: str = "") -> tuple[str, str]:
    """SQL over a row of ``source`` (its cells by ``alias``): that it is no totals row
    (its first filled cell no total's word), and that it is a record, two cells filled
    or more (a template's row of a number alone is none)."""
    cells = ", ".join(f"nullif(trim({alias}c{i}), '')" for i in range(len(source.header)))
    word = sql_text(total_words(source.path) + EXCEL_LABEL)
    no_total = f"not coalesce(regexp_matches(lower(coalesce({cells})), {word}), false)"
    return no_total, f"len(list_filter([{cells}], lambda x: x is not null)) >= 2"


def _records_sql(source: SourceTable, line: str) -> str:
    """SQL: the records above ``line`` (SQL), not a total's (_counted): what a count
    under a register's template numbered ahead counts (helper-273 F3: 'Totaal 3' under
    three gifts and eight rows of a number alone was a row, and the register refused)."""
    no_total, record = _counted(source, "r.")
    return (
        f"(select count(*) from {source.name} as r where r._line < {line} "
        f"and {record} and {no_total})"
    )


def _rows_above(con: duckdb.DuckDBPyConnection, source: SourceTable, line: int) -> tuple[int, int]:
    """The rows read above ``line``, without the totals rows among them (as drop_trailer
    counts them for a total's count: helper-270 F7); and of those, the records
    (_counted). One pass over the file."""
    no_total, record = _counted(source)
    [(rows, records)] = con.execute(
        f"select count(*) filter (where {no_total}), "
        f"count(*) filter (where {no_total} and {record}) "
        f"from {source.name} where _line < {line}"
    ).fetchall()
    malformed = sum(1 for m in _malformed_rows(source) if m < line)  # rows (quarantined)
    return rows + malformed, records + malformed


def _malformed_rows(source: SourceTable) -> list[int]:
    """The lines DuckDB could not read that are rows: two fields filled or more (one alone
    is a label, a footnote or a total of its own: helper-273 F4, 'Subtotaal maart'
    counted, and 'Totaal 5' under it said a footnote)."""
    return sorted(
        line
        for line, *_ in source.malformed
        if sum(1 for f in source.bad_fields.get(line, []) if f and f.strip()) >= 2
    )


def _lone_total(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    fields: list[str],
    no_numbers: frozenset[int],
) -> bool:
    """A line typed without the delimiters after it ('Totaal;7' under eleven columns,
    helper-236) is a total: its first filled field the word for one, the others amounts
    or counts, and where the dataset reads a key or a date, the count of the rows above
    with it filled (as drop_trailer's rows: 'Total;4711;104233;17.01.2026;45', a gift
    described Total, is data; helper-238)."""
    cells = [(i, " ".join(c.lower().split())) for i, c in enumerate(fields) if c and c.strip()]
    (_, word), *others = cells
    if not re.search(total_words(source.path), word):
        # or its last, past the header's columns: Excel's grand row labelled right of
        # its amount (';;;;120;Totaal' beside a table of five: helper-255 F4, refused)
        *others, (at, word) = cells
        if at < len(source.header) or not re.search(total_words(source.path), word):
            return False
    if not all(LONE_NUMBERISH.search(c) for _, c in others):
        return False
    keyed = [(i, c) for i, c in others if i in no_numbers]
    if not keyed:
        return True
    if any(i >= len(source.header) or not LONE_COUNT_OF.fullmatch(c) for i, c in keyed):
        return False
    counts = ", ".join(f"count(nullif(trim(c{i}), ''))" for i, _ in keyed)
    filled_in = con.execute(f"select {counts} from {source.name}").fetchone()
    written = [int(LONE_COUNT_OF.fullmatch(c).group(1).replace(".", "")) for _, c in keyed]
    return list(filled_in) == written


def _walk(
    candidates: list[tuple[int, str | None, str]], also: set[str]
) -> tuple[list[tuple[int, str | None, str]], int | None]:
    """The lines from the end up to the last line of data (candidates newest first), and
    that line (None: every candidate is a report's end, so there is no data above).
    Totals and footnotes are a report's end; text and a word alone only when ``also``
    names them."""
    taken = []
    for line, kind, cell in candidates:
        if kind is None or (kind in ("text", "word") and kind not in also):
            return taken, line
        taken.append((line, kind, cell))
    return taken, None
