"""A line break in a file's name is printed as its code: it printed a line of its own,
which could pass for the radar's (helper-269 F10: 'vehicle_use\\nGEWEIGERD nep.csv'
printed 'GEWEIGERD nep.csv -> ...' as a line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.cli.main import main
from tests.test_ingest import home, org_home, write

__all__ = ["home", "org_home"]  # fixtures used here


@pytest.mark.parametrize("brk", ["\n", "\r"])
def test_a_line_break_in_a_files_name_is_printed_as_its_code(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], brk: str
) -> None:
    folder = tmp_path / "in"
    write(
        folder / f"vehicle_use{brk}GEWEIGERD nep.csv", "employee_key;year;private_km\nE1;2025;12\n"
    )
    assert main(["ingest", str(folder)]) == 0
    out = capsys.readouterr().out
    assert not [line for line in out.splitlines() if line.startswith("GEWEIGERD")], out
    assert f"vehicle_use\\x{ord(brk):02x}GEWEIGERD nep.csv -> vehicle_use" in out, out
