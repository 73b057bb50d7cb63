"""Where the order of exports, not a covering export, decides what a register or a survey
wave counts, the ingest says so (pipelines/ingest/covered_order.py; helper-150): a newer
export without covers in a period a covering export covers (both count: side_jobs.csv
read without a mapping, then the register with covers: all, counted every side job
twice, unsaid), and two covering exports of the same export date (the order of ingest
decides: an uncorrected export of the day read after the correction won, unsaid)."""

from __future__ import annotations

from pathlib import Path

from tests.ingesthelpers import ingest_and_model
from tests.test_ingest import ORG, home, lenient, org_home, write
from tests.test_reexports import GIFT_HEADER, query_at
from tests.test_reexports_covers import APRIL, MARCH, mapping, notes_of
from tests.test_survey_waves import MAPPING, export

__all__ = ["home", "org_home"]  # fixtures used here

LATE_MARCH = "102;20-03-2026;leverancier;etentje;20;nee;geaccepteerd\n"
GIFTS_MODEL = ("stg_registers__gifts",)


def march_gifts(home: Path) -> int:
    sql = "select count(*) from stg_registers__gifts where month(received_on) = 3"
    return query_at(home / "w.duckdb", sql)[0][0]


def gifts_in(home: Path, inputs: list[Path], mappings: list[Path]) -> None:
    """An ingest with the gifts' staging model (what a build runs, less the rest)."""
    ingest_and_model(home / "w.duckdb", inputs, GIFTS_MODEL, mappings=mappings, catalogue=lenient())


def run(home: Path, folder: Path, *files: Path, mapped: bool = True) -> None:
    maps = [mapping(folder)] if mapped else []
    gifts_in(home, list(files), maps)


