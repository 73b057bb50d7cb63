"""Lines of a CSV that rule a report's table: no data, as a blank line holds none."""

from __future__ import annotations

import re

from pipelines.core.texts import Message

# A ruled line: a report's rule around its header and rows (SAP's list export: ------,
# |-----|----|) holds no data, as a blank line holds none (helper-179: it was a row of
# one field, quarantined, and refused a small file); left out, its lines in a note
RULED = re.compile(r"[\s|+]*[-=_]{3,}[-=_\s|+]*")
RULE_MARK = re.compile(rb"---|===|___")  # a file that may hold one (read in Python)


def ruled(cells: list[str]) -> bool:
    """Whether a line's cells are a rule: dashes, equals signs or underscores alone."""
    return bool(RULED.fullmatch("".join(cells)))


def ruled_note(lines: list[int]) -> Message:
    shown = ", ".join(map(str, lines[:8])) + (", ..." if len(lines) > 8 else "")
    return Message("note.ruled_lines", locale_file="ingest", count=len(lines), lines=shown)
