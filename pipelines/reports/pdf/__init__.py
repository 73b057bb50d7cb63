"""The RvC quarterly overview as a PDF: A4, Dutch by default, made from a frozen snapshot.

The supervisory board downloads what it reads (README, "Log-in and roles"). The PDF is drawn from
the snapshot alone (pipelines/reports/snapshot.py), never from the live warehouse, so it says
exactly what was frozen: the organisation and its departments, never a team. A snapshot
whose checksum no longer matches is refused, not rendered.

Page one leads with the assurance gap, as the RvC page does: the three sentences of
pipelines/core/headline.py (what is red, what changed at the organisation level, what the
board may ask), the organisation's counts and a bar chart of its gap per risk, all
written again from the frozen rows, so a snapshot from before them reads the same way.
Headings and labels come from pipelines/core/locales/report.yaml. Level names come from
risks/settings.yaml, owner roles, statuses and test results from
pipelines/core/locales/ui/common.yaml.
The map uses the Overzicht's colours and lanes (pipelines/core/riskmap.py), so the board sees
the same picture as the DT.

reportlab draws it: platypus for the flow, reportlab.graphics for the map and the trend
lines, the built-in Helvetica (WinAnsi: every Dutch letter, é ë ï ‘ ’ –). Invariant mode:
the same snapshot always gives the same bytes.

One module per part of the report:

- ``document``: the report as one document (``_Report``) and the entry points
  ``render_report`` and ``write_report``.
- ``files``: the snapshot read and checked (``verify``, ``load_verified``, ``ReportError``)
  and the PDF written atomically (``write_atomically``).
- ``style``: page, fonts, colours (``LEVEL_FILL``, ``LEVEL_BAR``), paragraph styles, the
  table and the canvas that numbers the pages.
- ``words``: the texts in one language, numbers and dates; cutting a label to a width.
- ``page_one``: the title block, the three sentences, the key figures and the gap chart.
- ``heatmap``: the risk map. ``trends``: the red-flag trend lines.
- ``tables``: gap, departments, changes, overdue measures and data quality.

Callers import from here, as before the split: ``from pipelines.reports.pdf import ...``.
"""

from pipelines.reports.pdf.document import _Report, render_report, write_report
from pipelines.reports.pdf.files import ReportError, load_verified, verify, write_atomically
from pipelines.reports.pdf.style import LEVEL_BAR, LEVEL_FILL

__all__ = [
    "LEVEL_BAR",
    "LEVEL_FILL",
    "ReportError",
    "_Report",
    "load_verified",
    "render_report",
    "verify",
    "write_atomically",
    "write_report",
]
