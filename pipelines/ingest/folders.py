"""Which files of the paths given to radar ingest (or radar build's raw/) are read: files
given by name always; in a folder (walked, sorted) the export formats, and the column
mappings by their name. What a walk leaves out is listed (skipped_in_folders), so the
command can say it: no file is left out without a word."""

from __future__ import annotations

import datetime as dt
import glob
import os
from collections.abc import Iterable
from pathlib import Path

from pipelines.core.keys import is_key_file
from pipelines.core.texts import Message
from pipelines.ingest.loads import nearness
from pipelines.ingest.mapping import MAPPING_SUFFIXES, Mapping, load_mapping, names_file
from pipelines.ingest.readers import UnusableFile

SUPPORTED_SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".parquet"}


def is_mapping_file(path: Path) -> bool:
    """A column mapping by its name: ``*.mapping.yaml`` (or ``.yml``), in any case."""
    return path.name.lower().endswith(MAPPING_SUFFIXES)


def _hidden(path: Path, root: Path) -> bool:
    """Below a hidden folder of ``root`` (.git, .ipynb_checkpoints) or a hidden file."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _a_file(path: Path) -> bool:
    """A file, or a link to a file that is not there (helper-193: passed over unsaid, and
    the folder called empty): reading it says so, naming it. Not a link in a loop (it
    has no path to read; helper-199: self.csv -> self.csv ended the run in a traceback):
    skipped_in_folders names it."""
    return path.is_file() or (path.is_symlink() and not path.exists() and not _loop(path))


def _no_file(path: Path) -> bool:
    """A pipe, a device or a socket (or a link to one): no export, never opened."""
    return path.exists() and not path.is_file() and not path.is_dir()


def _loop(path: Path) -> bool:
    """A link that leads back to itself, at once or through others."""
    try:
        path.resolve()
    except RuntimeError:  # pathlib's "Symlink loop" (ELOOP)
        return True
    return False


def _read_in_folder(path: Path) -> bool:
    """A file a folder walk reads: an export format, not hidden (an upload being written),
    not Excel's lock file ``~$name.xlsx`` (there while the workbook is open)."""
    return (
        _a_file(path)
        and path.suffix.lower() in SUPPORTED_SUFFIXES
        and not path.name.startswith((".", "~$"))
    )


def skipped_in_folders(paths: Iterable[Path]) -> list[Path]:
    """The files of the folders among ``paths`` that a walk leaves out, hidden ones apart:
    other formats (.xls, .ods, a backup) and Excel's lock files. Said, not an error."""
    return [
        child
        for path in paths
        if path.is_dir()
        for child in sorted(path.rglob("*"))
        # a pipe or a device too (helper-269 F11: passed over unsaid)
        if (_a_file(child) or child.is_symlink() and _loop(child) or _no_file(child))
        and not _hidden(child, path)
        and not is_mapping_file(child)
        and not _read_in_folder(child)
    ]


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Mapping]]:
    """Files to ingest (folders walked, sorted) and the mapping files found among them."""
    files: list[Path] = []
    mappings: list[Mapping] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if _hidden(child, path):
                    continue  # a hidden folder's copies (.ipynb_checkpoints) are no exports
                if child.is_file() and is_mapping_file(child):
                    mappings.append(load_mapping(child))
                elif _read_in_folder(child):
                    files.append(child)
        elif is_mapping_file(path):
            mappings.append(load_mapping(path))
        else:
            files.append(path)
            mappings += _beside(path, mappings)
    return files, mappings


def _beside(path: Path, found: list[Mapping]) -> list[Mapping]:
    """The mappings in the folder of a file given by its path, or the folder above it,
    that name it, as a walk of that folder would read it (helper-198: a dated export
    re-sent by its path was read without its mapping, and the undated load replaced the
    dated one: stale values won, a covering register's rows counted twice; helper-199: a
    month's folder under the mapping's). Each named for the files of that folder alone
    (helper-199: hr/'s mapping for every *.csv dated other/org_units.csv too); one that
    cannot be read is said where its files: would name this file, as a walk says it."""
    known = {(m.path.resolve(), tuple(m.files)) for m in found if m.path is not None}
    beside = []
    whole = Path(os.path.abspath(path))  # medewerkers.csv given from inside its folder
    for folder in dict.fromkeys((whole.parent, whole.parent.parent)):
        if not folder.is_dir():
            continue
        for child in sorted(folder.iterdir()):
            if not (child.is_file() and is_mapping_file(child)) or child.name.startswith("."):
                continue
            try:
                mapping = load_mapping(child)
            except UnusableFile:
                if _would_name(child, path):
                    raise
                continue  # not asked for, and not for this file
            if not mapping.applies_to(path):
                continue
            # the folder itself, not its name alone (helper-200: b/hr/ took a/hr/'s), its
            # name's [ ] * ? as written (helper-200: 'export [maart]' a character class)
            here = glob.escape(whole.parent.as_posix().strip("/"))
            files = [p if "/" in p.replace("\\", "/") else f"{here}/{p}" for p in mapping.files]
            # not again, nor beside the same mapping found as it is (a walk, a path)
            seen = {(child.resolve(), tuple(f)) for f in (files, mapping.files)}
            if not seen & known:
                known.add((child.resolve(), tuple(files)))
                beside.append(mapping.model_copy(update={"files": files}))
        if beside:
            break  # the nearest folder's, as choose_mappings takes them
    return beside


def _would_name(mapping_file: Path, path: Path) -> bool:
    """Whether a mapping that cannot be read says files: that name ``path`` (read as
    plain YAML; one that is no YAML at all may be for any file)."""
    import yaml

    if is_key_file(mapping_file):  # never read (helper-271 F1-1)
        return False
    try:
        data = yaml.safe_load(mapping_file.read_text("utf-8", errors="replace"))
    except yaml.YAMLError:
        return True
    files = data.get("files") if isinstance(data, dict) else None
    return isinstance(files, list) and names_file(files, path)  # as applies_to (helper-200)


def mapping_elsewhere(path: Path, mapping: Mapping | None) -> list[Message]:
    """A note when a file is dated by a mapping's fixed export date and the mapping is in
    a folder that is neither the file's own nor one above it (helper-191: q_maart/'s
    export, whose folder had no mapping, was dated by q_juni/'s and won over June's
    correction; only 'the same export date' was said)."""
    if mapping is None or not isinstance(mapping.export_date, dt.date):
        return []
    if mapping.path is None or nearness(mapping, path) >= 0:  # its own folder or above
        return []
    from pipelines.ingest.recognise import note

    date = mapping.export_date.strftime("%d-%m-%Y")
    return [note("mapping_elsewhere_dated", mapping=mapping.path, date=date)]
