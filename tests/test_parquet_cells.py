"""A Parquet file's rows x columns, from its footer, against uploads.parquet_max_cells
before anything is read (helper-269 F2: 75 kB of a few values repeated held 6 million
rows; read whole into Python, every build that found it ran out of memory)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.core.catalogue import load_catalogue
from pipelines.ingest.readers import UnusableFile, read_table


def parquet(path: Path, rows: int) -> Path:
    table = pa.table({"employee_key": pa.array(["E1"] * rows), "year": pa.array([2025] * rows)})
    pq.write_table(table, path, compression="zstd")
    return path


def test_the_default_limit_is_ten_million_cells() -> None:
    """As risks/settings.yaml says: the large demo's survey, 1,380,624 answers of five
    columns (6.9 million cells), fits; a few kB of millions of rows do not."""
    assert load_catalogue().settings.uploads.parquet_max_cells == 10_000_000 > 1_380_624 * 5


@pytest.mark.parametrize(("rows", "refused"), [(5_000, False), (5_001, True)])
def test_a_parquet_file_past_its_cells_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int, refused: bool
) -> None:
    limits = load_catalogue().settings.uploads.model_copy(update={"parquet_max_cells": 10_000})
    monkeypatch.setattr("pipelines.ingest.uploads.upload_settings", lambda: limits)
    path = parquet(tmp_path / "leaseauto.parquet", rows)
    if not refused:
        assert len(read_table(path)[0].rows) == rows
        return
    with pytest.raises(UnusableFile) as caught:
        read_table(path)
    assert str(caught.value) == (
        f"{path}: Parquet-bestand van 5.001 rijen x 2 kolommen, meer dan 10.000 cellen "
        "(uploads.parquet_max_cells in risks/settings.yaml); niets ingelezen. Exporteer het "
        "in delen, of als CSV"
    )
