"""A CSV header run on into the first row by a quote left open at its last name.

In a file that quotes every value, the header's last name without its closing quote
(``"sector`` at the end of the line) makes the csv reader take the line end and the first
row into that name: the header then has more names than any row below it has fields, and
each row was quarantined for its count under a column named after the row (helper-133).
readers.read_csv refuses such a file with this module's finding.
"""

from __future__ import annotations

import csv
import io


def header_runs_on(
    text: str, header: list[str], line: int, widths: list[int], delimiter: str
) -> dict[str, object] | None:
    """The name whose quote was left open, the header's width and the rows' (for the
    message), when ``header`` (read from ``line`` of ``text``) holds a name over lines and
    its own first line is as wide as most of the rows (``widths``: the fields of each
    row, none of which fits the header); else None. A name wrapped with Alt+Enter (its
    quote closed) leaves the header's first line narrower than the rows below it."""
    wrapped = [c for c in header if "\n" in c or "\r" in c]
    if not wrapped or not widths:
        return None
    first = io.StringIO(text, newline="").readlines()[line - 1].rstrip("\r\n")
    fields = len(next(csv.reader([first + '"'], delimiter=delimiter)))
    if max(set(widths), key=widths.count) != fields or fields >= len(header):
        return None
    return {"name": wrapped[0].splitlines()[0].strip(), "width": len(header), "fields": fields}
