"""Operating evidence as settings (risks/settings.yaml ``operating_evidence``): which
control measures have data that shows whether they operate, from which source, and how a
share becomes a rating (werkt / deels / werkt_niet / geen_gegevens) with its penalty in
the combining rule of control effectiveness (README, "Operating evidence").

The SQL (int_controls__operating_evidence) knows three kinds of source: trainings held per
unit (a source with ``training_kinds``), ``feedback_360`` and ``register_reviews``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pipelines.core.formats import is_missing, percent, whole
from pipelines.core.labels import readable
from pipelines.core.texts import t
from pipelines.core.yaml_errors import CatalogueRule, error_message

RATINGS = ("werkt", "deels", "werkt_niet", "geen_gegevens")
# The kinds of the trainings dataset (docs/contracts.md, trainings.kind).
TRAINING_KINDS = ("e_learning_integriteit", "dilemmasessie", "introductie_gedragscode", "overig")
# Sources that are not trainings, by their name.
OTHER_SOURCES = ("feedback_360", "register_reviews")

Share = Annotated[float, Field(ge=0, le=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Name(_Strict):
    nl: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]


class EvidenceSource(_Strict):
    # What the data shows, as the evidence sentence names it ("dilemmasessies").
    name: _Name | None = None
    training_kinds: list[str] = []
    measures: Annotated[list[str], Field(min_length=1)]

    @model_validator(mode="after")
    def _known_kinds(self) -> EvidenceSource:
        unknown = sorted(set(self.training_kinds) - set(TRAINING_KINDS))
        if unknown:
            raise CatalogueRule(
                error_message(
                    "check.training_kinds", unknown=unknown, expected=list(TRAINING_KINDS)
                )
            )
        return self


class OperatingEvidenceSettings(_Strict):
    ratings: dict[str, _Name]
    effectiveness_penalty: dict[str, Share]
    window_months: Annotated[int, Field(ge=1, le=36)] = 12
    werkt_min_share: Share
    deels_min_share: Share
    unit_level: Annotated[str, Field(min_length=1)]
    min_attendance: Share
    sources: dict[str, EvidenceSource]

    @model_validator(mode="after")
    def _consistent(self) -> OperatingEvidenceSettings:
        if set(self.ratings) != set(RATINGS):
            raise CatalogueRule(error_message("check.ratings", expected=list(RATINGS)))
        if set(self.effectiveness_penalty) != set(RATINGS):
            raise CatalogueRule(error_message("check.evidence_penalty", expected=list(RATINGS)))
        if self.deels_min_share > self.werkt_min_share:
            raise CatalogueRule(error_message("check.deels_above_werkt"))
        for name, source in self.sources.items():
            if not source.training_kinds and name not in OTHER_SOURCES:
                raise CatalogueRule(
                    error_message("check.evidence_source", name=name, others=list(OTHER_SOURCES))
                )
        named = [m for s in self.sources.values() for m in s.measures]
        twice = sorted({m for m in named if named.count(m) > 1})
        if twice:
            raise CatalogueRule(error_message("check.measure_in_two_sources", twice=twice))
        return self

    def kind(self, name: str) -> str:
        """'training' for a source of trainings, else its own name."""
        return "training" if self.sources[name].training_kinds else name

    def measure_sources(self) -> list[tuple[str, str]]:
        """(source, control measure id) for every measure a source names."""
        return [(name, m) for name, s in self.sources.items() for m in s.measures]


def evidence_text(
    row: Mapping[str, Any], lang: str, settings: OperatingEvidenceSettings | None
) -> str:
    """A measure's operating evidence as one sentence from its report_risk_controls row:
    "Werkt deels: dilemmasessies in 6 van 7 afdelingen in de laatste 12 maanden (−25%)";
    empty for a measure without operating evidence, or a row from before it was published
    (an older warehouse or snapshot). Names are the catalogue's (``settings``), else the
    codes as words."""
    rating = row.get("operating_rating")
    if is_missing(rating) or not rating:
        return ""
    names = settings.ratings if settings else {}
    rating_name = getattr(names.get(rating), lang, None) or readable(str(rating))
    kind, source = row.get("evidence_kind"), row.get("evidence_source")
    if rating == "geen_gegevens" or is_missing(kind):
        evidence = t("geen_gegevens", lang, group="oe_evidence")
    else:
        named = settings.sources.get(str(source)) if settings else None
        what = getattr(named.name, lang) if named and named.name else readable(str(source))
        evidence = t(str(kind), lang, group="oe_evidence").format(
            what=what,
            n=whole(row.get("evidence_n"), lang),
            total=whole(row.get("evidence_total"), lang),
            months=whole(row.get("evidence_window_months"), lang),
        )
    penalty = row.get("operating_penalty")
    if is_missing(penalty) or float(penalty) == 0:
        return t("oe_sentence", lang).format(rating=rating_name, evidence=evidence)
    return t("oe_sentence_penalty", lang).format(
        rating=rating_name, evidence=evidence, penalty=percent(float(penalty), lang)
    )
