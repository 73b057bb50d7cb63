"""Files the risk manager uploads on the Datakwaliteit page, kept where `radar build` reads.

An upload arrives as a name and bytes from a browser, and the name is the uploader's
choice: ``../../register.sqlite`` or ``C:\\x.csv`` are names too. ``save_upload`` takes a
name only if it is a plain file name of an export or a column mapping, and writes the file
into RADAR_HOME/raw/uploads/ and nowhere else; the next build ingests it with everything
else under raw/. It never overwrites a file (an export that was already ingested stays
the one the ingest log names), and a file appears whole or not at all: it is written
under a temporary name the ingest ignores and then linked into place.

The reasons for a refusal are in risks/ui_texts/upload.yaml (group ``up_reason``), in
Dutch and English, so the page and this module say the same thing.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pipelines.warehouse import radar_home

MAX_NAME = 200
DATA_SUFFIXES = (".csv", ".xlsx", ".parquet")
MAPPING_SUFFIX = ".mapping.yaml"  # as pipelines.ingest finds mappings in a folder
TEXTS = Path(__file__).resolve().parent.parent / "risks" / "ui_texts" / "upload.yaml"


@cache
def _texts() -> dict[str, Any]:
    return yaml.safe_load(TEXTS.read_text(encoding="utf-8"))


def _text(entry: dict[str, str], lang: str) -> str:
    return entry.get(lang) or entry["nl"]


class UploadRefused(ValueError):
    """An upload that is not saved: the name as given, and why (a code and its values)."""

    def __init__(self, name: str, code: str, **params: Any) -> None:
        self.name, self.code, self.params = name, code, params
        super().__init__(self.message("nl"))

    def reason(self, lang: str = "nl") -> str:
        return _text(_texts()["up_reason"][self.code], lang).format(**self.params)

    def message(self, lang: str = "nl") -> str:
        return _text(_texts()["up_refused"], lang).format(
            name=repr(self.name), reason=self.reason(lang)
        )


def uploads_dir() -> Path:
    """RADAR_HOME/raw/uploads: the only folder uploads are written to.

    Under pipelines.build.raw_dir(), spelt out here because importing the build (and Great
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
    lower = name.lower()
    if lower.endswith((".yaml", ".yml")) and not lower.endswith(MAPPING_SUFFIX):
        raise refuse("yaml_not_mapping")
    if not lower.endswith((*DATA_SUFFIXES, MAPPING_SUFFIX)):
        raise refuse("extension", suffix=Path(name).suffix or name)


def _check_mapping(name: str, path: Path) -> None:
    """A mapping that ingest cannot use would stop every later build: refuse it now."""
    from pipelines.ingest import load_mapping
    from pipelines.readers import UnusableFile

    try:
        mapping = load_mapping(path)
    except UnusableFile as exc:
        detail = str(exc).removeprefix(f"{path}: ")
        raise UploadRefused(name, "bad_mapping", detail=detail) from None
    if not mapping.files:
        raise UploadRefused(name, "mapping_no_files")


def save_upload(name: str, data: bytes) -> Path:
    """Write an uploaded file to RADAR_HOME/raw/uploads/``name``; returns its path.

    Raises UploadRefused (naming the file and why) for a name that is not a plain file
    name with a known extension, for a column mapping ingest could not use, and when a
    file of that name is already there: nothing is ever overwritten.
    """
    check_name(name)
    folder = uploads_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if target.resolve().parent != folder.resolve():  # belt and braces: check_name did this
        raise UploadRefused(name, "separator")
    if target.exists() or target.is_symlink():
        raise UploadRefused(name, "exists", folder="raw/uploads")
    # A temporary name the ingest skips (no export suffix), private (0600) like the data.
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if name.lower().endswith(MAPPING_SUFFIX):
            _check_mapping(name, tmp)
        try:
            # A hard link appears whole and fails if the name exists meanwhile: an atomic
            # "rename unless it exists", which os.replace is not.
            os.link(tmp, target)
        except FileExistsError:
            raise UploadRefused(name, "exists", folder="raw/uploads") from None
    finally:
        tmp.unlink(missing_ok=True)
    return target
