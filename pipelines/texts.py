"""UI texts in Dutch (default) and English, read from risks/ui_texts/*.yaml: shared by
the pages (through dashboard.i18n), the RvC PDF and the generated headline sentences.

One file per page (plus common.yaml for what pages share), merged into one mapping; a key
defined in two files is an error, so no page silently overrides another's text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

TEXTS_DIR = Path(__file__).resolve().parent.parent / "risks" / "ui_texts"
LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT_LANGUAGE = "nl"


@cache
def texts() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    origin: dict[str, Path] = {}
    for path in sorted(TEXTS_DIR.glob("*.yaml")):
        for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if key in merged:
                raise ValueError(
                    f"{path.name}: key {key!r} is already defined in {origin[key].name}"
                )
            merged[key], origin[key] = value, path
    return merged


def t(key: str, lang: str, *, group: str | None = None) -> str:
    """The text for ``key`` (inside ``group`` when given) in ``lang``; the key if unknown."""
    entry = texts().get(group, {}).get(key) if group else texts().get(key)
    if not entry:
        return key
    return entry.get(lang) or entry[DEFAULT_LANGUAGE]
