"""Plotly figures the dashboard pages share: pure functions from mart rows to figures.

They compute no scores: they place, colour and label what the marts already hold.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboard.i18n import t

SCALE = range(1, 6)  # impact and likelihood are scored 1-5
# Pale cell colours from "acceptable" to "beyond appetite", sampled per band, so markers
# and labels stay legible on top of them.
BAND_COLOURS = ["#cfe8cf", "#f6f0b8", "#f9d3a6", "#f3b1ad"]
INK = "#1f2f46"
MOVED_UP = "#a5202b"
MOVED_DOWN = "#1b7a3d"
LANE_SPAN = 0.8  # the share of a cell's height the risks in one impact row spread over


def band_colour(score: int, limits: list[int]) -> str:
    """The background colour of a cell: which band (``limits`` ascending) it falls in."""
    colours = sample_colorscale(
        [[i / (len(BAND_COLOURS) - 1), c] for i, c in enumerate(BAND_COLOURS)],
        [i / len(limits) for i in range(len(limits) + 1)] if limits else [0.0],
    )
    return colours[sum(score > limit for limit in limits)]


def lanes(risks: pd.DataFrame) -> pd.Series:
    """Each risk's vertical position: its impact row split into one lane per risk.

    Inherent and observed marker of a risk share the impact, so with one lane per risk in
    a row they sit on one horizontal line and never cover another risk's marker, whatever
    the likelihoods. Lanes follow the order of ``risks`` (register order), top first.
    """
    rank = risks.groupby("impact").cumcount()
    size = risks.groupby("impact")["impact"].transform("size")
    return risks["impact"] + LANE_SPAN * (0.5 - (rank + 0.5) / size)


def _cells(limits: list[int]) -> tuple[list[dict], list[dict]]:
    shapes, labels = [], []
    for impact in SCALE:
        for likelihood in SCALE:
            shapes.append(
                dict(
                    type="rect",
                    layer="below",
                    x0=likelihood - 0.5,
                    x1=likelihood + 0.5,
                    y0=impact - 0.5,
                    y1=impact + 0.5,
                    fillcolor=band_colour(impact * likelihood, limits),
                    line=dict(color="white", width=2),
                )
            )
            labels.append(
                dict(
                    x=likelihood + 0.46,
                    y=impact - 0.46,
                    text=str(impact * likelihood),
                    showarrow=False,
                    xanchor="right",
                    yanchor="bottom",
                    font=dict(size=10, color="rgba(31,47,70,0.45)"),
                )
            )
    return shapes, labels


def risk_heatmap(risks: pd.DataFrame, limits: list[int], lang: str) -> go.Figure:
    """A 5x5 impact-by-likelihood map with each risk where the register and the data put it.

    ``risks``: one row per risk in register order with risk_id, name, impact,
    inherent_likelihood, inherent_score, observed_likelihood and observed_score (both
    null when there is no observed score), expected_residual, assurance_gap, level_name
    and coverage. ``limits``: ascending scores that end a colour band (the appetite limits).
    A hollow marker is the inherent position, a filled one the observed; an arrow joins
    them. Both traces carry the unshifted position in customdata: [risk_id, name, impact,
    likelihood, ...].
    """
    risks = risks.reset_index(drop=True)
    lane = lanes(risks)
    observed = risks["observed_likelihood"].notna()
    moved = observed & (risks["observed_likelihood"] != risks["inherent_likelihood"])
    moved_left = observed & (risks["observed_likelihood"] < risks["inherent_likelihood"])

    def values(frame: pd.DataFrame, columns: list[str]) -> list[list]:
        return [
            [None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in row]
            for row in frame[columns].itertuples(index=False)
        ]

    inherent = go.Scatter(
        name=t("ov_legend_inherent", lang),
        meta="inherent",
        x=[float(v) for v in risks["inherent_likelihood"]],
        y=[float(v) for v in lane],
        mode="markers+text",
        text=[r if not m else "" for r, m in zip(risks["risk_id"], moved, strict=True)],
        textposition="middle right",
        textfont=dict(size=11, color=INK),
        marker=dict(symbol="circle-open", size=12, line=dict(width=2, color=INK), color=INK),
        customdata=values(
            risks, ["risk_id", "name", "impact", "inherent_likelihood", "inherent_score"]
        ),
        hovertemplate=(
            "<b>%{customdata[0]} · %{customdata[1]}</b><br>"
            + t("ov_legend_inherent", lang)
            + "<br>"
            + t("ov_axis_impact", lang)
            + ": %{customdata[2]} · "
            + t("ov_axis_likelihood", lang)
            + ": %{customdata[3]}<br>"
            + t("ov_hover_inherent_score", lang)
            + ": %{customdata[4]}<extra></extra>"
        ),
    )
    seen = risks[observed]
    data = go.Scatter(
        name=t("ov_legend_observed", lang),
        meta="observed",
        x=[float(v) for v in seen["observed_likelihood"]],
        y=[float(v) for v in lane[observed]],
        mode="markers+text",
        text=[r if m else "" for r, m in zip(seen["risk_id"], moved[observed], strict=True)],
        textposition=["middle left" if m else "middle right" for m in moved_left[observed]],
        textfont=dict(size=11, color=INK),
        marker=dict(symbol="circle", size=8, color=INK, line=dict(width=1, color="white")),
        customdata=values(
            seen,
            [
                "risk_id",
                "name",
                "impact",
                "observed_likelihood",
                "observed_score",
                "expected_residual",
                "assurance_gap",
                "level_name",
                "inherent_likelihood",
                "coverage",
            ],
        ),
        hovertemplate=(
            "<b>%{customdata[0]} · %{customdata[1]}</b><br>"
            + t("ov_legend_observed", lang)
            + "<br>"
            + t("ov_axis_impact", lang)
            + ": %{customdata[2]} · "
            + t("ov_axis_likelihood", lang)
            + ": %{customdata[3]} ("
            + t("ov_hover_register", lang)
            + ": %{customdata[8]})<br>"
            + t("ov_hover_observed_score", lang)
            + ": %{customdata[4]} · "
            + t("ov_hover_expected_residual", lang)
            + ": %{customdata[5]:.1f}<br>"
            + t("ov_hover_gap", lang)
            + ": %{customdata[6]:.1f} (%{customdata[7]})<br>"
            + t("col_coverage", lang)
            + ": %{customdata[9]:.0%}<extra></extra>"
        ),
    )
    shapes, annotations = _cells(limits)
    for i in seen.index:
        start, end = risks.at[i, "inherent_likelihood"], risks.at[i, "observed_likelihood"]
        if start == end:
            continue
        annotations.append(
            dict(
                x=float(end),
                y=float(lane[i]),
                ax=float(start),
                ay=float(lane[i]),
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                text="",
                showarrow=True,
                arrowhead=2,
                arrowsize=1,
                arrowwidth=1.5,
                arrowcolor=MOVED_UP if end > start else MOVED_DOWN,
                standoff=5,
                startstandoff=8,
            )
        )
    axis = dict(
        range=[0.5, 5.5],
        tickvals=list(SCALE),
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    figure = go.Figure([inherent, data])
    figure.update_layout(
        shapes=shapes,
        annotations=annotations,
        xaxis=dict(axis, title=t("ov_axis_likelihood", lang)),
        yaxis=dict(axis, title=t("ov_axis_impact", lang)),
        height=760,
        margin=dict(l=10, r=10, t=40, b=10),
        plot_bgcolor="white",
        legend=dict(orientation="h", yanchor="bottom", y=1.01, x=0),
        hoverlabel=dict(align="left"),
    )
    return figure
