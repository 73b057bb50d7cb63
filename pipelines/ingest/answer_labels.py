"""A survey export's answers written as labels (answer_labels in a mapping: "Helemaal mee
eens" ... "Helemaal mee oneens", "Weet niet"; the sets in mapping.py) read as 1-5 or as no
answer, each distinct cell once (lookups.lookup); a label the set does not know is
quarantined with the set's labels in its reason.

A scale of seven points is no scale of five: Qualtrics and others write "Somewhat agree"
(4 of 5) in their five-point scale, but beside "Agree" it is the 5th of 7, and "Agree" the
6th. A column with a graded label (GRADED) and the plain one it grades has more points
than 1-5 can hold: its labels are quarantined, not guessed (helper-138).
"""

from __future__ import annotations

import re

import pandas as pd

from pipelines.ingest.parsing import code_key
from pipelines.ingest.quarantined import quoted

# what is written as a number, in any convention: not an answer label
NUMBER_LIKE = re.compile(r"\s*[+-]?\d+(?:[.,]\d+)*\s*")
# An answer label with its number, as survey tools export it ("5 - Helemaal mee eens",
# "1. Helemaal mee oneens", "(5) Helemaal mee eens", "5 Helemaal mee eens", "Helemaal
# mee eens (5)"): read when the number is the label's own.
NUMBERED_LABEL = re.compile(
    r"\s*\(?([1-5])\)?\s*[-\u2013\u2014.:)=]?\s*(\D.*?)\s*|\s*(\D.*?)\s*\(([1-5])\)\s*"
)
# A graded label and the plain labels it grades (code_key): together, seven points.
GRADED = {
    "somewhat agree": ("agree",),
    "somewhat disagree": ("disagree",),
    "tend to agree": ("agree",),
    "tend to disagree": ("disagree",),
    "enigszins mee eens": ("mee eens", "eens"),
    "enigszins eens": ("mee eens", "eens"),
    "enigszins mee oneens": ("mee oneens", "oneens"),
    "enigszins oneens": ("mee oneens", "oneens"),
}


def read_labels(
    shown: pd.Series, labels: dict[str, int | None], set_name: str
) -> tuple[pd.Series, dict[int, str]]:
    """Each cell of ``shown`` as its number (a text), or None; and, by position, why a
    cell is not read: a label the set does not know, or any label of a column of seven
    points (lookups quarantines them as unknown_label)."""
    known = ", ".join(f"'{k}'" for k in labels)
    by_key = {code_key(k): v for k, v in labels.items()}
    keys = {code_key(c) for c in shown if isinstance(c, str)}
    seven = next(
        ((graded, plain) for graded, plains in GRADED.items() for plain in plains
         if graded in keys and plain in keys),
        None,
    )  # fmt: skip
    out: list[str | None] = []
    unread: dict[int, str] = {}
    for i, cell in enumerate(shown):
        if not isinstance(cell, str) or not cell.strip() or NUMBER_LIKE.fullmatch(cell):
            # a number (4, 4,0) is read as the column's numbers are, by its rules
            out.append(cell if isinstance(cell, str) and cell.strip() else None)
            continue
        if seven is not None and code_key(cell) in by_key:
            out.append(None)
            unread[i] = (
                f"{quoted(cell.strip())}: deze kolom heeft zowel '{seven[0]}' als "
                f"'{seven[1]}', een schaal van zeven punten die niet op 1 tot en met 5 past; "
                "niet geraden (zet de antwoorden als 1-5 in de kolomkoppeling onder values)"
            )
        elif code_key(cell) in by_key:
            label = by_key[code_key(cell)]
            out.append(None if label is None else str(label))
        elif (numbered := NUMBERED_LABEL.fullmatch(cell)) and by_key.get(
            code_key((numbered[2] or numbered[3]).strip("()[] "))  # 5 (Strongly agree)
        ) == int(numbered[1] or numbered[4]):
            out.append(numbered[1] or numbered[4])  # the number and its own label
        else:
            out.append(None)
            unread[i] = (
                f"{quoted(cell.strip())} is geen bekend antwoordlabel van {set_name} "
                f"(bekend: {known}; of een getal 1 tot en met 5)"
            )
    return pd.Series(out, dtype=object), unread
