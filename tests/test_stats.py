"""The tail probabilities and limits the scoring models call (pipelines/build/stats.py), against
scipy's distributions directly, and as DuckDB functions (nulls, domain errors)."""

from __future__ import annotations

import duckdb
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from pipelines.build import stats

PROB = st.floats(0.001, 0.999)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 400), p=PROB, data=st.data())
def test_the_extended_binomial_is_the_binomial_at_whole_numbers(n, p, data) -> None:
    x = data.draw(st.integers(0, n))
    a = np.array
    assert stats.binomc_p_upper(a([x]), a([n]), a([p]))[0] == pytest.approx(
        sps.binom.sf(x - 1, n, p), rel=1e-9, abs=1e-300
    )
    assert stats.binomc_p_lower(a([x]), a([n]), a([p]))[0] == pytest.approx(
        sps.binom.cdf(x, n, p), rel=1e-9, abs=1e-300
    )
    assert stats.binom_p_upper(a([x]), a([n]), a([p]))[0] == pytest.approx(
        sps.binom.sf(x - 1, n, p), rel=1e-9, abs=1e-300
    )


@settings(max_examples=200, deadline=None)
@given(x=st.integers(0, 60), mu=st.floats(0.001, 40))
def test_the_poisson_tails_are_scipys(x, mu) -> None:
    a = np.array
    assert stats.poisson_p_upper(a([x]), a([mu]))[0] == pytest.approx(
        sps.poisson.sf(x - 1, mu), rel=1e-9, abs=1e-300
    )
    assert stats.poisson_p_lower(a([x]), a([mu]))[0] == pytest.approx(
        sps.poisson.cdf(x, mu), rel=1e-9, abs=1e-300
    )


@settings(max_examples=100, deadline=None)
@given(n=st.floats(2, 500), p=st.floats(0.01, 0.9), alpha=st.floats(1e-5, 0.2))
def test_an_extended_binomial_limit_is_where_the_tail_reaches_alpha(n, p, alpha) -> None:
    a = np.array
    upper = stats.binomc_limit_upper(a([n]), a([p]), a([alpha]))[0]
    lower = stats.binomc_limit_lower(a([n]), a([p]), a([alpha]))[0]
    eps, tol = 1e-6, 1e-9

    def up(x: float) -> float:
        return stats.binomc_p_upper(a([x]), a([n]), a([p]))[0]

    def down(x: float) -> float:
        return stats.binomc_p_lower(a([x]), a([n]), a([p]))[0]

    # the tail crosses alpha at the limit (where it jumps, at 0 and n, it jumps past it)
    assert up(upper + eps) <= alpha + tol and up(upper - eps) >= alpha - tol
    if lower == -1:  # no share is that low: even none at all is likelier than alpha
        assert down(0) > alpha
    else:
        assert down(lower - eps) <= alpha + tol and down(lower + eps) >= alpha - tol
    assert lower < n * p < upper


@settings(max_examples=100, deadline=None)
@given(mu=st.floats(0.01, 50), alpha=st.floats(1e-5, 0.2))
def test_a_poisson_limit_is_the_first_count_past_alpha(mu, alpha) -> None:
    a = np.array
    x = stats.poisson_limit_upper(a([mu]), a([alpha]))[0]
    assert sps.poisson.sf(x - 1, mu) <= alpha < sps.poisson.sf(x - 2, mu)
    low = stats.poisson_limit_lower(a([mu]), a([alpha]))[0]
    if low >= 0:
        assert sps.poisson.cdf(low, mu) <= alpha < sps.poisson.cdf(low + 1, mu)
    else:
        assert sps.poisson.cdf(0, mu) > alpha


@settings(max_examples=100, deadline=None)
@given(mu=st.floats(0.01, 50), alpha=st.floats(1e-5, 0.2))
def test_the_extended_poisson_limits_are_where_its_tails_reach_alpha(mu, alpha) -> None:
    a = np.array
    upper = stats.poissonc_limit_upper(a([mu]), a([alpha]))[0]
    lower = stats.poissonc_limit_lower(a([mu]), a([alpha]))[0]
    eps, tol = 1e-6, 1e-9
    assert stats.poisson_p_upper(a([upper + eps]), a([mu]))[0] <= alpha + tol
    assert stats.poisson_p_upper(a([upper - eps]), a([mu]))[0] >= alpha - tol
    if lower == -1:
        assert stats.poisson_p_lower(a([0.0]), a([mu]))[0] > alpha
    else:
        assert stats.poisson_p_lower(a([lower - eps]), a([mu]))[0] <= alpha + tol
        assert stats.poisson_p_lower(a([lower + eps]), a([mu]))[0] >= alpha - tol


def test_one_event_where_004_are_expected_is_not_rare_enough_to_flag() -> None:
    """Issue 14's first cause: the normal approximation put this at z 4.8."""
    p = stats.poisson_p_upper(np.array([1.0]), np.array([0.04]))[0]
    assert p == pytest.approx(1 - np.exp(-0.04))
    assert 0.03 < p < 0.05


