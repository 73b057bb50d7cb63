"""Module size: no Python module in pipelines/, dashboard/, bench/ or tests/ is longer than
600 lines unless its docstring says why.

A module that stays longer must say so in its first docstring (the module's), in a sentence
starting "Longer than 600 lines because". The boundary is checked on generated files with
the same function the repository scan uses.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FOLDERS = ("pipelines", "dashboard", "bench", "tests")

# The limit and the sentence that excuses a longer module.
LIMIT = 600
MARKER = "Longer than 600 lines because"


def _sentences_start(docstring: str) -> list[str]:
    """The docstring's text at each place a sentence starts: its beginning, each paragraph,
    and after a full stop, question mark, exclamation mark or colon. Line breaks inside a
    paragraph count as spaces, so the marker may wrap."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", docstring)]
    starts = []
    for paragraph in paragraphs:
        starts += [paragraph[m.end() :] for m in re.finditer(r"(?:^|[.!?:]\s+)", paragraph)]
    return starts


def unexplained(path: Path) -> bool:
    """True when ``path`` is longer than LIMIT lines and its module docstring has no
    sentence starting with MARKER (a reason anywhere else does not count)."""
    text = path.read_text("utf-8")
    if len(text.splitlines()) <= LIMIT:
        return False
    docstring = ast.get_docstring(ast.parse(text), clean=True) or ""
    return not any(s.startswith(MARKER) for s in _sentences_start(docstring))


def test_every_long_module_says_why() -> None:
    files = sorted(p for folder in FOLDERS for p in (REPO / folder).rglob("*.py"))
    assert len(files) > 100, "the scan found too few files: is REPO right?"
    long = [p.relative_to(REPO).as_posix() for p in files if unexplained(p)]
    assert not long, f"over {LIMIT} lines, no '{MARKER} ...' in the docstring: " + ", ".join(long)


# --- the boundary, on generated files -------------------------------------------------------


def _module(tmp_path: Path, lines: int, docstring: str, name: str = "module.py") -> Path:
    """A module of exactly ``lines`` lines: the docstring, then numbered assignments."""
    head = f'"""{docstring}"""\n'.splitlines(keepends=True)
    body = [f"x{i} = {i}\n" for i in range(lines - len(head))]
    path = tmp_path / name
    path.write_text("".join(head + body), "utf-8")
    assert len(path.read_text("utf-8").splitlines()) == lines
    return path


def test_a_module_of_exactly_the_limit_needs_no_reason(tmp_path: Path) -> None:
    assert not unexplained(_module(tmp_path, LIMIT, "A module."))


def test_one_line_over_the_limit_without_a_reason_fails(tmp_path: Path) -> None:
    assert unexplained(_module(tmp_path, LIMIT + 1, "A module."))


@pytest.mark.parametrize(
    "docstring",
    [
        f"{MARKER} it is one table.",
        f"A module.\n\n{MARKER} it is one table.\n",
        f"A module. {MARKER} it is one table.",
        # Wrapped across lines, as a docstring is.
        "A module.\n\n" + MARKER.replace(" 600 ", " 600\n") + " it is one table.\n",
    ],
)
def test_one_line_over_the_limit_with_the_reason_passes(tmp_path: Path, docstring: str) -> None:
    assert not unexplained(_module(tmp_path, LIMIT + 1, docstring))


def test_a_reason_outside_the_first_docstring_does_not_count(tmp_path: Path) -> None:
    path = _module(tmp_path, LIMIT + 1, "A module.")
    lines = path.read_text("utf-8").splitlines(keepends=True)
    # The same sentence as a comment, a second string and a function's docstring.
    lines[1:5] = [
        f"# {MARKER} it is one table.\n",
        f'"""{MARKER} it is one table."""\n',
        f'def f():\n    """{MARKER} it is one table."""\n',
    ]
    path.write_text("".join(lines), "utf-8")
    assert len(path.read_text("utf-8").splitlines()) == LIMIT + 1
    assert unexplained(path)


def test_the_marker_must_start_a_sentence(tmp_path: Path) -> None:
    docstring = f"A module, not '{MARKER} it is one table'."
    assert unexplained(_module(tmp_path, LIMIT + 1, docstring))
