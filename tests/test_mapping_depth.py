"""A column mapping nested hundreds of levels deep (lists in lists) is refused with a
Dutch message naming the file, at ingest and at upload (helper-269 F7: PyYAML's
RecursionError reached the user as a traceback, and the upload page as an exception)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.mapping import load_mapping
from pipelines.ingest.readers import UnusableFile
from pipelines.ingest.uploads import UploadRefused, save_upload

SAID = "kolomkoppeling te diep genest"


def deep(levels: int) -> str:
    return (
        "dataset: vehicle_use\nfiles: [x.csv]\nvalues: {year: "
        + "[" * levels
        + "]" * levels
        + "}\n"
    )


def test_a_mapping_nested_too_deep_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "lease.mapping.yaml"
    path.write_text(deep(2000), "utf-8")
    with pytest.raises(UnusableFile) as caught:
        load_mapping(path)
    assert str(caught.value).startswith(f"{path}: {SAID}"), caught.value


def test_a_mapping_a_few_levels_deep_is_judged_by_its_shape(tmp_path: Path) -> None:
    path = tmp_path / "lease.mapping.yaml"
    path.write_text(deep(20), "utf-8")
    with pytest.raises(UnusableFile) as caught:
        load_mapping(path)
    assert SAID not in str(caught.value)


def test_an_upload_of_such_a_mapping_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    with pytest.raises(UploadRefused) as caught:
        save_upload("lease.mapping.yaml", deep(2000).encode("utf-8"))
    assert SAID in str(caught.value), caught.value
    assert not list((tmp_path / "home").rglob("lease.mapping.yaml"))
