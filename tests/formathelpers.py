"""What a page shows under AppTest, and the ways it can be written wrongly (issue 15):
a decimal point in Dutch, a decimal comma in English, an ISO date, "None" or "nan" in a
cell, and a code (a snake_case identifier) where a label belongs.

A table given to st.dataframe as a pandas Styler keeps its numbers in ``.value`` and sends
the text the reader sees as display values; ``frame_texts`` reads those, so the scan looks
at what the browser draws, not at the numbers behind it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

# Element kinds whose value is prose the reader sees.
PROSE_KINDS = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "info",
    "success",
    "warning",
    "error",
)
# A number as written: digits with dots and commas between digit groups.
NUMBER = re.compile(r"\d+(?:[.,]\d+)+")
# The only numbers with a dot allowed in Dutch: thousands groups (never after a lone 0: a
# p-value 0.050 is a decimal point), then maybe a decimal comma.
DUTCH_WITH_DOT = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
# The only numbers with a comma allowed in English: thousands groups, maybe decimals.
ENGLISH_WITH_COMMA = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
MISSING_WORDS = re.compile(r"\b(?:None|nan|NaN|NaT)\b|<NA>")
SNAKE_CASE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def frame_shown(element) -> pd.DataFrame:
    """The table as the reader sees it: the Styler's display values when there are any,
    else the values themselves."""
    display = element.proto.arrow_data.styler.display_values
    if display:
        return dataframe_util.convert_arrow_bytes_to_pandas_df(display)
    return element.value


def frame_texts(element) -> Iterator[str]:
    """Every column header and cell of one st.dataframe as the reader sees it."""
    frame = frame_shown(element)
    yield from (str(c) for c in frame.columns)
    yield from (str(v) for v in frame.to_numpy().ravel())


def page_texts(at: AppTest) -> list[str]:
    """Every text of the page: prose, alerts, metrics (label, value, change) and every
    header and cell of every table."""
    texts = [str(e.value) for kind in PROSE_KINDS for e in at.get(kind)]
    for metric in at.metric:
        texts += [str(metric.label), str(metric.value), str(metric.delta or "")]
    for frame in at.dataframe:
        texts += list(frame_texts(frame))
    return texts


def number_problems(text: str, lang: str) -> list[str]:
    """The numbers in ``text`` written with the other language's decimal mark."""
    bad = []
    for match in NUMBER.finditer(text):
        number = match.group()
        if lang == "nl" and "." in number and not DUTCH_WITH_DOT.fullmatch(number):
            bad.append(number)
        if lang == "en" and "," in number and not ENGLISH_WITH_COMMA.fullmatch(number):
            bad.append(number)
    return bad


def problems(texts: list[str], lang: str) -> list[tuple[str, str]]:
    """(what is wrong, the text) for every text written wrongly in ``lang``."""
    found = []
    for text in texts:
        for number in number_problems(text, lang):
            found.append((f"decimal mark in {number!r}", text))
        for pattern, what in (
            (ISO_DATE, "ISO date"),
            (MISSING_WORDS, "missing value as a word"),
            (SNAKE_CASE, "code instead of a label"),
        ):
            if match := pattern.search(text):
                found.append((f"{what} {match.group()!r}", text))
    return found


def shown_number(cell: object, lang: str = "nl") -> float | None:
    """The number a table cell shows ('21,9 %', '4,1 op 5', '+3,0', 7), read back with
    Babel's strict parser for ``lang``; None for the dash of a missing value."""
    if not isinstance(cell, str):
        return None if pd.isna(cell) else float(cell)
    if cell.strip() in ("–", ""):
        return None
    match = re.match(r"[+-]?[\d.,]+", cell.strip())
    assert match, f"no number at the start of {cell!r}"
    from babel.numbers import parse_decimal

    locale = {"nl": "nl_NL", "en": "en_GB"}[lang]
    return float(parse_decimal(match.group(0).lstrip("+"), locale=locale, strict=True))


def assert_shown(cells, values, *, places: int = 1, what: str = "") -> None:
    """Each cell shows its value to ``places`` decimals (a dash where there is none)."""
    cells, values = list(cells), list(values)
    assert len(cells) == len(values), what
    for cell, value in zip(cells, values, strict=True):
        got = shown_number(cell)
        if value is None or pd.isna(value):
            assert got is None, (what, cell)
        else:
            assert got == pytest.approx(float(value), abs=0.5 * 10**-places + 1e-9), (what, cell)
