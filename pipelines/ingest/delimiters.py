"""A CSV's delimiter, from its header: the sign it holds most often outside quotes, over
the lines a wrapped name (Alt+Enter) takes."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

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
