"""The Rode vlaggen page under AppTest on the small demo: every number it shows is checked
against the published marts, read directly with DuckDB."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipelines.core import formats
from pipelines.core.texts import t
from tests.apphelpers import frame_with, run_app
from tests.formathelpers import assert_shown
from tests.readers import reading

SUPPRESSED = "onderdrukt (te kleine groep)"
# A level in a table: its coloured mark and its name.
LEVELS = {"groen": "🟢 Groen", "oranje": "🟠 Oranje", "rood": "🔴 Rood"}


def query(home: Path, sql: str, *params: object) -> pd.DataFrame:
    with reading(str(home / "warehouse.duckdb")) as con:
        return con.execute(sql, list(params)).df()


def latest_quarter(home: Path) -> str:
    return query(home, "select max(period) as q from report_risk_changes")["q"].iloc[0]


def explanations(home: Path, risk: str, quarter: str, unit: str, lang: str = "nl"):
    """The mart's indicator rows, each with its label as the page names it: the name and
    the unit (pipelines/core/locales/ui/explain.yaml ex_unit_name) in brackets."""
    rows = query(
        home,
        """select * from report_risk_explanations
        where risk_id = ? and period_type = 'quarter' and period = ? and org_unit_id = ?
        order by indicator_id""",
        risk,
        quarter,
        unit,
    )
    return rows.assign(
        label=[
            f"{name} ({t(u, lang, group='ex_unit_name')})"
            for name, u in zip(rows[f"indicator_name_{lang}"], rows["unit"], strict=True)
        ]
    )


def numbers(values: pd.Series) -> list[float | None]:
    return [None if pd.isna(v) else round(float(v), 9) for v in values]


def assert_indicator_table_matches(shown: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert len(expected) > 0
    assert list(shown["Indicator"]) == list(expected["label"])
    for column, source in [
        ("Waarde", "value"),
        ("n", "n"),
        ("Organisatie", "org_value"),
        ("Oranje vanaf", "amber_threshold"),
        ("Rood vanaf", "red_threshold"),
        ("Gewicht", "weight"),
        ("Kans", "likelihood"),
    ]:
        assert_shown(shown[column], expected[source], what=column)
    levels = [
        SUPPRESSED if s else LEVELS.get(lv)
        for lv, s in zip(expected["level"], expected["suppressed"], strict=True)
    ]
    for got, want in zip(shown["Niveau"], levels, strict=True):
        if want is not None:
            assert got == want


@pytest.fixture
def page(demo_env: Path):
    at = run_app("red_flags.py")
    assert not at.exception
    return at


def test_the_page_shows_the_flag_its_trend_departments_scores_and_controls(
    page, demo_env: Path
) -> None:
    flags = query(demo_env, "select risk_id from dim_risks where category = 'red_flag'")
    org = query(demo_env, "select * from dim_org_units where org_level = 'organisatie'")
    units = query(demo_env, "select count(*) as n from dim_org_units")["n"].iloc[0]
    assert page.title[0].value == "Rode vlaggen"
    picker = page.selectbox(key="rf_risk")
    assert picker.value == "RF1"
    assert [o.split(" · ")[0] for o in picker.options] == sorted(flags["risk_id"])
    assert len(page.get("plotly_chart")) == 2
    subheaders = [s.value for s in page.subheader]
    assert f"Trend per kwartaal: {org['org_unit_name'].iloc[0]}" in subheaders
    assert "Per afdeling" in subheaders and "Beheersmaatregelen" in subheaders
    # every unit of the organisation has a row in the scores table (RF1 may go to teams)
    assert len(frame_with(page, "Zekerheidskloof")) == units
    controls = query(
        demo_env,
        "select control_measure_id from report_risk_controls where risk_id = 'RF1'",
    )
    shown = frame_with(page, "Laatste test")
    assert sorted(shown["ID"]) == sorted(controls["control_measure_id"])


def test_the_indicator_table_of_a_chosen_department_matches_the_explanations_mart(
    page, demo_env: Path
) -> None:
    quarter = latest_quarter(demo_env)
    departments = query(
        demo_env,
        """select org_unit_id from report_risk_scores
        where risk_id = 'RF1' and period_type = 'quarter' and period = ?
          and org_level = 'afdeling' and not suppressed
        order by org_unit_id""",
        quarter,
    )["org_unit_id"]
    for unit in departments[:2]:
        page.selectbox(key="rf_unit").set_value(unit).run()
        assert not page.exception
        assert_indicator_table_matches(
            frame_with(page, "Oranje vanaf"), explanations(demo_env, "RF1", quarter, unit)
        )


def test_the_drill_down_opens_a_team_score_with_its_suppressed_rows_marked(
    page, demo_env: Path
) -> None:
    quarter = latest_quarter(demo_env)
    teams = query(
        demo_env,
        """select e.org_unit_id, u.org_unit_name, u.department_name, bool_and(e.suppressed) as all_
        from report_risk_explanations as e
        inner join dim_org_units as u on e.org_unit_id = u.org_unit_id
        where e.risk_id = 'RF1' and e.period_type = 'quarter' and e.period = ?
          and u.org_level = 'team'
        group by all
        having bool_or(e.suppressed)
        order by all_, e.org_unit_id""",
        quarter,
    )
    partly, fully = teams[~teams["all_"]].iloc[0], teams[teams["all_"]].iloc[0]

    page.selectbox(key="rf_unit").set_value(partly["org_unit_id"]).run()
    shown = frame_with(page, "Oranje vanaf")
    expected = explanations(demo_env, "RF1", quarter, partly["org_unit_id"])
    assert_indicator_table_matches(shown, expected)
    hidden = shown[shown["Niveau"] == SUPPRESSED]
    assert len(hidden) == int(expected["suppressed"].sum()) > 0
    assert hidden["Waarde"].eq("–").all() and hidden["n"].eq("–").all()
    title = f"{partly['department_name']} › {partly['org_unit_name']}"
    assert any(title in s.value for s in page.subheader)

    unit_picker = page.selectbox(key="rf_unit")
    name = f"{fully['department_name']} › {fully['org_unit_name']}"
    assert f"{name} — {SUPPRESSED}" in unit_picker.options
    unit_picker.set_value(fully["org_unit_id"]).run()
    assert any("onderdrukt" in w.value for w in page.warning)
    shown = frame_with(page, "Oranje vanaf")
    assert (shown["Niveau"] == SUPPRESSED).all() and shown["Waarde"].eq("–").all()


def test_switching_the_red_flag_changes_indicators_and_controls(page, demo_env: Path) -> None:
    quarter = latest_quarter(demo_env)
    org = query(demo_env, "select org_unit_id from dim_org_units where org_level = 'organisatie'")
    org_id = org["org_unit_id"].iloc[0]
    before = list(frame_with(page, "Oranje vanaf")["Indicator"])
    assert before == list(explanations(demo_env, "RF1", quarter, org_id)["label"])

    page.selectbox(key="rf_risk").set_value("RF3").run()
    assert not page.exception
    after = frame_with(page, "Oranje vanaf")
    assert_indicator_table_matches(after, explanations(demo_env, "RF3", quarter, org_id))
    assert list(after["Indicator"]) != before
    assert all(i.startswith("RF3-") for i in frame_with(page, "Laatste test")["ID"])


def test_rf7_offers_no_team_at_any_level_of_the_filter(page, demo_env: Path) -> None:
    units = query(demo_env, "select * from dim_org_units")
    org = units[units["org_level"] == "organisatie"]["org_unit_name"].tolist()
    depts = sorted(units[units["org_level"] == "afdeling"]["org_unit_name"])
    teams_of_vh = units[(units["org_level"] == "team") & (units["department_id"] == "VH")]

    page.selectbox(key="rf_risk").set_value("RF7").run()
    assert not page.exception
    options = [o.split(" — ")[0] for o in page.selectbox(key="rf_unit").options]
    assert options == org + depts
    assert "Team" not in set(frame_with(page, "Zekerheidskloof")["Soort eenheid"])

    page.selectbox(key="f_department").set_value("VH").run()
    assert [o.split(" — ")[0] for o in page.selectbox(key="rf_unit").options] == ["Verhuur & Wonen"]
    # the same department under another red flag does offer its teams
    page.selectbox(key="rf_risk").set_value("RF1").run()
    assert len(page.selectbox(key="rf_unit").options) == 1 + len(teams_of_vh)


def test_the_language_switch_shows_the_page_in_english(demo_env: Path) -> None:
    at = run_app("red_flags.py", lang="en")
    assert not at.exception
    assert at.title[0].value == "Red flags"
    org_id = query(
        demo_env, "select org_unit_id from dim_org_units where org_level = 'organisatie'"
    )
    expected = explanations(
        demo_env, "RF1", latest_quarter(demo_env), org_id["org_unit_id"].iloc[0], "en"
    )
    assert list(frame_with(at, "Amber from")["Indicator"]) == list(expected["label"])
    assert "Control measures" in [s.value for s in at.subheader]


def test_without_a_warehouse_the_page_says_how_to_build_one(empty_home: Path) -> None:
    at = run_app("red_flags.py")
    assert not at.exception
    assert "radar build" in at.info[0].value


def test_a_warehouse_without_data_says_there_are_no_scores_yet(radar_home: Path) -> None:
    at = run_app("red_flags.py")
    assert not at.exception
    assert "radar ingest" in at.info[0].value


def test_a_red_flag_without_enough_evidence_shows_onvoldoende_gegevens(
    page, demo_env: Path
) -> None:
    """Headline, scores table and unit picker say "onvoldoende gegevens", never a blank
    or "None"; every scored unit states its coverage."""
    quarter = latest_quarter(demo_env)
    case = query(
        demo_env,
        """select s.risk_id, s.org_unit_id, u.org_unit_name, s.coverage
        from report_risk_scores as s
        inner join dim_risks as r using (risk_id)
        inner join dim_org_units as u using (org_unit_id)
        where s.period_type = 'quarter' and s.period = ? and r.category = 'red_flag'
          and u.org_level = 'afdeling' and s.score_rule = 'onvoldoende_gegevens'
        order by s.org_unit_id, s.risk_id limit 1""",
        quarter,
    ).iloc[0]
    page.selectbox(key="rf_risk").set_value(case["risk_id"]).run()
    page.selectbox(key="f_department").set_value(case["org_unit_id"]).run()
    assert not page.exception
    headline = page.info[0].value
    assert "**onvoldoende gegevens** in dit kwartaal, dus geen score" in headline
    assert f"dekken {formats.percent(case['coverage'], 'nl')} van het gewicht" in headline
    assert not page.metric  # no numbers for a score that has none

    table = frame_with(page, "Zekerheidskloof")
    row = table[table["Eenheid"] == case["org_unit_name"]].iloc[0]
    assert row["Niveau"] == "onvoldoende gegevens"
    # a column with a dash in it is written out as text; without one it keeps its numbers
    # and the Styler writes them (charts_flags.styled): either way the coverage shown
    if isinstance(row["Dekking"], str):
        assert row["Dekking"] == formats.percent(case["coverage"], "nl")
    else:
        assert row["Dekking"] == pytest.approx(case["coverage"])
    assert row["Waargenomen kans"] == formats.MISSING
    # a coverage for every unit with a score row that is not suppressed
    has_score = ~table["Niveau"].isin([SUPPRESSED, formats.MISSING])
    assert has_score.any()
    assert table["Dekking"].ne(formats.MISSING).tolist() == has_score.tolist()
    assert "None" not in " ".join(str(v) for v in table["Niveau"].dropna())
    label = f"{case['org_unit_name']} — onvoldoende gegevens"
    assert label in page.selectbox(key="rf_unit").options


def test_a_scored_red_flag_states_its_coverage_and_rule(page, demo_env: Path) -> None:
    quarter = latest_quarter(demo_env)
    org = query(
        demo_env,
        """select s.coverage, s.score_rule from report_risk_scores as s
        inner join dim_org_units as u using (org_unit_id)
        where s.risk_id = 'RF1' and s.period_type = 'quarter' and s.period = ?
          and u.org_level = 'organisatie'""",
        quarter,
    ).iloc[0]
    words = {
        "gewogen_gemiddelde": "gewogen gemiddelde",
        "begrensd": "begrensd op de hoofdindicator",
    }
    caption = next(c.value for c in page.caption if c.value.startswith("Dekking "))
    assert caption == (
        f"Dekking {formats.percent(org['coverage'], 'nl')} van het gewicht van de indicatoren · "
        "regel: "
        f"{words.get(org['score_rule'], org['score_rule'])}"
    )
