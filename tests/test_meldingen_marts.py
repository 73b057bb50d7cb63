"""The meldingen aggregates the DT and the RvC see (report_meldingen_counts,
report_meldingen_deadlines): what the build loads, and the attacker's search on them.

The marts publish, per quarter of receipt and for the whole organisation only, one-way
tables of the same reports: the total, by risk category, by route, by outcome, and how
the two Wbk deadlines went (due, on time: with the still running ones, a partition too).
The attacker below writes every shown figure as a sum over the quarter's unknown
cross-combinations (category x route x outcome x acknowledgement x feedback) and asks,
with the same linear algebra as tests/privacy_attack.py, whether any suppressed figure
lies in their span: every combination of published breakdowns and quarters. It does not
know which combinations are empty (knowing that would be knowing the reports).

The quarter's total is a known figure to the attacker whatever the mart shows: it follows
from KRI-REG-MELD-RATE's 12-month windows at organisation level, and the annual report
gives the year's number. So the mart shows it (never suppressed), and the search counts
it as known; what must stay unsolvable is a breakdown group below k.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from pipelines.build.builder import load_catalogue_tables, meldingen_frame
from pipelines.build.models import discover_models, run_models
from pipelines.core.catalogue import load_catalogue
from pipelines.ingest.loader import ensure_tables
from pipelines.meldingen.catalogue import default_catalogue
from pipelines.meldingen.store import Meldingen, Viewer
from tests.privacy_attack import solvable

K = load_catalogue().settings.privacy.min_group_size
DIMENSIONS = {
    "categorie": "category_group",
    "route": "route_group",
    "uitkomst": "outcome_group",
}
STATES = ("op_tijd", "te_laat", "lopend")


def build(frame: pd.DataFrame) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    ensure_tables(con)
    load_catalogue_tables(con, load_catalogue(), meldingen=frame)
    run_models(con)
    return con


def random_reports(seed: int, quarters: int = 24) -> pd.DataFrame:
    """Reports over ``quarters`` quarters, 0 to 14 each, skewed so that small groups,
    lone small groups and quarters just below and at k all occur."""
    rng = random.Random(seed)
    cat = load_catalogue()
    risks = [r.id for r in cat.risks]
    routes = [r.code for r in default_catalogue().routes]
    outcomes = [o.code for o in default_catalogue().outcomes]
    rows = []
    for q in range(quarters):
        start = dt.date(2019 + q // 4, 3 * (q % 4) + 1, 1)
        for _ in range(rng.choice([0, K - 1, K, K + 1, 2 * K, 3 * K - 1, rng.randint(0, 14)])):
            received = start + dt.timedelta(days=rng.randint(0, 85))
            ack = (
                received + dt.timedelta(days=rng.choice([2, 7, 9])) if rng.random() < 0.9 else None
            )
            fb = received + dt.timedelta(days=rng.choice([60, 120])) if rng.random() < 0.7 else None
            rows.append(
                {
                    "received_on": received,
                    # most go one way, so that the other ways are small groups
                    "route": routes[0] if rng.random() < 0.6 else rng.choice(routes),
                    "risk_ids": rng.sample(risks, rng.choice([0, 1, 1, 1, 2])),
                    "org_unit_id": None,
                    "acknowledged_on": ack,
                    "feedback_on": fb,
                    "closed_on": fb,
                    "status": "afgesloten" if fb else "bevestigd",
                    "outcome": (outcomes[0] if rng.random() < 0.6 else rng.choice(outcomes))
                    if fb
                    else None,
                    "acknowledge_by": received + dt.timedelta(days=7),
                    "feedback_by": received + dt.timedelta(days=97),
                }
            )
    return pd.DataFrame(rows)


def recoverable(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every suppressed figure that the shown ones of the same quarter determine."""
    counts = con.execute("select * from report_meldingen_counts").df()
    deadlines = con.execute("select * from report_meldingen_deadlines").df()
    values: dict[str, list[str]] = {
        d: sorted(counts.loc[counts["breakdown"] == d, "group_code"].unique()) for d in DIMENSIONS
    }
    found = []
    for period in sorted(counts["period"].unique()):
        # the unknowns: every cross-combination the published values allow
        cells = list(itertools.product(*values.values(), STATES, STATES))

        def vector(match, cells: list[tuple] = cells) -> np.ndarray:  # noqa: ANN001
            return np.array([1.0 if match(c) else 0.0 for c in cells])

        # the total is known even when a row would hide it (the KRI's windows give it)
        shown, hidden = [(vector(lambda c: True), "")], []
        for row in counts[counts["period"] == period].itertuples():
            if row.breakdown == "totaal":
                v = vector(lambda c: True)
            else:
                pos = list(DIMENSIONS).index(row.breakdown)
                v = vector(lambda c, pos=pos, g=row.group_code: c[pos] == g)
            (hidden if row.is_suppressed else shown).append(
                (v, f"{period} {row.breakdown} {row.group_code}")
            )
        for row in deadlines[deadlines["period"] == period].itertuples():
            pos = 3 if row.deadline == "acknowledge" else 4
            due = vector(lambda c, pos=pos: c[pos] != "lopend")
            on_time = vector(lambda c, pos=pos: c[pos] == "op_tijd")
            if row.is_suppressed:
                hidden += [
                    (due, f"{period} {row.deadline} due"),
                    (on_time, f"{period} {row.deadline} on time"),
                ]
            else:
                shown += [(due, ""), (on_time, "")]
        if not hidden:
            continue
        shown_m = np.array([v for v, _ in shown]) if shown else np.zeros((0, len(cells)))
        solved = solvable(shown_m, np.array([v for v, _ in hidden]))
        found += [name for (_, name), s in zip(hidden, solved, strict=True) if s]
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_suppressed_meldingen_figure_can_be_solved(seed: int) -> None:
    con = build(random_reports(seed))
    counts = con.execute("select * from report_meldingen_counts").df()
    assert counts["is_suppressed"].any() and (~counts["is_suppressed"]).any()
    assert (counts["suppressed_by"] == "complementary").any()  # the search meets rule 3
    assert recoverable(con) == []


