"""``radar build`` and ``radar ingest``: new exports in, catalogue reloaded, models rerun.

New files are ingested (see ingest), the catalogue is flattened into ``raw_catalogue__*``
tables, and the staging, intermediate and mart models under pipelines/build/sql do the rest.
All of it is one atomic swap of the warehouse file (see warehouse.rebuilding), so the
published marts always match the data they were built from. BuildResult.timings says
where the time went (the warehouse copy, ingest, models, publishing) and the peak memory
(``radar build --timings``, ``radar ingest --timings``, ``make bench``).
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.build.models import (
    Model,
    discover_models,
    existing,
    identifiers,
    published_marts,
    run_models,
)
from pipelines.build.operating_evidence import operating_frames
from pipelines.core.catalogue import (
    CATEGORY_ORDER,
    Catalogue,
    ProcurementSignalSettings,
    load_catalogue,
)
from pipelines.core.warehouse import RebuildTimings, radar_home, rebuilding, warehouse_path
from pipelines.ingest.loader import FileResult, ensure_tables, ingest_files
from pipelines.ingest.uploads import set_aside
from pipelines.meldingen.followup import build_frames as followup_frames
from pipelines.meldingen.store import read_for_build
from pipelines.register.store import Register, seed_frames


@dataclass(frozen=True)
class BuildTimings:
    """Where the time of one build or ingest went, in seconds (``radar build --timings``).

    ``total_seconds`` runs from the call of build() to its return; ``other_seconds`` is
    what the phases do not cover (loading the catalogue YAML, the lock file, cleaning up).
    """

    # waiting for another build or ingest to finish (the writer's lock)
    wait_seconds: float = 0.0
    # copying the published warehouse to the private working copy (warehouse.rebuilding)
    copy_seconds: float = 0.0
    # the size of that copy in bytes (0: there was no warehouse yet)
    copied_bytes: int = 0
    # reading, checking, pseudonymising and loading the files (ingest.ingest_files)
    ingest_seconds: float = 0.0
    # reloading the catalogue and the register and rerunning the SQL models (or, when
    # only refused files came in, just the Datakwaliteit reports); 0 when nothing new
    models_seconds: float = 0.0
    # checkpoint, fsync and the atomic rename that publishes the new warehouse
    publish_seconds: float = 0.0
    total_seconds: float = 0.0
    # the process's peak resident memory (MiB) so far: at the end of the ingest, at the
    # end of the models (0: not reached) and at the end of the build
    peak_mib_after_ingest: int = 0
    peak_mib_after_models: int = 0
    peak_mib: int = 0

    @property
    def other_seconds(self) -> float:
        phases = (
            self.wait_seconds
            + self.copy_seconds
            + self.ingest_seconds
            + self.models_seconds
            + self.publish_seconds
        )
        return max(self.total_seconds - phases, 0.0)


def peak_memory_mib() -> int:
    """This process's peak resident memory so far, in MiB.

    On Linux the VmHWM of /proc/self/status: getrusage's ru_maxrss also counts the memory
    of the process that started this one (Linux carries the parent's peak over a fork
    and exec), so `radar build` started from a large process would report that one's.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024  # kB
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 2**20 if sys.platform == "darwin" else peak // 1024  # bytes there, else KiB


@dataclass(frozen=True)
class BuildResult:
    path: Path
    models: list[str]
    marts: list[str]
    files: list[FileResult] = field(default_factory=list)
    # False when nothing new came in and only_new was asked: the warehouse is untouched.
    changed: bool = True
    # False when the models were not rerun (nothing loaded; at most the Datakwaliteit
    # reports were refreshed to show refused files).
    rebuilt: bool = True
    timings: BuildTimings = field(default_factory=BuildTimings)

    @property
    def loaded(self) -> list[FileResult]:
        return [f for f in self.files if not (f.error or f.skipped or f.failed)]

    @property
    def refused(self) -> list[FileResult]:
        return [f for f in self.files if f.failed]


class _NothingNew(Exception):
    """Raised inside the transaction to leave the warehouse exactly as it was."""


