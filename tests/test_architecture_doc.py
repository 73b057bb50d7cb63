"""docs/architecture.md cannot drift: its walkthroughs' own snippets run, its names exist.

The indicator walkthrough's YAML is appended to a copy of risks/, validated by
load_catalogue and built into the small demo warehouse; the toy indicator must come out in
the marts. Every path, module and symbol the document names in backticks must exist.
"""

from __future__ import annotations

import importlib
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.core.catalogue import load_catalogue
from tests.conftest import build_demo_home
from tests.readers import reading

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "architecture.md"
FENCE = re.compile(r"^```(\w+) walkthrough=(\w+)\n(.*?)^```$", re.M | re.S)
TICKED = re.compile(r"`([^`\n]+)`")
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def snippet(name: str) -> str:
    """The fenced block tagged ``walkthrough=name`` in the document (exactly one)."""
    found = [m.group(3) for m in FENCE.finditer(DOC.read_text("utf-8")) if m.group(2) == name]
    assert len(found) == 1, f"docs/architecture.md: one block walkthrough={name}, {len(found)}"
    return found[0]


def prose() -> str:
    """The document without its fenced blocks (the snippets are run, not looked up)."""
    return re.sub(r"^```.*?^```$", "", DOC.read_text("utf-8"), flags=re.M | re.S)


def named_paths() -> list[str]:
    """Backticked paths: a slash or a file suffix, no spaces (commands are skipped)."""
    ticks = [t for t in TICKED.findall(prose()) if " " not in t and not t.startswith("[")]
    return [t for t in ticks if "/" in t and not t.startswith("/")]


def existing(path: str) -> Path:
    """The path in the repo; a placeholder like <page>.py stands for its folder."""
    if "<" in path:
        return REPO / path[: path.index("<")].rsplit("/", 1)[0]
    return REPO / path


def test_every_named_path_exists() -> None:
    missing = [p for p in named_paths() if not existing(p).exists()]
    assert named_paths(), "the document names no paths"
    assert not missing, f"docs/architecture.md names missing paths: {missing}"


def test_every_named_module_and_symbol_exists() -> None:
    """Dotted names import; bare names occur as a word in a file the document names."""
    ticks = set(TICKED.findall(prose()))
    for dotted in sorted(t for t in ticks if re.fullmatch(r"pipelines(\.\w+)+", t)):
        importlib.import_module(dotted)
    # Files the document names, and the files in the folders it names below the top level
    # (so a symbol cannot hide in any file of pipelines/).
    files: list[Path] = []
    for path in named_paths():
        target = existing(path)
        if target.is_file():
            files.append(target)
        elif target.is_dir() and target.relative_to(REPO).parts[1:]:
            files += [f for f in target.rglob("*") if f.suffix in (".py", ".sql", ".yaml")]
    corpus = "\n".join(f.read_text("utf-8") for f in files)
    symbols = sorted(t for t in ticks if IDENT.match(t) and t not in ("dashboard", "pipelines"))
    assert symbols, "the document names no symbols"
    unknown = [s for s in symbols if not re.search(rf"\b{re.escape(s)}\b", corpus)]
    assert not unknown, f"docs/architecture.md names symbols found nowhere: {unknown}"


def test_dataset_walkthrough_ingests(tmp_path: Path) -> None:
    """The toy dataset, registered as the document says, is read from a CSV into its raw
    table and written into the contract; without its natural key the contract refuses."""
    from pipelines.core.catalogue import load_catalogue as catalogue
    from pipelines.ingest import contracts
    from pipelines.ingest.loader import ingest_files
    from pipelines.ingest.quality import DATASETS
    from pipelines.ingest.reexports import NATURAL_KEYS

    before = (dict(DATASETS), dict(NATURAL_KEYS))
    try:
        namespace: dict = {}
        exec(compile(snippet("dataset"), "docs/architecture.md (dataset)", "exec"), namespace)
        name = namespace["SPEC"].name
        csv = tmp_path / "trainingen.csv"
        csv.write_text(
            "held_on;org_unit;attended_n\n03-02-2026;AFD-A;12\n10-02-2026;AFD-B;1.443\n",
            "utf-8",
        )
        with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
            (result,) = ingest_files(con, [csv], catalogue())
            assert (result.dataset, result.rows_loaded, result.error) == (name, 2, None)
            rows = con.execute(
                f"select held_on, org_unit, attended_n from raw_{name} order by held_on"
            ).fetchall()
        assert [(str(d), u, n) for d, u, n in rows] == [
            ("2026-02-03", "AFD-A", 12),
            ("2026-02-10", "AFD-B", 1443),
        ]
        assert f"## {name}" in contracts.markdown()
        del NATURAL_KEYS[name]  # step 2 left out: the contract says what is missing
        with pytest.raises(contracts.ContractError, match=f"{name} has no natural key"):
            contracts.markdown()
    finally:
        for registry, old in zip((DATASETS, NATURAL_KEYS), before, strict=True):
            registry.clear()
            registry.update(old)


def test_page_walkthrough_runs() -> None:
    exec(compile(snippet("page"), "docs/architecture.md (walkthrough=page)", "exec"), {})


def test_indicator_walkthrough_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The toy indicator, appended to a copy of risks/, validates and is computed."""
    toy = snippet("indicator")
    toy_id = re.search(r"- id: (\S+)", toy).group(1)
    catalogue = tmp_path / "risks"
    shutil.copytree(REPO / "risks", catalogue)
    indicators = catalogue / "indicators.yaml"
    indicators.write_text(indicators.read_text("utf-8").rstrip("\n") + "\n\n" + toy, "utf-8")
    assert toy_id in {i.id for i in load_catalogue(catalogue).indicators}

    monkeypatch.setenv("RADAR_CATALOGUE_DIR", str(catalogue))
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    (tmp_path / "keys").mkdir(mode=0o700)
    home = build_demo_home(tmp_path / "home")

    with reading(str(home / "warehouse.duckdb")) as con:
        dims = con.execute(
            "select count(*) from dim_indicators where indicator_id = ?", [toy_id]
        ).fetchone()[0]
        values = con.execute(
            "select count(value) from report_indicators where indicator_id = ?", [toy_id]
        ).fetchone()[0]
    assert dims >= 1, f"{toy_id} is not in dim_indicators"
    assert values > 0, f"{toy_id} has no computed values in report_indicators"
