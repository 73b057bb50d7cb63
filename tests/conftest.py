"""Shared fixtures: the real catalogue, and a real warehouse built from it in a temp home."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelines.build import build
from pipelines.catalogue import Catalogue, load_catalogue

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def built_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A RADAR_HOME with a warehouse built from the real catalogue."""
    home = tmp_path_factory.mktemp("radar_home")
    build(path=home / "warehouse.duckdb")
    return home


@pytest.fixture
def radar_home(built_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RADAR_HOME", str(built_home))
    return built_home


@pytest.fixture
def empty_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path))
    return tmp_path


def pytest_configure(config: pytest.Config) -> None:
    # Streamlit and its caches must never write into the user's home during tests.
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
