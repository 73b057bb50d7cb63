"""Slash dates are read day first (dd/mm/jjjj). A column that also holds a date that is
one only month first (06/25/2025) is written the American way: every slash date there
whose first two numbers could both be a month is quarantined as ambiguous_date, the proof
too, never guessed (a helper's export: 11 of 12 dates read as the wrong day)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.ingest.dates import NO_DATE_MARKERS, NO_DATE_MOMENTS, parse_date
from tests.test_ingest import ORG, quarantined, query, run, write


def gifts(tmp_path: Path, *dates: str) -> Path:
    rows = "".join(f"e{i},{day},huurder,geld,10\n" for i, day in enumerate(dates))
    return write(
        tmp_path / "gifts.csv", "employee_key,received_on,giver_type,gift_type,value_eur\n" + rows
    )


def test_a_month_first_column_quarantines_what_could_be_either(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = gifts(tmp_path, "01/02/2025", "06/12/2025", "06/25/2025", "13/02/2025", "03/03/2025")
    run(home, path)
    held = quarantined(home, "gifts")
    assert [(line, reason) for line, _c, _v, reason in held] == [
        (2, "ambiguous_date"),
        (3, "ambiguous_date"),
        (4, "ambiguous_date"),
    ]
    (reason,) = query(home, "select reason from quarantine where line = 2")[0]
    assert (
        "'01/02/2025' is geen eenduidige datum (als dag/maand 1 februari 2025, als maand/dag "
        "2 januari 2025); in deze kolom staat ook '06/25/2025'"
    ) in reason
    (proof,) = query(home, "select reason from quarantine where line = 4")[0]
    assert "alleen als maand/dag/jaar een datum: 25 juni 2025" in proof
    # 13/02 is a date only day first, 03/03 the same either way: read
    assert query(home, "select strftime(received_on, '%Y-%m-%d') from raw_gifts order by 1") == [
        ("2025-02-13",),
        ("2025-03-03",),
    ]


def test_dashes_and_impossible_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """mm-dd-jjjj with dashes is caught the same way. 02/30/2025 and 00/15/2025 are no date
    in either order: wrong_type as before, and no proof."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    run(home, gifts(tmp_path, "02-03-2025", "06-25-2025", "02/30/2025", "00/15/2025"))
    got = [(line, reason) for line, _c, _v, reason in quarantined(home, "gifts")]
    assert got == [
        (2, "ambiguous_date"),
        (3, "ambiguous_date"),
        (4, "wrong_type"),
        (5, "wrong_type"),
    ]
    (proof,) = query(home, "select reason from quarantine where line = 3")[0]
    assert "in deze kolom staan zo ook andere" in proof
    home2 = tmp_path / "home2"
    monkeypatch.setenv("RADAR_HOME", str(home2))
    (tmp_path / "gifts.csv").unlink()
    run(home2, gifts(tmp_path, "01/02/2025", "02/30/2025"))
    got = [(line, reason) for line, _c, _v, reason in quarantined(home2, "gifts")]
    assert got == [(3, "wrong_type")]


def test_without_a_month_first_date_slash_dates_are_read_day_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    run(home, gifts(tmp_path, "01/02/2025", "25/12/2025"))
    assert quarantined(home, "gifts") == []
    assert query(home, "select strftime(received_on, '%Y-%m-%d') from raw_gifts order by 1") == [
        ("2025-02-01",),
        ("2025-12-25",),
    ]


