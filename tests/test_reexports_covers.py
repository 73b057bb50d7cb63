"""A covering register export (covers, no record_id) with a quarantined row: it replaces
the periods it covers whole, so the row counts nowhere and neither does the earlier
export's version of it (helper-144: a side job's correction dated 31-02-2026 was
quarantined, and the tenant-related side job it corrected counted no more, without a
word). Said, with the way out."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.build.builder import build
from tests.test_ingest import home, lenient, org_home, run, write
from tests.test_reexports import GIFT_HEADER, query_at

__all__ = ["home", "org_home"]  # fixtures used here

MARCH = "100;03-03-2026;huurder;tegoedbon;25;nee;geweigerd\n"
LATE_MARCH = "102;20-03-2026;leverancier;etentje;20;nee;geaccepteerd\n"
APRIL = "101;02-04-2026;leverancier;etentje;40;nee;geaccepteerd\n"


def mapping(folder: Path, covers: str = "month") -> Path:
    return write(
        folder / "geschenken.mapping.yaml",
        f"dataset: gifts\nfiles: ['geschenken_*.csv']\ncovers: {covers}\n"
        "export_date: {from_name: 'geschenken_(\\d{8})'}\n",
    )


def notes_of(home: Path, name: str) -> str:
    rows = query_at(
        home / "w.duckdb",
        f"select coalesce(notes, '') from ingest_log where source_file like '%{name}'",
    )
    return rows[0][0]


def ingest(home: Path, folder: Path, *files: Path) -> None:
    build(
        path=home / "w.duckdb", inputs=list(files), mappings=[mapping(folder)], catalogue=lenient()
    )


def test_a_quarantined_row_in_a_covering_export_says_the_earlier_row_no_longer_counts(
    home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    older = write(folder / "geschenken_20260401.csv", GIFT_HEADER + MARCH)
    newer = write(
        folder / "geschenken_20260501.csv",
        GIFT_HEADER + MARCH.replace(";25;", ";2x;") + LATE_MARCH + APRIL,
    )
    ingest(home, folder, older)
    ingest(home, folder, newer)
    said = notes_of(home, "geschenken_20260501.csv")
    assert "1 rij(en) van deze export staan in quarantaine en tellen niet" in said
    assert f"1 rij(en) die {older} daar had, staan niet onder de geladen rijen" in said
    # March is the newer export's: its late gift counts, the earlier gift of 3 March not
    assert query_at(home / "w.duckdb", "select count(*) from stg_registers__gifts") == [(2,)]


def test_without_a_quarantined_row_or_an_earlier_export_nothing_is_said(
    home: Path, tmp_path: Path
) -> None:
    """The boundaries: the same newer export without its fault, and a faulty first export
    with nothing before it."""
    folder = tmp_path / "in"
    older = write(folder / "geschenken_20260401.csv", GIFT_HEADER + MARCH)
    newer = write(folder / "geschenken_20260501.csv", GIFT_HEADER + MARCH + LATE_MARCH + APRIL)
    ingest(home, folder, older)
    ingest(home, folder, newer)
    assert "quarantaine" not in notes_of(home, "geschenken_20260501.csv")
    first = write(folder / "geschenken_20260601.csv", GIFT_HEADER + APRIL.replace(";40;", ";4x;"))
    build(path=home / "v.duckdb", inputs=[first], mappings=[mapping(folder)], catalogue=lenient())
    rows = query_at(home / "v.duckdb", "select coalesce(notes, '') from ingest_log")
    assert "quarantaine" not in rows[0][0]


def test_the_same_bad_row_in_every_year_to_date_export_is_no_loss(
    home: Path, tmp_path: Path
) -> None:
    """helper-145: January's and February's year-to-date exports both hold the same bad
    row (quarantined both times) and February adds new rows: every row January loaded is
    among February's, nothing was lost, and nothing is said. A new bad row alone neither."""
    folder = tmp_path / "in"
    bad = MARCH.replace(";25;", ";2x;")
    january = write(folder / "geschenken_20260401.csv", GIFT_HEADER + LATE_MARCH + bad)
    february = write(folder / "geschenken_20260501.csv", GIFT_HEADER + LATE_MARCH + bad + APRIL)
    ingest(home, folder, january)
    ingest(home, folder, february)
    assert "quarantaine" not in notes_of(home, "geschenken_20260501.csv")
    march = write(
        folder / "geschenken_20260601.csv",
        GIFT_HEADER + LATE_MARCH + APRIL + APRIL.replace(";40;", ";4y;"),
    )
    ingest(home, folder, march)
    assert "quarantaine" not in notes_of(home, "geschenken_20260601.csv")


