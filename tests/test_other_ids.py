"""Records a re-export holds under other ids (helper-268 F1): a June export wrote
2026-0001 where March wrote TW-2026-0001, an order IO2600001 became 2600001, a register's
Volgnr 1 became G2026-001; every shared record counted twice, unsaid. The ingest says so,
in either order; the ids are not merged (an id is its text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.other_ids import OTHER_IDS_AT_LEAST
from tests.ingesthelpers import ingest_only
from tests.test_ingest import ORG, lenient, write
from tests.test_reexports import ALLOCATION_HEADER, query_at

SAID = "staan met dezelfde inhoud ook in"
GIFTS = "record_id;employee_key;received_on;gift_type;value_eur\n"


def allocation(key: str, number: int, rank: int = 1) -> str:
    """Allocation ``number``'s record (its day, dwelling and consultant) under ``key``."""
    day, month = number % 28 + 1, number // 28 % 12 + 1
    return (
        f"{key};{day:02d}-{month:02d}-2026;VHE{number:06d};Centrum;regulier;{rank};ja;"
        f"{700 + number % 5};900;nee;nee\n"
    )


def export(folder: Path, name: str, rows: list[str]) -> Path:
    return write(folder / name, ALLOCATION_HEADER + "".join(rows))


def notes_of(tmp_path: Path, first: list[str], second: list[str]) -> tuple[list[str], Path]:
    """The second export's notes, ingested after the first."""
    folder, warehouse = tmp_path / "in", tmp_path / "warehouse.duckdb"
    org = write(folder / "org_units.csv", ORG)
    ingest_only(warehouse, [org, export(folder, "maart.csv", first)], catalogue=lenient())
    [result] = ingest_only(warehouse, [export(folder, "juni.csv", second)], catalogue=lenient())
    return [str(n) for n in result.notes], warehouse


@pytest.mark.parametrize("later_first", [False, True])
def test_a_year_to_date_export_with_a_prefix_left_off_is_said_to_count_twice(
    tmp_path: Path, later_first: bool
) -> None:
    march = [allocation(f"TW-2026-{n:04d}", n) for n in range(1, 41)]
    june = [allocation(f"2026-{n:04d}", n) for n in range(1, 81)]  # march's and 40 new
    first, second = (june, march) if later_first else (march, june)
    notes, warehouse = notes_of(tmp_path, first, second)
    said = [n for n in notes if SAID in n]
    assert len(said) == 1, notes
    other = tmp_path / "in" / "maart.csv"
    mine, theirs = ("2026-0001", "TW-2026-0001")[:: -1 if later_first else 1]
    assert said[0].startswith(
        f"40 rij(en) van deze export {SAID} {other}, maar daar onder een andere sleutel "
        f"(allocation_id: hier '{mine}', daar '{theirs}')"
    ), said[0]
    assert "tellen nu waarschijnlijk twee keer" in said[0]
    # said, not changed: both count, as the contract's keys say
    assert query_at(warehouse, "select count(distinct allocation_id) from raw_allocations") == [
        (120,)
    ]


@pytest.mark.parametrize(
    ("alike", "new", "said"),
    [
        (OTHER_IDS_AT_LEAST, 0, True),
        (OTHER_IDS_AT_LEAST - 1, 0, False),  # a few may be two real records
        (OTHER_IDS_AT_LEAST, OTHER_IDS_AT_LEAST, True),  # half of its keys in those days
        (OTHER_IDS_AT_LEAST, OTHER_IDS_AT_LEAST + 1, False),  # fewer than half
    ],
)
def test_a_renumbering_is_said_from_so_many_records_and_half_of_the_export(
    tmp_path: Path, alike: int, new: int, said: bool
) -> None:
    # the new records fall on the days of the older export's (2 to 21 January)
    older = [allocation(f"TW-{n}", n) for n in range(1, 21)]
    newer = [allocation(f"N-{n}", n) for n in range(1, alike + 1)]
    newer += [allocation(f"N-{n}", n, rank=9) for n in range(alike + 1, alike + 1 + new)]
    notes, _ = notes_of(tmp_path, older, newer)
    assert any(SAID in n for n in notes) == said, notes


@pytest.mark.parametrize(
    ("second", "reason"),
    [
        ([allocation(f"TW-{n}", n) for n in range(1, 31)], "the same ids: a re-export"),
        ([allocation(f"TW-{n}", n + 400) for n in range(31, 61)], "new records, new ids"),
        ([allocation(f"N-{n}", n, rank=2) for n in range(1, 31)], "another rank: no twin"),
    ],
)
def test_other_records_or_the_same_ids_are_no_renumbering(
    tmp_path: Path, second: list[str], reason: str
) -> None:
    notes, _ = notes_of(tmp_path, [allocation(f"TW-{n}", n) for n in range(1, 31)], second)
    assert not any(SAID in n for n in notes), (reason, notes)


