"""A value that begins with a quote it does not end with (``"De Vries" Bouw``, as an
export writes a name without escaping its quotes): the csv module took the quotes for
CSV's own and stored ``De Vries Bouw`` without a word (helper-131), DuckDB refuses the
line. Such a value is read as the file writes it, quotes and all; a value quoted as CSV
quotes (``"Bouw; Noord"``, a doubled quote inside) is read as before."""

from __future__ import annotations

import re


def misquoted(text: str, delimiter: str) -> re.Pattern[str] | None:
    """The pattern of a field that opens with a quote, closes it and goes on with more
    than spaces, for one line; None when no line of ``text`` can hold one (searched
    first without the field's start, which a search finds fast: 0.4 s on 34 MB of
    quoted fields against 2 s; something inside the quotes, or every doubled quote's
    ``"" 0`` would be one, helper-133)."""
    d = re.escape(delimiter)
    rest = rf'"[^"\r\n{d}]+"(?=[ \t]*[^ \t"{d}\r\n])'
    if re.search(rest, text) is None:
        return None
    return re.compile(rf"(?:^|{d}){rest}")


def as_written(line: str, delimiter: str, row: list[str]) -> list[str]:
    """``row`` (as the csv module read ``line``) with each misquoted field as written;
    ``row`` itself when the line's fields cannot be told the same way (each other field
    must read as the csv module read it: helper-133's ``"Noord;"Zuid;...`` split inside a
    quote and shifted a piece into the name)."""
    d = re.escape(delimiter)
    quoted = re.compile(rf'"((?:[^"]|"")*)"(?=[ \t]*(?:{d}|$))')
    fields: list[tuple[str, bool]] = []  # (the text, whether written as it stands)
    at, line = 0, line.rstrip("\r\n")
    while True:
        if line.startswith('"', at) and (whole := quoted.match(line, at)):
            end = line.find(delimiter, whole.end())
            fields.append((whole[1].replace('""', '"'), False))
        else:
            end = line.find(delimiter, at)
            text = line[at:] if end < 0 else line[at:end]
            fields.append((text, text.startswith('"')))
        if end < 0:
            break
        at = end + len(delimiter)
    if len(fields) != len(row):
        return row
    read = [c.strip() for c in row]
    if any(not written and text.strip() != read[i] for i, (text, written) in enumerate(fields)):
        return row
    return [text if written else cell for cell, (text, written) in zip(row, fields, strict=True)]
