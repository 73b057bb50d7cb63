"""A survey export dated per respondent across a month's end is said to count as so many
waves (pipelines/ingest/wave_days.py; helper-250 F6: a Qualtrics export's StartDate as
wave_date split one round of fieldwork into two smaller waves, unsaid)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import SURVEY_HEADER, home, org_home, run, write

__all__ = ["home", "org_home"]  # fixtures used here


def survey(tmp_path: Path, dated: list[tuple[str, str]]) -> Path:
    rows = "".join(f"{who};{day};VH-N;CLA1;4\n" for who, day in dated)
    return write(tmp_path / "survey" / "survey_responses.csv", SURVEY_HEADER + rows)


def said(result: object, lang: str = "nl") -> list[str]:
    return [n.text(lang) for n in result.notes if "wave_date:" in n.text("nl")]


def test_answers_dated_per_respondent_across_a_month_are_said(home: Path, tmp_path: Path) -> None:
    dated = [("R1", "24-02-2026"), ("R2", "27-02-2026"), ("R3", "02-03-2026")]
    dated += [("R4", "05-03-2026"), ("R5", "05-03-2026")]
    [result] = run(home, survey(tmp_path, dated))
    assert result.rows_loaded == 5
    assert said(result) == [
        "wave_date: de antwoorden dragen 4 verschillende datums in 2 maanden (24-02-2026 tot "
        "en met 05-03-2026; februari 2026: 2 datum(s), maart 2026: 2 datum(s)); "
        "een meting is een kalendermaand, dus dit telt als 2 metingen, elk met minder "
        "respondenten (en onder de minimale groepsgrootte eerder afgeschermd). Is het één "
        "meting en is de datum die van elke respondent, schrijf dan in de export voor "
        "iedereen de datum van de meting"
    ]
    assert "(24-02-2026 to 05-03-2026; February 2026: 2 date(s)" in said(result, "en")[0]


@pytest.mark.parametrize(
    "dated",
    [
        # a wave a month, each on one day: waves, not respondents' days
        [("R1", "01-02-2026"), ("R2", "01-02-2026"), ("R1", "01-03-2026")],
        # each respondent's day, all in one month: one wave
        [("R1", "02-03-2026"), ("R2", "09-03-2026"), ("R3", "31-03-2026")],
    ],
    ids=["a-day-a-wave", "one-month"],
)
def test_a_wave_a_month_or_one_month_of_days_is_not_said(
    home: Path, tmp_path: Path, dated: list[tuple[str, str]]
) -> None:
    [result] = run(home, survey(tmp_path, dated))
    assert result.rows_loaded == len(dated) and said(result) == []
