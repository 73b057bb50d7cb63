"""What ingest says of a survey export's rows under covers: wave is what staging counts
(helper-184): a rejected answer of a wave the newer export replaces whole was said to
keep the earlier answer counting ('voor die sleutel(s) blijft de eerdere rij tellen'),
while the wave's older answers were all gone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ingesthelpers import ingest_and_model
from tests.readers import reading
from tests.test_ingest import ORG, lenient, write

HEADER = "RespondentID;Meetmoment;Eenheid;Vraagcode;Antwoord\n"
MAPPING = (
    "dataset: survey_responses\nfiles: ['enq_*.csv']\n{covers}"
    "export_date: {{from_name: 'enq_(\\d{{4}}-\\d{{2}}-\\d{{2}})'}}\n"
    "columns: {{RespondentID: respondent_key, Meetmoment: wave_date, Eenheid: org_unit, "
    "Vraagcode: item_code, Antwoord: answer}}\n"
)


def export(folder: Path, day: str, bad: str | None = None, unit: str = "VH-N") -> Path:
    """Five respondents of the March wave, three items each; ``bad``: the respondent
    whose PS1 answer is off the scale (quarantined)."""
    rows = [
        f"R{n};15-03-2026;{unit};{item};{9 if f'R{n}' == bad and item == 'PS1' else 1 + n % 5}"
        for n in range(1, 6)
        for item in ("CLA1", "CLA2", "PS1")
    ]
    return write(folder / f"enq_{day}.csv", HEADER + "\n".join(rows) + "\n")


def runs(tmp_path: Path, writers: list[Callable[[Path], object]]) -> tuple[int, str]:
    """Each writer's files in a run of its own, in the order given, after the org tree;
    the answers staging counts, and the last run's notes."""
    warehouse = tmp_path / "home" / "warehouse.duckdb"
    ingest_and_model(warehouse, [write(tmp_path / "org.csv", ORG)], [], catalogue=lenient())
    notes: list[str] = []
    for n, writer in enumerate(writers):
        writer(run := tmp_path / f"run{n}")
        done = ingest_and_model(warehouse, [run], ["stg_survey__responses"], catalogue=lenient())
        assert all(f.error is None for f in done.files), [f.error for f in done.files]
        notes = [str(note) for f in done.files for note in f.notes]
    with reading(str(warehouse)) as con:
        (answers,) = con.execute("select count(*) from stg_survey__responses").fetchone()
    return answers, " ".join(notes)


def lines(day: str, rows: list[str], mapping: str | None = None) -> Callable[[Path], None]:
    """A run's writer: ``rows`` as enq_<day>.csv (the survey tool's header) beside the
    mapping (covers: wave unless another is given)."""

    def write_run(run: Path) -> None:
        write(run / f"enq_{day}.csv", HEADER + "\n".join(rows) + "\n")
        write(run / "enq.mapping.yaml", COVERING if mapping is None else mapping)

    return write_run


def ingest(tmp_path: Path, covers: bool, files: list[tuple[str, str | None]]) -> tuple[int, str]:
    """Each export (its day, the respondent with a rejected answer) in a run of its own."""
    mapping = MAPPING.format(covers="covers: wave\n" if covers else "")
    return runs(
        tmp_path,
        [
            lambda run, day=day, bad=bad: (
                export(run, day, bad),
                write(run / "enq.mapping.yaml", mapping),
            )
            for day, bad in files
        ],
    )


HELD = "voor die sleutel(s) blijft de eerdere rij tellen"


@pytest.mark.parametrize(
    ("covers", "files", "answers", "held"),
    [
        # the newer export replaces the wave whole: R3's old PS1 is gone, and unsaid
        (True, [("2026-03-31", None), ("2026-04-10", "R3")], 14, False),
        # without covers the old PS1 counts for R3's key: said
        (False, [("2026-03-31", None), ("2026-04-10", "R3")], 15, True),
        # the rejected export is the older one, read last: the newer one's PS1 counts
        # whatever becomes of this one, so no key waits for a corrected export (helper-190
        # D12); that this export counts nowhere is said by itself
        (True, [("2026-04-10", None), ("2026-03-31", "R3")], 15, False),
    ],
)
def test_a_rejected_answer_is_said_to_keep_the_earlier_one_only_where_it_does(
    tmp_path: Path, covers: bool, files: list, answers: int, held: bool
) -> None:
    counted, said = ingest(tmp_path, covers, files)
    assert counted == answers
    assert (HELD in said) is held


