"""Reading an edited register workbook back (``import_register``): the other half of
pipelines/register/excel_export.py, with the layout in pipelines/register/excel_layout.py.

Every cell is checked by the register's own rules (``Register.apply_batch``: one
transaction, all or nothing): one bad cell and nothing is applied, and the refusal names
every bad cell (``Beheersmaatregelen!H12``) with the register's reason. A choice cell may
hold a label in either language or the code itself (workbooks exported before the
labels), in any case: each is read as the code. Only rows that differ from the register
become edits; each carries the version in its row, so a row someone changed in the app
after the export is refused as a conflict naming the row. A measure row with an empty id
is a new measure. Rows cannot be deleted this way (retire a measure: status ``vervallen``
and a reason). An unchanged workbook changes nothing and writes no audit row.

Before the workbook is opened, its size and its zip's table of contents are checked
against risks/settings.yaml ``uploads`` (``max_file_mb``, ``register_max_unpacked_mb``,
``xlsx_max_ratio``, ``xlsx_max_parts``; pipelines/ingest/uploads.py), so a zip bomb is refused
without being unpacked; it is then read streaming (openpyxl read-only) and refused as soon
as a sheet passes ``register_max_cells`` (rows x columns).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.cell.read_only import EMPTY_CELL
from openpyxl.utils import get_column_letter

from pipelines.core.catalogue import UploadSettings
from pipelines.core.exports import FORMULA_STARTS, QUOTE, neutralise
from pipelines.core.keys import is_key_file
from pipelines.core.texts import register_messages, t
from pipelines.ingest.dates import DATE_FORMATS
from pipelines.ingest.uploads import MB, UploadRefused, capped_rows, check_xlsx, megabytes
from pipelines.register.excel_layout import (
    DATE_FIELDS,
    HEADER_KEY,
    LANGUAGES,
    MEASURE_COLUMNS,
    RISK_COLUMNS,
    SCORE_FIELDS,
    SHEET_MEASURES,
    SHEET_RISKS,
    choice_codes,
    choice_label,
    conflict,
    current_measures,
    current_risks,
    reasons,
)
from pipelines.register.rules import (
    MEASURE_FIELDS,
    RISK_FIELDS,
    BatchRefused,
    RegisterError,
    VersionConflict,
    message,
)
from pipelines.register.store import Change, Edit, Register

# Why an import is refused before the register's rules apply:
# pipelines/core/locales/ui/register.yaml, group reg_xlsx_error. The register's own reasons
# come from pipelines/core/locales/register_messages.yaml.


def _message(code: str, lang: str, **params: Any) -> str:
    return t(code, lang, group="reg_xlsx_error").format(**params)


def _readable(choices: Mapping[str, list[str]]) -> dict[str, dict[str, str]]:
    """Per choice field, what a cell may hold (any case) mapped to the code: the code
    itself (older workbooks) and its label in every language."""
    readable: dict[str, dict[str, str]] = {}
    for key, codes in choices.items():
        texts = readable[key] = {}
        for code in codes:
            for text in (code, *(choice_label(key, code, lang) for lang in LANGUAGES)):
                other = texts.setdefault(text.casefold(), code)
                if other != code:  # two options read alike: the labels must change
                    raise ValueError(f"{key}: {text!r} is both {other} and {code}")
    return readable


@dataclass(frozen=True)
class CellError:
    """One reason the import was refused: the sheet, the cell (``H12``; ``1:1`` is the
    header row; empty for the whole sheet or file) and why."""

    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        return f"{where}: {self.message}" if where else self.message


class ImportRefused(ValueError):
    """The workbook was refused; nothing of it was applied. ``errors`` names every cell."""

    def __init__(self, errors: list[CellError]) -> None:
        self.errors = errors
        super().__init__(self.text("nl"))

    def text(self, lang: str = "nl") -> str:
        """The refusal in ``lang`` (register_messages.yaml ``import_refused``); each cell's
        message is in the language the import was asked for."""
        lines = "\n".join(f"  {e}" for e in self.errors)
        return register_messages()["import_refused"][lang].format(lines=lines)


@dataclass(frozen=True)
class ImportedRow:
    """A row that changed the register: what changed (for a new measure: what it got)."""

    sheet: str
    row: int
    entity_id: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class ImportResult:
    changed: tuple[ImportedRow, ...]
    added: tuple[ImportedRow, ...]
    unchanged: int

    def summary(self, lang: str = "nl") -> str:
        fields = sum(len(r.changes) for r in self.changed)
        return register_messages()["import_summary"][lang].format(
            rows=len(self.changed), fields=fields, added=len(self.added), unchanged=self.unchanged
        )


@dataclass
class _Row:
    sheet: str
    number: int
    cells: dict[str, Cell]
    columns: dict[str, int]
    values: dict[str, Any] = field(default_factory=dict)
    entity_id: str = ""

    def ref(self, key: str) -> str:
        """The A1 reference of this row's cell in column ``key`` (else its first cell)."""
        column = self.columns.get(key) if key in self.cells else None
        if column is None:
            column = next(self.columns[k] for k in self.cells)
        return f"{get_column_letter(column)}{self.number}"

    def __str__(self) -> str:
        return f"{self.sheet} rij {self.number}" + (
            f" ({self.entity_id})" if self.entity_id else ""
        )


