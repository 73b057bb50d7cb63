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
"""

from __future__ import annotations

import datetime as dt
import io
import os
import uuid
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from pipelines.core import formats, headline
from pipelines.core.catalogue import load_catalogue
from pipelines.core.languages import LANGUAGES
from pipelines.core.riskmap import (
    INK,
    LEVEL_INK,
    NO_LEVEL_INK,
    band_colour,
    expected_likelihood,
    lanes,
)
from pipelines.core.texts import report_texts
from pipelines.core.texts import t as ui_text
from pipelines.reports.snapshot import (
    SnapshotError,
    check_quarter,
    content_hash,
    load_snapshot,
    quarter_end,
    snapshot_path,
    uses_older_method,
)

PDF_LANG = {"nl": "nl-NL", "en": "en-GB"}
# What load_snapshot adds to the frozen content (not covered by the checksum).
LOAD_EXTRAS = ("path", "verified")
# The fields the report cannot do without; the optional ones (red_flag_trends,
# data_freshness, ingest_summary) are used when a snapshot holds them.
REQUIRED_FIELDS = (
    "quarter",
    "previous_quarter",
    "has_previous_quarter",
    "created_at",
    "created_by",
    "warehouse_built_at",
    "org_units",
    "risks",
    "risk_scores",
    "changes",
    "overdue_controls",
    "summary",
    "texts",
    "sha256",
)

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
# The score_rule of a score with too little evidence for a number: shown as the words of
# pipelines/core/locales/ui/common.yaml score_rule (a snapshot of the older method has no rule).
INSUFFICIENT = "onvoldoende_gegevens"


def insufficient(row: dict[str, Any]) -> bool:
    """A frozen score with too little evidence for a number (not one that is suppressed)."""
    return not row.get("suppressed") and row.get("score_rule") == INSUFFICIENT


class ReportError(SnapshotError):
    """The report cannot be made or written; the message says why, in Dutch."""


# ---------------------------------------------------------------- reading and checking


def verify(snapshot: dict[str, Any]) -> None:
    """Refuse (ReportError) a snapshot that is not exactly what was frozen."""
    quarter = snapshot.get("quarter")
    where = snapshot.get("path") or f"momentopname {quarter}"
    missing = [f for f in REQUIRED_FIELDS if f not in snapshot]
    if missing:
        raise ReportError(
            f"{where} is geen volledige momentopname (ontbreekt: {', '.join(missing)}); "
            "er wordt geen PDF gemaakt"
        )
    content = {k: v for k, v in snapshot.items() if k not in LOAD_EXTRAS}
    actual = content_hash(content)
    if actual != content["sha256"]:
        raise ReportError(
            f"{where} is na het vastleggen gewijzigd: het controlegetal klopt niet "
            f"(vastgelegd {str(content['sha256'])[:12]}…, nu {actual[:12]}…). Er wordt geen "
            "PDF gemaakt: zet de oorspronkelijke momentopname terug."
        )
    path = snapshot.get("path")
    if path and Path(path).stem != quarter:
        raise ReportError(
            f"{where} hoort bij kwartaal {quarter}, niet bij {Path(path).stem}: het bestand is "
            "hernoemd of verwisseld. Er wordt geen PDF gemaakt."
        )
    if snapshot.get("verified") is False:
        raise ReportError(f"{where} is niet te verifiëren; er wordt geen PDF gemaakt")


def load_verified(quarter: str, home: Path | None = None) -> dict[str, Any]:
    """The frozen snapshot of ``quarter``, checked; ReportError when there is none or it
    was changed after it was frozen."""
    check_quarter(quarter)
    path = snapshot_path(quarter, home)
    if not path.exists():
        raise ReportError(
            f"er is geen momentopname van {quarter} ({path}); maak die eerst met "
            f"`radar snapshot {quarter}`"
        )
    snapshot = load_snapshot(quarter, home)
    verify(snapshot)
    return snapshot


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file and a rename: a failure leaves no
    half file (and an existing file as it was)."""
    path = Path(path)
    if path.is_dir():
        raise ReportError(f"kan {path} niet schrijven: dat is een map; geef een bestandsnaam")
    if not path.parent.is_dir():
        problem = "is geen map" if path.parent.exists() else "bestaat niet"
        raise ReportError(f"kan {path} niet schrijven: {path.parent} {problem}")
    work = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex}.tmp")
    try:
        with open(work, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(work, path)
    except OSError as exc:
        reason = "geen schrijfrechten" if isinstance(exc, PermissionError) else exc.strerror
        raise ReportError(f"kan {path} niet schrijven: {reason or exc}") from None
    finally:
        work.unlink(missing_ok=True)
    return path


def write_report(quarter: str, out: Path, *, lang: str = "nl", home: Path | None = None) -> Path:
    """Render the frozen snapshot of ``quarter`` and write it to ``out`` atomically."""
    return write_atomically(out, render_report(load_verified(quarter, home), lang=lang))


# ---------------------------------------------------------------- words and numbers


class _Words:
    """The report's texts in one language, and how it writes numbers and dates."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ReportError(f"onbekende taal {lang!r}: kies uit {', '.join(LANGUAGES)}")
        self.lang = lang
        self.tpl = report_texts()
        self.levels = load_catalogue().settings.levels

    def __call__(self, key: str, **values: Any) -> str:
        text = self.tpl[key][self.lang]
        return text.format(**values) if values else text

    def group(self, group: str, key: str) -> str:
        """A label of a shared group (owner_role, control_status, test_result, appetite)."""
        return ui_text(key, self.lang, group=group) if key else "–"

    def level(self, code: Any) -> str:
        if not isinstance(code, str):
            return formats.MISSING
        name = self.levels.get(code)
        return getattr(name, self.lang) if name else code

    def number(self, value: Any, decimals: int | None = None, signed: bool = False) -> str:
        """Whole numbers without decimals, others with one (or ``decimals``); – for none."""
        return formats.number(value, self.lang, decimals=decimals, signed=signed)

    def yes_no(self, value: Any) -> str:
        if formats.is_missing(value):
            return formats.MISSING
        return self("answer_yes") if value else self("answer_no")

    def date(self, iso: Any) -> str:
        """A day: dd-mm-jjjj (nl), dd/mm/yyyy (en); – for none."""
        return formats.date(iso, self.lang)

    def datetime(self, iso: Any) -> str:
        """A moment as it was frozen (its own UTC offset, not this machine's zone)."""
        return formats.date_time(iso, self.lang, local=False)

    short_date = date

    def listing(self, items: list[str]) -> str:
        return headline.listing(items, self.lang)


# ---------------------------------------------------------------- styles and flowables


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


# ---------------------------------------------------------------- the report


class _Report:
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

    # -- sections

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
                w("meta_method_older" if uses_older_method(snap) else "meta_method_current"),
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

    # -- red-flag trends

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

    # -- tables

    def gap_section(self) -> list:
        w = self.w
        scores = self.organisation_scores()
        red_in: dict[str, list[str]] = {}
        for row in self.snap["risk_scores"]:
            if row["org_level"] == "afdeling" and row["level"] == "rood" and not row["suppressed"]:
                red_in.setdefault(row["risk_id"], []).append(row["org_unit_name"])
        order = {r["risk_id"]: i for i, r in enumerate(self.risks)}
        ranked = sorted(
            self.risks,
            key=lambda r: (
                scores.get(r["risk_id"], {}).get("assurance_gap") is None,
                -(scores.get(r["risk_id"], {}).get("assurance_gap") or 0),
                order[r["risk_id"]],
            ),
        )
        # the evidence behind each score (coverage) from the snapshots of method 2 on
        with_coverage = any("coverage" in r for r in self.snap["risk_scores"])
        header = [
            w("col_risk"),
            w("col_inherent"),
            w("col_expected"),
            w("col_observed"),
            w("col_gap"),
            w("col_level"),
            w("col_appetite"),
            *([w("col_coverage")] if with_coverage else []),
            w("col_red_departments"),
        ]
        rows, fills = [header], []
        for risk in ranked:
            score = scores.get(risk["risk_id"], {})
            shown = bool(score) and not score.get("suppressed")
            level = score.get("level") if shown else None
            coverage = score.get("coverage") if shown else None
            evidence = formats.percent(coverage, self.lang)
            rows.append(
                [
                    f"{risk['risk_id']} {self.names[risk['risk_id']]}",
                    w.number(risk["inherent_score"]),
                    w.number(score.get("expected_residual"), 1) if shown else "–",
                    w.number(score.get("observed_score")) if shown else "–",
                    w.number(score.get("assurance_gap"), 1, signed=True) if shown else "–",
                    w.group("score_rule", INSUFFICIENT) if insufficient(score) else w.level(level),
                    w.yes_no(score.get("exceeds_appetite")) if shown else "–",
                    *([evidence] if with_coverage else []),
                    ", ".join(red_in.get(risk["risk_id"], [])) or "–",
                ]
            )
            if level in LEVEL_FILL:
                fills.append((5, len(rows) - 1, LEVEL_FILL[level]))
        if with_coverage:
            widths = [c * cm for c in (4.0, 1.3, 1.5, 1.0, 1.2, 1.9, 1.6, 1.3, 3.2)]
            right = (1, 2, 3, 4, 7)
        else:
            widths = [c * cm for c in (4.4, 1.3, 1.5, 1.0, 1.2, 1.3, 1.9, 4.4)]
            right = (1, 2, 3, 4)
        return [
            CondPageBreak(6 * cm),
            self.p(w("gap_title"), "h1"),
            self.p(w("gap_help"), "small"),
            *([self.p(w("gap_coverage_help"), "small")] if with_coverage else []),
            Spacer(1, 4),
            _table(rows, widths, self.s, fills, align_right=right),
        ]

    def gap_cell(self, row: dict[str, Any]) -> tuple[str, str | None]:
        """One risk and unit: the signed gap and the level it is coloured by (the words
        for too little evidence, a dash for none; neither coloured)."""
        if insufficient(row):
            return self.w.group("score_rule", INSUFFICIENT), None
        if not row or row.get("suppressed") or formats.is_missing(row.get("assurance_gap")):
            return formats.MISSING, None
        return self.w.number(row["assurance_gap"], 1, signed=True), row.get("level")

    def departments_section(self) -> list:
        """Risks x (organisation, departments): the signed gap, coloured by the level of
        that same gap, so number and colour say one thing in every cell."""
        w = self.w
        units = [u for u in self.snap["org_units"] if u["org_level"] == "organisatie"]
        units += self.departments
        cells = {(r["risk_id"], r["org_unit_id"]): r for r in self.snap["risk_scores"]}
        header = [w("col_risk"), *(self.unit(u) for u in units)]
        rows, fills = [header], []
        for risk in self.risks:
            row = [self.names[risk["risk_id"]]]
            for column, unit in enumerate(units, start=1):
                text, level = self.gap_cell(cells.get((risk["risk_id"], unit["org_unit_id"]), {}))
                row.append(text)
                if level in LEVEL_FILL:
                    fills.append((column, len(rows), LEVEL_FILL[level]))
            rows.append(row)
        first = 3.0 * cm
        widths = [first] + [(FRAME_WIDTH - first) / len(units)] * len(units)
        return [
            CondPageBreak(8 * cm),
            self.p(w("departments_title"), "h1"),
            self.p(w("departments_help"), "small"),
            Spacer(1, 4),
            _table(rows, widths, self.s, fills, align_right=range(1, len(header)), small=True),
        ]

    def changes_section(self) -> list:
        """Gestegen, gedaald and nieuw rood of the organisation (the counts of page one),
        then what moved per department, in a table of its own."""
        w, moved = self.w, self.movements()
        header = [w("col_risk"), w("col_from"), w("col_to")]
        widths = [c * cm for c in (10.6, 3.2, 3.2)]

        def table(rows: list[dict[str, Any]], levels: bool) -> Any:
            if not rows:
                return self.p(w("changes_none"), "small")
            old, new = (
                ("previous_level", "level")
                if levels
                else ("previous_observed_likelihood", "observed_likelihood")
            )
            show = w.level if levels else w.number
            body = [[r[f"risk_name_{self.lang}"], show(r.get(old)), show(r.get(new))] for r in rows]
            fills = []
            if levels:
                for i, r in enumerate(rows, start=1):
                    fills += [
                        (c, i, LEVEL_FILL[r.get(k)])
                        for c, k in ((1, old), (2, new))
                        if r.get(k) in LEVEL_FILL
                    ]
            return _table([header, *body], widths, self.s, fills)

        if not moved.has_previous:
            red = [r | {"previous_level": None} for r in self.finding().red]
            return [
                CondPageBreak(5 * cm),
                self.p(w("red_now_title", quarter=self.quarter), "h1"),
                self.p(w("red_now_help", quarter=self.quarter), "small"),
                Spacer(1, 4),
                table(red, levels=True),
            ]
        flow = [
            CondPageBreak(5 * cm),
            self.p(w("changes_title", previous=self.previous), "h1"),
            self.p(w("changes_help"), "small"),
        ]
        for key, rows, levels in (
            ("changes_up", moved.up, False),
            ("changes_down", moved.down, False),
            ("changes_new_red", moved.new_red, True),
        ):
            flow.append(KeepTogether([self.p(w(key, n=len(rows)), "h2"), table(rows, levels)]))
        return [*flow, *self.department_changes()]

    def department_changes(self) -> list:
        w = self.w
        rows = [
            r
            for r in self.snap["changes"]
            if r["org_level"] == "afdeling"
            and (r.get("direction") in ("omhoog", "omlaag") or r.get("is_new_red") is True)
        ]
        flow = [
            CondPageBreak(4 * cm),
            self.p(w("dept_changes_title", previous=self.previous), "h2"),
            self.p(w("dept_changes_help", previous=self.previous), "small"),
            Spacer(1, 3),
        ]
        if not rows:
            return [*flow, self.p(w("changes_none"), "small")]
        header = [
            w("col_risk"),
            w("col_department"),
            w("col_movement"),
            w("col_from"),
            w("col_to"),
            w("col_new_red"),
        ]
        body = [
            [
                r[f"risk_name_{self.lang}"],
                r["org_unit_name"],
                w(f"direction_{r.get('direction') or 'gelijk'}"),
                w.number(r.get("previous_observed_likelihood")),
                w.number(r.get("observed_likelihood")),
                w.yes_no(r.get("is_new_red") is True),
            ]
            for r in rows
        ]
        widths = [c * cm for c in (5.2, 4.0, 2.0, 1.6, 1.6, 2.6)]
        return [*flow, _table([header, *body], widths, self.s)]

    def overdue_section(self) -> list:
        w, snap = self.w, self.snap
        as_of = w.date(snap.get("overdue_as_of") or snap["warehouse_built_at"])
        flow = [
            CondPageBreak(5 * cm),
            self.p(w("overdue_title", date=as_of), "h1"),
            self.p(w("overdue_help", date=as_of, quarter=self.quarter), "small"),
            Spacer(1, 4),
        ]
        rows = snap["overdue_controls"]
        if not rows:
            return [*flow, self.p(w("overdue_none", date=as_of))]
        header = [
            w("col_risk"),
            w("col_measure"),
            w("col_owner"),
            w("col_status"),
            w("col_test"),
            w("col_review_due"),
        ]
        body = [
            [
                r[f"risk_name_{self.lang}"],
                r[f"text_{self.lang}"],
                w.group("owner_role", r["owner_role"]),
                w.group("control_status", r["status"]),
                w(
                    "last_test_value",
                    result=w.group("test_result", r["last_test_result"]),
                    date=w.short_date(r["last_tested_on"]),
                )
                if r["last_tested_on"]
                else w.group("test_result", r["last_test_result"]),
                w.short_date(r["next_review_on"]),
            ]
            for r in rows
        ]
        widths = [c * cm for c in (3.2, 4.9, 3.3, 1.7, 2.3, 1.6)]
        return [*flow, _table([header, *body], widths, self.s)]

    def data_quality_section(self) -> list:
        w, snap = self.w, self.snap
        scores = snap["risk_scores"]
        shown = [r for r in scores if not r["suppressed"] and r["observed_likelihood"] is not None]
        used = [r["indicators_used"] for r in shown if r.get("indicators_used") is not None]
        flow = [CondPageBreak(4 * cm), self.p(w("dq_title"), "h1")]
        flow.append(
            self.p(
                w("dq_scores", n=len(scores), low=min(used, default=0), high=max(used, default=0))
            )
        )

        def per_unit(rows: list[dict[str, Any]]) -> str:
            counted: dict[str, int] = {}
            for r in rows:
                counted[self.unit(r)] = counted.get(self.unit(r), 0) + 1
            return w.listing([w("dq_unit_count", unit=u, n=n) for u, n in counted.items()])

        suppressed = [r for r in scores if r["suppressed"]]
        short = [r for r in scores if insufficient(r)]
        missing = [
            r
            for r in scores
            if not r["suppressed"] and r["observed_likelihood"] is None and not insufficient(r)
        ]
        if suppressed:
            flow.append(self.p(w("dq_suppressed", n=len(suppressed), items=per_unit(suppressed))))
        if short:
            flow.append(
                self.p(
                    w(
                        "dq_insufficient",
                        n=len(short),
                        label=w.group("score_rule", INSUFFICIENT),
                        items=per_unit(short),
                    )
                )
            )
        if missing:
            flow.append(self.p(w("dq_missing", n=len(missing), items=per_unit(missing))))
        if not suppressed and not missing and not short:
            flow.append(self.p(w("dq_complete")))
        flow.append(
            self.p(
                w(
                    "dq_processed",
                    built=w.datetime(snap["warehouse_built_at"]),
                    frozen=w.datetime(snap["created_at"]),
                )
            )
        )
        if not snap.get("data_freshness"):
            return [*flow, self.p(w("dq_not_recorded"), "small")]
        quarantined = {
            r["dataset"]: r.get("rows_quarantined") or 0 for r in snap.get("ingest_summary") or []
        }
        names = self.w.tpl["datasets"]
        body = [
            [
                names[r["dataset"]][self.lang] if r["dataset"] in names else r["dataset"],
                w.number(r.get("row_count")),
                w.number(quarantined.get(r["dataset"], 0)) if "ingest_summary" in snap else "–",
                w.short_date(r.get("newest_date")),
                w.yes_no(r.get("is_stale")),
            ]
            for r in snap["data_freshness"]
        ]
        header = [
            w("col_dataset"),
            w("col_rows"),
            w("col_quarantined"),
            w("col_newest"),
            w("col_stale"),
        ]
        widths = [c * cm for c in (5.6, 2.8, 2.8, 3.0, 2.8)]
        return [
            *flow,
            self.p(w("dq_sources"), "small"),
            Spacer(1, 3),
            _table([header, *body], widths, self.s, align_right=(1, 2)),
        ]

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
            *self.data_quality_section(),
        ]
        doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=self.footer))
        return buffer.getvalue()


def _fit(text: str, width: float, size: float) -> str:
    """``text`` cut with an ellipsis so it fits ``width`` points in FONT at ``size``."""
    if stringWidth(text, FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


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


def render_report(snapshot: dict[str, Any], lang: str = "nl") -> bytes:
    """The RvC quarterly overview of a frozen snapshot as PDF bytes (A4).

    ``snapshot`` as load_snapshot returns it (or the frozen JSON itself). It is checked
    first: a snapshot whose checksum no longer matches is refused (ReportError), so the
    PDF always says what was frozen.
    """
    verify(snapshot)
    return _Report(snapshot, lang).render()
