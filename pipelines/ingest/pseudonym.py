"""Keyed pseudonyms (HMAC-SHA256) for employee, manager and respondent numbers.

The key never enters the warehouse, nor RADAR_HOME: it comes from RADAR_PSEUDONYM_KEY, or
from a key file: RADAR_KEY_FILE, else ``pseudonym.key`` in the key directory
(pipelines/core/keys.py: RADAR_KEY_DIR, default ~/.config/integriteitsradar), created on
first use with permissions 0600. A key file readable by group or others is refused.

Earlier versions kept the key file in RADAR_HOME, beside the warehouse (and in every copy
of that folder). Such a file is moved, never regenerated, the first time the key is
needed: the same number keeps the same pseudonym. The same number always gets the same
pseudonym under the same key; without the key a pseudonym cannot be traced back.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

import pandas as pd

from pipelines.core import keys
from pipelines.core.texts import Message, MessageError
from pipelines.core.warehouse import radar_home

MIN_KEY_LENGTH = 16
KEY_NAME = "pseudonym.key"
WHAT = Message("keyfile.what.pseudonym", locale_file="errors")  # Dutch as str()


class PseudonymKeyError(MessageError, RuntimeError):
    """The pseudonym key is missing, too short, unreadable, readable by others, or two
    different key files exist (str(): Dutch; text(lang))."""


def _said(key: str, **values: object) -> Message:
    return Message(f"pseudonym.{key}", locale_file="errors", **values)


def key_file() -> Path:
    """RADAR_KEY_FILE, else pseudonym.key in the key directory."""
    configured = os.environ.get("RADAR_KEY_FILE")
    if configured:
        return Path(configured).expanduser()
    return keys.key_path(KEY_NAME)


def legacy_key_file() -> Path:
    """Where earlier versions kept the key: RADAR_HOME/pseudonym.key."""
    return radar_home() / KEY_NAME


def move_legacy_key() -> bool:
    """Move RADAR_HOME/pseudonym.key into the key directory (see keys.move_key), when the
    key file is the default one; True when something was moved or removed."""
    if os.environ.get("RADAR_KEY_FILE"):
        return False  # a key file was chosen explicitly: nothing is moved behind its back
    try:
        return keys.move_key(legacy_key_file(), key_file(), WHAT)
    except (keys.KeyFileError, OSError) as exc:
        raise PseudonymKeyError(getattr(exc, "message", str(exc))) from None


def load_key() -> bytes:
    """The HMAC key: from the environment, else the key file (created if there is none;
    an old one in RADAR_HOME is moved first)."""
    env = os.environ.get("RADAR_PSEUDONYM_KEY")
    if env is not None:
        if len(env) < MIN_KEY_LENGTH:
            raise PseudonymKeyError(_said("env_short", minimum=MIN_KEY_LENGTH))
        return env.encode("utf-8")
    move_legacy_key()
    path = key_file()
    try:
        raw = keys.read_or_create(path, WHAT)
    except keys.KeyFileError as exc:
        raise PseudonymKeyError(exc.message) from None
    try:
        key = raw.decode("ascii").strip()
    except UnicodeDecodeError:
        raise PseudonymKeyError(_said("not_ascii", path=path)) from None
    if len(key) < MIN_KEY_LENGTH:
        raise PseudonymKeyError(_said("too_short", path=path, minimum=MIN_KEY_LENGTH))
    return key.encode("ascii")


def pseudonym(value: str, key: bytes) -> str:
    return hmac.new(key, value.strip().encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def pseudonymise(values: pd.Series, key: bytes) -> pd.Series:
    """Replace every non-empty value by its pseudonym, hashing each distinct value once."""
    present = values.dropna()
    mapping = {v: pseudonym(str(v), key) for v in present.unique()}
    return values.map(mapping).astype(object).where(values.notna(), None)
