"""Scoring on the demo: every planted scenario is found in its risk, unit and quarter,
clean units are rarely flagged, and no published aggregate exposes a small group."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.core.catalogue import load_catalogue
from pipelines.demo import SCENARIOS
from tests.readers import reading

K = load_catalogue().settings.privacy.min_group_size


@pytest.fixture(scope="module")
def con(demo_home: Path):
    with reading(str(demo_home / "warehouse.duckdb")) as c:
        yield c


@pytest.fixture(scope="module")
def manifest(demo_home: Path) -> dict:
    return json.loads((demo_home / "raw" / "demo" / "manifest.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def demo_rates(con, manifest: dict):
    from tests.orggen.rates import rates

    return rates(con, manifest, load_catalogue(), generator="demo")


def full_window_quarter(scenario: dict, quarters: list[str]) -> str:
    """The first quarter whose windows lie wholly inside the scenario: its start quarter,
    or three quarters later when every indicator it plants looks back 12 months (the
    catalogue's windows: the start quarter holds 3 of the 12 months)."""
    windows = {i.id: i.window_months for i in load_catalogue().indicators}
    start = quarters.index(scenario["start_quarter"])
    if all(windows.get(i) == 12 for i in scenario["indicators"]):
        start = min(start + 3, len(quarters) - 1)
    return quarters[start]


# Every scenario the demo plants (test_demo checks the list is all there). Found,
# as issue 14 defines it: observed likelihood >= 3 in the planted unit, or in the nearest
# ancestor that is not suppressed. The issue's own target (80% of quarters from the start
# quarter, windows or not) is measured on every generator by make validate
# (tests/test_validation_rates.py).
# Two scenarios were found only because their own signal made the organisation's value
# oranje or rood and every unit then counted the organisation's level. Since a unit counts
# worse than groen only past its warn limit (issue 14), they are not:
# - S-G3 (company-car kilometres in VG-TD): 36 of 96 trips against none in the other
#   three car teams is not past the limit once the spread between those four teams
#   (VG-TD's own quarters among them) is allowed for (p 0.009-0.025, limit 0.0015);
# - S-D1 (garnishments in KLT-KCC, aggregate-only, decided at KLT): 7.2 per 100 fte
#   against 2.1 in 2026-Q3, a stock averaged over 12 months, p 0.018 (limit 0.0013).
# Strict: when one is found again, its test fails and the mark goes.
KNOWN_MISSES = {
    "S-G3": "issue 14: car-km signal under the overdispersed limit (4 car teams)",
    "S-D1": "issue 14: garnishments at KLT not past the warn limit",
}


@pytest.mark.parametrize(
    "scenario_id",
    [
        pytest.param(
            s.id,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[s.id])]
            if s.id in KNOWN_MISSES
            else [],
        )
        for s in SCENARIOS
    ],
)
def test_a_planted_scenario_is_found_once_its_windows_are_full(
    con, manifest: dict, demo_rates, scenario_id: str
) -> None:
    s = next(s for s in manifest["scenarios"] if s["id"] == scenario_id)
    quarters = manifest["period"]["quarters"]
    rate = next(r for r in demo_rates.scenarios if r.id == scenario_id)
    first = full_window_quarter(s, quarters)
    trail = [(q, unit, lik) for q, unit, lik in rate.trail if q >= first]
    found = [lik is not None and lik >= 3 for _q, _unit, lik in trail]
    assert found[0], f"{scenario_id} not found in {first}: {trail}"
    assert sum(found) / len(found) >= 0.8, f"{scenario_id}: {trail}"
    q, unit, _lik = next(t for t, f in zip(trail, found, strict=True) if f)
    [(gap,)] = con.execute(
        """select assurance_gap from report_risk_scores where period_type = 'quarter'
           and org_unit_id = ? and risk_id = ? and period = ?""",
        [unit, s["risk_id"], q],
    ).fetchall()
    assert gap > 0, "the data should contradict the register here"


def test_clean_units_are_rarely_flagged(con, manifest: dict) -> None:
    """False-positive rate: flagged unit-quarter-indicator cells away from any scenario."""
    planted = {(s["org_unit"], i) for s in manifest["scenarios"] for i in s["indicators"]}
    parents = dict(con.execute("select org_unit_id, parent_unit_id from int_org__units").fetchall())
    planted |= {(parents[u], i) for u, i in planted}
    cells = con.execute(
        """select distinct indicator_id, period, org_unit_id, flagged from report_indicators
           where period_type = 'quarter' and org_level <> 'organisatie' and not suppressed
             and z is not null"""
    ).fetchall()
    clean = [c for c in cells if (c[2], c[0]) not in planted]
    rate = sum(1 for c in clean if c[3]) / len(clean)
    print(f"false-positive rate: {rate:.2%} of {len(clean)} clean cells")
    assert len(clean) > 1000
    assert rate < 0.02


