"""Uploads the ingest refused (pipelines/ingest/uploads.py): set aside out of raw/, listed with
why, deleted or put back; never retried by a build on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.loader import FileResult
from pipelines.ingest.uploads import (
    MB,
    REFUSED,
    UNUSABLE,
    UploadRefused,
    delete_refused,
    refused_dir,
    refused_uploads,
    retry_refused,
    save_upload,
    set_aside,
    uploads_dir,
)


def refused_result(path: Path) -> FileResult:
    return FileResult(path, dataset="gifts", rows_in=10, rows_quarantined=8, failed=True)


def test_only_refused_uploads_are_set_aside(empty_home: Path) -> None:
    refused = save_upload("slecht.csv", b"x")
    unusable = save_upload("onleesbaar.csv", b"y")
    loaded = save_upload("goed.csv", b"z")
    admin = empty_home / "raw" / "demo" / "gifts.csv"  # the administrator's, not an upload
    admin.parent.mkdir(parents=True)
    admin.write_bytes(b"w")
    moved = set_aside(
        [
            refused_result(refused),
            FileResult(unusable, error=f"{unusable}: het bestand is leeg"),
            FileResult(loaded, dataset="gifts", rows_in=1, rows_loaded=1),
            FileResult(admin, error=f"{admin}: het bestand is leeg"),
        ]
    )
    assert sorted((m.name, m.status) for m in moved) == [
        ("onleesbaar.csv", UNUSABLE),
        ("slecht.csv", REFUSED),
    ]
    assert sorted(p.name for p in uploads_dir().iterdir()) == ["goed.csv"]
    assert admin.exists()
    listed = {e.name: e for e in refused_uploads()}
    assert listed["onleesbaar.csv"].message == "het bestand is leeg"  # without the path
    assert (listed["slecht.csv"].rows_in, listed["slecht.csv"].rows_quarantined) == (10, 8)
    assert listed["slecht.csv"].path.read_bytes() == b"x"
    assert not refused_dir().is_relative_to(empty_home / "raw")


def test_delete_and_retry(empty_home: Path) -> None:
    first = save_upload("a.csv", b"1")
    second = save_upload("b.csv", b"2")
    set_aside([refused_result(first), refused_result(second)])
    by_name = {e.name: e.id for e in refused_uploads()}
    assert delete_refused(by_name["a.csv"], "test") == "a.csv"
    assert retry_refused(by_name["b.csv"], "test") == uploads_dir() / "b.csv"
    assert (uploads_dir() / "b.csv").read_bytes() == b"2"
    assert refused_uploads() == []
    with pytest.raises(KeyError):
        delete_refused(by_name["a.csv"])
    with pytest.raises(KeyError):
        delete_refused("../../raw")  # only an id from the listing is ever touched


def test_retry_never_overwrites_a_new_upload_of_the_same_name(empty_home: Path) -> None:
    old = save_upload("c.csv", b"oud")
    set_aside([refused_result(old)])
    save_upload("c.csv", b"nieuw")
    [entry] = refused_uploads()
    with pytest.raises(UploadRefused) as refused:
        retry_refused(entry.id)
    assert refused.value.code == "exists"
    assert (uploads_dir() / "c.csv").read_bytes() == b"nieuw"
    assert refused_uploads() == [entry]  # still there, to delete


def test_files_set_aside_count_against_the_folder_quota(empty_home: Path) -> None:
    from pipelines.ingest.uploads import upload_settings

    limits = upload_settings().model_copy(update={"folder_quota_mb": 1})
    big = save_upload("groot.csv", bytes(MB // 2 + 1), limits)
    set_aside([refused_result(big)])
    with pytest.raises(UploadRefused) as refused:
        save_upload("nog een.csv", bytes(MB // 2), limits)
    assert refused.value.code == "quota"


def test_a_build_from_the_command_line_sets_a_refused_upload_aside_too(empty_home: Path) -> None:
    """`radar build` (not only the page's Inlezen): an upload it cannot use is moved out
    of raw/uploads once, with why, so the next build does not refuse it again."""
    from pipelines.build.builder import build

    save_upload("leeg.csv", b"")
    first = build()
    assert [f.error for f in first.files if f.path.name == "leeg.csv"]
    assert not any(uploads_dir().iterdir())
    [entry] = refused_uploads()
    assert entry.name == "leeg.csv" and entry.status == UNUSABLE
    second = build()
    assert not [f for f in second.files if f.path.name == "leeg.csv"]
    assert [e.name for e in refused_uploads()] == ["leeg.csv"]