def side_jobs(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """A hand-kept register: registered_on, started_on and approved_on as typed."""
    lines = "".join(f"e{i};{r};{s};{a};zorg;nee\n" for i, (r, s, a) in enumerate(rows))
    return write(
        tmp_path / "nevenfuncties.csv",
        "employee_key;registered_on;started_on;approved_on;sector;involves_tenant_or_relation\n"
        + lines,
    )


def test_a_month_first_date_in_one_column_makes_the_files_other_date_columns_ambiguous(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One file, one way of writing dates (helper-90's register: approved_on proved month
    first, and started_on's 05/01/2025 was read as 5 January, before its registration)."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = side_jobs(
        tmp_path,
        [
            ("2025-03-16", "05/01/2025", "03/20/2025"),  # 2: the proof in approved_on
            ("2025-03-17", "13/01/2025", "03/03/2025"),  # 3: either reading the same day
            ("2025-03-18", "2025-05-01", "2025-03-21"),  # 4: year first: one reading
        ],
    )
    run(home, path)
    held = [(line, column, reason) for line, column, _v, reason in quarantined(home, "side_jobs")]
    assert held == [
        (2, "approved_on", "ambiguous_date"),
        (2, "started_on", "ambiguous_date"),
    ]
    [(reason,)] = query(
        home, "select reason from quarantine where line = 2 and \"column\" = 'started_on'"
    )
    assert (
        "'05/01/2025' is geen eenduidige datum (als dag/maand 5 januari 2025, als maand/dag "
        "1 mei 2025); in kolom approved_on van dit bestand staat '03/20/2025', dat alleen "
        "als maand/dag/jaar een datum is"
    ) in reason


def test_without_a_month_first_date_in_any_column_every_column_reads_day_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = side_jobs(tmp_path, [("2025-03-16", "05/01/2025", "20/03/2025")])
    [result] = run(home, path)
    assert result.rows_loaded == 1, result.summary()
    assert query(home, "select started_on, approved_on from raw_side_jobs") == [
        (dt.date(2025, 1, 5), dt.date(2025, 3, 20))
    ]


# --- date_order: mdy (an American export, declared in its mapping) ---------------------

# not 1 January 1970: "no date" (dates.NO_DATE_MARKERS: Unix time 0), nor 1 January 1980,
# whose midnight with its time (01/01/1980 00:00) is LimeSurvey's (dates.NO_DATE_MOMENTS)
days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)).filter(
    lambda d: pd.Timestamp(d) not in NO_DATE_MARKERS and pd.Timestamp(d) not in NO_DATE_MOMENTS
)


@settings(max_examples=200, deadline=None)
@given(days, st.sampled_from(["%m/%d/%Y", "%m-%d-%Y", "%m.%d.%Y", "%m/%d/%Y %H:%M", "%Y-%m-%d"]))
def test_under_date_order_mdy_a_date_is_read_month_first(day: dt.date, fmt: str) -> None:
    parsed = parse_date(pd.Series([day.strftime(fmt)]), month_first=True)
    assert parsed.values.tolist() == [pd.Timestamp(day)], day.strftime(fmt)


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("6/25/2025 8:30 PM", dt.date(2025, 6, 25)),
        ("06/25/2025 08:30:15 AM", dt.date(2025, 6, 25)),
        ("01/02/2025", dt.date(2025, 1, 2)),  # 2 January, as declared
        ("25/06/2025", None),  # only day first: no date as declared
        ("13/13/2025", None),
        ("6/5/2025 8:30PM", dt.date(2025, 6, 5)),  # helper-92: no space before PM
        ("6/5/2025 08:30:00.000 PM", dt.date(2025, 6, 5)),
        ("Jun 5, 2025", dt.date(2025, 6, 5)),
        ("June 5, 2025", dt.date(2025, 6, 5)),
        ("6/5/25", None),  # a two-digit year is not guessed, in either order
        ("6/5/2025 13:30 PM", None),  # no 13 o'clock PM
    ],
)
def test_date_order_mdy_boundaries(cell: str, read: dt.date | None) -> None:
    parsed = parse_date(pd.Series([cell]), month_first=True)
    assert parsed.values.tolist() == [pd.Timestamp(read) if read else pd.NaT], cell


def allocations(folder: Path, *dates: str) -> Path:
    rows = "".join(f"A{i};{d};W{i};Noord;regulier;1;ja;E{i}\n" for i, d in enumerate(dates))
    write(
        folder / "toewijzingen.csv",
        "allocation_id;allocated_on;dwelling_id;district;channel;candidate_rank;"
        "motivation_recorded;consultant_key\n" + rows,
    )
    return write(
        folder / "toewijzingen.mapping.yaml",
        "dataset: allocations\nfiles: [toewijzingen.csv]\ndate_order: mdy\n",
    )


