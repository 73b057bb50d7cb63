"""The risk catalogue: typed models over the reviewed YAML files in ``risks/``.

The catalogue is the product's register-as-data: the seven Aedes red flags, the twelve
fraud-triangle risks, their control measures, the integrity-code rules, the key risk
indicators with their thresholds, the survey item bank and the product settings.
``load_catalogue`` refuses a broken file with a message naming the file, the line, the
entry and the field, so a reviewer can fix it without reading a traceback (the line found
by pipelines/core/yaml_errors.py).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pipelines.core.board_titles import NoManagerTitles
from pipelines.core.operating_evidence import OperatingEvidenceSettings
from pipelines.core.procurement_settings import ProcedureLadderSettings, ProcurementSignalSettings
from pipelines.core.texts import Joined, Message
from pipelines.core.yaml_errors import (
    CatalogueError,
    CatalogueRule,
    PydanticProblem,
    compose,
    error_message,
    find_entry_line,
    place,
    read_yaml,
)

DEFAULT_CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "risks"

CATALOGUE_FILES = {
    "settings": "settings.yaml",
    "risks": "risks.yaml",
    "code_rules": "code_rules.yaml",
    "indicators": "indicators.yaml",
    "survey": "survey_items.yaml",
}

Score = Annotated[int, Field(ge=1, le=5)]
Category = Literal["red_flag", "gelegenheid", "druk", "rationalisatie"]
CATEGORY_ORDER: tuple[Category, ...] = ("red_flag", "gelegenheid", "druk", "rationalisatie")
Dataset = Literal[
    "survey_responses",
    "employees",
    "org_units",
    "side_jobs",
    "gifts",
    "vehicle_use",
    "allocations",
    "hr_aggregates",
    "feedback_360",
    "procurement",
    "suppliers",
    "trainings",
    "control_tests",
    "meldingen",
]
OwnerRole = Literal[
    "bestuurder",
    "directieteam",
    "leidinggevende",
    "hr",
    "risicomanager",
    "integriteitsfunctionaris",
    "vertrouwenspersoon",
    "manager_verhuur",
    "inkoop",
    "controller",
    "interne_audit",
    "bedrijfsmaatschappelijk_werker",
]


class Strict(BaseModel):
    """Base for every catalogue model: unknown keys are an error, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in Dutch (the product's first language) and English."""

    nl: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]


# --- settings -------------------------------------------------------------------------


class PrivacySettings(Strict):
    min_group_size: Annotated[int, Field(ge=3)] = 5
    publish_months: bool = False


ALPHA_FLOOR = 1e-10


class ScoringSettings(Strict):
    level_likelihood: dict[str, Score]
    flagged_min_likelihood: Score
    # At least 1e-10 (a limit stricter than that flags nothing real): the exact limits
    # search scipy's tails, which stop being monotone below about 1e-270 (helper-126).
    alpha_warn: Annotated[float, Field(ge=ALPHA_FLOOR, lt=0.5)]
    alpha_alarm: Annotated[float, Field(ge=ALPHA_FLOOR, lt=0.5)]
    overdispersion_winsor: Annotated[float, Field(ge=0, lt=0.5)]
    overdispersion_min_cells: Annotated[int, Field(ge=3)] = 10
    main_weight: Annotated[float, Field(gt=0)]
    min_coverage: Annotated[float, Field(ge=0, le=1)]

    @model_validator(mode="after")
    def _alarm_is_stricter(self) -> ScoringSettings:
        if not self.alpha_alarm < self.alpha_warn:
            raise CatalogueRule(
                error_message("check.alarm_stricter", alarm=self.alpha_alarm, warn=self.alpha_warn)
            )
        return self

    assurance_gap_levels: dict[str, float]


class FraudTriangleSettings(Strict):
    controls_in_place_min: Annotated[float, Field(ge=0, le=1)]
    signal_red_min_likelihood: Score


class UploadSettings(Strict):
    """Limits on uploaded files and on every .xlsx that is read (pipelines/ingest/uploads.py).
    Sizes in MB of 1024 x 1024 bytes, as Streamlit's server.maxUploadSize."""

    max_file_mb: Annotated[int, Field(ge=1)] = 50
    folder_quota_mb: Annotated[int, Field(ge=1)] = 1000
    xlsx_max_unpacked_mb: Annotated[int, Field(ge=1)] = 100
    xlsx_max_ratio: Annotated[int, Field(ge=10)] = 100
    xlsx_max_parts: Annotated[int, Field(ge=20)] = 1000
    xlsx_max_cells: Annotated[int, Field(ge=1000)] = 2_000_000
    parquet_max_cells: Annotated[int, Field(ge=1000)] = 10_000_000
    register_max_unpacked_mb: Annotated[int, Field(ge=1)] = 20
    register_max_cells: Annotated[int, Field(ge=1000)] = 100_000


