"""What is no file is never opened: a pipe waited for a writer and /dev/zero was read for
ever (helper-269 F11), given by path or found in a folder, where it is named among the
files left out. And a file without its header names its first row as its columns, with
a personnel number there masked (helper-269 F9: 'de kolommen (100016, 2025, 0,5)')."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipelines.cli.main import main
from pipelines.ingest.readers import UnusableFile, read_table
from tests.test_ingest import home, org_home, write

__all__ = ["home", "org_home"]  # fixtures used here


def test_a_device_is_refused_unopened() -> None:
    """/dev/null: read, it would be an empty file (a pipe or /dev/zero would not return;
    they take the same way, is_file)."""
    with pytest.raises(UnusableFile, match="geen bestand maar een apparaat, pijp of socket"):
        read_table(Path("/dev/null"))


def test_a_pipe_in_a_folder_is_named_among_the_files_left_out(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    write(folder / "vehicle_use.csv", "employee_key;year;private_km\nE1;2025;12\n")
    os.mkfifo(folder / "leeg.csv")
    assert main(["ingest", str(folder)]) == 0
    said = capsys.readouterr()
    assert "leeg.csv" in said.err + said.out, said


def test_a_file_without_its_header_shows_no_personnel_number(tmp_path: Path) -> None:
    from pipelines.ingest.recognise import recognise

    path = write(tmp_path / "lease.csv", "100016;2025;0,5\n100017;2025;1,5\n")
    table, _ = read_table(path)
    with pytest.raises(UnusableFile) as caught:
        recognise(table, None)
    assert "de kolommen (######, 2025, 0,5)" in str(caught.value), caught.value
