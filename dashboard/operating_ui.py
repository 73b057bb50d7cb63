"""The control measures' operating evidence on the RvC page, from the snapshot as frozen
(pipelines/reports/snapshot.py ``operating_evidence``: the sentence in both languages was
written when it was taken). A snapshot from before operating evidence says it holds none.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard.i18n import t
from dashboard.safe import plain_table
from pipelines.core import formats


def snapshot_operating_ui(snap: dict[str, Any], lang: str) -> None:
    st.header(t("oe_title", lang))
    rows = snap.get("operating_evidence")
    if rows is None:
        st.caption(t("oe_not_in_snapshot", lang))
        return
    if not rows:
        st.caption(t("oe_none", lang))
        return
    as_of = formats.date(rows[0]["evidence_as_of"], lang)
    st.caption(t("oe_pdf_help", lang).format(date=as_of))
    table = pd.DataFrame(
        {
            t("oe_col_risk", lang): [r[f"risk_name_{lang}"] for r in rows],
            t("oe_col_measure", lang): [r[f"text_{lang}"] for r in rows],
            t("oe_col_operating", lang): [r["text"][lang] for r in rows],
        }
    )
    st.table(plain_table(table.set_index(t("oe_col_risk", lang))))
