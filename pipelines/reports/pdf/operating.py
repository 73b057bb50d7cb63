"""The RvC PDF's section on control measures' operating evidence: per measure with
operating data, whether the data shows it operates ("Werkt deels: dilemmasessies in 6 van
7 afdelingen in de laatste 12 maanden (−25 %)"), as frozen in the snapshot with its
sentence in both languages. A snapshot taken before operating evidence has none: one line
says so.

A mixin of ``_Report`` (document.py), like tables.py.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Spacer

from pipelines.core.texts import t
from pipelines.reports.pdf.style import _table


class OperatingSection:
    def operating_section(self) -> list:
        lang = self.lang
        flow = [CondPageBreak(4 * cm), self.p(t("oe_title", lang), "h1")]
        rows = self.snap.get("operating_evidence")
        if rows is None:
            return [*flow, self.p(t("oe_not_in_snapshot", lang))]
        if not rows:
            return [*flow, self.p(t("oe_none", lang))]
        as_of = self.w.date(rows[0]["evidence_as_of"])
        flow += [self.p(t("oe_pdf_help", lang).format(date=as_of), "small"), Spacer(1, 4)]
        header = [t("oe_col_risk", lang), t("oe_col_measure", lang), t("oe_col_operating", lang)]
        body = [[r[f"risk_name_{lang}"], r[f"text_{lang}"], r["text"][lang]] for r in rows]
        widths = [c * cm for c in (3.6, 6.4, 7.0)]
        return [*flow, _table([header, *body], widths, self.s, small=True)]
