"""A key file of the radar is never read as an export (helper-269 F11: a link named
key.csv in an ingest folder, pointing at the audit key, was read as a CSV of an unknown
dataset, and the key's text was quoted as its columns). Given by path or found in a
folder, as the file itself or through a link, in the key folder or named by a variable:
refused unopened, and its text is nowhere in what the command prints."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from pipelines.cli.main import main
from pipelines.core import keys
from pipelines.ingest.readers import UnusableFile, read_table
from tests.test_ingest import home, org_home, write

__all__ = ["home", "org_home"]  # fixtures used here

SECRET = "31ba6b9e5f1c1ae2ec62ff4bd1d09c77c9a2f5b62a4a"  # a key's text, one line


def key_in(folder: Path, name: str = "audit.key") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(SECRET + "\n")
    return path


def test_a_link_in_a_folder_to_a_key_is_refused_and_its_text_never_printed(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    key = key_in(tmp_path / "keys")
    folder = tmp_path / "in"
    write(folder / "vehicle_use.csv", "employee_key;year;private_km\nE1;2025;12\n")
    (folder / "key.csv").symlink_to(key)
    assert main(["ingest", str(folder)]) == 1
    said = capsys.readouterr()
    printed = said.out + said.err
    assert "key.csv: een sleutelbestand van de radar" in printed, printed
    assert SECRET[:8] not in printed and SECRET[-8:] not in printed
    assert "vehicle_use: 1 rijen, 1 geladen" in printed  # the rest of the run goes on


@pytest.mark.parametrize("how", ["mapping", "hard link"])
def test_a_mapping_or_a_hard_link_that_is_a_key_is_refused_and_its_text_never_printed(
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    how: str,
) -> None:
    """helper-271 F1-1: a column mapping linked to a key printed the whole key as its
    line 1; F1-2: a hard link to a key is the key under another name (compared by the
    file itself, its device and inode)."""
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    key = key_in(tmp_path / "keys")
    folder = tmp_path / "in"
    write(folder / "vehicle_use.csv", "employee_key;year;private_km\nE1;2025;12\n")
    if how == "mapping":
        (folder / "vehicle_use.mapping.yaml").symlink_to(key)
    else:
        os.link(key, folder / "key.csv")
    code = main(["ingest", str(folder)])
    said = capsys.readouterr()
    printed = said.out + said.err
    assert code != 0
    assert "een sleutelbestand van de radar (in de sleutelmap " + str(tmp_path / "keys") in printed
    assert SECRET[:8] not in printed and SECRET[-8:] not in printed, printed


def test_withdraw_by_a_keys_path_never_opens_it(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-271 F1-4: radar withdraw read a key's bytes to look for a load of them."""
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    key = key_in(tmp_path / "keys")
    opened: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: opened.append(str(self)) or real(self))
    main(["withdraw", str(key), "--by", "tester"])
    assert str(key) not in opened


@pytest.mark.parametrize(
    ("command", "name"),
    [(["findings", "import"], "bevindingen.csv"), (["findings", "import"], "audits.xlsx"),
     (["register", "import"], "register.xlsx")],
)  # fmt: skip
def test_the_register_and_findings_imports_never_read_a_key(
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    name: str,
) -> None:
    """helper-272 F2: radar findings import of a link to the audit key printed the whole
    key as unknown columns of its header."""
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    key = key_in(tmp_path / "keys")
    (tmp_path / name).symlink_to(key)
    code = main([*command, str(tmp_path / name), "--by", "tester"])
    said = capsys.readouterr()
    printed = said.out + said.err
    assert code != 0
    assert "een sleutelbestand van de radar" in printed, printed
    assert SECRET[:8] not in printed and SECRET[-8:] not in printed, printed


def test_the_pseudonym_key_where_earlier_versions_kept_it_is_never_read(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-271 F1-3: RADAR_HOME/pseudonym.key stays there where RADAR_PSEUDONYM_KEY is
    set; a link to it was read, its text quoted."""
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    key = key_in(tmp_path / "home", "pseudonym.key")
    (tmp_path / "p.csv").symlink_to(key)
    with pytest.raises(UnusableFile, match="een sleutelbestand van de radar"):
        read_table(tmp_path / "p.csv")


@pytest.mark.parametrize("variable", keys.KEY_FILE_ENVS)
def test_a_key_file_a_variable_names_outside_the_key_folder_is_never_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    key = key_in(tmp_path / "elders", "sleutel.csv")
    monkeypatch.setenv(variable, str(key))
    with pytest.raises(UnusableFile, match="een sleutelbestand van de radar") as caught:
        read_table(key)
    assert SECRET[:8] not in str(caught.value)
    monkeypatch.delenv(variable)
    table, _ = read_table(key)  # not a key once no variable names it: read as a CSV
    assert table.header == [SECRET]


def test_a_file_in_a_folder_below_the_key_folder_is_refused_and_beside_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    with pytest.raises(UnusableFile, match="een sleutelbestand"):
        read_table(key_in(tmp_path / "keys" / "oud", "pseudonym.csv"))
    # a folder whose name begins as the key folder's is another folder
    table, _ = read_table(key_in(tmp_path / "keys-export", "pseudonym.csv"))
    assert table.header == [SECRET]


def test_every_variable_that_names_a_key_file_is_guarded() -> None:
    """A key file variable in the code and not in KEY_FILE_ENVS would be read."""
    repo = Path(__file__).resolve().parent.parent
    named = {
        name
        for path in (repo / "pipelines").rglob("*.py")
        for name in re.findall(r"[\"'](RADAR_[A-Z_]*KEY_FILE)[\"']", path.read_text("utf-8"))
    }
    assert named == set(keys.KEY_FILE_ENVS)
