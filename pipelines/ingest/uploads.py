"""Files the risk manager uploads on the Datakwaliteit page, kept where `radar build` reads.

An upload arrives as a name and bytes from a browser, and the name is the uploader's
choice: ``../../register.sqlite`` or ``C:\\x.csv`` are names too. ``save_upload`` takes a
name only if it is a plain file name of an export or a column mapping, and writes the file
into RADAR_HOME/raw/uploads/ and nowhere else; the next build ingests it with everything
else under raw/. It never overwrites a file (an export that was already ingested stays
the one the ingest log names), and a file appears whole or not at all: it is written
under a temporary name the ingest ignores and then linked into place.

Limits (risks/settings.yaml, ``uploads``): a file over ``max_file_mb`` is refused before
anything is written (Streamlit's server.maxUploadSize stops larger ones earlier, but that
is configuration), and so is one that would take the folder past ``folder_quota_mb``. An
.xlsx is a zip that can unpack to a thousand times its size: ``check_xlsx`` reads only
the zip's table of contents and refuses it when its parts unpack to too much together,
when any part is packed suspiciously small, or when it has too many parts; here before it
is stored, and in pipelines/ingest/readers.py and pipelines/register/excel_import.py before
openpyxl opens one. ``capped_rows`` then reads a sheet (openpyxl read-only, streaming) and stops
as soon as rows x columns pass the cell limit.

The reasons for a refusal are in pipelines/core/locales/ui/upload.yaml (group ``up_reason``), in
Dutch and English, so the page and this module say the same thing.

An upload the ingest then refuses (more than ingest.max_quarantined_share quarantined) or
cannot use at all would be refused again by every later build while it stays under raw/.
``set_aside`` moves such a file out of raw/uploads into RADAR_HOME/uploads_refused/, one
folder per refusal with a record of why; the page lists them until the risk manager
deletes one (``delete_refused``) or has it read again (``retry_refused``, after a new
column mapping or the missing organisation units arrived). Nothing is retried silently.
"""

from __future__ import annotations

import fcntl
import io
import json
import logging
import math
import os
import secrets
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelines.core.clock import now_here, utc_now
from pipelines.core.texts import texts
from pipelines.core.warehouse import radar_home
from pipelines.ingest.mapping import MAPPING_SUFFIXES

if TYPE_CHECKING:
    from pipelines.core.catalogue import UploadSettings
    from pipelines.ingest.loader import FileResult

log = logging.getLogger(__name__)

MAX_NAME = 200
MB = 1024 * 1024  # as Streamlit's server.maxUploadSize
# A part of an .xlsx smaller than this cannot do harm unpacked, whatever its ratio (a
# few kB of empty rows can pack 200 times smaller).
RATIO_FROM_BYTES = MB
# As radar ingest reads them (pipelines.ingest.folders SUPPORTED_SUFFIXES), but for .xlsm:
# a workbook with macros has no place on the server. .txt is what Excel's "Unicode-tekst"
# and many export tools write; .tsv a tab-separated export.
DATA_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".parquet")
# What became of a file, labelled in pipelines/core/locales/ui/labels.yaml (group status): saved on
# upload; at ingest loaded or refused (pipelines.ingest.loader LOADED and REFUSED, its log's
# status), unusable (no log row) or ingested before (same content).
SAVED, LOADED, REFUSED, UNUSABLE, SKIPPED = (
    "bewaard",
    "geladen",
    "geweigerd",
    "onbruikbaar",
    "al_ingelezen",
)
FILE_STATUSES = (SAVED, LOADED, REFUSED, UNUSABLE, SKIPPED)
RECORD = "weigering.json"  # beside a refused file: why it was refused


def _text(entry: dict[str, str], lang: str) -> str:
    return entry.get(lang) or entry["nl"]


class UploadRefused(ValueError):
    """An upload that is not saved: the name as given, and why (a code and its values)."""

    def __init__(self, name: str, code: str, **params: Any) -> None:
        self.name, self.code, self.params = name, code, params
        super().__init__(self.message("nl"))

    def reason(self, lang: str = "nl") -> str:
        return _text(texts()["up_reason"][self.code], lang).format(**self.params)

    def message(self, lang: str = "nl") -> str:
        return _text(texts()["up_refused"], lang).format(
            name=repr(self.name), reason=self.reason(lang)
        )