def answers_of(
    folder: Path, name: str, wave: str, prefix: str, people: int, header: str = HEADER
) -> Path:
    rows = [f"{prefix}{n};{wave};VH-N;CLA1;{1 + n % 5}" for n in range(1, people + 1)]
    return write(folder / name, header + "\n".join(rows) + "\n")


CANONICAL = "respondent_key;wave_date;org_unit;item_code;answer\n"  # no mapping needed


def each_run(tmp_path: Path, exports: list[tuple[str, str, str, int, str | None]]) -> tuple:
    """Each export (file name, wave, respondents' prefix and count, mapping) in a run of
    its own; an export without a mapping has the contract's header."""

    def writer(name: str, wave: str, prefix: str, people: int, mapping: str | None) -> Callable:
        def write_run(run: Path) -> None:
            answers_of(run, name, wave, prefix, people, HEADER if mapping else CANONICAL)
            if mapping is not None:
                write(run / "enq.mapping.yaml", mapping)

        return write_run

    return runs(tmp_path, [writer(*export) for export in exports])


COVERING = MAPPING.format(covers="covers: wave\n")


def test_an_export_replaced_by_a_newer_one_is_no_overlap_for_one_read_after_both(
    tmp_path: Path,
) -> None:
    """helper-184: A (31-03, six), B (10-04, four), then C (05-04, five) read last: C was
    said to hold five where A had six, while only B counted and A counted nowhere."""
    exports = [
        ("enq_2026-03-31.csv", "15-03-2026", "a", 6, COVERING),
        ("enq_2026-04-10.csv", "15-03-2026", "b", 4, COVERING),
        ("enq_2026-04-05.csv", "15-03-2026", "c", 5, COVERING),
    ]
    counted, said = each_run(tmp_path, exports)
    assert counted == 4
    assert "enq_2026-03-31.csv" not in said, said
    # C is older than B, which replaces it: C counts nowhere, and is told so (helper-187)
    assert "meting 15-03-2026 van deze export telt niet (5 respondent(en)): " in said, said
    assert "enq_2026-04-10.csv is nieuwer en vervangt die meting" in said, said


def test_a_newer_export_without_a_date_is_told_to_get_its_date(tmp_path: Path) -> None:
    """helper-184: the advice to put covers: wave on an undated older file made it the
    newest (its moment of ingest is its date), and the correction was replaced."""
    exports = [
        ("survey_responses.csv", "15-03-2026", "R", 6, None),
        ("enq_2026-04-10.csv", "15-03-2026", "N", 5, COVERING),
    ]
    counted, said = each_run(tmp_path, exports)
    assert counted == 11  # both count, as said
    assert "een export zonder exportdatum en zonder covers: wave" in said, said
    assert "geef " in said and "ook zijn exportdatum (export_date in de kolomkoppeling)" in said


@pytest.mark.parametrize(("covers", "counted"), [(True, 5), (False, 10)])
def test_two_waves_of_one_month_are_said_to_be_one_under_covers(
    tmp_path: Path, covers: bool, counted: int
) -> None:
    """helper-184: pulse waves of 02-03 and 16-03 exported per wave: under covers: wave
    the first was said to be in the second's export 'with other numbers', which it was
    not; a wave is its month there, and that is now said, with both ways out."""
    mapping = MAPPING.format(covers="covers: wave\n" if covers else "")
    exports = [
        ("enq_2026-03-10.csv", "02-03-2026", "p", 5, mapping),
        ("enq_2026-03-24.csv", "16-03-2026", "q", 5, mapping),
    ]
    answers, said = each_run(tmp_path, exports)
    assert answers == counted
    if covers:
        assert (
            "meting 02-03-2026 in " in said
            and "valt in dezelfde maand als meting "
            "16-03-2026 van deze export: onder covers: wave is een meting haar maand"
            in said
        )
    else:
        assert "Zijn het twee metingen in één maand, dan klopt het zo" in said, said


@pytest.mark.parametrize("covers", [True, False])
def test_an_older_export_read_after_a_newer_one_without_covers_says_its_answers_count_on(
    tmp_path: Path, covers: bool
) -> None:
    """helper-184: the newer export (10-04, no covers) holds R1-R5; the older one (31-03)
    read after it holds R1-R6: R6 counts from the older one. Said without covers on the
    older export, unsaid with it, though covers replaces only older exports."""
    plain = MAPPING.format(covers="")
    exports = [
        ("enq_2026-04-10.csv", "15-03-2026", "R", 5, plain),
        ("enq_2026-03-31.csv", "15-03-2026", "R", 6, COVERING if covers else plain),
    ]
    counted, said = each_run(tmp_path, exports)
    assert counted == 6  # R1-R5 from the newer export, R6 from the older
    assert "1 antwoord(en) van deze oudere export staan in de metingen van de nieuwere" in said
    # with covers itself, the way out is the newer export's mapping (helper-187)
    assert ("zet dan covers: wave ook in de kolomkoppeling van " in said) is covers, said


