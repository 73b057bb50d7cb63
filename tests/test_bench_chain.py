"""make bench's longest chain of models (bench/run.py longest_chain): the path over what
each model reads with the most seconds, which two models at a time cannot shorten."""

from __future__ import annotations

import sys
from pathlib import Path

from pipelines.build.models import Model

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from run import longest_chain  # noqa: E402


def model(name: str, *reads: str) -> Model:
    return Model(name, "intermediate", Path(f"{name}.sql"), "select 1", frozenset(reads))


def test_the_longest_chain_is_the_path_of_most_seconds_not_of_most_models() -> None:
    # d reads a (1.0 s) and c, which reads b: a -> d is 1.4 s, b -> c -> d 1.2 s
    models = [model("a"), model("b"), model("c", "b"), model("d", "a", "c")]
    seconds = {"a": 1.0, "b": 0.4, "c": 0.4, "d": 0.4}
    total, chain = longest_chain(models, seconds)
    assert chain == ["a", "d"] and abs(total - 1.4) < 1e-9  # a (1.0) beats b, c (0.8)
    seconds["b"] = 0.7  # b, c now 1.1 before d: that way is longer
    total, chain = longest_chain(models, seconds)
    assert chain == ["b", "c", "d"] and abs(total - 1.5) < 1e-9


def test_a_model_reading_nothing_is_a_chain_of_its_own() -> None:
    total, chain = longest_chain([model("a"), model("b")], {"a": 0.2, "b": 0.3})
    assert (total, chain) == (0.3, ["b"])
