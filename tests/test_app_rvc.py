"""The RvC-kwartaaloverzicht page under AppTest, on a copy of the built demo."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
import yaml
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard.i18n import TEXTS_DIR, texts
from pipelines.catalogue import load_catalogue
from pipelines.snapshot import list_snapshots, quarter_end, take_snapshot
from tests.apphelpers import run_app


def _query(home: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def _newest_quarter(home: Path) -> str:
    return _query(home, "select max(period) from report_risk_changes")[0][0]


@pytest.fixture
def home(demo_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo home (snapshots are written into it), as RADAR_HOME."""
    copy = tmp_path / "home"
    shutil.copytree(demo_home, copy)
    monkeypatch.setenv("RADAR_HOME", str(copy))
    return copy


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[Callable[[], bytes], str]]:
    """Per file name, what a deferred st.download_button would hand over when clicked: the
    callable that makes the file, and its mime type. (AppTest's runtime, which keeps
    them, is gone after each run; the browser asks for the file with the click.)"""
    seen: dict[str, tuple[Callable[[], bytes], str]] = {}
    real = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        seen[file_name] = (data_callable, mimetype)
        return real(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return seen


def _pdf_text(data: bytes, folder: Path) -> str:
    path = folder / "download.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


ROLES_THAT_SEE_THE_PAGE = [
    name
    for name, role in yaml.safe_load(
        (Path(__file__).resolve().parent.parent / "risks" / "roles.yaml").read_text("utf-8")
    )["roles"].items()
    if "rvc.py" in role["pages"]
]


def _page_text(at: AppTest) -> str:
    """Everything the page shows as text: prose, labels, options and every table cell."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    parts += [e.label for e in at.expander] + [e.label for e in at.button]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [str(o) for s in at.selectbox for o in s.options]
    for frame in [t.value for t in at.table] + [d.value for d in at.dataframe]:
        parts += [str(v) for v in frame.index] + [str(c) for c in frame.columns]
        parts += [str(v) for v in frame.to_numpy().ravel()]
    return "\n".join(parts)


def _strings(node) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    return [node] if isinstance(node, str) else []


def test_the_button_takes_the_snapshot_and_the_page_then_shows_it(home: Path) -> None:
    quarter = _newest_quarter(home)
    at = run_app("rvc.py")
    assert not at.exception
    assert at.title[0].value == "RvC-kwartaaloverzicht"
    button = at.button(key="rvc_take")
    assert button.label == f"Momentopname maken voor {quarter}"

    button.click().run()
    assert not at.exception
    assert list_snapshots() == [quarter]
    snap = json.loads((home / "snapshots" / f"{quarter}.json").read_text("utf-8"))
    assert snap["created_by"] == "test-risicomanager"  # the logged-in user
    assert not [b for b in at.button if b.key == "rvc_take"]
    assert at.selectbox(key="rvc_snapshot").value == quarter
    shown = [m.value for m in at.markdown]
    assert all(paragraph in shown for paragraph in snap["texts"]["nl"])
    frozen = at.success[0].value
    assert frozen.startswith(f"Bevroren momentopname van {quarter}")
    assert "test-risicomanager" in frozen
    counts = snap["summary"]["counts"]
    assert [m.value for m in at.metric] == [
        str(counts[k]) for k in ("risks_up", "risks_down", "new_red", "overdue_controls")
    ]


def test_no_team_appears_anywhere_on_the_page(home: Path) -> None:
    take_snapshot(_newest_quarter(home), actor="test")
    at = run_app("rvc.py")
    assert not at.exception
    page = _page_text(at)

    teams = _query(
        home, "select org_unit_id, org_unit_name from dim_org_units where org_level = 'team'"
    )
    # A team name that is also a word the page rightly shows (a department "Bestuursbureau",
    # "Control" in "Financiën & Control", the owner role "HR") cannot be told apart on the
    # page; those are left out, the rest (most of them) must not appear at all.
    allowed = [
        r[0]
        for r in _query(home, "select org_unit_name from dim_org_units where org_level <> 'team'")
    ]
    allowed += [
        r[0] for r in _query(home, "select text_nl || ' ' || text_en from dim_control_measures")
    ]
    allowed += [
        r[0] for r in _query(home, "select risk_name_nl || ' ' || risk_name_en from dim_risks")
    ]
    allowed += _strings(texts())
    vocabulary = "\n".join(allowed)

    def said(name: str, text: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None

    # Exactly these demo team names are also words the page rightly shows: "Bestuursbureau"
    # is a department too, "Control" and "Beleid" are in the departments "Financiën &
    # Control" and "Strategie & Beleid", "HR" and "Inkoop" are owner roles of control
    # measures. Every other team name is checked.
    unchecked = sorted(name for _, name in teams if said(name, vocabulary))
    assert unchecked == ["Beleid", "Bestuursbureau", "Control", "HR", "Inkoop"]
    checked = [name for _, name in teams if not said(name, vocabulary)]
    assert len(checked) == len(teams) - 5
    assert [name for name in checked if said(name, page)] == []
    assert [unit_id for unit_id, _ in teams if said(unit_id, page)] == []
    departments = _query(
        home, "select org_unit_name from dim_org_units where org_level = 'afdeling'"
    )
    assert all(name in page for (name,) in departments)


def test_the_language_switch_shows_the_overview_in_english(home: Path) -> None:
    quarter = _newest_quarter(home)
    path = take_snapshot(quarter, actor="test")
    snap = json.loads(path.read_text("utf-8"))
    at = run_app("rvc.py", lang="en")
    assert not at.exception
    assert at.title[0].value == "Board quarterly overview"
    assert at.header[0].value == f"What changed since {snap['previous_quarter']}"
    shown = [m.value for m in at.markdown]
    assert all(paragraph in shown for paragraph in snap["texts"]["en"])
    assert at.success[0].value.startswith(f"Frozen snapshot of {quarter}")
    assert at.table[0].value.index.name == "Risk"
    assert snap["risks"][0]["risk_name_en"] in at.table[0].value.index


def test_the_newest_snapshot_comes_first_and_an_older_one_can_be_picked(home: Path) -> None:
    quarters = [
        r[0] for r in _query(home, "select distinct period from report_risk_changes order by 1")
    ]
    for quarter in quarters[-3:]:
        take_snapshot(quarter, actor="test")
    at = run_app("rvc.py")
    picker = at.selectbox(key="rvc_snapshot")
    assert picker.options == list(reversed(quarters[-3:]))
    assert picker.value == quarters[-1]
    picker.set_value(quarters[-3]).run()
    assert not at.exception
    assert at.success[0].value.startswith(f"Bevroren momentopname van {quarters[-3]}")


def test_a_tampered_snapshot_is_shown_with_a_warning(home: Path) -> None:
    path = take_snapshot(_newest_quarter(home), actor="test")
    path.chmod(0o644)
    path.write_text(path.read_text("utf-8").replace('"test"', '"iemand anders"', 1), "utf-8")
    at = run_app("rvc.py")
    assert not at.exception
    assert "gewijzigd" in at.error[0].value
    assert not at.download_button  # no PDF of figures nobody can vouch for


def test_snapshots_stay_readable_without_a_warehouse(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quarter = _newest_quarter(home)
    take_snapshot(quarter, actor="test")
    bare = tmp_path / "bare"
    shutil.copytree(home / "snapshots", bare / "snapshots")
    monkeypatch.setenv("RADAR_HOME", str(bare))
    at = run_app("rvc.py")
    assert not at.exception
    assert not at.main.button
    assert at.success[0].value.startswith(f"Bevroren momentopname van {quarter}")


def test_without_a_warehouse_or_snapshots_the_page_says_how(empty_home: Path) -> None:
    at = run_app("rvc.py")
    assert not at.exception
    info = [i.value for i in at.info]
    assert any("radar build" in text for text in info)
    assert any("radar snapshot" in text for text in info)


def test_the_first_quarter_claims_no_change(home: Path) -> None:
    first = _query(home, "select min(period) from report_risk_changes")[0][0]
    snap = json.loads(take_snapshot(first, actor="test").read_text("utf-8"))
    assert snap["has_previous_quarter"] is False
    at = run_app("rvc.py")
    at.selectbox(key="rvc_snapshot").set_value(first).run()
    assert not at.exception
    assert at.header[0].value == f"De stand in {first}"
    assert [(m.label, m.value) for m in at.metric][:3] == [
        ("Risico's gestegen", "–"),
        ("Risico's gedaald", "–"),
        ("Nieuw op rood", "–"),
    ]
    page = _page_text(at)
    assert f"Er is geen eerder kwartaal om {first} mee te vergelijken" in page
    assert "voor het eerst op rood" not in page and "nieuwe rode vlaggen" not in page


def test_the_overdue_controls_are_dated_with_the_build_day(home: Path) -> None:
    built = dt.datetime(2026, 10, 14, 9, 30).timestamp()
    os.utime(home / "warehouse.duckdb", (built, built))
    snap = json.loads(take_snapshot(_newest_quarter(home), actor="test").read_text("utf-8"))
    assert snap["overdue_controls"]
    at = run_app("rvc.py")
    assert not at.exception
    headers = [h.value for h in at.header]
    assert "Beheersmaatregelen niet op tijd beoordeeld, stand op 14-10-2026" in headers
    assert any(m.value.startswith("Op 14 oktober 2026, de dag waarop") for m in at.markdown)

    at = run_app("rvc.py", lang="en")
    assert "Control measures overdue, as of 2026-10-14" in [h.value for h in at.header]


def test_a_running_quarter_is_not_offered_and_the_page_says_why(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quarters = [
        r[0] for r in _query(home, "select distinct period from report_risk_changes order by 1")
    ]
    newest, before = quarters[-1], quarters[-2]
    monkeypatch.setattr("pipelines.snapshot.today", lambda: quarter_end(newest))
    at = run_app("rvc.py")
    assert not at.exception
    assert any(f"Kwartaal {newest} loopt nog (tot en met 30-09-2026)" in i.value for i in at.info)
    button = at.button(key="rvc_take")
    assert button.label == f"Momentopname maken voor {before}"
    button.click().run()
    assert not at.exception
    assert list_snapshots() == [before]


def test_names_of_levels_statuses_and_test_results_are_not_duplicated_in_rvc_texts(
    home: Path,
) -> None:
    """The page uses the catalogue's level names and common.yaml's shared groups."""
    own = yaml.safe_load((TEXTS_DIR / "rvc.yaml").read_text("utf-8"))
    common = yaml.safe_load((TEXTS_DIR / "common.yaml").read_text("utf-8"))
    shared = [set(v) for v in common.values() if isinstance(v, dict) and not {"nl", "en"} >= set(v)]
    shared.append(set(load_catalogue().settings.levels))
    groups = {k: set(v) for k, v in own.items() if not {"nl", "en"} >= set(v)}
    assert [k for k, keys in groups.items() if keys in shared] == []

    take_snapshot(_newest_quarter(home), actor="test")
    at = run_app("rvc.py")
    assert not at.exception
    (detail,) = [d.value for d in at.dataframe]
    levels = {v.nl for v in load_catalogue().settings.levels.values()}
    assert set(detail["Niveau"]) - {"–"} <= levels and "Rood" in set(detail["Niveau"])
    overdue = at.table[-1].value
    assert set(overdue["Status"]) <= {v["nl"] for v in common["control_status"].values()}
    assert set(overdue["Laatste test"]) <= {v["nl"] for v in common["test_result"].values()}


@pytest.mark.parametrize("role", ["rvc", "dt"])
def test_a_role_without_take_snapshot_reads_but_gets_no_button(home: Path, role: str) -> None:
    quarter = _newest_quarter(home)
    at = run_app("rvc.py", role=role)
    assert not at.exception
    assert not at.main.button
    assert f"Voor {quarter}" in at.info[0].value
    assert any("Een momentopname maken kan de rol" in c.value for c in at.caption)
    take_snapshot(quarter, actor="test-risicomanager")
    at.run()
    assert at.success[0].value.startswith(f"Bevroren momentopname van {quarter}")
    assert list_snapshots() == [quarter]


def test_the_beheerder_takes_the_snapshot_under_own_name(home: Path) -> None:
    at = run_app("rvc.py", role="beheerder")
    at.button(key="rvc_take").click().run()
    assert not at.exception
    (quarter,) = list_snapshots()
    snap = json.loads((home / "snapshots" / f"{quarter}.json").read_text("utf-8"))
    assert snap["created_by"] == "test-beheerder"


@pytest.mark.parametrize("role", ROLES_THAT_SEE_THE_PAGE)
def test_every_role_that_sees_the_page_downloads_the_snapshot_as_pdf(
    home: Path, downloads: dict, tmp_path: Path, role: str
) -> None:
    quarter = _newest_quarter(home)
    take_snapshot(quarter, actor="test")
    at = run_app("rvc.py", role=role)
    assert not at.exception
    (button,) = at.download_button
    assert button.label == "PDF downloaden"
    # Drawn on the click, not on every run of the page.
    assert button.proto.deferred_file_id and not button.proto.url
    make, mime = downloads[f"rvc-kwartaaloverzicht-{quarter}.pdf"]
    assert mime == "application/pdf"
    data = make()
    assert data.startswith(b"%PDF")
    text = _pdf_text(data, tmp_path)
    assert f"RvC-kwartaaloverzicht {quarter}" in text
    assert make() == data  # the same snapshot always gives the same bytes


def test_the_pdf_is_in_the_language_of_the_page(
    home: Path, downloads: dict, tmp_path: Path
) -> None:
    quarters = [
        r[0] for r in _query(home, "select distinct period from report_risk_changes order by 1")
    ]
    for quarter in quarters[-2:]:
        take_snapshot(quarter, actor="test")
    at = run_app("rvc.py", lang="en")
    assert at.download_button[0].label == "Download PDF"
    at.selectbox(key="rvc_snapshot").set_value(quarters[-2]).run()
    assert not at.exception
    make, _ = downloads[f"rvc-kwartaaloverzicht-{quarters[-2]}.pdf"]
    text = _pdf_text(make(), tmp_path)
    assert f"Board quarterly overview {quarters[-2]}" in text
    assert "RvC-kwartaaloverzicht" not in text


def test_a_score_without_enough_evidence_shows_as_onvoldoende_gegevens(home: Path) -> None:
    """In the risks x departments table and in all figures: the words, never a dash, a
    blank or "None"; each score's coverage beside it; no older-method notice."""
    quarter = _newest_quarter(home)
    take_snapshot(quarter, actor="test")
    snap = json.loads((home / "snapshots" / f"{quarter}.json").read_text("utf-8"))
    short = [r for r in snap["changes"] if r["score_rule"] == "onvoldoende_gegevens"]
    assert short
    for lang, words in [("nl", "onvoldoende gegevens"), ("en", "insufficient data")]:
        at = run_app("rvc.py", lang=lang)
        assert not at.exception and not at.warning
        names = {r["risk_id"]: r[f"risk_name_{lang}"] for r in snap["risks"]}
        organisation = "Organisatie" if lang == "nl" else "Organisation"
        (table,) = [t.value for t in at.table if organisation in t.value.columns]
        for row in short:
            unit = organisation if row["org_level"] == "organisatie" else row["org_unit_name"]
            assert table.loc[names[row["risk_id"]], unit] == words, (row["risk_id"], unit)
        assert (table.to_numpy() == words).sum() == len(short)
        assert any(f'"{words}"' in c.value for c in at.caption)  # the legend says what it is

        likelihood = "Waargenomen kans" if lang == "nl" else "Observed likelihood"
        coverage = "Dekking" if lang == "nl" else "Coverage"
        (detail,) = [d.value for d in at.dataframe if coverage in d.value.columns]
        assert (detail[likelihood] == words).sum() == sum(
            r["score_rule"] == "onvoldoende_gegevens" for r in snap["risk_scores"]
        )
        assert "None" not in _page_text(at)
        for shown, row in zip(detail[coverage], snap["risk_scores"], strict=True):
            expected = "–" if row["suppressed"] else f"{round(100 * row['coverage'])} %"
            assert shown == expected
