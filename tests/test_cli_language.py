"""The radar command line speaks one language: Dutch, or English with --lang en or an
English LANG/LC_ALL; every option of every command has a help text in both."""

from __future__ import annotations

import argparse
import gettext
import os
import subprocess
import sys

import pytest

from pipelines.cli.main import main, parser
from pipelines.cli.texts import LANGUAGES, argparse_speaks, cli_texts, language

RADAR = [sys.executable, "-m", "pipelines.cli.main"]
# argparse's own English words, as they show in help and errors
ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "error:")


def radar(*args: str, lang_env: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL")}
    env["LANG"] = lang_env
    return subprocess.run([*RADAR, *args], capture_output=True, text=True, env=env)


def walk(p: argparse.ArgumentParser, path: str = "radar"):  # noqa: ANN201
    """Every parser of the tree with its command path, the top first."""
    yield path, p
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from walk(child, f"{path} {name}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_action_of_every_command_has_a_help_text(lang: str) -> None:
    missing = []
    for path, p in walk(parser(lang)):
        if not p.description:
            missing.append(f"{path}: description")
        for action in p._actions:
            if not (action.help or "").strip():
                missing.append(f"{path}: {action.dest}")
            if isinstance(action, argparse._SubParsersAction):
                missing += [
                    f"{path} {c.dest}" for c in action._choices_actions if not c.help.strip()
                ]
    assert not missing, missing
    assert len(list(walk(parser(lang)))) > 20


def test_the_help_texts_differ_between_the_languages() -> None:
    """No English left in the Dutch texts by copying: each option's help is translated."""
    dutch = {path: p.format_help() for path, p in walk(parser("nl"))}
    english = {path: p.format_help() for path, p in walk(parser("en"))}
    assert dutch.keys() == english.keys()
    for path in dutch:
        assert dutch[path] != english[path], path


def test_every_dutch_help_page_has_no_english_argparse_words() -> None:
    with argparse_speaks("nl"):
        for path, p in walk(parser("nl")):
            page = p.format_help()
            assert page.startswith("gebruik: "), path
            assert not [w for w in ENGLISH if w in page], (path, page)


def test_radar_help_is_dutch_by_default() -> None:
    done = radar("--help")
    assert done.returncode == 0, done.stderr
    assert "gebruik: radar" in done.stdout
    assert "toon deze hulptekst en stop" in done.stdout
    assert "opties:" in done.stdout
    assert not [w for w in ENGLISH if w in done.stdout], done.stdout


@pytest.mark.parametrize(
    ("args", "lang_env"),
    [(("--lang", "en", "--help"), "C.UTF-8"), (("--help",), "en_GB.UTF-8")],
)
def test_radar_help_in_english_with_lang_en_or_an_english_locale(
    args: tuple[str, ...], lang_env: str
) -> None:
    done = radar(*args, lang_env=lang_env)
    assert done.returncode == 0, done.stderr
    assert "usage: radar" in done.stdout
    assert "show this help message and exit" in done.stdout
    assert "scores integrity risks" in done.stdout


def test_lang_nl_wins_over_an_english_locale() -> None:
    assert "gebruik: radar" in radar("users", "--help", "--lang", "nl", lang_env="en_US").stdout
    assert language([], {"LC_ALL": "en_US.UTF-8", "LANG": "nl_NL.UTF-8"}) == "en"
    assert language(["--lang=en"], {}) == "en"
    assert language(["--", "--lang", "en"], {}) == "nl"


def test_a_wrong_argument_gives_a_dutch_error_naming_it() -> None:
    done = radar("demo", "--size", "huge")
    assert done.returncode == 2
    assert "radar demo: fout: argument --size: ongeldige keuze: 'huge'" in done.stderr
    assert "gebruik: radar demo" in done.stderr
    missing = radar("users", "add")
    assert "de volgende argumenten zijn verplicht: NAAM, --role" in missing.stderr
    unknown = radar("build", "--snel")
    # said by the command's own parser, with its usage, not radar's
    assert "radar build: fout: onbekende argumenten: --snel" in unknown.stderr
    assert "gebruik: radar build [-h]" in unknown.stderr
    nested = radar("users", "add", "piet", "--role", "dt", "--snel")
    assert "radar users add: fout: onbekende argumenten: --snel" in nested.stderr
    assert "gebruik: radar users add" in nested.stderr
    assert "usage" not in missing.stderr + unknown.stderr + done.stderr


def test_the_same_error_in_english_with_lang_en() -> None:
    done = radar("--lang", "en", "demo", "--size", "huge")
    assert "radar demo: error: argument --size: invalid choice: 'huge'" in done.stderr


def test_argparse_gets_its_own_words_back_after_a_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The swap of argparse._ lasts only while radar parses: pytest and others use it too."""
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "gebruik: radar" in capsys.readouterr().out
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]


def test_the_words_the_brief_lists_are_translated() -> None:
    """argparse's words a user meets; a msgid missing from cli.yaml would stay English."""
    for msgid in (
        "usage: ",
        "positional arguments",
        "options",
        "show this help message and exit",
        "%(prog)s: error: %(message)s\n",
        "the following arguments are required: %s",
        "invalid choice: %(value)r (choose from %(choices)s)",
        "unrecognized arguments: %s",
        "expected one argument",
        "argument %(argument_name)s: %(message)s",
        "invalid %(type)s value: %(value)r",
    ):
        assert "argparse:" + msgid in cli_texts(), msgid
