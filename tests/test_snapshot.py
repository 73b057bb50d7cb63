"""The RvC quarterly snapshot on the built demo: board level only, frozen, tamper-evident.

Every test works on a copy of the demo home, never on the shared fixture itself, and
compares with the marts read directly, so no number is written down here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.cli.main import main
from pipelines.register.audit_log import read_head
from pipelines.register.store import verify_audit
from pipelines.reports.snapshot import (
    FORMAT,
    NoWarehouse,
    QuarterNotEnded,
    SnapshotError,
    SnapshotExists,
    UnknownQuarter,
    list_snapshots,
    load_snapshot,
    quarter_end,
    take_snapshot,
    verify_snapshot,
)
from tests.quarterhelpers import quarter_with_department_moves
from tests.readers import reading

BOARD_LEVELS = "('organisatie', 'afdeling')"


def _query(home: Path, sql: str, *params) -> list[tuple]:
    with reading(str(home / "warehouse.duckdb")) as con:
        return con.execute(sql, list(params)).fetchall()


def _quarters(home: Path) -> list[str]:
    rows = _query(
        home,
        "select distinct period from report_risk_scores where period_type = 'quarter' "
        "order by period",
    )
    return [r[0] for r in rows]


def _copy(demo_home: Path, target: Path) -> Path:
    shutil.copytree(demo_home, target)
    return target


@pytest.fixture(scope="module")
def frozen(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A copy of the demo with a snapshot of its newest quarter (read it, do not change it)."""
    home = _copy(demo_home, tmp_path_factory.mktemp("snapshot") / "home")
    path = take_snapshot(_quarters(home)[-1], actor="Risicomanager", home=home)
    return home, json.loads(path.read_text("utf-8"))


