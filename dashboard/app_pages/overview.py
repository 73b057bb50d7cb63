"""Overzicht: the assurance gap first, for the DT.

The first screen states the finding in one sentence (pipelines.core.headline: every risk whose
gap level is rood, then oranje as "let op"), then the map: each risk's arrow runs from
where the register expects it after its measures to where the data puts it, beside the
gap per risk, largest first (which is also the legend of the codes). Below: any score
opened down to its indicators and control measures, what moved since last quarter (one
definition, organisation level: pipelines.core.headline.movements), the integrity reports
of the last four quarters (organisation only, as published: dashboard.meldingen_summary) and
how current the data is; for one quarter and the organisation or one department. Unit
names come from an uploaded export: in Markdown through dashboard.safe.plain, and measure
texts only in tables.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.auth_ui import current_role
from dashboard.charts import LEVEL_INK, risk_heatmap
from dashboard.charts_flags import insufficient_label, is_insufficient, level_name, styled
from dashboard.data import catalogue, mart
from dashboard.explain import explanation_ui, risk_ui
from dashboard.filters import (
    department_ui,
    organisation_id,
    quarter_ui,
    require_warehouse,
    running_ui,
)
from dashboard.i18n import t
from dashboard.meldingen_summary import live_section, summary_ui
from dashboard.pages import pages_for
from dashboard.policy_ui import followup_counts_ui, policy_cycle_ui
from dashboard.safe import plain
from pipelines.core import formats, headline
from pipelines.core.labels import label

STALE_ROW = "background-color: #fdecc8"
BADGE_COLOURS = {"rood": "red", "oranje": "orange", "groen": "green", "geen": "gray"}
FINDING_ICONS = {
    "geen": ":material/visibility_off:",
    "rood": ":material/report:",
    "oranje": ":material/visibility:",
    "groen": ":material/check_circle:",
}
LEVEL_CELL = {level: f"color: {ink}; font-weight: 600" for level, ink in LEVEL_INK.items()}

lang = st.session_state.get("lang", "nl")
st.title(t("ov_title", lang))
st.caption(t("ov_intro", lang))


def band_caption() -> str:
    """Which appetite each colour band of the map fits, from the settings."""
    limits = sorted(catalogue().settings.appetite_max_residual.items(), key=lambda kv: kv[1])
    bands = "; ".join(
        t("ov_band_item", lang).format(limit=limit, appetite=t(name, lang, group="appetite"))
        for name, limit in limits
    )
    return t("ov_bands", lang).format(bands=bands)


def map_rows(risks: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Every risk in register order with its observed score for the unit (null if none)."""
    rows = risks.merge(scores.drop(columns="inherent_score"), on="risk_id", how="left")
    return rows.assign(
        name=rows[f"risk_name_{lang}"],
        level_name=[level_name(level, lang) for level in rows["level"]],
    )


def by_gap(rows: pd.DataFrame) -> pd.DataFrame:
    """The risks largest assurance gap first (ties in register order, no gap last)."""
    return rows.sort_values(
        ["assurance_gap", "category_order", "risk_id"],
        ascending=[False, True, True],
        na_position="last",
        kind="stable",
    )


def finding_ui(rows: pd.DataFrame) -> None:
    """The finding in one sentence, with numbers and names: the first thing on the page.
    A framed text with a badge in the colour of the worst gap, not an alert box: it is
    the page's content, not a failure of the page."""
    found = headline.finding(rows.to_dict("records"), total=len(rows))
    worst = (
        "geen"
        if not found.scored  # no number at all: no all-clear either
        else "rood"
        if found.red
        else "oranje"
        if found.orange
        else "groen"
    )
    with st.container(border=True, key="ov_finding"):
        st.badge(
            t(worst, lang, group="ov_finding_badge"),
            color=BADGE_COLOURS[worst],
            icon=FINDING_ICONS[worst],
        )
        st.markdown(plain(headline.finding_sentence(found, lang)))


def heatmap_ui(rows: pd.DataFrame) -> None:
    limits = sorted(catalogue().settings.appetite_max_residual.values())
    st.plotly_chart(
        risk_heatmap(rows, limits, lang),
        key="ov_heatmap",
        width="stretch",
        config={"displayModeBar": False},
    )
    st.caption(t("ov_heatmap_help", lang))
    st.caption(band_caption())
    unseen = rows[rows["observed_likelihood"].isna()]
    if not unseen.empty:
        # suppressed: the unit has scores, but for too few people to show them;
        # insufficient: too little of the risk's indicator weight observed for a number
        suppressed = unseen["suppressed"].eq(True)
        insufficient = pd.Series(
            [is_insufficient(r) for r in unseen.to_dict("records")], index=unseen.index
        )
        groups = [
            f"{label}: {', '.join(group['risk_id'])}"
            for label, group in (
                (t("ov_suppressed", lang), unseen[suppressed]),
                (insufficient_label(lang).capitalize(), unseen[insufficient]),
                (t("ov_missing", lang), unseen[~suppressed & ~insufficient]),
            )
            if not group.empty
        ]
        st.markdown(t("ov_no_data", lang).format(risks="; ".join(groups)))