INGEST_TABLES = ("ingest_log", "quarantine", "ingest_expectations")


def ingest_report_models(
    models: list[Model] | None = None, present: set[str] | None = None
) -> list[Model]:
    """The models that read the ingest bookkeeping (Datakwaliteit), in run order: by the
    names their SQL uses (models.identifiers), not by a word in a comment (a staging
    model's comment naming the quarantine made it one, and a refused first file stopped
    with a model error: ccf95c0). With ``present`` (the warehouse's tables and views), a
    model that also reads a dataset's models is one only where those are built (a first
    file refused: int_quality__unlinked_rows reads the quarantine and the registers)."""
    chosen: list[Model] = []
    names: set[str] = set()
    for model in models if models is not None else discover_models():
        reads_log = bool(identifiers(model.sql) & set(INGEST_TABLES))
        others = model.depends_on - names
        built = present is None or others <= present
        if (reads_log or model.depends_on & names) and built:
            chosen.append(model)
            names.add(model.name)
    return chosen


def catalogue_frames(cat: Catalogue) -> dict[str, pd.DataFrame]:
    """The catalogue as flat tables, one row per risk, measure, indicator and weight."""
    categories = pd.DataFrame(
        [
            {
                "category": key,
                "category_order": CATEGORY_ORDER.index(key),
                "name_nl": text.nl,
                "name_en": text.en,
            }
            for key, text in cat.settings.categories.items()
        ]
    )
    risks = pd.DataFrame(
        [
            {
                "id": r.id,
                "category": r.category,
                "name_nl": r.name.nl,
                "name_en": r.name.en,
                "description_nl": r.description.nl,
                "description_en": r.description.en,
                "aggregate_only": r.aggregate_only,
            }
            for r in cat.risks
        ]
    )
    indicators = pd.DataFrame(
        [
            {
                "id": i.id,
                "name_nl": i.name.nl,
                "name_en": i.name.en,
                "family": i.family,
                "dataset": i.dataset,
                "measure": i.measure,
                "unit": i.unit,
                "direction": i.direction,
                "amber": i.amber,
                "red": i.red,
                "min_n": i.min_n,
                "aggregate_only": i.aggregate_only,
                "funnel_kind": i.funnel_kind,
                "value_scale": i.value_scale,
                "test_kind": i.test_kind,
                "rate_per": i.rate_per,
                "window_months": i.window_months,
            }
            for i in cat.indicators
        ]
    )
    # whole months or empty, never a float with NaN
    indicators["window_months"] = indicators["window_months"].astype("Int64")
    items = pd.DataFrame(
        [
            {"item_code": i.code, "construct": i.construct_code, "is_reverse": i.reverse}
            for i in cat.survey.items
        ]
    )
    indicator_items = pd.DataFrame(
        [
            {"indicator_id": ind.id, "item_code": item.code}
            for ind in cat.indicators
            if ind.family == "survey"
            for item in cat.survey.items
            if item.code in ind.items or item.construct_code in ind.constructs
        ]
    )
    parameters = pd.DataFrame(
        [
            {"indicator_id": ind.id, "name": name, "value": str(value)}
            for ind in cat.indicators
            for name, values in ind.parameters.items()
            for value in (values if isinstance(values, list) else [values])
        ],
        columns=["indicator_id", "name", "value"],
    )
    rules = pd.DataFrame(
        [
            {
                "rule_id": r.id,
                "check_name": r.check,
                "max_value_eur": getattr(r, "max_value_eur", None),
                "max_private_km_per_year": getattr(r, "max_private_km_per_year", None),
                "giver_types": getattr(r, "giver_types", None),
                "forbidden_gift_types": getattr(r, "forbidden_gift_types", None),
                "risk_ids": list(r.risks),
            }
            for r in cat.code_rules
        ]
    )
    scoring = cat.settings.scoring
    statuses = pd.DataFrame(
        [{"status": k, "status_weight": v} for k, v in cat.settings.control_statuses.items()]
    )
    results = pd.DataFrame(
        [
            {"test_result": k, "result_multiplier": v}
            for k, v in cat.settings.control_test_results.items()
        ]
    )
    level_likelihood = pd.DataFrame(
        [{"level": k, "likelihood": v} for k, v in scoring.level_likelihood.items()]
    )
    weights = pd.DataFrame(
        [
            {"indicator_id": i.id, "risk_id": rid, "weight": w}
            for i in cat.indicators
            for rid, w in i.weights.items()
        ]
    )
    settings = pd.DataFrame(
        [
            {
                "min_group_size": cat.settings.privacy.min_group_size,
                "publish_months": cat.settings.privacy.publish_months,
                "data_freshness_warn_days": cat.settings.data_freshness_warn_days,
                "flagged_min_likelihood": scoring.flagged_min_likelihood,
                "alpha_warn": scoring.alpha_warn,
                "alpha_alarm": scoring.alpha_alarm,
                "overdispersion_winsor": scoring.overdispersion_winsor,
                "overdispersion_min_cells": scoring.overdispersion_min_cells,
                "main_weight": scoring.main_weight,
                "min_coverage": scoring.min_coverage,
                "gap_oranje": scoring.assurance_gap_levels["oranje"],
                "gap_rood": scoring.assurance_gap_levels["rood"],
                "triangle_controls_in_place_min": cat.settings.fraud_triangle.controls_in_place_min,
                "triangle_signal_red_min_likelihood": (
                    cat.settings.fraud_triangle.signal_red_min_likelihood
                ),
                "finding_max_penalty": cat.settings.audit_findings.max_penalty,
            }
        ]
    )
    return {
        "raw_catalogue__settings": settings,
        "raw_catalogue__categories": categories,
        "raw_catalogue__risks": risks,
        "raw_catalogue__indicators": indicators,
        "raw_catalogue__indicator_weights": weights,
        "raw_catalogue__survey_items": items,
        "raw_catalogue__indicator_items": indicator_items,
        "raw_catalogue__code_rules": rules,
        "raw_catalogue__indicator_parameters": parameters,
        "raw_catalogue__control_statuses": statuses,
        "raw_catalogue__control_test_results": results,
        "raw_catalogue__level_likelihood": level_likelihood,
        **finding_frames(cat),
        "raw_catalogue__procurement_signals": pd.DataFrame(
            [cat.settings.procurement.model_dump(include=PROCUREMENT_SIGNAL_KEYS)]
        ),
        **operating_frames(cat),
    }


