"""Text a note quotes from a file that is not read as its rows (a subtotal's label, a
footnote, a totals row, the names of a workbook's other sheets), in a file of a dataset
with a person's key: each number that may be a personnel number is shown masked, as a key
is stored pseudonymised everywhere else (helper-269 F1: Excel's subtotals grouped by
personnel number, '100016 Totaal', a footnote '* 100099 is uit dienst' and a sheet per
employee reached ingest_log's notes, report_ingest_log and the Parquet export as
written). A date, a decimal or a grouped amount, and a year, stay as written."""

from __future__ import annotations

import re

from pipelines.core.texts import Message
from pipelines.ingest.quality.base import DatasetSpec

# the notes that quote a file's text not read as rows
QUOTING = frozenset(
    {
        "note.trailer_total",
        "note.trailer_sum",
        "note.trailer_footnote",
        "note.subtotal_row",
        "note.xlsx_other_sheets",
        "note.xlsx_hidden_sheets",
    }
)
# the fewest digits of a number that may be a personnel number
DIGITS_AT_LEAST = 3
NUMBER = re.compile(r"[0-9]+")
JOINED = frozenset(".,/:-")  # a date's or an amount's parts: 3-3-2026, 1.234,56


def masked(text: str) -> str:
    """``text`` with each run of DIGITS_AT_LEAST or more digits that is a number of its
    own (no part of a date, a decimal or a grouped amount, and no year 1900-2099) as #."""

    def mask(found: re.Match[str]) -> str:
        digits, start, end = found[0], found.start(), found.end()
        before = text[start - 1] if start else ""
        after = text[end : end + 2]
        joined = before in JOINED and start > 1 and text[start - 2].isdigit()
        joined |= len(after) == 2 and after[0] in JOINED and after[1].isdigit()
        year = len(digits) == 4 and 1900 <= int(digits) <= 2099
        if len(digits) < DIGITS_AT_LEAST or joined or year:
            return digits
        return "#" * len(digits)

    return NUMBER.sub(mask, text)


def without_person_numbers(notes: list, spec: DatasetSpec) -> list:
    """``notes`` with QUOTING's quoted text masked where ``spec`` has a person's key."""
    if not any(c.endswith("_key") for c in spec.column_names):
        return notes
    return [
        Message(
            n.key,
            locale_file=n.locale_file,
            **{k: masked(v) if isinstance(v, str) else v for k, v in n.values.items()},
        )
        if isinstance(n, Message) and n.key in QUOTING
        else n
        for n in notes
    ]
