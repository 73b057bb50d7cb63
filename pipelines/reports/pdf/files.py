"""The RvC PDF's way in and out: the frozen snapshot read and checked (a snapshot whose
checksum no longer matches is refused, ReportError), and the finished PDF written atomically.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from pipelines.core.texts import Message
from pipelines.reports.snapshot import (
    SnapshotError,
    check_quarter,
    content_hash,
    load_snapshot,
    snapshot_path,
)

# What load_snapshot adds to the frozen content (not covered by the checksum).
LOAD_EXTRAS = ("path", "verified")
# The fields the report cannot do without; the optional ones (red_flag_trends,
# data_freshness, ingest_summary) are used when a snapshot holds them.
REQUIRED_FIELDS = (
    "quarter",
    "previous_quarter",
    "has_previous_quarter",
    "created_at",
    "created_by",
    "warehouse_built_at",
    "org_units",
    "risks",
    "risk_scores",
    "changes",
    "overdue_controls",
    "summary",
    "texts",
    "sha256",
)


class ReportError(SnapshotError):
    """The report cannot be made or written; the message says why, in Dutch."""


def verify(snapshot: dict[str, Any]) -> None:
    """Refuse (ReportError) a snapshot that is not exactly what was frozen."""
    quarter = snapshot.get("quarter")
    where = snapshot.get("path") or Message("report.where", quarter=quarter)
    missing = [f for f in REQUIRED_FIELDS if f not in snapshot]
    if missing:
        raise ReportError(Message("report.incomplete", where=where, missing=", ".join(missing)))
    content = {k: v for k, v in snapshot.items() if k not in LOAD_EXTRAS}
    actual = content_hash(content)
    if actual != content["sha256"]:
        frozen = str(content["sha256"])[:12]
        raise ReportError(Message("report.changed", where=where, frozen=frozen, actual=actual[:12]))
    path = snapshot.get("path")
    if path and Path(path).stem != quarter:
        raise ReportError(
            Message("report.renamed", where=where, quarter=quarter, name=Path(path).stem)
        )
    if snapshot.get("verified") is False:
        raise ReportError(Message("report.unverifiable", where=where))


def load_verified(quarter: str, home: Path | None = None) -> dict[str, Any]:
    """The frozen snapshot of ``quarter``, checked; ReportError when there is none or it
    was changed after it was frozen."""
    check_quarter(quarter)
    path = snapshot_path(quarter, home)
    if not path.exists():
        raise ReportError(Message("report.missing", quarter=quarter, path=path))
    snapshot = load_snapshot(quarter, home)
    verify(snapshot)
    return snapshot


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file and a rename: a failure leaves no
    half file (and an existing file as it was)."""
    path = Path(path)
    if path.is_dir():
        raise ReportError(Message("report.is_folder", path=path))
    if not path.parent.is_dir():
        problem = "report.not_a_folder" if path.parent.exists() else "report.no_folder"
        reason = Message(problem, path=path.parent)
        raise ReportError(Message("report.cannot_write", path=path, reason=reason))
    work = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex}.tmp")
    try:
        with open(work, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(work, path)
    except OSError as exc:
        reason = (
            Message("report.no_permission")
            if isinstance(exc, PermissionError)
            else (exc.strerror or str(exc))
        )
        raise ReportError(Message("report.cannot_write", path=path, reason=reason)) from None
    finally:
        work.unlink(missing_ok=True)
    return path
