"""The register's rules: what a risk's assessment and a control measure may hold, and how
the register says no.

Every change the store (pipelines/register/store.py) writes passes these checks first:
the editable fields (``RISK_FIELDS``, ``MEASURE_FIELDS``), scores 1 to 5, choices from the
catalogue's settings (``CONTROL_TYPES``, ``OWNER_ROLES``, statuses, results, frequencies),
texts up to ``MAX_TEXT``, dates that fit together, https evidence links, a reason for a
retired measure and a name for the audit log. A refusal is a RegisterError (per field a
message code and its values, a clear Dutch message unless another language is asked;
pipelines/core/locales/register_messages.yaml), a VersionConflict (someone else saved it
first) or, for a batch, a BatchRefused listing every refused edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, get_args

from pipelines.core.catalogue import ControlMeasure, OwnerRole, Settings
from pipelines.core.texts import register_messages

RISK_FIELDS = ("impact", "inherent_likelihood", "appetite")
MEASURE_FIELDS = (
    "text_nl",
    "text_en",
    "control_type",
    "owner_role",
    "review_frequency",
    "status",
    "last_test_result",
    "last_tested_on",
    "evidence_url",
    "next_review_on",
    "retired_reason",
)
CONTROL_TYPES = get_args(ControlMeasure.model_fields["type"].annotation)
OWNER_ROLES = get_args(OwnerRole)
RETIRED_STATUS = "vervallen"
NOT_TESTED = "niet_getest"
MAX_TEXT = 500


def message(code: str, lang: str = "nl", **params: Any) -> str:
    """A register message (pipelines/core/locales/register_messages.yaml), Dutch unless asked."""
    entry = register_messages()[code]
    return (entry.get(lang) or entry["nl"]).format(**params)


Problem = tuple[str, dict[str, Any]]


def problem(code: str, **params: Any) -> Problem:
    return code, params


class RegisterError(ValueError):
    """A change the register refuses: per field, a message code and its values.

    ``errors`` has the Dutch texts; ``messages(lang)`` the user's language.
    """

    def __init__(self, problems: Mapping[str, Problem]) -> None:
        self.problems = dict(problems)
        self.errors = self.messages("nl")
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.errors.items()))

    def messages(self, lang: str) -> dict[str, str]:
        return {f: message(code, lang, **params) for f, (code, params) in self.problems.items()}


class VersionConflict(RuntimeError):
    """Someone else saved this risk or measure after the editor opened it."""

    def __init__(self, entity_id: str, updated_by: str, updated_at: str) -> None:
        self.entity_id, self.updated_by, self.updated_at = entity_id, updated_by, updated_at
        super().__init__(self.message("nl"))

    def message(self, lang: str) -> str:
        return message(
            "version_conflict", lang, id=self.entity_id, by=self.updated_by, at=self.updated_at
        )


class BatchRefused(RegisterError):
    """Some edits of a batch were refused; nothing of the batch was applied."""

    def __init__(self, refused: list[tuple[Any, RegisterError | VersionConflict]]) -> None:
        self.refused = refused
        ValueError.__init__(self, "; ".join(f"{ref}: {exc}" for ref, exc in refused) or "refused")
        self.problems, self.errors = {}, {}


def check_actor(actor: str) -> str:
    """The name the audit log records (stripped); refused when empty."""
    actor = (actor or "").strip()
    if not actor:
        raise RegisterError({"actor": problem("actor_required")})
    return actor


def check_editable(fields: Iterable[str], editable: tuple[str, ...]) -> None:
    """Refuse every field that is not one of ``editable``."""
    unknown = set(fields) - set(editable)
    if unknown:
        raise RegisterError({f: problem("not_editable") for f in sorted(unknown)})


def check_risk(values: Mapping[str, Any], settings: Settings) -> None:
    """A risk's assessment as it would be saved: scores 1 to 5, a known appetite."""
    errors: dict[str, Problem] = {}
    for field in ("impact", "inherent_likelihood"):
        value = values[field]
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            errors[field] = problem("score_range", value=repr(value))
    appetites = settings.appetite_max_residual
    if values["appetite"] not in appetites:
        errors["appetite"] = problem(
            "one_of", allowed=", ".join(appetites), value=repr(values["appetite"])
        )
    if errors:
        raise RegisterError(errors)


def check_new_measure(values: Mapping[str, Any], settings: Settings, *, today: dt.date) -> None:
    """A measure about to be added: never retired from the start, then as check_measure."""
    if values["status"] == RETIRED_STATUS:
        raise RegisterError({"status": problem("new_cannot_be_retired")})
    check_measure(values, settings, today=today)


def check_measure(values: Mapping[str, Any], settings: Settings, *, today: dt.date) -> None:
    """A control measure as it would be saved; every refused field at once."""
    errors: dict[str, Problem] = {}

    def one_of(field: str, allowed: Any) -> None:
        if values.get(field) not in allowed:
            errors[field] = problem(
                "one_of", allowed=", ".join(allowed), value=repr(values.get(field))
            )

    text = (values.get("text_nl") or "").strip()
    if not text:
        errors["text_nl"] = problem("text_required")
    elif len(text) > MAX_TEXT:
        errors["text_nl"] = problem("text_too_long", max=MAX_TEXT, length=len(text))
    if len(values.get("text_en") or "") > MAX_TEXT:
        errors["text_en"] = problem("text_too_long", max=MAX_TEXT, length=len(values["text_en"]))
    one_of("control_type", CONTROL_TYPES)
    one_of("owner_role", OWNER_ROLES)
    one_of("review_frequency", settings.review_frequency_months)
    one_of("status", settings.control_statuses)
    one_of("last_test_result", settings.control_test_results)
    for field in ("last_tested_on", "next_review_on"):
        if values.get(field) is not None and not isinstance(values[field], dt.date):
            errors[field] = problem("not_a_date", value=repr(values[field]))
    tested, result = values.get("last_tested_on"), values.get("last_test_result")
    if "last_tested_on" not in errors:
        if isinstance(tested, dt.date) and tested > today:
            errors["last_tested_on"] = problem("test_in_future", date=tested)
        elif tested is None and result not in (None, NOT_TESTED):
            errors["last_tested_on"] = problem("result_needs_date")
        elif tested is not None and result == NOT_TESTED:
            errors["last_test_result"] = problem("date_needs_result")
    review = values.get("next_review_on")
    if (
        isinstance(review, dt.date)
        and isinstance(tested, dt.date)
        and "next_review_on" not in errors
        and review < tested
    ):
        errors["next_review_on"] = problem("review_before_test", review=review, tested=tested)
    url = (values.get("evidence_url") or "").strip()
    if url and not url.lower().startswith("https://"):
        errors["evidence_url"] = problem("evidence_https")
    if values.get("status") == RETIRED_STATUS and not (values.get("retired_reason") or "").strip():
        errors["retired_reason"] = problem("retire_needs_reason")
    if errors:
        raise RegisterError(errors)
