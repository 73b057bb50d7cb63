"""What identifies one load of a file and when a file is a newer export of it.

``content_key``: a load is the file's bytes (and, for a workbook read under a mapping's
``sheet``, that sheet). ``LoggedLoad``: an ingest_log row as ingest_files compares a file
with what was loaded. ``newer_export``: whether the same content now comes with a later
export date (a correction reverted), which makes it the newest export again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pipelines.ingest.readers import UnusableFile

if TYPE_CHECKING:
    from pipelines.ingest.mapping import Mapping


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


def content_key(data: bytes, mapping: Mapping | None) -> str:
    """What identifies one load: the file's SHA-256, and for a workbook read under a
    mapping's ``sheet`` the sheet too, so each sheet of one workbook is a load of its own
    (read under another sheet, a workbook would otherwise replace its first sheet's rows
    or be skipped as a copy)."""
    digest = hashlib.sha256(data)
    if mapping is not None and mapping.sheet is not None:
        digest.update(b"\x00sheet\x00" + mapping.sheet.encode("utf-8"))
    return digest.hexdigest()
