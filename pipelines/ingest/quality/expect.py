"""Expectations as Great Expectations configurations: a type and its keyword arguments.

Every rule of every dataset is one of these, written with GE's own names
(``ExpectColumnValuesToBeBetween(column="fte", min_value=0)``). They are plain data, so
that an ingest does not pay for importing GE (about 4 s): the ingest runs them as SQL
(pipelines/ingest/checks.py, generated from the type and arguments), and ``to_gx`` makes the
real GE expectation, which tests/test_quality_agreement.py runs on the same rows to show
that GE and the SQL fail exactly the same rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Expectation:
    """One GE expectation: ``type`` in GE's snake case, ``kwargs`` as GE takes them."""

    type: str
    kwargs: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def class_name(self) -> str:
        """GE's class name (ExpectColumnValuesToBeBetween), as Datakwaliteit shows it."""
        return "".join(part.capitalize() for part in self.type.split("_"))

    @property
    def column(self) -> str | None:
        return self.kwargs.get("column")

    def to_gx(self) -> Any:
        """The Great Expectations expectation itself (imports GE)."""
        import great_expectations as gx

        return getattr(gx.expectations, self.class_name)(**self.kwargs)


def _factory(class_name: str) -> Any:
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", class_name).lower()

    def make(**kwargs: Any) -> Expectation:
        return Expectation(snake, kwargs)

    make.__name__ = class_name
    return make


# The expectation types the suites use; pipelines/ingest/checks.py has the SQL of each.
ExpectColumnValuesToNotBeNull = _factory("ExpectColumnValuesToNotBeNull")
ExpectColumnValuesToBeInSet = _factory("ExpectColumnValuesToBeInSet")
ExpectColumnValuesToBeBetween = _factory("ExpectColumnValuesToBeBetween")
ExpectColumnValuesToBeUnique = _factory("ExpectColumnValuesToBeUnique")
ExpectCompoundColumnsToBeUnique = _factory("ExpectCompoundColumnsToBeUnique")
ExpectColumnPairValuesAToBeGreaterThanB = _factory("ExpectColumnPairValuesAToBeGreaterThanB")
