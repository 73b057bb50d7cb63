"""Rows quarantined for a reference that was not loaded yet: an order whose supplier, or a
row whose org unit, the warehouse did not know when the file was read.

Once the reference is loaded (a suppliers or org-units file, in this run or a later one),
such a row is no longer wrong, so its file is read again, replacing its earlier load,
instead of being skipped as already ingested (loader.ingest_files); otherwise those rows
would stay in quarantine for good, and the quarantine's own advice ("lees de
leveranciers in") would change nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from pipelines.ingest.codes import match_codes
from pipelines.ingest.loads import LOADED, REFUSED
from pipelines.ingest.recognise import note

if TYPE_CHECKING:
    from pipelines.ingest.loader import FileResult

# quarantine reason -> (table, column) that holds the reference once it is loaded
REFERENCES: dict[str, tuple[str, str]] = {
    "unknown_supplier": ("raw_suppliers", "supplier_id"),
    "unknown_org_unit": ("raw_org_units", "org_unit"),
}
# the datasets those references are loaded by
REFERENCE_DATASETS = frozenset({"suppliers", "org_units"})


def resolved(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Per ingested file (content hash): its quarantined rows whose missing reference is
    now loaded, matched as the ingest matches codes (codes.match_codes: without case,
    spaces or accents, and two references alike but for those take neither; helper-157:
    matched otherwise, a file was read again on every run, or never)."""
    found: dict[str, set[int]] = {}
    for reason, (table, column) in REFERENCES.items():
        waiting = con.execute(
            "select content_hash, line, value from quarantine where reason_code = ?", [reason]
        ).fetchall()
        if not waiting:  # most ingests: nothing waits, and the references are not read
            continue
        query = f"select distinct cast({column} as varchar) from {table}"
        known = {r[0] for r in con.execute(query).fetchall()}
        matched = match_codes(pd.Series([v for _, _, v in waiting], dtype=object), known)
        for (content_hash, line, _), code in zip(waiting, matched, strict=True):
            if code in known:
                found.setdefault(content_hash, set()).add(line)
    return {h: len(lines) for h, lines in found.items()}


def waiting_elsewhere(
    con: duckdb.DuckDBPyConnection, results: list[FileResult], before: dict[str, int]
) -> None:
    """Files of earlier runs, not of this one, whose quarantined rows wait for an org
    unit or supplier this run loaded: named on the reference files this run loaded, with
    the way in (helper-198: the HR export that waited for a new team stayed without it,
    and the org export that brought the team said nothing of it)."""
    loaded = [r for r in results if r.dataset in REFERENCE_DATASETS and r.rows_loaded]
    if not loaded:
        return
    here = {r.content_hash for r in results}
    now = resolved(con)
    waiting = {h: n for h, n in now.items() if h not in here and n > before.get(h, 0)}
    if not waiting:
        return
    files = [
        f
        for (f,) in con.execute(
            "select distinct source_file from ingest_log where content_hash in "
            f"(select unnest(?)) and status in ('{LOADED}', '{REFUSED}') order by 1",
            [sorted(waiting)],
        ).fetchall()
    ]
    said = note("references_waiting", rows=sum(waiting.values()), files=", ".join(files[:5])
                + (" ..." if len(files) > 5 else ""))  # fmt: skip
    for result in loaded:
        result.notes.append(said)
