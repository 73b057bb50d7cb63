"""Docs that match the product: every setting documented, every text in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from dashboard.i18n import LANGUAGES
from pipelines.core.catalogue import Indicator
from pipelines.core.texts import locale_files, locale_paths
from pipelines.ingest import contracts

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text("utf-8")


@pytest.mark.parametrize(
    "setting",
    [
        key if not isinstance(value, dict) or key != "privacy" else f"{key}.{sub}"
        for key, value in yaml.safe_load((REPO / "risks" / "settings.yaml").read_text()).items()
        for sub in (value if key == "privacy" else [None])
    ],
)
def test_every_setting_is_documented_in_the_readme(setting: str) -> None:
    assert f"`{setting}`" in README


def test_the_readme_names_the_two_commands() -> None:
    assert "make run" in README and "make test" in README


def _leaves(node: dict, path: str = "") -> list[tuple[str, dict]]:
    if set(node) <= set(LANGUAGES) and node:
        return [(path, node)]
    return [leaf for k, v in node.items() for leaf in _leaves(v, f"{path}.{k}".strip("."))]


@pytest.mark.parametrize("name", sorted(locale_files()))
def test_every_ui_text_has_dutch_and_english(name: str) -> None:
    """Every locale file (UI, report, register messages): each text in nl and en."""
    leaves = _leaves(locale_files()[name])
    assert leaves
    for path, entry in leaves:
        assert set(entry) == set(LANGUAGES), f"{name}: {path}"
        assert all(isinstance(v, str) and v for v in entry.values()), f"{name}: {path}"


def test_the_locale_files_are_the_ui_the_report_and_the_register_messages() -> None:
    names = {str(p.relative_to(REPO)) for p in locale_paths()}
    assert "pipelines/core/locales/report.yaml" in names
    assert "pipelines/core/locales/register_messages.yaml" in names
    assert "pipelines/core/locales/ui/common.yaml" in names
    assert "pipelines/core/locales/cli.yaml" in names
    assert "pipelines/core/locales/meldingen.yaml" in names


# risks/ is the catalogue; every text the product shows is in pipelines/core/locales/.
CATALOGUE = {
    "code_rules.yaml",
    "followup.yaml",
    "indicators.yaml",
    "meldingen.yaml",
    "risks.yaml",
    "roles.yaml",
    "settings.yaml",
    "survey_items.yaml",
}


def test_risks_holds_the_catalogue_and_no_texts() -> None:
    assert {p.name for p in (REPO / "risks").iterdir()} == CATALOGUE


@pytest.mark.parametrize("field", sorted(Indicator.model_fields))
def test_every_indicator_field_is_documented_in_the_readme(field: str) -> None:
    assert f"`{field}`" in README


def test_docs_contracts_is_the_quality_suites_and_natural_keys() -> None:
    """docs/contracts.md is generated from pipelines/ingest/quality and the natural keys; a column
    or key changed in the code without regenerating it fails here."""
    written = (REPO / "docs" / "contracts.md").read_text("utf-8")
    assert written == contracts.markdown(), (
        "python -m pipelines.ingest.contracts > docs/contracts.md"
    )


# Paths that point outside the repository: documents a customer does not have.
OUTSIDE = re.compile(r"\.\./shared|CONTRACTS\.md|DOMAIN\.md|STYLE\.md")


def test_nothing_in_the_product_points_outside_the_repo() -> None:
    files = [REPO / "README.md", REPO / "pyproject.toml", REPO / "Makefile"]
    for folder in ("pipelines", "dashboard", "risks", "docs"):
        files += [p for p in (REPO / folder).rglob("*") if p.suffix in {".py", ".yaml", ".md"}]
    found = [
        f"{path.relative_to(REPO)}:{n}"
        for path in files
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert not found
