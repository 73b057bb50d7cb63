"""User text shown as text: what someone typed or uploaded never becomes Markdown, HTML or a
link on a page.

Most of what a user typed (register texts, names, file names, quarantined values) is shown
in ``st.dataframe``, whose cells are drawn as plain text, and in widget values. Where it has
to go into an element that renders Markdown (``st.markdown``, ``st.caption``, ``st.info``
and the other alerts, headers, ``st.table`` cells and headers, ``st.badge``, labels, help
texts, progress texts), it goes through ``plain`` first; into a Plotly figure (titles,
tick labels, hover text), through ``plotly_text``. A link is only ever made from a URL that
``web_link`` accepts, never from free text.

``plain`` has to do more than backslash-escape. Streamlit's Markdown (1.67) runs GitHub's
autolink-literal step and its own plug-ins *after* escapes are resolved: on the text that
is left, ``https://...``, ``www.x.y`` and ``name@x.y`` become links, ``:material/...:``,
``:streamlit:`` and ``:smile:`` become icons, and `` -> `` an arrow. So besides escaping
the Markdown and HTML characters, ``plain`` puts an invisible WORD JOINER (U+2060) where
those patterns would match (after a ``:`` or ``@`` that is not followed by a space, inside
``www.``, between the characters of ``->``), which the reader does not see and which keeps
each pattern from matching. (Copied from the page, the text carries those joiners.)
tests/test_user_text.py checks the result in a real browser, tests/test_safe.py every
Markdown construct. ``st.badge`` escapes ``[ ]`` itself: give it ``plain_badge``.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

JOINER = "\u2060"  # WORD JOINER: invisible, and no letter, space or punctuation

# Escaped wherever they are: emphasis, code, links and images, raw HTML and autolinks
# (< >), strikethrough (~), maths ($), tables (|), headings (#) and the backslash itself.
_ALWAYS = re.compile(r"([\\`*_\[\]<>~$|#])")
# An entity (&amp; &#60; &#x3C;) would be shown as the character it names.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What starts a block only at the start of a line: a list item (- + 1. 1)), a setext
# heading underline (=== or ---), a thematic break (---).
_LINE_MARK = re.compile(r"^([-+=])", re.MULTILINE)
_LINE_NUMBER = re.compile(r"^(\d+)([.)])", re.MULTILINE)
# Where the text transforms after parsing would match: a colon or at-sign with something
# after it (https://, :material/, :smile:, :red[, :-), name@host), www., and the
# typographic arrows and dashes (->, <-, --, >=, <=, ~=).
_COLON_OR_AT = re.compile(r"(?<=[:@])(?=\S)")
_WWW = re.compile(r"(?<=www)(?=\.)", re.IGNORECASE)
_ARROW = re.compile(r"(?<=[<\-~>])(?=[-=>])")


def _text(value: Any) -> str:
    if value is None:
        return ""
    try:
        if value != value:  # NaN, NaT, pd.NA raise or are unequal to themselves
            return ""
    except (TypeError, ValueError):
        return ""
    return str(value)


def plain(value: Any) -> str:
    """``value`` as Markdown that Streamlit shows exactly as typed: no emphasis, link,
    image, HTML, heading, list, icon or maths. None and NaN give ''.

    Line breaks stay line breaks (a backslash at the end of a line); the spaces a line
    starts with are dropped (they would start a code block, and are not shown anyway).
    """
    text = _text(value).replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    text = "\n".join(line.lstrip(" \t") for line in text.split("\n"))
    text = _COLON_OR_AT.sub(JOINER, text)
    text = _WWW.sub(JOINER, text)
    text = _ARROW.sub(JOINER, text)
    text = _ALWAYS.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _LINE_MARK.sub(r"\\\1", text)
    text = _LINE_NUMBER.sub(r"\1\\\2", text)
    return text.replace("\n", "\\\n")


def plotly_text(value: Any) -> str:
    """``value`` for a Plotly title, tick label or hover text, where ``<a href>``, ``<b>``
    and ``<br>`` are markup: every ``<``, ``>`` and ``&`` as an entity, shown as typed."""
    return html.escape(_text(value), quote=False)


def web_link(value: Any) -> str | None:
    """``value`` when it is an https:// URL with a host and no spaces or control
    characters (what a LinkColumn may open); None otherwise, so no link is made."""
    url = _text(value).strip()
    if not url or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() == "https" and parts.hostname else None


def plain_badge(value: Any) -> str:
    """``value`` for ``st.badge``, which escapes ``[`` and ``]`` itself: ``plain``
    without those two escapes (escaped twice they would show a backslash)."""
    return plain(value).replace("\\[", "[").replace("\\]", "]")


def plain_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` for ``st.table``, which renders every cell, column header and
    index value as Markdown: each text through ``plain``; numbers, dates and missing
    values as they are."""

    def cell(value: Any) -> Any:
        return plain(value) if isinstance(value, str) else value

    out = frame.map(cell)
    out.index = frame.index.map(cell)
    out.columns = frame.columns.map(cell)
    out.index.name, out.columns.name = cell(frame.index.name), cell(frame.columns.name)
    return out
