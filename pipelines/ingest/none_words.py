"""The words for no value (in every column) and for none (in a key or an id besides): one
place for the readers in Python (lookups.py), in SQL (checks.py) and for what is no key
(key_cells.py)."""

from __future__ import annotations

# What databases, spreadsheets and Dutch exports write for "no value" (NULL, #N/A, n.v.t.,
# a dash), matched as codes are: an empty cell, in every column. Kept as text, NULL in an
# approver column was the approver "NULL" (a four-eyes approval that never was) and in a
# contract column a contract; a required column with one is missing_required, showing it.
# A mapping's ``values`` may still map such a cell to a value of its own.
# R's write.csv writes NA, pandas nan, NaN, <NA> and NaT, a pivot table (leeg) or (blank),
# SAS and SPSS a dot (helper-101: an approver NA was a person). A unit or code really
# called NA is then missing, loudly (missing_required, showing NA), and a mapping's
# ``values`` keeps it.
NULL_MARKERS = frozenset(
    ("null", "(null)", "<null>", "none", "nil", "n/a", "#n/a", "n.v.t.", "n.v.t", "nvt",
     "#n/b", "-", "--", "\u2013", "\u2014", "na", "n.a.", "nan", "<na>", "nat", "(leeg)",
     "(blank)", "(empty)", ".", "\\n")
)  # fmt: skip
# \N: what MySQL, PostgreSQL's COPY and Unit4's dumps write for no value (helper-103).
# In a key or an id, besides: the words for none (helper-103: an approver 'geen' was a
# person called geen, a contract 'Geen contract' a contract); as a code or a text
# they stay what they say.
NO_ONE = frozenset(
    ("geen", "onbekend", "unknown", "geen contract", "geen goedkeurder", "zonder contract",
     "geen raamcontract", "(geen)", "<geen>", "[geen]", "leeg", "<leeg>", "[leeg]",
     "niet van toepassing", "nihil", "no contract", "not applicable")
)  # fmt: skip
