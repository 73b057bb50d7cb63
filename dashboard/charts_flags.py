"""Figures and display tables for the Rode vlaggen and Fraudedriehoek pages, and the level
and unit labels every page (and the score explanation, dashboard/explain.py) shares.

Plain functions from published mart rows to a Plotly figure or a labelled DataFrame: no
widgets, and no score is computed here (every number is a mart's). Labels come from
pipelines/core/locales/ui through dashboard.i18n; level names from risks/settings.yaml ``levels``.
Unit names come from an uploaded export and Plotly reads <a href>, <b> and <br> in any
text: in a figure they pass dashboard.safe.plotly_text, and never go into a hover
template (where %{...} would be filled in), only into its customdata.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler
from plotly.subplots import make_subplots

from dashboard.data import catalogue
from dashboard.i18n import t
from dashboard.safe import plotly_text
from pipelines.core import formats

LEVEL_COLOURS = {"groen": "#2e7d32", "oranje": "#ef8f00", "rood": "#c62828"}
NO_LEVEL_COLOUR = "#9e9e9e"
BADGE_COLOURS = {"groen": "green", "oranje": "orange", "rood": "red"}  # st.badge names
# The coloured mark before a level's name in a table cell, where a cell has no colour of
# its own: the same mark and name everywhere, never the colour as a word.
LEVEL_MARKS = {"groen": "🟢", "oranje": "🟠", "rood": "🔴"}
OBSERVED_COLOUR = "#263238"
EXPECTED_COLOUR = "#1e88e5"
# Scores are impact x likelihood (1-25); a little headroom keeps a 25 marker visible.
SCORE_RANGE = (0, 26)
LIKELIHOOD_RANGE = (1, 5)
TEAM_SEPARATOR = " › "
# The score_rule of a score with too little evidence for a number (report_risk_scores):
# shown as the words of pipelines/core/locales/ui/common.yaml score_rule, never as a blank.
INSUFFICIENT = "onvoldoende_gegevens"
# Likelihood 1-5 from green through amber to red, one step per whole likelihood.
LIKELIHOOD_COLOURS = [
    [0.0, LEVEL_COLOURS["groen"]],
    [0.25, "#9ccc65"],
    [0.5, LEVEL_COLOURS["oranje"]],
    [0.75, "#e65100"],
    [1.0, LEVEL_COLOURS["rood"]],
]


def as_float(values: pd.Series) -> pd.Series:
    """A nullable numeric column as floats (missing = NaN), which Plotly draws as gaps."""
    return pd.to_numeric(values, errors="coerce").astype(float)


def percent(value: object, lang: str) -> str:
    """A share as a whole percentage in the reader's language: 0.54 -> '54 %'."""
    return formats.percent(value, lang)


Formatter = Callable[[object], str]


def styled(table: pd.DataFrame, columns: Mapping[str, Formatter] | None = None) -> Styler:
    """``table`` for st.dataframe with every cell written as the reader sees it: the
    ``columns`` given through their formatter (pipelines.core.formats), any other cell as it
    is, and a missing value as a dash, never "None" or "nan". The numbers of a column
    without missing values stay numbers underneath, so it still sorts by value; format
    such a table no further (the formatters given here are all it gets)."""
    given = {name: write for name, write in (columns or {}).items() if name in table.columns}
    # Streamlit draws a null cell as its own grey "None" whatever the Styler says: a
    # column with a missing value is written out as text here (it then sorts as text)
    table = table.copy()
    for name in table.columns:
        if table[name].isna().any():
            write = given.pop(name, str)
            table[name] = [
                formats.MISSING if formats.is_missing(v) else write(v) for v in table[name]
            ]
    shown = table.style.format(str, na_rep=formats.MISSING)
    return shown.format(given, na_rep=formats.MISSING)


def level_cell(level: object, lang: str, **why: bool) -> str:
    """A level in a table cell: its coloured mark and its name ('🔴 Rood'), or why there
    is none (see level_label), without a mark."""
    label = level_label(level, lang, **why)
    if why.get("suppressed") or why.get("insufficient") or level not in LEVEL_MARKS:
        return label
    return f"{LEVEL_MARKS[level]} {label}"


def level_name(level: object, lang: str) -> str:
    """The UI name of a level (groen/oranje/rood) from the settings; empty when none."""
    if not isinstance(level, str) or not level:
        return ""
    names = catalogue().settings.levels
    return getattr(names[level], lang) if level in names else level


def level_label(
    level: object, lang: str, *, suppressed: bool = False, insufficient: bool = False
) -> str:
    """The UI name of a level, or why there is none (suppressed, too little evidence for
    a score, too few observations)."""
    if suppressed:
        return t("rf_suppressed", lang)
    if insufficient:
        return insufficient_label(lang)
    return level_name(level, lang) or t("rf_no_level", lang)


