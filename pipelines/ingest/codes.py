"""Codes as exports write them: a code matched without case, accents, underscores,
invisible characters, typographic quotes and dashes and repeated spaces (code_key), and
with a column's other spellings also without dots, apostrophes, hyphens and spaces
(spelling_key); a column's cells in the codes' own spelling (match_codes); a mapping's
value labels that turn a cell into no code of the catalogue refused (known_targets)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import pandas as pd

from pipelines.ingest.parsing import plain_marks, without_invisible
from pipelines.ingest.readers import unusable

# The code lists the catalogue itself fixes (a Column's codes as a tuple, or these of the
# SuiteContext); org units and suppliers are data, which a later load may add to
FIXED_CODES = ("exit_reasons",)


# A code as Excel's text marks or a float keep it: '0012 (a system's mark that keeps the
# zeros), ="0012" (its formula), 4100.0 (pandas writes a code column with an empty cell
# as floats): matched to the code within, where it is no code itself (helper-259 F3: an
# HR file of '0012 and an org file of 4100.0 parents were refused, row by row)
# what Excel's text mark keeps a code from being read as: a number or a date (0012, 3-12)
MARKED_NUMBER = re.compile(r"[0-9][0-9.,/-]*")
EXCEL_MARKS = re.compile(r"""\s*(?:'([^'\s].*)|="(.+)"|([0-9]+)\.0)\s*""")


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
    a cell within Excel's text mark or formula ('0014, ="0014") as the code within, or
    without them; every other cell unchanged (the dataset's rules judge it). Each
    distinct cell is looked at once."""
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
        found = by_spelling.get(spelling_key(cell))
        bare = EXCEL_MARKS.fullmatch(cell)  # '0012, ="0012", 4100.0: no code themselves
        if found is None and bare is not None:
            # the spaces after it off, as the first tree's SQL takes them (helper-265 F3:
            # '0012 with a space after it was 0012 there and '0012 here)
            inner = next(g for g in bare.groups() if g is not None).strip()
            # no code's cell keeps Excel's formula, nor its text mark before a number
            # (helper-261 4: an org export's new unit '0014 stayed so, its parent cell
            # ="0014" was 0014); 's-Hertogenbosch keeps its own (helper-264 F8)
            marked = bare.group(1) is not None and MARKED_NUMBER.fullmatch(inner)
            return code_of(inner) or (inner if bare.group(2) is not None or marked else None)
        return found

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


def known_targets(mapping: Any, column: Any, ctx: Any) -> None:
    """Refuse the file (UnusableFile) when a mapping's ``values`` turn a label of this
    column into no code of the catalogue (helper-179: 'Bijzonder: bijzondere_doelgroep'
    quarantined every such row, each showing the translated value, never the label).
    Not a label turned into nothing, null or '' (helper-186: 'Onbekend: ""' was refused)."""
    if mapping is None or column.name not in mapping.values:
        return
    _same_labels(mapping, column.name)
    fixed = isinstance(column.codes, tuple) or column.codes in FIXED_CODES
    if not fixed:
        return
    codes = column.code_list(ctx)
    values = mapping.values[column.name].items()
    labels = {k: str(v) for k, v in values if v is not None and str(v).strip()}
    found = match_codes(pd.Series(list(labels.values()), dtype=object), codes,
                        column.spelling_list(ctx))  # fmt: skip
    for (label, target), code in zip(labels.items(), found, strict=True):
        if code not in codes:
            raise unusable(
                "mapping_value_unknown", mapping.path, column=column.name, label=label,
                target=target, known=", ".join(codes),
            )  # fmt: skip


def _same_labels(mapping: Any, column: str) -> None:
    """Refuse the file when two ``values`` labels of a column are one label as a cell is
    matched (code_key: case, accents, spaces) and turn it into different values: which
    one a cell gets is not to be guessed (helper-193: 'Dilemma' and 'dilemma ' to two
    codes loaded every Dilemma session as the last one's, unsaid). Two labels to the same
    value (in any spelling of a code) are two spellings of one label."""
    seen: dict[str, tuple[str, object]] = {}
    for label, target in mapping.values[column].items():
        said = str(target).strip() if target is not None else ""  # '' empties as null does
        first = seen.setdefault(code_key(str(label)), (str(label), said))
        if code_key(first[1]) != code_key(said):  # a code in another spelling is that code
            raise unusable(
                "mapping_values_same_label", mapping.path, column=column, first=first[0],
                label=label, one=first[1] or "null", other=said or "null",
            )  # fmt: skip
