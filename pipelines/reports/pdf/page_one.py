"""The RvC PDF's page one, the assurance gap first as on the RvC page: the title block
with what was frozen when and by whom, the three sentences of pipelines/core/headline.py, the
organisation's counts and the bar chart of its gap per risk.

A mixin of ``_Report`` (document.py): its methods read the report's snapshot (``snap``),
words (``w``), styles (``s``) and paragraph helper (``p``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from pipelines.core import formats, headline
from pipelines.core.riskmap import INK
from pipelines.reports.pdf.style import (
    BOLD,
    FONT,
    FRAME_WIDTH,
    GREY,
    LEVEL_BAR,
    LIGHT,
    _colour,
)
from pipelines.reports.pdf.words import _fit
from pipelines.reports.snapshot import quarter_end, scoring_method, uses_older_method


class PageOne:
    """Page one: the title block, the lead sentences, the key figures and the gap chart."""

    def title_block(self) -> list:
        w, snap = self.w, self.snap
        end = quarter_end(self.quarter)
        start = dt.date(end.year, end.month - 2, 1)
        period = {
            "quarter": self.quarter,
            "start": w.date(start.isoformat()),
            "end": w.date(end.isoformat()),
            "previous": self.previous,
        }
        quarter = w("meta_quarter_value" if self.has_previous else "meta_quarter_first", **period)
        rows = [
            (w("meta_quarter"), quarter),
            (
                w("meta_scope"),
                w(
                    "meta_scope_value",
                    n=len(self.departments),
                    departments=w.listing([u["org_unit_name"] for u in self.departments]),
                ),
            ),
            (
                w("meta_frozen"),
                w("meta_frozen_value", when=w.datetime(snap["created_at"]), by=snap["created_by"]),
            ),
            (w("meta_built"), w("meta_built_value", when=w.datetime(snap["warehouse_built_at"]))),
            (w("meta_checksum"), w("meta_checksum_ok", short=self.short_sha)),
            (w("meta_audit"), self.audit_head()),
            (
                w("meta_method"),
                w(
                    f"meta_method_older_{scoring_method(snap)}"
                    if uses_older_method(snap)
                    else "meta_method_current"
                ),
            ),
        ]
        meta = Table(
            [[self.p(k, "head"), self.p(v, "cell")] for k, v in rows],
            colWidths=[3.6 * cm, FRAME_WIDTH - 3.6 * cm],
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                    ("LINEABOVE", (0, 0), (-1, 0), 1.2, INK),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.6, LIGHT),
                ]
            ),
        )
        return [
            self.p(w("product"), "product"),
            self.p(w("doc_title", quarter=self.quarter), "title"),
            self.p(self.organisation, "organisation"),
            meta,
            Spacer(1, 4),
            self.p(w("intro"), "small"),
        ]

    def audit_head(self) -> str:
        """The audit log's head as frozen (COUNT:MAC, for `radar audit verify --head`);
        a snapshot of format 1 has none."""
        if "audit_head" not in self.snap:
            return self.w("meta_audit_before")
        head = self.snap["audit_head"]
        if not head:
            return self.w("meta_audit_none")
        return self.w("meta_audit_value", head=f"{head['count']}:{head['mac']}", n=head["count"])

    # -- page one: the assurance gap

    def finding(self) -> headline.Finding:
        scores = list(self.organisation_scores().values())
        return headline.finding(scores, total=len(self.risks))

    def movements(self) -> headline.Movements:
        """Gestegen, gedaald, nieuw rood: the organisation's, as on the page and Overzicht."""
        return headline.movements(self.snap["changes"])

    def lead(self) -> list:
        """The three sentences (what is red, what changed, what to ask), the gap chart
        and the organisation's counts: what the board reads first."""
        w = self.w
        sentences = headline.board_sentences(
            self.finding(), self.movements(), len(self.snap["overdue_controls"]), self.lang
        )
        flow = [self.p(w("lead_title", quarter=self.quarter), "h1")]
        flow += [item for text in sentences for item in (self.p(text, "lead"), Spacer(1, 3))]
        flow += self.key_figures()
        ranked = headline.ranked(self.organisation_scores().values())
        if ranked:
            flow += [
                self.p(w("chart_title"), "h2"),
                self.gap_chart(ranked),
                self.p(w("chart_help"), "small"),
            ]
        return flow

    def key_figures(self) -> list:
        w, moved = self.w, self.movements()
        overdue = len(self.snap["overdue_controls"])
        if moved.has_previous:
            figures = [
                (len(moved.up), w("metric_up")),
                (len(moved.down), w("metric_down")),
                (len(moved.new_red), w("metric_new_red")),
            ]
        else:  # nothing can have moved: the position, not a change
            figures = [(len(self.finding().red), w("metric_red"))]
        figures.append((overdue, w("metric_overdue")))
        width = FRAME_WIDTH / len(figures)
        table = Table(
            [
                [self.p(w.number(n, 0), "figure") for n, _ in figures],
                [self.p(label, "figure_label") for _, label in figures],
            ],
            colWidths=[width] * len(figures),
            style=TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.6, LIGHT),
                    ("INNERGRID", (0, 0), (-1, -1), 0.6, colors.white),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f4f6f9")),
                    ("TOPPADDING", (0, 0), (-1, 0), 6),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                ]
            ),
        )
        scope = w("metric_scope", previous=moved.previous or formats.MISSING)
        return [Spacer(1, 4), KeepTogether([table, Spacer(1, 2), self.p(scope, "small")])]

    def gap_chart(self, rows: list[dict[str, Any]]) -> Drawing:
        """Horizontal bars: the organisation's gap per risk, largest on top, coloured by
        its level, the signed value beside each bar."""
        label_w, value_w, row_h, axis_h = 6.2 * cm, 1.0 * cm, 0.37 * cm, 0.45 * cm
        width, height = FRAME_WIDTH, axis_h + row_h * len(rows) + 4
        gaps = [float(r["assurance_gap"]) for r in rows]
        low, high = min(0.0, *gaps), max(0.0, *gaps)
        # room for the value beside a bar at either end
        left = label_w + (value_w if low < 0 else 0)
        plot_w = width - left - value_w

        def x(value: float) -> float:
            return left + (value - low) / ((high - low) or 1) * plot_w

        d = Drawing(width, height)
        for i, (row, gap) in enumerate(zip(rows, gaps, strict=True)):
            top = height - (i + 1) * row_h
            # the id first, as in the map's key: a name cut to fit keeps its risk
            name = f"{row['risk_id']}  {row[f'risk_name_{self.lang}']}"
            d.add(
                String(
                    0,
                    top + 3.5,
                    _fit(name, label_w - 8, 7),
                    fontName=FONT,
                    fontSize=7,
                    fillColor=_colour(INK),
                )
            )
            start, end = sorted((x(0), x(gap)))
            colour = _colour(LEVEL_BAR[row["level"]])
            d.add(Rect(start, top + 1.5, end - start, row_h - 3, fillColor=colour, strokeWidth=0))
            d.add(
                String(
                    x(gap) + (3 if gap >= 0 else -3),
                    top + 3.5,
                    self.w.number(gap, 1, signed=True),
                    fontName=BOLD,
                    fontSize=7,
                    fillColor=_colour(INK),
                    textAnchor="start" if gap >= 0 else "end",
                )
            )
        d.add(Line(x(0), axis_h - 2, x(0), height, strokeColor=_colour(INK), strokeWidth=0.6))
        d.add(
            String(
                left + plot_w / 2,
                2,
                self.w("chart_axis"),
                fontName=FONT,
                fontSize=6.5,
                fillColor=GREY,
                textAnchor="middle",
            )
        )
        return d
