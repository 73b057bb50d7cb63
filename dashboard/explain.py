"""Why a score is what it is: one risk's score for one unit and quarter opened down to the
indicator values, their n, their thresholds and the control ratings that produced it
(README, "Scoring"), in the scoring method's own terms: the rule that set the
likelihood (weighted mean, capped at the main indicator, lifted by a main indicator past
its warn limit, or onvoldoende gegevens) and the coverage against its minimum; per
indicator main or supporting, the test against the organisation, its p-value, the alarm
limit in the indicator's units and the level counted.

One drill-down for every page that shows a score (Rode vlaggen, Fraudedriehoek,
Overzicht): ``explanation_ui`` draws it, ``risk_ui`` and ``unit_ui`` pick what to open.
Every number comes from the published marts (report_risk_scores,
report_risk_explanations, report_risk_controls); nothing is computed here. Privacy holds
whatever the caller asks: a risk shown in aggregate only (dim_risks.is_aggregate_only,
e.g. RF7) is never opened below department level, and suppressed rows show no value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard.charts_flags import (
    as_float,
    insufficient_label,
    is_insufficient,
    is_true,
    level_cell,
    percent,
    styled,
    unit_label,
)
from dashboard.data import catalogue, mart
from dashboard.i18n import t
from pipelines.core import formats
from pipelines.core.operating_evidence import evidence_text

SMALL = st.column_config.NumberColumn(width="small")
# Below this a p-value is written as "< 0,001".
SMALLEST_P = 0.001
# In an indicator row that is suppressed (too small a group) these never show a number.
SUPPRESSED_COLUMNS = [
    "value",
    "n",
    "org_value",
    "likelihood",
    "flagged",
    "level",
    "counted_level",
    "test_kind",
    "p_value",
    "alpha_alarm_each",
    "alarm_limit",
]


def p_text(p: object, lang: str) -> str:
    """A p-value as text: three decimals, '< 0,001' below that; empty when missing."""
    if formats.is_missing(p):
        return ""
    if float(p) < SMALLEST_P:
        return "< " + formats.number(SMALLEST_P, lang, decimals=3)
    return formats.number(p, lang, decimals=3)


def chance(value: object, lang: str) -> str:
    """A small chance as a percentage with two significant digits: 0.000323 -> 0,032 %."""
    if formats.is_missing(value) or float(value) <= 0:
        return formats.MISSING
    share = 100 * float(value)
    places = max(0, 1 - math.floor(math.log10(share)))
    share = round(share, places)
    while places and round(share, places - 1) == share:  # 5 %, 0,2 %: no trailing zero
        places -= 1
    return formats.number(share, lang, decimals=places, unit="%")


def unit_text(unit: object, lang: str, *, group: str = "ex_unit") -> str:
    """An indicator's unit of measure (dim_indicators.unit, in Dutch) in the reader's
    language: short after a value (group ex_unit), in full after its name
    (ex_unit_name); a unit without a text as it is."""
    if not isinstance(unit, str) or not unit:
        return ""
    return t(unit, lang, group=group)


def measured(value: object, unit: object, lang: str, *, decimals: int | None = 1) -> str:
    """A value in an indicator's unit: '37,2 %', '4,1 per 100 fte'. Text is already
    written (a column with a missing value is text: charts_flags.styled)."""
    if isinstance(value, str):
        return value
    return formats.number(value, lang, decimals=decimals, unit=unit_text(unit, lang) or None)


def in_units(values: pd.Series, units: pd.Series, lang: str, *, decimals=None) -> list[str]:
    """Each value written in its own row's unit (a column of mixed units)."""
    return [
        measured(v, u, lang, decimals=decimals)
        for v, u in zip(as_float(values), units, strict=True)
    ]


def indicator_label(name: str, unit: object, lang: str) -> str:
    """An indicator named with its unit of measure: 'Verzuim (%)'."""
    text = unit_text(unit, lang, group="ex_unit_name")
    return f"{name} ({text})" if text else name


def hide_suppressed(explanations: pd.DataFrame) -> tuple[pd.DataFrame, list[bool]]:
    """The rows in indicator order, a suppressed row's numbers blanked (the mart has none
    there already; this holds whatever it has)."""
    rows = explanations.sort_values("indicator_id").reset_index(drop=True)
    suppressed = [is_true(s) for s in rows["suppressed"]]
    hidden = pd.Series(suppressed, index=rows.index, dtype=bool)
    for column in SUPPRESSED_COLUMNS:
        rows[column] = rows[column].astype(object).where(~hidden, None)
    return rows, suppressed


