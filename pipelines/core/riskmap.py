"""The risk map's geometry and colours, shared by the Overzicht's Plotly map
(dashboard/charts.py) and the RvC PDF's drawing (pipelines/reports/pdf/heatmap.py), so the board
and the DT see one map. Pure functions (Plotly's colour scales only): no figures, no
scores computed.
"""

from __future__ import annotations

import pandas as pd
from plotly.colors import sample_colorscale

SCALE = range(1, 6)  # impact and likelihood are scored 1-5
# Pale cell colours from "acceptable" to "beyond appetite", sampled per band, so markers
# and labels stay legible on top of them.
BAND_COLOURS = ["#cfe8cf", "#f6f0b8", "#f9d3a6", "#f3b1ad"]
INK = "#1f2f46"
# Arrows and dots take the colour of the assurance gap's level; no level: grey.
LEVEL_INK = {"rood": "#b3261e", "oranje": "#c46a00", "groen": "#1b7a3d"}
NO_LEVEL_INK = "#6b7687"
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

    The register ring and data dot of a risk share the impact, so with one lane per risk in
    a row they sit on one horizontal line and never cover another risk's marker, whatever
    the likelihoods. Lanes follow the order of ``risks`` (register order), top first.
    """
    rank = risks.groupby("impact").cumcount()
    size = risks.groupby("impact")["impact"].transform("size")
    return risks["impact"] + LANE_SPAN * (0.5 - (rank + 0.5) / size)


def expected_likelihood(score: dict, impact: float) -> float | None:
    """Where the register expects a risk after its measures: the score row's
    expected_likelihood, or (a snapshot from before it was published) its expected
    residual over the impact, which is the same number."""
    value = score.get("expected_likelihood")
    if value is None and score.get("expected_residual") is not None and impact:
        value = float(score["expected_residual"]) / float(impact)
    return None if value is None else float(value)
