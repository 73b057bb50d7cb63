"""The Fraudedriehoek page under AppTest on the small demo: the factors side by side and the
finding, checked against the published marts read directly with DuckDB. The comparison
itself is the report_fraud_triangle mart's, tested in tests/golden/."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.apphelpers import run_app
from tests.readers import reading


def query(home: Path, sql: str, *params: object) -> pd.DataFrame:
    with reading(str(home / "warehouse.duckdb")) as con:
        return con.execute(sql, list(params)).df()


def factor_tables(at) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe if "Kloof" in d.value.columns]


def finding(at) -> pd.DataFrame | None:
    return next((d.value for d in at.dataframe if "Rode risico's" in d.value.columns), None)


@pytest.fixture
def page(demo_env: Path):
    at = run_app("fraud_triangle.py")
    assert not at.exception
    return at


def test_the_three_factors_stand_side_by_side_with_likelihood_and_control(
    page, demo_env: Path
) -> None:
    quarter = page.selectbox(key="f_quarter").value
    risks = query(
        demo_env,
        """select risk_id, category_name_nl from dim_risks
        where category in ('gelegenheid', 'druk', 'rationalisatie')
        order by category_order, risk_id""",
    )
    scores = query(
        demo_env,
        """select s.risk_id, s.observed_likelihood, s.control_effectiveness
        from report_risk_scores as s
        inner join dim_org_units as u on s.org_unit_id = u.org_unit_id
        where s.period_type = 'quarter' and s.period = ? and u.org_level = 'organisatie'""",
        quarter,
    ).set_index("risk_id")
    assert page.title[0].value == "Fraudedriehoek"
    factors = list(risks["category_name_nl"].unique())
    assert [s.value for s in page.subheader][: len(factors)] == factors
    tables = factor_tables(page)
    assert len(tables) == 3
    shown = pd.concat(tables, ignore_index=True)
    ids = [r.split(" · ")[0] for r in shown["Risico"]]
    assert ids == list(risks["risk_id"])
    assert list(shown["Kans"].astype(float)) == list(
        scores.loc[ids, "observed_likelihood"].astype(float)
    )
    assert list(shown["Beheersing"]) == pytest.approx(
        list(scores.loc[ids, "control_effectiveness"])
    )
    assert len(page.get("plotly_chart")) == 1


@pytest.fixture
def finding_home(demo_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo whose mart shows the finding for one department in one
    quarter: with calibrated scores the small demo itself has no department where
    pressure or rationalisation is red despite controls (the test below checks that the
    page then says so), so the page is also shown a mart that has one."""
    home = tmp_path / "home"
    shutil.copytree(demo_home, home)
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute(
            """update report_fraud_triangle set is_pressure_despite_controls = true
            where (period, org_unit_id, factor) = (
                select (period, org_unit_id, factor) from report_fraud_triangle
                where org_level = 'afdeling' and factor in ('druk', 'rationalisatie')
                order by period desc, org_unit_id, factor limit 1)"""
        )
    monkeypatch.setenv("RADAR_HOME", str(home))
    return home


def _finding_follows_the_mart(home: Path) -> int:
    at = run_app("fraud_triangle.py")
    assert not at.exception
    flagged = query(
        home,
        """select t.period, u.org_unit_name
        from report_fraud_triangle as t
        inner join dim_org_units as u on t.org_unit_id = u.org_unit_id
        where t.org_level = 'afdeling' and t.is_pressure_despite_controls""",
    )
    for quarter in at.selectbox(key="f_quarter").options:
        at.selectbox(key="f_quarter").set_value(quarter).run()
        assert not at.exception
        expected = set(flagged.loc[flagged["period"] == quarter, "org_unit_name"])
        table = finding(at)
        if expected:
            assert set(table["Afdeling"]) == expected, quarter
        else:
            assert table is None
            assert any("geen afdeling" in s.value for s in at.success), quarter
    return len(flagged)


