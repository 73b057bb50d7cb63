"""A column without a name in the header that holds values makes the file unusable
(often a decimal comma in a comma-separated file: 1200,50 read as 1200 and a nameless
50); one that is empty on every line (a delimiter at each line's end) is no data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import query, run, write


def test_a_nameless_column_with_a_value_refuses_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = write(
        tmp_path / "vehicle_use.csv",
        "employee_key,year,private_km,\ne1,2025,300,\ne2,2025,1200,50\n",
    )
    (result,) = run(home, path)
    said = str(result.error)
    assert "kolom 4 heeft geen naam in de kop, maar regel 3 heeft daar een waarde" in said
    assert "scheidingsteken nu: ," in said
    assert query(home, "select count(*) from raw_vehicle_use") == [(0,)]


def test_a_nameless_column_empty_everywhere_is_no_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = write(tmp_path / "vehicle_use.csv", "employee_key;year;private_km;\ne1;2025;300,5;\n")
    (result,) = run(home, path)
    assert result.error is None
    assert query(home, "select private_km, notes from raw_vehicle_use, ingest_log") == [
        (300.5, None)
    ]
