"""A covering register export that holds none of the rows of the export it replaces in a
period (helper-160: two departments' gift registers under one mapping with covers:
month; the second replaced all of the first's March, without a word). A re-export keeps
most of its rows; another register none. Said; nothing is changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.lost_rows import OTHER_REGISTER_AT_LEAST
from tests.ingesthelpers import ingest_only
from tests.test_ingest import lenient, write

HEAD = "employee_key;received_on;giver_type;value_eur\n"


def gifts(folder: Path, name: str, people: list[str], day: str = "03-2025") -> Path:
    rows = "".join(f"{p};{n + 1:02d}-{day};leverancier;25\n" for n, p in enumerate(people))
    return write(folder / name, HEAD + rows)


def notes(tmp_path: Path, first: list[str], second: list[str], covers: str = "month") -> list[str]:
    folder = tmp_path / "in"
    mapping = write(
        folder / "g.mapping.yaml",
        "dataset: gifts\nfiles: ['geschenken_*.csv']\n"
        f"covers: {covers}\nexport_date: {{from_name: '_(\\d{{8}})'}}\n",
    )
    older = gifts(folder, "geschenken_20250401.csv", first)
    newer = gifts(folder, "geschenken_20250402.csv", second)
    results = ingest_only(
        tmp_path / "w.duckdb", [older, newer], mappings=[mapping], catalogue=lenient()
    )
    said = [str(n) for r in results if r.path == newer for n in r.notes]
    return [n for n in said if "geen daarvan staat in deze export" in n]


@pytest.mark.parametrize(
    ("first", "second", "said"),
    [
        ([f"A{n}" for n in range(10)], [f"B{n}" for n in range(12)], True),
        # a re-export that keeps one row of the ten: a correction, not another register
        ([f"A{n}" for n in range(10)], ["A0"] + [f"B{n}" for n in range(11)], False),
        # the boundary: the fewest rows a period must have held
        ([f"A{n}" for n in range(OTHER_REGISTER_AT_LEAST)], ["B0", "B1", "B2"], True),
        ([f"A{n}" for n in range(OTHER_REGISTER_AT_LEAST - 1)], ["B0", "B1"], False),
        # fewer rows than before: the note of a shrunk period says it (a stray row)
        ([f"A{n}" for n in range(10)], [f"B{n}" for n in range(9)], False),
    ],
)
def test_a_covering_export_without_any_row_of_the_one_it_replaces_is_said(
    tmp_path: Path, first: list[str], second: list[str], said: bool
) -> None:
    found = notes(tmp_path, first, second)
    if said:
        assert found == [
            f"deze export vervangt in 03-2025 alle {len(first)} rij(en) van "
            f"{tmp_path / 'in' / 'geschenken_20250401.csv'}, maar geen daarvan staat in deze "
            "export: is dit een ander register (van een andere afdeling, of een nieuwe "
            "lijst), dan tellen die rijen niet meer mee, want covers vervangt per periode "
            "elke eerdere export van de gegevensset; lees zulke registers zonder covers in, "
            "of samen in één export"
        ]
    else:
        assert found == []


def test_the_period_is_the_year_under_covers_year(tmp_path: Path) -> None:
    [found] = notes(tmp_path, ["A1", "A2", "A3"], ["B1", "B2", "B3"], covers="year")
    assert found.startswith("deze export vervangt in 2025 alle 3 rij(en) van "), found


def numbered(folder: Path, name: str, people: list[str]) -> Path:
    rows = "".join(
        f"{n + 1};{p};{n + 1:02d}-03-2025;leverancier;25\n" for n, p in enumerate(people)
    )
    return write(folder / name, "record_id;" + HEAD + rows)


@pytest.mark.parametrize(
    ("first", "second", "said"),
    [
        # helper-160: two registers numbered 1-10 and 1-12, each gift another employee's
        ([f"A{n}" for n in range(10)], [f"B{n}" for n in range(12)], 10),
        # a re-export: the same gifts, one of them the same employee's
        ([f"A{n}" for n in range(10)], ["A0"] + [f"B{n}" for n in range(9)], 0),
        # the boundary: the fewest keys shared
        ([f"A{n}" for n in range(OTHER_REGISTER_AT_LEAST)], ["B0", "B1", "B2"], 3),
        (["A0", "A1"], ["B0", "B1"], 0),
    ],
)
def test_ids_shared_with_another_export_never_by_the_same_person_are_said(
    tmp_path: Path, first: list[str], second: list[str], said: int
) -> None:
    folder = tmp_path / "in"
    mapping = write(
        folder / "g.mapping.yaml",
        "dataset: gifts\nfiles: ['geschenken_*.csv']\nexport_date: {from_name: '_(\\d{8})'}\n",
    )
    older = numbered(folder, "geschenken_20250401.csv", first)
    newer = numbered(folder, "geschenken_20250402.csv", second)
    results = ingest_only(
        tmp_path / "w.duckdb", [older, newer], mappings=[mapping], catalogue=lenient()
    )
    found = [
        str(n) for r in results if r.path == newer for n in r.notes if "bij geen ervan" in str(n)
    ]
    if said:
        assert found == [
            f"{said} sleutel(s) (record_id) van deze export staan ook in {older}, maar bij geen "
            "ervan met dezelfde employee_key: is het een ander register of formulier met "
            "dezelfde nummering (een andere afdeling, een ander team), dan vervangen de rijen "
            "van de nieuwste export per sleutel die van de andere, en tellen die niet meer "
            "mee; geef elk zijn eigen nummers of lees ze samen in één export"
        ]
    else:
        assert found == []
