"""A file's header as survey tools write it, read before a wide export is unpivoted.

``header_rows: 2`` (SurveyMonkey): the question in the first row, over the empty cells
to its right, each statement of a matrix in the second; the columns are named
"question / statement" and the second row, which must hold no number or date, is left
out. ``extra_header_rows: N`` (Qualtrics: the question texts, then its import ids): the
N rows below the header, counted as rows (a question text over several lines is one),
are left out once each is shown to hold names, not values: a row with a number, date or
ja/nee read, or with no such cell at all, is data, and the file is refused naming its
line rather than a respondent lost. A note on the file names the rows left out. The
file-wide month-first proof (date_order.file_order_proof) is taken here too, over every
column as written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection

import duckdb
import pandas as pd

from pipelines.core.texts import Message
from pipelines.ingest.checks import Checked
from pipelines.ingest.codes import code_key, spelling_key
from pipelines.ingest.currency_column import CURRENCY_NAME
from pipelines.ingest.date_order import file_order_proof, formats_of, month_first_text
from pipelines.ingest.dates import parse_date
from pipelines.ingest.dropped_rows import drop_mapped_rows, drop_unread_rows
from pipelines.ingest.mapping import Mapping
from pipelines.ingest.natural_keys import NATURAL_KEYS
from pipelines.ingest.parsing import parse_number
from pipelines.ingest.quality import DATASETS
from pipelines.ingest.readers import UnusableFile, unusable
from pipelines.ingest.recognise import canonical, header_name, note, recognise
from pipelines.ingest.repeated_header import drop_repeated_headers
from pipelines.ingest.source_table import SourceTable, _new_name
from pipelines.ingest.subtotals import drop_subtotals
from pipelines.ingest.template_rows import drop_numbered_template
from pipelines.ingest.time_zones import read_in_zones
from pipelines.ingest.trailer import drop_trailer

# How a column's two header rows are joined: group / statement (question / statement)
JOINED = " / "

KEYS = ("_key", "_id")  # a dataset's keys and ids: employee_key, record_id, order_id, ...


def read_columns(source: SourceTable, mapping: Mapping | None) -> set[int]:
    """The columns (by index) a file's rows are read by, as recognise names them (a
    contract's column, by its name as matched or with spaces or hyphens for underscores),
    the mapping's columns and drop_rows too, and a currency column beside the amounts by
    its name (currency_column.py: it says what each amount is); under unpivot every one
    but skip_columns; under header_rows: 2 every one (its names are joined after this)."""
    every = set(range(len(source.header)))
    if mapping is not None and (mapping.unpivot is not None or mapping.header_rows == 2):
        skipped = {header_name(c) for c in mapping.unpivot.skip_columns} if mapping.unpivot else ()
        return {i for i in every if header_name(source.header[i]) not in skipped}
    known = {c for spec in DATASETS.values() for c in spec.column_names}
    named = {header_name(c) for c in (*mapping.columns, *mapping.drop_rows)} if mapping else set()
    return {
        i
        for i in every
        if canonical(source.header[i], known) in known
        or header_name(source.header[i]) in named
        or CURRENCY_NAME.fullmatch(spelling_key(source.header[i]))  # helper-200: Valuta
    }


def refuse_merged(source: SourceTable, read: set[int]) -> None:
    """UnusableFile for merged cells down the data rows of a column that is read (their
    cells below the first would read as empty); merged cells in columns nothing reads (a
    remark) are no matter (helper-197)."""
    for i, (ref, line) in sorted(source.facts.merged.items()):
        if i in read:
            column = source.header[i]
            raise unusable("xlsx_merged_cells", source.path, cells=ref, line=line, column=column)


def before_unpivot(
    con: duckdb.DuckDBPyConnection, source: SourceTable, mapping: Mapping | None
) -> list[int]:
    """What is read of a file as it is written, before a wide export is unpivoted: a
    repeated header and its title left out (repeated_header.py), the
    totals row and footnotes under the data left out (trailer.py), a header over two rows
    joined (``header_rows: 2``), the month-first proof over every
    column (date_order.file_order_proof), and the lines of the extra header rows, which
    skip_header_rows leaves out once the rows are typed (the times of a column they name
    a zone for read in it: time_zones.py)."""
    read = read_columns(source, mapping)
    refuse_merged(source, read)  # merged cells down the rows of a column that is read
    drop_repeated_headers(con, source, read)  # a second table's title and header
    no_numbers, keyed, required, numbering, dates, valued = _no_numbers(source, mapping)
    drop_trailer(con, source, no_numbers)  # a totals row, footnotes
    # a subtotal between the rows (Subtotaal jan.), and a group's count at the end (februari
    # Aantal above Totaal aantal); with those out, a grand count is of the rows alone, and
    # a footnote under it the trailer's: again (helper-215 Q1: quarantined under subtotals)
    if drop_subtotals(con, source, keyed, required):
        drop_trailer(con, source, no_numbers)
    drop_mapped_rows(con, source, mapping)  # drop_rows: a cancelled order, a credit note
    drop_unread_rows(con, source, read)  # formulas a template drags down, and no more
    # a template numbered down, its defaults dragged down or not
    drop_numbered_template(con, source, read, numbering, required, dates, valued)
    if mapping is not None and mapping.header_rows == 2:
        _join_two_header_rows(con, source)
    if mapping is not None and mapping.unpivot is not None:
        # a wide export's id column twice (helper-102: the second 'Eenheid' was taken for
        # an unknown item): which one holds the unit cannot be told
        ids = {header_name(c) for c in mapping.unpivot.id_columns}
        names = [header_name(h) for h in source.header]
        pairs = zip(source.header, names, strict=True)
        twice = sorted({h for h, n in pairs if n in ids and names.count(n) > 1})
        if twice:
            raise unusable("duplicate_header", source.path, columns=", ".join(twice))
    mdy = mapping is not None and mapping.date_order == "mdy"
    declared = mapping is not None and "date_order" in mapping.model_fields_set
    source.order_proof = file_order_proof(con, source, mdy, declared)
    if mdy:  # a month-first text beside Excel's date cells (date_order.excel_swapped)
        source.month_first_text = month_first_text(con, source)
    extra = mapping.extra_header_rows if mapping is not None else None
    lines = header_lines(con, source, extra) if extra else []
    unpivot = mapping.unpivot if mapping is not None else None
    skipped = frozenset(header_name(c) for c in unpivot.skip_columns) if unpivot else frozenset()
    english = mapping is not None and "en" in formats_of(mapping)  # (english_doubts)
    read_in_zones(con, source, lines, skipped, mdy, declared, english)  # Qualtrics' ids
    return lines


def _no_numbers(source: SourceTable, mapping: Mapping | None) -> tuple[frozenset[int], ...]:
    """The columns (by index) the file's dataset reads as a key or a date: a number
    there may be a key or a date (4711, 17.01.2026), so a totals row holds nothing there.
    A count under a code column stays a count (helper-119: ``Aantal;8;;;`` under the
    department). None known when the file's dataset cannot be told yet (a header over
    two rows; the file is refused later, where it is named). Then those with the natural
    key's columns (a vehicle's year), which of those are required (subtotals.py), and a
    register's number (record_id: drop_numbered_template), the date columns, and those
    the mapping's values map (template_rows.py)."""
    try:
        spec, rename, _ = recognise(source, mapping)
    except UnusableFile:
        if mapping is None or mapping.unpivot is None:
            return (frozenset(),) * 6
        # a wide export, before it is unpivoted: its id columns, as the mapping names
        # them (helper-206: a sum row under the items, without its word, was quarantined
        # twelve times and refused the file)
        spec = DATASETS[mapping.dataset]
        named = {header_name(k): v for k, v in mapping.columns.items()}
        ids = {header_name(c) for c in mapping.unpivot.id_columns}
        rename = {
            h: named.get(header_name(h), header_name(h))
            for h in source.header
            if header_name(h) in ids
        }
    keys_and_dates = {
        c.name for c in spec.columns if c.type in ("date", "month") or c.name.endswith(KEYS)
    }
    keyed = keys_and_dates | set(NATURAL_KEYS.get(spec.name, ()))
    # an empty cell the mapping's values fill ({received_on: {"": 01-01-2025}}) is no
    # empty column to a row's rules (helper-215 S2: a gift so dated was left out)
    values = mapping.values if mapping is not None else {}
    filled = {t for t, labels in values.items() if _fills_empty(labels)}
    required = {c.name for c in spec.columns if c.required} & keyed - filled
    return tuple(
        frozenset(i for i, h in enumerate(source.header) if rename.get(h) in names)
        for names in (
            keys_and_dates,
            keyed,
            required,
            {"record_id"},
            {c.name for c in spec.columns if c.type in ("date", "month")},
            set(values),
        )
    )


