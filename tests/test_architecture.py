"""The import contract of pyproject.toml ([tool.importlinter]): dashboard -> pipelines, never back.

Run through import-linter's own command, as make lint runs it, once on the repo (it must hold)
and once on a copy with a deliberate back-import (it must catch it), so the check can fail.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports on the packages under ``root`` with the contract in its pyproject.toml."""
    # lint-imports puts its working directory first on sys.path, so the packages in ``root``
    # are analysed, not the ones the venv was installed from; no cache is written there.
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_pipelines_does_not_import_dashboard() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pipelines must not import dashboard KEPT" in result.stdout


def test_the_contract_catches_a_back_import(tmp_path: Path) -> None:
    for package in ("pipelines", "dashboard"):
        shutil.copytree(
            REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    # Inside a function, as the old one in pipelines/auth.py was: still an import.
    texts = tmp_path / "pipelines" / "texts.py"
    texts.write_text(texts.read_text("utf-8") + "\n\ndef _back():\n    import dashboard\n")

    result = lint_imports(tmp_path)
    assert result.returncode != 0, result.stdout
    assert "pipelines must not import dashboard BROKEN" in result.stdout
    assert "pipelines.texts -> dashboard" in result.stdout