def insufficient_label(lang: str) -> str:
    """'onvoldoende gegevens': how a score without enough evidence shows everywhere."""
    return t(INSUFFICIENT, lang, group="score_rule")


def is_insufficient(score: pd.Series | dict | None) -> bool:
    """True for a score with too little evidence for a number (score_rule
    onvoldoende_gegevens); a suppressed score is not: it shows as suppressed."""
    if score is None or is_true(score.get("suppressed")):
        return False
    return score.get("score_rule") == INSUFFICIENT


def score_level_label(score: pd.Series | dict, lang: str) -> str:
    """The level of a report_risk_scores row as a table cell shows it: its mark and
    name, or onderdrukt, or onvoldoende gegevens."""
    return level_cell(
        score.get("level"),
        lang,
        suppressed=is_true(score.get("suppressed")),
        insufficient=is_insufficient(score),
    )


def level_colour(level: object) -> str:
    """The colour of a level; grey when there is none (suppressed or unobserved)."""
    return LEVEL_COLOURS.get(level, NO_LEVEL_COLOUR) if isinstance(level, str) else NO_LEVEL_COLOUR


def is_true(value: object) -> bool:
    """A nullable boolean from a mart: missing counts as False."""
    return bool(value) if not pd.isna(value) else False


def unit_label(
    unit: pd.Series | dict, lang: str, *, suppressed: bool = False, insufficient: bool = False
) -> str:
    """How a unit is named in pickers: teams under their department; a suppressed score
    or one without enough evidence said."""
    name = unit["org_unit_name"]
    if unit["org_level"] == "team":
        name = f"{unit['department_name']}{TEAM_SEPARATOR}{name}"
    if suppressed:
        return f"{name} — {t('rf_suppressed', lang)}"
    return f"{name} — {insufficient_label(lang)}" if insufficient else name


def trend_figure(scores: pd.DataFrame, appetite: float, quarter: str, lang: str) -> go.Figure:
    """One unit's observed score against its expected residual per quarter, with the
    risk appetite as a dotted line; each observed point coloured by its level, the chosen
    quarter's drawn larger."""
    rows = scores.sort_values("period")
    levels = [lv if isinstance(lv, str) else "" for lv in rows["level"]]
    sizes = [14 if p == quarter else 9 for p in rows["period"]]
    fig = go.Figure()
    fig.add_scatter(
        x=rows["period"],
        y=as_float(rows["expected_residual"]),
        name=t("rf_expected_residual", lang),
        mode="lines+markers",
        line={"color": EXPECTED_COLOUR, "dash": "dash"},
        hovertemplate="%{x}: %{y:.1f}<extra>" + t("rf_expected_residual", lang) + "</extra>",
    )
    fig.add_scatter(
        x=rows["period"],
        y=as_float(rows["observed_score"]),
        name=t("rf_observed_score", lang),
        mode="lines+markers",
        line={"color": OBSERVED_COLOUR},
        marker={"size": sizes, "color": [level_colour(lv) for lv in levels]},
        customdata=[level_label(lv, lang) if lv else "" for lv in levels],
        hovertemplate="%{x}: %{y} (%{customdata})<extra>"
        + t("rf_observed_score", lang)
        + "</extra>",
    )
    fig.add_hline(
        y=appetite,
        line={"color": LEVEL_COLOURS["rood"], "dash": "dot"},
        annotation_text=f"{t('col_appetite', lang)} "
        f"({formats.number(appetite, lang, decimals=None)})",
        annotation_position="top left",
    )
    fig.update_layout(
        height=340,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.12, "x": 0},
        xaxis={"type": "category", "title": t("filter_quarter", lang)},
        yaxis={"range": SCORE_RANGE, "title": t("rf_score_axis", lang)},
        separators=formats.separators(lang),
    )
    return fig


