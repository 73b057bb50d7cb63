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

A unit against the rest of its organisation (the exact conditional tests; README, Scoring):

- counts: given C = x + r events in the unit and the rest, under equal rates x ~
  Binomial(C, q) with q the unit's share of the exposure (Przyborowski and Wilenski
  1940); its tails are ``binom_p_upper(x, x + r, q)`` or, for real counts,
  ``binomc_p_upper(x, x + r, q)`` (and the lower ones). ``poisson_cond_limit_upper(r,
  q, alpha)``: the smallest whole x with P(X >= x) <= alpha, given the rest's r;
  ``poisson_cond_limit_lower``: the largest whole x with P(X <= x) <= alpha, -1 when
  none. ``poisson_condc_limit_upper`` and ``poisson_condc_limit_lower`` the same over
  real x (a stock counted monthly).
- shares: Fisher's exact test, x of n in the unit and r of m in the rest, the unit's
  count hypergeometric given both margins: ``fisher_p_upper(x, n, r, m)`` P(X >= x),
  ``fisher_p_lower`` P(X <= x); ``fisher_limit_upper(n, r, m, alpha)`` the smallest x in
  0..n with P(X >= x) <= alpha (n + 1 when none), ``fisher_limit_lower`` the largest
  with P(X <= x) <= alpha (-1 when none).

The limits hold the rest's count fixed and move the unit's: the tails are monotone in it
(more events in the unit, the same in the rest, is more extreme), so a monotone search
finds the count from which the test would flag.

A null anywhere gives null; so does an argument outside the distribution's domain.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import scipy
from duckdb.sqltypes import DOUBLE
from scipy import special, stats

from pipelines.build import searches
from pipelines.build.function_names import NAMES
from pipelines.build.searches import bisect, first_whole, first_whole_near, reach


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


