"""The Overzicht page against the built demo: what it draws and lists is what the marts say."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.charts import LANE_SPAN, LEVEL_INK, lanes, risk_heatmap
from dashboard.policy_ui import POLICY_ICON
from pipelines.core.labels import label
from tests.apphelpers import frame_with, frames_with, run_app
from tests.formathelpers import assert_shown
from tests.readers import reading


def _mart(home: Path, sql: str, *params) -> pd.DataFrame:
    with reading(str(home / "warehouse.duckdb")) as con:
        return con.execute(sql, list(params)).df()


def _positions(figure: dict) -> dict[str, dict[str, tuple[int, float]]]:
    """Per trace ("expected", "observed"): risk id -> (impact, likelihood), unshifted."""
    return {
        trace["meta"]: {row[0]: (row[2], row[3]) for row in trace.get("customdata", [])}
        for trace in figure["data"]
        if trace.get("meta") in ("expected", "observed")
    }


def _figure(at: AppTest) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def _observed(home: Path, quarter: str, unit: str) -> dict[str, tuple[int, int]]:
    rows = _mart(
        home,
        "select s.risk_id, r.impact, s.observed_likelihood from report_risk_scores s "
        "join dim_risks r using (risk_id) where s.period_type = 'quarter' and s.period = ? "
        "and s.org_unit_id = ? and s.observed_likelihood is not null",
        quarter,
        unit,
    )
    return {r.risk_id: (r.impact, r.observed_likelihood) for r in rows.itertuples()}


def _expected(home: Path, quarter: str, unit: str) -> dict[str, tuple[int, float]]:
    rows = _mart(
        home,
        "select s.risk_id, r.impact, s.expected_likelihood from report_risk_scores s "
        "join dim_risks r using (risk_id) where s.period_type = 'quarter' and s.period = ? "
        "and s.org_unit_id = ?",
        quarter,
        unit,
    )
    return {r.risk_id: (r.impact, pytest.approx(r.expected_likelihood)) for r in rows.itertuples()}


def _gaps(home: Path, quarter: str, unit: str) -> pd.DataFrame:
    """Every risk's gap for the unit, largest first (ties in register order, none last)."""
    return _mart(
        home,
        "select risk_id, risk_name_nl, assurance_gap, level "
        "from dim_risks left join (select * from report_risk_scores "
        "where period_type = 'quarter' and period = ? and org_unit_id = ?) using (risk_id) "
        "order by assurance_gap desc nulls last, category_order, risk_id",
        quarter,
        unit,
    )


def _finding_named(at: AppTest, gaps: pd.DataFrame) -> None:
    """The first box under the unit line is the finding: it names every red risk (with
    its gap, Dutch decimal comma) and, after "Let op", every orange one; no green one."""
    # after the unit line (markdown[0]) the finding: its badge, then its sentence
    assert "-badge[" in at.markdown[1].value
    sentence = at.markdown[2].value
    red = gaps[gaps["level"] == "rood"]
    orange = gaps[gaps["level"] == "oranje"]
    green = gaps[gaps["level"] == "groen"]
    count = "geen" if red.empty else str(len(red))
    assert sentence.startswith(f"Bij {count} van de {len(gaps)} risico's")
    unscored = int(gaps["level"].isna().sum())
    assert (f"{unscored} risico" in sentence) == (unscored > 0)
    head, _, watch = sentence.partition("Let op")
    for r in red.itertuples():
        gap = f"{r.assurance_gap:+.1f}".replace(".", ",")
        assert f"{r.risk_name_nl} ({r.risk_id}, kloof {gap})" in head
    for r in orange.itertuples():
        assert f"({r.risk_id}, kloof" in watch
    for r in green.itertuples():
        assert f"({r.risk_id}, kloof" not in sentence
    assert "." not in sentence.replace("...", "").rstrip(".").split("kloof")[-1][:6]


def _assert_gap_table_matches(at: AppTest, expected: pd.DataFrame) -> None:
    """The gap table is every risk (the map's legend), largest gap first."""
    shown = frame_with(at, "Kloof")
    assert list(shown["ID"]) == list(expected["risk_id"])
    # a risk without a gap shows the dash (never Streamlit's grey "None")
    assert_shown(shown["Kloof"], expected["assurance_gap"], what="Kloof")
    levels = {"rood": "Rood", "oranje": "Oranje", "groen": "Groen"}
    for level, name in zip(expected["level"], shown["Niveau"], strict=True):
        assert name == levels[level] if isinstance(level, str) else name not in levels.values()


