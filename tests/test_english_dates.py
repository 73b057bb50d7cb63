"""Dates with slashes in a file whose numbers the mapping reads in English (number_format:
en) and whose date order it does not declare: an American export writes the month
first, a British one the day, so 3/5/2026 is no certain date and is quarantined with the
way out (date_order), where nothing in the column proves the order (helper-231: a
Dynamics export's March and April orders loaded as May, September, January and October
without a word). A Dutch file (no number_format) keeps reading the day first."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.lookups import AMBIGUOUS_DATE, OK, ColumnPlan, lookup
from pipelines.ingest.quality.base import Column
from tests.test_ingest import home, org_home, quarantined, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here


def read(cells: list[str], fmt: str = "en", **declared: bool) -> tuple[list, list]:
    plan = ColumnPlan(Column("received_on", "date"), fmt, english=fmt == "en", **declared)
    frame, _ = lookup(plan, cells, b"k" * 32)
    days = [None if v is None or v != v else str(v)[:10] for v in frame["value"]]
    return frame["status"].tolist(), days


def test_a_slash_date_either_way_is_not_guessed_under_english_numbers() -> None:
    status, _ = read(["3/5/2026", "4/10/2026", "12/11/2026"])
    assert status == [AMBIGUOUS_DATE] * 3


def test_the_note_gives_both_readings_and_the_way_out() -> None:
    plan = ColumnPlan(Column("received_on", "date"), "en", english=True)
    frame, _ = lookup(plan, ["3/5/2026"], b"k" * 32)
    assert frame["note"].tolist() == [
        "'3/5/2026' is geen eenduidige datum (als dag/maand 3 mei 2026, als maand/dag 5 "
        "maart 2026): de kolomkoppeling leest de getallen Engels (number_format: en), en een "
        "Amerikaanse export schrijft de maand eerst, een Britse de dag. Niet geraden: leg de "
        "volgorde vast in de kolomkoppeling (date_order: mdy voor maand eerst, dmy voor dag "
        "eerst)"
    ]


@pytest.mark.parametrize(
    ("cells", "days"),
    [
        # the same either way, dashes or ISO: no doubt (each alone)
        (["3/3/2026"], ["2026-03-03"]),
        (["2026-03-05"], ["2026-03-05"]),
        (["05-03-2026"], ["2026-03-05"]),
        # a date only day first in the column proves it: read so
        (["3/5/2026", "25/3/2026"], ["2026-05-03", "2026-03-25"]),
    ],
)
def test_what_is_certain_is_read(cells: list[str], days: list[str]) -> None:
    assert read(cells) == ([OK] * len(cells), days)


def test_a_declared_order_and_dutch_numbers_are_read_as_before() -> None:
    assert read(["3/5/2026"], month_first=True, order_declared=True) == ([OK], ["2026-03-05"])
    assert read(["3/5/2026"], order_declared=True) == ([OK], ["2026-05-03"])
    assert read(["3/5/2026"], fmt="nl") == ([OK], ["2026-05-03"])


def test_a_month_first_proof_says_its_own_reason() -> None:
    """3/25/2026 proves month first: the earlier rule's note (the proof named), not this."""
    plan = ColumnPlan(Column("received_on", "date"), "en", english=True)
    frame, _ = lookup(plan, ["3/5/2026", "3/25/2026"], b"k" * 32)
    assert frame["status"].tolist() == [AMBIGUOUS_DATE, AMBIGUOUS_DATE]
    assert "in deze kolom staat ook '3/25/2026'" in frame["note"].tolist()[0]


def test_an_english_gifts_export_without_date_order_is_refused_saying_why(
    home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    write(
        folder / "g.mapping.yaml",
        "dataset: gifts\nfiles: [gifts.csv]\nnumber_format: en\n",
    )
    write(
        folder / "gifts.csv",
        "employee_key;received_on;giver;value_eur;org_unit\n"
        "104233;3/5/2026;Aannemer BV;45.50;VH-N\n104234;3/3/2026;Makelaar;12.00;VH-N\n",
    )
    run(home, folder)
    assert [(line, column, code) for line, column, _v, code in quarantined(home, "gifts")] == [
        (2, "received_on", "ambiguous_date")
    ]
    assert query(home, "select cast(received_on as varchar) from raw_gifts") == [("2026-03-03",)]


def test_english_numbers_for_one_column_put_the_file_s_slash_dates_in_doubt(
    home: Path, tmp_path: Path
) -> None:
    """helper-232 H2: number_format: {value_eur: en} read 3/5/2026 as 3 May, unsaid (a
    date column has no number format of its own)."""
    folder = tmp_path / "in"
    write(
        folder / "g.mapping.yaml",
        "dataset: gifts\nfiles: [gifts.csv]\nnumber_format: {value_eur: en}\n",
    )
    write(
        folder / "gifts.csv",
        "employee_key;received_on;giver;value_eur;org_unit\n"
        "104233;3/5/2026;Aannemer BV;45.50;VH-N\n104234;3/3/2026;Makelaar;12.00;VH-N\n",
    )
    run(home, folder)
    assert [(line, code) for line, _c, _v, code in quarantined(home, "gifts")] == [
        (2, "ambiguous_date")
    ]