def test_an_american_export_declared_mdy_loads_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-90: a Woonnet export with 06/25/2025 lost 58 of 59 rows as ambiguous."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    allocations(tmp_path / "in", "06/25/2025", "06/13/2025", "01/02/2025", "12/31/2025")
    [result] = [r for r in run(home, tmp_path / "in") if r.path.name == "toewijzingen.csv"]
    assert result.rows_loaded == 4, result.summary()
    assert sorted(r[0] for r in query(home, "select allocated_on from raw_allocations")) == [
        dt.date(2025, 1, 2),
        dt.date(2025, 6, 13),
        dt.date(2025, 6, 25),
        dt.date(2025, 12, 31),
    ]


def test_the_reason_under_mdy_says_the_order_declared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-92: '04/31/2025' under date_order: mdy was told dd-mm-jjjj. A day its
    month does not have is told so, read month first; any other no-date names the
    declared order."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    allocations(tmp_path / "in", "00/15/2025", "04/31/2025", "06/13/2025")
    run(home, tmp_path / "in")
    [(reason,)] = query(home, "select reason from quarantine where line = 2")
    assert reason.endswith(
        "verwacht een datum tussen 1900 en 2100, maand eerst zoals de kolomkoppeling zegt "
        "(date_order: mdy): mm/dd/jjjj of jjjj-mm-dd"
    ), reason
    [(reason,)] = query(home, "select reason from quarantine where line = 3")
    assert reason.endswith("'04/31/2025' bestaat niet: april 2025 heeft 30 dagen"), reason


def test_a_day_first_date_in_a_file_declared_mdy_is_not_guessed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    allocations(tmp_path / "in", "25/06/2025", "01/02/2025", "03/03/2025")
    run(home, tmp_path / "in")
    held = [(line, code) for line, _c, _v, code in quarantined(home, "allocations")]
    assert held == [(2, "ambiguous_date"), (3, "ambiguous_date")]
    [(reason,)] = query(home, "select reason from quarantine where line = 3")
    assert (
        "'01/02/2025' is geen eenduidige datum (als dag/maand 1 februari 2025, als maand/dag "
        "2 januari 2025); in deze kolom staat ook '25/06/2025', dat alleen als dag/maand/jaar "
        "een datum is (de kolomkoppeling zegt maand eerst: date_order: mdy)"
    ) in reason
    assert query(home, "select allocated_on from raw_allocations") == [(dt.date(2025, 3, 3),)]


def test_a_month_first_date_in_a_column_the_mapping_does_not_read_counts_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-92: an unmapped "Inschrijfdatum kandidaat" held 03/15/2019 and the mapped
    allocation date 06/05/2025 was read as 6 May."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    folder = tmp_path / "in"
    write(
        folder / "toewijzingen.csv",
        "allocation_id;allocated_on;dwelling_id;district;channel;candidate_rank;"
        "motivation_recorded;consultant_key;Inschrijfdatum kandidaat\n"
        "A1;06/05/2025;W1;Noord;regulier;1;ja;E1;03/15/2019\n"  # 2
        "A2;05/05/2025;W2;Noord;regulier;1;ja;E1;01/01/2019\n",  # 3: either way 5 May
    )
    run(home, folder)
    held = [(line, c, code) for line, c, _v, code in quarantined(home, "allocations")]
    assert held == [(2, "allocated_on", "ambiguous_date")]
    [(reason,)] = query(home, "select reason from quarantine where line = 2")
    assert "in kolom Inschrijfdatum kandidaat van dit bestand staat '03/15/2019'" in reason


