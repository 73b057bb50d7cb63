"""Many spellings of one rule: `make test` runs three of them, `make validate` the rest.

A test marked ``variants`` is one rule tried on many spellings of the same thing: the
words a report writes under its total, the names a currency column goes by, the ways a
number format says thousands. Each case ingests a file of its own (about 0.2-0.5 s), and
such lists grew to dozens of cases a rule. `make test` keeps its first two cases and its
last one: the rule and the list's ends; `make validate` runs the others
(``pytest -m variant``). Nothing is skipped in silence: pytest counts the others as
deselected, and every case still runs in `make validate`.

Only lists of spellings are marked, never a boundary (a group of k and k-1, a limit just
inside and outside): those stay whole in `make test` as their own tests or cases.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

KEPT_FIRST = 2  # the first cases of a variants list `make test` runs, and its last one
MARKER = "variants"
LATER = "variant"  # the marker of the cases `make test` leaves to `make validate`


def leave_to_validate(items: list[pytest.Item]) -> None:
    """Mark the cases of each ``variants`` test past its first two, but for its last one,
    ``validate`` and ``variant`` (addopts' ``-m 'not validate'`` leaves them out)."""
    lists: dict[str, list[pytest.Item]] = defaultdict(list)
    for item in items:
        if item.get_closest_marker(MARKER) is None or item.get_closest_marker("validate"):
            continue
        lists[item.nodeid.split("[")[0]].append(item)  # file::function, its cases
    for cases in lists.values():
        for case in cases[KEPT_FIRST:-1]:
            case.add_marker(pytest.mark.validate)
            case.add_marker(pytest.mark.variant)