@pytest.fixture
def home(demo_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo home, as RADAR_HOME."""
    copy = _copy(demo_home, tmp_path / "home")
    monkeypatch.setenv("RADAR_HOME", str(copy))
    return copy


def _organisation_counts(home: Path, quarter: str) -> dict[str, int]:
    """Gestegen, gedaald, nieuw rood of the organisation as a whole, straight from the mart
    (the one definition: pipelines/core/headline.py, tests/test_headline.py)."""
    ((up, down, new_red),) = _query(
        home,
        "select count(*) filter (direction = 'omhoog'), count(*) filter (direction = 'omlaag'), "
        "count(*) filter (is_new_red) from report_risk_changes "
        "where period = ? and org_level = 'organisatie'",
        quarter,
    )
    return {"risks_up": up, "risks_down": down, "new_red": new_red}


def _board_changes(home: Path, quarter: str) -> set[tuple]:
    rows = _query(
        home,
        "select c.risk_id, c.org_unit_id, c.direction, c.likelihood_change, c.is_new_red, "
        "c.previous_observed_likelihood, c.observed_likelihood, c.assurance_gap_change "
        "from report_risk_changes c join dim_org_units u using (org_unit_id) "
        "join dim_risks r using (risk_id) "
        f"where c.period = ? and u.org_level in {BOARD_LEVELS} "
        "and (u.org_level = 'organisatie' or not r.is_aggregate_only)",
        quarter,
    )
    return set(rows)


def test_the_snapshot_holds_no_team_and_the_private_red_flag_only_for_the_organisation(
    frozen: tuple[Path, dict],
) -> None:
    home, snap = frozen
    teams = {
        r[0] for r in _query(home, "select org_unit_id from dim_org_units where org_level = 'team'")
    }
    departments = {
        r[0]
        for r in _query(home, "select org_unit_id from dim_org_units where org_level = 'afdeling'")
    }
    assert teams
    for table in ("risk_scores", "changes", "org_units"):
        rows = snap[table]
        assert rows, table
        assert {r["org_level"] for r in rows} == {"organisatie", "afdeling"}, table
        assert not {r["org_unit_id"] for r in rows} & teams, table
        assert departments <= {r["org_unit_id"] for r in rows}, table
    aggregate_only = {
        r[0] for r in _query(home, "select risk_id from dim_risks where is_aggregate_only")
    }
    assert aggregate_only == {"RF7"}
    for table in ("risk_scores", "changes"):
        levels = {r["org_level"] for r in snap[table] if r["risk_id"] == "RF7"}
        assert levels == {"organisatie"}, table
    assert all("team" not in json.dumps(row) for row in snap["org_units"])


def test_the_changes_are_what_report_risk_changes_says_for_the_quarter(home: Path) -> None:
    # the newest quarter in which a department moved on its own (the lists hold those too)
    quarter = quarter_with_department_moves(home)
    snap = json.loads(take_snapshot(quarter, actor="Risicomanager", home=home).read_text("utf-8"))
    expected = _board_changes(home, snap["quarter"])
    keys = (
        "risk_id",
        "org_unit_id",
        "direction",
        "likelihood_change",
        "is_new_red",
        "previous_observed_likelihood",
        "observed_likelihood",
        "assurance_gap_change",
    )
    assert {tuple(r[k] for k in keys) for r in snap["changes"]} == expected

    summary = snap["summary"]
    by_direction = {
        "risks_up": {(r[0], r[1], r[5], r[6]) for r in expected if r[2] == "omhoog"},
        "risks_down": {(r[0], r[1], r[5], r[6]) for r in expected if r[2] == "omlaag"},
    }
    # the newest demo quarter has risks that moved (with calibrated scores it may be in
    # one direction only); both directions are compared, empty or not
    assert by_direction["risks_up"] or by_direction["risks_down"]
    for kind, rows in by_direction.items():
        got = {(r["risk_id"], r["org_unit_id"], r["old"], r["new"]) for r in summary[kind]}
        assert got == rows, kind
    new_red = {(r[0], r[1]) for r in expected if r[4]}
    assert {(r["risk_id"], r["org_unit_id"]) for r in summary["new_red"]} == new_red
    # The counts are the organisation's only (as the RvC page, the PDF and the Overzicht
    # count); the lists above hold the departments too, and they do move on their own.
    counts = _organisation_counts(home, snap["quarter"])
    assert {k: summary["counts"][k] for k in counts} == counts
    assert summary["counts_scope"] == "organisatie"
    moved = [r for r in expected if r[2] in ("omhoog", "omlaag")]
    assert len(moved) > counts["risks_up"] + counts["risks_down"]  # departments' moves too
    quarters = _quarters(home)
    assert snap["previous_quarter"] == quarters[quarters.index(quarter) - 1]


def test_the_scores_and_overdue_controls_are_copies_of_the_marts(
    frozen: tuple[Path, dict],
) -> None:
    home, snap = frozen
    scores = _query(
        home,
        "select s.risk_id, s.org_unit_id, s.observed_likelihood, s.assurance_gap, s.level "
        "from report_risk_scores s join dim_org_units u using (org_unit_id) "
        "join dim_risks r using (risk_id) where s.period_type = 'quarter' and s.period = ? "
        f"and u.org_level in {BOARD_LEVELS} "
        "and (u.org_level = 'organisatie' or not r.is_aggregate_only)",
        snap["quarter"],
    )
    keys = ("risk_id", "org_unit_id", "observed_likelihood", "assurance_gap", "level")
    assert {tuple(r[k] for k in keys) for r in snap["risk_scores"]} == set(scores)

    overdue = _query(
        home,
        "select control_measure_id, cast(next_review_on as varchar) from report_risk_controls "
        "where is_overdue",
    )
    got = {(r["control_measure_id"], r["next_review_on"]) for r in snap["overdue_controls"]}
    assert got == set(overdue)
    assert snap["summary"]["counts"]["overdue_controls"] == len(overdue)
    assert all(r["text_nl"] and r["text_en"] for r in snap["overdue_controls"])


def test_the_frozen_texts_are_the_boards_three_sentences(frozen: tuple[Path, dict]) -> None:
    """What is red (every red risk of the organisation by name, largest gap first), what
    changed at the organisation level, what the board may ask; in Dutch and English."""
    home, snap = frozen
    quarter = snap["quarter"]
    red = _query(
        home,
        "select r.risk_name_nl, r.risk_name_en from report_risk_scores s "
        "join dim_risks r using (risk_id) where s.period_type = 'quarter' and s.period = ? "
        "and s.org_level = 'organisatie' and s.level = 'rood' "
        "order by s.assurance_gap desc, r.category_order, r.risk_id",
        quarter,
    )
    assert red
    counts = _organisation_counts(home, quarter)
    for lang, (finding, _, _) in snap["texts"].items():
        names = [row[0 if lang == "nl" else 1] for row in red]
        assert [finding.index(name) for name in names] == sorted(
            finding.index(name) for name in names
        )
    finding, moved, ask = snap["texts"]["nl"]
    assert finding.startswith(f"Bij {len(red)} van de {len(snap['risks'])} risico's")
    assert moved.startswith(
        f"Sinds {snap['previous_quarter']} is voor de hele organisatie de waargenomen kans "
        f"gestegen bij {counts['risks_up']} en gedaald bij {counts['risks_down']}"
    )
    assert ask.startswith("Vraag voor de RvC: waarom hebben de beheersmaatregelen bij")
    assert snap["texts"]["en"][1].startswith(f"Since {snap['previous_quarter']} the observed")


def test_the_first_quarter_says_there_is_nothing_to_compare_with(home: Path) -> None:
    first = _quarters(home)[0]
    snap = json.loads(take_snapshot(first, actor="test").read_text("utf-8"))
    assert snap["has_previous_quarter"] is False
    summary = snap["summary"]
    assert summary["risks_up"] == summary["risks_down"] == summary["new_red"] == []
    assert summary["counts"]["new_red"] == summary["counts"]["risks_up"] == 0
    # Nothing is new red in the mart either: there is no previous quarter to be red against.
    assert all(not r[4] for r in _board_changes(home, first))
    nl, en = snap["texts"]["nl"][1], snap["texts"]["en"][1]
    assert nl.startswith(f"Er is geen vorig kwartaal ({snap['previous_quarter']}) met scores")
    assert en.startswith(f"There is no previous quarter ({snap['previous_quarter']})")
    for claim in ("gestegen bij", "Nieuw rood"):
        assert claim not in nl, claim
    # What it does give is the position: the risks red in this quarter, by name.
    red = {(r["risk_id"], r["org_unit_id"]) for r in snap["risk_scores"] if r["level"] == "rood"}
    assert red
    assert {(r["risk_id"], r["org_unit_id"]) for r in summary["red"]} == red
    organisation = [
        r for r in snap["risk_scores"] if r["level"] == "rood" and r["org_level"] == "organisatie"
    ]
    assert summary["counts"]["red"] == len(organisation)
    assert all(r["risk_name_nl"] in snap["texts"]["nl"][0] for r in organisation)


def test_the_previous_quarter_is_the_one_report_risk_changes_compares_with(home: Path) -> None:
    quarters = _quarters(home)
    quarter, other = quarters[-1], quarters[-3]
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        (previous,) = con.execute(
            "select distinct previous_period from report_risk_changes where period = ?", [quarter]
        ).fetchone()
        # Point the mart at another scored quarter: the snapshot follows it, it does not
        # work the previous quarter out again.
        con.execute(
            "update report_risk_changes set previous_period = ? where period = ?", [other, quarter]
        )
    assert previous == quarters[-2]
    snap = json.loads(take_snapshot(quarter, actor="test").read_text("utf-8"))
    assert snap["previous_quarter"] == other
    assert snap["texts"]["nl"][1].startswith(f"Sinds {other} is voor de hele organisatie")


def test_the_overdue_controls_are_dated_with_the_build_day_not_the_quarter_end(
    home: Path,
) -> None:
    quarter = _quarters(home)[-1]
    warehouse = home / "warehouse.duckdb"
    built = dt.datetime(2026, 10, 14, 9, 30).timestamp()
    os.utime(warehouse, (built, built))
    snap = json.loads(take_snapshot(quarter, actor="test").read_text("utf-8"))
    assert snap["overdue_as_of"] == "2026-10-14"
    assert snap["warehouse_built_at"].startswith("2026-10-14T09:30")
    n = snap["summary"]["counts"]["overdue_controls"]
    assert n > 1
    nl, en = snap["texts"]["nl"][-1], snap["texts"]["en"][-1]
    assert nl.endswith(f"En wanneer worden de {n} achterstallige beheersmaatregelen getoetst?")
    assert en.endswith(f"And when will the {n} overdue control measures be tested?")


def test_a_quarter_that_has_not_ended_is_refused(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    quarter = _quarters(home)[-1]
    end = quarter_end(quarter)
    assert quarter == "2026-Q3" and end == dt.date(2026, 9, 30)
    monkeypatch.setattr("pipelines.reports.snapshot.today", lambda: end)
    with pytest.raises(QuarterNotEnded) as refused:
        take_snapshot(quarter, actor="test")
    message = str(refused.value)
    assert f"kwartaal {quarter} is nog niet afgelopen" in message
    assert "30-09-2026" in message and "01-10-2026" in message
    assert main(["snapshot", quarter, "--by", "test"]) == 1
    assert "nog niet afgelopen" in capsys.readouterr().err
    with pytest.raises(QuarterNotEnded):
        take_snapshot("2026-Q4", actor="test")
    assert list_snapshots() == []

    monkeypatch.setattr("pipelines.reports.snapshot.today", lambda: end + dt.timedelta(days=1))
    assert take_snapshot(quarter, actor="test").exists()


def test_the_newest_demo_quarter_can_be_frozen_today(home: Path) -> None:
    quarter = _quarters(home)[-1]
    assert quarter_end(quarter) < dt.date.today()
    assert take_snapshot(quarter, actor="test").exists()


@pytest.mark.parametrize(
    ("quarter", "end"),
    [("2026-Q1", "2026-03-31"), ("2026-Q2", "2026-06-30"), ("2024-Q4", "2024-12-31")],
)
def test_quarter_end(quarter: str, end: str) -> None:
    assert quarter_end(quarter) == dt.date.fromisoformat(end)


def test_a_snapshot_is_never_overwritten(frozen: tuple[Path, dict]) -> None:
    home, snap = frozen
    path = home / "snapshots" / f"{snap['quarter']}.json"
    before = path.read_bytes()
    with pytest.raises(SnapshotExists) as refused:
        take_snapshot(snap["quarter"], actor="iemand anders", home=home)
    message = str(refused.value)
    assert str(path) in message and "Risicomanager" in message and "nooit overschreven" in message
    assert path.read_bytes() == before
    assert not os.access(path, os.W_OK) or os.geteuid() == 0  # read-only, except for root
    assert oct(path.stat().st_mode & 0o777) == oct(0o400)
    assert [p.name for p in path.parent.glob("*.tmp")] == []


def test_a_rebuild_after_a_register_change_leaves_the_snapshot_as_it_was(home: Path) -> None:
    from pipelines.build.builder import build
    from pipelines.register.store import Register

    quarter = _quarters(home)[-1]
    path = take_snapshot(quarter, actor="test")
    before = path.read_bytes()
    (impact,) = _query(home, "select impact from dim_risks where risk_id = 'RF1'")[0]

    register = Register()
    version = int(register.risks().set_index("risk_id").loc["RF1", "version"])
    new_impact = 1 if impact != 1 else 2
    register.update_risk("RF1", {"impact": new_impact}, version=version, actor="test")
    build(path=home / "warehouse.duckdb")

    assert _query(home, "select impact from dim_risks where risk_id = 'RF1'")[0][0] == new_impact
    assert path.read_bytes() == before
    assert verify_snapshot(path)
    snap = load_snapshot(quarter)
    assert next(r["impact"] for r in snap["risks"] if r["risk_id"] == "RF1") == impact


def test_tampering_with_the_file_is_detected(frozen: tuple[Path, dict], tmp_path: Path) -> None:
    home, snap = frozen
    original = home / "snapshots" / f"{snap['quarter']}.json"
    assert verify_snapshot(original)
    assert load_snapshot(snap["quarter"], home)["verified"]

    copy = tmp_path / original.name
    doc = json.loads(original.read_text("utf-8"))
    doc["summary"]["counts"]["new_red"] += 1
    copy.write_text(json.dumps(doc, ensure_ascii=False, indent=1), "utf-8")
    assert not verify_snapshot(copy)

    edited = original.read_text("utf-8").replace(snap["created_by"], "Iemand anders", 1)
    copy.write_text(edited, "utf-8")
    assert not verify_snapshot(copy)
    copy.write_text("{ not json", "utf-8")
    assert not verify_snapshot(copy)


@pytest.mark.parametrize("quarter", ["2026Q3", "2026-Q5", "26-Q1", "2026-q3", "", "Q3-2026"])
def test_a_badly_written_quarter_is_refused_with_the_expected_form(
    home: Path, quarter: str
) -> None:
    with pytest.raises(UnknownQuarter, match="JJJJ-Qn, bijvoorbeeld 2026-Q3"):
        take_snapshot(quarter, actor="test")
    assert list_snapshots() == []


def test_a_quarter_without_scores_is_refused_with_the_quarters_that_exist(home: Path) -> None:
    with pytest.raises(UnknownQuarter) as refused:
        take_snapshot("2019-Q1", actor="test")
    message = str(refused.value)
    assert "2019-Q1" in message
    assert ", ".join(_quarters(home)) in message
    assert list_snapshots() == []


def test_without_a_warehouse_it_says_to_build_one(empty_home: Path) -> None:
    with pytest.raises(NoWarehouse, match="radar build"):
        take_snapshot("2026-Q3", actor="test")


def test_snapshots_are_listed_newest_first(home: Path) -> None:
    quarters = _quarters(home)
    for quarter in (quarters[0], quarters[-1], quarters[-2]):
        take_snapshot(quarter, actor="test")
    assert list_snapshots() == sorted([quarters[0], quarters[-1], quarters[-2]], reverse=True)
    snap = load_snapshot(quarters[-1])
    assert snap["quarter"] == quarters[-1] and snap["verified"]


def test_radar_snapshot_writes_once_and_exits_1_on_errors(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quarter = _quarters(home)[-1]
    assert main(["snapshot", quarter, "--by", "Jan de Vries"]) == 0
    out = capsys.readouterr().out
    path = home / "snapshots" / f"{quarter}.json"
    assert f"Momentopname {quarter} vastgelegd in {path} (door Jan de Vries)" in out
    frozen = json.loads(path.read_text("utf-8"))
    assert frozen["created_by"] == "Jan de Vries"
    for sentence in frozen["texts"]["nl"]:  # the board's three sentences, as on the page
        assert sentence in out
    as_of = frozen["overdue_as_of"]
    assert f"op {as_of[8:10]}-{as_of[5:7]}-{as_of[:4]}: " in out  # dd-mm-jjjj
    assert "risico's op rood" not in out and "1 risico's" not in out

    assert main(["snapshot", quarter]) == 1
    assert "bestaat al" in capsys.readouterr().err
    assert main(["snapshot", "2019-Q1"]) == 1
    assert "kwartalen met scores" in capsys.readouterr().err
    assert main(["snapshot", "2031-Q1"]) == 1
    assert "nog niet afgelopen" in capsys.readouterr().err
    assert main(["snapshot", "2026Q3"]) == 1
    assert "JJJJ-Qn" in capsys.readouterr().err


def test_radar_snapshot_without_a_warehouse_exits_1(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.cli.main", "snapshot", "2026-Q3"],
        capture_output=True,
        text=True,
        env=os.environ | {"RADAR_HOME": str(tmp_path)},
    )
    assert result.returncode == 1
    assert result.stderr.startswith("radar: er is nog geen warehouse")
    assert not (tmp_path / "snapshots").exists()


def test_radar_snapshot_of_the_first_quarter_names_the_red_risks_not_changes(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quarter = _quarters(home)[0]
    assert main(["snapshot", quarter, "--by", "Jan de Vries"]) == 0
    out = capsys.readouterr().out
    snap = json.loads((home / "snapshots" / f"{quarter}.json").read_text("utf-8"))
    red = [
        r["risk_id"]
        for r in snap["risk_scores"]
        if r["org_level"] == "organisatie" and r["level"] == "rood"
    ]
    assert len(red) == snap["summary"]["counts"]["red"]
    for risk_id in red:  # every red risk named with its gap
        assert f"({risk_id}, kloof " in out
    assert "Er is geen vorig kwartaal" in out  # and no change claimed
    assert "Sinds " not in out


# ---------------------------------------------------------------- the audit log's head

OLD_SNAPSHOT = Path(__file__).resolve().parent / "fixtures" / "snapshot_before_audit_head"


def test_the_snapshot_freezes_the_audit_logs_head_inside_its_checksum(
    frozen: tuple[Path, dict], tmp_path: Path
) -> None:
    home, snap = frozen
    head = read_head(home / "register.sqlite")
    assert snap["format"] == FORMAT == "integriteitsradar-snapshot/3"  # 3: with meldingen
    assert snap["audit_head"] == {"count": head.count, "mac": head.mac}
    report = verify_audit(home / "register.sqlite")
    assert report.findings == [] and report.anchors == [f"momentopname {snap['quarter']}"]

    copy = tmp_path / f"{snap['quarter']}.json"
    doc = dict(snap, audit_head={"count": head.count - 1, "mac": head.mac})
    copy.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    assert not verify_snapshot(copy)  # the head is covered by the checksum


def test_a_register_in_the_old_form_is_not_frozen_until_it_is_migrated(home: Path) -> None:
    register = home / "register.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{register}{suffix}").unlink(missing_ok=True)
    con = sqlite3.connect(register)
    con.executescript((OLD_SNAPSHOT.parent / "register_sha256_chain.sql").read_text("utf-8"))
    con.close()
    with pytest.raises(SnapshotError, match="radar audit migrate"):
        take_snapshot(_quarters(home)[-1], actor="test")
    assert list_snapshots() == []


def test_a_snapshot_from_before_the_audit_head_still_verifies_and_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Captured with `radar snapshot` from the code before the head existed (format 1)."""
    from tests.apphelpers import run_app

    home = tmp_path / "home"
    shutil.copytree(OLD_SNAPSHOT, home / "snapshots")
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = home / "snapshots" / "2026-Q3.json"
    assert verify_snapshot(path)
    snap = load_snapshot("2026-Q3")
    assert snap["verified"] and snap["format"] == "integriteitsradar-snapshot/1"
    assert "audit_head" not in snap
    at = run_app("rvc.py")
    assert not at.exception and not at.error
    assert at.success[0].value.startswith("Bevroren momentopname van 2026-Q3")
    assert any(snap["sha256"] in c.value for c in at.caption)
    assert at.download_button  # its PDF is offered (test_report_pdf renders it)
    # it predates the scoring method's marker too: the page says it used the older one
    assert any("oudere rekenmethode" in w.value for w in at.warning)


# ---------------------------------------------------------------- the scoring method

OLD_METHOD = Path(__file__).resolve().parent / "fixtures" / "snapshot_before_scoring_method"


def test_the_snapshot_records_its_scoring_method_and_each_scores_evidence(
    frozen: tuple[Path, dict], tmp_path: Path
) -> None:
    from pipelines.reports.snapshot import SCORING_METHOD, scoring_method, uses_older_method

    home, snap = frozen
    assert snap["scoring_method"] == SCORING_METHOD == scoring_method(snap) == 3
    assert not uses_older_method(snap)
    evidence = {
        (r[0], r[1]): (r[2], r[3])
        for r in _query(
            home,
            "select risk_id, org_unit_id, coverage, score_rule from report_risk_scores "
            "where period_type = 'quarter' and period = ?",
            snap["quarter"],
        )
    }
    for table in ("risk_scores", "changes"):
        assert snap[table]
        for row in snap[table]:
            coverage, rule = evidence[(row["risk_id"], row["org_unit_id"])]
            assert row["score_rule"] == rule and row["coverage"] == pytest.approx(coverage)
    rules = {r["score_rule"] for r in snap["risk_scores"]}
    assert "onvoldoende_gegevens" in rules  # the demo has such scores at department level
    assert all(
        r["observed_likelihood"] is None
        for r in snap["risk_scores"]
        if r["score_rule"] == "onvoldoende_gegevens"
    )

    copy = tmp_path / f"{snap['quarter']}.json"
    copy.write_text(json.dumps(dict(snap, scoring_method=1), ensure_ascii=False), "utf-8")
    assert not verify_snapshot(copy)  # the marker is covered by the checksum


def test_a_snapshot_from_before_the_scoring_method_still_verifies_and_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Captured with `radar snapshot 2026-Q3` by the code of commit 54d045c (the last
    before issue 14's scoring) on its small demo: format 2, with the audit head, no
    scoring_method, no coverage or score_rule."""
    from dashboard.policy_ui import POLICY_ICON
    from pipelines.reports.snapshot import scoring_method, uses_older_method
    from tests.apphelpers import run_app

    home = tmp_path / "home"
    shutil.copytree(OLD_METHOD, home / "snapshots")
    monkeypatch.setenv("RADAR_HOME", str(home))
    assert verify_snapshot(home / "snapshots" / "2026-Q3.json")
    snap = load_snapshot("2026-Q3")
    assert snap["verified"] and snap["format"] == "integriteitsradar-snapshot/2"
    assert snap["audit_head"] and "scoring_method" not in snap
    assert not any("score_rule" in r or "coverage" in r for r in snap["risk_scores"])
    assert scoring_method(snap) == 1 and uses_older_method(snap)

    for lang, says in [("nl", "oudere rekenmethode"), ("en", "older scoring method")]:
        at = run_app("rvc.py", lang=lang)
        assert not at.exception and not at.error
        # the policy-cycle warning has its own icon (dashboard/policy_ui.py)
        (warning,) = [w.value for w in at.warning if w.icon != POLICY_ICON]
        assert says in warning
        assert at.download_button  # its PDF is offered (test_report_pdf renders it)
    assert not [c for c in at.caption if "insufficient data" in c.value]
