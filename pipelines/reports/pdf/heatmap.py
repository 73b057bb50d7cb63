"""The RvC PDF's risk map: the 5x5 map of the Overzicht in its colours and lanes
(pipelines/core/riskmap.py), where the register expects each risk and where the data puts it,
with its key and the appetite bands.

A mixin of ``_Report`` (document.py): its methods read the report's snapshot (``snap``),
words (``w``), styles (``s``) and paragraph helper (``p``).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Spacer, Table, TableStyle

from pipelines.core.riskmap import (
    INK,
    LEVEL_INK,
    NO_LEVEL_INK,
    band_colour,
    expected_likelihood,
    lanes,
)
from pipelines.reports.pdf.style import BOLD, FONT, FRAME_WIDTH, _colour
from pipelines.reports.pdf.words import INSUFFICIENT, insufficient


class HeatmapSection:
    """The risk map page: its section, the rows it draws and the drawing itself."""

    def heatmap_section(self) -> list:
        w = self.w
        rows = self.map_rows()
        scores = self.organisation_scores()
        short = {r["risk_id"] for r in rows if insufficient(scores.get(r["risk_id"], {}))}
        unseen = [
            r["risk_id"]
            for r in rows
            if r["observed_likelihood"] is None and r["risk_id"] not in short
        ]
        short_ids = [r["risk_id"] for r in rows if r["risk_id"] in short]
        limits = self.appetite_limits()
        bands = [
            w("heatmap_band_item", limit=limit, appetite=w.group("appetite", name))
            for limit, name in limits
        ] + [w("heatmap_band_above")]
        key = [f"{r['risk_id']}  {r['name']}" for r in rows]
        per_column = -(-len(key) // 3)
        columns = [key[i * per_column : (i + 1) * per_column] for i in range(3)]
        key_table = Table(
            [
                [self.p(col[i], "cell") if i < len(col) else "" for col in columns]
                for i in range(per_column)
            ],
            colWidths=[FRAME_WIDTH / 3] * 3,
            style=TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ]
            ),
        )
        flow = [
            self.p(w("heatmap_title"), "h1"),
            self.p(w("heatmap_help", quarter=self.quarter), "small"),
            Spacer(1, 4),
            self.heatmap(rows, [limit for limit, _ in limits]),
            self.p(w("heatmap_bands", items=w.listing(bands)), "small"),
            Spacer(1, 4),
            key_table,
        ]
        if short_ids:
            flow.append(
                self.p(
                    w(
                        "heatmap_insufficient",
                        label=w.group("score_rule", INSUFFICIENT),
                        risks=", ".join(short_ids),
                    ),
                    "small",
                )
            )
        if unseen:
            flow.append(self.p(w("heatmap_unseen", risks=", ".join(unseen)), "small"))
        return flow

    def appetite_limits(self) -> list[tuple[int, str]]:
        """The appetite bands of the frozen register: (largest residual, appetite name)."""
        limits = {r["appetite_max_residual"]: r["appetite"] for r in self.risks}
        return sorted((int(v), name) for v, name in limits.items() if v is not None)

    def map_rows(self) -> list[dict[str, Any]]:
        """Every risk in register order with its position for the organisation: where the
        register expects it after its measures, and where the data puts it."""
        scores = self.organisation_scores()
        rows = []
        for risk in self.risks:
            score = scores.get(risk["risk_id"], {})
            seen = not score.get("suppressed") and score.get("observed_likelihood") is not None
            rows.append(
                {
                    "risk_id": risk["risk_id"],
                    "name": self.names[risk["risk_id"]],
                    "impact": risk["impact"],
                    "expected_likelihood": expected_likelihood(score, risk["impact"]),
                    "observed_likelihood": score["observed_likelihood"] if seen else None,
                    "level": score.get("level") if seen else None,
                }
            )
        return rows

    def heatmap(self, rows: list[dict[str, Any]], limits: list[int]) -> Drawing:
        """The 5x5 map of the Overzicht (dashboard/charts.py): cells coloured by appetite
        band, each risk on its own lane in its impact row, open circle = where the register
        expects it after its measures, dot = the data, the arrow between them in the colour
        of the gap's level (pointing right exactly when the gap is positive)."""
        w = self.w
        width, height = FRAME_WIDTH, 11.8 * cm
        left, bottom, top = 1.2 * cm, 1.0 * cm, 0.7 * cm
        expected = [r["expected_likelihood"] for r in rows if r["expected_likelihood"] is not None]
        low = min([0.5, *(v - 0.25 for v in expected)])  # room for a likelihood down to 0
        cell_w, cell_h = (width - left - 0.1 * cm) / (5.5 - low), (height - bottom - top) / 5
        d = Drawing(width, height)

        def x(likelihood: float) -> float:
            return left + (likelihood - low) * cell_w

        def y(impact: float) -> float:
            return bottom + (impact - 0.5) * cell_h

        for impact in range(1, 6):
            for likelihood in range(1, 6):
                x0, y0 = x(likelihood - 0.5), bottom + (impact - 1) * cell_h
                fill = _colour(band_colour(impact * likelihood, limits))
                d.add(Rect(x0, y0, cell_w, cell_h, fillColor=fill, strokeColor=colors.white))
                d.add(
                    String(
                        x0 + cell_w - 3,
                        y0 + 3,
                        str(impact * likelihood),
                        fontName=FONT,
                        fontSize=6.5,
                        fillColor=colors.Color(0.12, 0.18, 0.27, 0.45),
                        textAnchor="end",
                    )
                )
        for value in range(0 if low < 0.5 else 1, 6):
            d.add(String(x(value), bottom - 11, str(value), fontName=FONT, fontSize=8))
        for value in range(1, 6):
            d.add(String(left - 8, y(value) - 3, str(value), fontName=FONT, fontSize=8))
        d.add(
            String(
                x(3),
                bottom - 24,
                w("axis_likelihood"),
                fontName=BOLD,
                fontSize=8,
                textAnchor="middle",
            )
        )
        impact_label = String(0, 0, w("axis_impact"), fontName=BOLD, fontSize=8)
        impact_label.textAnchor = "middle"
        turned = Group(impact_label)
        turned.rotate(90)
        turned.translate(bottom + 2.5 * cell_h, -10)
        d.add(turned)
        # the legend, above the map
        legend_y = height - top / 2 - 2
        d.add(Circle(left + 4, legend_y + 2.5, 3, fillColor=None, strokeColor=INK))
        d.add(String(left + 12, legend_y, w("legend_expected"), fontName=FONT, fontSize=7.5))
        d.add(Circle(left + 5 * cm, legend_y + 2.5, 2.2, fillColor=_colour(INK), strokeWidth=0))
        d.add(
            String(
                left + 5 * cm + 8,
                legend_y,
                w("legend_observed", quarter=self.quarter),
                fontName=FONT,
                fontSize=7.5,
            )
        )
        lane = lanes(pd.DataFrame(rows, columns=["risk_id", "impact"]))
        for i, row in enumerate(rows):
            if row["expected_likelihood"] is None:
                continue
            ly = y(float(lane[i]))
            xi = x(row["expected_likelihood"])
            observed = row["observed_likelihood"]
            colour = _colour(LEVEL_INK.get(row["level"], NO_LEVEL_INK))
            label_x, anchor = xi + 5, "start"
            if observed is not None and abs(observed - row["expected_likelihood"]) >= 0.05:
                xo = x(observed)
                step = 1 if xo > xi else -1
                tip = xo - step * 3.2
                d.add(Line(xi + step * 4, ly, tip - step * 3, ly, strokeColor=colour))
                d.add(
                    Polygon(
                        [tip, ly, tip - step * 4, ly + 2, tip - step * 4, ly - 2],
                        fillColor=colour,
                        strokeWidth=0,
                    )
                )
            if observed is not None:
                xo = x(observed)
                left_of = observed < row["expected_likelihood"]
                label_x, anchor = (xo - 4, "end") if left_of else (xo + 4, "start")
            d.add(Circle(xi, ly, 2.6, fillColor=None, strokeColor=_colour(INK), strokeWidth=0.9))
            if observed is not None:
                d.add(
                    Circle(
                        x(observed),
                        ly,
                        1.8,
                        fillColor=colour,
                        strokeColor=colors.white,
                        strokeWidth=0.3,
                    )
                )
            d.add(
                String(
                    label_x,
                    ly - 2,
                    row["risk_id"],
                    fontName=FONT,
                    fontSize=5.8,
                    fillColor=colour if observed is not None else _colour(INK),
                    textAnchor=anchor,
                )
            )
        return d