def upload_settings() -> UploadSettings:
    """The limits of risks/settings.yaml (``uploads``), from the catalogue in use."""
    from pipelines.core.catalogue import load_catalogue

    return load_catalogue().settings.uploads


def megabytes(size: int) -> str:
    """A byte count in MB for a message, rounded up (a size over a limit never reads as
    the limit): whole from 10 MB, else one decimal (Dutch comma)."""
    if size >= 10 * MB:
        return str(math.ceil(size / MB))
    return f"{math.ceil(size * 10 / MB) / 10:.1f}".replace(".", ",")


def check_xlsx(
    source: Path | bytes,
    name: str,
    *,
    max_unpacked_mb: int,
    max_ratio: int,
    max_parts: int,
) -> None:
    """Raise UploadRefused when the .xlsx ``source`` (a file or its bytes) unpacks to more
    than ``max_unpacked_mb`` together, has a part over 1 MB that unpacks to more than
    ``max_ratio`` times its packed size, or has more than ``max_parts`` parts.

    Only the zip's central directory is read; nothing is unpacked. That is enough: the
    zipfile module (which openpyxl reads through) never unpacks a part beyond the size
    the directory gives for it. Something that is no zip at all passes here: whoever
    opens it refuses it as unreadable.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as z:
            parts = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return
    if len(parts) > max_parts:
        raise UploadRefused(name, "xlsx_parts", parts=len(parts), max=max_parts)
    total = sum(p.file_size for p in parts)
    if total > max_unpacked_mb * MB:
        raise UploadRefused(name, "xlsx_unpacked", size=megabytes(total), max=max_unpacked_mb)
    for part in parts:
        if part.file_size > RATIO_FROM_BYTES and part.file_size > max_ratio * max(
            part.compress_size, 1
        ):
            ratio = part.file_size // max(part.compress_size, 1)
            raise UploadRefused(
                name, "xlsx_ratio", part=repr(part.filename[:100]), ratio=ratio, max=max_ratio
            )


def capped_rows(sheet: Any, name: str, max_cells: int, **iter_rows: Any) -> Iterator[tuple]:
    """The rows of a read-only openpyxl ``sheet`` from row 1, every row in order (an empty
    one as ``()``), as ``sheet.iter_rows(**iter_rows)`` gives them; raises UploadRefused
    as soon as the rows so far times the widest row pass ``max_cells``.

    The dimension the file declares is ignored (``reset_dimensions``): a sheet claiming
    A1:XFD1048576 would otherwise be read as 17 billion empty cells.
    """
    sheet.reset_dimensions()
    widest = 0
    for number, row in enumerate(sheet.iter_rows(**iter_rows), start=1):
        widest = max(widest, len(row))
        if number * widest > max_cells:
            raise UploadRefused(name, "xlsx_cells", sheet=repr(sheet.title), max=max_cells)
        yield row


def uploads_dir() -> Path:
    """RADAR_HOME/raw/uploads: the only folder uploads are written to.

    Under pipelines.build.builder.raw_dir(), spelt out here because importing the build (and Great
    Expectations with it) would keep the page waiting seconds for a first save.
    """
    return radar_home() / "raw" / "uploads"


def check_name(name: str) -> None:
    """Raise UploadRefused unless ``name`` is a plain file name of an export or mapping."""

    def refuse(code: str, **params: Any) -> UploadRefused:
        return UploadRefused(name, code, **params)

    if not name or not name.strip():
        raise refuse("empty")
    if len(name) > MAX_NAME:
        raise refuse("too_long", length=len(name), max=MAX_NAME)
    # Cc: NUL, tab, newline and the other control characters; Cf: invisible format
    # characters such as the right-to-left override that makes "xcod.exe" look like
    # "exe.docx".
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in name):
        raise refuse("control")
    if "/" in name or "\\" in name:
        raise refuse("separator")
    if ":" in name:
        raise refuse("colon")
    if ".." in name:
        raise refuse("dotdot")
    if name.startswith("."):
        raise refuse("leading_dot")
    if name != name.strip() or not Path(name).stem.strip():
        raise refuse("spaces")  # " .csv" or "x.csv " reads like another file in a listing
    lower = name.lower()
    if lower.endswith((".yaml", ".yml")) and not lower.endswith(MAPPING_SUFFIXES):
        raise refuse("yaml_not_mapping")
    if not lower.endswith((*DATA_SUFFIXES, *MAPPING_SUFFIXES)):
        raise refuse("extension", suffix=Path(name).suffix or name)


def _check_mapping(name: str, path: Path) -> None:
    """A mapping that ingest cannot use would stop every later build: refuse it now."""
    from pipelines.ingest.mapping import load_mapping
    from pipelines.ingest.readers import UnusableFile

    try:
        mapping = load_mapping(path)
    except UnusableFile as exc:
        detail = str(exc).removeprefix(f"{path}: ")
        raise UploadRefused(name, "bad_mapping", detail=detail) from None
    if not mapping.files:
        raise UploadRefused(name, "mapping_no_files")


def folder_size(folder: Path) -> int:
    """The bytes of the files directly in ``folder`` (temporary ones included)."""
    total = 0
    for entry in os.scandir(folder):
        try:
            if entry.is_file(follow_symlinks=False):
                total += entry.stat(follow_symlinks=False).st_size
        except FileNotFoundError:  # a temporary file removed meanwhile
            continue
    return total


def save_upload(name: str, data: bytes, limits: UploadSettings | None = None) -> Path:
    """Write an uploaded file to RADAR_HOME/raw/uploads/``name``; returns its path.

    Raises UploadRefused (naming the file and why) for a name that is not a plain file
    name with a known extension; for a file over ``max_file_mb``, one that would take the
    folder past ``folder_quota_mb``, an .xlsx that ``check_xlsx`` refuses (``limits``,
    default: risks/settings.yaml), all before anything is written; for a column mapping
    ingest could not use; and when a file of that name is already there: nothing is ever
    overwritten.
    """
    check_name(name)
    limits = limits or upload_settings()
    if len(data) > limits.max_file_mb * MB:
        raise UploadRefused(name, "too_big", size=megabytes(len(data)), max=limits.max_file_mb)
    if name.lower().endswith(".xlsx"):
        check_xlsx(
            data,
            name,
            max_unpacked_mb=limits.xlsx_max_unpacked_mb,
            max_ratio=limits.xlsx_max_ratio,
            max_parts=limits.xlsx_max_parts,
        )
    folder = uploads_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if target.resolve().parent != folder.resolve():  # belt and braces: check_name did this
        raise UploadRefused(name, "separator")
    # One upload at a time per folder (a lock on the folder itself, no lock file), so two
    # uploads at once cannot both fit in the quota's last megabytes.
    lock = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.exists() or target.is_symlink():
            raise UploadRefused(name, "exists", folder="raw/uploads")
        # refused files set aside count too: refusing must not make room for more
        used = folder_size(folder) + refused_size()
        if used + len(data) > limits.folder_quota_mb * MB:
            raise UploadRefused(
                name,
                "quota",
                folder="raw/uploads",
                max=limits.folder_quota_mb,
                used=megabytes(used),
            )
        _write_new(name, data, folder, target)
    finally:
        os.close(lock)  # releases the lock
    return target


def _write_new(name: str, data: bytes, folder: Path, target: Path) -> None:
    """Write ``data`` to ``target``, whole or not at all, never over an existing file."""
    # A temporary name the ingest skips (no export suffix), private (0600) like the data.
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if name.lower().endswith(MAPPING_SUFFIXES):
            _check_mapping(name, tmp)
        try:
            # A hard link appears whole and fails if the name exists meanwhile: an atomic
            # "rename unless it exists", which os.replace is not.
            os.link(tmp, target)
        except FileExistsError:
            raise UploadRefused(name, "exists", folder="raw/uploads") from None
    finally:
        tmp.unlink(missing_ok=True)


# --- uploads the ingest refused -------------------------------------------------------------


def ingest_status(result: FileResult) -> str:
    """What became of a file at ingest: one of FILE_STATUSES."""
    if result.error:
        return UNUSABLE
    if result.skipped:
        return SKIPPED
    return REFUSED if result.failed else LOADED


def refused_dir() -> Path:
    """RADAR_HOME/uploads_refused: outside raw/, so no build reads what is here."""
    return radar_home() / "uploads_refused"


def refused_size() -> int:
    """The bytes of the refused files set aside (their records are a few hundred)."""
    folder = refused_dir()
    if not folder.is_dir():
        return 0
    return sum(folder_size(Path(entry.path)) for entry in os.scandir(folder) if entry.is_dir())


@dataclass(frozen=True)
class RefusedUpload:
    """An uploaded file the ingest refused, set aside with why."""

    folder: Path
    name: str
    status: str  # REFUSED or UNUSABLE
    message: str  # what the ingest said (Dutch), without the file's path
    refused_at: str  # ISO moment
    dataset: str | None = None
    rows_in: int = 0
    rows_quarantined: int = 0

    @property
    def id(self) -> str:
        return self.folder.name

    @property
    def path(self) -> Path:
        return self.folder / self.name


def _message(result: FileResult) -> str:
    if result.error:
        return result.error.removeprefix(f"{result.path}: ")
    return str(result.notes[0]) if result.notes else ""


def set_aside(results: Iterable[FileResult]) -> list[RefusedUpload]:
    """Move every file of raw/uploads that the ingest refused or could not use to
    RADAR_HOME/uploads_refused/<id>/ with a record of why; returns them. Files elsewhere
    under raw/ (the administrator's) stay where they are."""
    uploads = uploads_dir().resolve()
    moved: list[RefusedUpload] = []
    results = list(results)
    # a workbook another sheet of which was read stays (loads.choose_mappings)
    kept = {r.path for r in results if ingest_status(r) not in (REFUSED, UNUSABLE)}
    for result in results:
        status = ingest_status(result)
        if status not in (REFUSED, UNUSABLE) or result.path.resolve().parent != uploads:
            continue
        if result.path in kept:
            continue
        stamp = now_here().replace(microsecond=0)  # shown: Dutch time
        # named in UTC, so that the names sort as the moments do (refused_uploads: newest
        # first), in the hour October repeats too
        folder = refused_dir() / f"{utc_now():%Y%m%d-%H%M%S}-{secrets.token_hex(4)}"
        folder.mkdir(parents=True, mode=0o700)
        entry = RefusedUpload(
            folder,
            result.path.name,
            status,
            _message(result),
            stamp.isoformat(),
            result.dataset,
            result.rows_in,
            result.rows_quarantined,
        )
        record = {k: v for k, v in entry.__dict__.items() if k != "folder"}
        (folder / RECORD).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        try:
            shutil.move(result.path, entry.path)
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)  # no record without its file
            raise
        log.info("upload %r refused at ingest, set aside in %s", entry.name, folder)
        moved.append(entry)
    return moved


