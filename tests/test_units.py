"""A number with its column's own unit after it (helper-97: '0,8 fte', '12.500 km',
'7,5 uur', '3 dagen' were refused as no number). Only the column's own unit is dropped:
another word leaves the cell no number."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.ingest.lookups import OK, WRONG_TYPE, ColumnPlan, lookup
from pipelines.ingest.quality.employees import SPEC as EMPLOYEES
from pipelines.ingest.quality.vehicle_use import SPEC as VEHICLE_USE

COLUMNS = {c.name: c for spec in (EMPLOYEES, VEHICLE_USE) for c in spec.columns}


@pytest.mark.parametrize(
    ("column", "cell", "value"),
    [
        ("fte", "0,8 fte", 0.8),
        ("fte", "0,8 FTE", 0.8),
        ("fte", "80 % fte", 0.8),
        ("private_km", "12.500 km", 12500.0),
        ("private_km", "12.500 km.", 12500.0),
        ("overtime_hours", "7,5 uur", 7.5),
        ("overtime_hours", "7:30 uur", 7.5),
        ("overtime_hours", "7,5u", 7.5),
        ("leave_days", "3 dagen", 3.0),
        ("sick_days", "1 dag", 1.0),
        ("leave_days", "3 dgn", 3.0),  # helper-100
        ("longest_leave_block_days_12m", "10 dagen", 10.0),  # helper-189: refused
        ("private_km", "12.500 kilometers", 12500.0),
        ("fte", "0,8 km", None),  # another column's unit: no number
        ("private_km", "12.500 mijl", None),
        ("leave_days", "3 uur", None),
        ("fte", "fte", None),  # the unit alone
        ("private_km", "km 12.500", None),  # before the number: not how a unit is written
    ],
)
def test_a_columns_own_unit_after_the_number(column: str, cell: str, value: float | None) -> None:
    frame, _ = lookup(ColumnPlan(COLUMNS[column], "nl"), [cell], b"k" * 32)
    if value is None:
        assert frame["status"].tolist() == [WRONG_TYPE]
    else:
        assert frame["status"].tolist() == [OK]
        assert float(frame["value"].iloc[0]) == pytest.approx(value)
        assert not pd.isna(frame["value"].iloc[0])


@pytest.mark.parametrize(
    ("cell", "value"),
    [("-3:00", -3.0), ("- 3:15", -3.25), ("-7:30:00", -7.5), ("--3:00", None), ("-", None)],
)
def test_a_negative_clock_is_read_so_its_rule_can_refuse_it(cell: str, value: float | None) -> None:
    """helper-97: '-3:00' overtime got 'verwacht een getal', which hid that it was negative
    (the contract's overtime_hours >= 0 now says so)."""
    frame, _ = lookup(ColumnPlan(COLUMNS["overtime_hours"], "nl"), [cell], b"k" * 32)
    got = frame["value"].iloc[0]
    assert (None if pd.isna(got) else float(got)) == value


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("7.30 uur", "ambiguous"),
        ("1.45 u", "ambiguous"),
        ("1,45 u", "ok"),
        ("7.30 hrs", "ambiguous"),  # helper-219: English spellings, units since a36e117
        ("1.30 hour(s)", "ambiguous"),
        ("7.30 hours", "ambiguous"),
    ],
)
def test_hours_written_as_a_clock_with_a_dot_are_not_guessed(cell: str, status: str) -> None:
    """helper-100: '7.30 uur' may be 7,3 hours or 7 hours 30; under number_format: en it
    was stored as 7,3. 1,45 u with a Dutch decimal comma is 1,45."""
    from pipelines.ingest.lookups import AMBIGUOUS

    for convention in ("nl", "en") if status == "ambiguous" else ("nl",):
        frame, _ = lookup(ColumnPlan(COLUMNS["overtime_hours"], convention), [cell], b"k" * 32)
        assert frame["status"].tolist() == [AMBIGUOUS if status == "ambiguous" else OK]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("7u 30m", 7.5),  # helper-110: Apple Numbers' duration
        ("7 uur 30 min", 7.5),
        ("7h30m", 7.5),
        ("90 min", 1.5),
        ("45 minuten", 0.75),
        ("-1u 15m", -1.25),  # read, for the >= 0 rule to refuse
        ("1 uur 1 minuut", 61 / 60),  # review h111: singular, English abbreviations
        ("2 hrs 30 mins", 2.5),
        ("7u 75m", None),  # no minute
        ("7u30", None),  # minutes without their unit: not guessed
        ("30m 7u", None),
    ],
)
def test_a_duration_with_its_units_is_its_hours(cell: str, value: float | None) -> None:
    frame, _ = lookup(ColumnPlan(COLUMNS["overtime_hours"], "nl"), [cell], b"k" * 32)
    got = frame["value"].iloc[0]
    assert (None if pd.isna(got) else round(float(got), 6)) == (
        None if value is None else round(value, 6)
    )


