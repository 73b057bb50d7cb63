"""dashboard/safe.py: user text made safe for Markdown, Plotly and links.

What each construct would become in Streamlit's Markdown is checked in a real browser by
tests/test_user_text.py; here, that ``plain`` takes every construct apart and loses
nothing a reader would see."""

from __future__ import annotations

import ast
import math
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from dashboard.safe import JOINER, plain, plain_badge, plain_table, plotly_text, web_link
from tests.texthelpers import HOSTILE, raw_markdown, shown

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("typed", "rendered_as"),
    [
        ("![x](https://evil.example/t.png)", "an image"),
        ("[klik](https://evil.example)", "a link"),
        ("<https://evil.example>", "an autolink"),
        ("https://evil.example", "a bare web address (GFM autolink)"),
        ("www.evil.example", "a www address (GFM autolink)"),
        ("anna@evil.example", "an e-mail address (GFM autolink)"),
        ("<img src=x onerror=alert(1)>", "HTML"),
        ("**vet** __vet__ *schuin* _schuin_", "emphasis"),
        ("`code`", "code"),
        ("~~weg~~", "strikethrough"),
        ("$x^2$", "maths"),
        (":red[rood] :blue-badge[b] :material/home: :streamlit: :smile: :+1:", "directives"),
        ("a -> b <- c <-> d -- e >= f <= g ~= h", "typographic arrows"),
        ("&amp; &#60; &#x3C;", "entities"),
        ("# kop", "a heading"),
        ("- item", "a list"),
        ("+ item", "a list"),
        ("1. item", "an ordered list"),
        ("1) item", "an ordered list"),
        ("> quote", "a quote"),
        ("    code", "an indented code block"),
        ("tekst\n===", "a setext heading"),
        ("tekst\n---", "a setext heading"),
        ("***", "a thematic break"),
        ("a | b\n--|--\n1 | 2", "a table"),
        ("[x]: https://evil.example", "a link definition"),
        ("[^1]", "a footnote"),
        ("```\ncode\n```", "a fence"),
    ],
)
def test_plain_takes_every_construct_apart(typed: str, rendered_as: str) -> None:
    out = plain(typed)
    assert shown(out) == typed.replace("    code", "code"), rendered_as  # loses nothing
    for line in out.split("\\\n"):  # nothing starts a block
        assert not re.match(r"( {4}|[-+*>#=|`~]|\d+[.)])", line), (rendered_as, line)
    assert unescaped_specials(out) == [], rendered_as
    # What the text transforms look for after the escapes are resolved: none of it.
    resolved = re.sub(r"\\(.)", r"\1", out)
    transforms = rf"https?://|www\.|[:@][^\s{JOINER}]|(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"
    assert not re.search(transforms, resolved), rendered_as


def unescaped_specials(markdown: str) -> list[str]:
    """The Markdown characters in ``markdown`` without a backslash before them."""
    found, i = [], 0
    while i < len(markdown):
        if markdown[i] == "\\" and i + 1 < len(markdown):
            i += 2
            continue
        if markdown[i] in "`*_[]<>~$|#\\":
            found.append(markdown[i])
        i += 1
    return found


def test_plain_keeps_ordinary_text_as_it_is() -> None:
    for text in ("Financiën & Control", "Verhuur en Wonen", "2026-Q3", "Status: ok", "a - b"):
        assert plain(text) == text
    assert plain(None) == plain(float("nan")) == plain(pd.NA) == ""
    assert plain(3) == "3"


def test_line_breaks_stay_line_breaks() -> None:
    assert plain("een\ntwee\r\ndrie\n") == "een\\\ntwee\\\ndrie"
    assert shown(plain(HOSTILE + "\n" + HOSTILE)) == HOSTILE + "\n" + HOSTILE


def test_the_word_joiner_is_invisible_and_no_word_character() -> None:
    """The text transforms (autolinks, icons, emoji, arrows) stop at it."""
    assert unicodedata.category(JOINER) == "Cf"
    assert not re.match(r"[\w\s]", JOINER)
    assert raw_markdown(plain(HOSTILE)) == []


def test_a_badge_label_is_plain_without_the_bracket_escapes_st_badge_adds() -> None:
    assert plain_badge("[a] b*") == "[a] b\\*"
    assert plain_badge("\\[") == "\\\\["


def test_plotly_text_shows_markup_as_typed() -> None:
    assert plotly_text('<a href="https://evil.example">x</a> & <b>') == (
        '&lt;a href="https://evil.example"&gt;x&lt;/a&gt; &amp; &lt;b&gt;'
    )
    assert plotly_text(None) == ""


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://intranet.example/bewijs?id=1", True),
        ("HTTPS://intranet.example/x", True),
        ("https://", False),
        ("https:///pad", False),
        ("http://intranet.example", False),
        ("javascript:alert(1)", False),
        ("https://intranet.example/a b", False),
        ("https://intranet.example/\nx", False),
        ("[klik](https://evil.example)", False),
        ("", False),
        (None, False),
        (float("nan"), False),
    ],
)
def test_a_link_is_made_only_from_a_web_address(url: object, link: bool) -> None:
    assert web_link(url) == (url.strip() if link else None)


def test_plain_table_makes_every_text_of_a_table_plain() -> None:
    frame = pd.DataFrame(
        {"**kolom**": ["*a*", "b"], "getal": [1, math.nan]},
        index=pd.Index(["[x](y)", "z"], name="_naam_"),
    )
    out = plain_table(frame)
    assert list(out.columns) == ["\\*\\*kolom\\*\\*", "getal"]
    assert list(out.index) == ["\\[x\\](y)", "z"] and out.index.name == "\\_naam\\_"
    assert list(out["\\*\\*kolom\\*\\*"]) == ["\\*a\\*", "b"]
    assert out["getal"].iloc[0] == 1 and math.isnan(out["getal"].iloc[1])
    assert list(frame.columns) == ["**kolom**", "getal"]  # the input is not changed


def test_every_st_table_gets_a_plain_table() -> None:
    """st.table renders every cell as Markdown: whatever a page puts in one goes
    through plain_table."""
    calls = []
    for path in sorted((REPO / "dashboard").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("st.table"):
                calls.append((path.name, ast.unparse(node.args[0])))
    assert calls, "no st.table found: is this test still needed?"
    assert [c for c in calls if "plain_table(" not in c[1]] == []
