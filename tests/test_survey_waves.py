"""A survey tool that gives respondents new anonymous numbers in every export (helper-110:
Effectory's cumulative export of two waves after the export of the first): no natural key
matches the earlier export's, and the first wave counted twice (40 respondents for 20),
without a word. Without covers the ingest now says so; with covers: wave the newest
export of a wave is the only one that counts for it, in any order of ingest. A wave split
over exports by department shares no unit and is no overlap."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.mapping import load_mapping
from pipelines.ingest.readers import UnusableFile
from tests.ingesthelpers import ingest_and_model
from tests.readers import reading
from tests.test_ingest import ORG, lenient, write

MAPPING = (
    "dataset: survey_responses\nfiles: ['enquete_*.csv']\n"
    "export_date: {from_name: 'enquete_(\\d{4}-\\d{2}-\\d{2})'}\n"
    "unpivot: {id_columns: [Respondent, Meetmoment, Afdeling]}\n"
    "columns: {Respondent: respondent_key, Meetmoment: wave_date, Afdeling: org_unit}\n"
)


def export(folder: Path, day: str, waves: dict[str, tuple[str, str]], people: int = 6) -> Path:
    """A wide export: per wave (its month, or a date) the respondents' prefix and unit;
    a prefix ending in ':2' holds its first two respondents only."""
    lines = ["Respondent;Meetmoment;Afdeling;CLA1"]
    for wave, (prefix, unit) in waves.items():
        prefix, _, some = prefix.partition(":")
        count = int(some) if some else people
        lines += [f"{prefix}{i};{wave};{unit};{1 + i % 5}" for i in range(count)]
    return write(folder / f"enquete_{day}.csv", "\n".join(lines) + "\n")


def respondents(warehouse: Path) -> dict[str, int]:
    with reading(str(warehouse)) as con:
        rows = con.execute(
            # answers (one item each): a respondent's answer twice counts twice
            "select strftime(wave_on, '%Y-%m'), count(*) "
            "from stg_survey__responses group by all order by 1"
        ).fetchall()
    return dict(rows)


def ingest(
    tmp_path: Path,
    covers: str | None,
    order: list[str],
    later: dict | None = None,
    first: dict | None = None,
) -> tuple[dict, str]:
    folder = tmp_path / "in"
    write(folder / "org_units.csv", ORG)
    write(folder / "enquete.mapping.yaml", MAPPING + (f"covers: {covers}\n" if covers else ""))
    exports = {
        "first": export(tmp_path / "x", "2026-04-02", first or {"2026-03": ("a", "VH-N")}),
        "both": export(
            tmp_path / "x",
            "2026-10-02",
            later or {"2026-03": ("c", "VH-N"), "2026-09": ("d", "VH-N")},
        ),
    }
    warehouse = tmp_path / "home" / "warehouse.duckdb"
    notes = []
    ingest_and_model(warehouse, [folder / "org_units.csv"], [], catalogue=lenient())
    for name in order:  # one run per export, as months apart
        run = tmp_path / name
        write(run / exports[name].name, exports[name].read_text())
        write(run / "enquete.mapping.yaml", (folder / "enquete.mapping.yaml").read_text())
        done = ingest_and_model(warehouse, [run], ["stg_survey__responses"], catalogue=lenient())
        assert all(f.error is None for f in done.files), [f.error for f in done.files]
        notes += [str(n) for f in done.files for n in f.notes]
    return respondents(warehouse), " ".join(notes)


@pytest.mark.parametrize("order", [["first", "both"], ["both", "first"]])
def test_covers_wave_lets_the_newest_export_count_for_its_waves(
    tmp_path: Path, order: list[str]
) -> None:
    counted, said = ingest(tmp_path, "wave", order)
    assert counted == {"2026-03": 6, "2026-09": 6}
    if order[-1] == "both":  # the newer export, read last
        assert (
            "(6 respondent(en), andere nummers of een andere schrijfwijze): van de twee exports "
            "telt alleen de nieuwste die meting, in de eenheden die hij heeft (covers: wave)"
        ) in said
    else:  # the older one, read last, is told it counts nowhere (helper-187)
        assert "meting 01-03-2026 van deze export telt niet (6 respondent(en)): " in said
        assert "enquete_2026-10-02.csv is nieuwer en vervangt die meting" in said, said
    assert "staan niet in deze export" not in said  # every unit of the wave is in both


def test_a_unit_left_out_of_a_newer_covering_export_is_said_to_count_from_the_older(
    tmp_path: Path,
) -> None:
    """helper-180: under covers: wave a newer export replaces a wave in the units it holds;
    a unit whose every respondent the survey tool deleted kept its old answers, and the
    note said only the newest export counted. The units left out are named; an export
    split by department shares no unit and says nothing (the test below)."""
    folder = tmp_path / "in"
    write(folder / "org_units.csv", ORG)
    write(folder / "enquete.mapping.yaml", MAPPING + "covers: wave\n")
    warehouse = tmp_path / "home" / "warehouse.duckdb"
    ingest_and_model(warehouse, [folder / "org_units.csv"], [], catalogue=lenient())
    both = [f"a{i};2026-03;VH-N;3" for i in range(6)] + [f"b{i};2026-03;VH-Z;3" for i in range(5)]
    write(
        folder / "enquete_2026-04-02.csv",
        "Respondent;Meetmoment;Afdeling;CLA1\n" + "\n".join(both) + "\n",
    )
    ingest_and_model(warehouse, [folder], ["stg_survey__responses"], catalogue=lenient())
    (folder / "enquete_2026-04-02.csv").unlink()
    north = [f"c{i};2026-03;VH-N;4" for i in range(6)]
    write(
        folder / "enquete_2026-05-02.csv",
        "Respondent;Meetmoment;Afdeling;CLA1\n" + "\n".join(north) + "\n",
    )
    done = ingest_and_model(warehouse, [folder], ["stg_survey__responses"], catalogue=lenient())
    said = " ".join(str(n) for f in done.files for n in f.notes)
    assert (
        "meting 01-03-2026: 1 eenheid/eenheden van " in said
        and "staan niet in deze export (VH-Z; 5 respondent(en)); daar telt " in said
    ), said
    assert respondents(warehouse) == {"2026-03": 11}  # as said: VH-Z's five still count


def test_without_covers_a_renumbered_wave_is_said_to_count_twice(tmp_path: Path) -> None:
    counted, said = ingest(tmp_path, None, ["first", "both"])
    assert counted == {"2026-03": 12, "2026-09": 6}  # as the exports say: told, not hidden
    assert (
        "meting 01-03-2026 staat ook in " in said
        and "(6 respondent(en)), maar geen van hen staat in deze export, in dezelfde "
        "eenheden: geeft het onderzoeksbureau nieuwe anonieme nummers per export, dan telt "
        "die meting nu dubbel; vervangt deze export de metingen die erin staan, zet dan "
        "covers: wave in de kolomkoppeling"
        in said
    ), said


def test_a_wave_split_by_department_over_exports_is_no_overlap(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "org_units.csv", ORG)
    write(folder / "enquete.mapping.yaml", MAPPING + "covers: wave\n")
    export(folder, "2026-04-02", {"2026-03": ("n", "VH-N")})
    export(folder, "2026-04-03", {"2026-03": ("z", "VH-Z")})
    warehouse = tmp_path / "home" / "warehouse.duckdb"
    done = ingest_and_model(warehouse, [folder / "org_units.csv"], [], catalogue=lenient())
    assert all(f.error is None for f in done.files)
    done = ingest_and_model(warehouse, [folder], ["stg_survey__responses"], catalogue=lenient())
    said = " ".join(str(n) for f in done.files for n in f.notes)
    assert "meting" not in said, said
    # covers: wave replaces a wave in the units the newer export holds it in: the other
    # department's respondents stay
    assert respondents(warehouse) == {"2026-03": 12}


@pytest.mark.parametrize("covers", ["month", "all"])
def test_covers_for_a_survey_is_wave(tmp_path: Path, covers: str) -> None:
    path = write(tmp_path / "enquete.mapping.yaml", MAPPING + f"covers: {covers}\n")
    with pytest.raises(UnusableFile) as caught:
        load_mapping(path)
    assert f"covers: '{covers}' kan niet voor survey_responses; verwacht wave" in str(
        caught.value.message
    )


@pytest.mark.parametrize("covers", [None, "wave"])
def test_a_wave_written_as_another_day_of_its_month_is_that_wave(
    tmp_path: Path, covers: str | None
) -> None:
    """helper-111: 2026-03 in one export, 31-03-2026 in the next, the same respondents:
    no key matched, the wave counted twice, silently. Said without covers; one wave with."""
    first = {"15-03-2026": ("a", "VH-N")}
    later = {"2026-03": ("a", "VH-N"), "30-09-2026": ("d", "VH-N")}
    counted, said = ingest(tmp_path, covers, ["first", "both"], later, first)
    if covers:
        assert counted == {"2026-03": 6, "2026-09": 6}
        # one wave written otherwise, or two waves of one month: both said (helper-184)
        assert (
            "(6 respondent(en)) valt in dezelfde maand als meting 01-03-2026 van deze "
            "export: onder covers: wave is een meting haar maand" in said
        ), said
    else:
        assert counted == {"2026-03": 12, "2026-09": 6}  # as the exports say: told
        assert (
            "meting 01-03-2026 van deze export ligt in dezelfde maand als meting 15-03-2026 in "
            in said
        ), said


def test_a_covering_export_with_fewer_respondents_in_a_unit_says_so(tmp_path: Path) -> None:
    """helper-111: a newer export holding two of a wave's six respondents replaced the
    wave under covers: wave, and only an overlap of keys was said."""
    later = {"2026-03": ("a:2", "VH-N"), "2026-09": ("d", "VH-N")}
    counted, said = ingest(tmp_path, "wave", ["first", "both"], later)
    assert counted == {"2026-03": 2, "2026-09": 6}
    assert (
        "meting 01-03-2026, eenheid VH-N: deze export heeft 2 respondent(en) waar " in said
        and "er 6 had; met covers: wave telt alleen deze export: is hij onvolledig, lees dan "
        "de volledige export opnieuw in"
        in said
    ), said


@pytest.mark.parametrize("covers", ["wave", None])
def test_a_waves_note_counts_all_its_units(tmp_path: Path, covers: str | None) -> None:
    """helper-121: a wave of two teams was said to hold one team's respondents, and 'en
    nog 1 zo' counted the other team as if another wave."""

    def wide(day: str, prefixes: tuple[str, str]) -> str:
        rows = [f"{prefixes[0]}{i};2026-03;VH-N;3" for i in range(6)]
        rows += [f"{prefixes[1]}{i};2026-03;VH-Z;4" for i in range(4)]
        return "Respondent;Meetmoment;Afdeling;CLA1\n" + "\n".join(rows) + "\n"

    warehouse = tmp_path / "home" / "warehouse.duckdb"
    mapping = MAPPING + (f"covers: {covers}\n" if covers else "")
    ingest_and_model(warehouse, [write(tmp_path / "org" / "org_units.csv", ORG)], [])
    said = []
    for day, prefixes in (("2026-04-02", ("a", "b")), ("2026-10-02", ("c", "d"))):
        run = tmp_path / day
        write(run / "enquete.mapping.yaml", mapping)
        write(run / f"enquete_{day}.csv", wide(day, prefixes))
        done = ingest_and_model(warehouse, [run], [], catalogue=lenient())
        said += [str(n) for f in done.files for n in f.notes]
    waves = [n for n in said if n.startswith("meting 01-03-2026 staat ook in")]
    assert len(waves) == 1, said
    assert "(10 respondent(en)" in waves[0] and "en nog" not in waves[0], waves


