"""UI texts in Dutch (default) and English, read from risks/ui_texts.yaml."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

TEXTS_FILE = Path(__file__).resolve().parent.parent / "risks" / "ui_texts.yaml"
LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT_LANGUAGE = "nl"


@cache
def texts() -> dict[str, Any]:
    return yaml.safe_load(TEXTS_FILE.read_text(encoding="utf-8"))


def t(key: str, lang: str, *, group: str | None = None) -> str:
    """The text for ``key`` (inside ``group`` when given) in ``lang``; the key if unknown."""
    entry = texts().get(group, {}).get(key) if group else texts().get(key)
    if not entry:
        return key
    return entry.get(lang) or entry[DEFAULT_LANGUAGE]
