"""`radar withdraw` as one transaction of the build: the loads taken back (or released
with --undo; pipelines/ingest/withdraw.py), the models rerun, and then the files under
RADAR_HOME/raw that hold a withdrawn content moved to RADAR_HOME/withdrawn (a released
one back), so a warehouse built anew from raw/ reads what counts and nothing else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from pipelines.build.builder import raw_dir, refresh
from pipelines.core.catalogue import Catalogue, load_catalogue
from pipelines.core.texts import Message
from pipelines.core.warehouse import radar_home, rebuilding, warehouse_path
from pipelines.ingest.loader import ensure_tables
from pipelines.ingest.loads import LOADED, WORKBOOKS, content_key
from pipelines.ingest.withdraw import (
    WITHDRAWN,
    Load,
    Withdrawn,
    check_by,
    find_loads,
    release_loads,
    units_gone,
    units_state,
    withdraw_loads,
)


def withdraw(
    names: list[str],
    by: str,
    path: Path | None = None,
    catalogue: Catalogue | None = None,
    *,
    undo: bool = False,
) -> tuple[list[Withdrawn], list[Message]]:
    """Take loaded exports back (`radar withdraw`; pipelines/ingest/withdraw.py), said in
    their log line with when and by whom, and rerun the models, as one transaction; with
    ``undo``, release withdrawn ones to be read again (said in their log line too). A
    name that fits no load, or several, raises NotWithdrawn and leaves the warehouse as
    it was. Then the files under RADAR_HOME/raw that hold a withdrawn content move to
    RADAR_HOME/withdrawn (a released one back), and what is said of them is returned."""
    who = check_by(by)
    now = dt.datetime.now()
    with rebuilding(path or warehouse_path()) as con:
        ensure_tables(con)
        before = None
        if undo:
            loads = find_loads(con, names, WITHDRAWN)
            done = release_loads(con, loads, now, who)
        else:
            loads = find_loads(con, names)
            # an org export withdrawn: what the tree then leaves out that it did not before
            org = any(load.dataset == "org_units" for load in loads)
            before = units_state(con) if org else None
            done = withdraw_loads(con, loads, now, who)
        refresh(con, catalogue or load_catalogue())
        gone = units_gone(con, before) if before is not None else []
        # a workbook whose other sheet still counts stays whole in raw/
        still = {
            Path(r[0]).resolve()
            for r in con.execute(
                "select distinct source_file from ingest_log where status = ?", [LOADED]
            ).fetchall()
        }
    moved = [
        m for load in loads for m in (_back_to_raw(load) if undo else _out_of_raw(load, still))
    ]
    return done, gone + moved


def _copies(folder: Path, content_hash: str, keep: set[Path] = frozenset()) -> list[Path]:
    """The files under ``folder`` that hold the load: its bytes, or a workbook one sheet
    of which it is (helper-124: a withdrawn one-sheet workbook stayed in raw/ and came
    back in a warehouse built anew); none of ``keep`` (files that still count)."""
    if not folder.is_dir():
        return []
    return sorted(
        f
        for f in folder.rglob("*")
        if f.is_file() and f.resolve() not in keep and _holds(f, content_hash)
    )


def _holds(file: Path, content_hash: str) -> bool:
    try:
        data = file.read_bytes()
    except OSError:
        return False
    if content_key(data, None) == content_hash:
        return True
    if file.suffix.lower() not in WORKBOOKS:
        return False
    from openpyxl import load_workbook  # only for a workbook, only here

    try:
        workbook = load_workbook(file, read_only=True)
        names = workbook.sheetnames
        workbook.close()
    except Exception:  # noqa: BLE001 - a file openpyxl cannot open holds no sheet of it
        return False
    return any(content_key(data, SimpleNamespace(sheet=n)) == content_hash for n in names)


def _out_of_raw(load: Load, still: set[Path]) -> list[Message]:
    """Every file under RADAR_HOME/raw with the withdrawn content (a copy under another
    name too; helper-123: the copy brought the month back in a warehouse built anew),
    moved to RADAR_HOME/withdrawn/<moment>/. Only files whose bytes are that content: a
    file since overwritten by newer content, or a workbook of which one sheet was
    withdrawn, stays (helper-123: both were moved, and loaded data lost on a rebuild)."""
    said = []
    raw = raw_dir().resolve()
    copies = _copies(raw, load.content_hash, still)
    for file in copies:
        folder = radar_home() / "withdrawn" / f"{dt.datetime.now():%Y%m%d-%H%M%S-%f}"
        try:
            folder.mkdir(parents=True, mode=0o700)
            file.rename(folder / file.name)
        except OSError as exc:
            said.append(_said("not_moved", path=file, error=exc))
            continue
        said.append(_said("moved", path=file, folder=folder))
    source = Path(load.source_file)
    if not copies and source.is_file() and raw in source.resolve().parents:
        said.append(_said("stays", path=source))
    return said


def _back_to_raw(load: Load) -> list[Message]:
    """--undo: a file moved out of raw/ at its withdrawal, back where it was (when that
    place is free), else where it is."""
    said = []
    source = Path(load.source_file)
    for file in _copies(radar_home() / "withdrawn", load.content_hash):
        home = source if raw_dir().resolve() in source.resolve().parents else None
        if home is not None and not home.exists() and file.name == source.name:
            try:
                file.rename(home)
                said.append(_said("moved_back", path=home))
                continue
            except OSError:
                pass
        said.append(_said("still_withdrawn", path=file))
    return said


def _said(key: str, **values: object) -> Message:
    return Message(f"withdraw.{key}", locale_file="ingest", **values)