@pytest.mark.parametrize(
    ("covers", "order", "counted", "note"),
    [
        # helper-159: two respondents deleted in the survey tool kept counting, unsaid
        (None, ["first", "both"], 6, "2 antwoord(en) uit een oudere export ("),
        (None, ["both", "first"], 6, "2 antwoord(en) van deze oudere export staan in de "),
        # a newer export that replaces its waves whole leaves nothing of the older counting
        ("wave", ["first", "both"], 4, None),
        ("wave", ["both", "first"], 4, None),
    ],
)
def test_answers_an_older_export_has_and_a_newer_one_not_are_said_to_count_on(
    tmp_path: Path, covers: str | None, order: list[str], counted: int, note: str | None
) -> None:
    answers, said = ingest(
        tmp_path,
        covers,
        order,
        later={"2026-03": ("a:4", "VH-N")},
        first={"2026-03": ("a", "VH-N")},
    )
    assert answers == {"2026-03": counted}
    fix = "bevat elke export zijn metingen heel, zet dan covers: wave in de kolomkoppeling"
    if note is None:
        assert "antwoord(en)" not in said, said
    else:
        assert note in said and fix in said, said


def test_an_older_export_read_after_a_newer_one_that_replaces_its_waves_is_not_said_to_count(
    tmp_path: Path,
) -> None:
    """The newer export's mapping says covers: wave, the older one's read later not: none
    of the older answers count, so none is said to."""
    write(tmp_path / "org_units.csv", ORG)
    warehouse = tmp_path / "home" / "warehouse.duckdb"
    ingest_and_model(warehouse, [tmp_path / "org_units.csv"], [], catalogue=lenient())
    said = []
    for day, prefix, covers in (("2026-10-02", "a:4", "covers: wave\n"), ("2026-04-02", "a", "")):
        run = tmp_path / day
        export(run, day, {"2026-03": (prefix, "VH-N")})
        write(run / "enquete.mapping.yaml", MAPPING + covers)
        done = ingest_and_model(warehouse, [run], ["stg_survey__responses"], catalogue=lenient())
        said += [str(n) for f in done.files for n in f.notes]
    assert respondents(warehouse) == {"2026-03": 4}
    assert not [n for n in said if "antwoord(en)" in n], said


