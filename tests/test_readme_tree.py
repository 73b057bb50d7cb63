"""README's "Where things are" cannot drift from the tree: every folder and file it names
exists where the tree puts it.

The block is read as the tree it draws: a name ending in ``/`` at two more spaces of
indent is a folder inside the one above it; a file name in a description (``store.py``,
``cli.yaml``) is looked up in that folder, or in a folder the line itself names
(``pdf/ (their PDF: document.py ...)``), or from the repo's root when it holds a slash.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FILE = re.compile(r"(?<![\w./<-])([\w/]+\.(?:py|yaml|md))\b")
RUNTIME = ("data",)  # folders of files made at run time (none committed)
FOLDER = re.compile(r"^( *)(\S+/)(?=\s)")
PLACEHOLDER = "<"


def tree_block(readme: str) -> list[str]:
    section = readme[readme.index("## Where things are") :]
    start = section.index("```\n") + 4
    return section[start : section.index("```", start)].splitlines()


def missing(lines: list[str], root: Path = REPO, found: set[Path] | None = None) -> list[str]:
    """Every name in the tree that is not where the tree says it is; the files it does
    find are added to ``found``."""
    stack: list[tuple[int, Path]] = []
    here = root
    problems = []
    found = set() if found is None else found
    for line in lines:
        folder = FOLDER.match(line)
        if folder:
            indent, name = len(folder.group(1)), folder.group(2)
            stack = [(i, p) for i, p in stack if i < indent]
            parent = stack[-1][1] if stack else root
            here = parent / name
            stack.append((indent, here))
            if PLACEHOLDER not in name and not here.is_dir():
                problems.append(f"{here.relative_to(root)}/ (folder)")
        if here.relative_to(root).parts[:1] in [(f,) for f in RUNTIME]:
            continue
        for name in FILE.findall(line[22:] if len(line) > 22 else ""):
            if PLACEHOLDER in name:
                continue
            places = [here / name, *(p / name for p in here.iterdir() if p.is_dir())]
            places += [root / name, root / "pipelines" / name]
            hits = [p for p in places if p.exists()]
            found.update(p.resolve() for p in hits[:1])
            if not hits:
                problems.append(f"{name} (in {here.relative_to(root)})")
    return problems


# Folders whose modules the tree describes as a kind ("one file per page", "one module per
# dataset") rather than by name; every other module must be named where it lives.
BY_KIND = ("dashboard/app_pages", "pipelines/ingest/quality")


def unlisted(lines: list[str], root: Path = REPO) -> list[str]:
    """Modules of pipelines/ and dashboard/ the tree does not name."""
    found: set[Path] = set()
    missing(lines, root, found)
    modules = [
        p
        for top in ("pipelines", "dashboard")
        for p in sorted((root / top).rglob("*.py"))
        if p.name != "__init__.py"
        and "__pycache__" not in p.parts
        and not any(p.is_relative_to(root / kind) for kind in BY_KIND)
    ]
    return [str(p.relative_to(root)) for p in modules if p.resolve() not in found]


def test_every_name_in_the_readme_tree_exists() -> None:
    lines = tree_block((REPO / "README.md").read_text("utf-8"))
    assert len(lines) > 20, "README: the tree of 'Where things are' is missing"
    assert not missing(lines), (
        f"README 'Where things are' names what is not there: {missing(lines)}"
    )


def test_every_module_is_in_the_readme_tree() -> None:
    lines = tree_block((REPO / "README.md").read_text("utf-8"))
    assert not unlisted(lines), f"README 'Where things are' leaves out: {unlisted(lines)}"


def test_an_unlisted_module_is_caught(tmp_path: Path) -> None:
    (tmp_path / "pipelines" / "core").mkdir(parents=True)
    (tmp_path / "dashboard").mkdir()
    for name in ("texts.py", "formats.py", "__init__.py"):
        (tmp_path / "pipelines" / "core" / name).write_text("")
    tree = ["pipelines/            packages", "  core/               texts.py (the loader)"]
    assert unlisted(tree, tmp_path) == ["pipelines/core/formats.py"]
    tree[1] += ", formats.py"
    assert unlisted(tree, tmp_path) == []


def test_a_stale_name_is_caught(tmp_path: Path) -> None:
    """The check can fail: a module that moved, and a folder that is gone."""
    (tmp_path / "pipelines" / "ingest").mkdir(parents=True)
    (tmp_path / "pipelines" / "ingest" / "loader.py").write_text("")
    tree = [
        "pipelines/            packages",
        "  ingest/             loader.py (the loop), ingest.py (gone)",
        "  core/               nothing here",
    ]
    assert missing(tree, tmp_path) == [
        "ingest.py (in pipelines/ingest)",
        "pipelines/core/ (folder)",
    ]
    tree[1] = "  ingest/             loader.py (the loop)"
    assert missing(tree[:2], tmp_path) == []