def test_a_newer_export_without_covers_in_a_covered_period_is_said_to_count_twice(
    home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    undated = write(tmp_path / "los" / "giften.csv", GIFT_HEADER + MARCH + APRIL)
    run(home, folder, undated, mapped=False)  # no mapping: no export date, no covers
    covering = write(folder / "geschenken_20260501.csv", GIFT_HEADER + MARCH + LATE_MARCH)
    run(home, folder, covering)
    said = notes_of(home, "geschenken_20260501.csv")
    assert (
        f"1 rij(en) van {undated} vallen in een periode die deze export beslaat (covers), "
        f"maar {undated} heeft geen exportdatum, telt met het moment van inlezen ("
    ) in said, said
    assert "de rijen van beide tellen, die in beide staan dubbel" in said
    assert march_gifts(home) == 3  # as said: the undated March gift and both of the export


def test_an_older_export_without_covers_is_replaced_and_nothing_is_said(
    home: Path, tmp_path: Path
) -> None:
    """The boundary: dated before the covering export, the export without covers is
    replaced in the periods it covers; an export dated after it in another month only."""
    folder = tmp_path / "in"
    dated = tmp_path / "los" / "giften.mapping.yaml"
    write(
        dated,
        "dataset: gifts\nfiles: ['giften_*.csv']\nexport_date: {from_name: 'giften_(\\d{8})'}\n",
    )
    older = write(tmp_path / "los" / "giften_20260401.csv", GIFT_HEADER + MARCH)
    gifts_in(home, [older], [dated])
    newer = write(tmp_path / "los" / "giften_20260601.csv", GIFT_HEADER + APRIL)
    gifts_in(home, [newer], [dated])
    covering = write(folder / "geschenken_20260501.csv", GIFT_HEADER + MARCH + LATE_MARCH)
    run(home, folder, covering)
    said = notes_of(home, "geschenken_20260501.csv")
    assert "dubbel" not in said and "beslaat ook" not in said, said
    assert march_gifts(home) == 2


def test_two_covering_exports_of_the_same_date_are_said_to_be_decided_by_order(
    home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    correction = write(folder / "geschenken_20260501_herzien.csv", GIFT_HEADER + MARCH)
    run(home, folder, correction)
    same_day = write(folder / "geschenken_20260501.csv", GIFT_HEADER + MARCH + LATE_MARCH)
    run(home, folder, same_day)
    said = notes_of(home, "geschenken_20260501.csv")
    assert (
        f"{correction} (1 rij(en)) beslaat ook een periode van deze export en heeft dezelfde "
        "exportdatum 01-05-2026: geen van beide is nieuwer, dus beslist de volgorde van "
        "inlezen (dan de bestandsnaam) welke daar telt"
    ) in said, said
    other_day = write(folder / "geschenken_20260502.csv", GIFT_HEADER + MARCH)
    run(home, folder, other_day)
    assert "dezelfde exportdatum" not in notes_of(home, "geschenken_20260502.csv")


def test_two_survey_exports_of_the_same_date_covering_a_wave_are_said_to_tie(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    write(folder / "org_units.csv", ORG)
    write(folder / "enquete.mapping.yaml", MAPPING + "covers: wave\n")
    warehouse = tmp_path / "home" / "warehouse.duckdb"
    ingest_and_model(warehouse, [folder / "org_units.csv"], [], catalogue=lenient())
    said = {}
    for day, prefix in [("2026-10-02_herzien", "a"), ("2026-10-02", "b"), ("2026-10-03", "c")]:
        run_dir = tmp_path / day
        write(run_dir / "enquete.mapping.yaml", (folder / "enquete.mapping.yaml").read_text())
        export(run_dir, day, {"2026-03": (prefix, "VH-N")})
        done = ingest_and_model(warehouse, [run_dir], [], catalogue=lenient())
        assert all(f.error is None for f in done.files), [f.error for f in done.files]
        said[day] = " ".join(str(n) for f in done.files for n in f.notes)
    assert (
        "meting 01-03-2026 staat ook in " in said["2026-10-02"]
        and "(6 respondent(en)), met dezelfde exportdatum 02-10-2026: geen van beide is "
        "nieuwer, dus beslist de volgorde van inlezen"
        in said["2026-10-02"]
    ), said
    assert "dezelfde exportdatum" not in said["2026-10-03"], said
    assert "telt alleen de nieuwste" in said["2026-10-03"], said


def test_rows_a_newer_covering_export_replaces_are_not_said_to_count_twice(
    home: Path, tmp_path: Path
) -> None:
    """helper-152: an export without covers, then a newer covering export of every
    period, then an older one: that replaces both, so nothing counts twice."""
    dated = write(
        tmp_path / "los" / "giften.mapping.yaml",
        "dataset: gifts\nfiles: ['giften_*.csv']\nexport_date: {from_name: 'giften_(\\d{8})'}\n",
    )
    uncovered = write(tmp_path / "los" / "giften_20260501.csv", GIFT_HEADER + MARCH + APRIL)
    gifts_in(home, [uncovered], [dated])
    everything = mapping(tmp_path / "alles", covers="all")
    newest = write(tmp_path / "alles" / "geschenken_20260601.csv", GIFT_HEADER + LATE_MARCH)
    gifts_in(home, [newest], [everything])
    oldest = write(tmp_path / "alles" / "geschenken_20260401.csv", GIFT_HEADER + MARCH)
    gifts_in(home, [oldest], [everything])
    said = notes_of(home, "geschenken_20260401.csv")
    assert "dubbel" not in said, said
    assert "daar telt" in said  # the newer covering export counts there, said as before
    assert march_gifts(home) == 1


def test_a_tie_is_said_where_either_covers_the_others_period(home: Path, tmp_path: Path) -> None:
    """helper-152: a year's export (January) read before a month's (March) of the same
    date: the year covers March too, and the order of ingest decides there."""
    folder = tmp_path / "in"
    year = write(
        folder / "jaar.mapping.yaml",
        "dataset: gifts\nfiles: ['jaar_*.csv']\ncovers: year\n"
        "export_date: {from_name: 'jaar_(\\d{8})'}\n",
    )
    january = MARCH.replace("03-03-2026", "03-01-2026")
    first = write(folder / "jaar_20260501.csv", GIFT_HEADER + january)
    gifts_in(home, [first], [year])
    month = write(folder / "geschenken_20260501.csv", GIFT_HEADER + LATE_MARCH)
    run(home, folder, month)
    said = notes_of(home, "geschenken_20260501.csv")
    assert f"{first} (1 rij(en)) beslaat ook een periode van deze export" in said, said
    later = write(folder / "geschenken_20260502.csv", GIFT_HEADER + LATE_MARCH + MARCH)
    run(home, folder, later)
    assert "dezelfde exportdatum" not in notes_of(home, "geschenken_20260502.csv")


def test_survey_exports_without_a_date_are_not_said_to_share_one(tmp_path: Path) -> None:
    """helper-152: two undated exports of one moment of ingest were told they had the
    same export date, the day of ingest."""
    folder = tmp_path / "in"
    write(folder / "org_units.csv", ORG)
    undated = MAPPING.replace("export_date: {from_name: 'enquete_(\\d{4}-\\d{2}-\\d{2})'}\n", "")
    assert undated != MAPPING
    write(folder / "enquete.mapping.yaml", undated + "covers: wave\n")
    warehouse = tmp_path / "home" / "warehouse.duckdb"
    ingest_and_model(warehouse, [folder / "org_units.csv"], [], catalogue=lenient())
    export(folder, "a", {"2026-03": ("a", "VH-N")})
    export(folder, "b", {"2026-03": ("b", "VH-N")})
    done = ingest_and_model(warehouse, [folder], [], catalogue=lenient())
    said = " ".join(str(n) for f in done.files for n in f.notes)
    assert "dezelfde exportdatum" not in said, said


def test_no_tie_is_said_where_a_newer_covering_export_counts(home: Path, tmp_path: Path) -> None:
    """helper-154: June's export counts for March; two exports of 1 May read after it
    were told the order of ingest decides between them there."""
    folder = tmp_path / "in"
    june = write(folder / "geschenken_20260601.csv", GIFT_HEADER + MARCH)
    run(home, folder, june)
    may = write(folder / "geschenken_20260501.csv", GIFT_HEADER + MARCH + LATE_MARCH)
    run(home, folder, may)
    fixed = write(folder / "geschenken_20260501_herzien.csv", GIFT_HEADER + LATE_MARCH)
    run(home, folder, fixed)
    said = notes_of(home, "geschenken_20260501_herzien.csv")
    assert "dezelfde exportdatum" not in said, said
    assert "daar telt" in said, said


def test_of_two_exports_of_one_date_in_one_run_the_one_read_last_counts(
    home: Path, tmp_path: Path
) -> None:
    """helper-180: both were stored in the same second, so the full paths, compared as
    text, decided: 'maart/' sorts after 'maart-correctie/' there (a slash after a dash),
    and the export read first counted, against the note. Each load has its own moment
    now (loads.next_moment), in the order the files are read."""
    maps = tmp_path / "maps"
    write(tmp_path / "in" / "maart" / "geschenken_20260331.csv", GIFT_HEADER + MARCH)
    corrected = MARCH.replace(";25;", ";30;")
    write(tmp_path / "in" / "maart-correctie" / "geschenken_20260331.csv", GIFT_HEADER + corrected)
    gifts_in(home, [tmp_path / "in"], [mapping(maps)])
    order = query_at(
        home / "w.duckdb",
        "select source_file, ingested_at from ingest_log where dataset = 'gifts' "
        "order by ingested_at, source_file",
    )
    assert [Path(f).parent.name for f, _ in order] == ["maart", "maart-correctie"], order
    assert order[0][1] < order[1][1], order  # each its own moment, in the order read
    said = notes_of(home, "maart-correctie/geschenken_20260331.csv")
    assert "beslist de volgorde van inlezen" in said, said
    values = query_at(home / "w.duckdb", "select value_eur from stg_registers__gifts")
    assert values == [(30.0,)], values


NUMBERED = "record_id;" + GIFT_HEADER


def test_a_register_that_begins_or_stops_numbering_under_covers_says_what_counts_twice(
    home: Path, tmp_path: Path
) -> None:
    """helper-180: covers replaces rows without record_id, by the periods rows without one
    fall in, and a number matches only a number; so the rows of an export that began
    numbering them (or stopped) counted twice beside the earlier export's, unsaid under
    covers (said without it). Said now, both ways; a twin in a period the export's own
    rows without number cover is replaced, and not said (the boundary)."""
    maps = tmp_path / "maps"
    write(tmp_path / "a" / "geschenken_20260331.csv", GIFT_HEADER + MARCH + LATE_MARCH)
    numbered = "".join(f"R{i};{row}" for i, row in enumerate([MARCH, LATE_MARCH]))
    write(tmp_path / "b" / "geschenken_20260430.csv", NUMBERED + numbered)
    gifts_in(home, [tmp_path / "a"], [mapping(maps)])
    gifts_in(home, [tmp_path / "b"], [mapping(maps)])
    said = notes_of(home, "b/geschenken_20260430.csv")
    assert "2 rij(en) van dit bestand staan ook, zonder record_id, in een eerder" in said, said
    assert march_gifts(home) == 4  # as said
    # stopped numbering: the earlier export's numbered rows stay beside these
    other = tmp_path / "other"
    write(other / "c" / "geschenken_20260331.csv", NUMBERED + numbered)
    write(other / "d" / "geschenken_20260430.csv", GIFT_HEADER + MARCH + LATE_MARCH)
    second = tmp_path / "home2"
    write(second / "org_units.csv", ORG)
    gifts_in(second, [second / "org_units.csv", other / "c"], [mapping(maps)])
    gifts_in(second, [other / "d"], [mapping(maps)])
    said = notes_of(second, "d/geschenken_20260430.csv")
    assert "2 rij(en) van dit bestand staan ook, met record_id, in een eerder" in said, said
    assert march_gifts(second) == 4
    # the boundary: a numbered export whose own rows without number cover March replaces
    # the earlier March rows without number; nothing counts twice, nothing is said
    third = tmp_path / "home3"
    write(third / "org_units.csv", ORG)
    gifts_in(third, [third / "org_units.csv", tmp_path / "a"], [mapping(maps)])
    mixed = write(
        tmp_path / "e" / "geschenken_20260430.csv",
        NUMBERED + numbered + ";" + MARCH.replace("100;", "103;"),
    )
    gifts_in(third, [mixed.parent], [mapping(maps)])
    assert "dubbel" not in notes_of(third, "e/geschenken_20260430.csv")
    assert march_gifts(third) == 3


def test_an_older_covering_export_names_the_newest_export_that_counts_in_its_period(
    home: Path, tmp_path: Path
) -> None:
    """helper-180: January's export read last was told 'daar telt' February's export (the
    newer one whose name sorted first), while September's, newer still, counts for
    January. Each period names the newest export that covers it."""
    maps, folder = tmp_path / "maps", tmp_path / "in"
    january = "100;03-01-2026;huurder;tegoedbon;25;nee;geweigerd\n"
    february = january.replace("03-01-", "03-02-")
    september = january.replace("03-01-", "03-09-")
    write(folder / "geschenken_20260228.csv", GIFT_HEADER + january + february)
    write(folder / "geschenken_20260930.csv", GIFT_HEADER + january + september)
    gifts_in(home, [folder], [mapping(maps)])
    old = write(tmp_path / "late" / "geschenken_20260131.csv", GIFT_HEADER + january)
    gifts_in(home, [old], [mapping(maps)])
    said = notes_of(home, "late/geschenken_20260131.csv")
    newest = folder / "geschenken_20260930.csv"
    assert f"deze export telt niet voor 1 periode(n) (01-2026): daar telt {newest}," in said, said


def test_an_older_numbered_export_read_after_a_newer_one_says_its_twins_count_twice(
    home: Path, tmp_path: Path
) -> None:
    """helper-181: an older export, numbered but for one row, read after a newer one
    without numbers: its numbered rows count beside their twins (covers replaces only
    older rows), yet nothing said so, since the twins lay in a month its own row without
    number falls in; and a wholly numbered one was told it counts for no period there,
    where its numbered rows count (only rows without a number are replaced)."""
    maps = tmp_path / "maps"
    numbered = "".join(f"R{i};{row}" for i, row in enumerate([MARCH, LATE_MARCH]))
    write(tmp_path / "new" / "geschenken_20260430.csv", GIFT_HEADER + MARCH + LATE_MARCH)
    gifts_in(home, [tmp_path / "new"], [mapping(maps)])
    extra = ";" + MARCH.replace("100;", "104;")
    write(tmp_path / "old" / "geschenken_20260331.csv", NUMBERED + numbered + extra)
    gifts_in(home, [tmp_path / "old"], [mapping(maps)])
    said = notes_of(home, "old/geschenken_20260331.csv")
    assert "2 rij(en) van dit bestand staan ook, zonder record_id, in een eerder" in said, said
    assert march_gifts(home) == 4  # as said: both twins twice, the row without number not
    second = tmp_path / "home2"
    write(second / "org_units.csv", ORG)
    gifts_in(second, [second / "org_units.csv", tmp_path / "new"], [mapping(maps)])
    write(tmp_path / "old2" / "geschenken_20260331.csv", NUMBERED + numbered)
    gifts_in(second, [tmp_path / "old2"], [mapping(maps)])
    said = notes_of(second, "old2/geschenken_20260331.csv")
    assert "2 rij(en) van dit bestand staan ook, zonder record_id" in said, said
    assert "telt niet voor" not in said, said
    assert march_gifts(second) == 4


def test_a_row_a_covering_export_replaced_is_no_twin_of_a_later_export_without_covers(
    home: Path, tmp_path: Path
) -> None:
    """helper-182: a gift a covering export removed (its January export without it) was
    said to count twice beside a later export without covers that holds it again: the
    earlier row counts no more, so the gift counts once. With the removing export left
    out it does count twice, and is said to (the boundary)."""
    covering, plain = tmp_path / "maps", tmp_path / "plain"
    write(
        plain / "geschenken.mapping.yaml",
        "dataset: gifts\nfiles: ['geschenken_*.csv']\n"
        "export_date: {from_name: 'geschenken_(\\d{8})'}\n",
    )
    t = "100;03-01-2026;huurder;tegoedbon;25;nee;geweigerd\n"
    u = "101;05-01-2026;leverancier;etentje;40;nee;geaccepteerd\n"
    write(tmp_path / "a" / "geschenken_20260201.csv", GIFT_HEADER + t + u)
    write(tmp_path / "b" / "geschenken_20260301.csv", GIFT_HEADER + u)
    write(tmp_path / "c" / "geschenken_20260401.csv", NUMBERED + "R1;" + t)
    write(tmp_path / "d" / "geschenken_20260401.csv", GIFT_HEADER + t)
    for later in ("c", "d"):
        for removed in (True, False):
            where = tmp_path / f"home-{later}-{removed}"
            write(where / "org_units.csv", ORG)
            gifts_in(where, [where / "org_units.csv", tmp_path / "a"], [mapping(covering)])
            if removed:
                gifts_in(where, [tmp_path / "b"], [mapping(covering)])
            gifts_in(where, [tmp_path / later], [plain / "geschenken.mapping.yaml"])
            said = notes_of(where, f"{later}/geschenken_20260401.csv")
            sql = "select count(*) from stg_registers__gifts where value_eur = 25"
            counted = query_at(where / "w.duckdb", sql)[0][0]
            assert counted == (1 if removed else 2), (later, removed, counted)
            assert ("tellen dubbel" in said) == (not removed), (later, removed, said)


def test_alike_rows_of_an_export_are_each_said_to_count_twice(home: Path, tmp_path: Path) -> None:
    """helper-183: three alike gifts (three real ones, a row each) of an export read again
    in another order were counted as one row in 'tellen dubbel' (INTERSECT's distinct
    rows): each row of this file with a twin is counted."""
    rows = [MARCH, MARCH, MARCH, LATE_MARCH, APRIL]
    write(tmp_path / "a" / "giften.csv", GIFT_HEADER + "".join(rows))
    write(tmp_path / "b" / "giften.csv", GIFT_HEADER + "".join(reversed(rows)))
    gifts_in(home, [tmp_path / "a"], [])
    gifts_in(home, [tmp_path / "b"], [])
    said = notes_of(home, "b/giften.csv")
    assert "5 rij(en) staan ook in een eerder ingelezen export en tellen dubbel" in said, said