def test_two_teams_forms_numbered_alike_are_said_to_replace_each_other(tmp_path: Path) -> None:
    """helper-159: two teams' Microsoft Forms, each numbering its respondents from 1: the
    second team's answers replaced the first's per key, and the note said only which
    export counts."""
    answers, said = ingest(
        tmp_path,
        None,
        ["first", "both"],
        later={"2026-03": ("a", "VH-Z")},
        first={"2026-03": ("a", "VH-N")},
    )
    assert answers == {"2026-03": 6}  # as the keys say: told, not changed
    assert (
        "6 sleutel(s) (respondent_key, wave_date, item_code) van deze export staan ook in " in said
    )
    assert "maar bij geen ervan met dezelfde org_unit" in said, said


def test_a_unit_a_newer_export_holds_is_not_said_to_count_from_an_older_one(
    tmp_path: Path,
) -> None:
    """helper-181: three exports of one wave (both units; then the south alone; then the
    north alone): the last was told the south still counted from the first, where the
    second counts for it (where no newer export holds the unit it is said: the test
    above)."""
    folder = tmp_path / "in"
    write(folder / "org_units.csv", ORG)
    write(folder / "enquete.mapping.yaml", MAPPING + "covers: wave\n")
    warehouse = tmp_path / "home" / "warehouse.duckdb"
    ingest_and_model(warehouse, [folder / "org_units.csv"], [], catalogue=lenient())
    head = "Respondent;Meetmoment;Afdeling;CLA1\n"

    def one(day: str, units: list[str], prefix: str) -> str:
        rows = [f"{prefix}{u}{i};2026-03;{u};3" for u in units for i in range(5)]
        path = write(folder / f"enquete_{day}.csv", head + "\n".join(rows) + "\n")
        done = ingest_and_model(warehouse, [folder], ["stg_survey__responses"], catalogue=lenient())
        path.unlink()
        return " ".join(str(n) for f in done.files for n in f.notes)

    one("2026-03-20", ["VH-N", "VH-Z"], "a")
    one("2026-03-25", ["VH-Z"], "b")
    said = one("2026-03-31", ["VH-N"], "c")
    assert "staan niet in deze export" not in said, said