@pytest.mark.parametrize("declared", [True, False])
@pytest.mark.parametrize("own", ["13/05/2025", "25-03-2026", None])
def test_a_column_that_proves_the_declared_order_is_read_so_beside_an_american_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own: str | None, declared: bool
) -> None:
    """helper-189: a gift register's own dates held 25-03-2026 (day first, surely), its
    system column 'Laatst gewijzigd' 2/4/2026 9:12 AM (month first), and the mapping said
    date_order: dmy: the whole file was refused as ambiguous, with no way out. Declared,
    a column that proves that order itself is read so; undeclared, the file is one way
    (above) and the reason names the declaration as the way out; a column without such
    a date of its own (None) stays ambiguous either way."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    third = own or "05/05/2025"
    write(
        tmp_path / "in" / "toewijzingen.csv",
        "allocation_id;allocated_on;dwelling_id;district;channel;candidate_rank;"
        "motivation_recorded;consultant_key;Laatst gewijzigd\n"
        "A1;06/05/2025;W1;Noord;regulier;1;ja;E1;2/4/2026 9:12 AM\n"
        f"A2;{third};W2;Noord;regulier;1;ja;E1;3/25/2026 4:01 PM\n",
    )
    order = "date_order: dmy\n" if declared else ""
    write(
        tmp_path / "in" / "t.mapping.yaml",
        f"dataset: allocations\nfiles: [toewijzingen.csv]\n{order}",
    )
    run(home, tmp_path / "in")
    held = [(line, c) for line, c, _v, _code in quarantined(home, "allocations")]
    stored = query(home, "select allocated_on from raw_allocations order by 1")
    if own is not None and declared:
        assert held == [] and stored[0] == (dt.date(2025, 5, 6),), (held, stored)
        return
    assert held == [(2, "allocated_on")]
    [(reason,)] = query(home, "select reason from quarantine where line = 2")
    way_out = f"staan de datums van deze kolom dag eerst, zoals '{own}' hier, leg dat dan vast"
    assert (way_out in reason) == (own is not None), reason


def test_a_wide_exports_skipped_column_counts_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-92: a Google-Forms-style survey, Timestamp in skip_columns holding
    06/13/2025 10:00:00, and the wave date 06/05/2025 read as 6 May for every answer."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    folder = tmp_path / "in"
    write(folder / "org_units.csv", ORG)
    write(
        folder / "formulier.csv",
        "Timestamp;ID;Datum;Team;CLA1;PS1\n"
        "06/13/2025 10:00:00;R1;06/05/2025;VH-N;4;3\n"
        "06/14/2025 11:00:00;R2;15/05/2025;VH-N;2;4\n",
    )
    write(
        folder / "formulier.mapping.yaml",
        "dataset: survey_responses\nfiles: [formulier.csv]\n"
        "unpivot: {id_columns: [ID, Datum, Team], skip_columns: [Timestamp]}\n"
        "columns: {ID: respondent_key, Datum: wave_date, Team: org_unit}\n",
    )
    run(home, folder)
    held = {(line, c, code) for line, c, _v, code in quarantined(home, "survey_responses")}
    assert held == {(2, "wave_date", "ambiguous_date")}  # line 3: 15 May either way
    assert query(home, "select distinct wave_date from raw_survey_responses") == [
        (dt.date(2025, 5, 15),)
    ]


@pytest.mark.parametrize("after", ["\t", "\u00a0", " "])
def test_a_proof_with_a_tab_or_no_break_space_after_it_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: str
) -> None:
    """helper-93: SQL's shape allowed only a space or T after the date, Python's any
    whitespace; a proof '03/20/2025<tab>' was missed and 05/01/2025 read as 5 January."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = side_jobs(
        tmp_path,
        [("2025-03-16", "2025-03-01", f"03/20/2025{after}"), ("2025-03-17", "05/01/2025", "")],
    )
    run(home, path)
    held = {(line, c) for line, c, _v, code in quarantined(home, "side_jobs")}
    assert (3, "started_on") in held, held


# --- what only an American export writes (helper-104) ----------------------------------


