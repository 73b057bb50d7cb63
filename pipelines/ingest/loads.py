"""What identifies one load of a file and when a file is a newer export of it.

``content_key``: a load is the file's bytes (and, for a workbook read under a mapping's
``sheet``, that sheet). ``choose_mappings``: the mappings a file is read with, one load
each; ``same_reading``: whether a logged load was read as a mapping reads now;
``forget_refusals``: a file's earlier refused contents, replaced by what it is now.
``LoggedLoad``: an ingest_log row as ingest_files compares a file
with what was loaded. ``newer_export``: whether the same content now comes with a later
export date (a correction reverted), which makes it the newest export again;
``superseded_by``, ``superseded_note``: for a file skipped as loaded, the newer
exports its keys count from, and what its skip says of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from collections.abc import Container, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import duckdb

from pipelines.core.clock import machine_at, now_here, utc_at
from pipelines.core.texts import Message
from pipelines.ingest.readers import UnusableFile

if TYPE_CHECKING:
    from pipelines.ingest.mapping import Mapping

# An ingest-log line's status (labelled in core/locales/ui/labels.yaml, group status):
# loaded; refused (nothing of it loaded); withdrawn (radar withdraw: its rows gone, its
# content never read again); released (radar withdraw --undo: its content may be read
# again).
LOADED, REFUSED, WITHDRAWN, RELEASED = "geladen", "geweigerd", "ingetrokken", "vrijgegeven"


class LoggedLoad(NamedTuple):
    """One ingest_log row, as ingest_files compares a file with what was loaded."""

    content_hash: str
    status: str
    mapping_hash: str | None
    mapping_file: str | None
    dataset: str
    rows_loaded: int
    source_file: str
    ingested_at: dt.datetime | None
    export_date: dt.date | None
    # when it was read, in UTC; None for a row from before that was kept (written_since)
    ingested_utc: dt.datetime | None = None


def newer_export(path: Path, mapping: Mapping | None, stored: dt.date | None) -> dt.date | None:
    """The export date of ``path`` when it is later than ``stored``, the date the same
    content was loaded with (None: not later, or not known from the mapping; a name
    without its date is said when the file is read)."""
    if mapping is None:
        return None
    try:
        date = mapping.export_date_of(path)
    except UnusableFile:
        return None
    if date is None or (stored is not None and date <= stored):
        return None
    return date


def same_file(logged: str, wanted: Path) -> bool:
    """Whether a logged path and ``wanted`` are one file (a relative path, a symlink)."""
    try:
        return Path(logged).resolve() == wanted.resolve()
    except OSError:
        return False


def older_copy(path: Path, mapping: Mapping | None, load: LoggedLoad) -> bool:
    """Whether ``path``, the same bytes as ``load``, is a copy of that export under
    another mapping file that dates it earlier: then the newer dating stands and the copy
    counts nowhere, as a copy of an older date would (helper-278: A's mapping dated the
    bytes of B, read before, a month earlier; read as a corrected mapping, it replaced
    B's load, and another export dated between the two counted instead of B's). The same
    file, or the same mapping file, read again is a corrected reading (loads.same_reading)."""
    if mapping is None or load.export_date is None or same_file(load.source_file, path):
        return False
    if load.mapping_file is not None and mapping.path is not None:
        if same_file(load.mapping_file, Path(mapping.path)):
            return False
    try:
        date = mapping.export_date_of(path)
    except UnusableFile:
        return False
    return date is not None and date < load.export_date


def next_moment(
    con: duckdb.DuckDBPyConnection, siblings: Iterable[str] = (), dataset: str = ""
) -> dt.datetime:
    """The moment a file is stored: now, to the microsecond, and after every load before
    it. Files stored within one second keep the order they were read in, which decides
    between two exports of one date as the notes say (helper-180: both had the same
    second, and the full paths compared as text chose the one read first). A sheet whose
    workbook has another sheet of ``dataset`` loaded (``siblings``, sheet_siblings) takes
    that load's moment: the sheets are one export, and one covering sheet does not replace
    another's period (helper-262 F4: a late entry dated 28-12-2025 on sheet 2026 emptied
    2025's). Not a sheet of another dataset: an HR sheet beside the org sheet would move
    before a file read between them (helper-264 F4)."""
    if siblings:
        first = con.execute(
            "select min(ingested_at) from ingest_log where status = ? and dataset = ? "
            "and content_hash in (select unnest(?))",
            [LOADED, dataset, list(siblings)],
        ).fetchall()[0][0]
        if first is not None:
            return first
    now = now_here()
    last = con.execute("select max(ingested_at) from ingest_log").fetchall()[0][0]
    if last is not None and now <= last:
        now = last + dt.timedelta(microseconds=1)
    return now


def content_key(data: bytes, mapping: Mapping | None) -> str:
    """What identifies one load: the file's SHA-256, and for a workbook read under a
    mapping's ``sheet`` the sheet too, so each sheet of one workbook is a load of its own
    (read under another sheet, a workbook would otherwise replace its first sheet's rows
    or be skipped as a copy)."""
    digest = hashlib.sha256(data)
    if mapping is not None and mapping.sheet is not None:
        return _with_sheet(digest, mapping.sheet)
    return digest.hexdigest()


def load_keys(data: bytes) -> dict[str, str]:
    """Every key ``data`` may be loaded under (content_key), by sheet name: under "" as
    read without ``sheet``, and a workbook's under each of its sheets' names."""
    digest = hashlib.sha256(data)
    if data[:2] != b"PK":
        return {"": digest.hexdigest()}
    return {"": digest.hexdigest()} | {n: _with_sheet(digest, n) for n in _sheet_names(data)}


def sheet_siblings(data: bytes, mapping: Mapping | None, own: str) -> dict[str, str]:
    """By sheet name, the load keys of the workbook's other sheets (and under "" the key
    of the workbook read without ``sheet``) when ``mapping`` names a sheet; ``own`` the
    key of this load."""
    if mapping is None or mapping.sheet is None or data[:2] != b"PK":
        return {}
    return {name: key for name, key in load_keys(data).items() if key != own}


def other_sheets_unread(notes: list, read: set[str]) -> list:
    """``notes`` with the sheets ``read`` (each by a load of its own: a mapping of this
    run or one loaded before) left out of the note that names a workbook's other sheets
    with data (xlsx_other_sheets): what it advises is done. Without one left, no note."""
    kept = []
    for n in notes:
        if isinstance(n, Message) and n.key == "note.xlsx_other_sheets":
            left = [s for s in n.values["sheets"] if s not in read]
            if not left:
                continue
            n = Message(n.key, locale_file=n.locale_file, **n.values | {
                "hidden": ", ".join(left), "sheets": tuple(left)})  # fmt: skip
        kept.append(n)
    return kept


def _with_sheet(digest: hashlib._Hash, sheet: str) -> str:
    """The key of a workbook's ``sheet``: its bytes' digest (not changed) and the sheet."""
    keyed = digest.copy()
    keyed.update(b"\x00sheet\x00" + sheet.encode("utf-8"))
    return keyed.hexdigest()


def same_load_keys(
    path: Path, data: bytes, mapping: Mapping | None, known: Container[str]
) -> list[str]:
    """The keys of ``known`` loads that are this one: a workbook is the same load read
    without ``sheet:`` and under ``sheet:`` naming the sheet it is read by without one,
    its one sheet with data (helper-180: adding `sheet: Sheet1` loaded it a second time;
    helper-181, -182: an empty, hidden or blank sheet beside it, by the reader's own
    test). Only a workbook whose bytes a known load holds is opened."""
    if data[:2] != b"PK":  # no workbook: its key is its bytes' alone
        return []
    digest = hashlib.sha256(data)  # once: each sheet's key adds its name to a copy
    keys = {digest.hexdigest()} | {_with_sheet(digest, n) for n in _sheet_names(data)}
    found = sorted((keys - {content_key(data, mapping)}) & set(known))
    if not found:
        return []
    from pipelines.ingest.xlsx_reader import sheet_read  # openpyxl: only here

    sheet = sheet_read(path, data)
    said = mapping.sheet if mapping is not None else None
    if sheet is None or said not in (None, sheet):
        return []
    return [k for k in found if k in (digest.hexdigest(), _with_sheet(digest, sheet))]


def _sheet_names(data: bytes) -> list[str]:
    """A workbook's sheet names, from its list of sheets, the part the package's own
    relation names (helper-183: a workbook part elsewhere than xl/workbook.xml, or one
    over 1 MB of defined names, gave none, and the workbook loaded twice); none when it
    is no workbook."""
    import zipfile
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            book = "xl/workbook.xml"
            if "_rels/.rels" in z.namelist():
                for e in ElementTree.fromstring(z.read("_rels/.rels")).iter():
                    if e.get("Type", "").endswith("/officeDocument"):
                        book = e.get("Target", book).lstrip("/")
            part = z.getinfo(book)
            if part.file_size > 50_000_000:  # a list of sheets and names, however long
                return []
            root = ElementTree.fromstring(z.read(part))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return []
    return [e.get("name", "") for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "sheet"]


# A workbook's names: only a workbook is read once per sheet (a CSV two mappings name is
# read once, not refused twice; helper-114)
WORKBOOKS = (".xlsx", ".xlsm")


def choose_mappings(
    path: Path, explicit: list[Mapping], found: list[Mapping]
) -> list[Mapping | None]:
    """The mappings a file is read with, one load each: an explicit --mapping without a
    files: pattern applies to every file given; a mapping found in a folder applies only
    to the files its pattern names; the one nearest the file wins (in the file's own
    folder, then above it; then the first found), but mappings found in
    a folder that each read another sheet of the same workbook are each a load of their
    own (helper-113: the second sheet's register was never read, without a word)."""
    chosen = next((m for m in explicit if not m.files or m.applies_to(path)), None)
    if chosen is not None:
        return [chosen]
    # the mapping nearest the file first: in its own folder, then the folders above it
    # (helper-189: q_maart/'s export was read with q_juni/'s mapping and export date)
    applying = sorted((m for m in found if m.applies_to(path)), key=lambda m: -nearness(m, path))
    if path.suffix.lower() not in WORKBOOKS or any(m.sheet is None for m in applying):
        return applying[:1] or [None]
    # the first of each sheet's (helper-114: a third mapping naming a sheet again made
    # the run read the first sheet alone); the others are said to be passed over (cli)
    by_sheet: dict[str, Mapping] = {}
    for mapping in applying:
        by_sheet.setdefault(mapping.sheet, mapping)
    return list(by_sheet.values()) or [None]


def nearness(mapping: Mapping, path: Path) -> int:
    """How deep the mapping's folder is when it holds the file (at any depth), else -1:
    the folders as given, a link as the folder it is in (helper-191: a linked export was
    in no folder of its mappings, resolved to its archive)."""
    if mapping.path is None:
        return -1
    folder = Path(os.path.abspath(mapping.path)).parent
    return len(folder.parts) if folder in Path(os.path.abspath(path)).parents else -1


def same_reading(logged: tuple[str | None, str | None], mapping: Mapping | None) -> bool:
    """Whether a file logged with (mapping_hash, mapping_file) would be read the same way
    under ``mapping`` now; a log row from before mapping_hash compares the file's path."""
    mapping_hash, mapping_file = logged
    if mapping_hash is not None:
        return mapping_hash == (mapping.identity() if mapping is not None else "")
    current = str(mapping.path) if mapping is not None and mapping.path else None
    return mapping_file == current


def forget_refusals(
    con: duckdb.DuckDBPyConnection, source: str, content_hash: str, mapping: Mapping | None
) -> None:
    """A file replaces the refusals of earlier contents of the same file (the corrected
    export saved under the refused one's name), whether it loads or is refused in turn:
    their log rows and quarantine rows go, so Datakwaliteit shows the file's refusal as
    it now is, not one of a content that is gone (helper-97). Nothing of a refused file
    was loaded, so no data goes with them. A sheet read under a mapping's ``sheet``
    replaces only the refusals read under the same mapping file: another sheet's refusal
    is another load's."""
    sheet_only = mapping is not None and mapping.sheet is not None
    same_mapping = " and mapping_file is not distinct from ?" if sheet_only else ""
    values = [source, REFUSED, content_hash]
    if sheet_only:
        values.append(str(mapping.path) if mapping.path else None)
    stale = [
        h
        for (h,) in con.execute(
            "select content_hash from ingest_log where source_file = ? and status = ?"
            " and content_hash <> ?" + same_mapping,
            values,
        ).fetchall()
    ]
    for name in ("quarantine", "ingest_expectations", "ingest_log"):
        for h in stale:
            con.execute(f"delete from {name} where content_hash = ?", [h])


def _moment(load: LoggedLoad) -> tuple[dt.datetime, dt.datetime]:
    """A load's place in the staging models' order (covered_order.order_key): the export
    date, else the ingest time; then the ingest time."""
    at = load.ingested_at or dt.datetime.min
    day = load.export_date
    return (dt.datetime.combine(day, dt.time()) if day else at), at


def written_since(load: LoggedLoad, mtime: float) -> bool:
    """Whether a file's mtime lies after its load was read: both in UTC (ingested_utc),
    unambiguous in the hour October repeats; for a log row from before that was kept, in
    the machine's wall-clock time, as its ingested_at was logged then (compared in Dutch
    time, a server in UTC took nearly every file read within two hours of being written
    for a re-send: helper-279)."""
    if load.ingested_utc is not None:
        return utc_at(mtime) > load.ingested_utc
    return load.ingested_at is not None and machine_at(mtime) > load.ingested_at


def superseded_by(
    con: duckdb.DuckDBPyConnection, logged: Iterable[LoggedLoad], load: LoggedLoad, path: Path
) -> list[tuple[str, str, int]]:
    """For a file skipped as already loaded but written since (a re-send: saved, copied
    or downloaded again after its ingest; a folder read again is not): the newer exports
    of its dataset (ingested or dated after it) its rows now count from, each with its
    content hash and how many of this file's keys (NATURAL_KEYS, all filled) or rows (a
    register's without record_id, in a period a newer covering export replaces) count
    from it, the most first. A re-sent export is the same content and so not read again
    (helper-190 D8: the re-send of an undated export after a wrong correction was
    skipped, the correction still counting, unsaid; helper-194: every newer export that
    holds its keys, not the newest alone, and a register under covers too). Asked of the
    warehouse only when the log holds a newer export of the dataset."""
    from pipelines.ingest.counted_on import SURVEY_COVERS
    from pipelines.ingest.covered_order import covers_period, order_key, workbook_key
    from pipelines.ingest.natural_keys import NATURAL_KEYS
    from pipelines.ingest.reexports import PERIOD_COLUMNS

    newer = [
        other
        for other in logged
        if other.dataset == load.dataset and other.status == LOADED
        and other.content_hash != load.content_hash and _moment(other) > _moment(load)
    ]  # fmt: skip
    try:
        written = path.stat().st_mtime
    except OSError:
        return []
    if not newer or load.ingested_at is None or not written_since(load, written):
        return []
    table, keys = f"raw_{load.dataset}", NATURAL_KEYS[load.dataset]
    ok, o_ok = order_key(), order_key("o")
    mine = f"(select max({ok}) from {table} where _content_hash = $1)"
    # each key (or row) of this file with every newer export that replaces it, the newest
    # of them counting: a key another export holds (all of it filled) ...
    key = f"cast(row({', '.join(f'o.{k}' for k in keys)}) as varchar)"
    holders = f"""select {key} as k, o._source_file as f, o._content_hash as h, {o_ok} as ok
        from {table} as o
        where o._content_hash <> $1 and {" and ".join(f"o.{k} is not null" for k in keys)}
            and {o_ok} > {mine} and ({", ".join(f"o.{k}" for k in keys)}) in (
                select ({", ".join(keys)}) from {table} where _content_hash = $1)"""
    m_key = f"cast(row({', '.join(f'm.{k}' for k in keys)}) as varchar)"
    column = PERIOD_COLUMNS.get(load.dataset)
    if column:  # ... a register's row without a number in a period a covering one replaced
        holders += f""" union all select 'line ' || m._source_line, o._source_file,
            o._content_hash, {o_ok} from {table} as m
            join {table} as o on o._content_hash <> $1 and o._covers is not null
                and {covers_period("o", "m", column)}
                and {workbook_key("o")} > {workbook_key("m")}  -- no sheet of its workbook
            where m._content_hash = $1 and m.record_id is null"""
    if load.dataset == "survey_responses":  # ... a wave and unit a covering one replaced
        holders += f""" union all select {m_key}, c.f, c.h, c.ok from {table} as m join (
                select distinct date_trunc('month', wave_date) as wave, org_unit,
                    _source_file as f, _content_hash as h, {ok} as ok
                from {table} where _content_hash <> $1 and _covers = '{SURVEY_COVERS}'
                    and {ok} > {mine}
            ) as c on c.wave = date_trunc('month', m.wave_date) and c.org_unit = m.org_unit
            where m._content_hash = $1"""
    return con.execute(
        f"""select f, h, count(*) from (
            select k, arg_max(f, ok) as f, arg_max(h, ok) as h from ({holders}) group by k
        ) group by f, h order by 3 desc, 1""",
        [load.content_hash],
    ).fetchall()


def superseded_note(newer: list[tuple[str, str, int]], path: Path) -> Message | None:
    """What a re-sent file's skip adds (superseded_by): how many of its keys or rows count
    from newer exports, which (at most three named, with their content codes), and the way
    out: withdraw them by their codes (a name two loads share fits neither; helper-194:
    the good export saved over a wrong one was told to withdraw itself)."""
    if not newer:
        return None
    named = "; ".join(f"{f}: {n}, {h[:12]}" for f, h, n in newer[:3])
    codes = " ".join(h[:12] for _, h, _ in newer)
    count = sum(n for *_, n in newer)
    return Message(
        "file.superseded",
        locale_file="ingest",
        count=count,
        newer=named + ("; ..." if len(newer) > 3 else ""),
        path=path,
        codes=codes,
    )


def edited_notes(
    con: duckdb.DuckDBPyConnection, source: str, content_hash: str, read_by: str | None
) -> list[Message]:
    """A note when this file's path was loaded before with other bytes (the file edited,
    or overwritten, since): that load stays an export beside this one, and where this
    version no longer has a key or a period, it counts on from it (helper-198: told its
    deleted rows counted 'uit een oudere export' that was its own path, and to give each
    export its own date). Names the earlier load's moment and code, and the way out.
    Another sheet of these same bytes is no earlier version (helper-236: the invoices'
    sheet was told to withdraw the creditors' of the same workbook; helper-238: told by
    the load's key, not its mapping, so an edit under a new mapping is still said). The
    earlier load named is one by the same mapping (``read_by``: a workbook's sheet, its
    own; helper-239), else the newest."""
    loads = con.execute(
        "select ingested_at, content_hash from ingest_log where source_file = ? and "
        "content_hash <> ? and status = ? "
        "order by mapping_file is not distinct from ? desc, ingested_at desc",
        [source, content_hash, LOADED, read_by],
    ).fetchall()
    if not loads:
        return []
    try:
        data = Path(source).read_bytes()
    except OSError:
        data = b""
    digest = hashlib.sha256(data)
    mine = {digest.hexdigest()} | {_with_sheet(digest, n) for n in _sheet_names(data)}
    earlier = [(when, code) for when, code in loads if code not in mine][:1]
    if not earlier:
        return []
    when, code = earlier[0]
    at = when.strftime("%d-%m-%Y %H:%M")
    return [Message("note.edited_since", locale_file="ingest", when=at, code=code[:8])]