def poissonc_limit_upper(mu: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The x from which P(X >= x) <= alpha, for the Poisson extended to real x (a stock
    counted monthly is tested on its monthly mean, which is fractional)."""
    with np.errstate(all="ignore"):
        top = mu + 50 * np.sqrt(mu) + 50
        return bisect(lambda x: poisson_p_upper(x, mu) - alpha, np.zeros_like(mu), top, False)


def poissonc_limit_lower(mu: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The x up to which P(X <= x) <= alpha, for the extended Poisson (below 0: none)."""
    with np.errstate(all="ignore"):
        x = bisect(lambda x: poisson_p_lower(x, mu) - alpha, np.full_like(mu, -1.0), mu, True)
        # no count is that low when even 0 is more likely than alpha
        return np.where(poisson_p_lower(np.zeros_like(mu), mu) > alpha, -1.0, x)


def binomc_limit_upper(n: np.ndarray, p: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The x from which P(X >= x) <= alpha, for the extended binomial."""
    with np.errstate(all="ignore"):
        return bisect(lambda x: binomc_p_upper(x, n, p) - alpha, np.zeros_like(n), n + 1, False)


def binomc_limit_lower(n: np.ndarray, p: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The x up to which P(X <= x) <= alpha (below 0: no share is that low)."""
    with np.errstate(all="ignore"):
        x = bisect(lambda x: binomc_p_lower(x, n, p) - alpha, np.full_like(n, -1.0), n, True)
        return np.where(binomc_p_lower(np.zeros_like(n), n, p) > alpha, -1.0, x)


def _rest_domain(r: np.ndarray, q: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    return (r >= 0) & (q > 0) & (q < 1) & (alpha > 0) & (alpha < 1)


def _cond_upper(x: np.ndarray, r: np.ndarray, q: np.ndarray) -> np.ndarray:
    """P(X >= x), X ~ Binomial(x + r, q), over real x and r (the incomplete beta)."""
    return binomc_p_upper(x, x + r, q)


def _cond_lower(x: np.ndarray, r: np.ndarray, q: np.ndarray) -> np.ndarray:
    """P(X <= x), X ~ Binomial(x + r, q), over real x and r."""
    return binomc_p_lower(x, x + r, q)


def poisson_cond_limit_upper(r: np.ndarray, q: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The smallest whole count x with P(X >= x) <= alpha for X ~ Binomial(x + r, q): the
    count from which a unit with exposure share q is past the limit, the rest having r."""
    with np.errstate(all="ignore"):
        ok = _rest_domain(r, q, alpha)
        r, q, alpha = np.where(ok, r, 0.0), np.where(ok, q, 0.5), np.where(ok, alpha, 0.5)
        r = np.round(r)

        def holds(x: np.ndarray, at: np.ndarray) -> np.ndarray:
            return _cond_upper(x, r[at], q[at]) <= alpha[at]

        hi = reach(holds, r * q / (1 - q) + 1)
        x = first_whole(holds, np.zeros_like(r), np.where(np.isnan(hi), 0.0, hi))
        return np.where(ok & ~np.isnan(hi), x, np.nan)


def poisson_cond_limit_lower(r: np.ndarray, q: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The largest whole count x with P(X <= x) <= alpha for X ~ Binomial(x + r, q), -1
    when even none is likelier than alpha (always so when the rest has no events)."""
    with np.errstate(all="ignore"):
        ok = _rest_domain(r, q, alpha)
        r, q, alpha = np.where(ok, r, 0.0), np.where(ok, q, 0.5), np.where(ok, alpha, 0.5)
        r = np.round(r)

        def past(x: np.ndarray, at: np.ndarray) -> np.ndarray:
            return _cond_lower(x, r[at], q[at]) > alpha[at]

        hi = reach(past, r * q / (1 - q) + 1)
        x = first_whole(past, np.zeros_like(r), np.where(np.isnan(hi), 0.0, hi)) - 1
        return np.where(ok & ~np.isnan(hi), x, np.nan)


def poisson_condc_limit_upper(r: np.ndarray, q: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The real x from which P(X >= x) <= alpha for the binomial of x + r trials extended to
    real numbers (a stock counted monthly is tested on its monthly mean)."""
    with np.errstate(all="ignore"):
        ok = _rest_domain(r, q, alpha)
        r, q, alpha = np.where(ok, r, 0.0), np.where(ok, q, 0.5), np.where(ok, alpha, 0.5)
        hi = reach(lambda x, at: _cond_upper(x, r[at], q[at]) <= alpha[at], r * q / (1 - q) + 1)
        top = np.where(np.isnan(hi), 1.0, hi)
        x = bisect(lambda x: _cond_upper(x, r, q) - alpha, np.zeros_like(r), top, False)
        return np.where(ok & ~np.isnan(hi), x, np.nan)


def poisson_condc_limit_lower(r: np.ndarray, q: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """The real x up to which P(X <= x) <= alpha for the same extended binomial (-1: none)."""
    with np.errstate(all="ignore"):
        ok = _rest_domain(r, q, alpha)
        r, q, alpha = np.where(ok, r, 0.0), np.where(ok, q, 0.5), np.where(ok, alpha, 0.5)
        hi = reach(lambda x, at: _cond_lower(x, r[at], q[at]) > alpha[at], r * q / (1 - q) + 1)
        top = np.where(np.isnan(hi), 1.0, hi)
        x = bisect(lambda x: _cond_lower(x, r, q) - alpha, np.zeros_like(r), top, True)
        none = _cond_lower(np.zeros_like(r), r, q) > alpha
        return np.where(ok & ~np.isnan(hi), np.where(none, -1.0, x), np.nan)


def _fisher_domain(n: np.ndarray, r: np.ndarray, m: np.ndarray) -> np.ndarray:
    return (n >= 0) & (m > 0) & (r >= 0) & (r <= m)


def fisher_p_upper(x: np.ndarray, n: np.ndarray, r: np.ndarray, m: np.ndarray) -> np.ndarray:
    """P(X >= x) for Fisher's exact test: x of n in the unit, r of m in the rest, X
    hypergeometric (n + m in all, x + r of them events, n drawn)."""
    with np.errstate(all="ignore"):
        x, n, r, m = np.round(x), np.round(n), np.round(r), np.round(m)
        ok = _fisher_domain(n, r, m) & (x >= 0) & (x <= n)
        p = stats.hypergeom.sf(x - 1, n + m, x + r, n)
        return np.where(ok, p, np.nan)


def fisher_p_lower(x: np.ndarray, n: np.ndarray, r: np.ndarray, m: np.ndarray) -> np.ndarray:
    """P(X <= x) for Fisher's exact test (the same margins)."""
    with np.errstate(all="ignore"):
        x, n, r, m = np.round(x), np.round(n), np.round(r), np.round(m)
        ok = _fisher_domain(n, r, m) & (x >= 0) & (x <= n)
        p = stats.hypergeom.cdf(x, n + m, x + r, n)
        return np.where(ok, p, np.nan)


def _fisher_guess(n: np.ndarray, r: np.ndarray, m: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Where to look first for a Fisher limit (searches.first_whole_near): the unit's
    count z standard errors from the rest's rate p (the difference of two binomial
    shares: variance n p (1 - p) (1 + n / m)), with the binomial's skew (Cornish-Fisher:
    (z^2 - 1)(1 - 2p) / 6) and half a count for continuity. Only a starting point: the
    limit is searched on the exact tails. On the large demo it is within one count of
    the limit for three in four cells."""
    p = r / m
    spread = np.sqrt(n * p * (1 - p) * (1 + n / m))
    return n * p + z * spread + (z**2 - 1) * (1 - 2 * p) / 6 + 0.5


def fisher_limit_upper(
    n: np.ndarray, r: np.ndarray, m: np.ndarray, alpha: np.ndarray
) -> np.ndarray:
    """The smallest x in 0..n with Fisher's P(X >= x) <= alpha, the rest's r of m held
    fixed; n + 1 when no count of the unit is that extreme."""
    with np.errstate(all="ignore"):
        n, r, m = np.round(n), np.round(r), np.round(m)
        ok = _fisher_domain(n, r, m) & (alpha > 0) & (alpha < 1)

        def holds(x: np.ndarray, at: np.ndarray) -> np.ndarray:
            n_, r_, m_ = n[at], r[at], m[at]
            inside = np.minimum(x, n_)
            tail = stats.hypergeom.sf(inside - 1, n_ + m_, inside + r_, n_)
            return (x > n_) | (tail <= alpha[at])

        guess = _fisher_guess(n, r, m, -special.ndtri(alpha))  # 1 - alpha: 1 below 1e-16
        x = first_whole_near(holds, np.zeros_like(n), np.where(ok, n + 1, 0.0), guess)
        return np.where(ok, x, np.nan)


def fisher_limit_lower(
    n: np.ndarray, r: np.ndarray, m: np.ndarray, alpha: np.ndarray
) -> np.ndarray:
    """The largest x in 0..n with Fisher's P(X <= x) <= alpha, -1 when none."""
    with np.errstate(all="ignore"):
        n, r, m = np.round(n), np.round(r), np.round(m)
        ok = _fisher_domain(n, r, m) & (alpha > 0) & (alpha < 1)

        def past(x: np.ndarray, at: np.ndarray) -> np.ndarray:
            n_, r_, m_ = n[at], r[at], m[at]
            inside = np.minimum(x, n_)
            return (x > n_) | (stats.hypergeom.cdf(inside, n_ + m_, inside + r_, n_) > alpha[at])

        guess = _fisher_guess(n, r, m, special.ndtri(alpha))
        x = first_whole_near(past, np.zeros_like(n), np.where(ok, n + 1, 0.0), guess) - 1
        return np.where(ok, x, np.nan)


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


# every function the models may call, by the name they call it (function_names.NAMES)
FUNCTIONS: dict[str, Callable[..., np.ndarray]] = {name: globals()[name] for name in NAMES}


# The limits are searches (each a dozen or more scipy calls per value) and Fisher's tails
# sum their terms: each distinct argument tuple is computed once, and kept for the next
# call in this process (a rebuild after a register edit, the next window's cells). The
# functions are pure, so a kept value is the value. Bounded over all functions together
# (about 230 bytes a value: 200,000 is some 45 MiB): every memo is emptied when this
# many would be kept, and a call with more new values than this keeps none.
MEMO_LIMIT = 200_000
_MEMO: dict[str, dict[tuple[float, ...], float]] = {}
# The argument tuples asked for since recall() (None: no build is noting them).
_USED: dict[str, set[tuple[float, ...]]] | None = None


def _memoised(name: str, fn: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
    """``fn`` computed only for the argument tuples it has not been asked before (the
    functions are elementwise: a value depends on its own arguments alone)."""

    def call(*values: np.ndarray) -> np.ndarray:
        if values[0].size == 0:
            return np.asarray(fn(*values), dtype=float)
        unique, inverse = np.unique(np.column_stack(values), axis=0, return_inverse=True)
        memo = _MEMO.setdefault(name, {})
        keys = list(map(tuple, unique.tolist()))
        known = [memo.get(k) for k in keys]
        todo = [i for i, v in enumerate(known) if v is None]
        result = np.array([np.nan if v is None else v for v in known], dtype=float)
        if todo:
            fresh = np.asarray(fn(*(unique[todo, j] for j in range(len(values)))), dtype=float)
            result[todo] = fresh
            if sum(map(len, _MEMO.values())) + len(todo) > MEMO_LIMIT:
                for kept in _MEMO.values():
                    kept.clear()
            if len(todo) <= MEMO_LIMIT:
                memo.update(zip([keys[i] for i in todo], fresh.tolist(), strict=True))
        if _USED is not None:
            _USED.setdefault(name, set()).update(keys)
        return result[inverse.reshape(-1)]

    return call


def _vectorised(fn: Callable[..., np.ndarray], arity: int) -> Callable[..., pa.Array]:
    """``fn`` over Arrow arrays, with the fixed arity DuckDB reads from the signature; a
    search or a hypergeometric tail only for rows with every argument present, each
    distinct one once (_memoised)."""
    name = fn.__name__
    searched = "limit" in name or name.startswith("fisher")
    compute = _memoised(name, fn) if searched else fn

    def call(*arrays: pa.Array) -> pa.Array:
        values, ok = _args(*arrays)
        if not searched:
            return _out(np.asarray(fn(*values), dtype=float), ok)
        result = np.full(ok.shape, np.nan)
        result[ok] = compute(*(v[ok] for v in values))
        return _out(result, ok)

    if arity == 1:
        return lambda a: call(a)
    if arity == 2:
        return lambda a, b: call(a, b)
    if arity == 3:
        return lambda a, b, c: call(a, b, c)
    return lambda a, b, c, d: call(a, b, c, d)


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


# --- the memo kept in the warehouse --------------------------------------------------
# A build in a new process (`radar ingest` of next month's files, `radar build`) would
# search every limit again: most cells are the same as in the build before (the months
# that did not change). The values a build used are kept in the warehouse it builds
# (MEMO_TABLE, written by keep) and read back by the next build (recall), under the
# version of this code and of scipy and numpy: a value kept by other code is never read.
# The table holds only the tuples its own build asked for (a full rebuild replaces it),
# so it stays the size of one build's searches and holds no other warehouse's numbers.
MEMO_TABLE = "_stats_memo"


def _code_version(code: bytes) -> str:
    versions = f"{scipy.__version__} {np.__version__}".encode()
    return hashlib.sha256(code + versions).hexdigest()[:16]


# This module's code and its searches' (searches.py) as they were imported: a process that
# runs on after a new version is installed (the dashboard) keeps its values under its own
# code's version, not the files' on disk (helper-102).
_LOADED_CODE = b"\0".join(Path(f).read_bytes() for f in (__file__, searches.__file__))


def memo_version() -> str:
    """Which computation a kept value is of: this module's code and searches.py's as
    imported, scipy's and numpy's versions."""
    return _code_version(_LOADED_CODE)


def _memo_rows(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """The warehouse's kept values of this version; none when it keeps none (or a table
    this code cannot read: the memo is a cache, it never fails a build)."""
    try:
        return con.execute(
            f"select fn, a::double, b::double, c::double, d::double, value::double "
            f"from {MEMO_TABLE} where version = ?",
            [memo_version()],
        ).fetchall()
    except duckdb.Error:
        return []


def recall(con: duckdb.DuckDBPyConnection) -> None:
    """Read the values the warehouse kept into the memo, and note from now on which
    argument tuples are asked for (for keep)."""
    global _USED
    _USED = {}
    room = MEMO_LIMIT - sum(map(len, _MEMO.values()))
    for fn, *args, value in _memo_rows(con)[: max(room, 0)]:
        arity = FUNCTIONS[fn].__code__.co_argcount if fn in FUNCTIONS else 0
        key = tuple(args[:arity])
        if arity and value is not None and None not in key:
            _MEMO.setdefault(fn, {})[key] = float(value)


def forget_used() -> None:
    """Stop noting (a build that failed keeps nothing)."""
    global _USED
    _USED = None


def keep(con: duckdb.DuckDBPyConnection, *, replace: bool) -> None:
    """Write the values asked for since recall() to the warehouse: instead of what it
    kept (``replace``: a build of every model) or beside it (a build of some models)."""
    global _USED
    used, _USED = _USED, None
    if used is None:
        return
    rows = {
        (fn, *key, *[None] * (4 - len(key))): _MEMO[fn][key]
        for fn, keys in used.items()
        for key in keys
        if key in _MEMO.get(fn, {})
    }
    if not replace:
        if not rows:
            return
        for fn, *args, value in _memo_rows(con):
            rows.setdefault((fn, *args), value)
    names = ("fn", "a", "b", "c", "d", "value")
    columns = list(zip(*[(*k, v) for k, v in list(rows.items())[:MEMO_LIMIT]], strict=True))
    kept = pa.table(
        [
            pa.array(columns[i] if columns else [], type=pa.string() if i == 0 else pa.float64())
            for i in range(6)
        ],
        names=names,
    )
    con.register("_kept_memo", kept)
    try:
        con.execute(
            f"create or replace table {MEMO_TABLE} as select ? as version, * from _kept_memo",
            [memo_version()],
        )
    finally:
        con.unregister("_kept_memo")
