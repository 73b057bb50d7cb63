"""Every locale file (pipelines/core/locales) and catalogue file (risks/) names each key
once: YAML keeps the last of two equal keys without a word, so a message pasted in above
another one's texts would take them, and the other's key would be gone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "pipelines" / "core" / "locales").rglob("*.yaml")) + sorted(
    (ROOT / "risks").glob("*.yaml")
)


def doubled(node: yaml.Node, where: str = "") -> list[str]:
    if not isinstance(node, yaml.MappingNode):
        return []
    keys = [k.value for k, _ in node.value]
    out = [f"{where}{k}" for k in sorted({k for k in keys if keys.count(k) > 1})]
    for key, value in node.value:
        out += doubled(value, f"{where}{key.value}.")
    return out


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_no_key_is_named_twice(path: Path) -> None:
    assert doubled(yaml.compose(path.read_text(encoding="utf-8"))) == []


def test_a_doubled_key_is_found() -> None:
    text = "a:\n  nl: x\n  en: y\n  nl: z\nb: {nl: 1}\nb: {nl: 2}\n"
    assert doubled(yaml.compose(text)) == ["b", "a.nl"]


def test_every_yaml_file_reads_the_same_with_libyaml_as_without() -> None:
    """The texts, the catalogue and the CLI read their YAML with PyYAML's C loader where
    the wheel has one (pipelines/core/texts.py, yaml_errors.py, cli/texts.py), the pure
    Python loader elsewhere: both must give the same data for every file we ship."""
    repo = Path(__file__).resolve().parent.parent
    files = [
        p
        for folder in ("pipelines", "risks", "docs", "dashboard")
        for p in sorted((repo / folder).rglob("*.y*ml"))
    ]
    assert len(files) > 40
    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("this PyYAML has no C loader: every file is read by the pure one")
    differ = [
        p.relative_to(repo)
        for p in files
        if yaml.load(p.read_text("utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506
        != yaml.safe_load(p.read_text("utf-8"))
    ]
    assert differ == []