def test_the_overview_shows_register_and_data_and_follows_quarter_and_department(
    demo_env: Path,
) -> None:
    home = demo_env
    quarters = _mart(
        home, "select distinct period from report_risk_scores where period_type = 'quarter'"
    )["period"].sort_values(ascending=False)
    newest, oldest = quarters.iloc[0], quarters.iloc[-1]
    org = _mart(home, "select org_unit_id from dim_org_units where org_level = 'organisatie'")
    org_id = org["org_unit_id"].iloc[0]

    at = run_app("overview.py")
    assert not at.exception
    assert at.title[0].value == "Overzicht"
    assert at.selectbox(key="f_quarter").value == newest
    assert "Woonstichting Heuvelland" in at.markdown[0].value
    _finding_named(at, _gaps(home, newest, org_id))

    # each risk's arrow runs from where the register expects it after its measures to
    # where the data puts it; every risk has a register ring
    drawn = _positions(_figure(at))
    assert drawn["expected"] == _expected(home, newest, org_id)
    assert len(drawn["expected"]) == 19
    newest_positions = _observed(home, newest, org_id)
    assert drawn["observed"] == newest_positions
    _assert_gap_table_matches(at, _gaps(home, newest, org_id))

    # what moved: one definition, organisation level (the changes mart's org rows)
    changes = _mart(
        home,
        "select * from report_risk_changes where period = ? and org_unit_id = ?",
        newest,
        org_id,
    )
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Kans omhoog"] == str((changes["direction"] == "omhoog").sum())
    assert metrics["Kans omlaag"] == str((changes["direction"] == "omlaag").sum())
    assert metrics["Nieuw rood"] == str(changes["is_new_red"].sum())
    moved = changes[changes["direction"].isin(["omhoog", "omlaag"]) | changes["is_new_red"]]
    assert not moved.empty
    shown = frame_with(at, "Kans nu")
    assert sorted(shown["ID"]) == sorted(moved["risk_id"])

    # freshness: the stale datasets of the mart are named by their labels, not their ids
    stale = _mart(home, "select dataset from report_data_freshness where is_stale")["dataset"]
    assert not stale.empty
    # the first warning that is not the policy's evaluation date (dashboard/policy_ui.py)
    fresh = next(w.value for w in at.warning if w.icon != POLICY_ICON)
    assert all(label("dataset", d, "nl") in fresh for d in stale)
    assert not any(f" {d} " in fresh for d in stale if "_" in d)
    assert set(frame_with(at, "Dataset")["Dataset"]) == {
        label("dataset", d, "nl")
        for d in _mart(home, "select dataset from report_data_freshness")["dataset"]
    }

    # another quarter: other observed positions, and no quarter before the first one
    at.selectbox(key="f_quarter").set_value(oldest).run()
    assert not at.exception
    oldest_positions = _observed(home, oldest, org_id)
    assert oldest_positions != newest_positions
    assert _positions(_figure(at))["observed"] == oldest_positions
    _assert_gap_table_matches(at, _gaps(home, oldest, org_id))
    assert any("geen vorig kwartaal" in m.value for m in at.markdown)
    assert not at.metric

    # a department: its own scores; suppressed risks keep only their register marker
    at.selectbox(key="f_quarter").set_value(newest).run()
    at.selectbox(key="f_department").set_value("STR").run()
    assert not at.exception
    assert "Strategie & Beleid" in at.markdown[0].value
    str_positions = _observed(home, newest, "STR")
    drawn = _positions(_figure(at))
    assert drawn["observed"] == str_positions != newest_positions
    assert len(drawn["expected"]) == 19
    _finding_named(at, _gaps(home, newest, "STR"))
    # the counts stay the organisation's (the RvC page's definition); the department's
    # own moves are in a table of their own
    assert {m.label: m.value for m in at.metric} == metrics
    assert any("Deze afdeling apart" in c.value for c in at.caption)
    str_changes = _mart(
        home,
        "select risk_id from report_risk_changes where period = ? and org_unit_id = 'STR' "
        "and (direction in ('omhoog', 'omlaag') or is_new_red)",
        newest,
    )
    tables = frames_with(at, "Kans nu")
    if str_changes.empty:
        assert len(tables) == 1
        assert any("Niets bewogen" in s.value for s in at.success)
    else:
        assert sorted(tables[1]["ID"]) == sorted(str_changes["risk_id"])
    suppressed = _mart(
        home,
        "select risk_id from report_risk_scores join dim_risks using (risk_id) "
        "where period_type = 'quarter' and period = ? "
        "and org_unit_id = 'STR' and suppressed order by category_order, risk_id",
        newest,
    )["risk_id"]
    assert not suppressed.empty
    note = next(m.value for m in at.markdown if "Zonder score" in m.value)
    assert f"Onderdrukt (te weinig mensen om te tonen): {', '.join(suppressed)}" in note
    # too little evidence: named as such, not as suppressed or missing
    insufficient = _mart(
        home,
        "select risk_id from report_risk_scores join dim_risks using (risk_id) "
        "where period_type = 'quarter' and period = ? and org_unit_id = 'STR' "
        "and score_rule = 'onvoldoende_gegevens' order by category_order, risk_id",
        newest,
    )["risk_id"]
    assert not insufficient.empty
    assert f"Onvoldoende gegevens: {', '.join(insufficient)}" in note
    _assert_gap_table_matches(at, _gaps(home, newest, "STR"))


