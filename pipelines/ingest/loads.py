"""What identifies one load of a file and when a file is a newer export of it.

``content_key``: a load is the file's bytes (and, for a workbook read under a mapping's
``sheet``, that sheet). ``choose_mappings``: the mappings a file is read with, one load
each; ``same_reading``: whether a logged load was read as a mapping reads now;
``forget_refusals``: a file's earlier refused contents, replaced by what it is now.
``LoggedLoad``: an ingest_log row as ingest_files compares a file
with what was loaded. ``newer_export``: whether the same content now comes with a later
export date (a correction reverted), which makes it the newest export again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, NamedTuple

import duckdb

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


def next_moment(con: duckdb.DuckDBPyConnection) -> dt.datetime:
    """The moment a file is stored: now, to the microsecond, and after every load before
    it. Files stored within one second keep the order they were read in, which decides
    between two exports of one date as the notes say (helper-180: both had the same
    second, and the full paths compared as text chose the one read first)."""
    now = dt.datetime.now()
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
        digest.update(b"\x00sheet\x00" + mapping.sheet.encode("utf-8"))
    return digest.hexdigest()


def same_load_keys(data: bytes, mapping: Mapping | None) -> list[str]:
    """The other keys one load of ``data`` has: a workbook of a single sheet is the same
    load read without ``sheet:`` and under ``sheet:`` naming that sheet (helper-180:
    adding the only sheet's name to a mapping loaded the workbook a second time, every
    gift counted twice)."""
    sheet = _only_sheet(data) if data[:2] == b"PK" else None
    said = mapping.sheet if mapping is not None else None
    if sheet is None or said not in (None, sheet):
        return []
    keys = {content_key(data, None), content_key(data, SimpleNamespace(sheet=sheet))}
    return sorted(keys - {content_key(data, mapping)})


def _only_sheet(data: bytes) -> str | None:
    """The name of a workbook's one sheet with data (the one read without ``sheet:``; an
    empty, hidden or chart sheet beside it is none: helper-181); None for several, or no
    workbook."""
    import zipfile
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            book, rels = (z.getinfo(n) for n in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"))
            if max(book.file_size, rels.file_size) > 1_000_000:  # lists are small
                return None
            targets = {
                e.get("Id"): e.get("Target", "")
                for e in ElementTree.fromstring(z.read(rels)).iter()
                if e.tag.endswith("}Relationship")
            }
            filled = []
            for e in ElementTree.fromstring(z.read(book)).iter():
                if e.tag.rsplit("}", 1)[-1] != "sheet":
                    continue
                rid = next((v for k, v in e.attrib.items() if k.endswith("}id")), None)
                target = targets.get(rid, "").lstrip("/")
                part = target if target.startswith("xl/") else f"xl/{target}"
                if "worksheets/" in part and _holds_a_value(z, part):
                    filled.append(e.get("name"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return None
    return filled[0] if len(filled) == 1 else None


def _holds_a_value(z: object, part: str) -> bool:
    """Whether a worksheet's XML holds a cell value (<v> or an inline string), read only
    as far as the first."""
    import re

    with z.open(part) as fh:  # type: ignore[attr-defined]
        tail = b""
        while chunk := fh.read(1 << 20):
            if re.search(rb"<v[ >]|<is[ >]", tail + chunk):
                return True
            tail = chunk[-8:]
    return False


# A workbook's names: only a workbook is read once per sheet (a CSV two mappings name is
# read once, not refused twice; helper-114)
WORKBOOKS = (".xlsx", ".xlsm")


def choose_mappings(
    path: Path, explicit: list[Mapping], found: list[Mapping]
) -> list[Mapping | None]:
    """The mappings a file is read with, one load each: an explicit --mapping without a
    files: pattern applies to every file given; a mapping found in a folder applies only
    to the files its pattern names; the first that applies wins, but mappings found in
    a folder that each read another sheet of the same workbook are each a load of their
    own (helper-113: the second sheet's register was never read, without a word)."""
    chosen = next((m for m in explicit if not m.files or m.applies_to(path)), None)
    if chosen is not None:
        return [chosen]
    applying = [m for m in found if m.applies_to(path)]
    if path.suffix.lower() not in WORKBOOKS or any(m.sheet is None for m in applying):
        return applying[:1] or [None]
    # the first of each sheet's (helper-114: a third mapping naming a sheet again made
    # the run read the first sheet alone); the others are said to be passed over (cli)
    by_sheet: dict[str, Mapping] = {}
    for mapping in applying:
        by_sheet.setdefault(mapping.sheet, mapping)
    return list(by_sheet.values()) or [None]


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
