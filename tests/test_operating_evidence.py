"""Operating evidence of control measures (README, "Operating evidence"): the settings are
checked like the rest of the catalogue; the sentence the pages and the PDF write; on the
small demo "Waarom deze score?" and the Risicoregister show the mart's rating per measure;
a snapshot freezes it, and snapshots without it (formats 1 and 2 from tests/fixtures, a
format 3 from before it) still render on the RvC page and in the PDF. The rating rules
themselves are golden tests (tests/golden/int_controls__operating_evidence*.yaml,
int_risks__control_effectiveness__operating.yaml)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from pipelines.core.catalogue import DEFAULT_CATALOGUE_DIR, CatalogueError, load_catalogue
from pipelines.core.operating_evidence import evidence_text
from pipelines.demo.scenarios import CONTROL_SCENARIOS
from pipelines.reports.pdf import render_report
from pipelines.reports.snapshot import content_hash, load_snapshot, take_snapshot
from tests.apphelpers import frame_with, run_app
from tests.readers import reading

REPO = Path(__file__).resolve().parent.parent
SETTINGS = load_catalogue().settings.operating_evidence
OLD = {
    "format 1": REPO / "tests" / "fixtures" / "snapshot_before_audit_head",
    "format 2": REPO / "tests" / "fixtures" / "snapshot_before_scoring_method",
}
COLUMN = "Werking uit data"


# --- settings -------------------------------------------------------------------------


@pytest.fixture
def cat_dir(tmp_path: Path) -> Path:
    target = tmp_path / "risks"
    shutil.copytree(DEFAULT_CATALOGUE_DIR, target)
    return target


def broken(cat_dir: Path, old: str, new: str) -> CatalogueError:
    path = cat_dir / "settings.yaml"
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")
    with pytest.raises(CatalogueError) as err:
        load_catalogue(cat_dir)
    return err.value


@pytest.mark.parametrize(
    ("old", "new", "says", "says_en"),
    [
        (
            "measures: [RF2-CM04]",
            "measures: [RF2-CM99]",
            ["settings.yaml", "item feedback_360", "veld measures", "RF2-CM99"],
            ["settings.yaml", "entry feedback_360", "field measures", "RF2-CM99"],
        ),
        (
            "    werkt_niet: 0.5\n",
            "",
            ["settings.yaml", "effectiveness_penalty moet precies"],
            ["settings.yaml", "effectiveness_penalty must name"],
        ),
        (
            "deels_min_share: 0.5",
            "deels_min_share: 0.95",
            ["deels_min_share mag niet boven werkt_min_share"],
            ["deels_min_share must not be"],
        ),
        (
            "measures: [RF2-CM04]",
            "measures: [RF2-CM04, D2-CM01]",
            ["in meer dan één bron: ['D2-CM01']"],
            ["more than one source: ['D2-CM01']"],
        ),
        (
            "training_kinds: [dilemmasessie]",
            "training_kinds: [dilema]",
            ["onbekende training_kinds ['dilema']"],
            ["unknown training_kinds ['dilema']"],
        ),
        (
            "    register_reviews:\n",
            "    register_review:\n",
            ["bron 'register_review': verwacht training_kinds"],
            ["source 'register_review': expected training_kinds"],
        ),
    ],
)
def test_broken_operating_evidence_settings_are_refused_with_where_and_why(
    cat_dir: Path, old: str, new: str, says: list[str], says_en: list[str]
) -> None:
    """Where and why, in Dutch (str(), the default) and in English (radar --lang en)."""
    error = broken(cat_dir, old, new)
    for fragment in says:
        assert fragment in str(error), str(error)
    for fragment in says_en:
        assert fragment in error.text("en"), error.text("en")


def test_the_catalogue_names_the_measures_of_the_issue() -> None:
    by_source = {s: sorted(v.measures) for s, v in SETTINGS.sources.items()}
    assert by_source["dilemmasessie"] == sorted(
        ["D4-CM01", "R1-CM02", "R2-CM03", "R3-CM02", "R3-CM03", "RF3-CM02"]
    )
    assert by_source["integriteitstraining"] == ["D2-CM01", "RF3-CM01"]
    assert by_source["feedback_360"] == ["RF2-CM04"]
    # werkt_niet weighs as an open 'hoog' finding, deels as 'midden'
    penalty = load_catalogue().settings.audit_findings.effectiveness_penalty
    assert SETTINGS.effectiveness_penalty["werkt_niet"] == penalty["hoog"]
    assert SETTINGS.effectiveness_penalty["deels"] == penalty["midden"]


# --- the sentence ---------------------------------------------------------------------

ROW = {
    "operating_rating": "deels",
    "evidence_source": "dilemmasessie",
    "evidence_kind": "training",
    "evidence_n": 6,
    "evidence_total": 7,
    "evidence_window_months": 12,
    "operating_penalty": 0.25,
}


def test_the_sentence_in_both_languages() -> None:
    assert evidence_text(ROW, "nl", SETTINGS) == (
        "Werkt deels: dilemmasessies in 6 van 7 afdelingen in de laatste 12 maanden (−25 %)"
    )
    assert evidence_text(ROW, "en", SETTINGS) == (
        "Partly operates: dilemma sessions in 6 of 7 departments in the last 12 months (−25 %)"
    )
    werkt = ROW | {"operating_rating": "werkt", "evidence_n": 7, "operating_penalty": 0.0}
    assert evidence_text(werkt, "nl", SETTINGS).endswith("12 maanden")  # nothing taken off
    none = ROW | {"operating_rating": "geen_gegevens", "operating_penalty": 0.0}
    assert evidence_text(none, "nl", SETTINGS) == "Geen gegevens: er zijn nog geen gegevens over"


def test_no_sentence_for_a_measure_without_evidence_or_an_older_row() -> None:
    assert evidence_text(ROW | {"operating_rating": None}, "nl", SETTINGS) == ""
    assert evidence_text({"control_measure_id": "G2-CM01"}, "nl", SETTINGS) == ""


# --- the demo: pages ------------------------------------------------------------------


def query(home: Path, sql: str, *params: object) -> pd.DataFrame:
    with reading(str(home / "warehouse.duckdb")) as con:
        return con.execute(sql, list(params)).df()


def controls(home: Path, risk: str) -> pd.DataFrame:
    return query(home, "select * from report_risk_controls where risk_id = ?", risk)


def test_on_the_demo_the_stopped_dilemma_sessions_rate_deels_and_the_rest_werkt(
    demo_home: Path,
) -> None:
    """S-OE: KLT holds no dilemma sessions from 2025-Q4 (pipelines/demo/scenarios.py), so
    in the 12 months to the data's end (2026-09) 6 of the 7 departments held one; every
    other measure with operation data works, but RF5-CM03, which follows the demo
    register's tests: most of its measures were never tested."""
    (scenario,) = [s for s in CONTROL_SCENARIOS if s["id"] == "S-OE"]
    rated = query(
        demo_home,
        "select * from report_risk_controls where operating_rating is not null",
    ).set_index("control_measure_id")
    dilemma = set(SETTINGS.sources["dilemmasessie"].measures)
    assert set(scenario["control_measure_ids"]) <= dilemma
    for measure, row in rated.iterrows():
        if measure in dilemma:
            assert (row["operating_rating"], row["evidence_n"], row["evidence_total"]) == (
                "deels",
                6,
                7,
            ), measure
            assert row["operating_penalty"] == SETTINGS.effectiveness_penalty["deels"]
        elif measure == "RF5-CM03":
            # on time: tested, and not past the next review (a never tested one is late)
            register = query(
                demo_home,
                "select count(*) filter (where last_tested_on is not null and not is_overdue)"
                " as on_time, count(*) as n from report_risk_controls where is_in_force",
            ).iloc[0]
            assert (row["evidence_n"], row["evidence_total"]) == (
                register["on_time"],
                register["n"],
            )
            assert row["operating_rating"] == "werkt_niet"  # 18 of 55 in the demo
        else:
            assert row["operating_rating"] == "werkt", measure
            assert row["combined_factor"] == row["finding_factor"]
    assert (rated["evidence_window_months"] == 12).all()
    klt = query(
        demo_home,
        """select count(*) from stg_trainings__sessions as s
        inner join int_org__hierarchy as h on s.org_unit_id = h.org_unit_id
        where h.ancestor_id = ? and s.training_kind = 'dilemmasessie'
            and s.held_on >= date '2025-09-30'""",
        scenario["org_unit"],
    ).iloc[0, 0]
    assert klt == 0