def test_as_duckdb_functions_nulls_and_domain_errors_give_null() -> None:
    con = duckdb.connect()
    stats.register(con)
    stats.register(con)  # again: replaced, not an error
    row = con.execute(
        """select poisson_p_upper(null, 1), poisson_p_upper(1, 0.04),
                  binom_p_upper(1, -1, 0.5), norm_p_upper(1.959963984540054),
                  norm_quantile_upper(0.05), binomc_p_upper(0, 10, 0.3)"""
    ).fetchone()
    assert row[0] is None and row[2] is None
    assert row[1] == pytest.approx(0.0392105608)
    assert row[3] == pytest.approx(0.025)
    assert row[4] == pytest.approx(1.6448536)
    assert row[5] == 1.0


# A unit against the rest of its organisation (the exact conditional tests; issue 18).


@settings(max_examples=100, deadline=None)
@given(r=st.integers(0, 60), q=st.floats(0.005, 0.95), alpha=st.floats(1e-5, 0.2))
def test_a_conditional_count_limit_is_the_first_count_past_alpha(r, q, alpha) -> None:
    """Given the rest's r events, X ~ Binomial(x + r, q): the limits are the first count
    whose tail is at most alpha, checked at that count and the one before it."""
    a = np.array
    x = stats.poisson_cond_limit_upper(a([r]), a([q]), a([alpha]))[0]
    assert x >= 1
    assert sps.binom.sf(x - 1, x + r, q) <= alpha < sps.binom.sf(x - 2, x - 1 + r, q)
    low = stats.poisson_cond_limit_lower(a([r]), a([q]), a([alpha]))[0]
    if low >= 0:
        assert sps.binom.cdf(low, low + r, q) <= alpha < sps.binom.cdf(low + 1, low + 1 + r, q)
    else:  # none that low: even no event at all is likelier than alpha
        assert sps.binom.cdf(0, r, q) > alpha


@settings(max_examples=100, deadline=None)
@given(r=st.floats(0, 60), q=st.floats(0.005, 0.95), alpha=st.floats(1e-5, 0.2))
def test_the_continuous_conditional_limits_are_where_its_tails_reach_alpha(r, q, alpha) -> None:
    a = np.array
    upper = stats.poisson_condc_limit_upper(a([r]), a([q]), a([alpha]))[0]
    lower = stats.poisson_condc_limit_lower(a([r]), a([q]), a([alpha]))[0]
    eps, tol = 1e-6, 1e-9

    def up(x: float) -> float:
        return stats.binomc_p_upper(a([x]), a([x + r]), a([q]))[0]

    def down(x: float) -> float:
        return stats.binomc_p_lower(a([x]), a([x + r]), a([q]))[0]

    assert up(upper + eps) <= alpha + tol and up(upper - eps) >= alpha - tol
    if lower == -1:
        assert down(0) > alpha
    else:
        assert down(lower - eps) <= alpha + tol and down(lower + eps) >= alpha - tol
    # at whole numbers the continuous tail is the binomial's
    if float(r).is_integer():
        x = np.floor(upper) + 1
        assert up(x) == pytest.approx(sps.binom.sf(x - 1, x + r, q), rel=1e-6)


def test_one_event_with_no_rest_has_the_units_share_of_the_exposure_as_p() -> None:
    """One event in a unit with 5% of the exposure, none in the rest: p = 0.05, not 0
    (nothing is guessed about the rest's rate)."""
    a = np.array
    assert stats.binom_p_upper(a([1.0]), a([1.0]), a([0.05]))[0] == pytest.approx(0.05)
    assert stats.binomc_p_upper(a([1.0]), a([1.0]), a([0.05]))[0] == pytest.approx(0.05)
    # and the limit: 0.05^2 = 0.0025 is within 0.003, 0.05 is not
    assert stats.poisson_cond_limit_upper(a([0.0]), a([0.05]), a([0.003]))[0] == 2


@settings(max_examples=150, deadline=None)
@given(n=st.integers(1, 80), m=st.integers(1, 300), data=st.data())
def test_fishers_tails_are_scipys_fisher_exact(n, m, data) -> None:
    x = data.draw(st.integers(0, n))
    r = data.draw(st.integers(0, m))
    a = np.array
    table = [[x, n - x], [r, m - r]]
    greater = sps.fisher_exact(table, alternative="greater").pvalue
    less = sps.fisher_exact(table, alternative="less").pvalue
    assert stats.fisher_p_upper(a([x]), a([n]), a([r]), a([m]))[0] == pytest.approx(
        greater, rel=1e-9, abs=1e-300
    )
    assert stats.fisher_p_lower(a([x]), a([n]), a([r]), a([m]))[0] == pytest.approx(
        less, rel=1e-9, abs=1e-300
    )