def test_a_twelve_hour_clock_after_a_slash_date_proves_month_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Power BI in en-US: 3/2/2026 12:00:00 AM is 2 March, and was stored as 3 February
    without a word. No Dutch tool writes AM/PM: every date there that could be either is
    ambiguous, each saying why."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    run(home, gifts(tmp_path, "3/2/2026 12:00:00 AM", "4/7/2026 8:30 PM", "25/12/2025"))
    held = [(line, reason) for line, _c, _v, reason in quarantined(home, "gifts")]
    assert held == [(2, "ambiguous_date"), (3, "ambiguous_date")]
    [(reason,)] = query(home, "select reason from quarantine where line = 2")
    assert (
        "'3/2/2026 12:00:00 AM' is geen eenduidige datum (als dag/maand 3 februari 2026, als "
        "maand/dag 2 maart 2026); zo schrijft alleen een Amerikaanse export (maand eerst) "
        "een datum. Niet geraden"
    ) in reason


def test_a_months_name_first_proves_month_first_for_the_files_other_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mar 2, 2026 and 3/2/2026 in one column: two readings of the file's order."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = write(
        tmp_path / "gifts.csv",
        "employee_key,received_on,giver_type,gift_type,value_eur\n"
        '"e1","Mar 2, 2026",huurder,geld,10\ne2,3/2/2026,huurder,geld,10\n',
    )
    run(home, path)
    [(line, _c, value, code)] = quarantined(home, "gifts")
    assert (line, value, code) == (3, "3/2/2026", "ambiguous_date")
    [(reason,)] = query(home, "select reason from quarantine")
    assert "in deze kolom staat ook 'Mar 2, 2026', zoals alleen een Amerikaanse export" in reason


@pytest.mark.parametrize(
    ("order", "own", "held"),
    [
        ("date_order: dmy\n", ["25/03/2026"], []),  # declared, and proved by the column
        ("", ["25/03/2026"], [3, 4]),  # not declared: the file may be American
        ("date_order: dmy\n", ["05/05/2026"], [3, 4]),  # declared, not proved: doubtful
        # and a date only month first in the column as well: written two ways
        ("date_order: dmy\n", ["25/03/2026", "3/26/2026"], [3, 4, 6]),
        # a slash date with a 12-hour clock is itself either (helper-199: read day first)
        ("date_order: dmy\n", ["25/03/2026", "10/2/2026 10:15 AM"], [3, 4, 6]),
    ],
)
def test_a_months_name_first_beside_a_column_proving_the_declared_order_proves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, order: str, own: list[str], held: list[int]
) -> None:
    """helper-197: one gift typed 'Oct 2, 2026' among dates such as 25-09-2026 under
    date_order: dmy: every date of the column that could be either was refused, the file
    with them. Declared and proved by the column itself, its dates are read day first;
    a date only month first in the column is still a second way of writing it."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    rows = ['e1,"Oct 2, 2026"', "e2,3/2/2026", "e3,5/4/2026"] + [f"e4,{d}" for d in own]
    body = "".join(f"{r},huurder,geld,10\n" for r in rows)
    header = "employee_key,received_on,giver_type,gift_type,value_eur\n"
    write(tmp_path / "in" / "gifts.csv", header + body)
    write(tmp_path / "in" / "g.mapping.yaml", f"dataset: gifts\nfiles: [gifts.csv]\n{order}")
    run(home, tmp_path / "in")
    assert [line for line, *_ in quarantined(home, "gifts")] == held
    if not held:
        stored = query(home, "select received_on from raw_gifts order by 1")
        days = [(2026, 2, 3), (2026, 3, 25), (2026, 4, 5), (2026, 10, 2)]
        assert stored == [(dt.date(*d),) for d in days]


@pytest.mark.parametrize(
    "other",
    [
        "31-3-2026 12:30:00 AM",  # dashes: a European date with a 12-hour clock
        "2026/03/15 10:02:11 PM",  # year first (Google Forms): no order to doubt
        "3/2/2026 13:00",  # a 24-hour clock
        "3 Mar 2026",  # the day before the month's name
        "Week 3, 2026",  # no month's name
    ],
)
def test_what_proves_nothing_leaves_slash_dates_day_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other: str
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = tmp_path / "nevenfuncties.csv"
    write(  # in a column nothing reads: a proof there would count all the same
        path,
        "employee_key;registered_on;started_on;approved_on;sector;involves_tenant_or_relation;"
        f"opmerking\ne1;01/02/2026;01/02/2026;01/02/2026;zorg;nee;{other}\n",
    )
    run(home, path)
    assert [
        c for _l, c, _v, code in quarantined(home, "side_jobs") if code == "ambiguous_date"
    ] == []
    assert query(home, "select registered_on from raw_side_jobs") == [(dt.date(2026, 2, 1),)]


def test_a_months_name_first_in_a_column_nothing_reads_proves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-107: 'maart 3, 2026' typed in a remark column refused a Dutch file's dates;
    a month's name first proves month first in its own date column only (above)."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = write(
        tmp_path / "nevenfuncties.csv",
        "employee_key;registered_on;started_on;approved_on;sector;involves_tenant_or_relation;"
        "opmerking\ne1;01/02/2026;2026-02-01;2026-02-01;zorg;nee;Mar 2, 2026\n",
    )
    run(home, path)
    assert quarantined(home, "side_jobs") == []
    assert query(home, "select registered_on from raw_side_jobs") == [(dt.date(2026, 2, 1),)]


def test_a_twelve_hour_clock_after_a_comma_proves_month_first_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """en-US Excel writes 3/2/2026, 9:00 AM: with the comma read before a time
    (helper-112), it must prove month first as well, not be read as 3 February."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = write(
        tmp_path / "gifts.csv",
        "employee_key;received_on;giver_type;gift_type;value_eur\n"
        "e1;3/2/2026, 9:00 AM;huurder;geld;10\ne2;25/12/2025;huurder;geld;10\n",
    )
    run(home, path)
    held = [(line, code) for line, _c, _v, code in quarantined(home, "gifts")]
    assert held == [(2, "ambiguous_date")]