def test_the_export_named_is_the_one_the_missing_rows_came_from(home: Path, tmp_path: Path) -> None:
    """helper-147: the warning named the first earlier file by name. March's gifts come
    from the April export, April's from the May export; June's export keeps March's and
    holds, quarantined, what may be April's corrected gift: the May export is named."""
    folder = tmp_path / "in"
    april = write(folder / "geschenken_20260401.csv", GIFT_HEADER + MARCH)
    may = write(folder / "geschenken_20260501.csv", GIFT_HEADER + APRIL)
    june = write(
        folder / "geschenken_20260601.csv",
        GIFT_HEADER + MARCH + LATE_MARCH.replace("20-03", "21-04") + APRIL.replace(";40;", ";4x;"),
    )
    for export in (april, may, june):
        ingest(home, folder, export)
    said = notes_of(home, "geschenken_20260601.csv")
    assert f"1 rij(en) die {may} daar had, staan niet onder de geladen rijen" in said


@pytest.mark.parametrize(
    ("late", "said"),
    [
        ([(200, "04-12-2025"), (201, "06-12-2025")], True),
        ([(100, "05-12-2025"), (201, "06-12-2025")], True),  # 100 on another day: other
        ([(100, "02-12-2025"), (201, "06-12-2025")], False),  # 100's gift kept
    ],
)
def test_a_covering_export_that_replaces_a_period_with_other_rows_says_so(
    home: Path, tmp_path: Path, late: list[tuple[int, str]], said: bool
) -> None:
    """helper-190 D1: December's two gifts in the 2025 export; the 2026 year-to-date
    export holds two late ones dated December, so it covers December with those two, and
    the two before counted no more, unsaid (not fewer rows). Said when none of the older
    rows is among the newer's (the same employee on the same day); a December that keeps
    one of them (a correction of the other) is not named."""
    header = "employee_key;received_on;giver_type;gift_type;value_eur;delivered_at_home;decision\n"
    gift = "{};{};leverancier;etentje;40;nee;geaccepteerd\n"
    mapping = write(
        tmp_path / "geschenken.mapping.yaml",
        "dataset: gifts\nfiles: ['geschenken_*.csv']\ncovers: month\n"
        "export_date: {from_name: 'geschenken_(\\d{8})'}\n",
    )
    december = [(100, "02-12-2025"), (101, "02-12-2025")]
    full = write(
        tmp_path / "geschenken_20260110.csv",
        header + "".join(gift.format(k, d) for k, d in december),
    )
    ytd = write(
        tmp_path / "geschenken_20260331.csv",
        header + "".join(gift.format(k, d) for k, d in late) + gift.format(202, "02-02-2026"),
    )
    run(home, full, mappings=[mapping])
    [result] = run(home, ytd, mappings=[mapping])
    notes = [str(n) for n in result.notes if "vervangt" in str(n)]
    other = f"12-2025: geen van de 2 rij(en) uit {full} staat in deze export, die er 2 andere"
    assert [other in n for n in notes] == ([True] if said else []), result.notes


def test_an_empty_export_of_the_whole_register_says_what_still_counts(
    home: Path, tmp_path: Path
) -> None:
    """helper-190 D5: under covers: all, a newer export with a header alone replaces
    nothing (no row, no period), and said only that it held a header: the 2 gifts of the
    older export count on. Said, with the way out; not under covers: month."""
    folder = tmp_path / "in"
    mapping(folder, covers="all")
    old = write(folder / "geschenken_20260331.csv", GIFT_HEADER + MARCH + APRIL)
    empty = write(folder / "geschenken_20260630.csv", GIFT_HEADER)
    [_, result] = run(home, old, empty, mappings=[folder / "geschenken.mapping.yaml"])
    said = [str(n) for n in result.notes]
    assert any(
        n.startswith(
            "deze export van het hele register (covers: all) heeft geen rij, en vervangt dus "
            f"niets: de 2 rij(en) uit {old} tellen nog mee"
        )
        for n in said
    ), said
    folder_m = tmp_path / "m"
    mapping(folder_m, covers="month")
    other = home.parent / "home2"
    [_, result] = run(other, old, empty, mappings=[folder_m / "geschenken.mapping.yaml"])
    assert not any("hele register" in str(n) for n in result.notes), result.notes


def test_an_undated_export_that_replaces_a_period_says_the_order_of_ingest_decided(
    home: Path, tmp_path: Path
) -> None:
    """helper-190 D2: without export dates, 'geschenken januari.csv' read after
    'geschenken februari.csv' (names in order) replaced February's corrected January with
    as many rows, and nothing was said (only a period it shrank was). Said now; a file
    that replaces nothing is not told."""
    folder = tmp_path / "in"
    write(
        folder / "geschenken.mapping.yaml",
        "dataset: gifts\nfiles: ['geschenken*.csv']\ncovers: month\n",
    )
    corrected = MARCH.replace(";25;", ";450;")
    february = write(folder / "geschenken februari.csv", GIFT_HEADER + corrected + APRIL)
    january = write(folder / "geschenken januari.csv", GIFT_HEADER + MARCH)
    results = run(home, folder)
    said = {r.path.name: " ".join(str(n) for n in r.notes) for r in results}
    order = "dit bestand heeft geen exportdatum en telt daarom als de nieuwste export"
    assert order in said[january.name], said
    assert order not in said[february.name], said
