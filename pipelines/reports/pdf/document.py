"""The RvC PDF as one document: ``_Report`` joins the sections (page_one, heatmap, trends,
tables, meldingen) in their order on A4 with the footer on every page, and the entry points
callers use: ``render_report`` (snapshot to bytes) and ``write_report`` (quarter to a file).
"""

from __future__ import annotations

import io
from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from pipelines.reports.pdf.files import load_verified, verify, write_atomically
from pipelines.reports.pdf.heatmap import HeatmapSection
from pipelines.reports.pdf.meldingen import MeldingenSection
from pipelines.reports.pdf.operating import OperatingSection
from pipelines.reports.pdf.page_one import PageOne
from pipelines.reports.pdf.style import FONT, GREY, LIGHT, MARGIN, _NumberedCanvas, _styles
from pipelines.reports.pdf.tables import TableSections
from pipelines.reports.pdf.trends import TrendsSection
from pipelines.reports.pdf.words import _Words

PDF_LANG = {"nl": "nl-NL", "en": "en-GB"}


def write_report(quarter: str, out: Path, *, lang: str = "nl", home: Path | None = None) -> Path:
    """Render the frozen snapshot of ``quarter`` and write it to ``out`` atomically."""
    return write_atomically(out, render_report(load_verified(quarter, home), lang=lang))


class _Report(
    PageOne, HeatmapSection, TrendsSection, TableSections, OperatingSection, MeldingenSection
):
    def __init__(self, snapshot: dict[str, Any], lang: str) -> None:
        self.snap, self.lang = snapshot, lang
        self.w = _Words(lang)
        self.s = _styles()
        self.quarter = snapshot["quarter"]
        self.previous = snapshot["previous_quarter"]
        self.has_previous = bool(snapshot["has_previous_quarter"])
        units = snapshot["org_units"]
        self.organisation = next(
            (u["org_unit_name"] for u in units if u["org_level"] == "organisatie"), ""
        )
        self.departments = [u for u in units if u["org_level"] == "afdeling"]
        self.risks = snapshot["risks"]
        self.names = {r["risk_id"]: r[f"risk_name_{lang}"] for r in self.risks}
        self.short_sha = f"{snapshot['sha256'][:12]}…{snapshot['sha256'][-4:]}"

    # -- helpers

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(escape(text), self.s[style])

    def unit(self, row: dict[str, Any]) -> str:
        return self.w("organisation") if row["org_level"] == "organisatie" else row["org_unit_name"]

    def organisation_scores(self) -> dict[str, dict[str, Any]]:
        return {
            r["risk_id"]: r for r in self.snap["risk_scores"] if r["org_level"] == "organisatie"
        }

    # -- the document

    def footer(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(GREY)
        canvas.setStrokeColor(LIGHT)
        canvas.line(MARGIN, 1.45 * cm, A4[0] - MARGIN, 1.45 * cm)
        text = self.w(
            "footer",
            product=self.w("product"),
            quarter=self.quarter,
            organisation=self.organisation,
            short=self.short_sha,
        )
        canvas.drawString(MARGIN, 1.05 * cm, text)
        canvas.drawRightString(A4[0] - MARGIN, 1.05 * cm, self.w("page", page=page, pages=pages))
        canvas.restoreState()

    def render(self) -> bytes:
        buffer = io.BytesIO()
        title = self.w("doc_title", quarter=self.quarter)
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=1.6 * cm,
            bottomMargin=2 * cm,
            title=f"{title} – {self.organisation}",
            author=self.organisation,
            subject=self.w("doc_subject", organisation=self.organisation, quarter=self.quarter),
            creator=self.w("product"),
            lang=PDF_LANG[self.lang],
            invariant=True,
        )
        story = [
            *self.title_block(),
            *self.lead(),
            PageBreak(),
            *self.heatmap_section(),
            PageBreak(),
            *self.trends_section(),
            *self.gap_section(),
            *self.departments_section(),
            *self.changes_section(),
            *self.overdue_section(),
            *self.operating_section(),
            *self.meldingen_section(),
            *self.data_quality_section(),
        ]
        doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=self.footer))
        return buffer.getvalue()


def render_report(snapshot: dict[str, Any], lang: str = "nl") -> bytes:
    """The RvC quarterly overview of a frozen snapshot as PDF bytes (A4).

    ``snapshot`` as load_snapshot returns it (or the frozen JSON itself). It is checked
    first: a snapshot whose checksum no longer matches is refused (ReportError), so the
    PDF always says what was frozen.
    """
    verify(snapshot)
    return _Report(snapshot, lang).render()
