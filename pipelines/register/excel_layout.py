"""The register workbook's layout, shared by its export (excel_export.py) and its import
(excel_import.py): the sheets and their columns, the header cell ``Label [field]``, the
labels of the choice fields, the register's current rows as the workbook shows them, and
the register's reasons in people's words (also the register page's).

The workbook: "Risico's" (per risk its assessment: impact, inherent likelihood, appetite)
and "Beheersmaatregelen" (every control measure, retired ones too), plus a "Toelichting"
sheet that says how to edit. Row 1 is the header: a Dutch label with the register's field
key in square brackets (``Status [status]``); the import finds columns by that key, so
columns may be moved but the keys must stay. Grey columns (ids, the risk's name, version)
are context: changing them is refused. Choice columns hold labels, not the register's
codes (``Geïmplementeerd``, not ``geimplementeerd``; English labels in a workbook exported
in English).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from pipelines.core import formats
from pipelines.core.texts import t
from pipelines.register.rules import (
    CONTROL_TYPES,
    MEASURE_FIELDS,
    OWNER_ROLES,
    RISK_FIELDS,
    RegisterError,
    VersionConflict,
    message,
)
from pipelines.register.store import Register

SHEET_RISKS = "Risico's"
SHEET_MEASURES = "Beheersmaatregelen"
SHEET_HELP = "Toelichting"
RISK_COLUMNS = ("risk_id", "name", *RISK_FIELDS, "version")
MEASURE_COLUMNS = ("control_measure_id", "risk_id", *MEASURE_FIELDS, "version")
CONTEXT_COLUMNS = ("control_measure_id", "risk_id", "name", "version")
DATE_FIELDS = ("last_tested_on", "next_review_on")
SCORE_FIELDS = ("impact", "inherent_likelihood")
HEADER_KEY = re.compile(r"\[([a-z_]+)\]\s*$")
# The register's choice fields and the group of their labels in
# pipelines/core/locales/ui/common.yaml: the workbook and the register page show labels,
# the register stores codes.
CHOICE_GROUPS = {
    "appetite": "appetite",
    "control_type": "control_type",
    "owner_role": "owner_role",
    "review_frequency": "review_frequency",
    "status": "control_status",
    "last_test_result": "test_result",
}
LANGUAGES = ("nl", "en")


def choice_label(key: str, code: str, lang: str) -> str:
    """The label of a choice field's code (``status``, ``geimplementeerd`` -> Geïmplementeerd)."""
    return t(code, lang, group=CHOICE_GROUPS[key])


def header(key: str, lang: str = "nl") -> str:
    """The header cell of a column: its label and the field key, ``Status [status]``."""
    return f"{t(key, lang, group='reg_field')} [{key}]"


def reasons(
    exc: RegisterError, lang: str, choices: Mapping[str, list[str]] | None = None
) -> dict[str, str]:
    """Per field, why the register refused it, as people read it: dates dd-mm-jjjj
    (pipelines.core.formats), and a choice that is none of its ``choices`` answered with the
    options' labels (the register's own text names its codes)."""
    texts = {}
    for key, (code, params) in exc.problems.items():
        params = {
            name: formats.date(value, lang) if isinstance(value, dt.date) else value
            for name, value in params.items()
        }
        if code == "one_of" and choices and key in choices:
            params["allowed"] = ", ".join(choice_label(key, c, lang) for c in choices[key])
        texts[key] = message(code, lang, **params)
    return texts


def conflict(exc: VersionConflict, lang: str) -> str:
    """Who changed it meanwhile and when (dd-mm-jjjj uu:mm, local time)."""
    at = formats.date_time(exc.updated_at, lang)
    return message("version_conflict", lang, id=exc.entity_id, by=exc.updated_by, at=at)


def choice_codes(register: Register) -> dict[str, list[str]]:
    """Per choice field, its codes in the register's order."""
    settings = register.catalogue.settings
    return {
        "appetite": list(settings.appetite_max_residual),
        "control_type": list(CONTROL_TYPES),
        "owner_role": list(OWNER_ROLES),
        "review_frequency": list(settings.review_frequency_months),
        "status": list(settings.control_statuses),
        "last_test_result": list(settings.control_test_results),
    }


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def current_risks(register: Register, lang: str = "nl") -> dict[str, dict[str, Any]]:
    """Per risk id: its assessment as Python values, plus name (catalogue, in ``lang``)
    and version."""
    names = {r.id: getattr(r.name, lang) for r in register.catalogue.risks}
    order = {r.id: i for i, r in enumerate(register.catalogue.risks_in_order())}
    rows = sorted(
        register.risks().to_dict("records"),
        key=lambda r: (order.get(r["risk_id"], 999), r["risk_id"]),
    )
    return {
        r["risk_id"]: {
            "risk_id": r["risk_id"],
            "name": names.get(r["risk_id"]),
            "impact": int(r["impact"]),
            "inherent_likelihood": int(r["inherent_likelihood"]),
            "appetite": r["appetite"],
            "version": int(r["version"]),
        }
        for r in rows
    }


def current_measures(register: Register) -> dict[str, dict[str, Any]]:
    """Per measure id: its fields as Python values (dates as dates, empty as None)."""
    order = {r.id: i for i, r in enumerate(register.catalogue.risks_in_order())}
    frame = register.measures()
    frame = frame.assign(_order=frame["risk_id"].map(order).fillna(999)).sort_values(
        ["_order", "position"], kind="stable"
    )
    current = {}
    for row in frame.to_dict("records"):
        values = {c: None if _missing(row[c]) else row[c] for c in MEASURE_COLUMNS}
        for f in DATE_FIELDS:
            values[f] = dt.date.fromisoformat(values[f]) if values[f] else None
        values["version"] = int(values["version"])
        current[values["control_measure_id"]] = values
    return current
