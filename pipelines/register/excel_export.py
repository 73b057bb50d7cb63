"""Writing the register as an Excel workbook (``export_register``), for the risk manager
who edits in Excel; pipelines/register/excel_import.py reads it back, and
pipelines/register/excel_layout.py holds the layout both share.

Every choice column carries an Excel drop-down list of its labels; scores and dates carry
a check too; dates are real Excel dates (shown dd-mm-jjjj), and every text cell passes
``pipelines.core.exports.neutralise``, so a text that starts like a formula (``=``, ``+``,
``-``, ``@``) is written with a leading apostrophe and never runs. The file is replaced
atomically.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipelines.core import formats
from pipelines.core.clock import today_here
from pipelines.core.exports import neutralise
from pipelines.core.texts import t
from pipelines.register.excel_layout import (
    CONTEXT_COLUMNS,
    DATE_FIELDS,
    MEASURE_COLUMNS,
    RISK_COLUMNS,
    SCORE_FIELDS,
    SHEET_HELP,
    SHEET_MEASURES,
    SHEET_RISKS,
    choice_codes,
    choice_label,
    current_measures,
    current_risks,
    header,
)
from pipelines.register.store import Register

DATE_NUMBER_FORMAT = "DD-MM-YYYY"
DATE_NUMBER_FORMATS = {"nl": DATE_NUMBER_FORMAT, "en": "DD/MM/YYYY"}  # as pipelines.core.formats
EXTRA_ROWS = 200  # empty rows below the data that still carry the drop-down lists
GREY = PatternFill("solid", fgColor="E7E6E6")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")

# The workbook's own texts (its help sheet, drop-down messages):
# pipelines/core/locales/ui/register.yaml, group reg_workbook.


def _text(key: str, lang: str) -> str:
    return t(key, lang, group="reg_workbook")


def _write_sheet(
    ws: Worksheet,
    columns: tuple[str, ...],
    rows: list[Mapping[str, Any]],
    choices: Mapping[str, list[str]],
    lang: str,
) -> None:
    for col, key in enumerate(columns, start=1):
        cell = ws.cell(1, col, header(key, lang))
        cell.font = Font(bold=True)
        cell.fill = GREY if key in CONTEXT_COLUMNS else HEADER_FILL
        if key in CONTEXT_COLUMNS:
            cell.comment = Comment(_text("context_note", lang), "Integriteitsradar")
        width = 14 if key not in ("text_nl", "text_en", "name", "retired_reason") else 50
        ws.column_dimensions[get_column_letter(col)].width = max(width, len(header(key, lang)) + 2)
    for number, row in enumerate(rows, start=2):
        for col, key in enumerate(columns, start=1):
            value = row.get(key)
            if key in choices and value is not None:
                value = choice_label(key, value, lang)
            cell = ws.cell(number, col, neutralise(value))
            if key in DATE_FIELDS:
                cell.number_format = DATE_NUMBER_FORMATS[lang]
            if key in CONTEXT_COLUMNS:
                cell.fill = GREY
    last = len(rows) + 1 + EXTRA_ROWS
    for col, key in enumerate(columns, start=1):
        letter = get_column_letter(col)
        if key in choices:
            labels = [choice_label(key, code, lang) for code in choices[key]]
            check = DataValidation(
                type="list",
                formula1='"' + ",".join(labels) + '"',
                allow_blank=True,
                errorTitle=_text("choice_title", lang),
                error=_text("choice_error", lang).format(allowed=", ".join(labels)),
            )
        elif key in SCORE_FIELDS:
            check = DataValidation(
                type="whole",
                operator="between",
                formula1="1",
                formula2="5",
                allow_blank=True,
                errorTitle=_text("score_title", lang),
                error=_text("score_error", lang),
            )
        elif key in DATE_FIELDS:
            check = DataValidation(
                type="date",
                operator="between",
                formula1="DATE(1990,1,1)",
                formula2="DATE(2100,12,31)",
                allow_blank=True,
                errorTitle=_text("date_title", lang),
                error=_text("date_error", lang),
            )
        else:
            continue
        check.showErrorMessage = True
        ws.add_data_validation(check)
        check.add(f"{letter}2:{letter}{last}")
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def export_register(register: Register, path: Path, lang: str = "nl") -> Path:
    """Write the register to ``path`` (.xlsx), replacing it atomically; returns the path.
    ``lang``: the language of the headers, the choice labels and the risks' names (the
    sheet names and the Toelichting stay Dutch; the import reads either language)."""
    path = Path(path)
    wb = openpyxl.Workbook()
    choices = choice_codes(register)
    risks = wb.active
    risks.title = SHEET_RISKS
    rows = list(current_risks(register, lang).values())
    _write_sheet(risks, RISK_COLUMNS, rows, choices, lang)
    measures = wb.create_sheet(SHEET_MEASURES)
    rows = list(current_measures(register).values())
    _write_sheet(measures, MEASURE_COLUMNS, rows, choices, lang)
    help_sheet = wb.create_sheet(SHEET_HELP)
    help_sheet.column_dimensions["A"].width = 120
    today = formats.date(today_here(), lang)
    for number, line in enumerate(_text("help", lang).split("\n"), start=1):
        help_sheet.cell(number, 1, line.format(date=today) or None)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex}.tmp")
    try:
        wb.save(temp)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path
