"""A survey export's answers written as labels (answer_labels in a mapping: "Helemaal mee
eens" ... "Helemaal mee oneens", "Weet niet"; the sets LIKERT_NL and LIKERT_EN, ANSWER_LABELS by
name) read as 1-5 or as no
answer, each distinct cell once (lookups.lookup); a label the set does not know is
quarantined with the set's labels in its reason.

A graded label ("Somewhat agree", "Enigszins mee eens") is in no set: it is 4 of a
five-point scale (Qualtrics' default) and 5 of a seven-point one, and which one an export
holds cannot be told from the labels a file happens to hold (helper-139: a seven-point
export in which nobody chose plain "Agree" read as five points), so it stays unknown
and a mapping's ``values`` says what it is.
"""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from pipelines.core.texts import Message
from pipelines.ingest.codes import code_key
from pipelines.ingest.quarantined import quoted

# Built-in answer label sets (``answer_labels`` in a mapping), matched without regard to
# case, accents and spaces (codes.code_key). None: no answer ("weet niet").
LIKERT_NL: dict[str, int | None] = {
    "helemaal mee oneens": 1,
    "helemaal oneens": 1,
    "zeer mee oneens": 1,
    "zeer oneens": 1,
    "volledig mee oneens": 1,
    "volledig oneens": 1,  # helper-159
    "helemaal niet mee eens": 1,  # helper-97: the labels of many Dutch surveys
    "helemaal niet eens": 1,
    "geheel mee oneens": 1,
    "geheel oneens": 1,
    "mee oneens": 2,
    "oneens": 2,
    "niet mee eens": 2,
    "neutraal": 3,
    "niet mee eens, niet mee oneens": 3,
    "niet mee eens/niet mee oneens": 3,
    "niet mee eens / niet mee oneens": 3,
    "niet eens, niet oneens": 3,
    "niet eens/niet oneens": 3,
    "niet eens / niet oneens": 3,
    "noch eens, noch oneens": 3,
    "neutraal / geen mening": 3,  # beside neutraal, the midpoint (helper-159)
    "noch mee eens, noch mee oneens": 3,
    "niet mee eens en niet mee oneens": 3,
    "niet eens en niet oneens": 3,
    "mee eens": 4,
    "eens": 4,
    "helemaal mee eens": 5,
    "helemaal eens": 5,
    "zeer mee eens": 5,
    "zeer eens": 5,
    "volledig mee eens": 5,
    "volledig eens": 5,
    "geheel mee eens": 5,
    "geheel eens": 5,
    "weet niet": None,
    "weet ik niet": None,
    "ik weet het niet": None,
    # "geen mening" alone is the midpoint in some scales and no answer in others: only
    # beside "weet ik niet" is it certainly no answer
    "weet ik niet / geen mening": None,
    "weet niet / geen mening": None,
    "weet ik niet/geen mening": None,
    "geen antwoord": None,
    "weet niet / n.v.t.": None,  # helper-159
    "weet niet / nvt": None,
    "weet ik niet / n.v.t.": None,
    "weet ik niet / nvt": None,
    "niet van toepassing": None,  # what n.v.t. abbreviates (an empty cell everywhere)
}
# The same five points as English-language tools write them (Google Forms, Typeform,
# Microsoft Forms in English): helper-97.
LIKERT_EN: dict[str, int | None] = {
    "strongly disagree": 1,
    "completely disagree": 1,
    "disagree": 2,
    "neutral": 3,
    "neither agree nor disagree": 3,
    "neither agree or disagree": 3,
    "agree": 4,
    "strongly agree": 5,
    "completely agree": 5,
    "don't know": None,
    "don\u2019t know": None,  # with the curly apostrophe word processors write
    "do not know": None,
    "dont know": None,
    "i don't know": None,
    "i don\u2019t know": None,
    "not applicable": None,
    "no opinion / don't know": None,
    "prefer not to say": None,
    "prefer not to answer": None,  # helper-159
    "neutral / no opinion": 3,
}
ANSWER_LABELS = {"likert_nl": LIKERT_NL, "likert_en": LIKERT_EN}

# what is written as a number, in any convention: not an answer label
NUMBER_LIKE = re.compile(r"\s*[+-]?\d+(?:[.,]\d+)*\s*")
# An answer label with its number, as survey tools export it ("5 - Helemaal mee eens",
# "1. Helemaal mee oneens", "(5) Helemaal mee eens", "5 Helemaal mee eens", "Helemaal
# mee eens (5)"): read when the number is the label's own.
NUMBERED_LABEL = re.compile(
    r"\s*\(?([1-5])\)?\s*[-\u2013\u2014.:)=]?\s*(\D.*?)\s*|\s*(\D.*?)\s*\(([1-5])\)\s*"
)


