"""A CSV's delimiter: the sign its header holds most often outside quotes, over the lines
a wrapped name (Alt+Enter) takes, unless the first data records say otherwise
(``choose_delimiter``: a descriptive name may hold more commas than the file has tabs or
semicolons, helper-158); and what a delimiter says of the numbers (``comma_file_proof``:
only a ;-separated CSV says a Dutch Excel wrote it)."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

# A quoted field begins at a field's start ("Velgmaat (")": a sign of the name, helper-132)
QUOTED = re.compile(r'(?:^|(?<=[;,\t|]))"(?:[^"]|"")*"')
OPEN_QUOTE = re.compile(r'(?:^|(?<=[;,\t|]))"')
# The delimiters, in the order a tie is decided: between a tab and a comma the tab, as a
# column's name may hold commas ("Aanwezig (medewerkers, inhuur)"), a typed one never a
# tab (helper-131)
DELIMITERS = [";", "\t", ",", "|"]


def sniff_delimiter(header_line: str) -> str | None:
    """The sign the header line holds most often outside quotes (a quoted name's commas
    split nothing, helper-131; a quote left open, a name going on over the line, ends
    the count); the whole line's count when that finds none."""
    bare = QUOTED.sub("", header_line)
    if opened := OPEN_QUOTE.search(bare):
        bare = bare[: opened.start()]
    counts = {d: bare.count(d) for d in DELIMITERS}
    if not any(counts.values()):
        counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


def header_record(lines: Iterable[str]) -> str:
    """The header's first line, and the lines after it while a quote is open in them (a
    cell wrapped with Alt+Enter, helper-133: the delimiter of a comma file whose first
    name was '"Crediteur' was sniffed from that part alone), up to five."""
    lines = iter(lines)
    record = next(lines, "")
    for line in itertools.islice(lines, 4):
        if not OPEN_QUOTE.search(QUOTED.sub("", record)):  # a quote opening a field, open
            break  # (a quote inside a name is a sign of it: Velgmaat ("), helper-135)
        record += "\n" + line
    return record


# The data records that decide (after the header), and the lines read for them at most
# (a quoted value may go on over lines): a file is never read whole for its delimiter.
DECIDING_RECORDS = 20
DECIDING_LINES = 100


def header_lines(text: str, header_row: int) -> list[str]:
    """The first DECIDING_LINES non-blank lines from line ``header_row`` on, as the CSV
    readers count lines (\\n, \\r\\n, \\r), without their line ends."""
    lines = itertools.islice(io.StringIO(text, newline=None), header_row - 1, None)
    kept = (ln.rstrip("\n") for ln in lines if ln.strip())
    return list(itertools.islice(kept, DECIDING_LINES))


def _fitting(lines: list[str], delimiter: str) -> tuple[int, int] | None:
    """How many of the first DECIDING_RECORDS data records split by ``delimiter`` have the
    header's fields (as the readers take them: a nameless last column may be missing,
    empty fields after the last one are none), and how many were read; None when the
    header splits into fewer than two named fields."""
    reader = csv.reader(lines, delimiter=delimiter, skipinitialspace=True)
    fit = total = 0
    try:
        header = next(reader, [])
        named = len(header)
        while named > 1 and not header[named - 1]:
            named -= 1
        if named < 2:
            return None
        for row in itertools.islice(reader, DECIDING_RECORDS):
            if reader.line_num >= len(lines) == DECIDING_LINES:
                break  # a record the lines read may have cut off: it decides nothing
            if any(c.strip() for c in row):
                total += 1
                fit += named <= len(row) and not any(row[len(header) :])
    except csv.Error:  # (a field over csv's size limit): what was read decides, if any
        return (fit, total) if total else None
    return fit, total


def choose_delimiter(lines: list[str]) -> str | None:
    """The delimiter of a CSV whose header record begins at ``lines[0]`` (non-blank
    lines, header_lines): the header's own (sniff_delimiter) when the data records below
    it all have its number of fields, or when there are none; otherwise the delimiter
    that splits the header into two names or more and more than half of those records
    alike, and more of them than the header's own does, where the header's own fits no
    more than half of them; else still the header's own (the rows that do not fit then
    refused by line, as before). A tab file named ``Loonbeslagen (lopend, nieuw,
    beëindigd)`` holds more commas than tabs in its header, none in its rows
    (helper-158); a ``;`` file with ``omschrijving (kort, lang)`` in its header and a
    decimal comma in each row splits every row in two on its commas, and one row with
    a ``;`` in its text did not fit its ``;``s (helper-163: the file was refused)."""
    current = sniff_delimiter(header_record(lines))
    fits = {d: f for d in DELIMITERS if (f := _fitting(lines, d)) is not None}
    if not fits or current in fits and fits[current][0] == fits[current][1]:
        return current  # (only a header, or its rows split alike: as before)
    # one name by the header's own: none fit
    fitting, read = fits[current] if current in fits else (0, 0)
    best = max(fits, key=lambda d: fits[d][0])  # a tie: the first in DELIMITERS
    fit, total = fits[best]
    better = fit > fitting and 2 * fit > total
    return best if better and 2 * fitting <= read else current


def comma_file_proof(column_plans: list[Any], source: Any, mapping: Any) -> list[Any]:
    """Only a CSV separated by ; says how it writes numbers (Dutch Excel separates so for
    its decimal comma); a comma-, tab- or pipe-separated one does not: in a column without
    a declared number_format, a number the two conventions read differently (12,500:
    12,5 or 12500; 12.500) is ambiguous there, as beside a proof (helper-97, helper-99:
    kilometres stored a thousand times too small; helper-100: tabs, one column declared).
    Nor does a workbook's or a Parquet file's text cell (its number cells are numbers):
    any tool writes text there (helper-101: 12,500 km was 12,5 in an XLSX and in a
    Parquet file, ambiguous in a tab-separated CSV)."""
    from pipelines.ingest.lookups import NUMERIC  # here: lookups reads files through readers

    if source.format == "csv" and source.delimiter == ";":
        return column_plans
    return [
        replace(p, number_proof=True)
        if p.column.type in NUMERIC
        and not (mapping is not None and mapping.number_format_of(p.column.name))
        else p
        for p in column_plans
    ]
