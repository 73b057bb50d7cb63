"""Keyed pseudonyms (HMAC-SHA256) for employee, manager and respondent numbers.

The key never enters the warehouse: it comes from RADAR_PSEUDONYM_KEY, or from a key file
(RADAR_KEY_FILE, default pseudonym.key in RADAR_HOME, beside and not inside the
warehouse), created on first use with permissions 0600. The same number always gets the
same pseudonym under the same key; without the key a pseudonym cannot be traced back.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

import pandas as pd

from pipelines.warehouse import radar_home

MIN_KEY_LENGTH = 16


class PseudonymKeyError(RuntimeError):
    """The pseudonym key is missing, too short or unreadable."""


def key_file() -> Path:
    return Path(os.environ.get("RADAR_KEY_FILE") or radar_home() / "pseudonym.key")


def load_key() -> bytes:
    """The HMAC key: from the environment, else the key file (created if there is none)."""
    env = os.environ.get("RADAR_PSEUDONYM_KEY")
    if env is not None:
        if len(env) < MIN_KEY_LENGTH:
            raise PseudonymKeyError(
                f"RADAR_PSEUDONYM_KEY is te kort: minstens {MIN_KEY_LENGTH} tekens"
            )
        return env.encode("utf-8")
    path = key_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process created it a moment ago
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32) + "\n")
    key = path.read_text("ascii").strip()
    if len(key) < MIN_KEY_LENGTH:
        raise PseudonymKeyError(f"{path}: de sleutel is te kort (minstens {MIN_KEY_LENGTH} tekens)")
    return key.encode("ascii")


def pseudonym(value: str, key: bytes) -> str:
    return hmac.new(key, value.strip().encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def pseudonymise(values: pd.Series, key: bytes) -> pd.Series:
    """Replace every non-empty value by its pseudonym, hashing each distinct value once."""
    present = values.dropna()
    mapping = {v: pseudonym(str(v), key) for v in present.unique()}
    return values.map(mapping).astype(object).where(values.notna(), None)