def test_why_this_score_shows_each_measures_operating_evidence(demo_env: Path) -> None:
    at = run_app("fraud_triangle.py")
    at.selectbox(key="ft_explain_risk").set_value("D4").run()
    assert not at.exception
    shown = frame_with(at, COLUMN).set_index("ID")[COLUMN]
    for row in controls(demo_env, "D4").to_dict("records"):
        assert shown[row["control_measure_id"]] == evidence_text(row, "nl", SETTINGS)
    assert shown["D4-CM01"].startswith("Werkt deels: dilemmasessies in 6 van 7 afdelingen")
    assert shown["D4-CM02"] == ""  # no operation data for it
    assert any("Werking uit data:" in c.value for c in at.caption)
    # a risk none of whose measures has operation data shows no such column
    at.selectbox(key="ft_explain_risk").set_value("G1").run()
    assert COLUMN not in frame_with(at, "Laatste test").columns


def test_the_register_shows_the_operating_evidence_under_the_measures(demo_env: Path) -> None:
    at = run_app("register.py")
    at.selectbox(key="reg_risk").set_value("RF2").run()
    assert not at.exception
    row = controls(demo_env, "RF2").set_index("control_measure_id").loc["RF2-CM04"]
    sentence = evidence_text(row.to_dict(), "nl", SETTINGS)
    assert sentence and any(f"RF2-CM04 · {sentence}" in c.value for c in at.caption)


