"""A page's tables offer no download: Streamlit's own "Download as CSV" writes each cell
as it is, so a quarantined value or a register text such as '=HYPERLINK(...)' would be a
live formula in the file (helper-269 F8; the radar's own exports neutralise every cell,
pipelines/core/exports.py). client.disableDataExport turns the download and the copy of
cells off in every st.dataframe."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_streamlits_table_download_is_off() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["client"]["disableDataExport"] is True
