"""User text as an attacker would type it, and how to tell from an AppTest run whether a
page showed it as text (shared by tests/test_user_text.py and the page tests).

In an AppTest run an element's value is what Streamlit is asked to render, not what the
browser shows: a Markdown body holds ``plain``'s backslash escapes and word joiners.
``shown`` removes those again (what the reader sees); ``markdown_bodies`` lists every
body the browser would render as Markdown, so a test can check that no such body holds
any of the user text's Markdown unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard.safe import JOINER

# An image the reader's browser would fetch, a link, HTML, bold, a bare web address and an
# e-mail address (both become links in Streamlit's Markdown), a Streamlit colour directive,
# an icon, an emoji code, maths and an arrow.
HOSTILE = (
    "![x](https://evil.example/t.png) [klik](https://evil.example) "
    "<img src=x onerror=alert(1)> **vet** www.evil.example anna@evil.example "
    ":red[rood] :material/home: :smile: $x^2$ a -> b"
)
# What must never stand unescaped in a Markdown body (each would render as something).
MARKDOWN_FROM_HOSTILE = (
    "![x](",
    "[klik](",
    "<img src=x",
    "**vet**",
    "https://evil",
    "www.evil",
    "anna@evil",
    ":red[rood]",
    ":material/home:",
    ":smile:",
    "$x^2$",
    "a -> b",
)
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~\n])")

# Element kinds whose value Streamlit renders as Markdown, and widgets whose label and help
# it renders as Markdown.
MARKDOWN_KINDS = (
    "markdown",
    "caption",
    "title",
    "header",
    "subheader",
    "info",
    "success",
    "warning",
    "error",
    "toast",
)
LABELLED_KINDS = (
    "expander",
    "metric",
    "selectbox",
    "multiselect",
    "text_input",
    "text_area",
    "button",
    "download_button",
    "date_input",
    "file_uploader",
    "radio",
    "checkbox",
    "tabs",
)


def shown(body: str) -> str:
    """What the reader sees of a Markdown body made with ``plain``: escapes and word
    joiners removed (a hard line break as a newline)."""
    return ESCAPE.sub(r"\1", str(body)).replace(JOINER, "")


def _table_texts(frame: pd.DataFrame) -> Iterator[str]:
    yield from (str(v) for v in frame.index)
    yield from (str(c) for c in frame.columns)
    yield from (str(v) for v in frame.to_numpy().ravel())


def markdown_bodies(at: AppTest) -> list[str]:
    """Every text on the page that Streamlit renders as Markdown: prose, alerts, headings,
    labels and help of widgets, expanders and metrics, and every cell, header and index
    value of an ``st.table``."""
    bodies = [str(e.value) for kind in MARKDOWN_KINDS for e in at.get(kind)]
    for kind in LABELLED_KINDS:
        for element in at.get(kind):
            bodies += [str(getattr(element, "label", "") or "")]
            bodies += [str(getattr(element.proto, "help", "") or "")]
    for table in at.table:
        bodies += list(_table_texts(table.value))
    return bodies


def raw_markdown(body: str, fragments: tuple[str, ...] = MARKDOWN_FROM_HOSTILE) -> list[str]:
    """The ``fragments`` that stand in ``body`` as such, not escaped by a backslash before
    them: each would be rendered (an image, a link, bold, an icon), not shown as typed."""
    return [f for f in fragments if re.search(r"(?<!\\)" + re.escape(f), body)]


def unescaped(at: AppTest, fragments: tuple[str, ...] = MARKDOWN_FROM_HOSTILE) -> list[str]:
    """The Markdown bodies of the page that hold any of ``fragments`` unescaped."""
    return [b for b in markdown_bodies(at) if raw_markdown(b, fragments)]


def texts_of_frames(at: AppTest) -> list[str]:
    """Every cell of every ``st.dataframe`` (drawn as plain text) on the page."""
    return [t for d in at.dataframe for t in _table_texts(d.value)]