# --- snapshots --------------------------------------------------------------------------


def pdf_text(data: bytes, folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "report.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(out.split())


@pytest.fixture(scope="module")
def frozen(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("operating_snapshot")
    home = root / "home"
    shutil.copytree(demo_home, home, ignore=shutil.ignore_patterns("snapshots"))
    (quarter,) = query(
        home, "select max(period) from report_risk_scores where period_type = 'quarter'"
    ).iloc[0]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RADAR_HOME", str(home))
        mp.setenv("RADAR_KEY_DIR", str(root / "keys"))
        take_snapshot(quarter, actor="Risicomanager", home=home)
    return home, quarter


def test_a_snapshot_freezes_the_operating_evidence_and_its_pdf_lists_it(
    frozen: tuple[Path, str], tmp_path: Path
) -> None:
    home, quarter = frozen
    snap = load_snapshot(quarter, home)
    assert snap["verified"]
    rows = snap["operating_evidence"]
    expected = query(
        home,
        "select control_measure_id from report_risk_controls "
        "where operating_rating is not null and is_in_force",
    )["control_measure_id"]
    assert sorted(r["control_measure_id"] for r in rows) == sorted(expected)
    for row in rows:
        assert row["text"] == {lang: evidence_text(row, lang, SETTINGS) for lang in ("nl", "en")}
    nl = pdf_text(render_report(snap, "nl"), tmp_path / "nl")
    assert "Werking van beheersmaatregelen uit data" in nl
    feedback = next(r for r in rows if r["control_measure_id"] == "RF2-CM04")
    assert re.sub(r"\s", "", feedback["text"]["nl"]) in re.sub(r"\s", "", nl)
    en = pdf_text(render_report(snap, "en"), tmp_path / "en")
    assert "Operation of control measures from data" in en


def without_operating_evidence(snapshot: Path) -> None:
    """The snapshot as format 3 wrote it before operating evidence: no such key, its
    checksum over what is left."""
    doc = json.loads(snapshot.read_text("utf-8"))
    del doc["operating_evidence"], doc["sha256"]
    doc["sha256"] = content_hash(doc)
    snapshot.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", "utf-8")


@pytest.mark.parametrize("fixture", [*sorted(OLD), "format 3"])
def test_an_older_snapshot_renders_and_says_it_holds_no_operating_evidence(
    fixture: str, frozen: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, quarter = frozen
    old = tmp_path / "home"
    shutil.copytree(home, old, ignore=shutil.ignore_patterns("snapshots"))
    if fixture == "format 3":
        shutil.copytree(home / "snapshots", old / "snapshots")
        without_operating_evidence(old / "snapshots" / f"{quarter}.json")
    else:
        shutil.copytree(OLD[fixture], old / "snapshots")
        quarter = "2026-Q3"
    snap = load_snapshot(quarter, old)
    assert "operating_evidence" not in snap and snap["verified"]
    nl = pdf_text(render_report(snap, "nl"), tmp_path / "nl")
    assert "voordat de werking van maatregelen uit data werd vastgelegd" in nl
    en = pdf_text(render_report(snap, "en"), tmp_path / "en")
    assert "before the operation of measures from data was recorded" in en
    monkeypatch.setenv("RADAR_HOME", str(old))
    at = run_app("rvc.py")
    at.selectbox(key="rvc_snapshot").set_value(quarter).run()
    assert not at.exception
    assert "Werking van beheersmaatregelen uit data" in [h.value for h in at.header]
    assert any("voordat de werking van maatregelen" in c.value for c in at.caption)
