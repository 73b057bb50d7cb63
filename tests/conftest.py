"""Shared fixtures: the real catalogue, and a real warehouse built from it in a temp home."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from pipelines.access import login
from pipelines.access import users as accounts
from pipelines.build.builder import build, rescore
from pipelines.core.catalogue import Catalogue, load_catalogue
from tests import fastpaths

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def built_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A RADAR_HOME with a warehouse built from the real catalogue."""
    home = tmp_path_factory.mktemp("radar_home")
    build(path=home / "warehouse.duckdb", inputs=[])
    return home


@pytest.fixture(scope="session")
def scored_home(built_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """built_home's warehouse with a register of its own, the scores recomputed from it:
    the Risicoregister page starts with scores that are current (copy it: register_copy)."""
    home = tmp_path_factory.mktemp("scored_home")
    shutil.copy(built_home / "warehouse.duckdb", home / "warehouse.duckdb")
    old = os.environ.get("RADAR_HOME")
    os.environ["RADAR_HOME"] = str(home)
    try:
        rescore(home / "warehouse.duckdb")
    finally:
        os.environ["RADAR_HOME"] = old or ""
    return home


def register_copy(scored: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A RADAR_HOME of its own in ``tmp_path``: scored_home's warehouse and register."""
    for path in scored.iterdir():
        if path.name == "warehouse.duckdb" or path.name.startswith("register.sqlite"):
            shutil.copy(path, tmp_path / path.name)
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def radar_home(built_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RADAR_HOME", str(built_home))
    return built_home


@pytest.fixture
def empty_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    return tmp_path


_MADE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    # Tests never touch the checkout's data/ (its warehouse, raw files or pseudonym key):
    # unless a test sets its own, RADAR_HOME is a fresh temporary folder.
    os.environ["RADAR_HOME"] = tempfile.mkdtemp(prefix="radar-test-home-")
    _MADE.append(os.environ["RADAR_HOME"])
    os.environ.pop("RADAR_PSEUDONYM_KEY", None)
    os.environ.pop("RADAR_KEY_FILE", None)
    # Nor the real keys (~/.config/integriteitsradar: pseudonym, audit log, log-in state):
    # a key folder of their own, outside RADAR_HOME as the real one is; each key is made
    # there on first use.
    for name in ("RADAR_AUDIT_KEY", "RADAR_AUTH_STATE_KEY"):
        os.environ.pop(name, None)
    keys = tempfile.mkdtemp(prefix="radar-test-keys-")
    _MADE.append(keys)
    os.environ["RADAR_KEY_DIR"] = keys
    os.environ["RADAR_AUDIT_KEY_FILE"] = os.path.join(keys, "audit.key")
    os.environ["RADAR_AUTH_KEY_FILE"] = os.path.join(keys, "auth_state.key")
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    fastpaths.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    """The default home and key folder made above go when the run ends (each test process
    made its own; they were left in /tmp, hundreds of them over a day of runs)."""
    while _MADE:
        shutil.rmtree(_MADE.pop(), ignore_errors=True)


@pytest.fixture(autouse=True)
def _real_password_hash_when_marked(request: pytest.FixtureRequest, monkeypatch):
    """Tests marked ``real_password_hash`` hash with the product's own argon2 parameters
    (every other test uses fastpaths.CHEAP_HASHER)."""
    if request.node.get_closest_marker("real_password_hash") is None:
        yield
        return
    monkeypatch.setattr(accounts, "_hasher", fastpaths.REAL_HASHER)
    monkeypatch.setattr(login, "_hasher", fastpaths.REAL_HASHER)
    login._dummy_hash.cache_clear()
    yield
    login._dummy_hash.cache_clear()


def build_demo_home(home: Path, size: str = "small") -> Path:
    """``home`` as a RADAR_HOME with a demo of this size under raw/demo and its registers
    (meldingen, audit findings) filled as `radar demo` fills them, built (ingested)."""
    from pipelines.demo import generate_demo
    from pipelines.demo.registers import fill_registers

    generate_demo(home / "raw" / "demo", size=size, seed=42)
    fill_registers(home, size=size, seed=42)
    old = os.environ.get("RADAR_HOME")
    os.environ["RADAR_HOME"] = str(home)
    try:
        build(path=home / "warehouse.duckdb", inputs=[home / "raw"])
    finally:
        os.environ["RADAR_HOME"] = old or ""
    return home


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A RADAR_HOME with the small demo generated under raw/demo and built (ingested)."""
    return build_demo_home(tmp_path_factory.mktemp("demo_home"))


@pytest.fixture
def demo_env(demo_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """RADAR_HOME pointed at the built small demo (read it; do not change it)."""
    monkeypatch.setenv("RADAR_HOME", str(demo_home))
    return demo_home


def home_template(root: Path, make) -> Path:
    """``root`` with ``root``/home made once by ``make(root)`` (RADAR_HOME pointed at
    ``root``/home and RADAR_KEY_DIR at ``root``/keys meanwhile), for ``home_copy``: a module
    fixture builds a starting warehouse once instead of once per test."""
    mp = pytest.MonkeyPatch()
    mp.setenv("RADAR_HOME", str(root / "home"))
    mp.setenv("RADAR_KEY_DIR", str(root / "keys"))
    mp.delenv("RADAR_PSEUDONYM_KEY", raising=False)
    mp.delenv("RADAR_KEY_FILE", raising=False)
    try:
        make(root)
    finally:
        mp.undo()
    return root


def home_copy(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What a ``home_template`` holds (its home, its key folder, the files it was built
    from), copied into ``tmp_path`` with RADAR_HOME and RADAR_KEY_DIR pointed at the copy:
    as if built here. Returns the home."""
    for entry in template.iterdir():
        shutil.copytree(entry, tmp_path / entry.name)
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.delenv("RADAR_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("RADAR_KEY_FILE", raising=False)
    return tmp_path / "home"
