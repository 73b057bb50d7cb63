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


def gifts(folder: Path, name: str, people: list[str], value: str = "25") -> Path:
    """A gift per person, each on its own day of March 2025; ``P@mm`` on the first day of
    month mm instead."""
    rows = []
    for n, p in enumerate(people):
        person, _, month = p.partition("@")
        day = f"01-{month}-2025" if month else f"{n + 1:02d}-03-2025"
        rows.append(f"{person};{day};leverancier;{value}\n")
    return write(folder / name, HEAD + "".join(rows))


def notes(
    tmp_path: Path, first: list[str], second: list[str], covers: str = "month", value: str = "25"
) -> list[str]:
    folder = tmp_path / "in"
    mapping = write(
        folder / "g.mapping.yaml",
        "dataset: gifts\nfiles: ['geschenken_*.csv']\n"
        f"covers: {covers}\nexport_date: {{from_name: '_(\\d{{8}})'}}\n",
    )
    older = gifts(folder, "geschenken_20250401.csv", first)
    newer = gifts(folder, "geschenken_20250402.csv", second, value)
    results = ingest_only(
        tmp_path / "w.duckdb", [older, newer], mappings=[mapping], catalogue=lenient()
    )
    said = [str(n) for r in results if r.path == newer for n in r.notes]
    return [n for n in said if "geen daarvan staat in deze export" in n]


@pytest.mark.parametrize(
    ("first", "second", "said"),
    [
        ([f"A{n}" for n in range(10)], [f"B{n}" for n in range(12)], "in 03-2025"),
        # a re-export that keeps one row of the ten: a correction, not another register
        ([f"A{n}" for n in range(10)], ["A0"] + [f"B{n}" for n in range(11)], None),
        # the boundary: the fewest rows
        ([f"A{n}" for n in range(OTHER_REGISTER_AT_LEAST)], ["B0", "B1", "B2"], "in 03-2025"),
        ([f"A{n}" for n in range(OTHER_REGISTER_AT_LEAST - 1)], ["B0", "B1"], None),
        # fewer rows than before: the note of a shrunk period says it (a stray row)
        ([f"A{n}" for n in range(10)], [f"B{n}" for n in range(9)], None),
        # helper-164: a sparse register, two gifts a month, counted over its months
        (["A1@01", "A2@01", "A3@02", "A4@02"], ["B1@01", "B2@01", "B3@02", "B4@02"],
         "in 01-2025 en nog 1 periode(n)"),
    ],
)  # fmt: skip
def test_a_covering_export_without_any_row_of_the_one_it_replaces_is_said(
    tmp_path: Path, first: list[str], second: list[str], said: str | None
) -> None:
    found = notes(tmp_path, first, second)
    if said:
        assert found == [
            f"deze export vervangt {len(first)} rij(en) van "
            f"{tmp_path / 'in' / 'geschenken_20250401.csv'} ({said}), maar geen daarvan "
            "staat in deze export, met dezelfde medewerker op dezelfde dag: is dit een ander "
            "register (van een andere afdeling, of een nieuwe lijst), dan tellen die rijen "
            "niet meer mee, want covers vervangt per periode elke eerdere export van de "
            "gegevensset; lees zulke registers zonder covers in, of samen in één export. "
            "Staan de medewerkers er met andere nummers in (Excel laat voorloopnullen weg), "
            "trek dan de kopie in"
        ]
    else:
        assert found == []


def test_a_correction_of_every_rows_value_is_no_other_register(tmp_path: Path) -> None:
    """helper-164: a value recalculated on every row (with VAT) was said to be another
    register: the same person's gift on the same day is the same gift."""
    people = [f"A{n}" for n in range(10)]
    assert notes(tmp_path, people, people, value="30,25") == []


def test_the_period_is_the_year_under_covers_year(tmp_path: Path) -> None:
    [found] = notes(tmp_path, ["A1", "A2", "A3"], ["B1", "B2", "B3"], covers="year")
    assert found.startswith("deze export vervangt 3 rij(en) van "), found
    assert "(in 2025)" in found, found


def numbered(folder: Path, name: str, people: list[str]) -> Path:
    """A gift per person, numbered from 1; a person named B... received it in April, an
    A... in March (each on the day of its number)."""
    rows = "".join(
        f"{n + 1};{p};{n + 1:02d}-{'04' if p.startswith('B') else '03'}-2025;leverancier;25\n"
        for n, p in enumerate(people)
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
        # helper-164: a correction of three records' employees keeps their days
        (["A0", "A1", "A2", "A3"], ["C0", "C1", "C2"], 0),
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
            "ervan met dezelfde employee_key: is het een ander register, formulier of andere "
            "administratie met dezelfde nummering (een andere afdeling, een ander team, een "
            "andere werkgever), dan vervangen de rijen "
            "van de nieuwste export per sleutel die van de andere, en tellen die niet meer "
            "mee; geef elk zijn eigen nummers of lees ze samen in één export"
        ]
    else:
        assert found == []


@pytest.mark.parametrize(
    ("dwellings", "said"), [(["4501", "4502", "4503"], False), (["9", "8", "7"], True)]
)
def test_a_dwelling_without_its_leading_zeros_is_the_same_dwelling(
    tmp_path: Path, dwellings: list[str], said: bool
) -> None:
    """helper-164: allocations re-exported with their dates corrected and their dwellings'
    leading zeros gone (0004501 as 4501) were said to be another register's."""
    folder = tmp_path / "in"
    head = "allocation_id;allocated_on;dwelling_id;consultant_key\n"
    first = write(
        folder / "toewijzingen_20250401.csv",
        head + "".join(f"T{n};0{n}-03-2025;000450{n};E1\n" for n in (1, 2, 3)),
    )
    second = write(
        folder / "toewijzingen_20250402.csv",
        head
        + "".join(f"T{n};1{n}-03-2025;{d};E1\n" for n, d in zip((1, 2, 3), dwellings, strict=True)),
    )
    mapping = write(
        folder / "t.mapping.yaml",
        "dataset: allocations\nfiles: ['toewijzingen_*.csv']\n"
        "export_date: {from_name: '_(\\d{8})'}\n",
    )
    results = ingest_only(
        tmp_path / "w.duckdb", [first, second], mappings=[mapping], catalogue=lenient()
    )
    found = [
        str(n) for r in results if r.path == second for n in r.notes if "bij geen ervan" in str(n)
    ]
    assert bool(found) == said, found


def test_a_period_that_grew_beside_one_that_shrank_is_said(tmp_path: Path) -> None:
    """helper-165: another register's 4 gifts in January for the older one's 3, beside
    February's 10 become 2 (said by the shrunk period's note): January went unsaid."""
    first = ["A1@01", "A2@01", "A3@01"] + [f"C{n}" for n in range(10)]  # C: in March
    second = ["B1@01", "B2@01", "B3@01", "B4@01", "D1", "D2"]
    [found] = notes(tmp_path, first, second)
    assert found.startswith("deze export vervangt 13 rij(en) van "), found


def test_covers_all_names_no_period(tmp_path: Path) -> None:
    [found] = notes(tmp_path, ["A1", "A2", "A3"], ["B1", "B2", "B3"], covers="all")
    assert "(in alle perioden)" in found, found
