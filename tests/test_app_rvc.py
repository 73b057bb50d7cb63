"""The RvC-kwartaaloverzicht page under AppTest, on a copy of the built demo.

Longer than 600 lines because it holds the one page's tests, which share the copy of the
built demo and the snapshot fixtures defined here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard.i18n import TEXTS_DIR, texts
from dashboard.policy_ui import POLICY_ICON
from dashboard.safe import plain
from pipelines.core import formats, headline
from pipelines.core.catalogue import load_catalogue
from pipelines.reports.pdf import LEVEL_BAR, LEVEL_FILL
from pipelines.reports.snapshot import list_snapshots, quarter_end, take_snapshot
from tests.apphelpers import frame_with, run_app
from tests.quarterhelpers import quarter_with_department_moves
from tests.readers import reading

REPO = Path(__file__).resolve().parent.parent
# Taken by the code before the scoring method had a number: no coverage, no score_rule, no
# expected_likelihood, the old run-on texts, and a summary that counted a risk as moved
# when it moved in ANY department (10 up, 8 down, 5 new red; the organisation: 0, 4, 0).
OLD_SNAPSHOT = REPO / "tests" / "fixtures" / "snapshot_before_scoring_method"


def _query(home: Path, sql: str) -> list[tuple]:
    with reading(str(home / "warehouse.duckdb")) as con:
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


def _records(home: Path, sql: str, *params) -> list[dict]:
    with reading(str(home / "warehouse.duckdb")) as con:
        cursor = con.execute(sql, list(params))
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _mart_headline(home: Path, quarter: str, lang: str = "nl") -> tuple[list[str], dict]:
    """The three sentences and the organisation's counts of ``quarter``, from the marts
    read directly (not through the page), by pipelines/core/headline.py's definition."""
    names = "r.risk_name_nl, r.risk_name_en"
    scores = _records(
        home,
        f"select s.*, {names} from report_risk_scores s join dim_risks r using (risk_id) "
        "where s.period_type = 'quarter' and s.period = ? and s.org_level = 'organisatie' "
        "order by r.category_order, r.risk_id",
        quarter,
    )
    changes = _records(
        home,
        f"select c.*, {names} from report_risk_changes c join dim_risks r using (risk_id) "
        "where c.period = ? and c.org_level = 'organisatie' order by r.category_order, r.risk_id",
        quarter,
    )
    total = _query(home, "select count(*) from dim_risks")[0][0]
    overdue = _query(home, "select count(*) from report_risk_controls where is_overdue")[0][0]
    found = headline.finding(scores, total=total)
    moved = headline.movements(changes)
    counts = moved.counts | {"overdue": overdue, "red": [r["risk_id"] for r in found.red]}
    return headline.board_sentences(found, moved, overdue, lang), counts


def _snapshot_sentences(snap: dict, lang: str = "nl") -> list[str]:
    return headline.snapshot_sentences(snap, lang)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _cell_fills(table) -> dict[tuple[int, int], str]:
    """(row, column) -> background colour, from the Styler's CSS that st.table sends."""
    css = table.proto.arrow_data.styler.styles
    fills = {}
    for selectors, colour in re.findall(r"([^{}]+)\{\s*background-color:\s*(#[0-9a-f]{6})", css):
        for row, column in re.findall(r"row(\d+)_col(\d+)", selectors):
            fills[(int(row), int(column))] = colour
    return fills


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
    assert not [w for w in at.warning if "Nog niet bevroren" in w.value]
    frozen = at.success[0].value
    assert frozen.startswith(f"Bevroren momentopname van {quarter}")
    assert "test-risicomanager" in frozen


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
    assert at.header[0].value == f"The assurance gap in {quarter}: data against the register"
    shown = [m.value for m in at.main.markdown][:3]
    assert shown == [plain(sentence) for sentence in _snapshot_sentences(snap, "en")]
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


def test_without_a_warehouse_or_snapshots_the_page_says_what_it_will_show(
    empty_home: Path,
) -> None:
    """In Dutch: what the board will read here and who does what first; the command only
    in a caption, no command-line instructions as the message."""
    at = run_app("rvc.py")
    assert not at.exception
    (info,) = [i.value for i in at.info]
    assert "zekerheidskloof" in info and "er is nog geen warehouse" in info
    assert "risicomanager" in info and "momentopname" in info
    assert "radar" not in info and "`" not in info
    assert any("radar snapshot" in c.value for c in at.caption)
    assert not at.metric and not at.table and not at.main.button


