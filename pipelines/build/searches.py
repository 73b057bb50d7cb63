"""The monotone searches behind the limits of pipelines/build/stats.py, vectorised over
numpy arrays: where a tail probability crosses alpha, over real numbers (bisection) or
whole ones (the first count where a test holds).

A limit is where a monotone tail crosses alpha, so these search by evaluating the tail,
never by an approximation: a guess only says where to look first (first_whole_near),
and the answer is the one bisection over the whole range gives (while the tails are
monotone: scipy's are down to about 1e-270, and the catalogue's alphas are at least
1e-10).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# holds(x, at): the test at the whole numbers x for the elements ``at`` (indices) only
Holds = Callable[[np.ndarray, np.ndarray], np.ndarray]


def bisect(tail: Callable[[np.ndarray], np.ndarray], lo: np.ndarray, hi: np.ndarray, rising: bool):
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


def first_whole(holds: Holds, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The smallest whole x in [lo, hi] where ``holds`` (false below some x, true from
    there on) is true; ``holds(hi)`` must be true. ``holds(x, at)`` is asked only for the
    elements ``at`` (indices) still open: a small unit's range closes in a few steps, a
    large one's takes more, and the exact tails are the cost (scipy's hypergeometric sums
    its terms), so closed elements are not asked again."""
    lo, hi = np.floor(lo), np.ceil(hi)
    for _ in range(80):
        at = np.flatnonzero(hi > lo)
        if at.size == 0:
            break
        mid = np.floor((lo[at] + hi[at]) / 2)
        ok = holds(mid, at)
        lo[at] = np.where(ok, lo[at], mid + 1)
        hi[at] = np.where(ok, mid, hi[at])
    return hi


def first_whole_near(holds: Holds, lo: np.ndarray, hi: np.ndarray, guess: np.ndarray):
    """first_whole, looking first near ``guess`` (an approximation of the answer; NaN
    where there is none): the test at the guess, then at steps of 1, 2, 4, ... away
    from it until it changes, then bisection between the last two. For a monotone test
    the answer is first_whole's over [lo, hi]; a good guess asks the test some 4 times
    where bisection over 0..n asks it log2(n) times, and a bad one at most about twice
    as often as bisection. (A test that is not monotone has more than one place where
    it changes, and two searches may find different ones: scipy's exact tails below
    about 1e-270, which the catalogue's floor on alpha keeps out.)"""
    lo, hi = np.floor(lo).astype(float), np.ceil(hi).astype(float)
    guess = np.where(np.isfinite(guess), np.round(guess), lo)
    start = np.clip(guess, lo, hi)
    # only the open ranges are asked (a closed one, such as an argument outside the
    # domain given lo = hi, has its answer; its test may not even be defined)
    at = np.flatnonzero(hi > lo)
    ok = np.ones(start.shape, dtype=bool)
    ok[at] = holds(start[at], at)
    # true at the start: the answer is at or below it (look down); false: above it (up)
    down = ok.copy()
    hi = np.where(ok, np.minimum(start, hi), hi)
    lo = np.where(ok, lo, start + 1)
    step = np.ones_like(start)
    moving = hi > lo
    for _ in range(80):
        at = np.flatnonzero(moving)
        if at.size == 0:
            break
        going_down = down[at]
        probe = np.where(going_down, hi[at] - step[at], lo[at] + step[at] - 1)
        # a probe outside the bracket ends the walk: bisection takes it from there
        inside = (probe >= lo[at]) & (probe < hi[at])
        moving[at[~inside]] = False
        at, probe, going_down = at[inside], probe[inside], going_down[inside]
        if at.size == 0:
            continue
        ok = holds(probe, at)
        hi[at] = np.where(ok, probe, hi[at])
        lo[at] = np.where(ok, lo[at], probe + 1)
        # the walk goes on while the test keeps the value it had at the start
        on = np.where(going_down, ok, ~ok)
        moving[at[~on]] = False
        step[at] *= 2
    return first_whole(holds, lo, hi)


def reach(holds: Holds, start: np.ndarray) -> np.ndarray:
    """A whole x >= start where ``holds`` is true, by doubling (NaN where none is found);
    ``holds(x, at)`` as in first_whole."""
    hi = np.maximum(np.ceil(start), 1.0)
    found = np.zeros(hi.shape, dtype=bool)
    for _ in range(70):
        at = np.flatnonzero(~found)
        if at.size == 0:
            return hi
        ok = holds(hi[at], at)
        found[at] = ok
        hi[at[~ok]] *= 2
    return np.where(found, hi, np.nan)