def procurement_frames(cat: Catalogue) -> dict[str, pd.DataFrame]:
    """The procedure ladder (issue 18), one row per procedure (exempt ones without rank or
    amount), and the order indicators' parameters in one row."""
    policy = cat.settings.procurement
    ladder = pd.DataFrame(
        [
            {"procedure": s.procedure, "procedure_rank": rank, "from_eur": s.from_eur}
            | {"min_quotes": s.min_quotes, "is_exempt": False}
            for rank, s in enumerate(policy.procedure_thresholds)
        ]
        + [
            {"procedure": p, "procedure_rank": None, "from_eur": None}
            | {"min_quotes": None, "is_exempt": True}
            for p in policy.exempt_procedures
        ]
    ).astype({"procedure_rank": "Int64", "from_eur": "float64", "min_quotes": "Int64"})
    params = pd.DataFrame(
        [
            {"split_window_days": policy.split_window_days}
            | {"just_under_band": policy.just_under_band}
            | {"min_part_share": policy.min_part_share}
        ]
    )
    return {
        "raw_catalogue__procurement_thresholds": ladder,
        "raw_catalogue__procurement_settings": params,
    }


# The G2 signal thresholds (catalogue.ProcurementSignalSettings), one row for the models.
PROCUREMENT_SIGNAL_KEYS = set(ProcurementSignalSettings.model_fields)