def test_the_search_finds_a_lone_suppressed_group() -> None:
    """Without the complementary rule a lone small route is the total minus the others."""
    day = dt.date(2025, 2, 3)
    one = {"received_on": day, "risk_ids": ["G3"], "acknowledge_by": day, "feedback_by": day}
    rows = [one | {"route": "vertrouwenspersoon"}] * (K + 1) + [one | {"route": "bestuurder"}] * 3
    con = build(pd.DataFrame(rows))
    assert recoverable(con) == []
    model = next(m for m in discover_models() if m.name == "report_meldingen_counts")
    leaky = model.sql.replace(
        "and suppressed_reports < k then 'complementary'", "and false then 'x'"
    )
    assert leaky != model.sql
    con.execute(f"create or replace table report_meldingen_counts as {leaky}")
    assert recoverable(con) == ["2025-Q1 route bestuurder"]


def test_a_quarter_at_k_shows_and_below_k_shows_only_its_total() -> None:
    day = dt.date(2025, 2, 3)
    one = {
        "route": "leidinggevende",
        "risk_ids": ["G3"],
        "acknowledged_on": day,
        "acknowledge_by": day + dt.timedelta(days=7),
        "feedback_by": day + dt.timedelta(days=97),
        "status": "bevestigd",
    }
    rows = [one | {"received_on": day}] * K + [one | {"received_on": day.replace(month=5)}] * (
        K - 1
    )
    con = build(pd.DataFrame(rows))
    got = con.execute(
        "select period, breakdown, n_reports, is_suppressed from report_meldingen_counts"
    ).fetchall()
    assert ("2025-Q1", "totaal", K, False) in got
    assert ("2025-Q1", "route", K, False) in got
    # below k: the total with its value (not protected), no breakdown row at all
    assert [g for g in got if g[0] == "2025-Q2"] == [("2025-Q2", "totaal", K - 1, False)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_quarter_total_is_shown_and_only_breakdown_groups_are_suppressed(
    seed: int,
) -> None:
    counts = build(random_reports(seed)).execute("select * from report_meldingen_counts").df()
    totals = counts[counts["breakdown"] == "totaal"]
    assert (totals["n_reports"] < K).any()  # the random quarters meet rule 1
    assert not totals["is_suppressed"].any() and totals["n_reports"].notna().all()
    small = set(totals.loc[totals["n_reports"] < K, "period"])
    assert set(counts.loc[counts["period"].isin(small), "breakdown"]) == {"totaal"}


def test_no_mart_breaks_down_by_whom_a_report_concerns() -> None:
    """Not by about_role at all, so never by a single-person position; the warehouse does
    not even hold it, and the RvC route (only the bestuurder's) is not on its own."""
    con = build(random_reports(2))
    single = default_catalogue().single_person_roles
    assert single  # bestuurder, rvc_voorzitter
    tables = [
        r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()
    ]
    for table in tables:
        columns = [r[0] for r in con.execute(f"describe {table}").fetchall()]
        assert "about_role" not in columns, table
    routes = con.execute(
        "select distinct group_code from report_meldingen_counts where breakdown = 'route'"
    ).fetchall()
    assert ("rvc_voorzitter",) not in routes


def test_the_build_reads_the_register_and_no_register_is_no_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    empty = meldingen_frame()
    assert empty.empty and not (tmp_path / "home" / "meldingen.sqlite").exists()
    assert build(empty).execute("select count(*) from report_meldingen_counts").fetchone() == (0,)
    planted = "ZZ-PLANTED-agg-Jan-de-Vries"
    store = Meldingen(risk_ids={r.id for r in load_catalogue().risks})
    for _ in range(K):
        store.register(
            {
                "received_on": dt.date(2025, 3, 3),
                "route": "vertrouwenspersoon",
                "about_role": "bestuurder",
                "risk_ids": ["RF3"],
                "note": planted,
                "measures": planted,
            },
            viewer=Viewer("integriteitsfunctionaris", planted),
            today=dt.date(2025, 3, 4),
        )
    frame = meldingen_frame()
    assert len(frame) == K and planted not in frame.to_csv()
    con = build(frame)
    assert con.execute(
        "select n_reports from report_meldingen_counts where breakdown = 'totaal'"
    ).fetchall() == [(K,)]
    dumped = "".join(
        con.execute(f"select * from {t}").df().to_csv()
        for (t,) in con.execute("select table_name from information_schema.tables").fetchall()
    )
    assert planted not in dumped