def test_an_empty_optional_cell_does_not_tell_two_records_apart(tmp_path: Path) -> None:
    """An export without the district, or with it left empty, holds the same records."""
    older = [allocation(f"TW-{n}", n) for n in range(1, 11)]
    newer = [allocation(f"{n}", n).replace(";Centrum;", ";;") for n in range(1, 11)]
    notes, _ = notes_of(tmp_path, older, newer)
    assert any(SAID in n for n in notes), notes


def test_leading_zeros_are_said_as_such_and_not_again_as_a_renumbering(tmp_path: Path) -> None:
    notes, _ = notes_of(
        tmp_path,
        [allocation(f"TW-{n:06d}", n) for n in range(1, 11)],
        [allocation(f"TW-{n}", n) for n in range(1, 11)],
    )
    assert [n for n in notes if "voorloopnullen" in n or SAID in n] == [
        n for n in notes if "met andere voorloopnullen" in n
    ]
    assert any("met andere voorloopnullen" in n for n in notes), notes


def test_a_numbered_register_numbered_anew_is_said_too(tmp_path: Path) -> None:
    """helper-268's gifts: March's workbook numbered 1 to 12, April's export G2026-001."""
    folder, warehouse = tmp_path / "in", tmp_path / "warehouse.duckdb"

    def gifts(name: str, key: str) -> Path:
        rows = "".join(
            f"{key.format(n)};E{n};{n + 1:02d}-03-2026;goederen;{20 + n}\n" for n in range(1, 13)
        )
        return write(folder / name, GIFTS + rows)

    org = write(folder / "org_units.csv", ORG)
    ingest_only(warehouse, [org, gifts("gifts_maart.csv", "{}")], catalogue=lenient())
    [result] = ingest_only(
        warehouse, [gifts("gifts_april.csv", "G2026-{:03d}")], catalogue=lenient()
    )
    said = [str(n) for n in result.notes if SAID in str(n)]
    assert len(said) == 1 and "(record_id: hier 'G2026-001', daar '1')" in said[0], said


def test_a_batch_of_alike_records_is_no_renumbering(tmp_path: Path) -> None:
    """helper-270 F1: twelve alike call-off orders of one day, six entered in January and
    six in February: many records, not one renumbered (the advice would have withdrawn
    January's export)."""
    batch = allocation("{}", 1)
    january = [batch.format(f"TW-{n}") for n in range(1, 7)]
    january += [allocation(f"TW-{n}", n) for n in range(10, 40)]
    february = [batch.format(f"TW-{n}") for n in range(101, 107)]
    february += [allocation(f"TW-{n}", n) for n in range(200, 230)]
    notes, _ = notes_of(tmp_path, january, february)
    assert not any(SAID in n for n in notes), notes


def test_one_late_record_of_the_older_export_does_not_hide_the_renumbering(
    tmp_path: Path,
) -> None:
    """helper-270 F3: the older export's one record of months later stretched its span
    over the newer export's thousands of new records, and the renumbering went unsaid."""
    older = [allocation(f"TW-{n}", n) for n in range(1, 41)] + [allocation("TW-999", 300)]
    newer = [allocation(f"{n}", n) for n in range(1, 41)] + [
        allocation(f"N{n}", n) for n in range(41, 300)
    ]
    notes, _ = notes_of(tmp_path, older, newer)
    assert any(SAID in n for n in notes), notes


def test_every_export_that_holds_the_records_is_named(tmp_path: Path) -> None:
    """helper-270 F2: three monthly exports, then the year to date without the prefix:
    one export was named, and withdrawn the others still counted twice, unsaid."""
    folder, warehouse = tmp_path / "in", tmp_path / "warehouse.duckdb"
    org = write(folder / "org_units.csv", ORG)
    months = [
        export(
            folder, f"m{m}.csv", [allocation(f"TW-{n}", n) for n in range(m * 28 - 27, m * 28 + 1)]
        )
        for m in (1, 2, 3)
    ]
    ingest_only(warehouse, [org, *months], catalogue=lenient())
    year = export(folder, "jaar.csv", [allocation(f"{n}", n) for n in range(1, 85)])
    [result] = ingest_only(warehouse, [year], catalogue=lenient())
    said = [str(n) for n in result.notes if SAID in str(n)]
    assert len(said) == 1 and said[0].startswith("84 rij(en)"), said
    assert all(str(folder / f"m{m}.csv") in said[0] for m in (1, 2, 3)), said


def test_a_text_written_in_another_case_is_the_same_record(tmp_path: Path) -> None:
    """helper-270 F4: a new system writing the district in capitals hid the renumbering."""
    older = [allocation(f"TW-{n}", n) for n in range(1, 21)]
    newer = [allocation(f"{n}", n).replace(";Centrum;", "; CENTRUM ;") for n in range(1, 21)]
    notes, _ = notes_of(tmp_path, older, newer)
    assert any(SAID in n for n in notes), notes
