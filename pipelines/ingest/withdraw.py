"""An export loaded by mistake, taken back: `radar withdraw FILE`. Its rows leave the
warehouse and count nowhere; its line in the ingest log stays, with the status
``ingetrokken``, so Datakwaliteit shows what was withdrawn and when, and the same content
is never read again (a folder ingested again skips it, saying so). What the re-export
notes ask for could not be done before: "lees dan alleen de oorspronkelijke export in"
after an HR month counted twice (helper-121: the Excel copy stayed loaded, August at 210
people for 105, with no way back but a warehouse built anew).

A file is named as it was ingested (its path as the log has it, or the same file by
another path), or by its name alone where one loaded file has it. The builder runs this
inside its transaction and reruns the models (builder.withdraw).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.core.texts import Message, MessageError

WITHDRAWN = "ingetrokken"


class NotWithdrawn(MessageError, ValueError):
    """A name that matches no loaded export, or more than one (str(): Dutch)."""


@dataclass(frozen=True)
class Withdrawn:
    source_file: str
    dataset: str
    rows: int


def _said(key: str, **values: object) -> Message:
    return Message(f"withdraw.{key}", locale_file="ingest", **values)


def _same_file(logged: str, wanted: Path) -> bool:
    try:
        return Path(logged).resolve() == wanted.resolve()
    except OSError:
        return False


def find_loads(con: duckdb.DuckDBPyConnection, names: list[str]) -> list[tuple[str, str, str]]:
    """The loads (source_file, dataset, content_hash) the names mean, every one of a name
    (a workbook's sheets are a load each). Raises NotWithdrawn naming each name that
    matches no loaded export, or several files."""
    loaded = con.execute(
        "select source_file, dataset, content_hash from ingest_log"
        " where status = 'geladen' order by ingested_at, source_file"
    ).fetchall()
    found: list[tuple[str, str, str]] = []
    for name in names:
        exact = [r for r in loaded if r[0] == name]
        same = exact or [r for r in loaded if _same_file(r[0], Path(name))]
        named = same or [r for r in loaded if Path(r[0]).name == name]
        files = sorted({r[0] for r in named})
        if not files:
            withdrawn = con.execute(
                "select count(*) from ingest_log where status = ? and source_file = ?",
                [WITHDRAWN, name],
            ).fetchone()[0]
            raise NotWithdrawn(_said("already" if withdrawn else "unknown", name=name))
        if len(files) > 1:
            raise NotWithdrawn(_said("ambiguous", name=name, files=", ".join(files)))
        found += [r for r in named if r not in found]
    return found


def withdraw_loads(
    con: duckdb.DuckDBPyConnection, loads: list[tuple[str, str, str]], now: dt.datetime, by: str
) -> list[Withdrawn]:
    """Each load's rows out of its raw table, its quarantined rows and checks with them;
    its log line kept as withdrawn, with when and by whom."""
    done = []
    when = now.strftime("%d-%m-%Y %H:%M")
    for source, dataset, content_hash in loads:
        (rows,) = con.execute(
            f"select count(*) from raw_{dataset} where _content_hash = ?", [content_hash]
        ).fetchone()
        con.execute(f"delete from raw_{dataset} where _content_hash = ?", [content_hash])
        for table in ("quarantine", "ingest_expectations"):
            con.execute(
                f"delete from {table} where content_hash = ? and source_file = ?",
                [content_hash, source],
            )
        note = _said("note", when=when, by=by)
        con.execute(
            "update ingest_log set status = ?, rows_loaded = 0, rows_quarantined = 0,"
            " notes = concat_ws('; ', notes, ?) where content_hash = ? and source_file = ?",
            [WITHDRAWN, str(note), content_hash, source],
        )
        done.append(Withdrawn(source, dataset, rows))
    return done