class IngestSettings(Strict):
    """How much of a file may be quarantined before the whole file is refused, and the
    bounds that keep one odd file from taking the machine (columns, org tree depth)."""

    max_quarantined_share: Annotated[float, Field(ge=0, le=1)] = 0.10
    max_columns: Annotated[int, Field(ge=10)] = 1000
    max_org_depth: Annotated[int, Field(ge=3)] = 50
    survey_off_scale_share: Annotated[float, Field(ge=0, le=1)] = 0.05
    # at most 20: the chance of so few answers past 5 is a sum of as many terms (helper-244)
    survey_off_scale_min: Annotated[int, Field(ge=1, le=20)] = 2
    survey_off_scale_chance: Annotated[float, Field(gt=0, lt=1)] = 0.05
    survey_top_min: Annotated[int, Field(ge=1)] = 100


class AuditFindingSettings(Strict):
    """Audit findings (pipelines/register/findings.py) and the one combining rule by which
    open findings lower a control measure's effectiveness (README, "Audit findings")."""

    severities: Annotated[dict[str, Text], Field(min_length=1)]
    statuses: Annotated[dict[str, Text], Field(min_length=2)]
    closed_status: str
    # Per severity: the share of a measure's effectiveness one open finding takes off.
    effectiveness_penalty: dict[str, Annotated[float, Field(ge=0, le=1)]]
    # The most that open findings together take off (so a measure keeps 1 - this).
    max_penalty: Annotated[float, Field(ge=0, le=1)]

    @model_validator(mode="after")
    def _consistent(self) -> AuditFindingSettings:
        if self.closed_status not in self.statuses:
            raise CatalogueRule(
                error_message("check.closed_status", status=repr(self.closed_status))
            )
        if set(self.effectiveness_penalty) != set(self.severities):
            raise CatalogueRule(error_message("check.penalty_severities"))
        return self


class PolicyEvaluationSettings(Strict):
    """When the integrity policy itself was last evaluated, and how often it must be: the
    policy says at least every two years (pipelines/core/policy_cycle.py)."""

    last_evaluated_on: dt.date
    interval_months: Annotated[int, Field(ge=1, le=24)] = 24


class ProcurementSettings(ProcedureLadderSettings, ProcurementSignalSettings):
    """risks/settings.yaml ``procurement:``: the procedure ladder, the order indicators'
    parameters and the signal thresholds (pipelines/core/procurement_settings.py)."""


class Settings(Strict):
    privacy: PrivacySettings
    appetite_max_residual: dict[str, Annotated[int, Field(ge=1, le=25)]]
    review_frequency_months: dict[str, Annotated[int, Field(ge=1, le=60)]]
    control_statuses: dict[str, Annotated[float, Field(ge=0, le=1)]]
    control_test_results: dict[str, Annotated[float, Field(ge=0, le=1)]]
    levels: dict[str, Text]
    categories: dict[Category, Text]
    exit_reasons: dict[str, Text]
    no_manager_titles: NoManagerTitles
    scoring: ScoringSettings
    fraud_triangle: FraudTriangleSettings
    data_freshness_warn_days: Annotated[int, Field(ge=1)]
    uploads: UploadSettings = UploadSettings()
    ingest: IngestSettings = IngestSettings()
    audit_findings: AuditFindingSettings
    policy_evaluation: PolicyEvaluationSettings | None = None
    procurement: ProcurementSettings = ProcurementSettings()
    operating_evidence: OperatingEvidenceSettings | None = None


# --- risks and control measures --------------------------------------------------------


class ControlMeasure(Strict):
    id: Annotated[str, Field(pattern=r"^[A-Z0-9]+-CM\d{2}$")]
    text: Text
    type: Literal["preventive", "detective", "corrective"]
    owner_role: OwnerRole
    review_frequency: str
    # The register's starting state; the risk manager keeps it true from then on.
    status: str = "geimplementeerd"
    last_test_result: str = "niet_getest"
    last_tested_on: dt.date | None = None


class Risk(Strict):
    id: Annotated[str, Field(pattern=r"^(RF[1-7]|[GDR][1-9])$")]
    category: Category
    name: Text
    description: Text
    impact: Score
    inherent_likelihood: Score
    appetite: str
    aggregate_only: bool = False
    control_measures: Annotated[list[ControlMeasure], Field(min_length=1)]


