"""Codes as exports write them: a code matched without case, accents, underscores,
invisible characters, typographic quotes and dashes and repeated spaces (code_key), and
with a column's other spellings also without dots, apostrophes, hyphens and spaces
(spelling_key); a column's cells in the codes' own spelling (match_codes)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from pipelines.ingest.parsing import plain_marks, without_invisible


def code_key(value: str) -> str:
    """A code without case, accents, underscores, invisible characters (without_invisible),
    typographic quotes and dashes (plain_marks) and surrounding or repeated spaces."""
    decomposed = unicodedata.normalize("NFKD", plain_marks(without_invisible(value)))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    # meervoudig_onderhands is "Meervoudig onderhands" as an export writes it
    return " ".join(bare.casefold().replace("_", " ").split())


def spelling_key(value: str) -> str:
    """A code_key without dots, apostrophes, hyphens, slashes and spaces: B.V., BV and b v
    alike (for a column with other spellings of its codes, Column.spellings)."""
    return re.sub(r"[.'\u2019`/\s-]", "", code_key(value))


def match_codes(
    raw: pd.Series, codes: Iterable[str], spellings: Iterable[tuple[str, str]] = ()
) -> pd.Series:
    """Cells that are one of ``codes`` but for case, spaces or accents, in the codes' own
    spelling; with ``spellings`` (other spelling, code) also a cell that is a code or one
    of those spellings but for dots, apostrophes, hyphens and spaces (spelling_key);
    every other cell unchanged (the dataset's rules judge it). Each distinct cell is
    looked at once."""
    by_key: dict[str, str | None] = {}
    for c in codes:
        # two codes that differ only in case, spaces or accents (org units "AB" and "ab"):
        # a cell like either is matched exactly or not at all, never to one of them
        by_key[code_key(c)] = c if by_key.get(code_key(c), c) == c else None
    pairs = [(c, c) for c in by_key.values() if c is not None] + list(spellings)
    by_spelling = {spelling_key(s): c for s, c in pairs} if spellings else {}

    def code_of(cell: str) -> str | None:
        if code_key(cell) in by_key:
            return by_key[code_key(cell)]
        return by_spelling.get(spelling_key(cell))

    distinct = raw.dropna().unique()
    replace = {
        v: code for v in distinct if isinstance(v, str) and (code := code_of(v)) not in (None, v)
    }
    if not replace:
        return raw
    hit = raw.isin(list(replace))
    out = raw.copy()
    out[hit] = raw[hit].map(replace)
    return out
