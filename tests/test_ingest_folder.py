"""A folder given to radar ingest: its exports are read, its column mappings found by
name in any case, and every other file (another format, Excel's lock file of an open
workbook) is named on stderr instead of being left out without a word."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipelines.ingest.folders import expand_paths, skipped_in_folders
from tests.test_ingest import query, write


def folder(tmp_path: Path) -> Path:
    root = tmp_path / "exports"
    write(
        root / "eenheden.csv",
        "code;naam;boven;niveau\nWH;Woonpunt;;organisatie\nFIN;Fin;WH;afdeling\n",
    )
    write(
        root / "Eenheden.Mapping.YAML",
        "dataset: org_units\nfiles: [eenheden.csv]\n"
        "columns: {code: org_unit, naam: name, boven: parent_unit, niveau: level}\n",
    )
    write(root / "leaseauto.xls", "binary")
    write(root / "sub" / "gifts.ods", "binary")
    write(root / "~$eenheden.xlsx", "lock")
    write(root / ".upload-123.part", "being written")
    # a hidden folder's files are neither read nor listed (a notebook's checkpoint copy
    # would otherwise be read as an export of its own)
    write(root / ".ipynb_checkpoints" / "eenheden-checkpoint.csv", "code;naam\nX;Y\n")
    write(root / ".git" / "objects" / "ab" / "cdef", "blob")
    return root


def test_the_walk_reads_exports_and_mappings_and_lists_the_rest(tmp_path: Path) -> None:
    root = folder(tmp_path)
    files, mappings = expand_paths([root])
    assert [p.name for p in files] == ["eenheden.csv"]
    assert [m.path.name for m in mappings] == ["Eenheden.Mapping.YAML"]
    assert [p.relative_to(root).as_posix() for p in skipped_in_folders([root])] == [
        "leaseauto.xls",
        "sub/gifts.ods",
        "~$eenheden.xlsx",
    ]


def test_radar_ingest_names_what_it_leaves_out_and_loads_the_rest(tmp_path: Path) -> None:
    root = folder(tmp_path)
    home = tmp_path / "home"
    env = {**os.environ, "RADAR_HOME": str(home), "RADAR_PSEUDONYM_KEY": "k" * 32}
    out = subprocess.run(
        [sys.executable, "-m", "pipelines.cli.main", "ingest", str(root)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert "radar: let op: niet ingelezen (geen CSV, TXT, TSV, XLSX of Parquet" in out.stderr
    for name in ("leaseauto.xls", "gifts.ods", "~$eenheden.xlsx"):
        assert name in out.stderr
    assert ".upload-123.part" not in out.stderr
    assert query(home, "select org_unit from raw_org_units order by 1") == [("FIN",), ("WH",)]
