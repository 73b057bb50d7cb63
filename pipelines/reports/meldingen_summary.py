"""The integrity reports' aggregates as the DT and the RvC see them: the last quarters of
report_meldingen_counts and report_meldingen_deadlines (already suppressed in the marts),
as a snapshot section and as the tables the Overzicht, the RvC page and the PDF show.

A section is plain JSON: ``{"quarters": [...], "counts": [rows], "deadlines": [rows]}``.
A snapshot taken before the radar kept reports has none (``None``): the page and the PDF
say so (``ms_not_in_snapshot``) instead of failing.
"""

from __future__ import annotations

from typing import Any

from pipelines.core import formats
from pipelines.core.catalogue import load_catalogue
from pipelines.core.texts import t, texts
from pipelines.meldingen.catalogue import default_catalogue

QUARTERS = 4  # the quarter itself and the three before it
BREAKDOWNS = ("totaal", "categorie", "route", "uitkomst")
DEADLINES = ("acknowledge", "feedback")
COUNT_COLUMNS = ("period", "breakdown", "group_code", "is_suppressed", "n_reports")
DEADLINE_COLUMNS = ("period", "deadline", "is_suppressed", "n_due", "n_on_time", "share_on_time")


def last_quarters(quarter: str, n: int = QUARTERS) -> list[str]:
    """``quarter`` and the n - 1 before it, oldest first: 2026-Q1 -> 2025-Q2 .. 2026-Q1."""
    year, q = int(quarter[:4]), int(quarter[-1])
    index = year * 4 + q - 1
    return [f"{i // 4}-Q{i % 4 + 1}" for i in range(index - n + 1, index + 1)]


def section(
    counts: list[dict[str, Any]], deadlines: list[dict[str, Any]], quarter: str
) -> dict[str, Any]:
    """The section for ``quarter`` from the marts' rows (any quarters; only the last
    QUARTERS up to ``quarter`` are kept, with only the published columns)."""
    quarters = last_quarters(quarter)
    return {
        "quarters": quarters,
        "counts": [{c: r.get(c) for c in COUNT_COLUMNS} for r in counts if r["period"] in quarters],
        "deadlines": [
            {c: r.get(c) for c in DEADLINE_COLUMNS} for r in deadlines if r["period"] in quarters
        ],
    }


def read_section(con: Any, quarter: str) -> dict[str, Any] | None:
    """The section from a warehouse connection; None when it has no meldingen marts."""
    present = {
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables where table_name in "
            "('report_meldingen_counts', 'report_meldingen_deadlines')"
        ).fetchall()
    }
    if len(present) < 2:
        return None
    quarters = last_quarters(quarter)

    def rows(sql: str) -> list[dict[str, Any]]:
        cursor = con.execute(sql, [quarters])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    counts = rows(
        f"select {', '.join(COUNT_COLUMNS)} from report_meldingen_counts "
        "where list_contains(?, period) order by period, breakdown, group_code"
    )
    deadlines = rows(
        f"select {', '.join(DEADLINE_COLUMNS)} from report_meldingen_deadlines "
        "where list_contains(?, period) order by period, deadline"
    )
    return section(counts, deadlines, quarter)


def group_label(breakdown: str, code: str, lang: str) -> str:
    """A published group's name: the catalogue's category, route or outcome label, or the
    groups the marts make themselves (ms_group)."""
    own = texts().get("ms_group", {}).get(code)
    if own:
        return own.get(lang) or own["nl"]
    if breakdown == "categorie":
        names = load_catalogue().settings.categories
        if code in names:
            return getattr(names[code], lang)
    meldingen = default_catalogue()
    found = [*meldingen.routes] if breakdown == "route" else [*meldingen.outcomes]
    for item in found:
        if item.code == code:
            return getattr(item.label, lang)
    return code


def k() -> int:
    return load_catalogue().settings.privacy.min_group_size


def count_table(part: dict[str, Any], lang: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows: one row per breakdown and group, one column per quarter; a
    suppressed figure reads "onderdrukt", a group without reports in a shown quarter 0.
    A quarter below k has only its total (shown: not a protected figure); its breakdown
    groups read "onderdrukt", not 0 (they were left out, not empty). A snapshot from
    before that rule may still hold a suppressed total: it reads "onderdrukt" too."""
    quarters = part["quarters"]
    cells = {(r["period"], r["breakdown"], r["group_code"]): r for r in part["counts"]}
    shown_quarters = {
        r["period"] for r in part["counts"] if r["breakdown"] == "totaal" and not r["is_suppressed"]
    }
    any_quarter = {r["period"] for r in part["counts"]}
    broken_down = {r["period"] for r in part["counts"] if r["breakdown"] != "totaal"}
    groups = sorted(
        {(r["breakdown"], r["group_code"]) for r in part["counts"]},
        key=lambda g: (BREAKDOWNS.index(g[0]) if g[0] in BREAKDOWNS else 9, g[1]),
    )
    header = [t("ms_col_breakdown", lang), t("ms_col_group", lang), *quarters]
    rows = []
    for breakdown, code in groups:
        row = [t(breakdown, lang, group="ms_breakdown"), group_label(breakdown, code, lang)]
        for quarter in quarters:
            cell = cells.get((quarter, breakdown, code))
            if cell is not None and not cell["is_suppressed"]:
                row.append(formats.whole(cell["n_reports"], lang))
            elif (
                cell is not None
                or (quarter in any_quarter and quarter not in shown_quarters)
                or (breakdown != "totaal" and quarter in any_quarter and quarter not in broken_down)
            ):
                row.append(t("ms_suppressed", lang))
            elif quarter in shown_quarters:
                row.append(formats.whole(0, lang))
            else:
                row.append(formats.MISSING)
        rows.append(row)
    return header, rows


def deadline_table(part: dict[str, Any], lang: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows: per deadline and quarter the share met on time (n of due)."""
    quarters = part["quarters"]
    cells = {(r["period"], r["deadline"]): r for r in part["deadlines"]}
    header = [t("ms_col_deadline", lang), *quarters]
    rows = []
    for deadline in DEADLINES:
        row = [t(deadline, lang, group="ms_deadline")]
        for quarter in quarters:
            cell = cells.get((quarter, deadline))
            if cell is None or (not cell["is_suppressed"] and not cell["n_due"]):
                row.append(formats.MISSING)
            elif cell["is_suppressed"]:
                row.append(t("ms_suppressed", lang))
            else:
                row.append(
                    t("ms_share_of", lang).format(
                        share=formats.percent(cell["share_on_time"], lang),
                        on_time=formats.whole(cell["n_on_time"], lang),
                        due=formats.whole(cell["n_due"], lang),
                    )
                )
        rows.append(row)
    return header, rows


def intro(lang: str) -> str:
    return t("ms_intro", lang).format(k=k())
