"""Labels for the codes the pipelines write (dataset ids, the columns of their contracts,
expectation types, quarantine reasons, file statuses), from pipelines/core/locales/ui/labels.yaml,
for every page and report.

``label("dataset", "feedback_360", "nl")`` gives "360-gradenfeedback leidinggevenden".
A code without a label (a new one, or an old warehouse's) never breaks a page: it is
written as words ("new_reason" -> "New reason", "ExpectSomething" -> "Expect something"),
and tests/test_labels.py fails until it has a label. A missing value is the dash of
pipelines.core.formats.
"""

from __future__ import annotations

import re
from typing import Any

from pipelines.core.formats import MISSING, is_missing
from pipelines.core.texts import DEFAULT_LANGUAGE, texts

GROUPS = ("dataset", "field", "expectation", "reason", "status", "file_format", "delimiter")


def labels(group: str) -> dict[str, dict[str, str]]:
    """The labelled codes of ``group`` ({} for an unknown group)."""
    return texts().get("labels", {}).get(group) or {}


def readable(code: str) -> str:
    """A code as words, for a code without a label: snake_case and CamelCase split."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", code).replace("_", " ").split()
    text = " ".join(words).lower()
    return text[:1].upper() + text[1:]


def label(group: str, code: Any, lang: str) -> str:
    """The label of ``code`` in ``group`` in ``lang``; a readable fallback when unknown."""
    if is_missing(code) or code == "":
        return MISSING
    entry = labels(group).get(str(code))
    if not entry:
        return readable(str(code))
    return entry.get(lang) or entry[DEFAULT_LANGUAGE]


def label_codes_in(text: Any, group: str, lang: str) -> str:
    """``text`` (a message the pipelines wrote) with every code of ``group`` that stands
    as a word of its own replaced by its label: "(org_units)" -> "(Organisatie-eenheden)",
    and with group "field", "org_unit is leeg" -> "Code organisatie-eenheid is leeg". A
    code within another word stays (org_unit within org_units), and so do file names
    (org_units.csv), settings (ingest.max_org_depth) and a mapping's own text, right
    after { or [ (values: {candidate_rank: {'0': null}}, percent: [fte]): the way out a
    reason names is written as the mapping needs it."""
    if is_missing(text):
        return MISSING
    codes = sorted(labels(group), key=len, reverse=True)
    if not codes:
        return str(text)
    pattern = r"(?<![\w./\\{\[])(" + "|".join(re.escape(c) for c in codes) + r")(?!\w|\.\w)"
    return re.sub(pattern, lambda m: label(group, m.group(1), lang), str(text))


def running_quarters(rows: list[tuple[str, str]], lang: str) -> str:
    """'2025-Q3 (Medewerkers (HR), Medewerkersonderzoek)' per quarter, from (quarter,
    dataset) rows: the quarters still running when a dataset's newest export was read in
    (report_data_freshness.running_quarter), for the CLI and the pages alike."""
    by_quarter: dict[str, list[str]] = {}
    for quarter, dataset in rows:
        by_quarter.setdefault(quarter, []).append(label("dataset", dataset, lang))
    return "; ".join(f"{q} ({', '.join(names)})" for q, names in by_quarter.items())
