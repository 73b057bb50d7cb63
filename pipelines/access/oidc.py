"""OpenID Connect (``RADAR_AUTH=oidc``): the identity provider checks the password; the radar
gives the role.

``oidc_role`` takes the role from a claim of the ID token or from the mapping file
``RADAR_HOME/oidc_roles.yaml``; no role, or several, is refused.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from pipelines.access.roles import Roles, RolesError
from pipelines.access.users import normalise
from pipelines.core.texts import MessageError
from pipelines.core.warehouse import radar_home
from pipelines.core.yaml_errors import error_message

AUTH_MODES = ("password", "oidc")


def oidc_roles_path() -> Path:
    return radar_home() / "oidc_roles.yaml"


def auth_mode() -> str:
    """RADAR_AUTH: ``password`` (the users file; the default) or ``oidc`` (st.login)."""
    mode = (os.environ.get("RADAR_AUTH") or "password").strip().lower()
    if mode not in AUTH_MODES:
        raise AuthModeError(
            error_message("auth.unknown_mode", mode=mode, modes=", ".join(AUTH_MODES))
        )
    return mode


class AuthModeError(MessageError, ValueError):
    """RADAR_AUTH names no known mode (str(): Dutch; text(lang))."""


class RoleRefused(ValueError):
    """An OIDC user the radar gives no role: ``reason`` is no_role or several_roles."""

    def __init__(self, reason: str, identity: str, found: list[str] | None = None) -> None:
        super().__init__(f"{identity}: {reason} {found or ''}".strip())
        self.reason, self.identity, self.found = reason, identity, found or []


def load_oidc_mapping(roles: Roles, path: Path | None = None) -> dict[str, str]:
    """RADAR_HOME/oidc_roles.yaml, e-mail address -> role; empty when there is none."""
    path = path or oidc_roles_path()
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise RolesError(error_message("oidc.not_yaml", path=path, detail=exc)) from None
    if not isinstance(data, dict):
        raise RolesError(error_message("oidc.not_mapping", path=path))
    mapping = {}
    for email, role in data.items():
        if role not in roles.roles:
            raise RolesError(
                error_message(
                    "oidc.unknown_role",
                    path=path,
                    email=email,
                    role=role,
                    roles=", ".join(roles.roles),
                )
            )
        mapping[normalise(str(email))] = str(role)
    return mapping


def oidc_identity(claims: Mapping[str, Any]) -> str:
    """Who the ID token says this is: e-mail, else preferred_username (Entra ID), else sub."""
    for claim in ("email", "preferred_username", "upn", "sub"):
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return normalise(value)
    return ""


def oidc_role(claims: Mapping[str, Any], *, roles: Roles, mapping: Mapping[str, str]) -> str:
    """The role of an OIDC user: the mapping file first, else the role claim.

    The claim (``oidc.role_claim``, default ``roles``: Entra ID's app roles) may hold one
    value or a list; exactly one of its values must be a role of roles.yaml. No role, or
    several, is refused: access is given on purpose, never by accident.
    """
    identity = oidc_identity(claims)
    if identity and identity in mapping:
        return mapping[identity]
    value = claims.get(roles.oidc.role_claim)
    values = [value] if isinstance(value, str) else list(value or [])
    found = list(dict.fromkeys(str(v).strip() for v in values if str(v).strip() in roles.roles))
    if len(found) == 1:
        return found[0]
    raise RoleRefused("several_roles" if found else "no_role", identity, found)
