"""Calibration of the budget-holder signals (KRI-PR-BENFORD, KRI-PR-CONCENTRATION) on
generated orders, through the real SQL model on DuckDB: clean budget holders whose
amounts spread over several decades (log-normal) are rarely flagged by the first-digit
test, one whose amounts all start with the same digit is flagged in every month, and the
chi-square tail keeps close to the alpha it is asked for (README, Procurement signals)."""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd
import pytest

from pipelines.build.builder import load_catalogue_tables
from pipelines.build.models import discover_models, run_models
from pipelines.build.stats import chi2_p_upper
from pipelines.core.catalogue import load_catalogue
from pipelines.ingest.loader import ensure_tables

MODELS = {m.name: m for m in discover_models()}
BENFORD = np.log10(1 + 1 / np.arange(1, 10))


def orders(rng: np.random.Generator, holders: int, planted: bool) -> pd.DataFrame:
    """A year of orders: each budget holder 80-200 orders over 12 months to 20 suppliers,
    amounts log-normal around 2000 euro (sd 2 on the log scale: 1 to 10^6 euro). With
    ``planted``, holder P's 60 amounts all start with a 4 (4000-4999 euro)."""
    rows = []
    start = dt.date(2025, 1, 1)
    for h in range(holders):
        for _ in range(rng.integers(80, 201)):
            rows.append(
                (
                    f"H{h:02d}",
                    f"T{h % 6}",
                    f"S{rng.integers(20)}",
                    rng.lognormal(np.log(2000), 2.0),
                    start + dt.timedelta(days=int(rng.integers(365))),
                )
            )
    if planted:
        for _ in range(60):
            rows.append(
                (
                    "P",
                    "T0",
                    f"S{rng.integers(20)}",
                    rng.uniform(4000, 4999),
                    start + dt.timedelta(days=int(rng.integers(365))),
                )
            )
    frame = pd.DataFrame(
        rows, columns=["approver_id", "org_unit_id", "supplier_id", "amount_eur", "ordered_on"]
    )
    frame["order_id"] = [f"O{i}" for i in range(len(frame))]
    frame["requester_id"] = "R"
    return frame


def holder_flags(frame: pd.DataFrame) -> pd.DataFrame:
    with duckdb.connect() as con:
        ensure_tables(con)
        load_catalogue_tables(con, load_catalogue())
        run_models(con, [MODELS["stg_procurement__orders"]])
        con.register("_orders", frame)
        con.execute("insert into stg_procurement__orders by name select * from _orders")
        run_models(
            con,
            [MODELS["stg_catalogue__procurement_signals"], MODELS["int_kri__pr_budget_holders"]],
        )
        return con.execute(
            "select indicator_id, month_start, subject_id, numerator, orders_n, p_value "
            "from int_kri__pr_budget_holders"
        ).df()


@pytest.fixture(scope="module")
def clean_and_planted() -> pd.DataFrame:
    return holder_flags(orders(np.random.default_rng(18), holders=40, planted=True))


def test_clean_budget_holders_rarely_deviate_from_benford(clean_and_planted: pd.DataFrame) -> None:
    benford = clean_and_planted[clean_and_planted.indicator_id == "KRI-PR-BENFORD"]
    clean = benford[benford.subject_id != "P"]
    assert clean.subject_id.nunique() == 40 and len(clean) >= 150
    assert clean.numerator.mean() <= 0.01, clean[clean.numerator > 0]
    assert (clean.orders_n >= 50).all()


def test_a_budget_holder_whose_amounts_start_with_one_digit_deviates(
    clean_and_planted: pd.DataFrame,
) -> None:
    planted = clean_and_planted[
        (clean_and_planted.indicator_id == "KRI-PR-BENFORD") & (clean_and_planted.subject_id == "P")
    ]
    # P has 60 orders over the year: the windows holding at least 50 of them all flag
    assert len(planted) >= 1 and (planted.numerator == 1).all()
    assert (planted.p_value < 1e-10).all()


def test_concentration_is_counted_for_every_holder_with_enough_orders(
    clean_and_planted: pd.DataFrame,
) -> None:
    conc = clean_and_planted[clean_and_planted.indicator_id == "KRI-PR-CONCENTRATION"]
    assert (conc.orders_n >= 10).all() and conc.subject_id.nunique() == 41
    # P's 60 orders go to 20 suppliers at random: no supplier has half
    assert (conc[conc.subject_id == "P"].numerator == 0).all()


@pytest.mark.parametrize(("n", "most"), [(50, 0.003), (300, 0.0018)])
def test_the_chi_square_tail_keeps_near_its_alpha(n: int, most: float) -> None:
    """Digits drawn from Benford's law itself: at alpha 0.001 the asymptotic chi-square
    tail flags about 0.2 % at 50 orders and 0.12 % at 300 (200 000 draws each)."""
    counts = np.random.default_rng(n).multinomial(n, BENFORD, size=200_000)
    expected = n * BENFORD
    chi = ((counts - expected) ** 2 / expected).sum(axis=1)
    rate = (chi2_p_upper(chi, np.full_like(chi, 8.0)) < 0.001).mean()
    assert 0.0005 <= rate <= most
