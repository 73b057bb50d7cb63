"""Streamlit's own texts where the UI is Dutch: the filters' placeholder is ours, and the
file uploaders (whose box Streamlit writes in English only: README, "Streamlit-teksten
die Engels blijven") have a line beside them that says the same in the page's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.apphelpers import run_app

HINTS = {
    ("data_quality.py", "nl"): (
        "Sleep bestanden naar het vak hierboven of klik daar op **Upload** om ze te kiezen: "
        "CSV, TXT, TSV, XLSX, PARQUET, YAML, ten hoogste 50 MB per bestand."
    ),
    ("data_quality.py", "en"): (
        "Drag files onto the box above or click **Upload** there to choose them: CSV, TXT, "
        "TSV, XLSX, PARQUET, YAML, at most 50 MB per file."
    ),
    ("register.py", "nl"): (
        "Sleep het bestand naar het vak hierboven of klik daar op **Upload** om het te "
        "kiezen: XLSX, ten hoogste 50 MB."
    ),
    ("register.py", "en"): (
        "Drag the file onto the box above or click **Upload** there to choose it: XLSX, at "
        "most 50 MB."
    ),
}


@pytest.mark.parametrize(("page", "lang"), sorted(HINTS))
def test_every_file_uploader_is_explained_in_the_page_language(
    radar_home: Path, page: str, lang: str
) -> None:
    at = run_app(page, lang=lang)
    assert not at.exception
    assert len(at.file_uploader) == 1
    assert HINTS[page, lang] in [c.value for c in at.caption]