def _fills_empty(labels: dict[str, str | int | None]) -> bool:
    """Whether a mapping's ``values`` of a column give an empty cell a value."""
    return any(
        code_key(str(k)) == "" and v is not None and str(v).strip() for k, v in labels.items()
    )


def _join_two_header_rows(con: duckdb.DuckDBPyConnection, source: SourceTable) -> None:
    """SurveyMonkey's header: the question in the first row, over the empty cells to its
    right, and each statement of a matrix (or "Response") in the second. A column's name
    becomes "question / statement" (one of them where the other is empty); the second
    row is no data and is left out, and a note says so."""
    if source.format == "parquet":  # its column names are fixed, its rows all data
        raise unusable("parquet_header_rows", source.path)
    width = len(source.header)
    cells = ", ".join(f"c{i}" for i in range(width))
    first = con.execute(
        f"select _line, {cells} from {source.name} order by _line limit 1"
    ).fetchone()
    wrong = [m[0] for m in source.malformed if first is None or m[0] < first[0]]
    if wrong:
        raise unusable("second_header_row", source.path, line=wrong[0])
    if first is None:
        raise unusable("second_header_row_missing", source.path)
    # names, not values: a number or a date there is a respondent (helper-96: with row 2
    # missing or blank, line 3 was taken for it)
    row = pd.Series([c for c in first[1:] if c and c.strip()], dtype=object)
    if any(parse_number(row, f).values.notna().any() for f in ("nl", "en")) or (
        parse_date(row).values.notna().any()
    ):
        raise unusable("second_header_row_is_data", source.path, line=first[0])
    names, question = [], ""
    for top, sub in zip(source.header, first[1:], strict=True):
        top, sub = (top or "").strip(), (sub or "").strip()
        question = top or (question if sub else "")
        names.append(JOINED.join(x for x in (question, sub) if x))
    source.header = names
    view = _new_name("data")
    con.execute(
        f"create temp view {view} as select * from {source.name} where _line <> {first[0]:d}"
    )
    source.owned.append(("view", view))
    source.name = view
    source.notes.append(note("second_header_row", line=first[0]))