@pytest.mark.parametrize(
    ("column", "cell"),
    [("overtime_hours", "1.5 uur"), ("private_km", "1.5 km"), ("fte", "0.8 fte")],
)
def test_a_number_in_doubt_is_quoted_with_its_unit_as_written(column: str, cell: str) -> None:
    """helper-197: '1.5 uur' and '€ 1.5' were quoted as '1.5', a value in no cell."""
    frame, _ = lookup(ColumnPlan(COLUMNS[column], "nl"), [cell], b"k" * 32)
    assert frame["note"].iloc[0].startswith(f"'{cell}' is geen eenduidig getal"), frame["note"]


def test_a_label_values_makes_a_number_of_is_that_number_in_doubt() -> None:
    """helper-199: the label was quoted as the number in doubt ('onbekend' ... 1,5)."""
    plan = ColumnPlan(COLUMNS["private_km"], "nl", values={"onbekend": "1.5"})
    frame, _ = lookup(plan, ["onbekend"], b"k" * 32)
    assert frame["note"].iloc[0].startswith("'1.5' is geen eenduidig getal"), frame["note"]


def test_an_hours_reason_names_the_forms_it_reads() -> None:
    from pipelines.ingest.parsing import expected

    assert expected("decimal", "nl", hours=True) == (
        "een aantal uren (bijv. 7,5, 7:30, 7,5 uur of 7u 30m)"
    )


def test_a_second_car_in_one_year_says_how_to_write_it(tmp_path, monkeypatch) -> None:
    """helper-110: a lease car swapped mid-year was two rows of one employee and year,
    quarantined as a repeated key without a word on what to do."""
    from tests.test_ingest import query, run, write

    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = write(
        tmp_path / "vehicle_use.csv",
        "employee_key;year;private_km\nE1;2025;3.100\nE1;2025;2.400\nE2;2025;500\n",
    )
    run(home, path)
    reasons = [r for (r,) in query(home, "select reason from quarantine order by line")]
    assert len(reasons) == 2
    assert reasons[0].endswith(
        "employee_key + year komt meer dan eens voor in dit bestand (ook op regel 3); "
        "twee auto's in één jaar "
        "(een wissel)? Tel de privékilometers van de medewerker in dat jaar op in één regel"
    ), reasons


@pytest.mark.parametrize(
    ("cell", "hidden"),
    [("<5", True), ("< 10", True), ("&lt;5", True), ("*", True), ("**", True)]
    + [("5<", False), ("x", False), ("****", False)],
)
def test_a_count_the_export_hid_says_so(cell: str, hidden: bool) -> None:
    """helper-112: hr_aggregates' suppressed small counts got only 'een geheel getal'."""
    from pipelines.ingest.quality.gifts import SPEC as GIFTS
    from pipelines.ingest.quality.hr_aggregates import SPEC as AGGREGATES

    column = next(c for c in AGGREGATES.columns if c.name == "garnishment_count")
    frame, _ = lookup(ColumnPlan(column, "nl"), [cell], b"k" * 32)
    assert frame["status"].tolist() == [WRONG_TYPE]
    said = frame["note"].iloc[0]
    if hidden:
        assert said == (
            f"'{cell}' is een klein aantal dat de export zelf afschermt; niet geraden: "
            "exporteer de aantallen zelf (de radar schermt kleine groepen af nadat hij ze "
            "geteld heeft)"
        )
    else:
        assert said is None
    # an amount's '< 50' is a bound, not a count the export hid (helper-189: a gift
    # register's 'under 50 euro' was told to export the counts)
    value = next(c for c in GIFTS.columns if c.name == "value_eur")
    frame, _ = lookup(ColumnPlan(value, "nl"), [cell], b"k" * 32)
    bound = f"'{cell}' is een grens of afgeschermde waarde, geen getal; niet geraden: exporteer"
    bound += " het getal"
    # else a word, in an optional column of decimals: it may stand for no value (helper-207)
    word = (
        f"verwacht een getal (bijv. 12,5 of 1.234,5); staat '{cell}' voor een onbekende "
        f"waarde, vertaal het dan in de kolomkoppeling: values: {{value_eur: {{'{cell}': null}}}}"
    )
    assert frame["note"].iloc[0] == (bound if hidden else None if "5" in cell else word)


def test_every_column_of_days_takes_the_day_unit() -> None:
    """helper-189: '3 dagen' loaded as leave_days and '10 dagen' was refused as
    longest_leave_block_days_12m: every numeric column counted in days reads the unit."""
    from pipelines.ingest.quality import DATASETS

    in_days = [
        (spec.name, c.name)
        for spec in DATASETS.values()
        for c in spec.columns
        if c.type in ("integer", "decimal") and "days" in c.name.split("_")
    ]
    assert len(in_days) >= 3, in_days
    for dataset, name in in_days:
        column = next(c for c in DATASETS[dataset].columns if c.name == name)
        assert "dagen" in column.units, (dataset, name)
