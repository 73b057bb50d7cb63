"""The RvC PDF's text helpers: its texts in one language and how it writes numbers and
dates (``_Words``), a score with too little evidence for a number (``insufficient``), and a
label cut to fit a width (``_fit``).
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from pipelines.core import formats, headline
from pipelines.core.catalogue import load_catalogue
from pipelines.core.languages import LANGUAGES
from pipelines.core.texts import report_texts
from pipelines.core.texts import t as ui_text
from pipelines.reports.pdf.files import ReportError
from pipelines.reports.pdf.style import FONT

# The score_rule of a score with too little evidence for a number: shown as the words of
# pipelines/core/locales/ui/common.yaml score_rule (a snapshot of method 1 has no rule).
INSUFFICIENT = "onvoldoende_gegevens"


def insufficient(row: dict[str, Any]) -> bool:
    """A frozen score with too little evidence for a number (not one that is suppressed)."""
    return not row.get("suppressed") and row.get("score_rule") == INSUFFICIENT


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


def _fit(text: str, width: float, size: float) -> str:
    """``text`` cut with an ellipsis so it fits ``width`` points in FONT at ``size``."""
    if stringWidth(text, FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
