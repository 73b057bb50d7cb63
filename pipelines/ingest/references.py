"""Rows quarantined for a reference that was not loaded yet: an order whose supplier, or a
row whose org unit, the warehouse did not know when the file was read.

Once the reference is loaded (a suppliers or org-units file, in this run or a later one),
such a row is no longer wrong, so its file is read again, replacing its earlier load,
instead of being skipped as already ingested (loader.ingest_files); otherwise those rows
would stay in quarantine for good, and the quarantine's own advice ("lees de
leveranciers in") would change nothing.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from pipelines.ingest.codes import match_codes

# quarantine reason -> (table, column) that holds the reference once it is loaded
REFERENCES: dict[str, tuple[str, str]] = {
    "unknown_supplier": ("raw_suppliers", "supplier_id"),
    "unknown_org_unit": ("raw_org_units", "org_unit"),
}


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