def test_a_unit_on_rejected_lines_alone_is_not_said_to_be_left_out(tmp_path: Path) -> None:
    """helper-184: a newer covering export whose VH-Z answers were all rejected was said
    not to hold VH-Z ('heeft het onderzoeksbureau die respondenten verwijderd?'); its
    rows are there, refused. A unit it does not hold at all is still said so."""

    def rows(item_z: str) -> list[str]:
        teams = [f"N{n};15-03-2026;VH-N;CLA1;{1 + n % 5}" for n in range(1, 6)]
        return teams + [f"Z{n};15-03-2026;VH-Z;{item_z};3" for n in range(1, 4)]

    older = rows("CLA1") + [f"W{n};15-03-2026;VH;CLA1;2" for n in range(1, 3)]
    # the newer export's VH-Z answers name no item (XYZ9): all rejected
    _, said = runs(tmp_path, [lines("2026-03-31", older), lines("2026-04-10", rows("XYZ9"))])
    assert (
        "1 eenheid/eenheden van " in said
        and "staan in deze export alleen op afgekeurde regels (VH-Z; 3 respondent(en) in" in said
    ), said
    assert "staan niet in deze export (VH; 2 respondent(en))" in said, said


PLAIN = MAPPING.format(covers="")


@pytest.mark.parametrize(
    ("exports", "counted", "said", "unsaid"),
    [
        # helper-187 1: an older export without covers read after a newer covering one
        # counts nowhere: said so, not that it counts twice
        (
            [
                ("enq_2026-03-24.csv", "16-03-2026", "q", 5, COVERING),
                ("enq_2026-03-10.csv", "02-03-2026", "p", 5, PLAIN),
            ],
            5,
            "meting 02-03-2026 van deze export telt niet (5 respondent(en)): ",
            "dubbel",
        ),
        # helper-187 2: a smaller second pulse wave of the month is the month's one wave,
        # not a shrunk first wave
        (
            [
                ("enq_2026-03-10.csv", "02-03-2026", "p", 5, COVERING),
                ("enq_2026-03-24.csv", "16-03-2026", "q", 3, COVERING),
            ],
            3,
            "valt in dezelfde maand als meting 16-03-2026 van deze export",
            "waar ",
        ),
    ],
)
def test_what_a_later_export_is_told_of_a_wave_is_what_counts(
    tmp_path: Path, exports: list, counted: int, said: str, unsaid: str
) -> None:
    answers, notes = each_run(tmp_path, exports)
    assert answers == counted
    assert said in notes and unsaid not in notes, notes


def test_refused_answers_are_no_respondents_gone(tmp_path: Path) -> None:
    """helper-187 7: R5's answer refused in the newer covering export was said to leave 4
    respondents where 5 had been ('lees dan de volledige export opnieuw in'): R5 is in the
    export, on a refused line (the quarantine says why)."""

    def rows(item_5: str) -> list[str]:
        return [f"R{n};15-03-2026;VH-N;{item_5 if n == 5 else 'CLA1'};3" for n in range(1, 6)]

    # the newer export's R5 names no item (XYZ9): refused, R5's only answer
    exports = [lines("2026-03-31", rows("CLA1")), lines("2026-04-10", rows("XYZ9"))]
    counted, said = runs(tmp_path, exports)
    assert counted == 4
    assert "respondent(en) waar " not in said, said


def test_an_older_export_a_newer_covering_one_replaced_is_not_said_to_count(
    tmp_path: Path,
) -> None:
    """helper-187 3: 20-04 without covers, 10-04 with, then 01-04 with: only 20-04 counts
    (10-04 replaced 01-04); 01-04 was told its sixth respondent counted from it."""
    exports = [
        ("enq_2026-04-20.csv", "15-03-2026", "R", 5, PLAIN),
        ("enq_2026-04-10.csv", "15-03-2026", "R", 4, COVERING),
        ("enq_2026-04-01.csv", "15-03-2026", "R", 6, COVERING),
    ]
    counted, said = each_run(tmp_path, exports)
    assert counted == 5
    assert "tellen dus uit deze export" not in said, said
    assert "meting 15-03-2026 van deze export telt niet (6 respondent(en)): " in said, said


