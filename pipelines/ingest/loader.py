"""``radar ingest``: read exports as they come, check them, pseudonymise, quarantine.

For each file: recognise the format, encoding and delimiter, and read it into DuckDB as
text cells with their line numbers (source_table; readers for XLSX, Parquet and what
DuckDB cannot take), the dataset (from a column mapping or from the header), type each
column the Dutch way and run the dataset's rules as SQL generated from its Great
Expectations suite (checks, parsing, quality), replace every ``*_key`` by its pseudonym,
and load the good rows into ``raw_<dataset>``. A row that breaks a rule goes to
``quarantine`` with its line, column, value and reason; every file gets a row in
``ingest_log`` with rows_in = rows_loaded + rows_quarantined. A file with more than
``ingest.max_quarantined_share`` of its rows in quarantine is refused as a whole (status
``geweigerd``): none of its rows is loaded, its quarantine rows are kept to show why, and
rows_loaded is 0. A file already ingested (same content) is skipped; a refused one is
tried again. All of it happens in one warehouse transaction
(warehouse.rebuilding): a crash or kill leaves the previous warehouse as it was.

Column mappings are in ``mapping``; natural keys and the notes on overlapping exports in
``reexports``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.core.catalogue import Catalogue
from pipelines.core.clock import utc_now
from pipelines.core.texts import Message, Said
from pipelines.core.warehouse import BUILD_MEMORY_LIMIT
from pipelines.ingest.checks import Checked, check_source, plans
from pipelines.ingest.clock_cells import with_file_units
from pipelines.ingest.delimiters import comma_file_proof
from pipelines.ingest.dropped_keys import store_dropped_keys
from pipelines.ingest.export_date_fill import fill_from_export_date
from pipelines.ingest.export_dated import after_export_date_notes
from pipelines.ingest.file_result import FileResult
from pipelines.ingest.folders import expand_paths, mapping_elsewhere
from pipelines.ingest.header_hint import with_header_hint
from pipelines.ingest.header_rows import (
    before_unpivot,
    coded_items,
    known_items,
    skip_header_rows,
)
from pipelines.ingest.held_periods import store_held_days
from pipelines.ingest.loads import (
    REFUSED,
    RELEASED,
    WITHDRAWN,
    LoggedLoad,
    choose_mappings,
    content_key,
    edited_notes,
    forget_refusals,
    newer_export,
    next_moment,
    older_copy,
    other_sheets_unread,
    same_load_keys,
    same_reading,
    sheet_siblings,
    superseded_by,
)
from pipelines.ingest.look import look
from pipelines.ingest.mapping import (
    ANSWER_LABELS,
    Mapping,
    load_mapping,
    number_format,
)
from pipelines.ingest.pseudonym import load_key
from pipelines.ingest.quality import DATASETS
from pipelines.ingest.quality.base import SuiteContext
from pipelines.ingest.quality.context import suite_context
from pipelines.ingest.quarantined import first_quarantined, shares, store_quarantine
from pipelines.ingest.readers import ENCODING_NAMES, RawTable, UnusableFile, unusable
from pipelines.ingest.recognise import column_notes, nameless_columns, note, recognise
from pipelines.ingest.reexports import held_back_notes, overlap_notes, refuse_emptying
from pipelines.ingest.references import resolved, waiting_elsewhere
from pipelines.ingest.said_numbers import without_person_numbers
from pipelines.ingest.source_table import SourceTable, from_raw_table, load_source
from pipelines.ingest.tables import ensure_tables
from pipelines.ingest.top_answer import refuse_without_top, series_of
from pipelines.ingest.unpivot import unpivot

# --- one file ---------------------------------------------------------------------------


def check_file(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    mapping: Mapping | None,
    ctx: SuiteContext,
    key: bytes,
) -> Checked:
    """Recognise, type and check one source table (pipelines/ingest/checks.py)."""
    spec, rename, notes = recognise(source, mapping)
    notes = [*notes, *nameless_columns(con, source), *mapping_elsewhere(source.path, mapping)]
    column_plans = plans(
        spec, mapping, ctx, lambda column: number_format(source, mapping, column), ANSWER_LABELS
    )
    column_plans = with_file_units(comma_file_proof(column_plans, source, mapping), rename)
    checked = check_source(con, source, spec, rename, column_plans, ctx, key)
    checked.notes = [*source.notes, *notes, *column_notes(con, source, spec, rename, mapping, ctx)]
    checked.notes = without_person_numbers(checked.notes, spec)  # a footnote's 100099
    named = set(rename.values())
    checked.header_of = {canonical: header for header, canonical in rename.items()}
    checked.absent_columns = tuple(
        c for c in spec.column_names if c not in named and c != "record_id"
    )
    return checked


# --- a whole run -----------------------------------------------------------------------


def _dataset_order(path: Path, header: list[str], mapping: Mapping | None) -> int:
    """The load order of DATASETS: org_units first (the other datasets are checked
    against it), suppliers before procurement. A file that is no dataset goes last
    (reading it says why)."""
    if mapping is not None:
        return list(DATASETS).index(mapping.dataset)
    try:
        spec, _, _ = recognise(RawTable(path, "", None, None, header), None)
    except UnusableFile:
        return len(DATASETS)
    return list(DATASETS).index(spec.name)


@dataclass
class _Todo:
    path: Path
    mapping: Mapping | None
    result: FileResult
    content_hash: str
    header: list[str]
    # XLSX and Parquet are read whole at once (readers.py); a CSV is read by DuckDB later
    table: RawTable | None
    siblings: tuple[str, ...] = ()  # the loads of its workbook's other sheets (next_moment)


def _unblocked_now(
    con: duckdb.DuckDBPyConnection,
    results: list[FileResult],
    known: dict[str, tuple[str | None, str | None]],
    before: dict[str, int],
    redo: set[str],
    mapping_of: dict[int, Mapping | None],
) -> list[_Todo]:
    """Files skipped in this run whose quarantined rows wait for a reference this run
    loaded: read again (references.py)."""
    again = []
    now = resolved(con)
    for result in results:
        if result.skipped and result.same_as is None and result.content_hash in now:
            if result.content_hash in before or result.content_hash not in known:
                continue
            mapping = mapping_of[id(result)]
            try:
                _, header, table = look(result.path, mapping)
            except UnusableFile:  # gone or changed since: it stays skipped, as it was
                continue
            result.skipped = False
            result.notes.append(note("references_loaded", count=now[result.content_hash]))
            redo.add(result.content_hash)
            again.append(_Todo(result.path, mapping, result, result.content_hash, header, table))
    return again


def _load(
    con: duckdb.DuckDBPyConnection, item: _Todo, ctx: SuiteContext, day: dt.date | None
) -> SourceTable:
    """The file as a source table (unpivoted when its mapping says so; a wide survey's
    columns checked against the catalogue's items before any cell is kept; a snapshot
    column it lacks filled from its export date ``day``: export_date_fill.py)."""
    mapping = item.mapping
    if item.table is not None:
        source = from_raw_table(con, item.table)
    else:
        data = item.path.read_bytes()
        if content_key(data, mapping) != item.content_hash:
            raise unusable("changed", item.path)
        source = load_source(
            con,
            item.path,
            data,
            mapping.header_row if mapping else 1,
            mapping.sheet if mapping else None,
            mapping.encoding if mapping else None,
        )
    head = before_unpivot(con, source, mapping)  # header rows, the month-first proof
    if mapping is not None and mapping.unpivot is not None:
        u, wide = mapping.unpivot, source.header
        known = known_items(mapping, ctx.survey_items)
        source = unpivot(
            con, source, u.id_columns, u.item_column, u.value_column, u.skip_columns, known
        )
        source.notes += coded_items(wide, known, u.item_column) if known else []
        source.header_lines = frozenset(head)  # a header row is no respondent's answers
    if day is not None:  # before the header rows' check, which reads them as rows
        fill_from_export_date(con, source, mapping, day)
    # each header row checked as data would be (nothing kept: a throwaway key); the
    # columns filled on every row are none of the file's (helper-230: from_export_date)
    filled = {mapping.unpivot.item_column} if mapping and mapping.unpivot else set()
    filled |= {mapping.from_export_date} if mapping and mapping.from_export_date else set()
    skip_header_rows(
        con, source, head, lambda rows: check_file(con, rows, mapping, ctx, bytes(32)), filled
    )
    return source


def ingest_files(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[Path],
    catalogue: Catalogue,
    *,
    mappings: Iterable[Path] = (),
    progress: Callable[[str, int, int], None] | None = None,
) -> list[FileResult]:
    """Ingest files into an open warehouse connection (inside warehouse.rebuilding)."""
    # Nothing is downloaded at run time: DuckDB may not fetch an extension it lacks.
    con.execute("set autoinstall_known_extensions = false")
    con.execute("set autoload_known_extensions = false")
    ensure_tables(con)
    files, found_mappings = expand_paths(paths)
    explicit = [load_mapping(Path(m)) for m in mappings]
    key = load_key()
    max_share = catalogue.settings.ingest.max_quarantined_share
    max_columns = catalogue.settings.ingest.max_columns
    top_min = catalogue.settings.ingest.survey_top_min
    logged = [
        LoggedLoad(*row)
        for row in con.execute(
            "select content_hash, status, mapping_hash, mapping_file, dataset, rows_loaded,"
            " source_file, ingested_at, export_date, ingested_utc from ingest_log"
            " order by ingested_at"
        ).fetchall()
    ]
    # A refused file is tried again (perhaps with a better mapping); its earlier refusal
    # is replaced by what happens now. A file loaded before under another mapping (a
    # corrected number_format, say) is read again and replaces that earlier load.
    refused = {r.content_hash for r in logged if r.status == REFUSED}
    loads = {r.content_hash: r for r in logged if r.status not in (REFUSED, RELEASED)}
    known = {h: (r.mapping_hash, r.mapping_file) for h, r in loads.items()}
    redo: set[str] = set()
    # rows quarantined for a supplier or org unit that is loaded now (references.py)
    unblocked = resolved(con)
    mapping_of: dict[int, Mapping | None] = {}  # by id(FileResult)
    # one load per file, or per sheet where mappings read several of one workbook
    loads_of = [(p, m) for p in files for m in choose_mappings(p, explicit, found_mappings)]
    several = {p for p, _ in loads_of if sum(q == p for q, _ in loads_of) > 1}

    results: list[FileResult] = []
    todo: list[_Todo] = []
    this_run: dict[str, Path] = {}
    for path, mapping in loads_of:
        result = FileResult(path, sheet=mapping.sheet if path in several and mapping else None)
        results.append(result)
        mapping_of[id(result)] = mapping
        try:
            # a workbook's sheet is read only when it is not skipped below: loaded before
            # (its bytes and mapping the same), a rebuild or a folder ingested again
            # reads none of its cells (seconds for a large workbook)
            data, header, table = look(path, mapping, max_columns, sheet_too=False)
        except UnusableFile as exc:
            result.error = Said(exc.message)
            continue
        result.content_hash = content_key(data, mapping)
        if result.content_hash not in loads and result.content_hash not in this_run:
            # a workbook's sheet, named now or before (in an earlier run or this one)
            alias = same_load_keys(path, data, mapping, loads.keys() | this_run.keys())
            result.content_hash = alias[0] if alias else result.content_hash
        siblings = sheet_siblings(data, mapping, result.content_hash)
        read = {m.sheet for q, m in loads_of if q == path and m and m.sheet}
        read |= {name for name, k in siblings.items() if k in loads}  # each by a load of its own
        del data
        if result.content_hash in loads:
            load = loads[result.content_hash]
            if load.status == WITHDRAWN:  # taken back (radar withdraw): never read again
                result.skipped, result.withdrawn = True, (load.source_file, load.ingested_at)
                continue
            # a copy its own mapping dates older is no corrected reading of the newer one
            same = same_reading(known[result.content_hash], mapping) or older_copy(
                path, mapping, load
            )
            # the same content under a newer export date (a correction reverted): the newest
            newer = newer_export(path, mapping, load.export_date)
            if same and result.content_hash not in unblocked and newer is None:
                result.skipped, result.earlier = True, (load.source_file, load.ingested_at)
                result.superseded = superseded_by(con, loads.values(), load, path)
                continue
            redo.add(result.content_hash)
            if not same:
                result.notes.append(note("remapped", dataset=load.dataset, rows=load.rows_loaded))
            elif result.content_hash in unblocked:
                count = unblocked[result.content_hash]
                result.notes.append(note("references_loaded", count=count))
            else:
                before = load.export_date
                result.notes.append(
                    note(
                        "redated",
                        earlier=load.source_file,
                        before=before.strftime("%d-%m-%Y") if before else "-",
                        date=newer.strftime("%d-%m-%Y") if newer else "-",
                    )
                )
        if result.content_hash in this_run:
            kept = next(t for t in todo if t.content_hash == result.content_hash)
            kept_date = newer_export(kept.path, kept.mapping, None)
            if newer_export(path, mapping, kept_date) is None:
                result.skipped, result.same_as = True, this_run[result.content_hash]
                continue
            # the same content under a newer export date in this run: that one is read,
            # as the newest export, and the other is the copy
            first = kept.result
            first.skipped, first.same_as = True, path
            result.notes, first.notes = first.notes, []
            todo.remove(kept)
        if header is None:  # a workbook to be read: now its sheet
            try:
                _, header, table = look(path, mapping, max_columns)
            except UnusableFile as exc:
                result.error, result.content_hash, result.notes = Said(exc.message), "", []
                continue
        if table is not None and siblings:
            table.notes = other_sheets_unread(table.notes, read)
        this_run[result.content_hash] = path
        keys = tuple(siblings.values())
        todo.append(_Todo(path, mapping, result, result.content_hash, header, table, keys))

    todo.sort(key=lambda item: _dataset_order(item.path, item.header, item.mapping))
    pending, number, rechecked = list(todo), 0, False
    while pending or not rechecked:
        if not pending:
            # after the last file: a file skipped as already ingested whose quarantined
            # rows wait for a supplier or org unit loaded in this run is read again
            rechecked = True
            pending = _unblocked_now(con, results, known, unblocked, redo, mapping_of)
            continue
        item, number = pending.pop(0), number + 1
        path, mapping, content_hash = item.path, item.mapping, item.content_hash
        result = item.result
        if progress:
            progress(path.name, number, number + len(pending))
        source: SourceTable | None = None
        checked: Checked | None = None
        try:
            try:
                export_date = mapping.export_date_of(path) if mapping is not None else None
                ctx = suite_context(con, catalogue, export_date)
                source = _load(con, item, ctx, export_date)
                checked = check_file(con, source, mapping, ctx, key)
                checked.export_date = export_date
                checked.export_month = bool(mapping and mapping.export_date_is_month(path))
                checked.covers = mapping.covers if mapping is not None else None
                checked.series = series_of(path, mapping) if mapping and mapping.sheet else None
                moment = next_moment(con, item.siblings, checked.spec.name)
                refuse_emptying(con, checked, path, content_hash, content_hash in redo, moment)
                refuse_without_top(con, checked, path, mapping, top_min, content_hash)
            except UnusableFile as exc:
                result.error = Said(with_header_hint(exc, path, mapping).message)
                continue
            except (duckdb.OutOfMemoryException, MemoryError):
                # one file too large for the memory a build may use: that file is
                # unusable, the rest of the run goes on (nothing of it was stored yet)
                result.error = Said(
                    Message(
                        "unusable.too_large",
                        locale_file="ingest",
                        path=path,
                        limit=BUILD_MEMORY_LIMIT,
                    )
                )
                continue
            if source.rows_in == 0 and not source.dropped:  # else drop_rows' note says it
                checked.notes.append(note("header_only"))
            checked.notes[:0] = result.notes
            earlier = "replace" if content_hash in redo else None
            earlier = "refused" if content_hash in refused else earlier
            _store(con, source, mapping, content_hash, checked, result, moment, max_share, earlier)
        finally:
            if checked is not None:
                checked.drop(con)
            if source is not None:
                source.drop(con)
            item.table = None
    waiting_elsewhere(con, results, unblocked)  # said on the reference files
    return results


def _store(
    con: duckdb.DuckDBPyConnection,
    table: SourceTable,
    mapping: Mapping | None,
    content_hash: str,
    checked: Checked,
    result: FileResult,
    now: dt.datetime,
    max_share: float = 1.0,
    earlier: str | None = None,
) -> None:
    """Store one checked file. ``earlier``: "refused" (its earlier refusal is replaced)
    or "replace" (it was loaded before under another mapping: that load is replaced, and
    the new one keeps the earlier ingest time, its place in the order of exports; a
    re-read that would be refused leaves the earlier load as it was). ``now``: the
    moment it is stored (loads.next_moment)."""
    # the file as the log names it: absolute, so a later command run from another folder
    # compares it with the path it is given as one file or another (loads.same_file;
    # helper-278: logged as typed, gifts.csv of another folder was 'al ingelezen', and a
    # withdrawn file given from its parent folder was said as a copy, with the copy's
    # way back, which counted it again)
    source = os.path.abspath(table.path)
    spec = checked.spec
    n_quarantined = checked.rows_quarantined
    result.failed = table.rows_in > 0 and n_quarantined / table.rows_in > max_share
    if earlier == "replace" and result.failed:
        result.dataset, result.rows_in = spec.name, table.rows_in
        result.rows_quarantined = n_quarantined
        limit = shares(0, max_share)[1]
        result.notes = [
            note("refused_remapped", quarantined=n_quarantined, rows=table.rows_in, limit=limit)
        ]
        # why, as for any refused file (helper-171: not one reason was said)
        result.examples, result.reasons = first_quarantined(con, checked.quarantine)
        return
    if earlier is not None:
        if earlier == "replace":
            first = con.execute(
                "select min(ingested_at) from ingest_log where content_hash = ?", [content_hash]
            ).fetchall()[0][0]
            now = first or now
        for name in ("quarantine", "ingest_expectations", "ingest_log"):
            con.execute(f"delete from {name} where content_hash = ?", [content_hash])
        for other in DATASETS.values():
            con.execute(f"delete from raw_{other.name} where _content_hash = ?", [content_hash])
    forget_refusals(con, source, content_hash, mapping)
    if result.failed:
        share, limit = shares(n_quarantined / table.rows_in, max_share)
        counts = {"quarantined": n_quarantined, "rows": table.rows_in}
        checked.notes.insert(0, note("refused", share=share, limit=limit, **counts))
    else:
        absent = ",".join(checked.absent_columns) or None
        con.execute(
            f"""insert into raw_{spec.name} by name
            select g.*, ? as _source_file, ? as _content_hash, ? as _ingested_at,
                cast(? as date) as _export_date, cast(? as varchar) as _covers,
                cast(? as varchar) as _absent
            from {checked.good} as g""",
            [source, content_hash, now, checked.export_date, checked.covers, absent],
        )
        store_dropped_keys(con, checked, source, content_hash, now)  # drop_rows' keys
        checked.notes.extend(store_held_days(con, table, checked, mapping, content_hash, now))
        read_by = str(mapping.path) if mapping and mapping.path else None  # its path before
        checked.notes.extend(edited_notes(con, source, content_hash, read_by))
        checked.notes.extend(after_export_date_notes(con, table, checked))  # a typo?
        checked.notes.extend(overlap_notes(con, spec, content_hash, checked))
        checked.notes.extend(held_back_notes(con, spec, content_hash, checked))

    store_quarantine(con, checked, source, content_hash, now)

    outcomes = pd.DataFrame(
        [
            {
                "source_file": source,
                "content_hash": content_hash,
                "dataset": spec.name,
                "expectation": o.expectation,
                "column": o.column,
                "reason_code": o.reason_code,
                "success": o.success,
                "unexpected_count": o.unexpected_count,
            }
            for o in checked.outcomes
        ]
    )
    if not outcomes.empty:
        con.register("_outcomes", outcomes)
        con.execute("insert into ingest_expectations by name select * from _outcomes")
        con.unregister("_outcomes")

    result.dataset = spec.name
    result.rows_in = table.rows_in
    result.rows_loaded = 0 if result.failed else checked.rows_good
    result.rows_quarantined = n_quarantined
    result.notes = checked.notes
    result.examples, result.reasons = first_quarantined(con, checked.quarantine)
    # For a refused file the rows that broke no rule are neither loaded nor quarantined.
    if not result.failed and result.rows_in != result.rows_loaded + result.rows_quarantined:
        raise AssertionError(
            f"{source}: {result.rows_in} rijen in, {result.rows_loaded} geladen en "
            f"{result.rows_quarantined} in quarantaine: er zou een rij verloren gaan"
        )
    con.execute(
        "insert into ingest_log (source_file, dataset, content_hash, rows_in, rows_loaded, "
        "rows_quarantined, ingested_at, file_format, encoding, delimiter, decimal_style, "
        "date_formats, mapping_file, notes, status, export_date, mapping_hash, series, "
        "ingested_utc) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            source,
            spec.name,
            content_hash,
            result.rows_in,
            result.rows_loaded,
            result.rows_quarantined,
            now,
            table.format,
            ENCODING_NAMES.get(table.encoding or "", table.encoding),
            {";": ";", ",": ",", "\t": "tab", "|": "|"}.get(table.delimiter or "", None),
            checked.details["decimal_style"] or None,
            checked.details["date_formats"] or None,
            str(mapping.path) if mapping and mapping.path else None,
            "; ".join(map(str, checked.notes)) or None,  # the Dutch, as before
            result.status,
            checked.export_date,
            mapping.identity() if mapping is not None else "",
            series_of(Path(source), mapping),
            utc_now(),
        ],
    )
