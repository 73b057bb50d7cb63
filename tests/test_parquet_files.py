"""A Parquet file that cannot be read says why in Dutch, with the way out: cut off (a
truncated download: it begins with Parquet's mark PAR1 and lacks the one that ends it),
no Parquet at all under that name, or damaged inside (the reader's own words are added).
Before, each gave pyarrow's English error (helper-103)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipelines.ingest.readers import UnusableFile, read_table


@pytest.fixture
def whole(tmp_path: Path) -> bytes:
    frame = pd.DataFrame({"employee_key": ["e1", "e2", "e3"], "fte": [0.8, 1.0, 0.5]})
    frame.to_parquet(tmp_path / "whole.parquet")
    return (tmp_path / "whole.parquet").read_bytes()


def refusal(path: Path) -> str:
    with pytest.raises(UnusableFile) as caught:
        read_table(path)
    return str(caught.value)


def test_a_whole_file_reads(tmp_path: Path, whole: bytes) -> None:
    table, _ = read_table(tmp_path / "whole.parquet")
    assert table.header == ["employee_key", "fte"]
    assert [row[0] for row in table.rows] == ["e1", "e2", "e3"]


@pytest.mark.parametrize("kept", [0.5, -1])
def test_a_file_cut_off_says_so(tmp_path: Path, whole: bytes, kept: float) -> None:
    """Cut in half, and short of its last byte only (the end mark one byte short)."""
    cut = tmp_path / "hr.parquet"
    cut.write_bytes(whole[: int(len(whole) * kept)] if kept > 0 else whole[:kept])
    said = refusal(cut)
    assert said.startswith(f"{cut}: Parquet-bestand afgebroken")
    assert "Download of kopieer het bestand opnieuw" in said
    assert "magic" not in said


def test_another_file_under_a_parquet_name_says_so(tmp_path: Path) -> None:
    path = tmp_path / "hr.parquet"
    path.write_text("employee_key;fte\ne1;0,8\n", encoding="utf-8")
    said = refusal(path)
    assert said.startswith(f"{path}: geen Parquet-bestand (het begint niet met het kenmerk PAR1)")


def test_a_file_damaged_inside_is_named_in_dutch(tmp_path: Path, whole: bytes) -> None:
    """Both marks in place, the footer's length overwritten: what the reader says is
    added, the sentence around it is Dutch."""
    damaged = bytearray(whole)
    damaged[-8:-4] = b"\xff\xff\xff\x7f"
    path = tmp_path / "hr.parquet"
    path.write_bytes(bytes(damaged))
    said = refusal(path)
    assert said.startswith(f"{path}: Parquet-bestand beschadigd, niet te lezen; niets ingelezen")