def header_lines(con: duckdb.DuckDBPyConnection, source: SourceTable, count: int) -> list[int]:
    """The lines of the first ``count`` rows below the header (empty rows not counted, a
    row with too few or too many fields counted: a header row need not have the header's
    width), read before a wide export is unpivoted; UnusableFile when the file has fewer."""
    if source.format == "parquet":  # its column names are fixed, its rows all data
        raise unusable("parquet_extra_header_rows", source.path)
    rows = [r[0] for r in con.execute(f"select _line from {source.name} order by _line").fetchall()]
    lines = sorted({*rows[:count], *(m[0] for m in source.malformed)})[:count]
    if len(lines) < count:
        raise unusable("header_rows_too_many", source.path, count=count, rows=len(lines))
    return lines


def skip_header_rows(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    lines: list[int],
    check: Callable[[SourceTable], Checked],
    filled: Collection[str] = frozenset(),
) -> None:
    """``source`` without the rows of ``lines``; UnusableFile when one of them is data.
    ``check``: the checks a file's rows go through (loader.check_file); ``filled``: the
    columns filled on every row by the radar, not the file (a wide export's item column,
    a from_export_date column): they say nothing of a row.

    A header row holds names, not values: it is one when not one of its cells in a
    number, date or ja/nee column reads as such, and at least one of them is filled, or
    when none of the dataset's required columns is filled (no record without them). A
    row with any such value read is data (a first respondent with one bad answer too),
    and so is a row with no such cell at all (nothing tells it from data): the file is
    refused rather than a row dropped unseen. A row with too few or too many fields is
    counted (the count does not slide onto the data) and stays quarantined."""
    if not lines:
        return
    listed = ", ".join(str(int(n)) for n in lines)
    probe = _new_name("head")
    rows_of = f"select * from {source.name} where _line in ({listed})"
    con.execute(f"create temp view {probe} as {rows_of}")
    try:
        checked = check(dataclasses.replace(source, name=probe, owned=[], notes=[], malformed=[]))
        try:
            typed = {r[0] for r in con.execute(f"describe {checked.typed}").fetchall()}
            valued = [
                c.name
                for c in checked.spec.columns
                if c.type != "text" and f"{c.name}__status" in typed and c.name not in filled
            ]
            read = " + ".join(f'count("{c}")' for c in valued) or "0"
            unread = " + ".join(f'count_if("{c}__status" > 0)' for c in valued) or "0"
            # a row with none of the required columns filled is no record (a survey tool's
            # question numbers under its items, ;;;1;2;3: helper-226 4, refused as data)
            keys = [
                c.name
                for c in checked.spec.columns
                if c.required and c.name in typed and c.name not in filled
            ]
            keyless = " and ".join(f'count("{c}") = 0' for c in keys) or "false"
            counts = con.execute(
                f"select _line, {read}, {unread}, {keyless} from {checked.typed} group by _line"
            ).fetchall()
        finally:
            checked.drop(con)
    finally:
        con.execute(f"drop view if exists {probe}")
    data = sorted(
        line
        for line, read_n, unread_n, keyless in counts
        if (read_n > 0 or unread_n == 0) and not keyless
    )
    if data:
        raise unusable("header_row_is_data", source.path, line=data[0], count=len(lines))
    view = _new_name("data")
    con.execute(
        f"create temp view {view} as select * from {source.name} where _line not in ({listed})"
    )
    source.owned.append(("view", view))
    source.name = view
    # a row with too few or too many fields stays in quarantine (truncated_row): it counts
    # as a header row, but it cannot be read to tell (helper-95: a data row went unsaid)
    source.notes.append(note("extra_header_rows", lines=listed, rows=len(lines)))