def department_trends_figure(
    scores: pd.DataFrame, names: dict[str, str], quarter: str, lang: str
) -> go.Figure:
    """Small multiples: per department (one panel each, same axes) its observed score and
    expected residual per quarter, each point coloured by its level and the chosen quarter's
    point drawn larger."""
    periods = sorted(scores["period"].unique())
    ordered = sorted(names, key=names.get)
    columns = min(4, max(1, len(ordered)))
    panel_rows = max(1, -(-len(ordered) // columns))
    fig = make_subplots(
        rows=panel_rows,
        cols=columns,
        shared_xaxes="all",
        shared_yaxes="all",
        subplot_titles=[plotly_text(names[u]) for u in ordered],
        vertical_spacing=0.5 / panel_rows if panel_rows > 1 else 0.1,
        horizontal_spacing=0.03,
    )
    observed, expected = t("rf_observed_score", lang), t("rf_expected_residual", lang)
    for i, unit in enumerate(ordered):
        rows = scores[scores["org_unit_id"] == unit].set_index("period").reindex(periods)
        position = {"row": i // columns + 1, "col": i % columns + 1}
        fig.add_scatter(
            x=periods,
            y=as_float(rows["expected_residual"]),
            name=expected,
            legendgroup=expected,
            showlegend=i == 0,
            mode="lines",
            line={"color": EXPECTED_COLOUR, "dash": "dash"},
            customdata=[plotly_text(names[unit])] * len(periods),
            hovertemplate=f"%{{customdata}} %{{x}}: %{{y:.1f}}<extra>{expected}</extra>",
            **position,
        )
        fig.add_scatter(
            x=periods,
            y=as_float(rows["observed_score"]),
            name=observed,
            legendgroup=observed,
            showlegend=i == 0,
            mode="lines+markers",
            line={"color": OBSERVED_COLOUR},
            marker={
                "color": [level_colour(lv) for lv in rows["level"]],
                "size": [12 if p == quarter else 6 for p in periods],
            },
            customdata=[plotly_text(names[unit])] * len(periods),
            hovertemplate=f"%{{customdata}} %{{x}}: %{{y}}<extra>{observed}</extra>",
            **position,
        )
    fig.update_yaxes(range=SCORE_RANGE)
    fig.update_xaxes(type="category", tickangle=-45, tickfont={"size": 9}, showticklabels=True)
    fig.update_layout(
        height=250 * panel_rows + 80,
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
        legend={"orientation": "h", "yref": "container", "yanchor": "top", "x": 0, "y": 1},
        separators=formats.separators(lang),
    )
    return fig


def unit_scores_table(scores: pd.DataFrame, units: pd.DataFrame, lang: str) -> Styler:
    """The score of each unit (in the order of ``units``) for one risk and quarter, with
    its coverage; a suppressed unit shows no observed numbers, one without enough evidence
    says onvoldoende gegevens in the level column. Numbers written in ``lang``."""
    by_unit = scores.set_index("org_unit_id").to_dict("index")
    rows = []
    for unit in units.to_dict("records"):
        score = by_unit.get(unit["org_unit_id"], {})
        suppressed = is_true(score.get("suppressed"))
        rows.append(
            {
                t("rf_col_unit", lang): unit_label(unit, lang),
                t("rf_col_org_level", lang): t(unit["org_level"], lang, group="rf_org_level"),
                t("rf_observed_likelihood", lang): score.get("observed_likelihood"),
                t("rf_observed_score", lang): score.get("observed_score"),
                t("rf_expected_residual", lang): score.get("expected_residual"),
                t("rf_assurance_gap", lang): score.get("assurance_gap"),
                t("rf_col_level", lang): score_level_label(score, lang) if score else None,
                t("col_coverage", lang): None if suppressed else score.get("coverage"),
            }
        )
    table = pd.DataFrame(rows)
    for column in ("rf_observed_likelihood", "rf_observed_score"):
        table[t(column, lang)] = pd.array(table[t(column, lang)], dtype="Int64")
    for column in ("rf_expected_residual", "rf_assurance_gap", "col_coverage"):
        table[t(column, lang)] = as_float(table[t(column, lang)])
    return styled(table, score_formats(lang))


def score_formats(lang: str) -> dict[str, Formatter]:
    """How the score columns of report_risk_scores are written, by their column name."""
    return {
        t("rf_observed_likelihood", lang): lambda v: formats.whole(v, lang),
        t("rf_observed_score", lang): lambda v: formats.whole(v, lang),
        t("rf_expected_residual", lang): lambda v: formats.number(v, lang),
        t("rf_assurance_gap", lang): lambda v: formats.number(v, lang, signed=True),
        t("col_coverage", lang): lambda v: formats.percent(v, lang),
        t("rf_col_likelihood", lang): lambda v: formats.whole(v, lang),
        t("ft_col_control_effectiveness", lang): lambda v: formats.percent(v, lang),
    }


def factor_risks_table(scores: pd.DataFrame, risks: pd.DataFrame, lang: str) -> Styler:
    """One fraud-triangle factor for one unit: each risk's observed likelihood, the level
    of its assurance gap (or onderdrukt, onvoldoende gegevens) and its control
    effectiveness."""
    by_risk = scores.set_index("risk_id").to_dict("index")
    rows = []
    for risk in risks.to_dict("records"):
        score = by_risk.get(risk["risk_id"], {})
        rows.append(
            {
                t("col_risk", lang): f"{risk['risk_id']} · {risk[f'risk_name_{lang}']}",
                t("rf_col_likelihood", lang): score.get("observed_likelihood"),
                t("ft_col_gap_level", lang): score_level_label(score, lang) if score else None,
                t("ft_col_control_effectiveness", lang): score.get("control_effectiveness"),
            }
        )
    table = pd.DataFrame(rows)
    table[t("rf_col_likelihood", lang)] = pd.array(
        table[t("rf_col_likelihood", lang)], dtype="Int64"
    )
    table[t("ft_col_control_effectiveness", lang)] = as_float(
        table[t("ft_col_control_effectiveness", lang)]
    )
    return styled(table, score_formats(lang))


def triangle_heatmap(
    scores: pd.DataFrame,
    risks: pd.DataFrame,
    departments: pd.DataFrame,
    lang: str,
    *,
    marked: Sequence[str] = (),
) -> go.Figure:
    """Departments x risks, one panel per factor (gelegenheid, druk, rationalisatie):
    observed likelihood coloured green to red; empty where suppressed or unobserved.
    Each risk's label carries its control effectiveness; ``marked`` departments get a
    warning sign before their name."""
    factors = risks.drop_duplicates("category").sort_values("category_order")
    dept_ids = departments["org_unit_id"].tolist()
    dept_names = [
        f"⚠ {plotly_text(name)}" if unit in marked else plotly_text(name)
        for unit, name in zip(dept_ids, departments["org_unit_name"], strict=True)
    ]
    effectiveness = scores.groupby("risk_id")["control_effectiveness"].first()
    fig = make_subplots(
        rows=1,
        cols=len(factors),
        shared_yaxes=True,
        horizontal_spacing=0.02,
        subplot_titles=factors[f"category_name_{lang}"].tolist(),
    )
    for column, factor in enumerate(factors["category"], start=1):
        factor_risks = risks[risks["category"] == factor].sort_values("risk_id")
        shape = {"index": "org_unit_id", "columns": "risk_id"}
        grid = (
            scores.pivot(**shape, values="observed_likelihood")
            .reindex(index=dept_ids, columns=factor_risks["risk_id"])
            .apply(as_float)
        )
        states = (
            scores.assign(
                state=[
                    "suppressed" if is_true(s) else "insufficient" if is_insufficient(r) else ""
                    for s, r in zip(scores["suppressed"], scores.to_dict("records"), strict=True)
                ]
            )
            .pivot(**shape, values="state")
            .reindex(index=dept_ids, columns=factor_risks["risk_id"])
            .fillna("")
        )
        said = {"suppressed": t("rf_suppressed", lang), "insufficient": insufficient_label(lang)}
        shown = [
            [
                said.get(state, "" if pd.isna(v) else f"{v:.0f}")
                for v, state in zip(*row, strict=True)
            ]
            for row in zip(grid.to_numpy(), states.to_numpy(), strict=True)
        ]
        labels = [
            f"{risk}<br>({percent(effectiveness.get(risk), lang)})"
            for risk in factor_risks["risk_id"]
        ]
        names = factor_risks[f"risk_name_{lang}"].tolist()
        fig.add_trace(
            go.Heatmap(
                z=grid.to_numpy(),
                x=labels,
                y=dept_names,
                coloraxis="coloraxis",
                # in the cell the likelihood, or the words for too little evidence (a
                # suppressed cell stays empty); the hover says either
                text=[
                    [
                        value.replace(" ", "<br>")
                        if state == "insufficient"
                        else ("" if state else value)
                        for value, state in zip(texts, row_states, strict=True)
                    ]
                    for texts, row_states in zip(shown, states.to_numpy(), strict=True)
                ],
                texttemplate="%{text}",
                textfont={"size": 11},
                customdata=[
                    [[name, value] for name, value in zip(names, row, strict=True)] for row in shown
                ],
                hovertemplate="%{y}<br>%{customdata[0]}: %{customdata[1]}<extra></extra>",
                xgap=2,
                ygap=2,
            ),
            row=1,
            col=column,
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(
        height=70 + 44 * len(dept_ids),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        coloraxis={
            "cmin": LIKELIHOOD_RANGE[0],
            "cmax": LIKELIHOOD_RANGE[1],
            "colorscale": LIKELIHOOD_COLOURS,
            "colorbar": {"title": {"text": t("rf_col_likelihood", lang)}, "dtick": 1},
        },
        plot_bgcolor="#f5f5f5",
        separators=formats.separators(lang),
    )
    return fig