def label_key(label: str) -> str:
    """A label as the sets are matched: as a code (codes.code_key), with one way of
    writing a slash between two labels ("Weet niet/nvt", "weet niet / nvt", the fraction
    slash of word processors, helper-163) and without
    a full stop at its end ("Mee eens."; helper-159)."""
    return re.sub(r"\s*[/\u2044\u2215]\s*", " / ", code_key(label)).rstrip(". ")


def read_labels(
    shown: pd.Series, labels: dict[str, int | None], set_name: str
) -> tuple[pd.Series, dict[int, str]]:
    """Each cell of ``shown`` as its number (a text), or None; and, by position, why a
    cell is not read: a label the set does not know (lookups quarantines it as
    unknown_label)."""
    known = ", ".join(f"'{k}'" for k in labels)
    by_key = {label_key(k): v for k, v in labels.items()}
    out: list[str | None] = []
    unread: dict[int, str] = {}
    for i, cell in enumerate(shown):
        if not isinstance(cell, str) or not cell.strip() or NUMBER_LIKE.fullmatch(cell):
            # a number (4, 4,0) is read as the column's numbers are, by its rules
            out.append(cell if isinstance(cell, str) and cell.strip() else None)
            continue
        if label_key(cell) in by_key:
            label = by_key[label_key(cell)]
            out.append(None if label is None else str(label))
        elif (numbered := NUMBERED_LABEL.fullmatch(cell)) and by_key.get(
            label_key((numbered[2] or numbered[3]).strip("()[] "))  # 5 (Strongly agree)
        ) == int(numbered[1] or numbered[4]):
            out.append(numbered[1] or numbered[4])  # the number and its own label
        else:
            out.append(None)
            unread[i] = _numbered_note(cell, numbered, by_key, set_name) or (
                f"{quoted(cell.strip())} is geen bekend antwoordlabel van {set_name} "
                f"(bekend: {known}; of een getal 1 tot en met 5)"
            )
    return pd.Series(out, dtype=object), unread


def _numbered_note(
    cell: str, numbered: re.Match | None, by_key: dict[str, int | None], set_name: str
) -> str | None:
    """The reason for a label whose number is not its own ('2 - Mee eens', where Mee eens
    is 4: a scale numbered the other way round), or None: the label is known, and only
    the number is at odds with it (helper-253 F7: the reason said the label was unknown
    and listed all 47)."""
    if numbered is None:
        return None
    label = (numbered[2] or numbered[3]).strip("()[] ")
    own = by_key.get(label_key(label))
    if own is None:
        return None
    number = numbered[1] or numbered[4]
    said = quoted(cell.strip())
    return (
        f"{said}: het getal {number} past niet bij het label {quoted(label)}, dat in "
        f"{set_name} {own} is (loopt de schaal van de export andersom?). Niet geraden: "
        f"vertaal de labels in de kolomkoppeling (values: {{answer: {{{said}: {own}}}}} als "
        "het label geldt) of exporteer alleen de labels of alleen de getallen"
    )


def mixed_scale_notes(con: duckdb.DuckDBPyConnection, checkable: str) -> list[Message]:
    """Items some of whose months this file holds back as on another scale (off_scale:
    the check column _on_item_scale of ``checkable``) while others load: a seven-point
    month whose few answers happen to hold no 6 or 7 cannot be told from a five-point
    one (helper-148), so the ingest names the item and the months it loaded."""
    rows = con.execute(
        f"""select item_code, count(*) filter (where held),
            string_agg(strftime(month, '%m-%Y'), ', ' order by month) filter (
                where not held and loaded)
        from (
            select item_code, date_trunc('month', wave_date) as month,
                bool_or(not _on_item_scale) as held,
                bool_or(_on_item_scale and answer between 1 and 5) as loaded
            from {checkable} where item_code is not null and wave_date is not null
            group by all
        )
        group by item_code having bool_or(held) and bool_or(not held and loaded)
        order by item_code"""
    ).fetchall()
    return [
        Message("note.mixed_scale", locale_file="ingest", item=i, held=h, months=m)
        for i, h, m in rows
    ]