def drill_units(units: pd.DataFrame, department: str | None, aggregate_only: bool) -> pd.DataFrame:
    """The units whose score can be opened, in display order: the organisation (or the
    chosen department) then each department followed by its teams. A risk shown only in
    aggregate never goes below department level."""
    org = units[units["org_level"] == "organisatie"]
    depts = units[units["org_level"] == "afdeling"].sort_values("org_unit_name")
    if department:
        org, depts = org.iloc[0:0], depts[depts["org_unit_id"] == department]
    parts = [org]
    for dept in depts["org_unit_id"]:
        parts.append(depts[depts["org_unit_id"] == dept])
        if not aggregate_only:
            teams = units[(units["org_level"] == "team") & (units["department_id"] == dept)]
            parts.append(teams.sort_values("org_unit_name"))
    return pd.concat(parts, ignore_index=True)


def indicator_table(explanations: pd.DataFrame, lang: str) -> Styler:
    """The indicators behind one score (named with their unit of measure): weight, value,
    n, organisation value, thresholds, direction, level and the likelihood each
    contributed, every value with its unit. A suppressed row says so and carries no
    value."""
    rows, suppressed = hide_suppressed(explanations)
    table = pd.DataFrame(
        {
            t("ex_col_indicator", lang): [
                indicator_label(name, unit, lang)
                for name, unit in zip(rows[f"indicator_name_{lang}"], rows["unit"], strict=True)
            ],
            t("ex_col_weight", lang): as_float(rows["weight"]),
            # each value in its own indicator's unit, written here row by row: a value to
            # one place, a threshold as set (35, 0,5)
            t("col_value", lang): in_units(rows["value"], rows["unit"], lang, decimals=1),
            t("ex_col_n", lang): pd.array(rows["n"], dtype="Int64"),
            t("ex_col_org_value", lang): in_units(
                rows["org_value"], rows["unit"], lang, decimals=1
            ),
            t("ex_col_amber", lang): in_units(rows["amber_threshold"], rows["unit"], lang),
            t("ex_col_red", lang): in_units(rows["red_threshold"], rows["unit"], lang),
            t("ex_col_direction", lang): [
                t(d, lang, group="ex_direction") for d in rows["direction"]
            ],
            t("rf_col_level", lang): [
                level_cell(lv, lang, suppressed=s)
                for lv, s in zip(rows["level"], suppressed, strict=True)
            ],
            t("rf_col_likelihood", lang): pd.array(rows["likelihood"], dtype="Int64"),
        }
    )
    shown = styled(
        table,
        {
            t("ex_col_weight", lang): lambda v: formats.number(v, lang, decimals=None),
            t("ex_col_n", lang): lambda v: formats.whole(v, lang),
            t("rf_col_likelihood", lang): lambda v: formats.whole(v, lang),
        },
    )
    return shown


def counted_label(level: object, counted: object, lang: str, *, suppressed: bool) -> str:
    """The level an indicator counts with; when that is not the unit's own (groen: not
    past its warn limit), said so, with its own level."""
    if suppressed or not isinstance(counted, str) or counted == level:
        return level_cell(counted, lang, suppressed=suppressed)
    return t("ex_counted_as_org", lang).format(
        level=level_cell(counted, lang), own=level_cell(level, lang)
    )


