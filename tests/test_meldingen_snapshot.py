"""The integrity reports' aggregates where the DT and the RvC read them: the Overzicht
(live marts), the RvC snapshot (format 3), the RvC page and the PDF; older snapshots
render with a line saying the section is not in them.

One demo copy with reports: K in the newest quarter's first month (shown) and K - 1 in
the quarter before (a quarter below k: its total only, shown), registered through the real store,
then rescored and frozen.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.build.builder import rescore
from pipelines.core.catalogue import load_catalogue
from pipelines.meldingen.store import Meldingen, Viewer
from pipelines.reports.meldingen_summary import last_quarters
from pipelines.reports.pdf import render_report
from pipelines.reports.snapshot import FORMAT, load_snapshot, take_snapshot
from tests.apphelpers import frames_with, run_app
from tests.readers import reading

REPO = Path(__file__).resolve().parent.parent
K = load_catalogue().settings.privacy.min_group_size
OLD = {
    "format 1": REPO / "tests" / "fixtures" / "snapshot_before_audit_head",
    "format 2": REPO / "tests" / "fixtures" / "snapshot_before_scoring_method",
}
PLANTED = "ZZ-PLANTED-snapshot-Piet-Jansen"


def quarter_start(quarter: str) -> dt.date:
    return dt.date(int(quarter[:4]), 3 * int(quarter[-1]) - 2, 1)


@pytest.fixture(scope="module")
def with_reports(
    demo_home: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("meldingen_snapshot")
    home = root / "home"
    shutil.copytree(demo_home, home)
    # the counts below are these reports alone: not the demo's own (pipelines/demo/meldingen.py)
    (home / "meldingen.sqlite").unlink()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RADAR_HOME", str(home))
        mp.setenv("RADAR_KEY_DIR", str(root / "keys"))

        with reading(str(home / "warehouse.duckdb")) as con:
            (quarter,) = con.execute(
                "select max(period) from report_risk_scores where period_type = 'quarter'"
            ).fetchone()
        store = Meldingen()
        viewer = Viewer("integriteitsfunctionaris", "ifa")
        before = last_quarters(quarter, 2)[0]
        for when, n in [(quarter_start(quarter), K), (quarter_start(before), K - 1)]:
            for _ in range(n):
                store.register(
                    {
                        "received_on": when,
                        "route": "vertrouwenspersoon",
                        "about_role": "medewerker",
                        "risk_ids": ["RF3"],
                        "acknowledged_on": when + dt.timedelta(days=2),
                        "note": PLANTED,
                    },
                    viewer=viewer,
                    today=when + dt.timedelta(days=3),
                )
        rescore()
        take_snapshot(quarter, actor="Risicomanager", home=home)
        yield home, quarter


def pdf_text(data: bytes, folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "report.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(out.split())


def test_a_new_snapshot_has_the_section_suppressed_as_published(
    with_reports: tuple[Path, str],
) -> None:
    home, quarter = with_reports
    snap = load_snapshot(quarter, home)
    assert snap["format"] == FORMAT == "integriteitsradar-snapshot/3" and snap["verified"]
    part = snap["meldingen"]
    assert part["quarters"] == last_quarters(quarter)
    totals = {r["period"]: r for r in part["counts"] if r["breakdown"] == "totaal"}
    before = last_quarters(quarter, 2)[0]
    assert totals[quarter]["n_reports"] == K and not totals[quarter]["is_suppressed"]
    # below k: the total with its value (not a protected figure), no breakdown rows
    assert totals[before]["n_reports"] == K - 1 and not totals[before]["is_suppressed"]
    assert [r for r in part["counts"] if r["period"] == before] == [totals[before]]
    routes = [r for r in part["counts"] if r["breakdown"] == "route"]
    assert routes == [
        {
            "period": quarter,
            "breakdown": "route",
            "group_code": "vertrouwenspersoon",
            "is_suppressed": False,
            "n_reports": K,
        }
    ]
    ack = next(
        r for r in part["deadlines"] if r["deadline"] == "acknowledge" and r["period"] == quarter
    )
    assert (ack["period"], ack["n_due"], ack["n_on_time"]) == (quarter, K, K)
    text = json.dumps(snap)
    assert PLANTED not in text and "about_role" not in text


def test_the_pdf_has_the_section(with_reports: tuple[Path, str], tmp_path: Path) -> None:
    home, quarter = with_reports
    snap = load_snapshot(quarter, home)
    nl = pdf_text(render_report(snap, "nl"), tmp_path / "nl")
    assert "Integriteitsmeldingen" in nl and "Vertrouwenspersoon" in nl
    assert "Ontvangstbevestiging (7 dagen)" in nl and f"100 % ({K} van {K})" in nl
    assert "onderdrukt" in nl and PLANTED not in nl
    en = pdf_text(render_report(snap, "en"), tmp_path / "en")
    assert "Integrity reports" in en and f"100 % ({K} of {K})" in en


@pytest.mark.parametrize("fixture", sorted(OLD))
def test_an_older_snapshot_renders_and_says_the_section_is_not_in_it(
    fixture: str, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    shutil.copytree(OLD[fixture], home / "snapshots")
    snap = load_snapshot("2026-Q3", home)
    assert "meldingen" not in snap and snap["verified"]
    nl = pdf_text(render_report(snap, "nl"), tmp_path / "nl")
    assert "Meldingen zijn niet in deze momentopname" in nl
    en = pdf_text(render_report(snap, "en"), tmp_path / "en")
    assert "Reports are not in this snapshot" in en


def test_the_rvc_page_shows_the_section_and_an_older_snapshot_says_it_lacks_it(
    with_reports: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, quarter = with_reports
    monkeypatch.setenv("RADAR_HOME", str(home))
    at = run_app("rvc.py")
    assert not at.exception
    at.selectbox(key="rvc_snapshot").set_value(quarter).run()
    assert not at.exception
    assert "Integriteitsmeldingen" in [h.value for h in at.header]
    (counts,) = frames_with(at, "Indeling")
    assert counts.iloc[:, -1].tolist()[0] == str(K)  # the total of the newest quarter
    # the quarter below k: its total shown, its breakdown groups suppressed (not 0)
    assert counts.iloc[0, -2] == str(K - 1)
    assert counts.iloc[1:, -2].tolist() == ["onderdrukt"] * (len(counts) - 1)
    assert "onderdrukt" in counts.to_numpy().ravel().tolist()
    # the same demo with only a format 2 snapshot of 2026-Q3
    old_home = tmp_path / "home"
    shutil.copytree(home, old_home, ignore=shutil.ignore_patterns("snapshots"))
    shutil.copytree(OLD["format 2"], old_home / "snapshots")
    monkeypatch.setenv("RADAR_HOME", str(old_home))
    at = run_app("rvc.py")
    at.selectbox(key="rvc_snapshot").set_value("2026-Q3").run()
    assert not at.exception
    assert any("niet in deze momentopname" in i.value for i in at.info)


def test_the_overview_shows_the_live_aggregates(
    with_reports: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home, _ = with_reports
    monkeypatch.setenv("RADAR_HOME", str(home))
    at = run_app("overview.py", role="dt")
    assert not at.exception
    assert "Integriteitsmeldingen" in [h.value for h in at.header], [e.value for e in at.info]
    (counts,) = frames_with(at, "Indeling")
    assert str(K) in counts.to_numpy().ravel().tolist()