def _header_columns(
    title: str, header: tuple, columns: tuple[str, ...], lang: str, errors: list[CellError]
) -> dict[str, int]:
    found: dict[str, int] = {}
    for number, cell in enumerate(header, start=1):
        text = str(cell.value or "").strip()
        match = HEADER_KEY.search(text)
        key = match.group(1) if match else text
        if key not in columns:
            continue
        if key in found:
            where = f"{get_column_letter(number)}1"
            errors.append(CellError(title, where, _message("column_twice", lang, key=key)))
        found[key] = number
    for key in columns:
        if key not in found and key != "name":
            errors.append(CellError(title, "1:1", _message("column_missing", lang, key=key)))
    return found


def _unquote(text: str) -> str:
    """A text as typed, without the apostrophe ``neutralise`` put before a formula start."""
    if text.startswith(QUOTE) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _as_text(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float | dt.date):
        return value
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d-%m-%Y")
    return str(int(value)) if float(value).is_integer() else str(value)


def _as_whole(value: Any) -> Any:
    """A whole number when the cell holds one (3, 3.0, "3"); otherwise the cell as it is,
    for the register to refuse with its own message."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    return value


def _as_date(value: Any) -> Any:
    """A date from an Excel date or a typed dd-mm-jjjj / jjjj-mm-dd text; anything else as
    it is, for the register to refuse with its own message."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        for fmt in (f for f in DATE_FORMATS.values() if "%H" not in f):
            try:
                return dt.datetime.strptime(value.strip(), fmt).date()
            except ValueError:
                continue
    return value


def _cell_value(key: str, raw: Any, current: Any, readable: Mapping[str, Mapping[str, str]]) -> Any:
    """A cell as the register's value for ``key``, given the register's current value
    and, per choice field, the texts read as its codes."""
    if key in readable:  # a label (either language) or a code: the code
        text = _as_text(raw)
        if not isinstance(text, str):
            return text
        text = _unquote(text).strip()
        return readable[key].get(text.casefold(), text) if text else None
    if key in DATE_FIELDS:
        return _as_date(raw)
    if key in SCORE_FIELDS or key == "version":
        return _as_whole(raw)
    if isinstance(raw, str) and current is not None and raw == neutralise(current):
        return current  # as exported
    raw = _as_text(raw)
    if isinstance(raw, str):
        return _unquote(raw).strip() or None
    return raw


def _read_rows(
    title: str,
    sheet_rows: list[tuple],
    columns: dict[str, int],
    id_key: str,
    current: Mapping[str, Mapping[str, Any]],
    readable: Mapping[str, Mapping[str, str]],
    lang: str,
    errors: list[CellError],
) -> list[_Row]:
    """The data rows (row 2 on) that hold anything; ``sheet_rows`` start at row 1."""
    rows = []
    for number, cells in enumerate(sheet_rows[1:], start=2):
        # A row ends at its last filled cell: the columns after it are empty cells.
        by_key = {
            key: cells[col - 1] if col - 1 < len(cells) else EMPTY_CELL
            for key, col in columns.items()
        }
        if all(
            c.value is None or (isinstance(c.value, str) and not c.value.strip())
            for c in by_key.values()
        ):
            continue
        row = _Row(title, number, by_key, columns)
        bad = False
        for key, cell in by_key.items():
            if cell.data_type == "f":
                errors.append(
                    CellError(title, row.ref(key), _message("formula", lang, value=cell.value))
                )
                bad = True
            elif cell.data_type == "e":
                errors.append(
                    CellError(title, row.ref(key), _message("excel_error", lang, value=cell.value))
                )
                bad = True
        if bad:
            continue
        raw_id = _cell_value(id_key, by_key[id_key].value, None, readable)
        row.entity_id = raw_id if isinstance(raw_id, str) else "" if raw_id is None else str(raw_id)
        known = current.get(row.entity_id, {})
        row.values = {
            key: _cell_value(key, cell.value, known.get(key), readable)
            for key, cell in by_key.items()
        }
        rows.append(row)
    return rows