def status(row: dict) -> str:
    """The gap's level, or why a risk has none (suppressed, too little evidence)."""
    if row["level_name"]:
        return row["level_name"]
    if row.get("suppressed") is True:
        return t("ov_suppressed_short", lang)
    return insufficient_label(lang) if is_insufficient(row) else formats.MISSING


def gap_ui(rows: pd.DataFrame) -> None:
    """Every risk's gap, largest first: the finding's detail and the map's legend."""
    st.markdown(f"**{t('ov_gap_title', lang)}**")
    if rows["assurance_gap"].isna().all():
        st.info(t("ov_no_unit_scores", lang))
        return
    ranked = by_gap(rows)
    table = pd.DataFrame(
        {
            t("col_id", lang): ranked["risk_id"],
            t("ov_col_gap", lang): ranked["assurance_gap"],
            t("ov_col_level", lang): [status(r) for r in ranked.to_dict("records")],
            t("col_risk", lang): ranked["name"],  # last: a long name may run to the edge
        }
    )
    levels = ranked["level"].tolist()
    level_column = t("ov_col_level", lang)
    gaps = styled(
        table, {t("ov_col_gap", lang): lambda v: formats.number(v, lang, signed=True)}
    ).apply(
        lambda column: [LEVEL_CELL.get(level, "") for level in levels],
        subset=[level_column],
        axis=0,
    )
    st.dataframe(
        gaps,
        hide_index=True,
        width="stretch",
        height=36 + 35 * len(table),  # every risk at once: it is the map's legend
        key="ov_gaps",
        column_config={t("col_risk", lang): st.column_config.TextColumn(width="large")},
    )
    st.caption(t("ov_gap_help", lang))


def explain_ui(rows: pd.DataFrame, quarter: str, unit: str, unit_name: str) -> None:
    """Any risk's score for the unit and quarter shown, opened down to its indicators and
    control measures; the risk with the largest assurance gap first."""
    st.subheader(t("ov_explain", lang))
    st.caption(t("ov_explain_caption", lang).format(unit=plain(unit_name), quarter=quarter))
    ranked = by_gap(rows)
    risk_id = risk_ui(
        rows.sort_values(["category_order", "risk_id"]),
        lang,
        key="ov_explain_risk",
        default=ranked["risk_id"].iloc[0] if ranked["assurance_gap"].notna().any() else None,
    )
    st.caption(rows.set_index("risk_id").loc[risk_id, f"description_{lang}"])
    explanation_ui(
        risk_id,
        quarter,
        unit,
        lang,
        key="ov_explain",
        heading=lambda text: st.markdown(f"**{text}**"),
    )


def moved_table(rows: list[dict], names: pd.Series) -> pd.DataFrame:
    """The rows that moved (report_risk_changes), newly red first, then by change."""
    moved = pd.DataFrame(rows)
    moved = moved.assign(
        _order=moved["risk_id"].map({r: i for i, r in enumerate(names.index)})
    ).sort_values(["is_new_red", "likelihood_change", "_order"], ascending=[False, False, True])
    return pd.DataFrame(
        {
            t("col_id", lang): moved["risk_id"],
            t("col_risk", lang): moved["risk_id"].map(names),
            t("ov_col_direction", lang): [
                t(d, lang, group="ov_direction") if isinstance(d, str) else formats.MISSING
                for d in moved["direction"]
            ],
            t("ov_col_likelihood_before", lang): [
                formats.whole(v, lang) for v in moved["previous_observed_likelihood"]
            ],
            t("ov_col_likelihood_now", lang): [
                formats.whole(v, lang) for v in moved["observed_likelihood"]
            ],
            t("ov_col_gap_change", lang): [
                formats.number(v, lang, signed=True) for v in moved["assurance_gap_change"]
            ],
            t("ov_col_level", lang): [
                level_name(level, lang) or formats.MISSING for level in moved["level"]
            ],
            t("ov_new_red", lang): moved["is_new_red"].astype(bool),
        }
    )


