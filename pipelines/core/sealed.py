"""The RvC snapshot's seal: a JSON document that carries the SHA-256 of its own content.

Kept below both of its readers: pipelines/reports/snapshot.py writes and loads snapshots,
and pipelines/register/audit_verify.py trusts the audit-log head frozen in a snapshot only
when the seal still holds (so the register need not import the reports).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

QUARTER = re.compile(r"(\d{4})-Q([1-4])")  # a snapshot's name: 2026-Q3


def canonical(content: dict[str, Any]) -> bytes:
    """The bytes the checksum covers: sorted keys, no whitespace, UTF-8."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def content_hash(content: dict[str, Any]) -> str:
    return hashlib.sha256(
        canonical({k: v for k, v in content.items() if k != "sha256"})
    ).hexdigest()


def verify_snapshot(path: Path) -> bool:
    """True when the file still holds exactly what was frozen (its checksum matches)."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(doc, dict)
        and doc.get("sha256") == content_hash(doc)
        and doc.get("quarter") == Path(path).stem
    )
