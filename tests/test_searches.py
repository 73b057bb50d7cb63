"""The searches behind the limits (pipelines/build/searches.py): a search that starts
from a guess finds what bisection over the whole range finds, whatever the guess, and
asks the test fewer times when the guess is good."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.build import stats
from pipelines.build.searches import first_whole, first_whole_near

GUESS = st.one_of(st.floats(-1e6, 1e6), st.just(float("nan")), st.just(float("inf")))


def counted(answers: np.ndarray):
    """A monotone test (true from answers[i] on) that counts the values it was asked."""
    asked = []

    def holds(x: np.ndarray, at: np.ndarray) -> np.ndarray:
        asked.append(len(at))
        return x >= answers[at]

    return holds, asked


@settings(max_examples=300, deadline=None)
@given(
    cases=st.lists(
        st.tuples(st.integers(0, 5000), st.integers(0, 5000), GUESS), min_size=1, max_size=20
    ),
)
def test_from_any_guess_the_answer_is_bisections(cases) -> None:
    """lo <= answer <= hi, the guess anywhere (inside, outside, far off, none)."""
    answer = np.array([float(a) for a, _, _ in cases])
    hi = answer + np.array([float(w) for _, w, _ in cases])
    lo = np.zeros_like(answer)
    guess = np.array([g for *_, g in cases])
    holds, _ = counted(answer)
    plain = first_whole(holds, lo.copy(), hi.copy())
    near = first_whole_near(holds, lo.copy(), hi.copy(), guess)
    assert near.tolist() == plain.tolist() == answer.tolist()


def test_a_guess_within_one_asks_four_times_where_bisection_asks_thirteen() -> None:
    """The point of the guess: 0..5000 takes bisection 13 questions; a guess at most one
    off at most 4 (the test at the guess, a step or two away, a bisection step), one five
    off half as many as bisection."""
    answer = np.array([2345.0])
    holds, asked = counted(answer)
    first_whole(holds, np.zeros(1), np.array([5000.0]))
    assert len(asked) == 13
    for guess, most in ((2344.0, 4), (2346.0, 4), (2345.0, 4), (2340.0, 6)):
        holds, asked = counted(answer)
        assert first_whole_near(holds, np.zeros(1), np.array([5000.0]), np.array([guess])) == 2345
        assert len(asked) <= most, (guess, len(asked))


def test_a_closed_range_is_never_asked() -> None:
    """lo = hi (an argument outside the domain: the Fisher limits give it 0..0) has its
    answer; its test may not be defined there (helper-126: scipy asked about n = 1e15
    ran for minutes)."""
    answer = np.array([3.0, 0.0, 7.0])

    def holds(x: np.ndarray, at: np.ndarray) -> np.ndarray:
        assert 1 not in at, "the closed range was asked"
        return x >= answer[at]

    lo, hi = np.zeros(3), np.array([10.0, 0.0, 10.0])
    found = first_whole_near(holds, lo, hi, np.array([5.0, 5.0, float("nan")]))
    assert found.tolist() == [3.0, 0.0, 7.0]


@pytest.mark.parametrize("alphas", [(1e-4, 0.001, 0.005, 0.05), (1e-10 / 400, 1e-13, 1e-16)])
def test_the_fisher_limits_are_those_of_bisection_from_0_to_n(alphas) -> None:
    """Units of a few to some thousands of people against a rest of some thousands (as
    on the large demo): the limits from the guess are those of bisection from 0 to n;
    at the catalogue's alphas and down to its floor shared over 400 tests and below
    (where 1 - alpha is 1: the guess is made from alpha itself)."""
    rng = np.random.default_rng(7)
    size = 400
    n = np.round(np.exp(rng.uniform(np.log(5), np.log(4000), size)))
    m = np.round(np.exp(rng.uniform(np.log(20), np.log(30000), size)))
    r = np.round(m * rng.choice([0.0, 0.001, 0.02, 0.3, 0.9, 1.0], size))
    alpha = rng.choice(alphas, size)
    upper = stats.fisher_limit_upper(n, r, m, alpha)
    lower = stats.fisher_limit_lower(n, r, m, alpha)

    def holds(x: np.ndarray, at: np.ndarray) -> np.ndarray:
        tail = stats.fisher_p_upper(np.minimum(x, n[at]), n[at], r[at], m[at])
        return (x > n[at]) | (tail <= alpha[at])

    def past(x: np.ndarray, at: np.ndarray) -> np.ndarray:
        tail = stats.fisher_p_lower(np.minimum(x, n[at]), n[at], r[at], m[at])
        return (x > n[at]) | (tail > alpha[at])

    assert upper.tolist() == first_whole(holds, np.zeros(size), n + 1).tolist()
    assert lower.tolist() == (first_whole(past, np.zeros(size), n + 1) - 1).tolist()
