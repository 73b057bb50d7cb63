"""A register's or an order's ids read again with other leading zeros (helper-119: a
gifts and an allocations re-export opened in Excel and saved again, 000001 as 1, counted
50 gifts for 30 and 100 allocations for 60, without a word; the exports share no id).
The ingest says so, in either order; an id is its text, so the ids are not merged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.ingesthelpers import ingest_only
from tests.test_ingest import ORG, lenient, write
from tests.test_reexports import allocations

GIFTS = "record_id;employee_key;received_on;value_eur\n"


def gifts(folder: Path, name: str, ids: list[str]) -> Path:
    rows = "".join(f"{i};E{n};{n + 1:02d}-03-2026;25\n" for n, i in enumerate(ids))
    return write(folder / name, GIFTS + rows)


def ingest(tmp_path: Path, first: list[str], second: list[str]) -> list[str]:
    folder = tmp_path / "in"
    warehouse = tmp_path / "warehouse.duckdb"
    org = write(folder / "org_units.csv", ORG)
    ingest_only(warehouse, [org, gifts(folder, "gifts_1.csv", first)], catalogue=lenient())
    [result] = ingest_only(warehouse, [gifts(folder, "gifts_2.csv", second)], catalogue=lenient())
    return [str(n) for n in result.notes]


@pytest.mark.parametrize(
    ("first", "second", "said"),
    [
        (["000001", "000002"], ["1", "2", "3"], 2),  # Excel's copy, read after
        (["1", "2", "3"], ["000001", "000002"], 2),  # the original, read after Excel's
        (["000001", "000002"], ["000001", "2", "3"], 1),  # one of them written otherwise
        (["000001", "000002"], ["000001", "000002", "000003"], 0),  # the same ids
        (["10", "20"], ["1", "2"], 0),  # trailing zeros: other ids
        (["0", "00"], ["000"], 0),  # nothing left of them: no id to compare
        # helper-259 F2: the zeros of a number after a prefix, each part's
        (["TW-000001", "TW-000002"], ["TW-1", "TW-2", "TW-3"], 2),
        (["WN-2026-0001", "WN-2026-0002"], ["WN-2026-1", "WN-2026-2"], 2),
        (["TW000001", "TW000002"], ["TW1", "TW2", "TW3"], 2),
        (["TW-10", "TW-20"], ["TW-1", "TW-2"], 0),  # trailing zeros: other ids still
        (["TW-01", "TW-02"], ["TW-001", "TW-002"], 2),  # both padded, otherwise
        (["TW-1A", "TW-2A"], ["TW-01A", "TW-02A", "TW-3A"], 2),
        (["2026-0001"], ["20260001"], 0),  # a dash where the other has none: another id
    ],
)
def test_ids_with_other_leading_zeros_are_said_to_count_twice(
    tmp_path: Path, first: list[str], second: list[str], said: int
) -> None:
    notes = ingest(tmp_path, first, second)
    zeros = [n for n in notes if "met andere voorloopnullen" in n]
    assert len(zeros) == bool(said), notes
    if said:
        earlier = tmp_path / "in" / "gifts_1.csv"
        assert zeros[0].startswith(
            f"{said} sleutel(s) (record_id) van deze export staan in {earlier} met andere "
            f"voorloopnullen (hier '{min(set(second) - set(first))}', daar '"
        ), zeros[0]
        assert "tellen nu twee keer" in zeros[0]


def test_allocation_ids_without_their_zeros_are_said_too(tmp_path: Path) -> None:
    """helper-119's allocations: a half-year export, then the year's Excel had saved
    again; each dataset with an id of its own is compared so (order_id, supplier_id)."""
    folder = tmp_path / "in"
    warehouse = tmp_path / "warehouse.duckdb"
    half = allocations(range(1, 7)).replace("TW-", "")  # 000101, ...
    year = re.sub(r"^0+", "", allocations(range(1, 13)).replace("TW-", ""), flags=re.M)
    first = write(folder / "toewijzingen_h1.csv", half)
    ingest_only(warehouse, [write(folder / "org_units.csv", ORG), first], catalogue=lenient())
    [result] = ingest_only(
        warehouse, [write(folder / "toewijzingen.csv", year)], catalogue=lenient()
    )
    zeros = [str(n) for n in result.notes if "met andere voorloopnullen" in str(n)]
    assert zeros == [
        f"96 sleutel(s) (allocation_id) van deze export staan in {first} met andere "
        "voorloopnullen (hier '100', daar '000100'): dezelfde rijen tellen nu twee keer. Is "
        "een van beide exports opnieuw opgeslagen (Excel laat voorloopnullen weg: 000101 "
        "wordt 101), trek dan de kopie in (radar withdraw BESTAND --by NAAM); de sleutels "
        "worden niet samengevoegd"
    ]


def test_a_numbered_registers_re_export_says_which_export_counts(tmp_path: Path) -> None:
    """helper-119: allocations and employees said which export counts for keys read
    again; a gifts register with record_id said nothing (the count was right)."""
    notes = ingest(tmp_path, ["000001", "000002"], ["000001", "000002", "000003"])
    assert [n for n in notes if n.startswith("2 sleutel(s) (record_id) ook in een eerder")]


def test_the_note_names_the_export_its_example_is_from(tmp_path: Path) -> None:
    """helper-120: with three exports the note named the newest file (2 of the ids) with
    the count of all and an example from the oldest."""
    folder = tmp_path / "in"
    warehouse = tmp_path / "warehouse.duckdb"
    dated = write(
        folder / "g.mapping.yaml",
        "dataset: gifts\nfiles: ['gifts_*.csv']\nexport_date: {from_name: 'gifts_(\\d{8})'}\n",
    )

    def run(name: str, ids: list[str]) -> list[str]:
        path = gifts(folder, name, ids)
        [result] = ingest_only(warehouse, [path], mappings=[dated], catalogue=lenient())
        return [str(n) for n in result.notes]

    ingest_only(warehouse, [write(folder / "org_units.csv", ORG)], catalogue=lenient())
    run("gifts_20260301.csv", ["000001", "000002", "000003", "000004", "000005"])
    run("gifts_20260401.csv", ["0004", "0005"])  # newer, 2 of them
    notes = run("gifts_20260501.csv", ["1", "2", "3", "4", "5"])
    zeros = [n.split(":")[0] for n in notes if "met andere voorloopnullen" in n]
    assert zeros == [
        f"5 sleutel(s) (record_id) van deze export staan in {folder / 'gifts_20260301.csv'} "
        "met andere voorloopnullen (hier '1', daar '000001')"
    ]


def test_a_covering_registers_numbered_rows_are_compared_too(tmp_path: Path) -> None:
    """helper-120: under covers the numbered rows still match by their number, and a
    re-export without their zeros counted twice without a word."""
    folder = tmp_path / "in"
    warehouse = tmp_path / "warehouse.duckdb"
    mapping = write(
        folder / "g.mapping.yaml", "dataset: gifts\nfiles: ['gifts_*.csv']\ncovers: month\n"
    )
    org = write(folder / "org_units.csv", ORG)
    first = gifts(folder, "gifts_1.csv", ["000001", "000002", "000003"])
    ingest_only(warehouse, [org, first], mappings=[mapping], catalogue=lenient())
    again = gifts(folder, "gifts_2.csv", ["000001", "000002", "000003", "000004"])
    [same] = ingest_only(warehouse, [again], mappings=[mapping], catalogue=lenient())
    assert [n for n in map(str, same.notes) if n.startswith("3 sleutel(s) (record_id) ook in")]
    excel = gifts(folder, "gifts_3.csv", ["1", "2", "3", "4"])
    [result] = ingest_only(warehouse, [excel], mappings=[mapping], catalogue=lenient())
    assert [n for n in map(str, result.notes) if "met andere voorloopnullen" in n]


@pytest.mark.parametrize(
    ("first", "second", "said"),
    [
        # helper-160: a re-export in another case, or with en dashes, counted twice unsaid
        (["WN-2025-0001", "WN-2025-0002"], ["wn-2025-0001", "wn-2025-0002"], 2),
        (["WN-2025-0001", "WN-2025-0002"], ["WN\u20132025\u20130001", "WN-2025-0002"], 1),
        (["WN-2025-0001"], ["WN 2025 0001", "WN_2025_0002"], 1),
        (["KR0001", "KR0002"], ["kr0001", "KR0002", "KR0003"], 1),
        (["\u00c9D-1"], ["ed-1"], 1),  # an accent
        # helper-163: no-break spaces (pasted from Word), dots and slashes between parts
        (["WN-2025-0001", "WN-2025-0002"], ["WN\u00a02025\u00a00001", "WN.2025.0002"], 2),
        (["WN-2025-0001"], ["WN/2025/0001"], 1),
        # the boundary: other letters or digits are other ids
        (["WN-2025-0001"], ["WN-2025-0010", "WN-2026-0001", "WNX-2025-0001"], 0),
        (["AB1"], ["AB-1"], 0),  # a dash where there was none: another id
    ],
)
def test_ids_in_another_case_or_with_other_dashes_are_said_to_count_twice(
    tmp_path: Path, first: list[str], second: list[str], said: int
) -> None:
    notes = ingest(tmp_path, first, second)
    other = [n for n in notes if "anders geschreven" in n]
    assert len(other) == bool(said), notes
    if said:
        assert other[0].startswith(f"{said} sleutel(s) (record_id) van deze export staan in "), (
            other
        )
        assert (
            "hoofdletters, streepjes, spaties of voorloopnullen): dezelfde rijen tellen nu "
            "twee keer" in other[0]
        )
    assert not [n for n in notes if "met andere voorloopnullen" in n], notes
