"""`radar export --format parquet`: the published marts as Parquet files for BI tools."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines.build.models import published_marts
from pipelines.cli.export import add_export_parser
from pipelines.core.warehouse import read_connection, rebuilding
from pipelines.reports import parquet as export_parquet
from pipelines.reports.parquet import (
    COLUMNS_FILE,
    DOCS_FILE,
    PERSON_LEVEL_MARTS,
    ExportError,
    documented_columns,
    export_marts,
    exported_marts,
    mart_columns,
    marts_markdown,
)

DOCUMENTED = documented_columns(DOCS_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def warehouse(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built small demo's warehouse."""
    copy = tmp_path_factory.mktemp("export_home") / "warehouse.duckdb"
    shutil.copyfile(demo_home / "warehouse.duckdb", copy)
    return copy


@pytest.fixture(scope="module")
def exported(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bi") / "marts"  # does not exist yet
    export_marts(out, path=warehouse)
    return out


def mart_rows(warehouse: Path, mart: str) -> int:
    con = read_connection(warehouse)
    try:
        return con.execute(f"select count(*) from {mart}").fetchone()[0]
    finally:
        con.close()


def test_docs_marts_md_documents_every_exported_mart_as_the_warehouse_has_it(
    warehouse: Path,
) -> None:
    con = read_connection(warehouse)
    try:
        expected = {m: mart_columns(con, m) for m in exported_marts(con)}
        fresh = marts_markdown(con)
    finally:
        con.close()
    assert DOCUMENTED == expected, (
        "docs/marts.md is out of date: run "
        "`.venv/bin/python -m pipelines.reports.parquet --docs --warehouse PATH` "
        "on a built demo warehouse"
    )
    assert DOCS_FILE.read_text(encoding="utf-8") == fresh


@pytest.mark.parametrize("mart", sorted(DOCUMENTED))
def test_each_parquet_file_opens_in_duckdb_and_pandas_with_exactly_the_documented_columns(
    exported: Path, warehouse: Path, mart: str
) -> None:
    file = exported / f"{mart}.parquet"
    names = [name for name, _ in DOCUMENTED[mart]]
    con = duckdb.connect()
    try:
        described = con.execute(f"describe select * from read_parquet('{file}')").fetchall()
        rows = con.execute(f"select count(*) from read_parquet('{file}')").fetchone()[0]
    finally:
        con.close()
    assert [(r[0], r[1]) for r in described] == DOCUMENTED[mart]
    frame = pd.read_parquet(file)
    assert list(frame.columns) == names
    assert len(frame) == rows == mart_rows(warehouse, mart)


def test_the_export_holds_every_published_mart_but_the_person_level_ones(
    exported: Path, warehouse: Path
) -> None:
    con = read_connection(warehouse)
    try:
        published = published_marts(con)
    finally:
        con.close()
    assert "report_code_exceptions" in published  # so leaving it out is a real choice
    files = sorted(p.name for p in exported.iterdir())
    expected = [f"{m}.parquet" for m in published if m not in PERSON_LEVEL_MARTS]
    assert files == sorted([*expected, COLUMNS_FILE])
    for mart in PERSON_LEVEL_MARTS:
        assert not (exported / f"{mart}.parquet").exists()
        assert f"`{mart}`" in DOCS_FILE.read_text(encoding="utf-8")


def test_columns_json_lists_each_file_with_its_columns_and_rows(
    exported: Path, warehouse: Path
) -> None:
    listing = json.loads((exported / COLUMNS_FILE).read_text(encoding="utf-8"))
    by_mart = {m["mart"]: m for m in listing["marts"]}
    assert set(by_mart) == set(DOCUMENTED)
    for mart, entry in by_mart.items():
        assert entry["file"] == f"{mart}.parquet"
        assert [(c["name"], c["type"]) for c in entry["columns"]] == DOCUMENTED[mart]
        assert entry["rows"] == mart_rows(warehouse, mart)
    assert set(listing["not_exported_person_level"]) == set(PERSON_LEVEL_MARTS)


def _small_warehouse(path: Path, sql: str) -> Path:
    con = duckdb.connect(str(path))
    try:
        con.execute(sql)
    finally:
        con.close()
    return path


def test_text_is_written_verbatim_even_when_it_looks_like_a_formula(tmp_path: Path) -> None:
    path = _small_warehouse(
        tmp_path / "w.duckdb",
        "create table dim_things as select * from (values "
        "('=HYPERLINK(\"https://evil.example\")', -3), ('@SUM(1)', 2)) t(label, amount)",
    )
    export_marts(tmp_path / "out", path=path)
    frame = pd.read_parquet(tmp_path / "out" / "dim_things.parquet")
    assert frame["label"].tolist() == ['=HYPERLINK("https://evil.example")', "@SUM(1)"]
    assert frame["amount"].tolist() == [-3, 2]


def test_a_mart_with_a_person_column_that_nobody_listed_is_refused(tmp_path: Path) -> None:
    path = _small_warehouse(
        tmp_path / "w.duckdb",
        "create table dim_fine as select 1 as n; "
        "create table report_new_exceptions as select 'ab12' as employee_id",
    )
    with pytest.raises(ExportError, match="report_new_exceptions: kolom employee_id"):
        export_marts(tmp_path / "out", path=path)
    assert list((tmp_path / "out").iterdir()) == []


def test_a_failure_midway_leaves_no_partial_file_and_the_previous_export_intact(
    warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "marts"
    export_marts(out, path=warehouse)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_copy = export_parquet._copy_to_parquet
    calls = []

    def copy_then_fail(con: duckdb.DuckDBPyConnection, mart: str, target: Path) -> None:
        calls.append(mart)
        real_copy(con, mart, target)
        if len(calls) == 3:
            target.write_bytes(target.read_bytes()[:100])  # half a file, then the disk fills
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_parquet, "_copy_to_parquet", copy_then_fail)
    with pytest.raises(OSError, match="No space left"):
        export_marts(out, path=warehouse)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temp file either

    fresh = tmp_path / "fresh"
    calls.clear()
    with pytest.raises(OSError):
        export_marts(fresh, path=warehouse)
    assert list(fresh.iterdir()) == []


def test_exporting_while_a_build_holds_the_warehouse_works(warehouse: Path, tmp_path: Path) -> None:
    own = shutil.copyfile(warehouse, tmp_path / "warehouse.duckdb")
    with rebuilding(own) as con:  # a build in progress: the write lock is taken
        con.execute("create or replace table dim_in_progress as select 1 as n")
        written = export_marts(tmp_path / "out", path=own)
    assert "dim_in_progress.parquet" not in {p.name for p in written}
    assert (tmp_path / "out" / "dim_risks.parquet").exists()


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="radar")
    add_export_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_radar_export_writes_the_files_and_says_where(
    warehouse: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("RADAR_HOME", str(warehouse.parent))
    assert _run(["export", "--format", "parquet", "--out", str(tmp_path / "bi")]) == 0
    out = capsys.readouterr().out
    assert f"{len(DOCUMENTED)} marts als Parquet geschreven" in out
    assert "dim_risks.parquet" in out and COLUMNS_FILE in out


def test_radar_export_without_a_warehouse_exits_1_with_the_reason(
    empty_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["export", "--out", str(tmp_path / "bi")]) == 1
    assert "radar build" in capsys.readouterr().err


def test_an_export_replaces_its_own_earlier_export_and_drops_a_mart_no_longer_exported(
    warehouse: Path, tmp_path: Path
) -> None:
    """Into the folder of an earlier export: its files are replaced, and a mart the
    earlier export wrote that this one does not (no longer published, or person-level
    since) is removed, so the BI tool never reads it stale. An interrupted export's
    temporary file does not make the folder foreign."""
    out = tmp_path / "bi"
    export_marts(out, path=warehouse)
    listing = json.loads((out / "columns.json").read_text("utf-8"))
    listing["marts"].append({"mart": "report_gone", "file": "report_gone.parquet"})
    (out / "columns.json").write_text(json.dumps(listing), "utf-8")
    (out / "report_gone.parquet").write_bytes(b"old")
    leftover = out / f".dim_risks.parquet.123-{'0' * 32}.tmp"  # an interrupted export's
    leftover.write_text("", "utf-8")
    written = export_marts(out, path=warehouse)
    assert not (out / "report_gone.parquet").exists()
    assert leftover.exists()
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == {
        p.name for p in written
    }


@pytest.mark.parametrize(
    "content, message",
    [
        ({"notes.txt": "mine"}, "bevat geen eerdere export"),
        ({".bashrc": "export PATH"}, "bevat geen eerdere export"),
        ({"columns.json": "{not json"}, "bevat geen eerdere export"),
        ({"columns.json": json.dumps({"marts": []}), "budget.xlsx": "x"}, "budget.xlsx"),
    ],
)
def test_an_export_into_a_folder_of_other_files_is_refused_and_writes_nothing(
    warehouse: Path, tmp_path: Path, content: dict[str, str], message: str
) -> None:
    out = tmp_path / "home"
    out.mkdir()
    for name, text in content.items():
        (out / name).write_text(text, "utf-8")
    with pytest.raises(ExportError, match=message) as refused:
        export_marts(out, path=warehouse)
    assert "nothing was written" in refused.value.text("en") or "holds no earlier" in (
        refused.value.text("en")
    )
    assert sorted(p.name for p in out.iterdir()) == sorted(content)


def test_an_export_onto_a_file_is_refused(warehouse: Path, tmp_path: Path) -> None:
    target = tmp_path / "marts.parquet"
    target.write_text("x", "utf-8")
    with pytest.raises(ExportError, match="is een bestand, geen map"):
        export_marts(target, path=warehouse)
    assert target.read_text("utf-8") == "x"
