"""Roles as data: risks/roles.yaml says per role which pages it sees and which actions it
may take, plus the session settings (time-out, lock-out, throttles).

``load_roles`` refuses a broken file with its line and field, like the rest of the catalogue;
a role's pages are checked against the dashboard's page list (``page_list.PAGE_FILES``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import Field, ValidationError, ValidationInfo, field_validator

from pipelines.access.page_list import PAGE_FILES
from pipelines.core.catalogue import (
    CatalogueError,
    Strict,
    Text,
    catalogue_dir,
)
from pipelines.core.yaml_errors import CatalogueRule, error_message, problems, read_yaml

ROLES_FILE = "roles.yaml"
Action = Literal[
    "edit_register",
    "rescore",
    "take_snapshot",
    "upload_data",
    "see_person_level",
    "manage_users",
    "keep_meldingen",
    "register_melding",
]
ACTIONS: tuple[str, ...] = get_args(Action)


class RolesError(CatalogueError):
    """risks/roles.yaml or the OIDC role mapping cannot be used; the message says where."""


class SessionSettings(Strict):
    """``session:`` of risks/roles.yaml; the README's table says what each one does."""

    timeout_minutes: Annotated[int, Field(ge=1, le=24 * 60)]
    lockout_failures: Annotated[int, Field(ge=1, le=100)]
    lockout_minutes: Annotated[int, Field(ge=1, le=24 * 60)]
    lockout_max_minutes: Annotated[int, Field(ge=1, le=7 * 24 * 60)] = 60
    lockout_grace_minutes: Annotated[int, Field(ge=1, le=24 * 60)] = 5
    parallel_checks: Annotated[int, Field(ge=1, le=64)] = 4
    client_failures_per_minute: Annotated[int, Field(ge=1, le=10_000)] = 10
    failures_per_minute: Annotated[int, Field(ge=1, le=100_000)] = 60

    @field_validator("lockout_max_minutes")
    @classmethod
    def _max_not_below_first(cls, value: int, info: ValidationInfo) -> int:
        first = info.data.get("lockout_minutes")
        if first is not None and value < first:
            raise CatalogueRule(error_message("check.lockout_max", first=first))
        return value


class OidcSettings(Strict):
    role_claim: Annotated[str, Field(min_length=1)] = "roles"
    provider: str | None = None


class Role(Strict):
    name: Text
    pages: Annotated[list[str], Field(min_length=1)]
    actions: list[Action] = []

    @field_validator("pages")
    @classmethod
    def _known_pages(cls, pages: list[str]) -> list[str]:
        unknown = [p for p in pages if p not in PAGE_FILES]
        if unknown:
            message = error_message("check.unknown_pages", unknown=unknown, pages=PAGE_FILES)
            raise CatalogueRule(message)
        if len(set(pages)) != len(pages):
            raise CatalogueRule(error_message("check.page_twice"))
        return pages


class Roles(Strict):
    session: SessionSettings
    oidc: OidcSettings = OidcSettings()
    roles: Annotated[
        dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")], Role], Field(min_length=1)
    ]

    def can(self, role: str | None, action: str) -> bool:
        """Whether ``role`` may take ``action``; no role or an unknown one may do nothing."""
        return role in self.roles and action in self.roles[role].actions

    def roles_that_can(self, action: str) -> list[str]:
        return [r for r, spec in self.roles.items() if action in spec.actions]


def roles_path(directory: Path | None = None) -> Path:
    return Path(directory or catalogue_dir()) / ROLES_FILE


def load_roles(directory: Path | None = None) -> Roles:
    """Read and check risks/roles.yaml; raise RolesError naming the line and field."""
    path = roles_path(directory)
    try:
        data, text = read_yaml(path)
    except CatalogueError as exc:
        raise RolesError(exc.message) from None
    if data is None:
        raise RolesError(error_message("catalogue.empty", path=path))
    try:
        return Roles.model_validate(data)
    except ValidationError as exc:
        raise RolesError(problems(path, text, data, exc.errors())) from None
