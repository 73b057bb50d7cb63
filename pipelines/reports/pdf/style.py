"""The RvC PDF's look: page size and margins, fonts, colours (the level colours the RvC
page shares), the paragraph styles, the table every section uses, and the page template's
canvas that writes "Pagina n van N" and the footer once the page count is known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from pipelines.core.riskmap import INK

MARGIN = 2 * cm
FRAME_WIDTH = A4[0] - 2 * MARGIN
GREY = colors.HexColor("#5b6573")
LIGHT = colors.HexColor("#e6e9ee")
DEPARTMENT_LINE = colors.HexColor("#b3bac5")
# Pale level colours for table cells, and full ones for the gap chart's bars (those of
# the Rode vlaggen page): the RvC page takes both from here.
LEVEL_FILL = {"groen": "#d5efd9", "oranje": "#fde3bd", "rood": "#f6c9c4"}
LEVEL_BAR = {"groen": "#2e7d32", "oranje": "#ef8f00", "rood": "#c62828"}
FONT, BOLD = "Helvetica", "Helvetica-Bold"


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12.5, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=10, textColor=GREY),
        "product": ParagraphStyle("product", base, fontName=BOLD, fontSize=10, textColor=GREY),
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=20, leading=25),
        "organisation": ParagraphStyle("org", base, fontSize=13, leading=17, spaceAfter=6),
        "h1": ParagraphStyle(
            "h1", base, fontName=BOLD, fontSize=13, leading=17, spaceBefore=10, spaceAfter=5
        ),
        "h2": ParagraphStyle(
            "h2", base, fontName=BOLD, fontSize=10, leading=13, spaceBefore=7, spaceAfter=3
        ),
        "lead": ParagraphStyle("lead", base, fontSize=10, leading=14),
        "cell": ParagraphStyle("cell", base, fontSize=7.5, leading=9.2),
        "head": ParagraphStyle("head", base, fontName=BOLD, fontSize=7.5, leading=9.2),
        "cell_small": ParagraphStyle("cell_small", base, fontSize=6.6, leading=8.2),
        "head_small": ParagraphStyle("head_small", base, fontName=BOLD, fontSize=6, leading=7.6),
        "figure": ParagraphStyle(
            "figure", base, fontName=BOLD, fontSize=20, leading=24, alignment=TA_CENTER
        ),
        "figure_label": ParagraphStyle(
            "figure_label", base, fontSize=7.5, leading=9.5, alignment=TA_CENTER, textColor=GREY
        ),
    }


def _colour(value: str) -> colors.Color:
    """A reportlab colour from '#rrggbb' or Plotly's 'rgb(r, g, b)'."""
    if value.startswith("rgb("):
        r, g, b = (int(v) for v in value[4:-1].split(","))
        return colors.Color(r / 255, g / 255, b / 255)
    return colors.HexColor(value)


def _table(
    rows: list[list[Any]],
    widths: list[float],
    styles: dict[str, ParagraphStyle],
    fills: Iterable[tuple[int, int, str]] = (),
    align_right: Iterable[int] = (),
    small: bool = False,
) -> Table:
    """A table with a bold header row (repeated on a new page); text cells wrap.

    ``fills``: (column, row, colour) for coloured cells; ``align_right``: numeric columns;
    ``small``: a smaller type, for many narrow columns (so a word is not split).
    """
    head, cell = ("head_small", "cell_small") if small else ("head", "cell")
    cells = [
        [
            Paragraph(escape(str(v)), styles[head if i == 0 else cell]) if isinstance(v, str) else v
            for v in row
        ]
        for i, row in enumerate(rows)
    ]
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5 if small else 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 if small else 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    style += [("BACKGROUND", (c, r), (c, r), _colour(fill)) for c, r, fill in fills]
    table = Table(cells, colWidths=widths, repeatRows=1, style=TableStyle(style))
    for column in align_right:
        for row in cells[1:]:
            if isinstance(row[column], Paragraph):
                row[column].style = ParagraphStyle("right", row[column].style, alignment=2)
    return table


class _NumberedCanvas(Canvas):
    """A canvas that writes 'Pagina n van N' and the footer once the page count is known."""

    def __init__(self, *args: Any, footer: Callable[[Canvas, int, int], None], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._footer, self._pages = footer, []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(self, number, total)
            super().showPage()
        super().save()