def test_answers_a_covering_export_replaced_are_not_said_to_count_on(tmp_path: Path) -> None:
    """helper-188 1: 10-04 (covers) and 01-04 (covers), then 20-04 without: 20-04 was told
    01-04's answers still counted from it, which 10-04 had replaced."""
    exports = [
        ("enq_2026-04-10.csv", "15-03-2026", "R", 4, COVERING),
        ("enq_2026-04-01.csv", "15-03-2026", "R", 6, COVERING),
        ("enq_2026-04-20.csv", "15-03-2026", "R", 5, PLAIN),
    ]
    counted, said = each_run(tmp_path, exports)
    assert counted == 5
    assert "enq_2026-04-01.csv" not in said, said


def test_each_wave_of_a_replaced_export_is_said_with_its_own_respondents(tmp_path: Path) -> None:
    """helper-188 3: an export of two pulse waves that a newer covering one replaces was
    said to lose its first wave with both waves' respondents (10)."""

    def rows(waves: dict[str, tuple[str, int]]) -> list[str]:
        return [
            f"{p}{n};{wave};VH-N;CLA1;{1 + n % 5}"
            for wave, (p, people) in waves.items()
            for n in range(1, people + 1)
        ]

    both = rows({"02-03-2026": ("p", 5), "16-03-2026": ("q", 5)})
    newer = lines("2026-04-10", rows({"16-03-2026": ("q", 4)}))
    counted, said = runs(tmp_path, [newer, lines("2026-03-31", both)])
    assert counted == 4
    assert "meting 02-03-2026 van deze export telt niet (5 respondent(en); en nog 1 zo)" in said


@pytest.mark.parametrize("covers", [True, False])
def test_a_wave_at_another_level_of_the_tree_is_said(tmp_path: Path, covers: bool) -> None:
    """helper-187 8: teams VH-N and VH-Z (7 respondents) in one export, the department VH
    (the same 7) in a newer one: 14 counted, unsaid. Said now, as a question; a wave of
    another unit beside it (WH's own staff) is no other level of these."""
    mapping = COVERING if covers else PLAIN

    def rows(units: dict[str, int]) -> list[str]:
        return [
            f"{unit}{n};15-03-2026;{unit};CLA1;3"
            for unit, people in units.items()
            for n in range(1, people + 1)
        ]

    teams = lines("2026-03-31", rows({"VH-N": 4, "VH-Z": 3}), mapping)
    department = lines("2026-04-10", rows({"VH": 7}), mapping)
    counted, said = runs(tmp_path, [teams, department])
    assert counted == 14  # as the exports say: told
    assert (
        "meting 15-03-2026: deze export heeft eenheid VH, " in said
        and "heeft dezelfde meting bij eenheden erboven of eronder (VH-N, VH-Z; 7 respondent(en))"
        in said
    ), said


def test_a_reexport_of_the_same_levels_is_no_other_level(tmp_path: Path) -> None:
    """The organisation's own staff (WH) beside its teams, in both exports: each export's
    units are the other's, so no unit stands at another level than its twin."""

    def rows(day: str) -> list[str]:  # new numbers in every export
        staff = [f"W{day}{n};15-03-2026;WH;CLA1;3" for n in range(1, 3)]
        return staff + [f"N{day}{n};15-03-2026;VH-N;CLA1;3" for n in range(1, 5)]

    exports = [lines(day, rows(day)) for day in ("2026-03-31", "2026-04-10")]
    counted, said = runs(tmp_path, exports)
    assert counted == 6
    assert "erboven of eronder" not in said, said


@pytest.mark.parametrize("covers", [False, True])
def test_a_team_s_reexport_beside_the_whole_wave_is_no_other_level(
    tmp_path: Path, covers: bool
) -> None:
    """helper-190 D11: the whole organisation's wave (its team VH-N, and one respondent at
    the department VH), then a re-export of VH-N alone, without covers: the VH respondent
    is another person in the same export as VH-N's, yet the re-export was told they may
    be its own people at another level, and to withdraw the whole wave. With covers too."""
    team = [f"N{n};15-03-2026;VH-N;CLA1;3" for n in range(1, 5)]
    mapping = COVERING if covers else PLAIN
    whole = lines("2026-03-31", [*team, "D1;15-03-2026;VH;CLA1;3"], mapping)
    counted, said = runs(tmp_path, [whole, lines("2026-04-10", team[:3], mapping)])
    # per respondent the newest export (N4 counts from the first), or under covers: wave
    # VH-N's wave from the re-export alone; D1 counts once either way
    assert counted == (4 if covers else 5)
    assert "erboven of eronder" not in said, said
