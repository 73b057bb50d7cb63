"""An export loaded by mistake, taken back: `radar withdraw FILE`. Its rows leave the
warehouse and count nowhere; its line in the ingest log stays, with the status
``ingetrokken``, so Datakwaliteit shows what was withdrawn, when and by whom, and the same
content is never read again (a folder ingested again skips it, saying so); a file of it
under RADAR_HOME/raw moves to RADAR_HOME/withdrawn, so a warehouse built anew from raw/
does not read it either. `radar withdraw --undo` lets the content be read again. What
the re-export notes ask for could not be done before: "trek de kopie in" after an HR
month counted twice (helper-121: the Excel copy stayed loaded, August at 210 people for
105, with no way back but a warehouse built anew).

A load is named by its path as the log has it, the same file by another path, the
start of its content code (at least 8 characters, which an ambiguous name lists), or
its file name alone where nothing else fits. A name that fits more than one load (a
path logged relative from two folders, a file overwritten by the next month's, the
sheets of one workbook) withdraws nothing and lists them (helper-122: one name withdrew
the original and its copy). The builder runs this inside its transaction and reruns the
models (builder.withdraw).
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import duckdb

from pipelines.core.keys import is_key_file
from pipelines.core.texts import Joined, Message, MessageError
from pipelines.ingest.loads import (
    LOADED,
    RELEASED,
    WITHDRAWN,
    content_key,
    load_keys,
    same_file,
)

__all__ = ["RELEASED", "WITHDRAWN", "Load", "NotWithdrawn", "Withdrawn", "find_loads"]

CODE_AT_LEAST = 8  # characters of a content code that name a load


class NotWithdrawn(MessageError, ValueError):
    """Names that fit no load, or more than one, or a withdrawer not named (str():
    Dutch); nothing was changed."""


class Load(NamedTuple):
    source_file: str
    dataset: str
    content_hash: str
    ingested_at: dt.datetime | None
    rows_loaded: int


@dataclass(frozen=True)
class Withdrawn:
    source_file: str
    dataset: str
    rows: int


def _said(key: str, **values: object) -> Message:
    return Message(f"withdraw.{key}", locale_file="ingest", **values)


def check_by(by: str) -> str:
    """Who withdraws, as the log keeps it: a name, without control characters."""
    name = by.strip()
    odd = [c for c in name if not c.isprintable() or unicodedata.category(c) in ("Zl", "Zp")]
    if not name or odd or unicodedata.combining(name[0]):
        raise NotWithdrawn(_said("by", by=repr(by)))
    return name


def _ends_in(load: Load, wanted: Path) -> bool:
    """Whether ``wanted`` is the file a relative path logged from another folder names:
    its path ends in it, and its bytes are that load's (helper-266: `exports/x.csv`,
    ingested from /tmp/h, did not fit /tmp/h/exports/x.csv typed in from /)."""
    logged = Path(os.path.normpath(load.source_file))
    if logged.is_absolute():
        return False
    # ../mei/x.csv: the folder above the one it was ingested from, whichever that was
    parts = tuple(p for p in logged.parts if p != "..")
    try:
        # the path as typed (a folder that is a symlink) or as it resolves (helper-267 F4)
        typed = Path(os.path.abspath(wanted)).parts[-len(parts) :]
        if parts not in (typed, wanted.resolve().parts[-len(parts) :]):
            return False
        return load.content_hash in load_keys(wanted.read_bytes()).values()
    except OSError:
        return False


def _fitting(loads: list[Load], name: str) -> list[Load]:
    """Every load the name may mean: its logged path, the same file by another path (a
    relative path logged from another folder may be either), the start of its content
    code; else its file name alone."""
    code = len(name) >= CODE_AT_LEAST and all(c in "0123456789abcdef" for c in name.lower())
    fits = [
        r
        for r in loads
        if r.source_file == name
        or same_file(r.source_file, Path(name))
        or _ends_in(r, Path(name))
        or (code and r.content_hash.startswith(name.lower()))
    ]
    return fits or [r for r in loads if Path(r.source_file).name == Path(name).name == name]


def _same_content(loads: list[Load], name: str) -> Load | None:
    """The load of the bytes of the file ``name`` names, where no load has its name: the
    same export read under another name since (helper-190 D14: a re-send under a newer
    export date replaced the first load, and the first file's name fitted nothing)."""
    if is_key_file(Path(name)):  # never opened (helper-271 F1-4)
        return None
    try:
        data = Path(name).read_bytes()
    except OSError:
        return None
    code = content_key(data, None)
    return next((r for r in loads if r.content_hash == code), None)


def _shown(load: Load) -> Message:
    when = f"{load.ingested_at:%d-%m-%Y %H:%M}" if load.ingested_at else "?"
    return _said(
        "load", path=load.source_file, when=when, rows=load.rows_loaded,
        code=load.content_hash[:12],
    )  # fmt: skip


def find_loads(
    con: duckdb.DuckDBPyConnection, names: list[str], status: str = LOADED
) -> list[Load]:
    """The loads (of ``status``: loaded, or withdrawn for --undo) the names mean, one each.
    Raises NotWithdrawn naming every name that fits none or several."""
    logged = con.execute(
        "select status, source_file, dataset, content_hash, ingested_at, rows_loaded"
        " from ingest_log where status in (?, ?) order by ingested_at, source_file",
        [LOADED, WITHDRAWN],
    ).fetchall()
    wanted = [Load(*r[1:]) for r in logged if r[0] == status]
    other = [Load(*r[1:]) for r in logged if r[0] != status]
    found: list[Load] = []
    problems: list[Message] = []
    for name in names:
        fits = list(dict.fromkeys(_fitting(wanted, name)))
        if len(fits) == 1:
            found += [fits[0]] if fits[0] not in found else []
        elif fits:
            listed = Joined([_shown(r) for r in fits], sep="; ")  # in the message's language
            problems.append(
                _said("ambiguous", name=name, loads=listed, code=fits[0].content_hash[:12])
            )
        elif same := _same_content(wanted, name):  # its content loaded under another name
            problems.append(
                _said("same_content", name=name, path=same.source_file, code=same.content_hash[:12])
            )
        elif status != LOADED and (aside := set_aside(name)):  # a warehouse built anew
            problems.append(_said("set_aside", name=name, path=aside))
        else:
            again = "already" if status == LOADED else "not_withdrawn"
            problems.append(_said(again if _fitting(other, name) else "unknown", name=name))
    if problems:
        raise NotWithdrawn(_said("nothing", problems=Joined(problems)))
    return found


def withdraw_loads(
    con: duckdb.DuckDBPyConnection, loads: list[Load], now: dt.datetime, by: str
) -> list[Withdrawn]:
    """Each load's rows out of its raw table, its quarantined rows and checks with them;
    its log line kept as withdrawn, with when and by whom."""
    done = []
    when = now.strftime("%d-%m-%Y %H:%M")
    for load in loads:
        source, dataset, content_hash = load.source_file, load.dataset, load.content_hash
        (rows,) = con.execute(
            f"select count(*) from raw_{dataset} where _content_hash = ?", [content_hash]
        ).fetchone()
        con.execute(f"delete from raw_{dataset} where _content_hash = ?", [content_hash])
        for kept in ("raw_dropped_keys", "raw_held_periods"):  # (dropped_keys.py)
            con.execute(
                f"delete from {kept} where _content_hash = ? and dataset = ?",
                [content_hash, dataset],
            )
        for table in ("quarantine", "ingest_expectations"):
            con.execute(
                f"delete from {table} where content_hash = ? and source_file = ?",
                [content_hash, source],
            )
        note = _said("note", when=when, by=by)
        con.execute(
            "update ingest_log set status = ?, rows_loaded = 0, rows_quarantined = 0,"
            " notes = concat_ws('; ', notes, ?)"
            " where content_hash = ? and source_file = ? and status = ?",
            [WITHDRAWN, str(note), content_hash, source, LOADED],
        )
        done.append(Withdrawn(source, dataset, rows))
    return done


def release_loads(
    con: duckdb.DuckDBPyConnection, loads: list[Load], now: dt.datetime, by: str
) -> list[Withdrawn]:
    """--undo: each withdrawn load's log line kept as released, with when and by whom
    beside its withdrawal (helper-123: the line was deleted, and the trail with it), so
    its content may be read again (its rows are gone: the file is ingested again)."""
    note = _said("released_note", when=now.strftime("%d-%m-%Y %H:%M"), by=by)
    for load in loads:
        con.execute(
            "update ingest_log set status = ?, notes = concat_ws('; ', notes, ?)"
            " where content_hash = ? and source_file = ? and status = ?",
            [RELEASED, str(note), load.content_hash, load.source_file, WITHDRAWN],
        )
    return [Withdrawn(r.source_file, r.dataset, 0) for r in loads]


def set_aside(name: str) -> Path | None:
    """The newest file of that name a withdrawal moved out of raw/ into
    RADAR_HOME/withdrawn/<moment>/, for an --undo the warehouse no longer knows (built
    anew from raw/ since: helper-198 5c, told only that no such export was ingested)."""
    from pipelines.core.warehouse import radar_home

    found = sorted((radar_home() / "withdrawn").glob(f"*/{glob.escape(Path(name).name)}"))
    return found[-1] if found else None
