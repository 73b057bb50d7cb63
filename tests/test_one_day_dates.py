"""Slash dates whose first number is one day, 2 to 12, and read day first fall on that day
in three or more months of one year, where read month first they are the days of one
month: so an American export of one period writes them, and a Dutch one does not. Where
nothing else proves the order they are no certain date (helper-253: SurveyMonkey's
10/1/2026 ... 10/12/2026, one wave in October, loaded as eleven waves on the 10th of
January to November without a word; pipelines/ingest/date_order.one_day_doubts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.date_order import ONE_DAY_MONTHS, ambiguous_dates
from tests.test_ambiguous_dates import gifts
from tests.test_ingest import home, org_home, quarantined, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

OCTOBER = [f"10/{day}/2025" for day in range(1, 13)]


def test_one_periods_days_month_first_are_no_certain_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    run(home, gifts(tmp_path, *OCTOBER))
    held = quarantined(home, "gifts")
    # 10/10/2025 is 10 October either way: it loads; the other eleven are held
    assert [(line, reason) for line, _c, _v, reason in held] == [
        (line, "ambiguous_date") for line in range(2, 14) if line != 11
    ]
    (reason,) = query(home, "select reason from quarantine where line = 9")[0]
    assert reason == (
        "gifts.csv, regel 9, kolom received_on: '10/8/2025' is geen eenduidige datum (als "
        "dag/maand 10 augustus 2025, als maand/dag 8 oktober 2025): dag eerst vallen 12 "
        "datums van deze kolom op de 10e van 12 maanden, maand eerst alle in oktober 2025; "
        "zo schrijft een Amerikaanse export (maand eerst) de dagen van één periode. Niet "
        "geraden: leg de volgorde vast in de kolomkoppeling (date_order: mdy voor maand "
        "eerst, dmy voor dag eerst)"
    )
    assert query(home, "select strftime(received_on, '%Y-%m-%d') from raw_gifts") == [
        ("2025-10-10",)
    ]


@pytest.mark.parametrize(("order", "month"), [("mdy", {10}), ("dmy", set(range(1, 13)))])
def test_the_order_the_mapping_declares_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, order: str, month: set[int]
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    mapping = write(
        tmp_path / "gifts.mapping.yaml",
        f"dataset: gifts\nfiles: [gifts.csv]\ndate_order: {order}\n",
    )
    run(home, gifts(tmp_path, *OCTOBER), mappings=[mapping])
    assert quarantined(home, "gifts") == []
    months = query(home, "select distinct month(received_on) from raw_gifts")
    assert {m for (m,) in months} == month


def doubted(cells: list[str]) -> dict[int, str]:
    return ambiguous_dates(cells, None)


@pytest.mark.parametrize(
    ("cells", "held"),
    [
        # the months day first: just inside and just outside the limit
        ([f"7/{m}/2025" for m in range(1, ONE_DAY_MONTHS + 1)], ONE_DAY_MONTHS),
        ([f"7/{m}/2025" for m in range(1, ONE_DAY_MONTHS)], 0),
        # a wave's days with gaps: 6 of the 11 months from the first to the last
        # (helper-257 F7); quarterly rounds on the 5th: 4 of 10 (helper-255 F2)
        (["10/2/2026", "10/5/2026", "10/6/2026", "10/8/2026", "10/9/2026", "10/12/2026"], 6),
        (["05/01/2026", "05/04/2026", "05/07/2026", "05/10/2026"], 0),
        # the first of the month is a period's first day, written day first; the first
        # working days of a quarter's months are three (helper-256 F4, helper-257 F9)
        ([f"01/{m:02d}/2025" for m in range(1, 13)], 0),
        (["02/01/2026", "01/02/2026", "01/03/2026"], 0),
        (["02/01/2026", "02/02/2026", "02/03/2026"], 0),
        (["2/1/2025", "2/3/2025", "2/4/2025", "2/5/2025"], 4),  # the 2nd: held
        (["12/1/2025", "12/2/2025", "12/3/2025", "12/4/2025"], 4),  # the 12th: held
        # an export of several waves: each on its own (helper-257 F6)
        ([f"{w}/{d}/2026" for w in (4, 10) for d in (2, 3, 5, 6)], 8),
        ([f"10/{d}/{y}" for y in (2025, 2026) for d in (2, 3, 5, 6)], 8),
        # three days of the month, dashes alone, a date only day first: not this rule
        (["7/1/2025", "7/2/2025", "8/3/2025", "9/4/2025"], 0),
        (["7-1-2025", "7-2-2025", "7-3-2025", "7-4-2025"], 0),
        (["7/1/2025", "7/2/2025", "7/3/2025", "7/4/2025", "25/7/2025"], 0),
        # beside slash dates a dash date is one of them (helper-255: it loaded as April)
        (["10/1/2025", "10/2/2025", "10/3/2025", "10-4-2025"], 4),
        # one day in many months however each is written: with a time, repeated
        (["7/1/2025 09:12", "7/1/2025 17:40:02", "7/2/2025", "7/3/2025 8:00", "7/4/2025"], 5),
        # an invite's and a reminder's days (helper-258 F1); a smaller wave after a held
        # one is held too (F2); two-monthly rounds on the 5th (F4)
        (["10/2/2026", "10/3/2026", "10/9/2026", "10/10/2026"], 3),
        ([*(f"10/{d}/2026" for d in range(2, 7)), "11/2/2026", "11/3/2026"], 7),
        ([f"05/{m:02d}/2026" for m in (1, 3, 5, 7, 9, 11)], 0),
        # no date either way (2/30) is none of the wave's months; past 2100 none is a date
        (["2/3/2026", "2/4/2026", "2/5/2026", "2/6/2026", "2/30/2026"], 4),
        ([f"10/{d}/2150" for d in range(2, 7)], 0),
        # an ISO date in the column, as a workbook's date cell reads (helper-257 F10)
        ([*(f"7/{m}/2025" for m in range(1, 5)), "2025-03-17"], 0),
    ],
)
def test_the_rules_boundaries(cells: list[str], held: int) -> None:
    assert len(doubted(cells)) == held


def test_a_proof_elsewhere_or_a_declaration_comes_first() -> None:
    cells = [f"7/{m}/2025" for m in range(1, 6)]
    assert len(ambiguous_dates(cells, None, declared=True)) == 0
    assert len(ambiguous_dates(cells, None, month_first=True)) == 0
    elsewhere = ambiguous_dates(cells, None, elsewhere=("Einddatum", "7/13/2025"))
    assert len(elsewhere) == 5 and "in kolom Einddatum" in elsewhere[0]
    assert len(ambiguous_dates(cells, None, one_day=False)) == 0


def test_a_survey_exports_respondent_dates_in_one_october(home: Path, tmp_path: Path) -> None:
    """helper-253 F1 as it came: the shipped SurveyMonkey mapping, Start Date month first
    with a 24-hour time, each respondent's own day between the 1st and the 12th."""
    example = Path("docs/mappings")
    mapping = write(
        tmp_path / "surveymonkey.mapping.yaml",
        (example / "surveymonkey.mapping.yaml").read_text(encoding="utf-8"),
    )
    header = (example / "surveymonkey.csv").read_text(encoding="utf-8").splitlines()[:2]
    rows = [f"{9000 + r},4301,10/{r % 12 + 1}/2026 10:{r:02d}:00,VH-N,4,5,3," for r in range(24)]
    data = write(tmp_path / "surveymonkey_oct.csv", "\n".join(header + rows) + "\n")
    run(home, data, mappings=[mapping])
    held = {reason for *_, reason in quarantined(home, "survey_responses")}
    assert held == {"ambiguous_date"}
    months = query(home, "select distinct month(wave_date) from raw_survey_responses")
    assert months == [(10,)]  # only 10/10/2026, October either way