def tests_table(explanations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each indicator's test against the organisation, as text: main or supporting, the
    test used, its p-value, the alarm limit on the bad side in the indicator's units,
    whether it is past its warn limit (a main one then lifts) and past the alarm limit,
    and the level counted. A suppressed row shows no test."""
    rows, suppressed = hide_suppressed(explanations)

    def test_name(kind: object, p: object, hidden: bool) -> str:
        if hidden:
            return ""
        if not isinstance(kind, str) or p is None or pd.isna(p):
            return t("ex_not_tested", lang)
        return t(kind, lang, group="ex_test_kind")

    def yes_no(marks: pd.Series, p_values: pd.Series, hidden: list[bool]) -> list[str]:
        # ja / nee for a tested row; nothing for a suppressed or untested one
        return [
            "" if h or p is None or pd.isna(p) else t("ex_yes" if is_true(m) else "ex_no", lang)
            for m, p, h in zip(marks, p_values, hidden, strict=True)
        ]

    def alarm_limit(limit: object, direction: str, unit: object) -> str:
        if formats.is_missing(limit):
            return ""
        return t(direction, lang, group="ex_bad_side").format(value=measured(limit, unit, lang))

    return pd.DataFrame(
        {
            t("ex_col_indicator", lang): [
                indicator_label(name, unit, lang)
                for name, unit in zip(rows[f"indicator_name_{lang}"], rows["unit"], strict=True)
            ],
            t("ex_col_role", lang): [
                t("main" if is_true(m) else "supporting", lang, group="ex_role")
                for m in rows["is_main"]
            ],
            t("ex_col_test", lang): [
                test_name(kind, p, hidden)
                for kind, p, hidden in zip(
                    rows["test_kind"], rows["p_value"], suppressed, strict=True
                )
            ],
            t("ex_col_p_value", lang): [p_text(p, lang) for p in rows["p_value"]],
            t("ex_col_alarm_limit", lang): [
                alarm_limit(limit, direction, unit)
                for limit, direction, unit in zip(
                    rows["alarm_limit"], rows["direction"], rows["unit"], strict=True
                )
            ],
            t("ex_col_warn", lang): yes_no(rows["past_warn"], rows["p_value"], suppressed),
            t("ex_col_alarm", lang): yes_no(rows["flagged"], rows["p_value"], suppressed),
            t("ex_col_counted", lang): [
                counted_label(lv, counted, lang, suppressed=hidden)
                for lv, counted, hidden in zip(
                    rows["level"], rows["counted_level"], suppressed, strict=True
                )
            ],
        }
    )


def controls_table(controls: pd.DataFrame, measures: pd.DataFrame, lang: str) -> Styler:
    """A risk's control measures with their register status, last test (dated in the
    reader's language) and rating."""
    rows = controls.merge(
        measures[["control_measure_id", "position", f"text_{lang}", "control_type", "owner_role"]],
        on="control_measure_id",
        how="left",
    ).sort_values(["position", "control_measure_id"])
    table = pd.DataFrame(
        {
            t("col_id", lang): rows["control_measure_id"].tolist(),
            t("col_measure", lang): rows[f"text_{lang}"].tolist(),
            t("col_type", lang): [t(v, lang, group="control_type") for v in rows["control_type"]],
            t("col_owner", lang): [t(v, lang, group="owner_role") for v in rows["owner_role"]],
            t("ex_col_status", lang): [t(v, lang, group="control_status") for v in rows["status"]],
            t("ex_col_test_result", lang): [
                t(v, lang, group="test_result") for v in rows["last_test_result"]
            ],
            t("ex_col_tested_on", lang): pd.to_datetime(rows["last_tested_on"]).dt.date.tolist(),
            t("ex_col_open_findings", lang): open_findings_texts(rows, lang),
            t("oe_col_operating", lang): operating_texts(rows, lang),
            t("ex_col_effectiveness", lang): as_float(rows["measure_effectiveness"]).tolist(),
        }
    )
    if not any(table[t("oe_col_operating", lang)]):
        table = table.drop(columns=t("oe_col_operating", lang))
    return styled(
        table,
        {
            t("ex_col_tested_on", lang): lambda v: formats.date(v, lang),
            t("ex_col_effectiveness", lang): lambda v: percent(v, lang),
        },
    )


def open_findings_texts(rows: pd.DataFrame, lang: str) -> list[str]:
    """Per measure its open audit findings and the share of its effectiveness they took
    off (both from report_risk_controls, the combining rule applied there): "1 (−50%)";
    empty without one (or in a mart built before findings were published)."""
    if "open_findings" not in rows:
        return [""] * len(rows)
    texts = []
    for count, penalty in zip(rows["open_findings"], rows["finding_penalty"], strict=True):
        if formats.is_missing(count) or int(count) == 0:
            texts.append("")
        else:
            texts.append(
                t("ex_open_findings_value", lang).format(
                    count=int(count), penalty=percent(float(penalty), lang)
                )
            )
    return texts


def operating_texts(rows: pd.DataFrame, lang: str) -> list[str]:
    """Per measure its operating evidence as report_risk_controls published it ("Werkt
    deels: dilemmasessies in 6 van 7 afdelingen ..."); empty without (or in a mart or
    snapshot from before operating evidence)."""
    settings = catalogue().settings.operating_evidence
    return [evidence_text(row, lang, settings) for row in rows.to_dict("records")]


def risk_ui(
    risks: pd.DataFrame,
    lang: str,
    *,
    key: str,
    label: str | None = None,
    default: str | None = None,
) -> str:
    """A risk picker ("ID · name") over ``risks`` in their order; returns the risk id.

    Until the user picks another risk it follows ``default`` (the first risk when None),
    so a default that depends on the quarter or unit shown moves with them.
    """
    names = dict(zip(risks["risk_id"], risks[f"risk_name_{lang}"], strict=True))
    fallback = default if default in names else next(iter(names))
    shown_default = f"{key}__default"
    chosen = st.session_state.get(key)
    if chosen not in names or chosen == st.session_state.get(shown_default):
        st.session_state[key] = fallback
    st.session_state[shown_default] = fallback
    return st.selectbox(
        label or t("ex_pick_risk", lang),
        list(names),
        format_func=lambda r: f"{r} · {names[r]}",
        key=key,
    )


def unit_ui(
    risk_id: str,
    quarter: str,
    department: str | None,
    lang: str,
    *,
    key: str,
    label: str,
    default: str,
) -> tuple[str, str]:
    """A picker of the units whose score of this risk can be opened (see drill_units):
    never a team for a risk shown in aggregate only; a unit whose score is suppressed is
    labelled so, as is one without enough evidence for a score. Returns the chosen unit's
    id and label."""
    risk = mart("dim_risks", risk_id=risk_id).iloc[0]
    scores = mart("report_risk_scores", risk_id=risk_id, period_type="quarter", period=quarter)
    suppressed = set(scores.loc[scores["suppressed"].map(is_true), "org_unit_id"])
    insufficient = {s["org_unit_id"] for s in scores.to_dict("records") if is_insufficient(s)}
    drill = drill_units(mart("dim_org_units"), department, is_true(risk["is_aggregate_only"]))
    labels = {
        u["org_unit_id"]: unit_label(
            u,
            lang,
            suppressed=u["org_unit_id"] in suppressed,
            insufficient=u["org_unit_id"] in insufficient,
        )
        for u in drill.to_dict("records")
    }
    if st.session_state.get(key) not in labels:
        st.session_state[key] = default if default in labels else next(iter(labels))
    unit = st.selectbox(label, list(labels), format_func=labels.get, key=key)
    return unit, labels[unit]


def formula_ui(risk: pd.Series, score: pd.Series | None, lang: str) -> None:
    """The score as a sum with the mart's numbers and the rule and coverage behind it, or
    why there is none: suppressed, or onvoldoende gegevens (with its coverage)."""
    scoring = catalogue().settings.scoring
    minimum = {
        "minimum": percent(scoring.min_coverage, lang),
        "main_weight": formats.number(scoring.main_weight, lang, decimals=None),
    }
    if score is not None and is_true(score["suppressed"]):
        st.warning(t("ex_suppressed_score", lang))
    elif is_insufficient(score):
        st.info(
            t("ex_insufficient_score", lang).format(
                label=insufficient_label(lang).capitalize(),
                coverage=percent(score["coverage"], lang),
                **minimum,
            )
        )
    elif score is None or pd.isna(score["observed_score"]):
        st.info(t("ex_no_score", lang))
    else:
        st.markdown(
            t("ex_formula", lang).format(
                likelihood=formats.whole(score["observed_likelihood"], lang),
                rule=t(score["score_rule"], lang, group="score_rule"),
                used=formats.whole(score["indicators_used"], lang),
                coverage=percent(score["coverage"], lang),
                minimum=minimum["minimum"],
                impact=formats.whole(risk["impact"], lang),
                score=formats.whole(score["observed_score"], lang),
                inherent=formats.whole(score["inherent_score"], lang),
                effectiveness=percent(score["control_effectiveness"], lang),
                residual=formats.number(score["expected_residual"], lang),
                gap=formats.number(score["assurance_gap"], lang, signed=True),
            )
        )
        rule = t(score["score_rule"], lang, group="ex_rule_help")
        st.caption(f"{rule} {t('ex_coverage_help', lang).format(**minimum)}")


def controls_ui(
    risk_id: str, lang: str, *, key: str, heading: Callable[[str], Any] = st.subheader
) -> None:
    """The risk's control measures: status, last test and the effectiveness they give."""
    heading(t("ex_controls", lang))
    controls = mart("report_risk_controls", risk_id=risk_id)
    if controls.empty:
        st.caption(t("ex_no_controls", lang))
        return
    measures = mart("dim_control_measures", risk_id=risk_id)
    st.caption(
        t("ex_controls_caption", lang).format(
            effectiveness=percent(controls["control_effectiveness"].iloc[0], lang)
        )
    )
    if "operating_rating" in controls and controls["operating_rating"].notna().any():
        max_penalty = catalogue().settings.audit_findings.max_penalty
        st.caption(t("oe_caption", lang).format(max_penalty=percent(max_penalty, lang)))
    st.dataframe(
        controls_table(controls, measures, lang),
        hide_index=True,
        key=f"{key}_controls",
        column_config={
            t("col_measure", lang): st.column_config.TextColumn(width="large"),
            t("ex_col_effectiveness", lang): SMALL,
        },
    )


def without_empty_columns(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` without the columns that have nothing in any row (at the organisation
    level: the test, its p-value and alarm limit; the caption says why, once)."""
    blank = table.map(lambda v: formats.is_missing(v) or v == "")
    return table.loc[:, ~blank.all()]


def tests_ui(explanations: pd.DataFrame, lang: str, *, key: str) -> None:
    """The second table: each indicator's test against the organisation, and what the
    terms mean (with this unit's share of the alarm chance). Where nothing was tested
    (the organisation itself) only the role and the level counted remain, and the
    caption says why."""
    st.markdown(f"**{t('ex_tests', lang)}**")
    tested = explanations[
        explanations["p_value"].notna() & ~explanations["suppressed"].map(is_true)
    ]
    table = tests_table(explanations, lang)
    if tested.empty:  # "niet getoetst" in every row says nothing the caption does not
        table = table.drop(columns=[t("ex_col_test", lang)])
    st.dataframe(
        without_empty_columns(table),
        hide_index=True,
        key=f"{key}_tests",
        placeholder="",
        column_config={
            t("ex_col_indicator", lang): st.column_config.TextColumn(width="large"),
            t("ex_col_test", lang): st.column_config.TextColumn(width="medium"),
            t("ex_col_alarm_limit", lang): st.column_config.TextColumn(width="medium"),
            t("ex_col_counted", lang): st.column_config.TextColumn(width="medium"),
        },
    )
    if tested.empty:
        st.caption(t("ex_tests_untested", lang))
        return
    scoring = catalogue().settings.scoring
    st.caption(
        t("ex_tests_caption", lang).format(
            alpha_each=chance(tested["alpha_alarm_each"].iloc[0], lang),
            alpha_alarm=chance(scoring.alpha_alarm, lang),
            alpha_warn=chance(scoring.alpha_warn, lang),
        )
    )


def explanation_ui(
    risk_id: str,
    quarter: str,
    unit_id: str,
    lang: str,
    *,
    key: str = "ex",
    heading: Callable[[str], Any] = st.subheader,
) -> None:
    """One risk's score for one unit and quarter, opened: the formula with the mart's
    numbers, its rule and coverage, the indicator rows behind it and their tests
    (report_risk_explanations) and the control
    measures whose ratings give the expected residual. ``key`` prefixes the widget keys
    (one drill-down per page); ``heading`` writes the control measures' title."""
    risk = mart("dim_risks", risk_id=risk_id).iloc[0]
    unit = mart("dim_org_units", org_unit_id=unit_id)
    if is_true(risk["is_aggregate_only"]) and (
        unit.empty or unit["org_level"].iloc[0] not in ("organisatie", "afdeling")
    ):
        st.info(t("ex_aggregate_only", lang))
        return
    where = {"risk_id": risk_id, "period_type": "quarter", "period": quarter}
    scores = mart("report_risk_scores", org_unit_id=unit_id, **where)
    formula_ui(risk, None if scores.empty else scores.iloc[0], lang)
    explanations = mart("report_risk_explanations", org_unit_id=unit_id, **where)
    if explanations.empty:
        st.caption(t("ex_no_indicators", lang))
    else:
        st.dataframe(
            indicator_table(explanations, lang),
            hide_index=True,
            key=f"{key}_indicators",
            column_config={
                t("ex_col_indicator", lang): st.column_config.TextColumn(width="large"),
                t("rf_col_level", lang): st.column_config.TextColumn(width="medium"),
                t("ex_col_weight", lang): SMALL,
                t("ex_col_n", lang): SMALL,
                t("rf_col_likelihood", lang): SMALL,
            },
        )
        tests_ui(explanations, lang, key=key)
    controls_ui(risk_id, lang, key=key, heading=heading)