# --- integrity-code rules (appendix 1 of the policy) -----------------------------------


class _Rule(Strict):
    id: Annotated[str, Field(pattern=r"^CODE-[A-Z0-9-]+$")]
    text: Text
    risks: Annotated[list[str], Field(min_length=1)]


class GiftMaxValueRule(_Rule):
    check: Literal["gift_max_value"]
    dataset: Literal["gifts"]
    max_value_eur: Annotated[float, Field(gt=0)]


class GiftForbiddenTypesRule(_Rule):
    check: Literal["gift_forbidden_types"]
    dataset: Literal["gifts"]
    giver_types: Annotated[list[str], Field(min_length=1)]
    forbidden_gift_types: Annotated[list[str], Field(min_length=1)]


class GiftNotAtHomeRule(_Rule):
    check: Literal["gift_not_delivered_at_home"]
    dataset: Literal["gifts"]


class SideJobPriorApprovalRule(_Rule):
    check: Literal["side_job_prior_approval"]
    dataset: Literal["side_jobs"]


class SideJobNoTenantRule(_Rule):
    check: Literal["side_job_not_for_tenant_or_relation"]
    dataset: Literal["side_jobs"]


class VehiclePrivateKmRule(_Rule):
    check: Literal["vehicle_private_km_max"]
    dataset: Literal["vehicle_use"]
    max_private_km_per_year: Annotated[float, Field(gt=0)]


class PolicyReviewRule(_Rule):
    check: Literal["policy_review_interval"]
    dataset: None = None
    max_years_between_reviews: Annotated[int, Field(ge=1)]


CodeRule = Annotated[
    GiftMaxValueRule
    | GiftForbiddenTypesRule
    | GiftNotAtHomeRule
    | SideJobPriorApprovalRule
    | SideJobNoTenantRule
    | VehiclePrivateKmRule
    | PolicyReviewRule,
    Field(discriminator="check"),
]


# --- indicators -------------------------------------------------------------------------


class Indicator(Strict):
    id: Annotated[str, Field(pattern=r"^KRI-[A-Z0-9-]+$")]
    # How a unit is held against the organisation (funnel plot); derived from the
    # measure when not given: proportions binomial, rates and counts Poisson, means normal.
    funnel: Literal["proportion", "poisson", "normal"] | None = None
    # For rates per 100 fte: events per year (annualised, so a month and a quarter are
    # comparable) or a stock counted each month (mean per month).
    rate_per: Literal["year", "month"] = "year"
    # How far a period looks back: empty = the period itself (a quarter counts its own
    # three months); 12 = the 12 months ending with the period's last month, so a
    # quarter's value counts every event of the last 12 months (rates stay per year:
    # the exposure covers the same 12 months). int_indicators__period_months applies it.
    window_months: Literal[12] | None = None
    name: Text
    description: Text
    family: Literal["survey", "hr", "register", "allocation", "procurement"]
    dataset: Dataset
    measure: Literal["pct_unfavourable", "mean", "ratio", "rate_per_100_fte", "count"]
    unit: str
    direction: Literal["higher_is_worse", "lower_is_worse"]
    amber: float
    red: float
    min_n: Annotated[int, Field(ge=1)]
    weights: Annotated[dict[str, Annotated[float, Field(gt=0)]], Field(min_length=1)]
    constructs: list[str] = []
    items: list[str] = []
    aggregate_only: bool = False
    # A share of independent events rather than of people (as allocations): tested exactly
    # (binomial) on the events, min_n counts them (procurement orders).
    share_of_events: bool = False
    # Named settings an indicator's SQL model reads (e.g. which job titles count as
    # high-exposure), so they live here and not in the SQL.
    parameters: dict[str, list[str] | float | str] = {}

    @property
    def funnel_kind(self) -> str:
        if self.funnel:
            return self.funnel
        if self.measure == "pct_unfavourable" or (self.measure == "ratio" and self.unit == "%"):
            return "proportion"
        if self.measure in ("rate_per_100_fte", "count"):
            return "poisson"
        return "normal"

    @property
    def test_kind(self) -> str:
        """How a unit is tested against the organisation (README, Scoring): counts of
        events exactly (Poisson), shares of independent events (allocations, orders) exactly
        (binomial); shares measured per person (survey answers, HR shares) by a
        binomial over the effective number of answers that the spread between people and
        between healthy units leaves; means by a normal test with the same spread."""
        if self.funnel_kind == "poisson":
            return "exact_poisson"
        events = self.family == "allocation" or self.share_of_events
        if self.funnel_kind == "proportion" and events:
            return "exact_binomial"
        if self.funnel_kind == "proportion":
            return "overdispersed_binomial"
        return "normal"

    @property
    def value_scale(self) -> float:
        """value = value_scale x numerator / denominator: percentages as 0-100, rates per
        100 fte from fte-months (x12 for a yearly rate), everything else as computed."""
        if self.measure == "rate_per_100_fte":
            return 100.0 * (12 if self.rate_per == "year" else 1)
        return 100.0 if self.measure == "pct_unfavourable" or self.unit == "%" else 1.0

    @model_validator(mode="after")
    def _thresholds_follow_direction(self) -> Indicator:
        if self.direction == "higher_is_worse" and not self.amber < self.red:
            raise CatalogueRule(
                error_message("check.amber_below_red", amber=self.amber, red=self.red)
            )
        if self.direction == "lower_is_worse" and not self.amber > self.red:
            raise CatalogueRule(
                error_message("check.amber_above_red", amber=self.amber, red=self.red)
            )
        if self.family == "survey" and not (self.constructs or self.items):
            raise CatalogueRule(error_message("check.survey_needs_items"))
        return self