def moved_ui(org_changes: pd.DataFrame, unit_changes: pd.DataFrame | None, names) -> None:
    """What moved: the organisation's counts (pipelines.core.headline.movements, the definition
    the RvC page and PDF use too), then a department's own moves in their own table."""
    moves = headline.movements(org_changes.to_dict("records"))
    previous = moves.previous or formats.MISSING
    st.subheader(t("ov_moved_title", lang).format(previous=previous))
    st.markdown(plain(headline.moved_sentence(moves, len(names), lang)))
    if not moves.has_previous:
        return
    left, middle, right = st.columns(3)
    left.metric(t("ov_up", lang), formats.whole(len(moves.up), lang))
    middle.metric(t("ov_down", lang), formats.whole(len(moves.down), lang))
    right.metric(t("ov_new_red", lang), formats.whole(len(moves.new_red), lang))
    # a risk can turn red with the same likelihood (its measures were judged weaker)
    steady = [r for r in moves.new_red if r.get("direction") not in ("omhoog", "omlaag")]
    org_moved = [*moves.up, *moves.down, *steady]
    if org_moved:
        st.caption(t("ov_moved_scope_org", lang))
        st.dataframe(
            moved_table(org_moved, names), hide_index=True, width="stretch", key="ov_moved"
        )
    if unit_changes is None:
        return
    unit_rows = unit_changes[
        unit_changes["direction"].isin(["omhoog", "omlaag"]) | unit_changes["is_new_red"]
    ]
    st.caption(t("ov_moved_scope_unit", lang))
    if unit_rows.empty:
        st.success(t("ov_nothing_moved", lang).format(previous=previous))
        return
    st.dataframe(
        moved_table(unit_rows.to_dict("records"), names),
        hide_index=True,
        width="stretch",
        key="ov_moved_unit",
    )


def freshness_ui(freshness: pd.DataFrame) -> None:
    st.subheader(t("ov_fresh_title", lang))
    stale = freshness[freshness["is_stale"].astype(bool)]
    if stale.empty:
        st.success(t("ov_fresh_ok", lang))
    else:
        items = [
            t("ov_fresh_empty", lang).format(dataset=label("dataset", r.dataset, lang))
            if pd.isna(r.age_days)
            else t("ov_fresh_item", lang).format(
                dataset=label("dataset", r.dataset, lang), days=formats.whole(r.age_days, lang)
            )
            for r in stale.itertuples()
        ]
        st.warning(t("ov_fresh_stale", lang).format(datasets=", ".join(items)))
    running_ui(freshness, lang)
    table = pd.DataFrame(
        {
            t("col_dataset", lang): [label("dataset", d, lang) for d in freshness["dataset"]],
            t("ov_col_status", lang): freshness["is_stale"].map(
                {True: "⚠️ " + t("dq_stale", lang), False: t("ov_fresh_ok_mark", lang)}
            ),
            t("col_newest", lang): [formats.date(d, lang) for d in freshness["newest_date"]],
            t("col_age_days", lang): [formats.whole(d, lang) for d in freshness["age_days"]],
        }
    )
    stale_rows = freshness["is_stale"].astype(bool).tolist()
    styled = table.style.apply(
        lambda row: [STALE_ROW if stale_rows[row.name] else ""] * len(row), axis=1
    )
    st.dataframe(styled, hide_index=True, width="stretch", key="ov_freshness")
    data_quality_link_ui()


def data_quality_link_ui() -> None:
    """A link to Datakwaliteit, for the roles that may open it."""
    if any(p.file == "data_quality.py" for p in pages_for(current_role() or "")):
        st.page_link(
            "app_pages/data_quality.py",
            label=t("ov_to_data_quality", lang),
            icon=":material/fact_check:",
        )


require_warehouse(lang)
quarter = quarter_ui(lang)
department = department_ui(lang)
unit = department or organisation_id()
if quarter is None or unit is None:
    st.info(t("ov_no_scores", lang))
    data_quality_link_ui()
    st.stop()

unit_name = mart("dim_org_units", org_unit_id=unit)["org_unit_name"].iloc[0]
st.markdown(t("ov_unit", lang).format(unit=plain(unit_name), quarter=quarter))

risks = mart("dim_risks")
scores = mart("report_risk_scores", period_type="quarter", period=quarter, org_unit_id=unit)
rows = map_rows(risks, scores)
names = rows.set_index("risk_id")["name"]

finding_ui(rows)
policy_cycle_ui(lang)
chart, legend = st.columns([11, 9], gap="medium")
with chart:
    heatmap_ui(rows)
with legend:
    gap_ui(rows)

explain_ui(rows, quarter, unit, unit_name)
named = risks[["risk_id", "risk_name_nl", "risk_name_en", "category_order"]]
org_changes = mart("report_risk_changes", period=quarter, org_unit_id=organisation_id())
# in register order, as the snapshot holds them: the sentences name risks alike
org_changes = org_changes.merge(named, on="risk_id", how="left").sort_values(
    ["category_order", "risk_id"], kind="stable"
)
unit_changes = (
    None if department is None else mart("report_risk_changes", period=quarter, org_unit_id=unit)
)
moved_ui(org_changes, unit_changes, names)
# integrity reports: the organisation's aggregates only, whatever department is chosen
summary_ui(live_section(quarter), lang, key="ov_meldingen")
freshness_ui(mart("report_data_freshness"))
followup_counts_ui(lang)
