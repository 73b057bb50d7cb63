"""pipelines/core/headline.py: the one definition of the finding and of gestegen / gedaald /
nieuw rood, on plain rows as the snapshots and the marts hold them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipelines.core import headline

REPO = Path(__file__).resolve().parent.parent
# Taken by the code before the scoring method had a number (no coverage, no score_rule,
# no expected_likelihood, the old run-on texts); its own summary counted a risk as moved
# when it moved in ANY department: 10 up, 8 down, 5 new red.
OLD = REPO / "tests" / "fixtures" / "snapshot_before_scoring_method" / "2026-Q3.json"


def change(risk: str, level: str = "organisatie", unit: str = "ORG", **values) -> dict:
    row = {
        "risk_id": risk,
        "risk_name_nl": f"Risico {risk}",
        "risk_name_en": f"Risk {risk}",
        "org_unit_id": unit,
        "org_level": level,
        "previous_period": "2026-Q2",
        "previous_observed_likelihood": 2.0,
        "observed_likelihood": 2.0,
        "direction": "gelijk",
        "is_new_red": False,
    }
    return row | values


def score(risk: str, gap: float | None, level: str | None, **values) -> dict:
    row = {
        "risk_id": risk,
        "risk_name_nl": f"Risico {risk}",
        "risk_name_en": f"Risk {risk}",
        "org_level": "organisatie",
        "assurance_gap": gap,
        "level": level,
    }
    return row | values


def test_only_the_organisations_rows_are_counted_never_a_departments() -> None:
    rows = [
        change("A", direction="omhoog", observed_likelihood=3.0),
        change("B", direction="omlaag", observed_likelihood=1.0),
        change("C", is_new_red=True),
        # the same risks and more, moved in departments: none of them counts
        change("A", "afdeling", "D1", direction="omlaag"),
        change("D", "afdeling", "D1", direction="omhoog"),
        change("E", "afdeling", "D2", direction="omlaag", is_new_red=True),
        change("F", "team", "T1", direction="omhoog", is_new_red=True),
    ]
    moved = headline.movements(rows)
    assert moved.has_previous and moved.previous == "2026-Q2"
    assert [r["risk_id"] for r in moved.up] == ["A"]
    assert [r["risk_id"] for r in moved.down] == ["B"]
    assert [r["risk_id"] for r in moved.new_red] == ["C"]
    assert moved.counts == {"up": 1, "down": 1, "new_red": 1}


def test_without_a_previous_quarter_nothing_moved() -> None:
    rows = [
        change("A", direction="omhoog", previous_observed_likelihood=None),
        change("B", is_new_red=True, previous_observed_likelihood=float("nan")),
        # a department with a previous value does not make the organisation's quarter
        # comparable
        change("B", "afdeling", "D1", direction="omhoog"),
    ]
    moved = headline.movements(rows)
    assert not moved.has_previous
    assert moved.counts == {"up": 0, "down": 0, "new_red": 0}
    sentence = headline.moved_sentence(moved, 19, "nl")
    assert sentence.startswith("Er is geen vorig kwartaal (2026-Q2)")
    assert "gestegen bij" not in sentence


def test_a_numpy_true_from_a_mart_counts_as_new_red() -> None:
    """Rows read from DuckDB through pandas may hold numpy booleans."""
    numpy = pytest.importorskip("numpy")
    moved = headline.movements([change("A", is_new_red=numpy.bool_(True))])
    assert [r["risk_id"] for r in moved.new_red] == ["A"]


def test_the_finding_names_the_red_largest_gap_first_then_the_orange() -> None:
    rows = [
        score("A", 6.0, "rood"),
        score("B", 9.5, "rood"),
        score("C", 3.0, "oranje"),
        score("D", 1.0, "groen"),
        score("E", None, None, score_rule="onvoldoende_gegevens"),
    ]
    found = headline.finding(rows, total=6)
    assert [r["risk_id"] for r in found.red] == ["B", "A"]
    assert [r["risk_id"] for r in found.orange] == ["C"]
    assert (found.scored, found.total) == (4, 6)
    text = headline.finding_sentence(found, "nl")
    assert "Bij 2 van de 6 risico's" in text
    assert text.index("Risico B (B, kloof +9,5)") < text.index("Risico A (A, kloof +6,0)")
    assert "Let op: Risico C (C, kloof +3,0)." in text
    assert "2 risico's hebben geen score" in text
    assert [r["risk_id"] for r in headline.ranked(rows)] == ["B", "A", "C", "D"]


def test_the_three_sentences_of_a_snapshot_from_before_this_definition() -> None:
    snap = json.loads(OLD.read_text("utf-8"))
    assert "expected_likelihood" not in snap["risk_scores"][0]
    assert "score_rule" not in snap["risk_scores"][0]
    assert snap["summary"]["counts"]["risks_up"] == 10  # its own, any-department count
    moved = headline.movements(snap["changes"])
    org = [r for r in snap["changes"] if r["org_level"] == "organisatie"]
    assert moved.counts == {
        "up": sum(r["direction"] == "omhoog" for r in org),
        "down": sum(r["direction"] == "omlaag" for r in org),
        "new_red": sum(r["is_new_red"] is True for r in org),
    }
    assert moved.counts == {"up": 0, "down": 4, "new_red": 0}
    scores = [r for r in snap["risk_scores"] if r["org_level"] == "organisatie"]
    found = headline.finding(scores, total=len(snap["risks"]))
    overdue = len(snap["overdue_controls"])
    for lang in ("nl", "en"):
        first, moved_text, ask = headline.board_sentences(found, moved, overdue, lang)
        for row in found.red:
            assert row[f"risk_name_{lang}"] in first
        said = " ".join((first, moved_text, ask))
        assert not re.search(r"\b(None|nan|NaN)\b", said), said
    nl = headline.board_sentences(found, moved, overdue, "nl")
    assert "gestegen bij 0 en gedaald bij 4 van de 19 risico's" in nl[1]
    assert nl[2].endswith(
        f"En wanneer worden de {overdue} achterstallige beheersmaatregelen getoetst?"
    )


@pytest.mark.parametrize("hidden", [19, 1])
def test_hidden_scores_are_never_an_all_clear(hidden: int) -> None:
    """A unit whose every score is suppressed (too few people) has no finding: the
    sentence says the scores are hidden, not that nothing is wrong. With one risk still
    scored, the finding is about that one and the others count as without a score."""
    rows = [score(f"R{i}", None, None, suppressed=True) for i in range(hidden)]
    rows += [score(f"S{i}", 1.0, "groen") for i in range(19 - hidden)]
    found = headline.finding(rows, total=19)
    sentence = headline.finding_sentence(found, "nl")
    assert found.suppressed == hidden
    if hidden == 19:
        assert found.scored == 0
        assert "onderdrukt" in sentence and "Bij geen van" not in sentence
    else:
        assert sentence.startswith("Bij geen van de 19 risico's")
        assert "1 risico heeft geen score" in sentence
