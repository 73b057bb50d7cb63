"""Keys outside the data folder: the key directory, private key files, the pseudonym key
moved (never regenerated) out of RADAR_HOME, and private files at rest."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pandas as pd
import pytest

from pipelines.core import keys
from pipelines.core.warehouse import rebuilding
from pipelines.ingest import pseudonym
from pipelines.ingest.pseudonym import PseudonymKeyError, load_key, pseudonymise

EMPLOYEES = pd.Series(["100234", "100235", None, "100234"])


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty RADAR_HOME and a key directory of this test's own, no key in the env."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("RADAR_HOME", str(home))
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.delenv("RADAR_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("RADAR_KEY_FILE", raising=False)
    return home


def legacy_key(home: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """A key file where earlier versions made it (RADAR_HOME/pseudonym.key): made the way
    they made it, by pointing the key file there."""
    monkeypatch.setenv("RADAR_KEY_FILE", str(home / "pseudonym.key"))
    key = load_key()
    monkeypatch.delenv("RADAR_KEY_FILE")
    assert (home / "pseudonym.key").exists()
    return key


# ---------------------------------------------------------------- where the keys live


def test_the_key_dir_is_the_users_config_folder_unless_RADAR_KEY_DIR_says_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "mine"))
    assert keys.key_dir() == tmp_path / "mine"
    monkeypatch.delenv("RADAR_KEY_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert keys.key_dir() == tmp_path / "xdg" / "integriteitsradar"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert keys.key_dir() == tmp_path / "user" / ".config" / "integriteitsradar"


def test_a_new_pseudonym_key_is_made_private_in_the_key_dir_not_in_RADAR_HOME(
    home: Path, tmp_path: Path
) -> None:
    key = load_key()
    made = tmp_path / "keys" / "pseudonym.key"
    assert pseudonym.key_file() == made
    assert made.read_bytes().strip() == key
    assert mode(made) == 0o600
    assert mode(made.parent) == 0o700
    assert list(home.iterdir()) == []
    assert load_key() == key  # used again, never replaced


def test_RADAR_KEY_FILE_and_RADAR_PSEUDONYM_KEY_still_win(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_KEY_FILE", str(tmp_path / "elsewhere" / "my.key"))
    from_file = load_key()
    assert (tmp_path / "elsewhere" / "my.key").exists()
    monkeypatch.setenv("RADAR_PSEUDONYM_KEY", "a-test-key-of-enough-length")
    assert load_key() == b"a-test-key-of-enough-length" != from_file
    assert not (tmp_path / "keys" / "pseudonym.key").exists()


def test_a_key_file_readable_by_others_is_refused_with_the_fix(home: Path, tmp_path: Path) -> None:
    load_key()
    made = tmp_path / "keys" / "pseudonym.key"
    made.chmod(0o644)
    with pytest.raises(PseudonymKeyError, match=f"chmod 600 {made}"):
        load_key()
    made.chmod(0o640)
    with pytest.raises(PseudonymKeyError, match="groep of anderen"):
        load_key()
    made.chmod(0o600)
    load_key()


# ---------------------------------------------------------------- moving the old key


def test_the_old_key_in_RADAR_HOME_is_moved_and_every_pseudonym_stays_the_same(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    old = legacy_key(home, monkeypatch)
    before = pseudonymise(EMPLOYEES, old)
    with caplog.at_level(logging.WARNING, logger="radar.keys"):
        moved = load_key()
    after = pseudonymise(EMPLOYEES, moved)
    assert list(after) == list(before)
    new = tmp_path / "keys" / "pseudonym.key"
    assert not (home / "pseudonym.key").exists()
    assert new.read_bytes().strip() == old
    assert mode(new) == 0o600
    assert f"Pseudonimiseringssleutel verplaatst van {home / 'pseudonym.key'} naar {new}" in (
        caplog.text
    )
    assert [p.name for p in new.parent.iterdir()] == ["pseudonym.key"]  # no temporary left


def test_two_different_keys_are_refused_and_neither_is_touched(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    legacy_key(home, monkeypatch)
    new = tmp_path / "keys" / "pseudonym.key"
    new.parent.mkdir(mode=0o700)
    new.write_text("another-key-of-its-own-0123456789\n")
    new.chmod(0o600)
    old_bytes, new_bytes = (home / "pseudonym.key").read_bytes(), new.read_bytes()
    with pytest.raises(PseudonymKeyError, match="twee verschillende sleutels") as refused:
        load_key()
    assert str(home / "pseudonym.key") in str(refused.value)
    assert str(new) in str(refused.value)
    assert (home / "pseudonym.key").read_bytes() == old_bytes
    assert new.read_bytes() == new_bytes


class Crash(BaseException):
    """The process dies here."""


def test_a_crash_before_the_new_key_exists_leaves_the_old_one(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = legacy_key(home, monkeypatch)

    def crash(*args: object) -> None:
        raise Crash

    with monkeypatch.context() as patch:
        patch.setattr(keys.os, "link", crash)
        with pytest.raises(Crash):
            load_key()
    assert (home / "pseudonym.key").read_bytes().strip() == old
    assert not (tmp_path / "keys" / "pseudonym.key").exists()
    assert load_key() == old
    assert not (home / "pseudonym.key").exists()


def test_a_crash_after_the_copy_leaves_two_equal_keys_and_the_next_load_finishes_the_move(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = legacy_key(home, monkeypatch)
    real = keys.write_new

    def copy_then_crash(path: Path, data: bytes) -> bool:
        real(path, data)
        raise Crash

    with monkeypatch.context() as patch:
        patch.setattr(keys, "write_new", copy_then_crash)
        with pytest.raises(Crash):
            load_key()
    new = tmp_path / "keys" / "pseudonym.key"
    assert (home / "pseudonym.key").read_bytes() == new.read_bytes()
    assert load_key() == old
    assert not (home / "pseudonym.key").exists()
    assert new.read_bytes().strip() == old


def test_an_explicit_key_file_or_key_moves_nothing(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    legacy_key(home, monkeypatch)
    monkeypatch.setenv("RADAR_PSEUDONYM_KEY", "a-test-key-of-enough-length")
    load_key()
    monkeypatch.delenv("RADAR_PSEUDONYM_KEY")
    monkeypatch.setenv("RADAR_KEY_FILE", str(home / "pseudonym.key"))
    load_key()
    assert (home / "pseudonym.key").exists()
    assert not (tmp_path / "keys" / "pseudonym.key").exists()


def test_a_key_dir_that_is_RADAR_HOME_itself_never_deletes_the_key(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = legacy_key(home, monkeypatch)
    monkeypatch.setenv("RADAR_KEY_DIR", str(home))
    assert load_key() == old
    assert (home / "pseudonym.key").exists()


# ---------------------------------------------------------------- files at rest


def test_private_umask_makes_new_files_0600_and_folders_0700(tmp_path: Path) -> None:
    previous = keys.private_umask()
    try:
        (tmp_path / "data.txt").write_text("x")
        (tmp_path / "folder").mkdir()
    finally:
        os.umask(previous)
    assert mode(tmp_path / "data.txt") == 0o600
    assert mode(tmp_path / "folder") == 0o700


@pytest.mark.parametrize("existing", [False, True], ids=["new", "rebuilt"])
def test_the_warehouse_swap_publishes_a_private_file_whatever_the_umask(
    tmp_path: Path, existing: bool
) -> None:
    path = tmp_path / "warehouse.duckdb"
    previous = os.umask(0o022)
    try:
        if existing:
            with rebuilding(path) as con:
                con.execute("create table t as select 1 as x")
            path.chmod(0o644)
        with rebuilding(path) as con:
            con.execute("create or replace table t as select 2 as x")
    finally:
        os.umask(previous)
    assert mode(path) == 0o600
    assert mode(tmp_path / "warehouse.duckdb.lock") == 0o600
