"""`radar findings import FILE`: audits and findings from a CSV or XLSX file into the
register (pipelines/register/findings.py), all or nothing.

The file's first row is the header, with exactly these columns (any order, case and
surrounding spaces ignored):

    audit, audit_held_on, found_on, risk_id, control_measure_id, severity, owner_role,
    due_on, status, closed_on

One row per finding; ``audit`` names its audit (made on first use, with the day it was
held, ``audit_held_on``; a later row naming it must give the same day). A row with only
``audit`` and ``audit_held_on`` records an audit without findings (it still counts in
KRI-REG-CTRL-FINDINGS). ``control_measure_id``, ``closed_on`` may be empty; ``status``
empty is ``open``. Dates as jjjj-mm-dd, dd-mm-jjjj or dd/mm/jjjj (or an Excel date).
CSV: UTF-8 (with or without BOM), separated by commas or semicolons. XLSX: the first
sheet, checked as the zip it is before it is opened (the register workbook's limits).

Any refused row refuses the file: FindingsImportRefused lists, per refused row, the file,
the line (the header is line 1), the field and what was expected; nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.core.keys import is_key_file
from pipelines.ingest.dates import DATE_FORMATS
from pipelines.register.excel_import import ImportRefused, read_workbook
from pipelines.register.findings import Findings, NewFinding
from pipelines.register.rules import BatchRefused, RegisterError, message

COLUMNS = (
    "audit",
    "audit_held_on",
    "found_on",
    "risk_id",
    "control_measure_id",
    "severity",
    "owner_role",
    "due_on",
    "status",
    "closed_on",
)
FINDING_COLUMNS = COLUMNS[2:]
DATE_COLUMNS = {"audit_held_on", "found_on", "due_on", "closed_on"}
# the store's field names -> the file's column names, for messages
FILE_COLUMN = {"name": "audit", "held_on": "audit_held_on"}


@dataclass(frozen=True)
class RowError:
    file: str
    line: int | None
    field: str
    message: str

    def text(self, lang: str = "nl") -> str:
        where = (
            self.file
            if self.line is None
            else message("import_at_line", lang, file=self.file, line=self.line)
        )
        if self.field:
            return message(
                "import_at_field", lang, where=where, field=self.field, message=self.message
            )
        return f"{where}: {self.message}"

    def __str__(self) -> str:
        return self.text()


class FindingsImportRefused(ValueError):
    """The file was refused; nothing of it was written. ``errors``: every problem."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(self.text())

    def text(self, lang: str = "nl") -> str:
        """Every problem, a line each, under a heading in ``lang`` (the problems themselves
        are in the language the import was asked for)."""
        lines = "\n".join(f"  {e.text(lang)}" for e in self.errors)
        return message("import_refused", lang, lines=lines)


def _read_csv(path: Path, lang: str) -> list[list[Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, OSError) as exc:
        detail = message("import_unreadable", lang, kind="CSV (UTF-8)", detail=exc)
        raise FindingsImportRefused([RowError(str(path), None, "", detail)]) from None
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _read_xlsx(path: Path, lang: str) -> list[list[Any]]:
    try:
        wb = read_workbook(path, lang)
    except ImportRefused as exc:
        errors = [RowError(str(path), None, "", e.message) for e in exc.errors]
        raise FindingsImportRefused(errors) from None
    try:
        sheet = wb.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        wb.close()


def read_rows(path: Path, lang: str = "nl") -> list[tuple[int, dict[str, Any]]]:
    """The file's rows as (line, {column: value}), the header checked; blank rows skipped."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        detail = message("import_bad_type", lang, suffix=repr(path.suffix))
        raise FindingsImportRefused([RowError(str(path), None, "", detail)])
    if is_key_file(path):  # never opened (helper-272 F2: a key's text was printed)
        detail = message("import_key_file", lang)
        raise FindingsImportRefused([RowError(str(path), None, "", detail)])
    rows = _read_csv(path, lang) if suffix == ".csv" else _read_xlsx(path, lang)
    if not rows:
        raise FindingsImportRefused(
            [RowError(str(path), None, "", message("import_no_rows", lang))]
        )
    header = [str(c or "").strip().lower() for c in rows[0]]
    expected = ", ".join(COLUMNS)
    errors = []
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c and c not in COLUMNS]
    if missing:
        text = message(
            "import_missing_columns", lang, columns=", ".join(missing), expected=expected
        )
        errors.append(RowError(str(path), 1, "", text))
    if unknown:
        text = message(
            "import_unknown_columns", lang, columns=", ".join(unknown), expected=expected
        )
        errors.append(RowError(str(path), 1, "", text))
    if errors:
        raise FindingsImportRefused(errors)
    out = []
    for line, row in enumerate(rows[1:], start=2):
        cells = {h: (row[i] if i < len(row) else None) for i, h in enumerate(header) if h}
        if all(v is None or str(v).strip() == "" for v in cells.values()):
            continue
        out.append((line, cells))
    if not out:
        raise FindingsImportRefused(
            [RowError(str(path), None, "", message("import_no_rows", lang))]
        )
    return out


def _as_date(value: Any) -> Any:
    """A date from an Excel date or a typed date; anything else as it is, for the register
    to refuse with its own message (naming the value)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in (f for f in DATE_FORMATS.values() if "%H" not in f):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return text


def _value(column: str, raw: Any) -> Any:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if column in DATE_COLUMNS:
        return _as_date(raw)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


def to_rows(path: Path, lines: list[tuple[int, dict[str, Any]]]) -> list[NewFinding]:
    rows = []
    for line, cells in lines:
        values = {c: _value(c, cells.get(c)) for c in COLUMNS}
        finding = {c: values[c] for c in FINDING_COLUMNS}
        if all(v is None for v in finding.values()):
            finding = None
        elif finding["status"] is None:
            finding["status"] = "open"
        rows.append(NewFinding(values["audit"], values["audit_held_on"], finding, ref=line))
    return rows


def import_findings(
    findings: Findings,
    path: Path,
    *,
    actor: str,
    lang: str = "nl",
    today: dt.date | None = None,
) -> list[str | None]:
    """Read ``path`` and add every row, all or nothing; FindingsImportRefused otherwise."""
    path = Path(path)
    rows = to_rows(path, read_rows(path, lang))
    try:
        return findings.import_rows(rows, actor=actor, today=today)
    except BatchRefused as refused:
        errors = []
        for line, exc in refused.refused:
            texts = exc.messages(lang) if isinstance(exc, RegisterError) else {"": str(exc)}
            for field, text in texts.items():
                errors.append(RowError(str(path), line, FILE_COLUMN.get(field, field), text))
        raise FindingsImportRefused(errors) from None
