"""Nothing typed into a melding's text reaches the DT or the RvC (issue 17, item 7).

A planted string is typed into every text a melding holds (the note, the measures, and
org_unit, the one other field a user types), then the demo home goes through everything
that makes something for the DT or the RvC: a build, a snapshot, the RvC PDF, the Parquet
export, the register's Excel export, a backup; and every page the DT and the RvC can open.
The string is searched for in every file of RADAR_HOME outside the meldingen register
(as bytes, and through DuckDB, pdftotext and openpyxl where a file is compressed), in the
backup (only inside its copy of meldingen.sqlite, which is the beheerder's), in every page
as those roles see it, and in both audit logs: it is never found.

The audit findings have no free text: their only typed text is the audit's name, a title
the DT sees on purpose on the Risicoregister, so it is not planted here.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
from pathlib import Path

import duckdb
import openpyxl
import pytest

from pipelines.access.roles import load_roles
from pipelines.build.builder import build
from pipelines.meldingen.store import Meldingen, Viewer
from pipelines.ops.backup import backup
from pipelines.register.excel_export import export_register
from pipelines.register.store import Register
from pipelines.reports.parquet import export_marts
from pipelines.reports.pdf import render_report
from pipelines.reports.snapshot import load_snapshot, take_snapshot
from tests.apphelpers import run_app
from tests.formathelpers import page_texts

LEAK = "LEKTEST-7f3a"  # typed into the free text: note, measures
ORG_LEAK = "LEKTESTORG-7f3a"  # typed into org_unit, the one other typed field
KEEPER = Viewer("integriteitsfunctionaris", "integriteitsfunctionaris")
QUARTER = "2026-Q3"
# the only place in RADAR_HOME the text may be: the register it was typed into
MELDINGEN_FILES = {"meldingen.sqlite", "meldingen.sqlite-wal", "meldingen.sqlite-shm"}


@pytest.fixture(scope="module")
def leak_home(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("leak_home") / "home"
    shutil.copytree(demo_home, home)  # the built small demo (conftest), a copy to change
    mp = pytest.MonkeyPatch()
    mp.setenv("RADAR_HOME", str(home))
    try:
        store = Meldingen(home / "meldingen.sqlite")
        today = dt.date.today()
        reports = store.meldingen(viewer=KEEPER, today=today)
        assert len(reports) >= 5
        for i, row in enumerate(reports.itertuples()):
            changes = {
                "note": f"Notitie {LEAK} bij {row.melding_id}",
                "measures": f"{LEAK} maatregel",
            }
            if i == 0:
                changes["org_unit"] = ORG_LEAK
            store.update(row.melding_id, changes, version=row.version, viewer=KEEPER, today=today)
        build(path=home / "warehouse.duckdb", inputs=[home / "raw"])
        take_snapshot(QUARTER, actor="test", home=home)
        pdf = render_report(load_snapshot(QUARTER, home))
        (home / "exports").mkdir()
        (home / "exports" / "rvc.pdf").write_bytes(pdf)
        export_marts(home / "exports" / "parquet", path=home / "warehouse.duckdb")
        export_register(Register(path=home / "register.sqlite"), home / "exports" / "register.xlsx")
        yield home
    finally:
        mp.undo()


def _typed(store: Meldingen) -> int:
    frame = store.meldingen(viewer=KEEPER)
    return int(frame["note"].str.contains(LEAK).sum())


def test_the_string_is_in_the_meldingen_register_itself(leak_home: Path) -> None:
    # the plant took: without it every "not found" below would prove nothing
    assert _typed(Meldingen(leak_home / "meldingen.sqlite")) >= 5
    assert LEAK.encode() in (leak_home / "meldingen.sqlite").read_bytes()
    assert ORG_LEAK.encode() in (leak_home / "meldingen.sqlite").read_bytes()


def _text_of(path: Path) -> str:
    """What a file says where it compresses: a DuckDB database or Parquet file through
    SQL, a PDF through pdftotext, a workbook through openpyxl; '' for other files."""
    if path.suffix == ".duckdb" or path.suffix == ".parquet":
        source = f"read_parquet('{path}')" if path.suffix == ".parquet" else None
        with duckdb.connect(":memory:") as con:
            if source is None:
                con.execute(f"attach '{path}' as w (read_only)")
                tables = [
                    f"w.{s}.{t}"
                    for s, t in con.execute(
                        "select schema_name, table_name from duckdb_tables() "
                        "where database_name = 'w'"
                    ).fetchall()
                ]
            else:
                tables = [source]
            return "\n".join(str(con.execute(f"select * from {t}").fetchall()) for t in tables)
    if path.suffix == ".pdf":
        return subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(path, read_only=True)
        try:
            return "\n".join(
                str(v)
                for ws in wb.worksheets
                for row in ws.iter_rows(values_only=True)
                for v in row
            )
        finally:
            wb.close()
    return ""


def test_no_file_the_dt_or_rvc_can_reach_holds_it(leak_home: Path) -> None:
    searched, found = [], []
    for path in sorted(p for p in leak_home.rglob("*") if p.is_file()):
        if path.name in MELDINGEN_FILES:
            continue
        searched.append(path.relative_to(leak_home).as_posix())
        data, text = path.read_bytes(), _text_of(path)
        if any(leak.encode() in data or leak in text for leak in (LEAK, ORG_LEAK)):
            found.append(path.relative_to(leak_home).as_posix())
    assert found == []
    # the search covered what it says it covered
    for made in ("warehouse.duckdb", "exports/rvc.pdf", "exports/register.xlsx"):
        assert made in searched
    assert any(p.startswith("snapshots/") for p in searched)
    assert any(p.endswith(".parquet") for p in searched)


def test_the_backup_holds_it_only_in_its_copy_of_the_meldingen_register(
    leak_home: Path, tmp_path: Path
) -> None:
    backup(tmp_path / "backup", leak_home, actor="test")
    holding = sorted(
        p.relative_to(tmp_path / "backup").as_posix()
        for p in (tmp_path / "backup").rglob("*")
        if p.is_file() and (LEAK.encode() in p.read_bytes() or ORG_LEAK.encode() in p.read_bytes())
    )
    assert holding == ["meldingen.sqlite"]


def test_neither_audit_log_holds_the_free_text(leak_home: Path) -> None:
    # The meldingen log records code fields (org_unit among them) with their values, as
    # the store does for every field but the free text; only the integriteitsfunctionaris
    # reads it. So ORG_LEAK is not searched for here, only in what the DT and RvC reach.
    audit = Meldingen(leak_home / "meldingen.sqlite").audit(viewer=KEEPER)
    assert len(audit[audit["field"] == "note"]) >= 5  # the changes were logged ...
    assert (
        not audit.astype(str).apply(lambda c: c.str.contains(LEAK)).any().any()
    )  # ... not the text
    assert LEAK.encode() not in (leak_home / "register.sqlite").read_bytes()
    with sqlite3.connect(leak_home / "register.sqlite") as con:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type='table'")]
        for table in tables:
            assert LEAK not in str(con.execute(f"select * from {table}").fetchall()), table


def _pages(role: str) -> list[str]:
    return list(load_roles().roles[role].pages)


@pytest.mark.parametrize("role", ["dt", "rvc"])
def test_no_page_of_the_dt_or_rvc_shows_it(
    leak_home: Path, role: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_HOME", str(leak_home))
    assert "meldingen.py" not in _pages(role)
    for page in _pages(role):
        at = run_app(page, role=role)
        assert not at.exception, (page, at.exception)
        shown = "\n".join(page_texts(at))
        assert shown, page
        assert LEAK not in shown and ORG_LEAK not in shown, page


def test_the_leak_search_can_fail(tmp_path: Path) -> None:
    # the searches above find the string where it is, compressed or not
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute(f"create table t as select '{LEAK}' || range as s from range(5000)")
    assert LEAK in _text_of(tmp_path / "w.duckdb")
    with duckdb.connect() as con:
        con.execute(
            f"copy (select '{LEAK}' || range as s from range(5000)) to "
            f"'{tmp_path / 'p.parquet'}' (compression zstd)"
        )
    assert LEAK in _text_of(tmp_path / "p.parquet")
    shutil.copy(tmp_path / "w.duckdb", tmp_path / "copy.duckdb")
    assert LEAK in _text_of(tmp_path / "copy.duckdb")
