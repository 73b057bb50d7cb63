"""Plotly figures the dashboard pages share: pure functions from mart rows to figures.

They compute no scores: they place, colour and label what the marts already hold.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import t
from pipelines.core import formats
from pipelines.core.riskmap import (  # noqa: F401  (re-exported: the map's shared geometry)
    INK,
    LANE_SPAN,
    LEVEL_INK,
    NO_LEVEL_INK,
    SCALE,
    band_colour,
    lanes,
)

MAP_HEIGHT = 700  # px: room for seven risks in one impact row without touching marks


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


def _lane_values(frame: pd.DataFrame, columns: list[str]) -> list[list]:
    return [
        [None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in row]
        for row in frame[columns].itertuples(index=False)
    ]


def _hover(row: pd.Series, lang: str) -> str:
    """A risk's hover text, numbers written by pipelines.core.formats (decimal comma in Dutch)."""
    head = f"<b>{row['risk_id']} · {row['name']}</b>"
    lines = [
        head,
        f"{t('ov_axis_impact', lang)}: {formats.whole(row['impact'], lang)}",
        f"{t('ov_hover_expected_likelihood', lang)}: "
        f"{formats.number(row['expected_likelihood'], lang)}"
        f" ({t('ov_hover_inherent', lang)}: {formats.whole(row['inherent_likelihood'], lang)})",
    ]
    if not pd.isna(row["observed_likelihood"]):
        lines += [
            f"{t('ov_hover_observed_likelihood', lang)}: "
            f"{formats.whole(row['observed_likelihood'], lang)}",
            f"{t('ov_hover_gap', lang)}: {formats.number(row['assurance_gap'], lang, signed=True)}"
            f" ({row['level_name']})",
            f"{t('col_coverage', lang)}: {formats.percent(row['coverage'], lang)}",
        ]
    return "<br>".join(lines)


def risk_heatmap(risks: pd.DataFrame, limits: list[int], lang: str) -> go.Figure:
    """A 5x5 impact-by-likelihood map: each risk's arrow runs from where the register
    expects it after its measures to where the data puts it.

    ``risks``: one row per risk in register order with risk_id, name, impact,
    inherent_likelihood, expected_likelihood (inherent likelihood x (1 - control
    effectiveness): the likelihood that gives the expected residual), observed_likelihood,
    assurance_gap, level, level_name and coverage; the last six null when the unit has no
    score for the risk. ``limits``: ascending scores that end a colour band (the appetite
    limits). A hollow ring is the register's expected position, a filled dot the data's;
    the arrow between them points right exactly when the gap is positive (the gap is
    impact x the distance), and is coloured by the gap's level, as the dot is. Both traces
    carry the unshifted position in customdata: [risk_id, name, impact, likelihood].
    """
    risks = risks.reset_index(drop=True)
    lane = lanes(risks)
    expected = risks["expected_likelihood"].notna()
    observed = risks["observed_likelihood"].notna() & expected
    # a risk's code sits beside its data dot (or its ring when it has none), on the side
    # away from its arrow, so code and arrow never cover each other
    left = observed & (risks["observed_likelihood"] < risks["expected_likelihood"])
    ink = [LEVEL_INK.get(level, NO_LEVEL_INK) for level in risks["level"]]
    hover = [_hover(row, lang) for _, row in risks.iterrows()]

    ring = risks[expected]
    register = go.Scatter(
        name=t("ov_legend_expected", lang),
        meta="expected",
        x=[float(v) for v in ring["expected_likelihood"]],
        y=[float(v) for v in lane[expected]],
        mode="markers+text",
        text=[r if not o else "" for r, o in zip(ring["risk_id"], observed[expected], strict=True)],
        textposition="middle right",
        textfont=dict(size=10, color=INK),
        marker=dict(symbol="circle-open", size=9, line=dict(width=1.5, color=INK), color=INK),
        customdata=_lane_values(ring, ["risk_id", "name", "impact", "expected_likelihood"]),
        hovertext=[hover[i] for i in ring.index],
        hoverinfo="text",
    )
    seen = risks[observed]
    data = go.Scatter(
        name=t("ov_legend_observed", lang),
        meta="observed",
        x=[float(v) for v in seen["observed_likelihood"]],
        y=[float(v) for v in lane[observed]],
        mode="markers+text",
        text=list(seen["risk_id"]),
        textposition=["middle left" if m else "middle right" for m in left[observed]],
        textfont=dict(size=10, color=[ink[i] for i in seen.index]),
        marker=dict(
            symbol="circle", size=8, color=[ink[i] for i in seen.index], line=dict(width=1)
        ),
        customdata=_lane_values(seen, ["risk_id", "name", "impact", "observed_likelihood"]),
        hovertext=[hover[i] for i in seen.index],
        hoverinfo="text",
    )
    shapes, annotations = _cells(limits)
    for i in seen.index:
        start, end = risks.at[i, "expected_likelihood"], risks.at[i, "observed_likelihood"]
        if abs(end - start) < 0.05:  # ring and dot touch: an arrow would not show
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
                arrowwidth=1.6,
                arrowcolor=ink[i],
                standoff=6,
                startstandoff=7,
            )
        )
    low = min([0.5, *(v - 0.25 for v in ring["expected_likelihood"])])
    axis = dict(showgrid=False, zeroline=False, fixedrange=True)
    figure = go.Figure([register, data])
    figure.update_layout(
        shapes=shapes,
        annotations=annotations,
        xaxis=dict(
            axis,
            range=[low, 5.5],
            tickvals=[0, *SCALE] if low < 0.5 else list(SCALE),
            title=t("ov_axis_likelihood", lang),
        ),
        yaxis=dict(axis, range=[0.5, 5.5], tickvals=list(SCALE), title=t("ov_axis_impact", lang)),
        height=MAP_HEIGHT,
        margin=dict(l=10, r=10, t=30, b=10),
        plot_bgcolor="white",
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
        hoverlabel=dict(align="left"),
        separators=formats.separators(lang),
    )
    return figure