def test_the_first_quarter_claims_no_change(home: Path) -> None:
    first = _query(home, "select min(period) from report_risk_changes")[0][0]
    snap = json.loads(take_snapshot(first, actor="test").read_text("utf-8"))
    assert snap["has_previous_quarter"] is False
    at = run_app("rvc.py")
    at.selectbox(key="rvc_snapshot").set_value(first).run()
    assert not at.exception
    assert at.header[0].value == f"De zekerheidskloof in {first}: data tegen register"
    assert [(m.label, m.value) for m in at.metric][:3] == [
        ("Gestegen (organisatie)", "–"),
        ("Gedaald (organisatie)", "–"),
        ("Nieuw rood (organisatie)", "–"),
    ]
    page = _page_text(at)
    assert f"Er is geen vorig kwartaal ({snap['previous_quarter']}) met scores" in page
    assert not re.search(r"Nieuw rood \(\d", page) and "gestegen bij" not in page
    assert not [h for h in at.header if h.value.startswith("Veranderingen per afdeling")]


def test_the_overdue_controls_are_dated_with_the_build_day(home: Path) -> None:
    built = dt.datetime(2026, 10, 14, 9, 30).timestamp()
    os.utime(home / "warehouse.duckdb", (built, built))
    snap = json.loads(take_snapshot(_newest_quarter(home), actor="test").read_text("utf-8"))
    assert snap["overdue_controls"]
    at = run_app("rvc.py")
    assert not at.exception
    headers = [h.value for h in at.header]
    assert "Beheersmaatregelen niet op tijd beoordeeld, stand op 14-10-2026" in headers

    at = run_app("rvc.py", lang="en")
    assert "Control measures overdue, as of 14/10/2026" in [h.value for h in at.header]