# --- survey item bank -------------------------------------------------------------------


class Construct(Strict):
    code: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    name: Text
    source: str


class SurveyItem(Strict):
    code: Annotated[str, Field(pattern=r"^[A-Z]+[0-9]+$")]
    # ``construct`` in the YAML; renamed here because BaseModel.construct exists.
    construct_code: str = Field(alias="construct")
    text: Text
    reverse: bool = False


class SurveyBank(Strict):
    constructs: Annotated[list[Construct], Field(min_length=1)]
    items: Annotated[list[SurveyItem], Field(min_length=1)]


# --- the whole catalogue ----------------------------------------------------------------


class Catalogue(Strict):
    """Everything in risks/, checked as one: references between files must resolve."""

    settings: Settings
    risks: list[Risk]
    code_rules: list[CodeRule]
    indicators: list[Indicator]
    survey: SurveyBank

    def risk(self, risk_id: str) -> Risk:
        return next(r for r in self.risks if r.id == risk_id)

    def control_measures(self) -> list[tuple[Risk, ControlMeasure]]:
        return [(r, m) for r in self.risks for m in r.control_measures]

    def indicators_for(self, risk_id: str) -> list[Indicator]:
        return [i for i in self.indicators if risk_id in i.weights]

    def items_for(self, construct: str) -> list[SurveyItem]:
        return [i for i in self.survey.items if i.construct_code == construct]

    def risks_in_order(self) -> list[Risk]:
        """Red flags first, then gelegenheid, druk and rationalisatie, each by id."""
        return sorted(self.risks, key=lambda r: (CATEGORY_ORDER.index(r.category), r.id))


def _duplicates(values: list[str]) -> list[str]:
    return sorted(v for v, n in Counter(values).items() if n > 1)


