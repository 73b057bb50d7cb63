"""Docs that match the product: every setting documented, every UI text in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dashboard.i18n import LANGUAGES, texts
from pipelines.catalogue import Indicator

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


def test_every_ui_text_has_dutch_and_english() -> None:
    leaves = _leaves(texts())
    assert leaves
    for path, entry in leaves:
        assert set(entry) == set(LANGUAGES), path
        assert all(isinstance(v, str) and v for v in entry.values()), path


@pytest.mark.parametrize("field", sorted(Indicator.model_fields))
def test_every_indicator_field_is_documented_in_the_readme(field: str) -> None:
    assert f"`{field}`" in README