def test_no_published_aggregate_covers_fewer_than_k_people(con) -> None:
    small = con.execute(
        f"select count(*) from report_indicators where not suppressed and n < {K}"
    ).fetchone()[0]
    assert small == 0
    leaked = con.execute(
        """select count(*) from report_indicators where suppressed
           and (value is not null or numerator is not null or n is not null)"""
    ).fetchone()[0]
    assert leaked == 0


def test_no_parent_minus_children_difference_reveals_a_small_group(con) -> None:
    """The differencing attack: for every published parent, subtract its published
    children; what is left must be nobody or at least k people."""
    rows = con.execute(
        """
        with published as (
            select distinct indicator_id, period_type, period, org_unit_id, parent_unit_id, n,
                numerator, denominator
            from report_indicators where not suppressed
        ),
        differences as (
            select parent.indicator_id, parent.period_type, parent.period, parent.org_unit_id,
                parent.n - sum(child.n) as residual_n,
                parent.numerator - sum(child.numerator) as residual_numerator
            from published as parent
            join published as child
                on child.parent_unit_id = parent.org_unit_id
                and child.indicator_id = parent.indicator_id
                and child.period_type = parent.period_type and child.period = parent.period
            group by parent.indicator_id, parent.period_type, parent.period, parent.org_unit_id,
                parent.n, parent.numerator
        )
        select * from differences where residual_n > 0 and residual_n < ?
        """,
        [K],
    ).fetchall()
    assert rows == [], f"{len(rows)} differences reveal a group below {K}: {rows[:5]}"


def test_both_marts_have_the_published_columns(con) -> None:
    def columns(table: str) -> set[str]:
        return {r[0] for r in con.execute(f"describe {table}").fetchall()}

    assert {
        "indicator_id",
        "risk_id",
        "period",
        "org_unit_id",
        "value",
        "numerator",
        "denominator",
        "n",
        "level",
        "flagged",
        "suppressed",
    } <= columns("report_indicators")
    assert {
        "risk_id",
        "period",
        "org_unit_id",
        "observed_likelihood",
        "control_effectiveness",
        "inherent_score",
        "expected_residual",
        "observed_score",
        "assurance_gap",
        "level",
        "suppressed",
    } <= columns("report_risk_scores")
    periods = {
        r[0] for r in con.execute("select distinct period from report_risk_scores").fetchall()
    }
    # months are computed underneath but published only with privacy.publish_months
    assert "2026-Q3" in periods and all("-Q" in p for p in periods)


def test_every_risk_score_can_be_explained(con, catalogue) -> None:
    """The explanation rows reproduce each score by the rule the README states: the
    weighted mean of the indicators' likelihoods capped at the highest main one, lifted to
    the likelihood of a main indicator flagged or past its warn limit at oranje or rood,
    none with too little evidence."""
    sc = catalogue.settings.scoring
    total = {
        r.id: sum(i.weights[r.id] for i in catalogue.indicators_for(r.id)) for r in catalogue.risks
    }
    rows = con.execute(
        """select risk_id, period_type, period, org_unit_id, weight, is_main,
               coalesce(flagged, false)
                   or (coalesce(past_warn, false) and counted_level <> 'groen'),
               likelihood
           from report_risk_explanations"""
    ).fetchall()
    explained: dict[tuple, list] = {}
    for risk, ptype, period, unit, weight, is_main, flagged, likelihood in rows:
        explained.setdefault((risk, ptype, period, unit), []).append(
            (weight, is_main, flagged, likelihood)
        )
    scores = con.execute(
        """select risk_id, period_type, period, org_unit_id, observed_likelihood, coverage,
               score_rule from report_risk_scores"""
    ).fetchall()
    assert len(scores) > 1000
    rules = set()
    for risk, ptype, period, unit, likelihood, coverage, rule in scores:
        seen = [r for r in explained[(risk, ptype, period, unit)] if r[3] is not None]
        assert all(r[1] == (r[0] >= sc.main_weight) for r in seen)
        weight = sum(r[0] for r in seen)
        assert coverage == pytest.approx(weight / total[risk])
        mains = [r[3] for r in seen if r[1]]
        lifts = [r[3] for r in seen if r[1] and r[2]]
        mean = sum(r[0] * r[3] for r in seen) / weight if seen else None
        capped = min(mean, max(mains)) if mains else mean
        if lifts:
            expected = max(capped or 0, max(lifts))
        elif mains and weight / total[risk] >= sc.min_coverage:
            expected = capped
        else:
            expected = None
        # DuckDB rounds half away from zero
        assert likelihood == (None if expected is None else int(expected + 0.5)), (
            risk,
            unit,
            period,
        )
        rules.add(rule)
    assert rules >= {"gewogen_gemiddelde", "opgetild", "onvoldoende_gegevens"}
    effectiveness = con.execute(
        """select risk_id, any_value(control_effectiveness),
               avg(measure_effectiveness) filter (where is_in_force)
           from report_risk_controls group by risk_id"""
    ).fetchall()
    assert len(effectiveness) == 19
    assert all(abs(a - b) < 1e-9 for _, a, b in effectiveness)
