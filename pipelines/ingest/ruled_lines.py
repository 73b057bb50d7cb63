"""Lines of a CSV that rule a report's table: no data, as a blank line holds none."""

from __future__ import annotations

import re

from pipelines.core.texts import Message

# A ruled line: a report's rule around its header and rows (SAP's list export: ------,
# |-----|----|) holds no data, as a blank line holds none (helper-179: it was a row of
# one field, quarantined, and refused a small file); left out, its lines in a note
RULED = re.compile(r"[\s|+]*[-=_]{3,}[-=_\s|+]*")
# What a file that may hold one has (read by the Python reader): a substring search,
# memchr's speed, a third quicker than one pattern on a 50 MB export
RULE_MARKS = (b"---", b"===", b"___")


def may_hold_rules(data: bytes) -> bool:
    return any(mark in data for mark in RULE_MARKS)


def ruled(cells: list[str]) -> bool:
    """Whether a line's cells are a rule: each filled one three or more dashes, equals
    signs or underscores (with bars, pluses and spaces); a row of '-' for none in every
    cell is a row (helper-181: joined, -;-;- read as a rule)."""
    filled = [c for c in cells if c.strip()]
    return bool(filled) and all(RULED.fullmatch(c) for c in filled)


def ruled_note(lines: list[int]) -> Message:
    shown = ", ".join(map(str, lines[:8])) + (", ..." if len(lines) > 8 else "")
    return Message("note.ruled_lines", locale_file="ingest", count=len(lines), lines=shown)
