"""The Overzicht page against the built demo: what it draws and lists is what the marts say."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.charts import LANE_SPAN, lanes, risk_heatmap
from tests.apphelpers import frame_with, run_app


def _mart(home: Path, sql: str, *params) -> pd.DataFrame:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql, list(params)).df()


def _positions(figure: dict) -> dict[str, dict[str, tuple[int, int]]]:
    """Per trace ("inherent", "observed"): risk id -> (impact, likelihood), unshifted."""
    return {
        trace["meta"]: {row[0]: (row[2], row[3]) for row in trace.get("customdata", [])}
        for trace in figure["data"]
        if trace.get("meta") in ("inherent", "observed")
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


def _top_gaps(home: Path, quarter: str, unit: str) -> pd.DataFrame:
    """The five largest positive gaps; ties in register order."""
    return _mart(
        home,
        "select risk_id, observed_score, expected_residual, assurance_gap, exceeds_appetite, "
        "coverage from report_risk_scores join dim_risks using (risk_id) "
        "where period_type = 'quarter' and period = ? and org_unit_id = ? "
        "and assurance_gap > 0 order by assurance_gap desc, category_order, risk_id limit 5",
        quarter,
        unit,
    )


def _assert_gap_table_matches(at: AppTest, expected: pd.DataFrame) -> None:
    shown = frame_with(at, "Kloof")
    assert list(shown["Kloof"]) == sorted(shown["Kloof"], reverse=True)
    assert list(shown["Kloof"]) == pytest.approx(list(expected["assurance_gap"]))
    assert list(shown["ID"]) == list(expected["risk_id"])
    assert list(shown["Score data"]) == list(expected["observed_score"])
    assert list(shown["Verwacht restrisico"]) == pytest.approx(list(expected["expected_residual"]))
    assert list(shown["Boven bereidheid"]) == list(expected["exceeds_appetite"])
    assert list(shown["Dekking"]) == pytest.approx(list(expected["coverage"]))


def test_the_overview_shows_register_and_data_and_follows_quarter_and_department(
    demo_env: Path,
) -> None:
    home = demo_env
    risks = _mart(home, "select * from dim_risks")
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
    assert [s.value for s in at.subheader][:3] == [
        "Risicokaart: register en data",
        "Actualiteit van de data",
        "Grootste zekerheidskloof",
    ]

    # every risk at its register position, and where the data puts it for the organisation
    drawn = _positions(_figure(at))
    assert drawn["inherent"] == {
        r.risk_id: (r.impact, r.inherent_likelihood) for r in risks.itertuples()
    }
    assert len(drawn["inherent"]) == 19
    newest_positions = _observed(home, newest, org_id)
    assert drawn["observed"] == newest_positions
    _assert_gap_table_matches(at, _top_gaps(home, newest, org_id))

    # what moved: the changes mart for the same unit and quarter
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

    # freshness: the stale datasets of the mart are named
    stale = _mart(home, "select dataset from report_data_freshness where is_stale")["dataset"]
    assert not stale.empty
    assert all(d in at.warning[0].value for d in stale)
    assert set(frame_with(at, "Status")["Dataset"]) == set(
        _mart(home, "select dataset from report_data_freshness")["dataset"]
    )

    # another quarter: other observed positions, and no quarter before the first one
    at.selectbox(key="f_quarter").set_value(oldest).run()
    assert not at.exception
    oldest_positions = _observed(home, oldest, org_id)
    assert oldest_positions != newest_positions
    assert _positions(_figure(at))["observed"] == oldest_positions
    _assert_gap_table_matches(at, _top_gaps(home, oldest, org_id))
    assert any("Geen vergelijking mogelijk" in i.value for i in at.info)

    # a department: its own scores; suppressed risks keep only their register marker
    at.selectbox(key="f_quarter").set_value(newest).run()
    at.selectbox(key="f_department").set_value("STR").run()
    assert not at.exception
    assert "Strategie & Beleid" in at.markdown[0].value
    str_positions = _observed(home, newest, "STR")
    drawn = _positions(_figure(at))
    assert drawn["observed"] == str_positions != newest_positions
    assert len(drawn["inherent"]) == 19
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
    _assert_gap_table_matches(at, _top_gaps(home, newest, "STR"))


def test_the_overview_speaks_english_when_asked(demo_env: Path) -> None:
    at = run_app("overview.py", lang="en")
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert "Largest assurance gap" in [s.value for s in at.subheader]
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
    return frame.assign(
        name=frame["risk_id"],
        inherent_score=frame["impact"] * frame["inherent_likelihood"],
        observed_score=frame["impact"] * frame["observed_likelihood"],
        expected_residual=[1.0] * n,
        assurance_gap=[0.5] * n,
        level_name=["Groen"] * n,
        coverage=[1.0] * n,
    )


def test_risks_in_one_cell_are_drawn_apart_with_their_true_positions_in_the_data() -> None:
    risks = _risks(
        risk_id=["A", "B", "C", "D"],
        impact=[3, 3, 3, 5],
        inherent_likelihood=[2, 2, 4, 1],
        observed_likelihood=[2, 4, None, 5],
    )
    figure = risk_heatmap(risks, [4, 9, 14], "nl").to_dict()
    drawn = _positions(figure)
    assert drawn["inherent"] == {"A": (3, 2), "B": (3, 2), "C": (3, 4), "D": (5, 1)}
    assert drawn["observed"] == {"A": (3, 2), "B": (3, 4), "D": (5, 5)}  # C has no data

    # one lane per risk within an impact row: no two markers of different risks coincide
    inherent = next(t for t in figure["data"] if t["meta"] == "inherent")
    points = list(zip(inherent["x"], inherent["y"], strict=True))
    assert len(set(points)) == 4
    assert all(abs(y - i) < 0.5 for y, i in zip(inherent["y"], risks["impact"], strict=True))
    # lanes follow register order, top first, spread evenly around the impact row; a risk
    # alone in its row sits on it; reversing the order reverses the lanes in a row
    step = LANE_SPAN / 3
    assert list(lanes(risks)) == pytest.approx([3 + step, 3, 3 - step, 5])
    assert list(inherent["y"]) == pytest.approx(list(lanes(risks)))
    reversed_lanes = lanes(risks.iloc[::-1]).sort_index()
    assert list(reversed_lanes) == pytest.approx([3 - step, 3, 3 + step, 5])

    # an arrow for each risk the data moved (B and D), none for A (same cell) or C
    arrows = [a for a in figure["layout"]["annotations"] if a.get("showarrow")]
    assert sorted((a["ax"], a["x"]) for a in arrows) == [(1.0, 5.0), (2.0, 4.0)]


def test_the_map_colours_cells_by_the_appetite_limits() -> None:
    risks = _risks(risk_id=["A"], impact=[1], inherent_likelihood=[1], observed_likelihood=[1])
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
