"""Ingest without the model run, for tests of what the ingest itself does.

``build`` ingests and then reruns every SQL model (95 of them, some 1.5-2 s even on a
warehouse of a few rows: the planning of each model, not its data). Most ingest tests
read only what the ingest writes (the FileResults, ``raw_*``, ``quarantine``,
``ingest_log``), so they ingest through the same product functions ``build`` calls
(``rebuilding``, ``ensure_tables``, ``ingest_files``) and stop there. A test that reads a
model (``stg_``, ``int_``, a mart) builds instead: here such a table does not exist, so
such a test fails loudly instead of reading something stale.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.core.catalogue import Catalogue, load_catalogue
from pipelines.core.warehouse import rebuilding
from pipelines.ingest.loader import FileResult, ensure_tables, ingest_files


def ingest_only(
    path: Path,
    inputs: list[Path],
    *,
    mappings: list[Path] | None = None,
    catalogue: Catalogue | None = None,
) -> list[FileResult]:
    """What ``build(path, inputs=..., mappings=...)`` ingests and records, published as
    atomically as a build publishes it, without running the models."""
    with rebuilding(path) as con:
        ensure_tables(con)
        return ingest_files(con, inputs, catalogue or load_catalogue(), mappings=mappings or [])