def test_the_finding_lists_exactly_the_departments_the_mart_flags(demo_env: Path) -> None:
    _finding_follows_the_mart(demo_env)


def test_a_department_the_mart_flags_is_listed(finding_home: Path) -> None:
    assert _finding_follows_the_mart(finding_home) >= 1


def test_the_factor_columns_follow_the_department_filter(page, demo_env: Path) -> None:
    quarter = page.selectbox(key="f_quarter").value
    red = query(
        demo_env,
        """select t.org_unit_id, u.org_unit_name, t.factor, t.red_risk_ids
        from report_fraud_triangle as t
        inner join dim_org_units as u on t.org_unit_id = u.org_unit_id
        where t.period = ? and t.org_level = 'afdeling' and t.is_signal_red
        order by t.org_unit_id, t.factor_order""",
        quarter,
    ).iloc[0]
    page.selectbox(key="f_department").set_value(red["org_unit_id"]).run()
    assert not page.exception
    assert page.header[0].value == f"Per factor: {red['org_unit_name']}, {quarter}"
    badge = f":red-badge[:material/warning: Rood signaal: {red['red_risk_ids']}]"
    assert badge in [m.value for m in page.markdown]
    assert not page.error  # a red signal is a finding, not an error box


def test_the_language_switch_shows_the_page_in_english(demo_env: Path) -> None:
    at = run_app("fraud_triangle.py", lang="en")
    assert not at.exception
    assert at.title[0].value == "Fraud triangle"
    assert [s.value for s in at.subheader][:3] == ["Opportunity", "Pressure", "Rationalisation"]
    assert at.header[1].value == "Controls in place, but pressure or rationalisation red"


def test_without_a_warehouse_the_page_says_how_to_build_one(empty_home: Path) -> None:
    at = run_app("fraud_triangle.py")
    assert not at.exception
    assert "radar build" in at.info[0].value


def test_a_warehouse_without_data_says_there_are_no_scores_yet(radar_home: Path) -> None:
    at = run_app("fraud_triangle.py")
    assert not at.exception
    assert "radar ingest" in at.info[0].value


def test_a_risk_without_enough_evidence_shows_onvoldoende_gegevens(demo_env: Path) -> None:
    """In the factor table and the departments x risks map: the words, not a blank."""
    import html
    import json

    at = run_app("fraud_triangle.py")
    quarter = at.selectbox(key="f_quarter").value
    cases = query(
        demo_env,
        """select s.risk_id, s.org_unit_id, u.org_unit_name from report_risk_scores as s
        inner join dim_risks as r using (risk_id)
        inner join dim_org_units as u using (org_unit_id)
        where s.period_type = 'quarter' and s.period = ? and u.org_level = 'afdeling'
          and r.category in ('gelegenheid', 'druk', 'rationalisatie')
          and s.score_rule = 'onvoldoende_gegevens'
        order by s.org_unit_id, s.risk_id""",
        quarter,
    )
    assert not cases.empty
    case = cases.iloc[0]
    at.selectbox(key="f_department").set_value(case["org_unit_id"]).run()
    assert not at.exception
    shown = pd.concat(factor_tables(at), ignore_index=True).set_index("Risico")
    row = shown.loc[[r for r in shown.index if r.startswith(f"{case['risk_id']} · ")][0]]
    assert row["Kloof"] == "onvoldoende gegevens" and row["Kans"] == "–"

    (chart,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    cells = {
        (html.unescape(y).removeprefix("⚠ "), x.split("<br>")[0]): text
        for trace in chart["data"]
        for y, row_text in zip(trace["y"], trace["text"], strict=True)
        for x, text in zip(trace["x"], row_text, strict=True)
    }
    for unit, risk in zip(cases["org_unit_name"], cases["risk_id"], strict=True):
        assert cells[(unit, risk)] == "onvoldoende<br>gegevens", (unit, risk)
