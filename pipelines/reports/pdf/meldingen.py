"""The RvC PDF's section on integrity reports (meldingen): the snapshot's counts per
quarter by risk category, route and outcome and the deadlines met on time, as the marts
published them (pipelines/reports/meldingen_summary.py makes the tables, as on the page).
A snapshot taken before format 3 has no such section: one line says so.

A mixin of ``_Report`` (document.py), like tables.py.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Spacer

from pipelines.core.texts import t
from pipelines.reports import meldingen_summary
from pipelines.reports.pdf.style import FRAME_WIDTH, _table


class MeldingenSection:
    def meldingen_section(self) -> list:
        lang = self.lang
        flow = [CondPageBreak(5 * cm), self.p(t("ms_title", lang), "h1")]
        part = self.snap.get("meldingen")
        if part is None:
            return [*flow, self.p(t("ms_not_in_snapshot", lang))]
        flow += [self.p(meldingen_summary.intro(lang), "small"), Spacer(1, 4)]
        if not part["counts"] and not part["deadlines"]:
            return [*flow, self.p(t("ms_none", lang))]
        header, rows = meldingen_summary.count_table(part, lang)
        quarters = len(header) - 2
        rest = FRAME_WIDTH - 7.6 * cm
        widths = [3.0 * cm, 4.6 * cm, *[rest / quarters] * quarters]
        right = tuple(range(2, len(header)))
        flow.append(_table([header, *rows], widths, self.s, align_right=right, small=True))
        header, rows = meldingen_summary.deadline_table(part, lang)
        rest = FRAME_WIDTH - 5.0 * cm
        widths = [5.0 * cm, *[rest / (len(header) - 1)] * (len(header) - 1)]
        return [
            *flow,
            Spacer(1, 6),
            self.p(t("ms_deadlines_title", lang), "h2"),
            _table([header, *rows], widths, self.s, small=True),
            self.p(t("ms_deadlines_note", lang), "small"),
        ]
