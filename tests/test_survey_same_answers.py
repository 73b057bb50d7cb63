"""A survey wave that another export holds answer for answer under a date of another
month within a quarter is said to be that wave written otherwise, counted twice
(pipelines/ingest/survey_waves.py _same_answers; helper-207: '2026-Q1', read as its first
day, re-exported as '31-03-2026', counted every answer twice without a word, also under
covers: wave, which takes a wave for its month)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.survey_waves import SAME_ANSWERS_DAYS, SAME_ANSWERS_MIN
from tests.test_ingest import home, org_home, query, run, write
from tests.test_survey_wave_notes import HEADER, MAPPING

__all__ = ["home", "org_home"]  # fixtures used here

ITEMS = ("CLA1", "CLA2", "PS1")


def answers(n: int) -> list[tuple[str, str, int]]:
    """``n`` answers: respondent, item, answer (varied, 1-5)."""
    return [(f"R{i // 3}", ITEMS[i % 3], 1 + (i * 7) % 5) for i in range(n)]


def export(
    home: Path, folder: Path, day: str, wave: str, rows: list[tuple[str, str, int]], covers: bool
) -> str:
    """``rows`` as the survey tool's enq_<day>.csv (its export date) in a run of their own,
    beside the mapping; that run's notes."""
    text = "".join(f"{r};{wave};VH-N;{item};{'' if a is None else a}\n" for r, item, a in rows)
    path = write(folder / day / f"enq_{day}.csv", HEADER + text)
    mapping = write(
        folder / day / "enq.mapping.yaml", MAPPING.format(covers="covers: wave\n" if covers else "")
    )
    [result] = run(home, path, mappings=[mapping])
    assert result.error is None, result.error
    return " ".join(str(n) for n in result.notes)


def said(
    home: Path, tmp_path: Path, first: list, second: list, covers: bool, wave: str = "31-03-2026"
) -> tuple[int, bool, str]:
    """The answers loaded and whether the second export is told of the first."""
    export(home, tmp_path, "2026-04-02", "2026-Q1", first, covers)
    notes = export(home, tmp_path, "2026-04-09", wave, second, covers)
    [(count,)] = query(home, "select count(*) from raw_survey_responses")
    return count, "dezelfde meting anders geschreven" in notes, notes


@pytest.mark.parametrize("covers", [False, True])
def test_a_quarter_re_exported_as_its_last_day_is_said_to_count_twice(
    home: Path, tmp_path: Path, covers: bool
) -> None:
    rows = answers(30)
    count, told, notes = said(home, tmp_path, rows, rows, covers)
    assert count == 60 and told, notes
    assert (
        "meting 31-03-2026 van deze export (30 antwoorden) en meting 01-01-2026 in "
        f"{tmp_path}/2026-04-02/enq_2026-04-02.csv (30 antwoorden) hebben 30 antwoorden gelijk "
        "(10 respondent(en)"
    ) in notes, notes


@pytest.mark.parametrize(("same", "told"), [(27, True), (26, False)])
def test_nine_in_ten_answers_the_same_is_the_same_wave(
    home: Path, tmp_path: Path, same: int, told: bool
) -> None:
    """Respondents answering alike in two months share some answers, not nine in ten."""
    rows = answers(30)
    other = rows[:same] + [(r, item, 1 + a % 5) for r, item, a in rows[same:]]
    assert sum(a == b for a, b in zip(rows, other, strict=True)) == same
    assert said(home, tmp_path, rows, other, False)[1] is told


@pytest.mark.parametrize(("n", "told"), [(SAME_ANSWERS_MIN, True), (SAME_ANSWERS_MIN - 1, False)])
def test_a_few_answers_alike_are_no_proof(home: Path, tmp_path: Path, n: int, told: bool) -> None:
    rows = answers(n)
    assert said(home, tmp_path, rows, rows, False)[1] is told


@pytest.mark.parametrize(
    ("days", "told"), [(SAME_ANSWERS_DAYS, True), (SAME_ANSWERS_DAYS + 1, False)]
)
def test_only_within_a_quarter(home: Path, tmp_path: Path, days: int, told: bool) -> None:
    """A wave a quarter or more after the other is another wave, whatever its answers."""
    from datetime import date, timedelta

    wave = (date(2026, 1, 1) + timedelta(days=days)).strftime("%d-%m-%Y")
    rows = answers(30)
    assert said(home, tmp_path, rows, rows, False, wave)[1] is told


def test_an_export_a_newer_one_replaced_is_not_said_to_count(home: Path, tmp_path: Path) -> None:
    """Under covers: wave the quarter's corrected re-export replaces the first: the later
    export written as the quarter's last day is told of the one that counts alone."""
    rows = answers(30)
    corrected = [*rows[:-1], (*rows[-1][:2], 1 + rows[-1][2] % 5)]  # one answer corrected
    export(home, tmp_path, "2026-04-02", "2026-Q1", rows, True)
    export(home, tmp_path, "2026-04-05", "2026-Q1", corrected, True)
    notes = export(home, tmp_path, "2026-04-09", "31-03-2026", rows, True)
    assert notes.count("dezelfde meting anders geschreven") == 1, notes
    assert "2026-04-05/enq_2026-04-05.csv (30 antwoorden)" in notes


def test_another_day_of_the_same_month_is_said_as_such(home: Path, tmp_path: Path) -> None:
    """15-03-2026 and 31-03-2026 are one month: wave_other_date says it, not this."""
    rows = answers(30)
    export(home, tmp_path, "2026-04-02", "15-03-2026", rows, False)
    notes = export(home, tmp_path, "2026-04-09", "31-03-2026", rows, False)
    assert "in dezelfde maand als meting 15-03-2026" in notes
    assert "dezelfde meting anders geschreven" not in notes


def test_a_re_export_that_grew_is_told(home: Path, tmp_path: Path) -> None:
    """helper-210: the final export held every answer of the first and six respondents
    more (108 answers, 90 of them the same): nine in ten of the smaller wave's."""
    first, final = answers(90), answers(108)
    assert said(home, tmp_path, first, final, False)[1]


def test_blank_answers_are_no_answers_alike(home: Path, tmp_path: Path) -> None:
    """helper-210: an export listing ten items a respondent, one of them answered, was
    said to share 110 answers with another month's, of which 108 were blanks."""
    items = "CLA1 CLA2 CLA3 CSU1 CSU2 CSU3 CMA1 CMA2 CMA3 FEA1".split()
    rows = [(f"R{i // 10}", items[i % 10], None if i % 10 else 1 + i % 5) for i in range(300)]
    other = [(r, item, None if a is None else 1 + a % 5) for r, item, a in rows]
    assert not said(home, tmp_path, rows, other, False)[1]