def _wave_file(folder: Path, day: str, units: list[str], prefix: str, covers: bool) -> Path:
    """One export of the March 2026 wave, five respondents a unit, with its mapping."""
    head = "Respondent;Meetmoment;Afdeling;CLA1\n"
    rows = [f"{prefix}{u}{i};2026-03;{u};3" for u in units for i in range(5)]
    write(folder / "enquete.mapping.yaml", MAPPING + ("covers: wave\n" if covers else ""))
    return write(folder / f"enquete_{day}.csv", head + "\n".join(rows) + "\n")


def _ingest_each(tmp_path: Path, exports: list[tuple[str, list[str], str, bool]]) -> str:
    """Each export in a run of its own, in the order given; the last one's notes."""
    write(tmp_path / "org" / "org_units.csv", ORG)
    warehouse = tmp_path / "home" / "warehouse.duckdb"
    ingest_and_model(warehouse, [tmp_path / "org" / "org_units.csv"], [], catalogue=lenient())
    said = ""
    for n, (day, units, prefix, covers) in enumerate(exports):
        folder = tmp_path / f"run{n}"
        _wave_file(folder, day, units, prefix, covers)
        done = ingest_and_model(warehouse, [folder], ["stg_survey__responses"], catalogue=lenient())
        said = " ".join(str(x) for f in done.files for x in f.notes)
    return said


def test_an_older_covering_export_after_a_newer_one_without_covers_says_both_count(
    tmp_path: Path,
) -> None:
    """helper-182: the older export under covers: wave, read after a newer one without
    covers, was told only the newest counted; the newer replaces nothing, so both do."""
    said = _ingest_each(
        tmp_path, [("2026-05-02", ["VH-N"], "c", False), ("2026-04-02", ["VH-N"], "a", True)]
    )
    assert "een nieuwere export zonder covers: wave: die vervangt niets" in said, said
    assert "telt alleen de nieuwste" not in said
    assert respondents(tmp_path / "home" / "warehouse.duckdb") == {"2026-03": 10}


def test_a_unit_a_newer_export_without_covers_holds_still_counts_from_the_older(
    tmp_path: Path,
) -> None:
    """helper-182: a unit of the first export (covers: wave) that a newer export without
    covers also holds still counts from the first, beside it; the last export, which
    leaves that unit out, did not say so (an export without covers replaces nothing)."""
    said = _ingest_each(
        tmp_path,
        [
            ("2026-04-01", ["VH-N", "VH-Z"], "a", True),
            ("2026-04-02", ["VH-Z"], "b", False),
            ("2026-04-03", ["VH-N"], "c", True),
        ],
    )
    assert "staan niet in deze export (VH-Z; 5 respondent(en))" in said, said