def _risk_edits(
    rows: list[_Row],
    current: Mapping[str, Mapping[str, Any]],
    names: Mapping[str, set[str]],
    lang: str,
    errors: list[CellError],
) -> list[Edit]:
    edits, seen = [], {}
    for row in rows:
        risk_id = row.entity_id
        if not risk_id:
            errors.append(CellError(row.sheet, row.ref("risk_id"), _message("id_required", lang)))
            continue
        if _seen_before(row, "risk_id", seen, lang, errors):
            continue
        known = current.get(risk_id)
        if known is None:  # the register refuses it with its own reason
            edits.append(Edit("risk", risk_id, {f: row.values[f] for f in RISK_FIELDS}, None, row))
            continue
        if "name" in row.values and row.values["name"] not in names.get(risk_id, set()):
            errors.append(CellError(row.sheet, row.ref("name"), message("not_editable", lang)))
            continue
        changes = {f: row.values[f] for f in RISK_FIELDS if row.values[f] != known[f]}
        if changes and _version(row, lang, errors) is not None:
            edits.append(Edit("risk", risk_id, changes, row.values["version"], row))
    return edits


def _seen_before(
    row: _Row, id_field: str, seen: dict[str, int], lang: str, errors: list[CellError]
) -> bool:
    """True (with the error noted) when this row's id already stood on an earlier row."""
    entity_id = row.entity_id
    if entity_id in seen:
        errors.append(
            CellError(
                row.sheet,
                row.ref(id_field),
                _message("duplicate", lang, id=entity_id, row=seen[entity_id]),
            )
        )
        return True
    seen[entity_id] = row.number
    return False


def _version(row: _Row, lang: str, errors: list[CellError]) -> int | None:
    version = row.values.get("version")
    if isinstance(version, int) and not isinstance(version, bool):
        return version
    errors.append(
        CellError(
            row.sheet, row.ref("version"), _message("version_missing", lang, value=repr(version))
        )
    )
    return None


def _measure_edits(
    rows: list[_Row], current: Mapping[str, Mapping[str, Any]], lang: str, errors: list[CellError]
) -> list[Edit]:
    edits, seen = [], {}
    for row in rows:
        measure_id = row.entity_id
        fields = {f: row.values[f] for f in MEASURE_FIELDS}
        if not measure_id:  # a new measure: the register numbers it
            if not row.values["risk_id"]:
                errors.append(
                    CellError(row.sheet, row.ref("risk_id"), _message("id_required", lang))
                )
                continue
            new = {f: v for f, v in fields.items() if v is not None}
            edits.append(Edit("new_measure", row.values["risk_id"], new, None, row))
            continue
        if _seen_before(row, "control_measure_id", seen, lang, errors):
            continue
        known = current.get(measure_id)
        if known is None:  # the register refuses it with its own reason
            edits.append(Edit("measure", measure_id, fields, None, row))
            continue
        if row.values["risk_id"] != known["risk_id"]:
            errors.append(CellError(row.sheet, row.ref("risk_id"), message("not_editable", lang)))
            continue
        changes = {f: v for f, v in fields.items() if v != known[f]}
        if changes and _version(row, lang, errors) is not None:
            edits.append(Edit("measure", measure_id, changes, row.values["version"], row))
    return edits


def _refusals(
    refused: list[tuple[Any, RegisterError | VersionConflict]],
    choices: Mapping[str, list[str]],
    lang: str,
) -> list[CellError]:
    errors = []
    for row, exc in refused:
        if isinstance(exc, VersionConflict):
            reason = _message(
                "conflict_row", lang, row=row.number, id=row.entity_id, reason=conflict(exc, lang)
            )
            errors.append(CellError(row.sheet, row.ref("version"), reason))
            continue
        for key, text in reasons(exc, lang, choices).items():
            if key in ("actor", "register"):
                errors.append(CellError("", "", text))
                continue
            id_key = "risk_id" if row.sheet == SHEET_RISKS else "control_measure_id"
            errors.append(CellError(row.sheet, row.ref(key if key in row.cells else id_key), text))
    return errors


