"""Ingest without the model run, for tests of what the ingest itself does.

``build`` ingests and then reruns every SQL model (95 of them, some 1.5-2 s even on a
warehouse of a few rows: the planning of each model, not its data). Most ingest tests
read only what the ingest writes (the FileResults, ``raw_*``, ``quarantine``,
``ingest_log``), so they ingest through the same product functions ``build`` calls
(``rebuilding``, ``ensure_tables``, ``ingest_files``) and stop there. A test that reads a
model (``stg_``, ``int_``, a mart) builds instead, or runs only the models it reads and
what they read (``ingest_and_model``): a table it did not name does not exist, so such a
test fails loudly instead of reading something stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipelines.build.builder import load_catalogue_tables
from pipelines.build.models import Model, discover_models, run_models
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


def with_upstream(names: Iterable[str]) -> list[Model]:
    """The named models and every model they read, transitively, in the build's order."""
    models = discover_models()
    by_name = {m.name: m for m in models}
    wanted, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo.extend(by_name[name].depends_on)
    return [m for m in models if m.name in wanted]


@dataclass(frozen=True)
class Ingested:
    files: list[FileResult]


def ingest_and_model(
    path: Path,
    inputs: list[Path],
    models: Iterable[str],
    *,
    mappings: list[Path] | None = None,
    catalogue: Catalogue | None = None,
) -> Ingested:
    """What ``build`` does, with only ``models`` and what they read run after the ingest
    (the catalogue's tables loaded first, as a build loads them): the re-export tests
    read a few staging models, and the other 88 took most of each build's time."""
    cat = catalogue or load_catalogue()
    with rebuilding(path) as con:
        ensure_tables(con)
        files = ingest_files(con, inputs, cat, mappings=mappings or [])
        load_catalogue_tables(con, cat)
        run_models(con, with_upstream(models))
    return Ingested(files)


# A wide survey export's mapping (one row per respondent, a column per item), for a file
# named wijd.csv with RespondentID, Meetmoment and Eenheid first; ``extra``: more of it.
WIDE_SURVEY = (
    "dataset: survey_responses\nfiles: ['wijd.csv']\nunpivot:\n"
    "  id_columns: [RespondentID, Meetmoment, Eenheid]\n"
    "columns: {RespondentID: respondent_key, Meetmoment: wave_date, Eenheid: org_unit}\n"
)