@pytest.mark.parametrize(
    "proof",
    [
        "3/2/2026 8:00 PM",
        "3/2/2026 8:00 PM CET",  # read since helper-159: a zone changes nothing
        "3/2/2026 8:00 p.m. CEST",
        "3/2/2026 8:00 PM UTC",  # was read as 3 February without a word
        "3/2/2026 8:00 PM GMT+1",
        "3/2/2026 8:00 PM +01:00",
    ],
)
def test_a_twelve_hour_clock_with_its_zone_proves_month_first_too(proof: str) -> None:
    from pipelines.ingest.date_order import ambiguous_dates

    assert sorted(ambiguous_dates([proof, "01/02/2026"], None)) == [0, 1]
    # with a 24-hour clock it proves nothing, and reads day first
    assert ambiguous_dates([re.sub(r"8:00 p\.?m\.?", "20:00", proof, flags=re.I)], None) == {}


def test_a_date_only_month_first_with_a_gmt_offset_is_a_proof() -> None:
    """Google Forms' GMT+1 is read after a day-first date too (30-6-2026 23:30 GMT+1);
    written month first it must count as the proof it is, not be passed over."""
    from pipelines.ingest.date_order import ambiguous_dates

    assert sorted(ambiguous_dates(["06/25/2026 20:00 GMT+1", "01/02/2026"], None)) == [0, 1]
    assert sorted(ambiguous_dates(["06/25/2026", "01/02/2026 20:00 GMT+1"], None)) == [0, 1]


def test_a_date_past_2100_proves_no_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """helper-252: 12/31/9999, an HR system's 'no end date', is a date month first only
    as a year no date may have: it proved the file month first, and every dd-mm date
    beside it was ambiguous. It is no date either way, and the others read day first."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    run(home, gifts(tmp_path, "12/31/9999", "03/02/2025", "13/02/2025"))
    held = quarantined(home, "gifts")
    assert [(line, reason) for line, _c, _v, reason in held] == [(2, "wrong_type")]
    assert query(home, "select strftime(received_on, '%Y-%m-%d') from raw_gifts order by 1") == [
        ("2025-02-03",),
        ("2025-02-13",),
    ]