def test_periods_dated_on_one_day_load_day_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-255 F2: quarterly 360-feedback rounds on the 5th are no months in a row."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    rows = "".join(f"m1,05/{m:02d}/2026,4,6\n" for m in (1, 4, 7, 10))
    run(
        home,
        write(
            tmp_path / "feedback_360.csv", "manager_key,period,integrity_score,n_raters\n" + rows
        ),
    )
    assert quarantined(home, "feedback_360") == []
    assert query(home, "select month(period) from raw_feedback_360 order by 1") == [
        (1,),
        (4,),
        (7,),
        (10,),
    ]


def test_a_zone_column_under_a_declared_order_is_read_and_converted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-255 F1: under date_order: dmy a UTC column's 5/1/2026 23:30, 5/2, 5/3 ... was left
    unconverted by the zone step (it doubted them without the declaration) and loaded as
    Dutch time."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    data = write(
        tmp_path / "g.csv",
        "Medewerker;Ontvangen (UTC);Waarde\ne1;5/1/2026 23:30;10\ne2;5/2/2026 23:30;10\n"
        "e3;5/3/2026 23:30;10\n",
    )
    mapping = write(
        tmp_path / "g.mapping.yaml",
        "dataset: gifts\nfiles: [g.csv]\ndate_order: dmy\ncolumns: {Medewerker: "
        "employee_key, 'Ontvangen (UTC)': received_on, Waarde: value_eur}\n",
    )
    [result] = run(home, data, mappings=[mapping])
    days = query(home, "select strftime(received_on, '%Y-%m-%d') from raw_gifts order by 1")
    assert days == [("2026-01-06",), ("2026-02-06",), ("2026-03-06",)], result.notes


def test_a_date_column_read_that_proves_day_first_proves_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-258 F3: one file is written one way; approved_on's 20/01/2026, a date only
    day first in a column the mapping reads, proves registered_on's 05/01 ... 05/06 day
    first (a remark's date does not: helper-256)."""
    from tests.test_ambiguous_dates import side_jobs

    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    rows = [(f"05/{m:02d}/2026", "", "20/01/2026" if m == 1 else "") for m in range(1, 7)]
    run(home, side_jobs(tmp_path, rows))
    assert quarantined(home, "side_jobs") == []
    months = query(home, "select month(registered_on) from raw_side_jobs order by 1")
    assert months == [(m,) for m in range(1, 7)]
    # without it, the same dates are one period's days month first
    home = tmp_path / "home2"
    monkeypatch.setenv("RADAR_HOME", str(home))
    rows = [(f"05/{m:02d}/2026", "", "") for m in range(1, 7)]
    run(home, side_jobs(tmp_path, rows))
    assert {r for *_, r in quarantined(home, "side_jobs")} == {"ambiguous_date"}
