"""risks/meldingen.yaml as typed models: routes, positions, route rules, statuses,
outcomes, readers, deadlines and holidays. ``load_meldingen_catalogue`` refuses a broken
file with its line, entry and field, as pipelines/core/catalogue.py does for the rest."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, model_validator

from pipelines.core.catalogue import (
    CatalogueError,
    Strict,
    Text,
    catalogue_dir,
)
from pipelines.core.texts import Joined, Message
from pipelines.core.yaml_errors import (
    CatalogueRule,
    compose,
    error_message,
    problems,
    read_yaml,
)

FILE = "meldingen.yaml"
Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Coded(Strict):
    code: Code
    label: Text


class Route(Coded):
    always_valid: bool = False
    external: bool = False


class AboutRole(Coded):
    single_person: bool


class RouteRule(Strict):
    about_role: Code
    routes: Annotated[list[Code], Field(min_length=1)]
    quote: Annotated[str, Field(min_length=10)]
    source: Annotated[str, Field(min_length=5)]


class Status(Coded):
    closed: bool = False
    # The date fields a report in this status must have (risks/meldingen.yaml).
    requires: list[Literal["acknowledged_on", "feedback_on", "closed_on"]] = []


class Deadlines(Strict):
    acknowledge_days: Annotated[int, Field(ge=1, le=31)]
    feedback_months: Annotated[int, Field(ge=1, le=12)]
    source: Annotated[str, Field(min_length=5)]


class Holiday(Coded):
    """A fixed date (``month``, ``day``, optionally ``sunday_shift`` days when it falls on a
    Sunday) or ``easter_offset`` days after Easter Sunday; never both."""

    month: Annotated[int, Field(ge=1, le=12)] | None = None
    day: Annotated[int, Field(ge=1, le=31)] | None = None
    sunday_shift: Annotated[int, Field(ge=-6, le=6)] = 0
    easter_offset: Annotated[int, Field(ge=-60, le=60)] | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Holiday:
        fixed = self.month is not None and self.day is not None
        if fixed == (self.easter_offset is not None):
            raise CatalogueRule(error_message("check.holiday_kind"))
        if self.sunday_shift and not fixed:
            raise CatalogueRule(error_message("check.sunday_shift"))
        return self


class MeldingenCatalogue(Strict):
    routes: Annotated[list[Route], Field(min_length=1)]
    about_roles: Annotated[list[AboutRole], Field(min_length=1)]
    route_rules: list[RouteRule]
    statuses: Annotated[list[Status], Field(min_length=1)]
    outcomes: Annotated[list[Coded], Field(min_length=1)]
    readers: dict[str, Literal["all", "own"]]
    audit_readers: list[str]
    editors: list[str]
    deadlines: Deadlines
    holidays: list[Holiday]
    max_text: Annotated[int, Field(ge=100, le=100_000)]

    def route(self, code: str) -> Route:
        return next(r for r in self.routes if r.code == code)

    def rule_for(self, about_role: str) -> RouteRule | None:
        return next((r for r in self.route_rules if r.about_role == about_role), None)

    @property
    def closed_statuses(self) -> set[str]:
        return {s.code for s in self.statuses if s.closed}

    def status_requires(self, code: str) -> list[str]:
        """The date fields a report in status ``code`` must have (none for an unknown one)."""
        return next((list(s.requires) for s in self.statuses if s.code == code), [])

    @property
    def single_person_roles(self) -> set[str]:
        return {a.code for a in self.about_roles if a.single_person}


def _problems(cat: MeldingenCatalogue) -> list[tuple[str, str, Message]]:
    """(entry, field, message) for every reference to a code the file does not define."""
    found = []
    routes = {r.code for r in cat.routes}
    roles = {a.code for a in cat.about_roles}
    for kind, codes in (
        ("routes", [r.code for r in cat.routes]),
        ("about_roles", [a.code for a in cat.about_roles]),
        ("statuses", [s.code for s in cat.statuses]),
        ("outcomes", [o.code for o in cat.outcomes]),
        ("holidays", [h.code for h in cat.holidays]),
    ):
        for code in sorted({c for c in codes if codes.count(c) > 1}):
            found.append((code, "code", error_message("check.defined_twice", kind=kind)))
    seen: set[str] = set()
    for rule in cat.route_rules:
        if rule.about_role not in roles:
            found.append((rule.about_role, "about_role", error_message("check.not_about_role")))
        if rule.about_role in seen:
            found.append((rule.about_role, "about_role", error_message("check.two_route_rules")))
        seen.add(rule.about_role)
        for route in rule.routes:
            if route not in routes:
                message = error_message("check.not_a_route", route=route)
                found.append((rule.about_role, "routes", message))
    if len(cat.closed_statuses) != 1:
        found.append(("statuses", "closed", error_message("check.one_closed_status")))
    return found


def load_meldingen_catalogue(directory: Path | None = None) -> MeldingenCatalogue:
    """Read and check risks/meldingen.yaml; CatalogueError naming file, line and field."""
    path = Path(directory or catalogue_dir()) / FILE
    raw, text = read_yaml(path)
    if not isinstance(raw, dict):
        raise CatalogueError(
            error_message("catalogue.top_mapping", path=path, keys="routes:, about_roles:, ...")
        )
    try:
        cat = MeldingenCatalogue.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(problems(path, text, raw, exc.errors())) from None
    found = _problems(cat)
    if found:
        root = compose(text)
        lines = []
        for entry, field, message in found:
            line = _entry_line(root, entry)
            where = Joined(
                [
                    f"{path}:{line}" if line else str(path),
                    error_message("catalogue.entry", entry=entry),
                    error_message("catalogue.field", field=field),
                ],
                sep=", ",
            )
            lines.append(error_message("catalogue.problem", where=where, problem=message))
        raise CatalogueError(Joined(lines))
    return cat


def _entry_line(root, entry: str) -> int | None:  # noqa: ANN001 (a yaml node)
    """The line of the mapping whose code or about_role is ``entry``."""
    import yaml

    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value in ("code", "about_role") and getattr(v, "value", None) == entry:
                    return node.start_mark.line + 1
                stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


@cache
def default_catalogue() -> MeldingenCatalogue:
    """The meldingen catalogue in RADAR_CATALOGUE_DIR or risks/, read once."""
    return load_meldingen_catalogue()
