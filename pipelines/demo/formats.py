"""How the demo's files look: which file holds which dataset in which encoding and
delimiter, the Dutch value formats (dd-mm-jjjj, decimal commas, ja/nee), and the CSV and
byte-identical Excel writers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.ingest.quality import DATASETS

FIXED_ZIP_TIME = (2026, 10, 1, 6, 0, 0)

FILES = {
    "org_units": ("org_units.csv", "csv", "utf-8-sig", ";"),
    "employees": ("employees.csv", "csv", "cp1252", ";"),
    "survey_responses": ("effectory_export.csv", "csv", "utf-8-sig", ","),
    "side_jobs": ("side_jobs.csv", "csv", "cp1252", ";"),
    "gifts": ("gifts.xlsx", "xlsx", None, None),
    "vehicle_use": ("vehicle_use.csv", "csv", "utf-8", ";"),
    "allocations": ("allocations.csv", "csv", "utf-8", ";"),
    "hr_aggregates": ("hr_aggregates.csv", "csv", "utf-8", ","),
    "feedback_360": ("feedback_360.csv", "csv", "utf-8", ";"),
    # the procurement system: the creditor list as Excel, the orders as a Windows export
    # (CRLF, decimal commas; plain ASCII, so UTF-8)
    "suppliers": ("suppliers.xlsx", "xlsx", None, None),
    "procurement": ("procurement.csv", "csv", "utf-8", ";"),
    "trainings": ("trainings.csv", "csv", "utf-8", ";"),
}
# Windows exports (the HR system and the side-job register) end lines with CRLF.
LINE_ENDINGS = {"employees": "\r\n", "side_jobs": "\r\n", "procurement": "\r\n"}
SURVEY_MAPPING_FILE = "effectory.mapping.yaml"
SURVEY_COLUMNS = {
    "RespondentID": "respondent_key",
    "Meetmoment": "wave_date",
    "Eenheid": "org_unit",
    "Vraagcode": "item_code",
    "Antwoord": "answer",
}
SURVEY_MAPPING_TEXT = (
    "# Column mapping: the survey vendor's export -> canonical survey_responses\n"
    "dataset: survey_responses\n"
    'files: ["effectory_export*.csv"]\n'
    "columns: {"
    + ", ".join(f"{vendor}: {canonical}" for vendor, canonical in SURVEY_COLUMNS.items())
    + "}\n"
)

# The columns each file is written with: the contract's (pipelines/ingest/quality), except the
# survey, which comes in the vendor's own names.
COLUMNS = {
    name: (list(SURVEY_COLUMNS) if name == "survey_responses" else spec.column_names)
    for name, spec in DATASETS.items()
}

# ---------------------------------------------------------------------------------------
# formatting helpers (vectorised through the unique values)
# ---------------------------------------------------------------------------------------


def _map_unique(values: np.ndarray, fmt) -> np.ndarray:
    uniq, inv = np.unique(values, return_inverse=True)
    out = np.array([fmt(u) for u in uniq], dtype=object)
    return out[inv.reshape(-1)]


def _dmy(days: np.ndarray) -> np.ndarray:
    """datetime64[D] -> 'dd-mm-jjjj'; NaT -> ''."""
    days = np.asarray(days, dtype="datetime64[D]")

    def f(d: np.datetime64) -> str:
        if np.isnat(d):
            return ""
        s = str(d)
        return f"{s[8:10]}-{s[5:7]}-{s[0:4]}"

    return _map_unique(days, f)


def _iso(days: np.ndarray) -> np.ndarray:
    return _map_unique(np.asarray(days, dtype="datetime64[D]"), str)


def _dec(values: np.ndarray, decimals: int, strip: bool = True, thousands: bool = False):
    """Dutch decimal comma: 0.8 -> '0,8', 1234.5 -> '1.234,5' (with thousands)."""

    def f(v: float) -> str:
        s = f"{v:,.{decimals}f}" if thousands else f"{v:.{decimals}f}"
        if strip and "." in s:
            s = s.rstrip("0").rstrip(".")
        return s.translate(str.maketrans({",": ".", ".": ","}))

    return _map_unique(np.round(np.asarray(values, dtype=float), decimals), f)


def _ints(values: np.ndarray) -> np.ndarray:
    return _map_unique(np.asarray(values, dtype=np.int64), str)


def _yes_no(flags: np.ndarray, yes: str = "ja", no: str = "nee") -> np.ndarray:
    return np.where(np.asarray(flags, dtype=bool), yes, no).astype(object)


def _write_csv(df: pd.DataFrame, path: Path, encoding: str, sep: str, newline: str) -> None:
    text = df.to_csv(sep=sep, index=False, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    path.write_bytes(text.encode(encoding))


def _write_xlsx(
    df: pd.DataFrame,
    path: Path,
    sheet: str = "Geschenkenregister",
    date_columns: tuple[str, ...] = ("received_on",),
) -> None:
    """One sheet; ``date_columns`` (datetime64, NaT = empty) become Excel dates."""
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError(f"radar demo needs openpyxl to write {path.name}") from exc

    wb = Workbook(write_only=True)
    fixed = dt.datetime(*FIXED_ZIP_TIME)
    wb.properties.creator = "radar demo"
    wb.properties.created = fixed
    wb.properties.modified = fixed
    ws = wb.create_sheet(sheet)
    ws.append(list(df.columns))
    cols = []
    for c in df.columns:
        if c in date_columns:
            days = df[c].to_numpy(dtype="datetime64[D]")
            cols.append([None if np.isnat(d) else dt.date.fromisoformat(str(d)) for d in days])
        else:
            cols.append(df[c].tolist())
    is_date = [c in date_columns for c in df.columns]
    for i in range(len(df)):
        row = []
        for col, date in zip(cols, is_date, strict=True):
            if date and col[i] is not None:
                cell = WriteOnlyCell(ws, value=col[i])
                cell.number_format = "dd-mm-yyyy"
                row.append(cell)
            else:
                row.append(col[i])
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    # byte-identical output: fixed zip timestamps and document dates
    stamp = "2026-10-01T06:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + stamp.encode() + rb"\g<3>",
                    data,
                )
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, data)
    path.write_bytes(out.getvalue())
