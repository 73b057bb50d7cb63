"""The RvC PDF's red-flag trends: a small line chart per red flag (the organisation
bold, its departments thin) over every quarter the snapshot holds, and their legend.

A mixin of ``_Report`` (document.py): its methods read the report's snapshot (``snap``),
words (``w``), styles (``s``) and paragraph helper (``p``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib.units import cm
from reportlab.platypus import Spacer, Table, TableStyle

from pipelines.core.riskmap import INK
from pipelines.reports.pdf.style import (
    BOLD,
    DEPARTMENT_LINE,
    FONT,
    FRAME_WIDTH,
    GREY,
    LIGHT,
    _colour,
)


class TrendsSection:
    """The red-flag trends page: the series per red flag and unit, and their charts."""

    def trend_series(self) -> tuple[list[str], dict[str, dict[str, dict[str, Any]]], str]:
        """Per red flag and unit the observed likelihood per quarter, the quarters, and a
        note on how far back the snapshot reaches.

        From ``red_flag_trends`` when the snapshot holds it (every quarter up to this one);
        else from ``changes``: the previous quarter and this one.
        """
        red_flags = [r["risk_id"] for r in self.risks if r["category"] == "red_flag"]
        series: dict[str, dict[str, dict[str, Any]]] = {r: {} for r in red_flags}
        note = ""
        if self.snap.get("red_flag_trends"):
            for row in self.snap["red_flag_trends"]:
                if row["risk_id"] in series:
                    value = None if row.get("suppressed") else row["observed_likelihood"]
                    series[row["risk_id"]].setdefault(row["org_unit_id"], {})[row["period"]] = value
            quarters = sorted({r["period"] for r in self.snap["red_flag_trends"]})
        else:
            quarters = [self.previous, self.quarter] if self.has_previous else [self.quarter]
            for row in self.snap["changes"]:
                if row["risk_id"] not in series:
                    continue
                values = {self.quarter: None if row["suppressed"] else row["observed_likelihood"]}
                if self.has_previous:
                    values[self.previous] = row["previous_observed_likelihood"]
                series[row["risk_id"]][row["org_unit_id"]] = values
            note = (
                self.w("trends_two_quarters", previous=self.previous, quarter=self.quarter)
                if self.has_previous
                else self.w("trends_one_quarter", quarter=self.quarter)
            )
        return quarters, series, note

    def trends_section(self) -> list:
        w = self.w
        quarters, series, note = self.trend_series()
        organisation = next(
            u["org_unit_id"] for u in self.snap["org_units"] if u["org_level"] == "organisatie"
        )
        cell_w = FRAME_WIDTH / 2
        charts = [
            self.trend_chart(risk_id, quarters, units, organisation, cell_w - 6, 3.9 * cm)
            for risk_id, units in series.items()
        ]
        charts.append(self.trend_legend(cell_w - 6, 3.9 * cm))
        if len(charts) % 2:
            charts.append("")
        grid = Table(
            [charts[i : i + 2] for i in range(0, len(charts), 2)],
            colWidths=[cell_w, cell_w],
            style=TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            ),
        )
        flow = [self.p(w("trends_title"), "h1"), self.p(w("trends_help"), "small")]
        if note:
            flow.append(self.p(note, "small"))
        return [*flow, Spacer(1, 4), grid]

    def trend_chart(
        self,
        risk_id: str,
        quarters: list[str],
        units: dict[str, dict[str, Any]],
        organisation: str,
        width: float,
        height: float,
    ) -> Drawing:
        left, right, bottom, top = 0.55 * cm, 0.45 * cm, 0.45 * cm, 0.55 * cm
        d = Drawing(width, height)
        d.add(
            String(
                0,
                height - 9,
                f"{risk_id}  {self.names[risk_id]}",
                fontName=BOLD,
                fontSize=7.5,
                fillColor=_colour(INK),
            )
        )
        plot_w, plot_h = width - left - right, height - bottom - top

        def x(i: int) -> float:
            if len(quarters) == 1:
                return left + plot_w / 2
            return left + i * plot_w / (len(quarters) - 1)

        def y(value: float) -> float:
            return bottom + (value - 1) / 4 * plot_h

        for level in range(1, 6):
            d.add(Line(left, y(level), left + plot_w, y(level), strokeColor=LIGHT, strokeWidth=0.5))
            d.add(
                String(
                    left - 5,
                    y(level) - 2.2,
                    str(level),
                    fontName=FONT,
                    fontSize=6,
                    fillColor=GREY,
                    textAnchor="end",
                )
            )
        for i, quarter in enumerate(quarters):
            d.add(
                String(
                    x(i),
                    2,
                    quarter,
                    fontName=FONT,
                    fontSize=5.6,
                    fillColor=GREY,
                    textAnchor="middle",
                )
            )
        ordered = sorted(units.items(), key=lambda kv: kv[0] == organisation)  # org on top
        for unit_id, values in ordered:
            is_org = unit_id == organisation
            colour = _colour(INK) if is_org else DEPARTMENT_LINE
            points = [
                (x(i), y(values[q])) for i, q in enumerate(quarters) if values.get(q) is not None
            ]
            for segment in _runs(quarters, values, x, y):
                if len(segment) > 1:
                    d.add(
                        PolyLine(
                            [c for point in segment for c in point],
                            strokeColor=colour,
                            strokeWidth=1.6 if is_org else 0.7,
                        )
                    )
            for px, py in points:
                d.add(Circle(px, py, 1.9 if is_org else 1.1, fillColor=colour, strokeWidth=0))
            if is_org and points:
                last = max(i for i, q in enumerate(quarters) if values.get(q) is not None)
                d.add(
                    String(
                        points[-1][0] + 3,
                        points[-1][1] + 3,
                        self.w.number(values[quarters[last]]),
                        fontName=BOLD,
                        fontSize=6.5,
                        fillColor=_colour(INK),
                    )
                )
        return d

    def trend_legend(self, width: float, height: float) -> Drawing:
        d = Drawing(width, height)
        for i, (label, colour, stroke) in enumerate(
            [
                (self.w("legend_organisation"), _colour(INK), 1.6),
                (self.w("legend_departments"), DEPARTMENT_LINE, 0.7),
            ]
        ):
            yy = height - 20 - i * 14
            d.add(Line(4, yy, 28, yy, strokeColor=colour, strokeWidth=stroke))
            d.add(String(34, yy - 2.5, label, fontName=FONT, fontSize=7.5, fillColor=_colour(INK)))
        return d


def _runs(
    quarters: list[str],
    values: dict[str, Any],
    x: Callable[[int], float],
    y: Callable[[float], float],
) -> list[list[tuple[float, float]]]:
    """The unbroken stretches of a series: a quarter without a value breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for i, quarter in enumerate(quarters):
        if values.get(quarter) is None:
            runs.append([])
        else:
            runs[-1].append((x(i), y(values[quarter])))
    return [run for run in runs if run]
