"""Every code the pipelines can write has a label (pipelines/core/locales/ui/labels.yaml), in both
languages; a code without one is written as words, never a crash.

The codes are enumerated from the code that produces them, not listed here: a new
dataset, expectation type, reason code or status without a label fails this test.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pipelines.build.models import SQL_DIR
from pipelines.core.formats import MISSING
from pipelines.core.labels import GROUPS, label, label_codes_in, labels, readable
from pipelines.core.texts import LANGUAGES
from pipelines.ingest import checks, uploads
from pipelines.ingest import loads as ingest
from pipelines.ingest.quality import DATASETS, expect
from pipelines.ingest.quality.base import SuiteContext
from pipelines.ingest.withdraw import RELEASED, WITHDRAWN

# Rules may depend on what is known (org units, survey items, exit reasons): both an
# empty and a filled context, so that no rule that exists only in one is missed.
CONTEXTS = (
    SuiteContext(today=dt.date(2026, 11, 30)),
    SuiteContext(
        today=dt.date(2026, 11, 30),
        org_units=frozenset({"WH"}),
        survey_items=frozenset({"CLA1"}),
        exit_reasons=frozenset({"vrijwillig"}),
    ),
)


def suite_rules() -> list:
    return [
        rule for spec in DATASETS.values() for ctx in CONTEXTS for rule in spec.suite_rules(ctx)
    ]


def unlinked_reasons() -> set[str]:
    """The reason codes the model of rows without an employee writes (its case)."""
    sql = (SQL_DIR / "intermediate" / "int_quality__unlinked_rows.sql").read_text()
    return set(re.findall(r"(?:then|else) '([a-z_]+)'", sql))


def produced_codes() -> dict[str, set[str]]:
    """Every code the pipelines can write, per label group."""
    rules = suite_rules()
    return {
        "dataset": set(DATASETS),
        # the columns of every contract, and those the rules are about
        "field": {c.name for spec in DATASETS.values() for c in spec.columns}
        | {r.column for r in rules},
        "expectation": {r.expectation.class_name for r in rules}
        | {name for name in vars(expect) if name.startswith("Expect") and name != "Expectation"},
        "reason": {r.reason_code for r in rules}
        | set(checks.READING_REASON_CODES)
        | unlinked_reasons(),
        "status": {ingest.LOADED, ingest.REFUSED, WITHDRAWN, RELEASED, *uploads.FILE_STATUSES},
    }


@pytest.mark.parametrize(
    ("group", "code"),
    sorted((group, code) for group, codes in produced_codes().items() for code in codes),
)
def test_every_code_the_pipelines_produce_has_a_label(group: str, code: str) -> None:
    entry = labels(group).get(code)
    assert entry, f"{group} {code!r} has no label in pipelines/core/locales/ui/labels.yaml"
    assert set(entry) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert label(group, code, lang) == entry[lang] and entry[lang] != code


def test_the_enumeration_finds_the_codes_it_should() -> None:
    """The enumeration itself: a few codes each source is known to give."""
    codes = produced_codes()
    assert {"feedback_360", "side_jobs", "org_units"} <= codes["dataset"]
    assert {"candidate_rank", "wave_date", "registered_on", "employee_key"} <= codes["field"]
    assert "ExpectColumnValuesToBeBetween" in codes["expectation"]
    assert {"out_of_range", "duplicate_key", "missing_required", "truncated_row"} <= codes["reason"]
    assert unlinked_reasons() == {
        "unknown_person",
        "hr_rows_quarantined",
        "not_employed",
        "hr_month_missing",
        "after_hr_months",
    }
    assert {"geladen", "geweigerd", "onbruikbaar"} <= codes["status"]


def test_no_label_is_left_over_from_a_code_that_is_gone() -> None:
    for group, codes in produced_codes().items():
        assert set(labels(group)) - codes == set(), group


def test_the_statuses_of_uploads_are_those_of_the_ingest_log() -> None:
    assert (uploads.LOADED, uploads.REFUSED) == (ingest.LOADED, ingest.REFUSED)


def test_the_label_groups_exist() -> None:
    for group in GROUPS:
        assert labels(group), group


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("new_reason", "New reason"),
        ("ExpectColumnValuesToBeSomething", "Expect column values to be something"),
        ("x", "X"),
    ],
)
def test_a_code_without_a_label_reads_as_words(code: str, words: str) -> None:
    assert readable(code) == words
    assert label("reason", code, "nl") == words
    assert label("no_such_group", code, "en") == words


@pytest.mark.parametrize("missing", [None, float("nan"), ""])
def test_a_missing_code_is_a_dash(missing) -> None:
    assert label("dataset", missing, "nl") == MISSING


def test_a_number_as_code_is_no_crash() -> None:
    assert label("dataset", 7, "nl") == "7"


def test_codes_in_a_message_become_labels_but_file_and_column_names_stay() -> None:
    text = "org_unit is geen bekende organisatie-eenheid (org_units); zie org_units.csv."
    assert label_codes_in(text, "dataset", "nl") == (
        "org_unit is geen bekende organisatie-eenheid (Organisatie-eenheden); zie org_units.csv."
    )
    assert label_codes_in("dataset gifts: kolom ontbreekt", "dataset", "en") == (
        "dataset Gifts register: kolom ontbreekt"
    )
    assert label_codes_in(None, "dataset", "nl") == MISSING


def test_column_names_in_a_message_become_field_labels() -> None:
    """Datakwaliteit labels the datasets first and then the columns: org_unit within
    org_units, a file name and a setting stay."""
    text = "org_unit is geen bekende organisatie-eenheid (org_units); zie org_units.csv."
    text = label_codes_in(label_codes_in(text, "dataset", "nl"), "field", "nl")
    assert text == (
        "Code organisatie-eenheid is geen bekende organisatie-eenheid (Organisatie-eenheden); "
        "zie org_units.csv."
    )
    assert label_codes_in("role_start_date ligt vóór hire_date", "field", "nl") == (
        "Startdatum functie ligt vóór Datum in dienst"
    )
    assert label_codes_in("dieper dan 50 (ingest.max_org_depth)", "field", "nl") == (
        "dieper dan 50 (ingest.max_org_depth)"
    )
