"""Exact tail probabilities and limits for the SQL models, as DuckDB functions.

DuckDB has no distribution functions, so the scoring models (int_indicators__scored)
call these, registered on the connection before the models run. Each is vectorised over
Arrow arrays and computed by scipy, never by hand:

- ``poisson_p_upper(x, mu)``: P(X >= x) for X ~ Poisson(mu); ``poisson_p_lower``: P(X <= x).
  Counts may be fractional (a stock counted monthly, averaged): the regularised incomplete
  gamma function extends the Poisson tails to them.
- ``binom_p_upper(x, n, p)``: P(X >= x) for X ~ Binomial(n, p); ``binom_p_lower``: P(X <= x).
- ``binomc_p_upper(x, n, p)`` and ``binomc_p_lower``: the binomial's tails extended to
  real x and n (the regularised incomplete beta function), for a share whose variance is
  given as an effective number of trials; ``binomc_limit_upper(n, p, alpha)`` and
  ``binomc_limit_lower`` their limits (found by bisection).
- ``poissonc_limit_upper(mu, alpha)`` and ``poissonc_limit_lower``: the same limits for
  the Poisson extended to real counts (by bisection on its tails).
- ``norm_p_upper(z)``: P(Z >= z) for a standard normal Z.
- ``poisson_limit_upper(mu, alpha)``: the smallest count x with P(X >= x) <= alpha (the
  count from which a unit is outside the limit); ``poisson_limit_lower``: the largest count
  x with P(X <= x) <= alpha, -1 when no count is that low. ``binom_limit_upper(n, p,
  alpha)`` and ``binom_limit_lower`` the same for the binomial.
- ``norm_quantile_upper(alpha)``: the z with P(Z >= z) = alpha.
- ``chi2_p_upper(x, df)``: P(X >= x) for X ~ chi-square with df degrees of freedom (the
  first-digit test of KRI-PR-BENFORD: nine digits, 8 degrees of freedom).

A null anywhere gives null; so does an argument outside the distribution's domain.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import numpy as np
import pyarrow as pa
from duckdb.sqltypes import DOUBLE
from scipy import special, stats


def _args(*arrays: pa.Array) -> tuple[list[np.ndarray], np.ndarray]:
    values = [np.asarray(a.to_numpy(zero_copy_only=False), dtype=float) for a in arrays]
    return values, np.logical_and.reduce([np.isfinite(v) for v in values])


def _out(result: np.ndarray, ok: np.ndarray) -> pa.Array:
    """NaN (no answer, or an argument outside the domain) becomes null."""
    return pa.array(np.where(ok, result, np.nan), type=pa.float64(), from_pandas=True)


def poisson_p_upper(x: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """P(X >= x), X ~ Poisson(mu): 1 for x <= 0, the lower regularised gamma P(x, mu)."""
    with np.errstate(all="ignore"):
        return np.where(x <= 0, 1.0, special.gammainc(np.maximum(x, 1e-300), mu))


def poisson_p_lower(x: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """P(X <= x), X ~ Poisson(mu): the upper regularised gamma Q(x + 1, mu)."""
    with np.errstate(all="ignore"):
        return np.where(x < 0, 0.0, special.gammaincc(x + 1, mu))


def binom_p_upper(x: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """P(X >= x), X ~ Binomial(n, p), x and n whole numbers."""
    with np.errstate(all="ignore"):
        return stats.binom.sf(np.ceil(x) - 1, n, p)


def binom_p_lower(x: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """P(X <= x), X ~ Binomial(n, p)."""
    with np.errstate(all="ignore"):
        return stats.binom.cdf(np.floor(x), n, p)


def binomc_p_upper(x: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """P(X >= x) for a binomial extended to real x and n (the regularised incomplete beta
    function I_p(x, n - x + 1), equal to the binomial's tail at whole numbers): the test
    of a share whose variance is given as an effective number of trials."""
    with np.errstate(all="ignore"):
        inside = special.betainc(np.maximum(x, 1e-300), np.maximum(n - x + 1, 1e-300), p)
        return np.where(x <= 0, 1.0, np.where(x > n, 0.0, inside))


def binomc_p_lower(x: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """P(X <= x) for the same extended binomial: I_(1-p)(n - x, x + 1)."""
    with np.errstate(all="ignore"):
        inside = special.betainc(np.maximum(n - x, 1e-300), x + 1, 1 - p)
        return np.where(x < 0, 0.0, np.where(x >= n, 1.0, inside))


def _bisect(tail: Callable[[np.ndarray], np.ndarray], lo: np.ndarray, hi: np.ndarray, rising: bool):
    """The x in [lo, hi] where a monotone tail probability crosses zero (``tail`` returns
    tail - alpha), to 2^-40 of the range."""
    lo, hi = lo.astype(float).copy(), hi.astype(float).copy()
    for _ in range(40):
        mid = (lo + hi) / 2
        above = tail(mid) > 0
        # a falling tail above alpha at mid: the crossing is higher; a rising one: lower
        go_up = ~above if rising else above
        lo, hi = np.where(go_up, mid, lo), np.where(go_up, hi, mid)
    return (lo + hi) / 2


def poissonc_limit_upper(mu: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The x from which P(X >= x) <= alpha, for the Poisson extended to real x (a stock
    counted monthly is tested on its monthly mean, which is fractional)."""
    with np.errstate(all="ignore"):
        top = mu + 50 * np.sqrt(mu) + 50
        return _bisect(lambda x: poisson_p_upper(x, mu) - alpha, np.zeros_like(mu), top, False)


def poissonc_limit_lower(mu: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The x up to which P(X <= x) <= alpha, for the extended Poisson (below 0: none)."""
    with np.errstate(all="ignore"):
        x = _bisect(lambda x: poisson_p_lower(x, mu) - alpha, np.full_like(mu, -1.0), mu, True)
        # no count is that low when even 0 is more likely than alpha
        return np.where(poisson_p_lower(np.zeros_like(mu), mu) > alpha, -1.0, x)


def binomc_limit_upper(n: np.ndarray, p: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The x from which P(X >= x) <= alpha, for the extended binomial."""
    with np.errstate(all="ignore"):
        return _bisect(lambda x: binomc_p_upper(x, n, p) - alpha, np.zeros_like(n), n + 1, False)


def binomc_limit_lower(n: np.ndarray, p: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The x up to which P(X <= x) <= alpha (below 0: no share is that low)."""
    with np.errstate(all="ignore"):
        x = _bisect(lambda x: binomc_p_lower(x, n, p) - alpha, np.full_like(n, -1.0), n, True)
        return np.where(binomc_p_lower(np.zeros_like(n), n, p) > alpha, -1.0, x)


def poisson_limit_upper(mu: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return stats.poisson.ppf(1 - alpha, mu) + 1


def poisson_limit_lower(mu: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        x = stats.poisson.ppf(alpha, mu)
        return np.where(stats.poisson.cdf(x, mu) <= alpha, x, x - 1)


def binom_limit_upper(n: np.ndarray, p: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return stats.binom.ppf(1 - alpha, n, p) + 1


def binom_limit_lower(n: np.ndarray, p: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        x = stats.binom.ppf(alpha, n, p)
        return np.where(stats.binom.cdf(x, n, p) <= alpha, x, x - 1)


def norm_p_upper(z: np.ndarray) -> np.ndarray:
    return special.ndtr(-z)


def norm_quantile_upper(alpha: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return special.ndtri(1 - alpha)


def chi2_p_upper(x: np.ndarray, df: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return stats.chi2.sf(x, df)


FUNCTIONS: dict[str, Callable[..., np.ndarray]] = {
    "poisson_p_upper": poisson_p_upper,
    "poisson_p_lower": poisson_p_lower,
    "binom_p_upper": binom_p_upper,
    "binom_p_lower": binom_p_lower,
    "poisson_limit_upper": poisson_limit_upper,
    "poisson_limit_lower": poisson_limit_lower,
    "binom_limit_upper": binom_limit_upper,
    "binom_limit_lower": binom_limit_lower,
    "binomc_p_upper": binomc_p_upper,
    "binomc_p_lower": binomc_p_lower,
    "poissonc_limit_upper": poissonc_limit_upper,
    "poissonc_limit_lower": poissonc_limit_lower,
    "binomc_limit_upper": binomc_limit_upper,
    "binomc_limit_lower": binomc_limit_lower,
    "norm_p_upper": norm_p_upper,
    "norm_quantile_upper": norm_quantile_upper,
    "chi2_p_upper": chi2_p_upper,
}


def _vectorised(fn: Callable[..., np.ndarray], arity: int) -> Callable[..., pa.Array]:
    """``fn`` over Arrow arrays, with the fixed arity DuckDB reads from the signature."""

    def call(*arrays: pa.Array) -> pa.Array:
        values, ok = _args(*arrays)
        return _out(np.asarray(fn(*values), dtype=float), ok)

    if arity == 1:
        return lambda a: call(a)
    if arity == 2:
        return lambda a, b: call(a, b)
    return lambda a, b, c: call(a, b, c)


def register(con: duckdb.DuckDBPyConnection) -> None:
    """Make every function above callable from SQL on ``con`` (again: replaced)."""
    for name, fn in FUNCTIONS.items():
        arity = fn.__code__.co_argcount
        try:
            con.remove_function(name)
        except duckdb.InvalidInputException:
            pass
        con.create_function(
            name,
            _vectorised(fn, arity),
            [DOUBLE] * arity,
            DOUBLE,
            type="arrow",
            null_handling="special",
            side_effects=False,
        )
