"""Who may have an empty manager_key: the board, by job title (risks/settings.yaml
no_manager_titles), as whole-title patterns read into one regular expression, which
employees' _manager_ok rule (pipelines/ingest/quality/employees.py) runs in SQL and in
Great Expectations alike."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pipelines.core.yaml_errors import CatalogueRule, error_message

__all__ = ["NoManagerTitles", "title_regex"]


class NoManagerTitles(BaseModel):
    """Whose empty manager_key is no gap: the board, by job title (employees' _manager_ok,
    pipelines/ingest/quality/employees.py). Each of `titles` is a whole title as a title is
    read (lower case, no accents, dots dropped, other punctuation a space): words, where
    `(a|b)` is one of a and b and `[a]` may be left out. A title passes when it is one of
    them from its first word to its last, so the role is the title's head: `lid rvb` is a
    board member, `controller rvb` and `chauffeur bestuurder` are not."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    titles: list[Annotated[str, Field(pattern=r"^[a-z0-9 ()\[\]|]+$")]]

    @model_validator(mode="after")
    def _patterns(self) -> NoManagerTitles:
        for title in self.titles:
            title_regex(title)
        return self

    def regex(self) -> str:
        """One regular expression (RE2 as Python's) for all titles, over the read title
        with one space after each word (no titles: the empty string)."""
        return "|".join(f"(?:{title_regex(t)})" for t in self.titles)


def title_regex(title: str) -> str:
    """A no_manager_titles pattern as a regular expression over a read title whose every
    word ends in one space: `[vice] voorzitter` is `(?:vice )?voorzitter `."""
    out, open_ = [], []
    for token in re.findall(r"[a-z0-9]+|\S", title):
        if token in "([":
            open_.append(token)
            out.append("(?:")
        elif token in ")]":
            if not open_ or open_.pop() != "(["[")]".index(token)]:
                raise CatalogueRule(error_message("check.title_pattern", title=repr(title)))
            out.append(")" if token == ")" else ")?")
        elif token == "|":
            if not open_:
                raise CatalogueRule(error_message("check.title_pattern", title=repr(title)))
            out.append("|")
        else:
            out.append(token + " ")
    if open_ or not re.search(r"[a-z0-9]", title):
        raise CatalogueRule(error_message("check.title_pattern", title=repr(title)))
    return "".join(out)
