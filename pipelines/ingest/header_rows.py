"""Rows below a file's header that are header too: survey tools write more than one
header row (Qualtrics: the question texts, then its import ids). A column mapping's
``extra_header_rows`` says how many; they are counted as rows, so a question text that
runs over several lines is one.

Nothing is dropped unseen: each such row is first checked as a data row would be, and
one that would load whole (every cell readable, no rule broken) is data, not header: the
file is refused, naming its line, rather than a respondent lost. The rows that are
header are left out, and a note on the file names their lines.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import duckdb

from pipelines.ingest.checks import Checked
from pipelines.ingest.readers import unusable
from pipelines.ingest.recognise import note
from pipelines.ingest.source_table import SourceTable, _new_name


def header_lines(con: duckdb.DuckDBPyConnection, source: SourceTable, count: int) -> list[int]:
    """The lines of the first ``count`` rows below the header (empty rows not counted),
    read before a wide export is unpivoted."""
    return [
        r[0]
        for r in con.execute(
            f"select _line from {source.name} order by _line limit {count:d}"
        ).fetchall()
    ]


def skip_header_rows(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    lines: list[int],
    check: Callable[[SourceTable], Checked],
) -> None:
    """``source`` without the rows of ``lines``; UnusableFile when one of them is data.
    ``check``: the checks a file's rows go through (loader.check_file)."""
    if not lines:
        return
    listed = ", ".join(str(int(n)) for n in lines)
    probe = _new_name("head")
    con.execute(
        f"create temp view {probe} as select * from {source.name} where _line in ({listed})"
    )
    try:
        rows = {r[0] for r in con.execute(f"select distinct _line from {probe}").fetchall()}
        checked = check(dataclasses.replace(source, name=probe, owned=[], notes=[], malformed=[]))
        try:
            held = con.execute(f"select distinct line from {checked.quarantine}").fetchall()
        finally:
            checked.drop(con)
        data = sorted(rows - {r[0] for r in held})
    finally:
        con.execute(f"drop view if exists {probe}")
    if data:
        raise unusable("header_row_is_data", source.path, line=data[0], count=len(lines))
    view = _new_name("data")
    con.execute(
        f"create temp view {view} as select * from {source.name} where _line not in ({listed})"
    )
    source.owned.append(("view", view))
    source.name = view
    source.malformed = [m for m in source.malformed if m[0] not in lines]
    source.notes.append(note("extra_header_rows", lines=listed, rows=len(lines)))