def finding_frames(cat: Catalogue) -> dict[str, pd.DataFrame]:
    """Audit-finding severities (with the combining rule's penalty) and statuses."""
    rules = cat.settings.audit_findings
    severities = pd.DataFrame(
        [
            {
                "severity": k,
                "effectiveness_penalty": rules.effectiveness_penalty[k],
                "name_nl": text.nl,
                "name_en": text.en,
            }
            for k, text in rules.severities.items()
        ]
    )
    statuses = pd.DataFrame(
        [
            {"status": k, "is_closed": k == rules.closed_status, "name_nl": t.nl, "name_en": t.en}
            for k, t in rules.statuses.items()
        ]
    )
    return {
        "raw_catalogue__finding_severities": severities,
        "raw_catalogue__finding_statuses": statuses,
    }


# The integrity reports as the warehouse holds them: only what the meldingen marts
# aggregate (never an id, free text, who registered it or whom it concerns).
MELDINGEN_COLUMNS = {
    "received_on": "date",
    "route": "varchar",
    "risk_ids": "varchar[]",
    "org_unit_id": "varchar",
    "acknowledged_on": "date",
    "feedback_on": "date",
    "closed_on": "date",
    "status": "varchar",
    "outcome": "varchar",
    "acknowledge_by": "date",
    "feedback_by": "date",
}


def meldingen_frame(path: Path | None = None) -> pd.DataFrame:
    """The reports from RADAR_HOME/meldingen.sqlite (or ``path``) as raw_radar__meldingen
    takes them; no file means no reports, not an error."""
    rows = read_for_build(path).rename(columns={"org_unit": "org_unit_id"})
    return rows.reindex(columns=list(MELDINGEN_COLUMNS))


def load_meldingen_table(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame | None) -> None:
    """raw_radar__meldingen, typed (empty without ``frame``)."""
    columns = ", ".join(f"{name} {kind}" for name, kind in MELDINGEN_COLUMNS.items())
    con.execute(f"create or replace table raw_radar__meldingen ({columns})")
    if frame is not None and len(frame):
        rows = frame.reindex(columns=list(MELDINGEN_COLUMNS)).astype(object)
        rows = rows.where(rows.notna(), None)
        con.executemany(
            f"insert into raw_radar__meldingen values ({', '.join('?' * len(MELDINGEN_COLUMNS))})",
            [list(r) for r in rows.itertuples(index=False)],
        )
        # org_unit is typed in the register: a code that is no unit of the organisation
        # (a typing error, or a word that is not a code) is not kept in the warehouse; the
        # report counts at the top of the tree, as an unknown unit does (int_kri__meldingen)
        known = con.execute(
            "select count(*) from duckdb_tables() where table_name = 'raw_org_units'"
        ).fetchone()[0]
        con.execute(
            "update raw_radar__meldingen set org_unit_id = null where org_unit_id not in "
            + (
                "(select org_unit from raw_org_units where org_unit is not null)"
                if known
                else "(null)"
            )
        )


def load_catalogue_tables(
    con: duckdb.DuckDBPyConnection,
    cat: Catalogue,
    register: dict[str, pd.DataFrame] | None = None,
    meldingen: pd.DataFrame | None = None,
    followup: dict[str, pd.DataFrame] | None = None,
) -> None:
    """The catalogue as raw_catalogue__* tables, the register as raw_register__*, the
    integrity reports as raw_radar__meldingen and the exceptions' follow-up state.

    Without ``register`` the register is the catalogue's starting state (as a new
    RADAR_HOME would have it); without ``meldingen`` there are no reports; without
    ``followup`` no exception has a follow-up.
    """
    frames = catalogue_frames(cat) | procurement_frames(cat) | (register or seed_frames(cat))
    frames |= followup if followup is not None else followup_frames(None, empty=True)
    con.begin()  # one commit for the thirty-odd tables, not one each
    try:
        load_meldingen_table(con, meldingen)
        for name, frame in frames.items():
            con.register("_frame", frame)
            con.execute(f"create or replace table {name} as select * from _frame")
            con.unregister("_frame")
    except BaseException:
        con.rollback()
        raise
    con.commit()