@settings(max_examples=100, deadline=None)
@given(n=st.integers(1, 80), m=st.integers(1, 300), alpha=st.floats(1e-5, 0.2), data=st.data())
def test_a_fisher_limit_is_the_first_count_of_the_unit_past_alpha(n, m, alpha, data) -> None:
    """The rest's r of m held, the unit's count walked from 0 to n: the limit is where
    scipy's one-sided Fisher p first reaches alpha (n + 1 / -1 when it never does)."""
    r = data.draw(st.integers(0, m))
    a = np.array

    def p(x: int, alternative: str) -> float:
        return sps.fisher_exact([[x, n - x], [r, m - r]], alternative=alternative).pvalue

    # a p within rounding of alpha is a tie either way (n=9, m=1, r=1: P(X <= 1) is 9/45
    # = 0.2 exactly, scipy's float just under alpha 0.19999999999999998, ours just over)
    assume(
        all(
            abs(p(x, side) - alpha) > 1e-9 * alpha
            for x in range(n + 1)
            for side in ("greater", "less")
        )
    )
    upper = stats.fisher_limit_upper(a([n]), a([r]), a([m]), a([alpha]))[0]
    lower = stats.fisher_limit_lower(a([n]), a([r]), a([m]), a([alpha]))[0]
    assert upper == next((x for x in range(n + 1) if p(x, "greater") <= alpha), n + 1)
    assert lower == max((x for x in range(n + 1) if p(x, "less") <= alpha), default=-1)


def test_the_rest_functions_as_duckdb_functions() -> None:
    con = duckdb.connect()
    stats.register(con)
    row = con.execute(
        """select fisher_p_upper(10, 74, 2, 146), fisher_p_upper(null, 74, 2, 146),
                  fisher_limit_upper(20, 0, 380, 0.005), poisson_cond_limit_upper(4, 0.1, 0.005),
                  poisson_cond_limit_upper(1, 1.0, 0.01), fisher_p_upper(1, 20, 5, 0)"""
    ).fetchone()
    assert row[0] == pytest.approx(sps.hypergeom.sf(9, 220, 12, 74))
    assert row[1] is None
    assert row[2] == 2 and row[3] == 5
    # no rest (a share of 1) and an empty rest are outside the domain: null
    assert row[4] is None and row[5] is None


def test_each_distinct_argument_is_searched_once_and_kept_for_the_next_call(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The limits and Fisher's tails are memoised (stats._memoised): repeated arguments,
    nulls between them and a second query give what the function gives one value at a
    time, and the kept values stay within MEMO_LIMIT."""
    monkeypatch.setattr(stats, "_MEMO", {})
    monkeypatch.setattr(stats, "MEMO_LIMIT", 6)
    con = duckdb.connect()
    stats.register(con)
    con.execute(
        """create table cells as select * from (values
            (20, 0, 380, 0.005), (20, 0, 380, 0.005), (null, 0, 380, 0.005),
            (30, 4, 200, 0.01), (20, 0, 380, 0.005), (5, 1, 40, 0.05), (5, 1, 40, null),
            (7, 2, 90, 0.01), (8, 2, 90, 0.01)) t(n, r, m, alpha)"""
    )
    one_by_one = [
        None
        if None in row
        else float(stats.fisher_limit_upper(*(np.array([float(v)]) for v in row))[0])
        for row in con.execute("select * from cells").fetchall()
    ]
    query = "select fisher_limit_upper(n, r, m, alpha) from cells"
    first = [r[0] for r in con.execute(query).fetchall()]
    assert first == one_by_one
    # five distinct complete rows: all kept (MEMO_LIMIT 6)
    assert len(stats._MEMO["fisher_limit_upper"]) == 5
    assert [r[0] for r in con.execute(query).fetchall()] == one_by_one
    con.execute("insert into cells values (9, 2, 90, 0.01), (10, 2, 90, 0.01)")
    # seven would pass the limit: emptied, then the two new ones kept
    assert [
        r[0]
        for r in con.execute(
            "select fisher_limit_upper(n, r, m, alpha) from cells where m = 90 and n >= 9"
        ).fetchall()
    ] == [
        float(stats.fisher_limit_upper(*(np.array([v]) for v in (n, 2.0, 90.0, 0.01)))[0])
        for n in (9.0, 10.0)
    ]
    assert len(stats._MEMO["fisher_limit_upper"]) == 2
    # the limit holds over every function together: 2 kept and 7 new Fisher tails (10
    # rows, 7 distinct complete ones) empty both memos; 7 new ones at once, more than the
    # limit, are kept nowhere
    tails = "select fisher_p_upper(n % 5, n, r, m) from cells where alpha is not null"
    assert len(con.execute(tails).fetchall()) == 10
    assert {name: len(kept) for name, kept in stats._MEMO.items()} == {
        "fisher_limit_upper": 0,
        "fisher_p_upper": 0,
    }
    monkeypatch.setattr(stats, "MEMO_LIMIT", 7)
    con.execute(tails)
    assert len(stats._MEMO["fisher_p_upper"]) == 7
