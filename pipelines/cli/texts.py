"""The words of the ``radar`` command line in Dutch (default) and English: its help texts,
argparse's own words ("usage:", "error:", ...) and what the commands print (keys "msg.*"),
from pipelines/core/locales/cli.yaml.

Why not pipelines.core.texts: that merges every UI locale file, which ``radar --help`` does not
need; this reads cli.yaml alone (PyYAML's C loader, imported on first use).
texts.locale_files() still gives the file to the test that every text has both languages.

Why the swap of argparse's ``_`` and ``ngettext``: argparse (Python 3.11) imports them from
gettext at module level and calls them for every word of its own, at the moment it needs
one (building a parser adds "show this help message and exit"; help and errors format
"usage:", "options", "the following arguments are required" ...). There is no Dutch
catalogue for gettext to find, and installing one is a system matter, so while the CLI
builds and parses (``argparse_speaks``) those two module attributes look the msgid up in
cli.yaml instead, and are put back afterwards (pytest and others use argparse too). A
msgid not in the file stays English.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache

from pipelines.core.texts import LOCALES_DIR, in_language

LOCALE_FILE = LOCALES_DIR / "cli.yaml"
LANGUAGES = ("nl", "en")
ARGPARSE = "argparse:"  # the prefix of argparse's own msgids in cli.yaml


@cache
def cli_texts() -> dict[str, dict[str, str]]:
    """cli.yaml as {key: {"nl": ..., "en": ...}}, read by PyYAML's C loader (about 30 ms of
    import: ``radar --help`` stays near 0.1 s)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(LOCALE_FILE.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506


def language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The CLI's language: ``--lang nl|en`` anywhere on the command line, else English when
    LC_ALL (or, without it, LANG) starts with "en", else Dutch."""
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in LANGUAGES:
            return args[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    setting = environ.get("LC_ALL") or environ.get("LANG") or ""
    return "en" if setting.lower().startswith("en") else "nl"


class Texts:
    """``h("users.add")``: the CLI text for a key in one language; raises on an unknown key
    so a missing text is a failing test, not an empty help."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        text = cli_texts()[key][self.lang]
        values = {k: in_language(v, self.lang) for k, v in values.items()}
        return text.format(**values) if values else text

    def of(self, thing: object) -> str:
        """A capability's message or error (pipelines.core.texts.Message, MessageError) in
        this language; anything else as str()."""
        return in_language(thing, self.lang)

    def argparse_word(self, msgid: str) -> str:
        entry = cli_texts().get(ARGPARSE + msgid)
        return entry[self.lang] if entry else msgid


@contextmanager
def argparse_speaks(lang: str) -> Iterator[None]:
    """argparse's own words in ``lang`` while the block runs (see the module docstring)."""
    words = Texts(lang)
    previous = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def ngettext(singular: str, plural: str, n: int) -> str:
        return words.argparse_word(singular if n == 1 else plural)

    argparse._, argparse.ngettext = words.argparse_word, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = previous  # type: ignore[attr-defined]


def texts_for(args: argparse.Namespace) -> Texts:
    """The words a command prints, in the language ``main`` chose (args.cli_lang); Dutch for
    a caller that built its own Namespace."""
    return Texts(getattr(args, "cli_lang", None) or "nl")


DUTCH = Texts("nl")  # the default of the add_*_parser functions, for callers without a choice
