"""The score explanation (dashboard/explain.py) on Fraudedriehoek and Overzicht under
AppTest on the small demo: whatever score is opened shows exactly the indicator rows of
report_risk_explanations for that risk, unit and quarter, the control measures of the
risk and the mart's numbers in its formula; a risk shown in aggregate only (RF7) is never
opened for a team. Expected values are read from the warehouse with DuckDB."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.core.texts import t
from tests.apphelpers import frame_with, run_app
from tests.test_app_red_flags import (
    LEVELS,
    SUPPRESSED,
    assert_indicator_table_matches,
    explanations,
    query,
)

INDICATORS = "Oranje vanaf"  # a column only the indicator table has


def dutch(text: str) -> str:
    """A number written by Python ('+8.1', '0.032') with the Dutch decimal comma."""
    return text.replace(".", ",")


def percentage(share: float) -> str:
    """A share as the pages write it in Dutch: '54 %'."""
    return f"{100 * share:.0f} %"


def latest_quarter(home: Path) -> str:
    return query(home, "select max(period) as q from report_risk_changes")["q"].iloc[0]


def organisation(home: Path) -> pd.Series:
    return query(home, "select * from dim_org_units where org_level = 'organisatie'").iloc[0]


def score(home: Path, risk: str, quarter: str, unit: str) -> pd.Series:
    return query(
        home,
        """select s.*, r.impact from report_risk_scores as s
        inner join dim_risks as r using (risk_id)
        where s.risk_id = ? and s.period_type = 'quarter' and s.period = ?
          and s.org_unit_id = ?""",
        risk,
        quarter,
        unit,
    ).iloc[0]


def largest_gap(home: Path, quarter: str, unit: str) -> str:
    """The risk whose gap is largest for the unit: first row of the Overzicht gap table."""
    return query(
        home,
        """select risk_id from report_risk_scores inner join dim_risks using (risk_id)
        where period_type = 'quarter' and period = ? and org_unit_id = ?
        order by assurance_gap desc nulls last, category_order, risk_id limit 1""",
        quarter,
        unit,
    )["risk_id"].iloc[0]


def assert_explains(at: AppTest, home: Path, risk: str, quarter: str, unit: str) -> None:
    """The drill-down on the page is that of (risk, quarter, unit): its indicator rows,
    the formula's numbers (or that the score is suppressed) and the risk's controls."""
    assert not at.exception
    assert_indicator_table_matches(
        frame_with(at, INDICATORS), explanations(home, risk, quarter, unit)
    )
    expected = score(home, risk, quarter, unit)
    if expected["suppressed"]:
        assert any("onderdrukt" in w.value for w in at.warning)
    elif pd.isna(expected["observed_score"]):
        assert any("geen score" in i.value for i in at.info)
    else:
        formula = next(m.value for m in at.markdown if m.value.startswith("Waargenomen kans **"))
        assert f"× impact **{expected['impact']}**" in formula
        assert f"= score **{expected['observed_score']}**" in formula
        assert f"Zekerheidskloof **{dutch(format(expected['assurance_gap'], '+.1f'))}**" in formula
    controls = query(
        home, "select control_measure_id from report_risk_controls where risk_id = ?", risk
    )
    assert sorted(frame_with(at, "Laatste test")["ID"]) == sorted(controls["control_measure_id"])


# --- Fraudedriehoek ------------------------------------------------------------------


def test_every_fraud_triangle_risk_opens_to_its_indicators_for_the_organisation(
    demo_env: Path,
) -> None:
    at = run_app("fraud_triangle.py")
    assert not at.exception
    quarter = at.selectbox(key="f_quarter").value
    org = organisation(demo_env)
    risks = query(
        demo_env,
        """select risk_id from dim_risks
        where category in ('gelegenheid', 'druk', 'rationalisatie')
        order by category_order, risk_id""",
    )["risk_id"].tolist()
    picker = at.selectbox(key="ft_explain_risk")
    assert [o.split(" · ")[0] for o in picker.options] == risks  # the 12, no red flag
    assert picker.value == risks[0]
    assert f"Toelichting: {org['org_unit_name']}, {quarter}" in [h.value for h in at.header]
    for risk in risks:
        at.selectbox(key="ft_explain_risk").set_value(risk).run()
        assert_explains(at, demo_env, risk, quarter, org["org_unit_id"])


def test_the_fraud_triangle_explanation_follows_department_and_quarter(demo_env: Path) -> None:
    # a department whose rows are partly suppressed in some risk: those say so, no value
    quarters = query(
        demo_env,
        "select distinct period from report_risk_scores where period_type = 'quarter' "
        "order by period desc",
    )["period"]
    case = query(
        demo_env,
        """select e.risk_id, e.org_unit_id, u.org_unit_name
        from report_risk_explanations as e
        inner join dim_org_units as u using (org_unit_id)
        inner join dim_risks as r using (risk_id)
        where e.period_type = 'quarter' and e.period = ? and u.org_level = 'afdeling'
          and r.category <> 'red_flag'
        group by all
        having bool_or(e.suppressed) and not bool_and(e.suppressed)
        order by e.org_unit_id, e.risk_id
        limit 1""",
        quarters.iloc[1],
    ).iloc[0]
    at = run_app("fraud_triangle.py")
    at.selectbox(key="f_quarter").set_value(quarters.iloc[1]).run()
    at.selectbox(key="f_department").set_value(case["org_unit_id"]).run()
    at.selectbox(key="ft_explain_risk").set_value(case["risk_id"]).run()
    assert_explains(at, demo_env, case["risk_id"], quarters.iloc[1], case["org_unit_id"])
    shown = frame_with(at, INDICATORS)
    hidden = shown[shown["Niveau"] == SUPPRESSED]
    assert 0 < len(hidden) < len(shown)
    assert hidden["Waarde"].eq("–").all() and hidden["n"].eq("–").all()
    header = f"Toelichting: {case['org_unit_name']}, {quarters.iloc[1]}"
    assert header in [h.value for h in at.header]

    # the chosen risk stays, the quarter moves
    at.selectbox(key="f_quarter").set_value(quarters.iloc[0]).run()
    assert at.selectbox(key="ft_explain_risk").value == case["risk_id"]
    assert_explains(at, demo_env, case["risk_id"], quarters.iloc[0], case["org_unit_id"])


# --- Overzicht -----------------------------------------------------------------------


def test_the_overview_opens_the_largest_gap_first_and_any_risk_on_request(
    demo_env: Path,
) -> None:
    at = run_app("overview.py")
    assert not at.exception
    quarter = at.selectbox(key="f_quarter").value
    org_id = organisation(demo_env)["org_unit_id"]
    register = query(demo_env, "select risk_id from dim_risks order by category_order, risk_id")
    picker = at.selectbox(key="ov_explain_risk")
    assert [o.split(" · ")[0] for o in picker.options] == register["risk_id"].tolist()
    assert len(picker.options) == 19
    top = largest_gap(demo_env, quarter, org_id)
    assert picker.value == top == frame_with(at, "Kloof")["ID"].iloc[0]
    assert "Waarom deze score?" in [s.value for s in at.subheader]
    assert_explains(at, demo_env, top, quarter, org_id)

    for risk in ("G2", "RF7"):
        at.selectbox(key="ov_explain_risk").set_value(risk).run()
        assert_explains(at, demo_env, risk, quarter, org_id)


def test_the_overview_explanation_follows_the_department_and_its_largest_gap(
    demo_env: Path,
) -> None:
    at = run_app("overview.py")
    quarter = at.selectbox(key="f_quarter").value
    for dept in ("STR", "VH"):
        at.selectbox(key="f_department").set_value(dept).run()
        # nobody picked a risk yet: the default moves to this unit's largest gap
        top = largest_gap(demo_env, quarter, dept)
        assert at.selectbox(key="ov_explain_risk").value == top
        assert_explains(at, demo_env, top, quarter, dept)

    # a picked risk stays picked when the unit changes
    defaults = {largest_gap(demo_env, quarter, d) for d in ("STR", "VH")}
    picked = next(r for r in ("D3", "G4", "R2") if r not in defaults)
    at.selectbox(key="ov_explain_risk").set_value(picked).run()
    at.selectbox(key="f_department").set_value("STR").run()
    assert at.selectbox(key="ov_explain_risk").value == picked
    assert_explains(at, demo_env, picked, quarter, "STR")


# --- RF7: never below department level ----------------------------------------------


def test_rf7_is_never_opened_for_a_team_on_the_overview(demo_env: Path) -> None:
    at = run_app("overview.py")
    quarter = at.selectbox(key="f_quarter").value
    at.selectbox(key="ov_explain_risk").set_value("RF7").run()
    departments = query(
        demo_env, "select org_unit_id from dim_org_units where org_level = 'afdeling'"
    )
    for dept in departments["org_unit_id"]:
        at.selectbox(key="f_department").set_value(dept).run()
        # RF7 may be a department's largest gap, so the picker's default: where it is,
        # the next department's default takes its place; pick RF7 again
        at.selectbox(key="ov_explain_risk").set_value("RF7").run()
        assert_explains(at, demo_env, "RF7", quarter, dept)


def _units_and_explanation(risk: str, quarter: str, department: str | None, unit: str) -> None:
    """A tiny page: the unit picker and the explanation of ``unit`` for ``risk``."""
    from dashboard.explain import explanation_ui, unit_ui

    unit_ui(risk, quarter, department, "nl", key="units", label="Eenheid", default=department)
    explanation_ui(risk, quarter, unit, "nl", key="probe")


def test_rf7_offers_no_team_and_refuses_to_open_one(demo_env: Path) -> None:
    quarter = latest_quarter(demo_env)
    units = query(demo_env, "select * from dim_org_units")
    teams = units[units["org_level"] == "team"]
    team = teams.iloc[0]
    for risk, opens_team in (("RF7", False), ("RF1", True)):
        for dept in units[units["org_level"] == "afdeling"].itertuples():
            at = AppTest.from_function(
                _units_and_explanation,
                args=(risk, quarter, dept.org_unit_id, team["org_unit_id"]),
                default_timeout=60,
            ).run()
            assert not at.exception
            picker = at.selectbox(key="units")
            assert picker.value == dept.org_unit_id
            offered = [o.split(" — ")[0] for o in picker.options]
            dept_teams = teams[teams["department_id"] == dept.org_unit_id]
            assert offered[0] == dept.org_unit_name
            assert len(offered) == 1 + (len(dept_teams) if opens_team else 0), (risk, dept)
            if dept.org_unit_id != team["department_id"]:
                continue
            # asked for a team directly: RF7 says why not and shows no indicator row
            if opens_team:
                assert_indicator_table_matches(
                    frame_with(at, INDICATORS),
                    explanations(demo_env, risk, quarter, team["org_unit_id"]),
                )
            else:
                assert not [d for d in at.dataframe if INDICATORS in d.value.columns]
                assert any("niet onder afdelingsniveau" in i.value for i in at.info)


def test_drill_units_never_lists_a_team_for_an_aggregate_only_risk(demo_env: Path) -> None:
    from dashboard.explain import drill_units

    units = query(demo_env, "select * from dim_org_units")
    departments = units.loc[units["org_level"] == "afdeling", "org_unit_id"]
    for department in [None, *departments]:
        assert "team" not in set(drill_units(units, department, True)["org_level"])
        assert "team" in set(drill_units(units, department, False)["org_level"])


def test_the_fraud_triangle_never_offers_rf7(demo_env: Path) -> None:
    at = run_app("fraud_triangle.py")
    options = [o.split(" · ")[0] for o in at.selectbox(key="ft_explain_risk").options]
    assert not [o for o in options if o.startswith("RF")]


# --- English -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "key", "heading"),
    [
        ("overview.py", "ov_explain_risk", "Why this score?"),
        ("fraud_triangle.py", "ft_explain_risk", "Explanation: "),
    ],
)
def test_the_explanation_speaks_english(demo_env: Path, page: str, key: str, heading: str) -> None:
    at = run_app(page, lang="en")
    assert not at.exception
    quarter = at.selectbox(key="f_quarter").value
    org_id = organisation(demo_env)["org_unit_id"]
    risk = at.selectbox(key=key).value
    names = query(demo_env, "select risk_name_en from dim_risks where risk_id = ?", risk)
    assert f"{risk} · {names['risk_name_en'].iloc[0]}" in at.selectbox(key=key).options
    assert any(heading in h.value for h in [*at.header, *at.subheader])
    shown = frame_with(at, "Amber from")
    expected = explanations(demo_env, risk, quarter, org_id, "en")
    assert list(shown["Indicator"]) == list(expected["label"])
    assert set(shown["Level"]) <= {
        "🟢 Green",
        "🟠 Amber",
        "🔴 Red",
        "suppressed (too small a group)",
        "no level (too few observations)",
    }
    assert set(shown["Direction"]) <= {"higher is worse", "lower is worse"}
    assert any(m.value.startswith("Observed likelihood **") for m in at.markdown) or any(
        "suppressed" in w.value for w in at.warning
    )
    assert "Last test" in frame_with(at, "Effectiveness").columns


# --- the method's own terms (issue 14) ----------------------------------------------

RULES_NL = {
    "gewogen_gemiddelde": "gewogen gemiddelde",
    "begrensd": "begrensd op de hoofdindicator",
    "opgetild": "opgetild door een hoofdindicator voorbij zijn waarschuwingsgrens",
}
TESTS_NL = {
    "exact_poisson": "exacte Poisson-toets tegen de rest van de organisatie (aantallen)",
    "exact_binomial": "exacte toets van Fisher tegen de rest van de organisatie (aandelen)",
    "overdispersed_binomial": "binomiale toets met spreiding tussen eenheden",
    "normal": "normale toets (gemiddelden)",
}


def _explanation(risk: str, quarter: str, unit: str, lang: str) -> None:
    """A tiny page: the explanation of one score."""
    from dashboard.explain import explanation_ui

    explanation_ui(risk, quarter, unit, lang, key="probe")


def _open(risk: str, quarter: str, unit: str, lang: str = "nl") -> AppTest:
    at = AppTest.from_function(
        _explanation, args=(risk, quarter, unit, lang), default_timeout=60
    ).run()
    assert not at.exception
    return at


def _case(home: Path, quarter: str, where: str) -> pd.Series:
    """The first board-level score of the quarter that matches ``where``."""
    return query(
        home,
        f"""select s.*, r.impact from report_risk_scores as s
        inner join dim_risks as r using (risk_id)
        where s.period_type = 'quarter' and s.period = ?
          and s.org_level in ('organisatie', 'afdeling') and ({where})
        order by s.org_level desc, s.org_unit_id, r.category_order, s.risk_id limit 1""",
        quarter,
    ).iloc[0]


def _shown_text(at: AppTest) -> str:
    parts = [
        str(e.value) for kind in ("markdown", "caption", "info", "warning") for e in at.get(kind)
    ]
    for frame in [d.value for d in at.dataframe]:
        # a missing cell (None, NaN) shows as the table's placeholder; text shows as is
        parts += [str(c) for c in frame.columns]
        parts += [v for v in frame.to_numpy().ravel() if isinstance(v, str)]
    return "\n".join(parts)


@pytest.mark.parametrize("rule", list(RULES_NL))
def test_why_this_score_names_its_rule_and_its_coverage_against_the_minimum(
    demo_env: Path, catalogue, rule: str
) -> None:
    quarter = latest_quarter(demo_env)
    case = _case(demo_env, quarter, f"s.score_rule = '{rule}'")
    at = _open(case["risk_id"], quarter, case["org_unit_id"])
    formula = next(m.value for m in at.markdown if m.value.startswith("Waargenomen kans **"))
    minimum = percentage(catalogue.settings.scoring.min_coverage)
    assert f"({RULES_NL[rule]}, uit {case['indicators_used']} indicatoren" in formula
    assert f"dekking **{percentage(case['coverage'])}**, minimaal {minimum})" in formula
    assert f"= score **{case['observed_score']}**" in formula
    caption = next(c.value for c in at.caption if c.value.startswith("Regel: "))
    assert caption.startswith(f"Regel: {RULES_NL[rule]}")
    assert f"Onder {minimum}, of zonder hoofdindicator" in caption


def test_a_score_without_enough_evidence_says_onvoldoende_gegevens_with_its_coverage(
    demo_env: Path, catalogue
) -> None:
    quarter = latest_quarter(demo_env)
    case = _case(demo_env, quarter, "s.score_rule = 'onvoldoende_gegevens'")
    assert pd.isna(case["observed_score"])
    at = _open(case["risk_id"], quarter, case["org_unit_id"])
    (info,) = [i.value for i in at.info]
    assert info.startswith("**Onvoldoende gegevens**: voor deze eenheid staat in dit kwartaal")
    minimum = percentage(catalogue.settings.scoring.min_coverage)
    assert f"dekken **{percentage(case['coverage'])}** van het gewicht" in info
    assert f"minimaal {minimum} nodig" in info
    assert not [m for m in at.markdown if m.value.startswith("Waargenomen kans")]
    assert "None" not in _shown_text(at) and "onderdrukt" not in info
    # what was observed is still shown, row for row
    assert_indicator_table_matches(
        frame_with(at, INDICATORS),
        explanations(demo_env, case["risk_id"], quarter, case["org_unit_id"]),
    )

    english = _open(case["risk_id"], quarter, case["org_unit_id"], "en")
    assert english.info[0].value.startswith("**Insufficient data**: this unit has no score")


def _counted_case(home: Path, quarter: str) -> pd.Series:
    """A department score with an indicator counted groen (a worse level of its own, but
    not past its warn limit) and a suppressed row beside it if any."""
    return query(
        home,
        """select e.risk_id, e.org_unit_id from report_risk_explanations as e
        inner join dim_org_units as u using (org_unit_id)
        where e.period_type = 'quarter' and e.period = ? and u.org_level = 'afdeling'
        group by all
        having bool_or(e.counted_level <> e.level)
        order by bool_or(e.suppressed) desc, e.org_unit_id, e.risk_id limit 1""",
        quarter,
    ).iloc[0]


def _decimal(value: float, places: int) -> str:
    return f"{value:.{places}f}".replace(".", ",")


def test_the_test_table_gives_role_test_p_value_alarm_limit_and_level_counted(
    demo_env: Path, catalogue
) -> None:
    quarter = latest_quarter(demo_env)
    case = _counted_case(demo_env, quarter)
    at = _open(case["risk_id"], quarter, case["org_unit_id"])
    expected = explanations(demo_env, case["risk_id"], quarter, case["org_unit_id"])
    shown = frame_with(at, "Toets")
    assert list(shown["Indicator"]) == list(expected["label"])
    levels = LEVELS  # the mark and the Dutch name of risks/settings.yaml levels
    counted_as_org = 0
    for got, want in zip(shown.to_dict("records"), expected.to_dict("records"), strict=True):
        assert got["Rol"] == ("hoofdindicator" if want["is_main"] else "ondersteunend")
        if want["suppressed"]:
            assert got["Toets"] == got["p-waarde"] == got["Alarmgrens"] == ""
            assert got["Geteld als"] == SUPPRESSED
            continue
        if pd.isna(want["p_value"]):
            assert got["Toets"] == "niet getoetst"
            continue
        assert got["Toets"] == TESTS_NL[want["test_kind"]]
        p = want["p_value"]
        assert got["p-waarde"] == ("< 0,001" if p < 0.001 else _decimal(p, 3))
        side = "vanaf" if want["direction"] == "higher_is_worse" else "tot en met"
        if pd.notna(want["alarm_limit"]):
            unit = t(want["unit"], "nl", group="ex_unit")
            assert got["Alarmgrens"] == f"{side} {_decimal(want['alarm_limit'], 1)} {unit}"
        assert got["Voorbij alarmgrens"] == ("ja" if want["flagged"] else "nee")
        assert got["Voorbij waarschuwingsgrens"] == ("ja" if want["past_warn"] else "nee")
        if want["counted_level"] != want["level"]:
            counted_as_org += 1
            assert got["Geteld als"] == (
                f"{levels[want['counted_level']]} (niet voorbij de waarschuwingsgrens; "
                f"eigen niveau {levels[want['level']]})"
            )
        elif isinstance(want["counted_level"], str):
            assert got["Geteld als"] == levels[want["counted_level"]]
    assert counted_as_org > 0
    alpha_each = expected["alpha_alarm_each"].dropna().iloc[0]
    caption = next(c.value for c in at.caption if c.value.startswith("Elke indicator"))
    assert dutch(f"kleiner dan {100 * alpha_each:.2g} %") in caption


def test_the_organisation_itself_is_not_tested_and_the_page_says_so(demo_env: Path) -> None:
    quarter = latest_quarter(demo_env)
    org = organisation(demo_env)["org_unit_id"]
    at = _open("RF1", quarter, org)
    # no column that would be empty (or "niet getoetst") in every row: the caption says why
    shown = frame_with(at, "Geteld als")
    assert list(shown.columns) == ["Indicator", "Rol", "Geteld als"]
    assert any(c.value.startswith("Niet getoetst: de organisatie als geheel") for c in at.caption)


def test_the_test_table_speaks_english(demo_env: Path) -> None:
    quarter = latest_quarter(demo_env)
    case = _counted_case(demo_env, quarter)
    at = _open(case["risk_id"], quarter, case["org_unit_id"], "en")
    shown = frame_with(at, "Test")
    assert set(shown["Role"]) <= {"main", "supporting"}
    assert "(not past the warn limit; own level " in " ".join(shown["Counted as"])
    assert set(shown["Test"]) <= {
        "exact Poisson test against the rest of the organisation (counts)",
        "Fisher's exact test against the rest of the organisation (shares)",
        "binomial test with spread between units",
        "normal test (means)",
        "not tested",
        "",
    }
    assert any(m.value.startswith("Observed likelihood **") for m in at.markdown) or at.info
