"""The tail probabilities and limits the scoring models call (pipelines/build/stats.py), against
scipy's distributions directly, and as DuckDB functions (nulls, domain errors)."""

from __future__ import annotations

import duckdb
import numpy as np
import pytest
from hypothesis import given, settings
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