def read_workbook(
    path: Path, lang: str = "nl", limits: UploadSettings | None = None
) -> openpyxl.Workbook:
    """The workbook at ``path``, opened read-only (streaming: close it when done) once its
    size and its zip's table of contents are within ``limits`` (default: the settings'
    defaults); raises ImportRefused naming the file and the limit, or FileNotFoundError."""
    limits = limits or UploadSettings()
    if is_key_file(path):  # never opened (helper-272 F2: a key's text was printed)
        raise ImportRefused([CellError(str(path), "", message("import_key_file", lang))])
    size = path.stat().st_size
    try:
        if size > limits.max_file_mb * MB:
            raise UploadRefused(path.name, "too_big", size=megabytes(size), max=limits.max_file_mb)
        check_xlsx(
            path,
            path.name,
            max_unpacked_mb=limits.register_max_unpacked_mb,
            max_ratio=limits.xlsx_max_ratio,
            max_parts=limits.xlsx_max_parts,
        )
    except UploadRefused as refused:
        raise ImportRefused([CellError(str(path), "", refused.reason(lang))]) from None
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except FileNotFoundError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a file that is no .xlsx
        raise ImportRefused(
            [CellError(str(path), "", _message("not_a_workbook", lang, detail=exc))]
        ) from exc


def _sheet_rows(wb: openpyxl.Workbook, sheet: str, path: Path, limit: int, lang: str) -> list:
    """Every row of ``sheet`` from row 1 (cells, formulas as formulas); ImportRefused as
    soon as rows x columns pass ``limit``."""
    try:
        return list(capped_rows(wb[sheet], path.name, limit))
    except UploadRefused as refused:
        raise ImportRefused([CellError(str(path), "", refused.reason(lang))]) from None


def import_register(
    register: Register,
    path: Path,
    *,
    actor: str,
    today: dt.date | None = None,
    lang: str = "nl",
    limits: UploadSettings | None = None,
) -> ImportResult:
    """Apply an edited export to the register, all or nothing; see the module docstring.
    ``limits`` default to the register catalogue's settings (``uploads``).

    Raises ImportRefused (every bad cell, nothing applied) or FileNotFoundError.
    """
    path = Path(path)
    limits = limits or register.catalogue.settings.uploads
    wb = read_workbook(path, lang, limits)
    try:
        sheets = {
            sheet: _sheet_rows(wb, sheet, path, limits.register_max_cells, lang)
            for sheet in (SHEET_RISKS, SHEET_MEASURES)
            if sheet in wb.sheetnames
        }
    finally:
        wb.close()
    errors: list[CellError] = []
    risks, measures = current_risks(register), current_measures(register)
    choices = choice_codes(register)
    readable = _readable(choices)
    # A risk's name is context: as exported, in either language.
    names = {r.id: {r.name.nl, r.name.en} for r in register.catalogue.risks}
    rows: dict[str, list[_Row]] = {}
    for sheet, columns, id_key, current in (
        (SHEET_RISKS, RISK_COLUMNS, "risk_id", risks),
        (SHEET_MEASURES, MEASURE_COLUMNS, "control_measure_id", measures),
    ):
        if sheet not in sheets:
            errors.append(CellError(sheet, "", _message("sheet_missing", lang, sheet=sheet)))
            continue
        sheet_rows = sheets[sheet] or [()]
        found = _header_columns(sheet, sheet_rows[0], columns, lang, errors)
        if all(key in found for key in columns if key != "name"):
            rows[sheet] = _read_rows(
                sheet, sheet_rows, found, id_key, current, readable, lang, errors
            )
    edits = _risk_edits(rows.get(SHEET_RISKS, []), risks, names, lang, errors)
    edits += _measure_edits(rows.get(SHEET_MEASURES, []), measures, lang, errors)
    if errors:
        raise ImportRefused(errors)
    try:
        results = register.apply_batch(edits, actor=actor, today=today)
    except BatchRefused as refused:
        raise ImportRefused(_refusals(refused.refused, choices, lang)) from refused
    except RegisterError as exc:  # no name for the audit log, or the register is busy
        raise ImportRefused([CellError("", "", t) for t in exc.messages(lang).values()]) from exc
    changed, added = [], []
    for edit, result in zip(edits, results, strict=True):
        row = edit.ref
        if isinstance(result, str):
            news = tuple(Change(f, None, v) for f, v in edit.changes.items())
            added.append(ImportedRow(row.sheet, row.number, result, news))
        elif result:
            changed.append(ImportedRow(row.sheet, row.number, edit.key, tuple(result)))
    total = sum(len(r) for r in rows.values())
    return ImportResult(tuple(changed), tuple(added), total - len(changed) - len(added))
