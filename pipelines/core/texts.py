"""Every text the product shows, in Dutch (default) and English: the one loader of the
locale files in pipelines/core/locales/, shared by the pages (through dashboard.i18n), the RvC
PDF, the register's messages and the generated headline sentences. They live here, below
both the dashboard and the PDF, so neither imports the other for a word; risks/ holds the
catalogue only.

- ui/*.yaml: the UI texts, one file per page (plus common.yaml for what pages share),
  merged into one mapping; a key defined in two files is an error, so no page silently
  overrides another's text.
- report.yaml: the RvC PDF's headings and labels (pipelines/reports/pdf/).
- register_messages.yaml: why the register refused a change (pipelines/register/rules.py
  and store.py).
- meldingen.yaml, followup.yaml: the meldingen register's and the exceptions' follow-up
  messages (pipelines/meldingen/), through ``messages(name)``.
- cli.yaml: the ``radar`` command line's help and argparse words, read by
  pipelines/cli/texts.py alone (PyYAML's C loader, no pandas) so ``radar --help`` stays fast.
- capabilities.yaml, ingest.yaml, audit.yaml, errors.yaml: what the capabilities (snapshot,
  doctor, users, imports, ingest, the audit logs, the catalogue's loader) say to the command
  line, through ``Message``: a key and its values, Dutch as ``str()`` (the dashboard and the
  logs) and any language by ``text(lang)`` (radar --lang en).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
TEXTS_DIR = LOCALES_DIR / "ui"
REPORT_FILE = LOCALES_DIR / "report.yaml"
REGISTER_MESSAGES_FILE = LOCALES_DIR / "register_messages.yaml"
LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT_LANGUAGE = "nl"


# PyYAML's C loader (libyaml) where the wheel has it: the same safe constructor, parsed
# eleven times faster (the locale files took 4.4 s of pure-Python parsing in every
# process that loads them all: a test worker, the app, a CLI command in English).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}  # noqa: S506


@cache
def texts() -> dict[str, Any]:
    """The UI texts of all ui/*.yaml, merged."""
    merged: dict[str, Any] = {}
    origin: dict[str, Path] = {}
    for path in sorted(TEXTS_DIR.glob("*.yaml")):
        for key, value in _load(path).items():
            if key in merged:
                raise ValueError(
                    f"{path.name}: key {key!r} is already defined in {origin[key].name}"
                )
            merged[key], origin[key] = value, path
    return merged


@cache
def report_texts() -> dict[str, Any]:
    """The RvC PDF's texts (report.yaml)."""
    return _load(REPORT_FILE)


@cache
def register_messages() -> dict[str, Any]:
    """The register's refusal messages (register_messages.yaml)."""
    return _load(REGISTER_MESSAGES_FILE)


@cache
def messages(name: str) -> dict[str, Any]:
    """A capability's own messages, locales/<name>.yaml (meldingen, followup), read once."""
    path = LOCALES_DIR / f"{name}.yaml"
    if path.parent != LOCALES_DIR or not path.is_file():
        raise ValueError(f"no message file {name!r} in {LOCALES_DIR}")
    return _load(path)


class Message:
    """A message of a capability: a key of locales/<name>.yaml and the values for its
    {placeholders}. ``str()`` is the Dutch text, so a caller that shows it as before keeps
    the Dutch wording; ``text(lang)`` gives it in ``lang`` (values that are Messages too
    follow the same language)."""

    def __init__(self, key: str, *, locale_file: str = "capabilities", **values: Any) -> None:
        if key not in messages(locale_file):
            raise KeyError(f"no message {key!r} in {locale_file}.yaml")
        self.key, self.locale_file, self.values = key, locale_file, values

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        values = {k: in_language(v, lang) for k, v in self.values.items()}
        entry = messages(self.locale_file)[self.key]
        return (entry.get(lang) or entry[DEFAULT_LANGUAGE]).format(**values)

    def __str__(self) -> str:
        return self.text(DEFAULT_LANGUAGE)

    def __eq__(self, other: object) -> bool:
        """Equal to its Dutch text (as the plain string it replaced) or to the same
        message."""
        if isinstance(other, Message | str):
            return str(self) == str(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))

    def __contains__(self, part: str) -> bool:
        """``part in message``: in its Dutch text (as in the plain string it replaced)."""
        return part in str(self)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {self.values!r})"


class MessageError(Exception):
    """An error whose message is a ``Message`` (or a plain text, for a cause from outside
    such as an OSError): ``str()`` Dutch, ``text(lang)`` in any language."""

    def __init__(self, message: Message | str) -> None:
        super().__init__(str(message))
        self.message = message

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return in_language(self.message, lang)


class Joined:
    """Values joined by ``sep`` (a list of problems as one value of a Message), each in
    the language the Message is asked for."""

    def __init__(self, items: Any, sep: str = "\n", prefix: str = "") -> None:
        self.items, self.sep, self.prefix = list(items), sep, prefix

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.sep.join(self.prefix + in_language(item, lang) for item in self.items)

    def __str__(self) -> str:
        return self.text()


class Said(str):
    """A Message kept as its Dutch text: a plain ``str`` for whoever handles it as one
    (startswith, removeprefix, a column of the warehouse's log), that still says itself in
    another language by ``text(lang)`` (ingest's FileResult.error)."""

    message: Message | str

    def __new__(cls, message: Message | str) -> Said:
        said = super().__new__(cls, str(message))
        said.message = message
        return said

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return in_language(self.message, lang)


class InLanguage:
    """A value given by a function of the language (another module's own bilingual text,
    such as an upload refusal's reason), as a value of a Message."""

    def __init__(self, say: Callable[[str], str]) -> None:
        self.say = say

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.say(lang)

    def __str__(self) -> str:
        return self.text()


def in_language(value: object, lang: str) -> str:
    """``value`` as text in ``lang`` when it can say itself in more languages (a Message,
    a MessageError, anything with ``text(lang)``), else ``str(value)``."""
    text = getattr(value, "text", None)
    return text(lang) if callable(text) else str(value)


def locale_files() -> dict[str, dict[str, Any]]:
    """Every locale file by its path under locales/, as read: for the test that each text
    exists in both languages."""
    return {str(path.relative_to(LOCALES_DIR)): _load(path) for path in locale_paths()}


def locale_paths() -> list[Path]:
    return sorted(LOCALES_DIR.rglob("*.yaml"))


def t(key: str, lang: str, *, group: str | None = None) -> str:
    """The text for ``key`` (inside ``group`` when given) in ``lang``; the key if unknown."""
    entry = texts().get(group, {}).get(key) if group else texts().get(key)
    if not entry:
        return key
    return entry.get(lang) or entry[DEFAULT_LANGUAGE]
