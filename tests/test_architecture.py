"""The import contracts of pyproject.toml ([tool.importlinter]): dashboard -> pipelines, never
back, and inside pipelines the packages by capability as layers (cli on top, core at the bottom).

Run through import-linter's own command, as make lint runs it, once on the repo (they must
hold) and on copies with a deliberate back-import (they must catch it), so the check can fail.
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


LAYERS = "pipelines' packages by capability point down"


def copy_with_import(tmp_path: Path, module: str, target: str) -> Path:
    """The repo's packages and contract in ``tmp_path``, with ``module`` (a path under it)
    importing ``target`` inside a function, as the old back-import in the log-in code did:
    still an import."""
    for package in ("pipelines", "dashboard"):
        shutil.copytree(
            REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    path = tmp_path / module
    path.write_text(path.read_text("utf-8") + f"\n\ndef _back():\n    import {target}\n")
    return tmp_path


def test_the_contracts_hold() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pipelines must not import dashboard KEPT" in result.stdout
    assert "Contracts: 3 kept, 0 broken." in result.stdout
    assert "ignore_imports" not in (REPO / "pyproject.toml").read_text("utf-8")


def test_the_contract_catches_a_back_import(tmp_path: Path) -> None:
    result = lint_imports(copy_with_import(tmp_path, "pipelines/core/texts.py", "dashboard"))
    assert result.returncode != 0, result.stdout
    assert "pipelines must not import dashboard BROKEN" in result.stdout
    assert "pipelines.core.texts -> dashboard" in result.stdout


def test_the_layers_catch_the_core_importing_a_capability(tmp_path: Path) -> None:
    """The shared core reaching up into ingest (as the catalogue might, for a dataset name)."""
    copy = copy_with_import(tmp_path, "pipelines/core/catalogue.py", "pipelines.ingest.loader")
    result = lint_imports(copy)
    assert result.returncode != 0, result.stdout
    assert LAYERS in result.stdout and "BROKEN" in result.stdout
    assert "pipelines.core is not allowed to import pipelines.ingest" in result.stdout


def test_the_layers_catch_the_register_importing_the_reports(tmp_path: Path) -> None:
    """The cycle this layout removed: the audit log reading snapshots through the reports
    (the seal it needs lives in pipelines/core/sealed.py)."""
    copy = copy_with_import(
        tmp_path, "pipelines/register/audit_log.py", "pipelines.reports.snapshot"
    )
    result = lint_imports(copy)
    assert result.returncode != 0, result.stdout
    assert "pipelines.register is not allowed to import pipelines.reports" in result.stdout


def test_the_meldingen_may_not_lean_on_the_register(tmp_path: Path) -> None:
    """Allowed by the layers, refused by the narrower contract its docstring promises."""
    copy = copy_with_import(
        tmp_path, "pipelines/meldingen/deadlines.py", "pipelines.register.store"
    )
    result = lint_imports(copy)
    assert result.returncode != 0, result.stdout
    assert "meldingen and access build on the core alone BROKEN" in result.stdout
    assert LAYERS in result.stdout and "core KEPT" in result.stdout