def test_the_overview_speaks_english_when_asked(demo_env: Path) -> None:
    at = run_app("overview.py", lang="en")
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert any("Assurance gap per risk" in m.value for m in at.markdown)
    assert at.markdown[2].value.startswith("For ")
    gaps = frame_with(at, "Gap")
    names = _mart(demo_env, "select risk_id, risk_name_en from dim_risks").set_index("risk_id")
    assert list(gaps["Risk"]) == [names.loc[r, "risk_name_en"] for r in gaps["ID"]]
    assert set(gaps["Level"]) <= {"Green", "Amber", "Red"}
    figure = _figure(at)
    assert figure["layout"]["xaxis"]["title"]["text"] == "Likelihood"


def test_without_a_warehouse_the_overview_says_how_to_build_one(empty_home: Path) -> None:
    at = run_app("overview.py")
    assert not at.exception
    assert "radar build" in at.info[0].value
    assert not at.get("plotly_chart")


def test_without_ingested_data_the_overview_says_there_are_no_scores(radar_home: Path) -> None:
    at = run_app("overview.py")
    assert not at.exception
    assert "nog geen risicoscores" in at.info[0].value
    assert not at.get("plotly_chart")


def _risks(**columns) -> pd.DataFrame:
    frame = pd.DataFrame(columns)
    n = len(frame)
    gap = frame["impact"] * (frame["observed_likelihood"] - frame["expected_likelihood"])
    return frame.assign(
        name=frame["risk_id"],
        inherent_likelihood=frame.get("inherent_likelihood", pd.Series([5] * n)),
        assurance_gap=gap,
        level=frame.get("level", pd.Series(["groen"] * n)),
        level_name=["Groen"] * n,
        coverage=[1.0] * n,
    )


def test_arrows_run_from_the_registers_expected_position_to_the_data() -> None:
    risks = _risks(
        risk_id=["A", "B", "C", "D", "E"],
        impact=[3, 3, 3, 5, 2],
        expected_likelihood=[2.0, 1.5, 4.0, 0.0, 2.0],
        observed_likelihood=[2, 4, None, 5, 1],
        level=["groen", "rood", None, "rood", "groen"],
    )
    figure = risk_heatmap(risks, [4, 9, 14], "nl").to_dict()
    drawn = _positions(figure)
    assert drawn["expected"] == {
        "A": (3, 2.0),
        "B": (3, 1.5),
        "C": (3, 4.0),
        "D": (5, 0.0),
        "E": (2, 2.0),
    }
    assert drawn["observed"] == {"A": (3, 2), "B": (3, 4), "D": (5, 5), "E": (2, 1)}  # C: no data

    # one arrow per risk whose data differs from the register (not A, not C): pointing
    # right exactly when the gap is positive, in the colour of the gap's level
    arrows = {
        (a["ax"], a["x"]): a["arrowcolor"]
        for a in figure["layout"]["annotations"]
        if a.get("showarrow")
    }
    assert set(arrows) == {(1.5, 4.0), (0.0, 5.0), (2.0, 1.0)}
    assert arrows[(1.5, 4.0)] == arrows[(0.0, 5.0)] == LEVEL_INK["rood"]
    assert arrows[(2.0, 1.0)] == LEVEL_INK["groen"]
    # an expected likelihood of 0 (fully controlled) is on the map, not cut off
    assert figure["layout"]["xaxis"]["range"][0] < 0

    # one lane per risk within an impact row: no two rings of different risks coincide
    ring = next(t for t in figure["data"] if t["meta"] == "expected")
    points = list(zip(ring["x"], ring["y"], strict=True))
    assert len(set(points)) == 5
    assert all(abs(y - i) < 0.5 for y, i in zip(ring["y"], risks["impact"], strict=True))
    step = LANE_SPAN / 3
    assert list(lanes(risks)) == pytest.approx([3 + step, 3, 3 - step, 5, 2])
    assert list(ring["y"]) == pytest.approx(list(lanes(risks)))
    reversed_lanes = lanes(risks.iloc[::-1]).sort_index()
    assert list(reversed_lanes) == pytest.approx([3 - step, 3, 3 + step, 5, 2])