def coded_items(header: list[str], known: set[str], item_column: str) -> list[Message]:
    """Item columns of two header rows, no item themselves, whose second is an item's
    code (Helderheid / CLA1: a group's title merged over its items): the mapping's values
    that read them, ready to copy (helper-253 F6: 240 of 240 answers quarantined, and the
    way out the note named, skip_columns, would have left out every answer)."""
    coded = {
        name: tail
        for name in header
        if JOINED in name
        and code_key(name) not in known
        and code_key(tail := name.rsplit(JOINED, 1)[1].strip()) in known
    }
    if not coded:
        return []
    pairs = ", ".join(f"'{n.replace(chr(39), chr(39) * 2)}': {t}" for n, t in coded.items())
    values = f"{{{item_column}: {{{pairs}}}}}"
    return [Message("note.coded_items", locale_file="ingest", values=values)]


def known_items(mapping: Mapping, survey_items: Collection[str]) -> set[str] | None:
    """A wide survey export's items as code_key reads them: the catalogue's, or a label
    the mapping's values turn into one (Q1: CLA1); None for another dataset."""
    if mapping.dataset != "survey_responses" or mapping.unpivot is None:
        return None
    items = {code_key(i) for i in survey_items}
    labels = mapping.values.get(mapping.unpivot.item_column, {})
    return items | {
        code_key(str(k)) for k, v in labels.items() if v is not None and code_key(str(v)) in items
    }