def test_a_running_quarter_is_not_offered_and_the_page_says_why(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quarters = [
        r[0] for r in _query(home, "select distinct period from report_risk_changes order by 1")
    ]
    newest, before = quarters[-1], quarters[-2]
    monkeypatch.setattr("pipelines.reports.snapshot.today", lambda: quarter_end(newest))
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
    # the risk detail table (the meldingen section below it has tables of its own)
    detail = frame_with(at, "Niveau")
    levels = {v.nl for v in load_catalogue().settings.levels.values()}
    assert set(detail["Niveau"]) - {"–"} <= levels and "Rood" in set(detail["Niveau"])
    # the overdue measures' table (operating evidence follows it)
    overdue = next(table.value for table in at.table if "Status" in table.value.columns)
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
        # no warning but the policy's evaluation date (dashboard/policy_ui.py)
        assert not at.exception
        assert not [w for w in at.warning if w.icon != POLICY_ICON]
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
            expected = "–" if row["suppressed"] else formats.percent(row["coverage"], lang)
            assert shown == expected


# ---------------------------------------------------------------- the lead: the assurance gap


def test_the_page_leads_with_the_three_sentences_and_names_every_red_risk(home: Path) -> None:
    quarter = _newest_quarter(home)
    snap = json.loads(take_snapshot(quarter, actor="test").read_text("utf-8"))
    at = run_app("rvc.py")
    assert not at.exception
    said, counts = _mart_headline(home, quarter)
    assert said == _snapshot_sentences(snap)  # the frozen rows say what the marts say
    # the first markdown on the page, before anything else written in prose
    assert [m.value for m in at.markdown][:3] == [plain(sentence) for sentence in said]
    assert at.header[0].value == f"De zekerheidskloof in {quarter}: data tegen register"
    assert "kloof" in said[0]
    red = [
        r for r in snap["risk_scores"] if r["org_level"] == "organisatie" and r["level"] == "rood"
    ]
    assert red and sorted(r["risk_id"] for r in red) == sorted(counts["red"])
    for row in red:
        assert f"{row['risk_name_nl']} ({row['risk_id']}, kloof " in said[0], row["risk_id"]
    assert "Dit overzicht vergelijkt" not in _page_text(at)  # the old run-on text is gone


def test_the_gap_chart_has_every_scored_risk_largest_first_coloured_by_its_level(
    home: Path,
) -> None:
    quarter = _newest_quarter(home)
    snap = json.loads(take_snapshot(quarter, actor="test").read_text("utf-8"))
    at = run_app("rvc.py")
    (chart,) = at.get("plotly_chart")
    (bars,) = json.loads(chart.proto.spec)["data"]
    organisation = [r for r in snap["risk_scores"] if r["org_level"] == "organisatie"]
    ranked = headline.ranked(organisation)
    assert len(ranked) == sum(r["assurance_gap"] is not None for r in organisation)
    assert bars["x"] == sorted(bars["x"], reverse=True)
    assert bars["y"] == [f"{r['risk_name_nl']} ({r['risk_id']})" for r in ranked]
    assert bars["marker"]["color"] == [LEVEL_BAR[r["level"]] for r in ranked]
    assert bars["text"] == [formats.number(r["assurance_gap"], "nl", signed=True) for r in ranked]
    assert all("," in text for text in bars["text"]) and not any("." in t for t in bars["text"])


def test_the_counts_are_the_organisations_as_in_the_marts_and_the_pdf(
    home: Path, downloads: dict, tmp_path: Path
) -> None:
    """Gestegen, gedaald, nieuw rood: pipelines.core.headline at organisation level, computed
    here from report_risk_changes; the page's metrics and the PDF's page one and section
    heads say the same numbers."""
    quarter = _newest_quarter(home)
    take_snapshot(quarter, actor="test")
    _, counts = _mart_headline(home, quarter)
    at = run_app("rvc.py")
    assert not at.exception
    expected = {
        "Gestegen (organisatie)": str(counts["up"]),
        "Gedaald (organisatie)": str(counts["down"]),
        "Nieuw rood (organisatie)": str(counts["new_red"]),
        "Maatregelen te laat beoordeeld": str(counts["overdue"]),
    }
    assert _metrics(at) == expected
    assert any("organisatie als geheel" in c.value for c in at.caption)
    make, _ = downloads[f"rvc-kwartaaloverzicht-{quarter}.pdf"]
    pdf = " ".join(_pdf_text(make(), tmp_path).split())
    figures = " ".join(expected.values())
    assert f"{figures} Gestegen (organisatie) Gedaald (organisatie)" in pdf
    assert f"Gestegen ({counts['up']})" in pdf
    assert f"Gedaald ({counts['down']})" in pdf
    assert f"Nieuw rood ({counts['new_red']})" in pdf


def test_a_snapshot_from_before_this_definition_counts_the_same_way_on_page_and_pdf(
    home: Path, downloads: dict, tmp_path: Path
) -> None:
    """The old fixture's own summary said 10 up, 8 down, 5 new red (any department); the
    organisation's rows say 0, 4, 0, and so do the page and the PDF. It has no coverage, no
    score rules and no expected_likelihood, and still renders."""
    shutil.rmtree(home / "snapshots", ignore_errors=True)
    shutil.copytree(OLD_SNAPSHOT, home / "snapshots")
    snap = json.loads((OLD_SNAPSHOT / "2026-Q3.json").read_text("utf-8"))
    assert snap["summary"]["counts"]["risks_up"] == 10
    at = run_app("rvc.py")
    assert not at.exception
    at.selectbox(key="rvc_snapshot").set_value("2026-Q3").run()
    assert not at.exception
    metrics = _metrics(at)
    assert [metrics[k] for k in list(metrics)[:3]] == ["0", "4", "0"]
    assert [m.value for m in at.markdown][:3] == [plain(s) for s in _snapshot_sentences(snap)]
    assert any("oudere rekenmethode" in w.value for w in at.warning)
    page = _page_text(at)
    assert not re.search(r"\b(None|nan|NaN)\b", page)
    make, _ = downloads["rvc-kwartaaloverzicht-2026-Q3.pdf"]
    pdf = " ".join(_pdf_text(make(), tmp_path).split())
    assert "Gestegen (0)" in pdf and "Gedaald (4)" in pdf and "Nieuw rood (0)" in pdf
    assert "Gestegen (10)" not in pdf


def test_department_cells_show_the_gap_coloured_by_the_level_of_that_gap(home: Path) -> None:
    """Number and colour say one thing: each number is the signed gap of that risk and
    unit, its colour that row's level; every red gap is larger than every amber one, and
    those larger than every green one. A dash or the words have no colour."""
    quarter = _newest_quarter(home)
    snap = json.loads(take_snapshot(quarter, actor="test").read_text("utf-8"))
    at = run_app("rvc.py")
    table = at.table[0]
    frame = table.value
    assert frame.index.name == "Risico"
    fills = _cell_fills(table)
    level_of = {colour: level for level, colour in LEVEL_FILL.items()}
    names = {r["risk_id"]: r["risk_name_nl"] for r in snap["risks"]}
    units = {
        u["org_unit_id"]: "Organisatie" if u["org_level"] == "organisatie" else u["org_unit_name"]
        for u in snap["org_units"]
    }
    gaps: dict[str, list[float]] = {"groen": [], "oranje": [], "rood": []}
    for row in snap["risk_scores"]:
        r = list(frame.index).index(names[row["risk_id"]])
        c = list(frame.columns).index(plain(units[row["org_unit_id"]]))
        shown = frame.iloc[r, c].replace("\\", "")  # st.table cells are plain Markdown
        fill = fills.get((r, c))
        if row["assurance_gap"] is None or row["suppressed"]:
            assert shown in ("–", "onvoldoende gegevens") and fill is None, (row, shown)
            continue
        assert shown == formats.number(row["assurance_gap"], "nl", signed=True), row
        assert level_of[fill] == row["level"], (row["risk_id"], row["org_unit_id"])
        gaps[row["level"]].append(row["assurance_gap"])
    assert all(gaps.values())
    assert min(gaps["rood"]) > max(gaps["oranje"]) and min(gaps["oranje"]) > max(gaps["groen"])
    legend = " ".join(c.value for c in at.caption)
    assert "Het getal is de zekerheidskloof" in legend and "diezelfde kloof" in legend


def test_departments_moves_have_their_own_table_that_states_its_scope(home: Path) -> None:
    quarter = quarter_with_department_moves(home)
    snap = json.loads(take_snapshot(quarter, actor="test").read_text("utf-8"))
    at = run_app("rvc.py")
    headers = [h.value for h in at.header]
    assert f"Veranderingen per afdeling sinds {snap['previous_quarter']}" in headers
    assert any("tellen niet mee in de aantallen" in c.value for c in at.caption)
    moved = [
        r
        for r in snap["changes"]
        if r["org_level"] == "afdeling"
        and (r["direction"] in ("omhoog", "omlaag") or r["is_new_red"])
    ]
    assert moved
    (table,) = [t.value for t in at.table if "Afdeling" in t.value.columns]
    assert len(table) == len(moved)
    assert set(table["Afdeling"]) == {plain(r["org_unit_name"]) for r in moved}
    assert "Organisatie" not in set(table["Afdeling"])


# ---------------------------------------------------------------- the first run


@pytest.mark.parametrize("role", ["risicomanager", "rvc"])
def test_before_the_first_snapshot_the_live_headline_is_shown_and_said_not_frozen(
    home: Path, role: str
) -> None:
    quarter = _newest_quarter(home)
    at = run_app("rvc.py", role=role)
    assert not at.exception
    assert list_snapshots() == []
    (live,) = [w.value for w in at.warning if "Nog niet bevroren" in w.value]
    assert quarter in live
    said, counts = _mart_headline(home, quarter)
    assert [m.value for m in at.markdown][:3] == [plain(sentence) for sentence in said]
    assert at.get("plotly_chart")
    metrics = _metrics(at)
    assert [metrics[k] for k in list(metrics)[:3]] == [
        str(counts[k]) for k in ("up", "down", "new_red")
    ]
    assert bool([b for b in at.button if b.key == "rvc_take"]) is (role == "risicomanager")
    assert not at.download_button  # nothing frozen, so no board PDF yet


def test_a_snapshot_of_scoring_method_2_says_what_that_method_did(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Method 2 (before issue 14's second round): taken by code whose SCORING_METHOD was
    2, it verifies, and the page names what that method did differently, not method 1's
    funnel limits."""
    import pipelines.reports.snapshot as snapshot_module
    from dashboard.policy_ui import POLICY_ICON
    from pipelines.reports.snapshot import (
        load_snapshot,
        scoring_method,
        uses_older_method,
        verify_snapshot,
    )

    quarter = _newest_quarter(home)
    with monkeypatch.context() as m:
        m.setattr(snapshot_module, "SCORING_METHOD", 2)
        path = take_snapshot(quarter, actor="Risicomanager", home=home)
    assert verify_snapshot(path)
    snap = load_snapshot(quarter, home)
    assert scoring_method(snap) == 2 and uses_older_method(snap)
    for lang, says in [
        ("nl", "telde op het niveau van de organisatie"),
        ("en", "counted at the organisation's level"),
    ]:
        at = run_app("rvc.py", lang=lang)
        assert not at.exception and not at.error
        (warning,) = [w.value for w in at.warning if w.icon != POLICY_ICON]
        assert says in warning and "funnel" not in warning
    # today's snapshot does not say so
    assert not uses_older_method(dict(snap, scoring_method=snapshot_module.SCORING_METHOD))