def test_the_maps_hover_writes_numbers_the_dutch_way() -> None:
    risks = _risks(
        risk_id=["A"],
        impact=[3],
        expected_likelihood=[1.25],
        observed_likelihood=[4],
        level=["rood"],
    )
    figure = risk_heatmap(risks, [4, 9], "nl").to_dict()
    hover = next(t for t in figure["data"] if t["meta"] == "observed")["hovertext"][0]
    assert "+8,2" in hover and "1,2" in hover  # gap 3 x (4 - 1,25) = 8,25, half to even
    assert figure["layout"]["separators"] == ",."


def test_the_map_colours_cells_by_the_appetite_limits() -> None:
    risks = _risks(risk_id=["A"], impact=[1], expected_likelihood=[1.0], observed_likelihood=[1])
    figure = risk_heatmap(risks, [4, 9], "en").to_dict()
    fill = {
        (round((s["x0"] + s["x1"]) / 2), round((s["y0"] + s["y1"]) / 2)): s["fillcolor"]
        for s in figure["layout"]["shapes"]
    }
    assert len(fill) == 25
    low, mid, high = fill[(1, 1)], fill[(3, 3)], fill[(5, 5)]
    assert len({low, mid, high}) == 3
    assert fill[(2, 2)] == fill[(4, 1)] == low  # 4: the first limit still counts as low
    assert fill[(5, 1)] == fill[(3, 3)] == mid  # 5 and 9
    assert fill[(2, 5)] == high  # 10


def test_a_department_whose_scores_are_all_hidden_gets_no_all_clear(demo_env: Path) -> None:
    """Hidden is not healthy: where every score of a department is suppressed, the
    finding says so, in grey, never a green "geen rode kloof"."""
    hidden = _mart(
        demo_env,
        "select period, org_unit_id from report_risk_scores where period_type = 'quarter' "
        "and org_level = 'afdeling' group by all having bool_and(suppressed) "
        "order by period desc, org_unit_id limit 1",
    )
    assert not hidden.empty, "the demo has a department with every score suppressed"
    at = run_app("overview.py")
    at.selectbox(key="f_quarter").set_value(hidden["period"].iloc[0]).run()
    at.selectbox(key="f_department").set_value(hidden["org_unit_id"].iloc[0]).run()
    assert not at.exception
    badge, sentence = at.markdown[1].value, at.markdown[2].value
    assert badge.startswith(":gray-badge[") and "geen score" in badge
    assert "onderdrukt" in sentence
    assert "geen rode kloof" not in badge.lower()


def test_no_two_risks_marks_touch_on_the_map(catalogue) -> None:
    """Each risk has its own lane in its impact row; with the catalogue's fullest row the
    lanes lie further apart (in pixels of the drawn map) than a ring is wide, so no mark
    of one risk covers another's, wherever the likelihoods put them."""
    from dashboard.charts import MAP_HEIGHT

    risks = pd.DataFrame(
        {"risk_id": [r.id for r in catalogue.risks], "impact": [r.impact for r in catalogue.risks]}
    )
    figure = risk_heatmap(
        _risks(
            risk_id=list(risks["risk_id"]),
            impact=list(risks["impact"]),
            expected_likelihood=[1.0] * len(risks),
            observed_likelihood=[1] * len(risks),
        ),
        [4, 9, 14],
        "nl",
    ).to_dict()
    layout = figure["layout"]
    plot_px = MAP_HEIGHT - layout["margin"]["t"] - layout["margin"]["b"] - 40  # axis title
    px_per_impact = plot_px / (layout["yaxis"]["range"][1] - layout["yaxis"]["range"][0])
    ring = next(t for t in figure["data"] if t["meta"] == "expected")["marker"]
    widest = ring["size"] + 2 * ring["line"]["width"]
    lane = lanes(risks)
    for _, row in risks.groupby("impact"):
        ys = sorted(lane[row.index])
        gaps = [b - a for a, b in zip(ys, ys[1:], strict=False)]
        if gaps:
            assert min(gaps) * px_per_impact > widest, (row["risk_id"].tolist(), min(gaps))