def refused_uploads() -> list[RefusedUpload]:
    """The refused uploads set aside, newest first."""
    folder = refused_dir()
    if not folder.is_dir():
        return []
    found = []
    for sub in sorted(folder.iterdir(), reverse=True):
        try:
            record = json.loads((sub / RECORD).read_text(encoding="utf-8"))
            found.append(RefusedUpload(sub, **record))
        except (OSError, ValueError, TypeError):
            continue  # not one of ours (or half written): never shown, never touched
    return found


def _refused(entry_id: str) -> RefusedUpload:
    """The refused upload of this id; KeyError for an id not in refused_uploads()."""
    for entry in refused_uploads():
        if entry.id == entry_id:
            return entry
    raise KeyError(entry_id)


def delete_refused(entry_id: str, actor: str = "") -> str:
    """Delete a refused upload (the file and its record); returns its name."""
    entry = _refused(entry_id)
    shutil.rmtree(entry.folder)
    log.info("refused upload %r deleted by %s", entry.name, actor or "?")
    return entry.name


def retry_refused(entry_id: str, actor: str = "") -> Path:
    """Put a refused upload back in raw/uploads, so that the next build reads it again.
    Raises UploadRefused when a file of that name is there now."""
    entry = _refused(entry_id)
    folder = uploads_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / entry.name
    try:
        os.link(entry.path, target)  # fails if the name is taken, never overwrites
    except FileExistsError:
        raise UploadRefused(entry.name, "exists", folder="raw/uploads") from None
    shutil.rmtree(entry.folder)
    log.info("refused upload %r put back for ingest by %s", entry.name, actor or "?")
    return target
