"""The dashboard's only way to the data: read-only queries on the published marts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from pipelines.models import MART_PREFIXES
from pipelines.warehouse import read_connection, warehouse_path


class NoWarehouse(RuntimeError):
    """The warehouse has not been built yet."""


def _stamp() -> tuple[str, float]:
    path = warehouse_path()
    if not path.exists():
        raise NoWarehouse(str(path))
    return str(path), path.stat().st_mtime


@st.cache_data(show_spinner=False)
def _read_mart(path: str, mtime: float, mart: str) -> pd.DataFrame:
    with read_connection(Path(path)) as con:
        return con.execute(f"select * from {mart}").df()


def mart(name: str) -> pd.DataFrame:
    """A published mart as a DataFrame, cached until the warehouse file is replaced."""
    if not name.startswith(MART_PREFIXES):
        raise ValueError(f"the dashboard reads only published marts, not {name!r}")
    path, mtime = _stamp()
    return _read_mart(path, mtime, name)