def cross_check(cat: Catalogue) -> list[tuple[str, str, str, Message]]:
    """Problems that span entries or files, as (file key, entry, field, message)."""
    problems: list[tuple[str, str, str, Message]] = []

    def add(file: str, entry: str, field: str, key: str, **values: Any) -> None:
        problems.append((file, entry, field, error_message(f"check.{key}", **values)))

    risk_ids = {r.id for r in cat.risks}
    for file, field, what, ids in (
        ("risks", "id", "risk", [r.id for r in cat.risks]),
        ("risks", "id", "measure", [m.id for _, m in cat.control_measures()]),
        ("indicators", "id", "indicator", [i.id for i in cat.indicators]),
        ("code_rules", "id", "rule", [r.id for r in cat.code_rules]),
        ("survey", "code", "construct", [c.code for c in cat.survey.constructs]),
        ("survey", "code", "item", [i.code for i in cat.survey.items]),
    ):
        for dup in _duplicates(ids):
            add(file, dup, field, f"used_twice.{what}")

    s = cat.settings
    for r in cat.risks:
        if r.appetite not in s.appetite_max_residual:
            add("risks", r.id, "appetite", "one_of", values=sorted(s.appetite_max_residual))
        expected_category = (
            "red_flag"
            if r.id.startswith("RF")
            else {"G": "gelegenheid", "D": "druk", "R": "rationalisatie"}[r.id[0]]
        )
        if r.category != expected_category:
            add("risks", r.id, "category", "expected", value=expected_category)
        for m in r.control_measures:
            if not m.id.startswith(f"{r.id}-"):
                add("risks", m.id, "id", "starts_with", prefix=f"{r.id}-")
            for field, value, allowed in (
                ("status", m.status, s.control_statuses),
                ("last_test_result", m.last_test_result, s.control_test_results),
                ("review_frequency", m.review_frequency, s.review_frequency_months),
            ):
                if value not in allowed:
                    add("risks", m.id, field, "one_of", values=sorted(allowed))
    measure_ids = {m.id for _, m in cat.control_measures()}
    for source, mid in s.operating_evidence.measure_sources() if s.operating_evidence else []:
        if mid not in measure_ids:
            add("settings", source, "measures", "unknown_measure", id=mid)
    for rule in cat.code_rules:
        for rid in rule.risks:
            if rid not in risk_ids:
                add("code_rules", rule.id, "risks", "unknown_risk", id=rid)

    constructs = {c.code for c in cat.survey.constructs}
    items = {i.code for i in cat.survey.items}
    for item in cat.survey.items:
        if item.construct_code not in constructs:
            add("survey", item.code, "construct", "unknown_construct", code=item.construct_code)
    for ind in cat.indicators:
        for rid in ind.weights:
            if rid not in risk_ids:
                add("indicators", ind.id, "weights", "unknown_risk", id=rid)
            elif cat.risk(rid).aggregate_only and ind.family == "survey":
                add("indicators", ind.id, "weights", "never_surveyed", id=rid)
        for c in ind.constructs:
            if c not in constructs:
                add("indicators", ind.id, "constructs", "unknown_construct", code=c)
        for code in ind.items:
            if code not in items:
                add("indicators", ind.id, "items", "unknown_item", code=code)
        if ind.family == "survey" and ind.dataset != "survey_responses":
            add("indicators", ind.id, "dataset", "expected", value="survey_responses")
    return problems


# --- loading ----------------------------------------------------------------------------


def catalogue_dir() -> Path:
    """Where the catalogue lives: RADAR_CATALOGUE_DIR, else risks/ in this checkout."""
    return Path(os.environ.get("RADAR_CATALOGUE_DIR", DEFAULT_CATALOGUE_DIR))


def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Read and check every catalogue file; raise CatalogueError naming what is wrong."""
    directory = Path(directory) if directory else catalogue_dir()
    raw: dict[str, Any] = {}
    texts: dict[str, str] = {}
    for key, name in CATALOGUE_FILES.items():
        raw[key], texts[key] = read_yaml(directory / name)
        if raw[key] is None:
            raise CatalogueError(error_message("catalogue.empty", path=directory / name))

    unwrapped = {
        "settings": raw["settings"],
        "risks": _top_list(raw, "risks", directory),
        "code_rules": _top_list(raw, "code_rules", directory),
        "indicators": _top_list(raw, "indicators", directory),
        "survey": raw["survey"],  # survey_items.yaml holds constructs: and items:
    }
    try:
        cat = Catalogue.model_validate(unwrapped)
    except ValidationError as exc:
        found: list[Message] = []
        for err in exc.errors():
            key, *loc = err["loc"]
            path = directory / CATALOGUE_FILES[str(key)]
            inner = tuple(loc)
            yaml_loc = (key, *inner) if key in ("risks", "code_rules", "indicators") else inner
            node = compose(texts[key])
            where = place(path, node, raw[key], yaml_loc)
            problem = PydanticProblem(err)
            found.append(error_message("catalogue.problem", where=where, problem=problem))
        raise CatalogueError(Joined(found)) from None

    problems = cross_check(cat)
    if problems:
        lines = []
        for key, entry, field, message in problems:
            path = directory / CATALOGUE_FILES[key]
            line = find_entry_line(compose(texts[key]), entry)
            where = Joined(
                [
                    f"{path}:{line}" if line else str(path),
                    error_message("catalogue.entry", entry=entry),
                    error_message("catalogue.field", field=field),
                ],
                sep=", ",
            )
            lines.append(error_message("catalogue.problem", where=where, problem=message))
        raise CatalogueError(Joined(lines))
    return cat


def _top_list(raw: dict[str, Any], key: str, directory: Path) -> Any:
    """Files risks.yaml, code_rules.yaml and indicators.yaml hold one top-level list."""
    data = raw[key]
    if not isinstance(data, dict) or key not in data:
        raise CatalogueError(
            error_message("catalogue.top_list", path=directory / CATALOGUE_FILES[key], name=key)
        )
    return data[key]