def refresh(con: duckdb.DuckDBPyConnection, cat: Catalogue) -> tuple[list[str], list[str]]:
    """Reload the catalogue and the register and rerun every SQL model.

    Returns (models run, marts). The register is read from RADAR_HOME/register.sqlite
    (created from the catalogue on first use), the reports from RADAR_HOME/meldingen.sqlite.
    """
    ensure_tables(con)
    load_catalogue_tables(con, cat, Register(cat).frames(), meldingen_frame(), followup_frames())
    ran = run_models(con, discover_models())
    return ran, published_marts(con)


def rescore(path: Path | None = None, catalogue: Catalogue | None = None) -> list[str]:
    """Rerun the models on the data already in the warehouse, with the current register.

    What the dashboard's "Scores herberekenen" does after register edits: no ingest, the
    same atomic swap as a build. Raises WarehouseBusy when a build or ingest is running.
    """
    with rebuilding(path or warehouse_path(), wait=False) as con:
        ran, _ = refresh(con, catalogue or load_catalogue())
    return ran


def raw_dir() -> Path:
    """Where `radar build` looks for new exports: RADAR_HOME/raw."""
    return radar_home() / "raw"


def build(
    path: Path | None = None,
    catalogue: Catalogue | None = None,
    *,
    inputs: list[Path] | None = None,
    mappings: list[Path] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    wait: bool = True,
    only_new: bool = False,
) -> BuildResult:
    """Ingest new files, reload the catalogue and rerun the models, as one transaction.

    ``inputs`` defaults to RADAR_HOME/raw (when it exists). The old warehouse stays in
    place until all of it succeeded. ``wait=False`` raises WarehouseBusy at once when
    another build or ingest is running (the dashboard) instead of queueing behind it.

    Uploads (raw/uploads) that were refused or unusable are set aside afterwards
    (pipelines.ingest.uploads.set_aside), for `radar build` and the page alike.

    ``only_new`` (radar ingest): when no file was loaded the models are not rerun. When
    nothing was recorded either (no files, all unusable or already ingested) the
    warehouse is left exactly as it was (``changed`` False); when files were refused
    (more than ingest.max_quarantined_share quarantined) only the Datakwaliteit reports
    are refreshed, so that they show the refused files (``rebuilt`` False).
    """
    clock = time.perf_counter
    started = clock()
    cat = catalogue or load_catalogue()
    path = path or warehouse_path()
    if inputs is None:
        inputs = [raw_dir()] if raw_dir().exists() else []
    files: list[FileResult] = []
    ran: list[str] = []
    marts: list[str] = []
    changed = rebuilt = True
    around = RebuildTimings()
    ingest_seconds = models_seconds = 0.0
    peak_after_ingest = peak_after_models = 0
    try:
        with rebuilding(path, wait=wait, timings=around) as con:
            phase = clock()
            ensure_tables(con)
            files = ingest_files(con, inputs, cat, mappings=mappings or [], progress=progress)
            ingest_seconds = clock() - phase
            peak_after_ingest = peak_memory_mib()
            recorded = [f for f in files if not (f.error or f.skipped)]
            loaded = [f for f in recorded if not f.failed]
            if only_new and not recorded:
                raise _NothingNew
            phase = clock()
            if only_new and not loaded:
                ran = run_models(con, ingest_report_models(present=set(existing(con))))
                marts = published_marts(con)
                rebuilt = False
            else:
                ran, marts = refresh(con, cat)
            models_seconds = clock() - phase
            peak_after_models = peak_memory_mib()
    except _NothingNew:
        changed = rebuilt = False
    # a refused upload (the page's raw/uploads) is moved aside with why, so the next
    # build does not refuse it again, silently, every time; the page lists it
    set_aside(files)
    timings = BuildTimings(
        wait_seconds=around.wait_seconds,
        copy_seconds=around.copy_seconds,
        copied_bytes=around.copied_bytes,
        ingest_seconds=ingest_seconds,
        models_seconds=models_seconds,
        publish_seconds=around.publish_seconds,
        total_seconds=clock() - started,
        peak_mib_after_ingest=peak_after_ingest,
        peak_mib_after_models=peak_after_models,
        peak_mib=peak_memory_mib(),
    )
    return BuildResult(path, ran, marts, files, changed, rebuilt, timings)
