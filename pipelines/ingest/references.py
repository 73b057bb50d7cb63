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

# quarantine reason -> (table, column) that holds the reference once it is loaded
REFERENCES: dict[str, tuple[str, str]] = {
    "unknown_supplier": ("raw_suppliers", "supplier_id"),
    "unknown_org_unit": ("raw_org_units", "org_unit"),
}


def resolved(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Per ingested file (content hash): its quarantined rows whose missing reference is
    now loaded."""
    parts = [
        # matched as the codes are: without case, spaces or accents (helper-155: an
        # order's k31097 waited for K31097 for good)
        f"select content_hash, line from quarantine where reason_code = '{reason}' "
        f"and strip_accents(lower(trim(value))) in "
        f"(select strip_accents(lower(trim(cast({column} as varchar)))) from {table})"
        for reason, (table, column) in REFERENCES.items()
    ]
    rows = con.execute(
        f"select content_hash, count(distinct line) from ({' union all '.join(parts)}) group by all"
    ).fetchall()
    return dict(rows)
