"""Cells that read as a date but do not mean one (helper-131): five digits that are an
Excel serial number and also a year with its quarter or half (20261: 2026 Q1, as BI tools
write a period, was stored as 21 June 1955), and 1 January 1900, "no date" in many
systems (SQL Server's zero datetime: a side job's approval read as given), and 1 January
1970, the day of Unix time 0, as systems that count seconds write none (helper-134). All are
quarantined with their own reason, never read; a mapping's ``values`` maps the marker to
empty where a source means "none" by it."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pandas as pd
import pytest

from pipelines.ingest.date_markers import no_date_markers
from pipelines.ingest.dates import parse_date
from tests.test_ingest import (
    EMPLOYEE_HEADER,
    SURVEY_HEADER,
    employee,
    home,
    org_home,
    query,
    run,
    write,
)

__all__ = ["home", "org_home"]  # fixtures used here


def no_date_marker(cells: list[str], **how: bool) -> list[str | None]:
    """Why each cell is no date as a marker day (date_markers.no_date_markers), or None."""
    return [m and m[1] for m in no_date_markers(cells, **how)]


def read(cell: str, **how: bool) -> object:
    parsed = parse_date(pd.Series([cell], dtype=object), **how)
    value = parsed.values.iloc[0]
    return None if parsed.invalid.iloc[0] else value.date()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("19501", None),  # the first year-and-period: 1950 Q1
        ("20994", None),  # the last: 2099 Q4
        ("20261", None),
        ("20262", None),
        ("19500", dt.date(1953, 5, 21)),  # a period ends in 1 to 4: 0 is a serial
        ("20265", dt.date(1955, 6, 25)),  # and so is 5
        ("19495", dt.date(1953, 5, 16)),  # a year before 1950 is no period here
        ("20995", dt.date(1957, 6, 24)),
        ("45694", dt.date(2025, 2, 6)),
        ("20261,5", dt.date(1955, 6, 21)),  # a serial with a fraction: no period has one
        ("20261.0", None),  # but a zero fraction is the same digits (helper-132: pandas)
        ("20262,00", None),
    ],
)
def test_five_digits_that_are_also_a_year_and_its_quarter_are_no_serial(
    cell: str, expected: dt.date | None
) -> None:
    assert read(cell) == expected
    assert read(cell, months=True) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1900-01-01", None),
        ("01-01-1900", None),
        ("19000101", None),
        ("1900-01-01 00:00:00.000", None),  # SQL Server writes it so
        ("1900-01-02", dt.date(1900, 1, 2)),  # the day after is a date
        ("31-12-1899", None),  # before 1900: outside the datasets' range
        ("2026-01-01", dt.date(2026, 1, 1)),
    ],
)
def test_the_first_of_january_1900_is_no_date(cell: str, expected: dt.date | None) -> None:
    assert read(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1970-01-01", None),
        ("01-01-1970", None),
        ("1970-01-01 01:00:00", None),  # Unix time 0 as a Dutch system shows it
        ("1-1-1970 1:00", None),
        ("1970-01-01T00:00:00Z", None),  # in UTC, read in Dutch time: 01:00
        ("1969-12-31T23:00:00Z", None),  # the same moment
        ("1970-01-01 23:59:59", None),  # any time of that day
        ("1970-01-02", dt.date(1970, 1, 2)),  # the day after is a date
        ("1969-12-31", dt.date(1969, 12, 31)),  # and the day before
        ("1969-12-31T22:59:59Z", dt.date(1969, 12, 31)),  # a second before Unix time 0 here
        ("1970-01-02T00:00:00+01:00", dt.date(1970, 1, 2)),
    ],
)
def test_the_day_of_unix_time_0_is_no_date(cell: str, expected: dt.date | None) -> None:
    assert read(cell) == expected


def test_excels_serial_of_1_january_1970_gets_the_markers_reason() -> None:
    """helper-137: 25569 was quarantined as outside 1900-2100, which it is not."""
    serial, with_time, day_after, longer = no_date_marker(
        ["25569", "25569,0416667", "25570", "125569"]
    )
    assert "'25569' is 1 januari 1970" in serial and "'25569,0416667'" in with_time
    assert day_after is None and longer is None


@pytest.mark.parametrize("cell", ["do 1 jan 1970", "donderdag 1 januari 1970", "ma 1 jan 1900"])
def test_a_marker_with_its_weekday_gets_the_markers_reason(cell: str) -> None:
    """helper-137: the weekday's date was read with the markers on, so its reason was
    the generic one and the marker's key did not empty it."""
    assert read(cell) is None
    [why] = no_date_marker([cell])
    assert why is not None and f"'{cell}' is 1 januari 19" in why


def test_the_marker_is_a_date_only_when_asked_for_the_reason() -> None:
    assert read("1970-01-01 01:00:00", markers=False) == dt.date(1970, 1, 1)
    assert read("1970-01", month=True) is None
    assert read("31-01-1970", month=True) is None
    assert read("1970-02", month=True) == dt.date(1970, 2, 1)
    assert read("1900-01-01", markers=False) == dt.date(1900, 1, 1)
    assert read("1900-01", month=True) is None
    assert read("1900-01", month=True, markers=False) == dt.date(1900, 1, 1)
    # a month column's month-end spelling of January 1900 too (helper-132)
    assert read("31-01-1900", month=True) is None
    assert read("1900-01-31", month=True) is None
    assert read("28-02-1900", month=True) == dt.date(1900, 2, 1)


def test_a_month_of_1900_in_a_month_column_gets_the_markers_reason(
    home: Path, tmp_path: Path
) -> None:
    data = write(tmp_path / "employees.csv", EMPLOYEE_HEADER + employee("1", month="januari 1900"))
    run(home, data)
    [(column, reason)] = query(
        home,
        "select \"column\", reason from quarantine where dataset = 'employees' "
        "and \"column\" = 'snapshot_month'",
    )
    assert "'januari 1900' is 1 januari 1900" in reason


def test_only_a_cell_naming_1900_is_asked_for_the_markers_reason() -> None:
    unknown, marker, day_after = no_date_marker(["onbekend", "01JAN1900", "02JAN1900"])
    assert unknown is None and day_after is None and "'01JAN1900' is 1 januari 1900" in marker


SIDE_JOBS = "employee_key;registered_on;started_on;approved_on;sector\n"


def test_an_approval_of_1900_is_quarantined_with_its_reason(home: Path, tmp_path: Path) -> None:
    data = write(
        tmp_path / "side_jobs.csv",
        SIDE_JOBS
        + "000101;2026-02-10;2026-03-01;1900-01-01 00:00:00.000;Bouw\n"
        + "000102;2026-02-11;2026-03-01;;Onderwijs\n"
        + "000103;2026-02-12;2026-03-01;1900-01-02;Zorg\n",
    )
    [result] = run(home, data)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 2, 1)
    [(line, column, value, code, reason)] = query(
        home,
        'select line, "column", value, reason_code, reason from quarantine '
        "where dataset = 'side_jobs'",
    )
    assert (line, column, value, code) == (
        2,
        "approved_on",
        "1900-01-01 00:00:00.000",
        "wrong_type",
    )
    assert "'1900-01-01 00:00:00.000' is 1 januari 1900" in reason
    assert "'geen datum'" in reason and "values op null" in reason
    assert query(home, "select approved_on from raw_side_jobs order by 1 nulls first") == [
        (None,),
        (dt.date(1900, 1, 2),),
    ]


def test_an_approval_at_unix_time_0_is_quarantined_and_a_mapping_empties_that_marker_alone(
    home: Path, tmp_path: Path
) -> None:
    """helper-134: a register that writes Unix time 0 for "not approved" (1970-01-01
    01:00:00 in Dutch time) had its side jobs read as approved on that day. Quarantined
    with its reason; the mapping that reason names empties it, and only it: the same
    file's 1900 marker, which the mapping does not name, stays quarantined."""
    rows = (
        "000101;2026-02-10;2026-03-01;1970-01-01 01:00:00;Bouw\n"
        "000102;2026-02-11;2026-03-01;1970-01-01T00:00:00Z;Onderwijs\n"
        "000103;2026-02-12;2026-03-01;1970-01-02 01:00:00;Zorg\n"
        "000104;2026-02-12;2026-03-01;1900-01-01;Zorg\n"
    )
    data = write(tmp_path / "side_jobs.csv", SIDE_JOBS + rows)
    [result] = run(home, data)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 1, 3)
    reasons = query(
        home,
        "select line, value, reason from quarantine where dataset = 'side_jobs' order by line",
    )
    assert [(line, value) for line, value, _ in reasons] == [
        (2, "1970-01-01 01:00:00"),
        (3, "1970-01-01T00:00:00Z"),
        (5, "1900-01-01"),
    ]
    assert (
        "'1970-01-01 01:00:00' is 1 januari 1970, tijdstip 0 van Unix-systemen, wat veel "
        "systemen schrijven voor 'geen datum'; niet als datum gelezen"
    ) in reasons[0][2]
    assert "'1900-01-01' is 1 januari 1900, wat veel systemen" in reasons[2][2]

    other = write(tmp_path / "mapped" / "nevenfuncties.csv", SIDE_JOBS + rows)
    # the key as the reason quotes the cell, at its time: the whole day (helper-137)
    mapping = write(
        tmp_path / "mapped" / "nevenfuncties.mapping.yaml",
        "dataset: side_jobs\nfiles: [nevenfuncties.csv]\n"
        "values: {approved_on: {'1970-01-01 01:00:00': null}}\n",
    )
    [result] = run(home, other, mappings=[mapping])
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 3, 1)
    [(line, value)] = query(
        home,
        "select line, value from quarantine where dataset = 'side_jobs' "
        "and source_file like '%nevenfuncties.csv'",
    )
    assert (line, value) == (5, "1900-01-01")


# 1 January 1900 as exports write it: day and month with or without their zero, three
# separators, both orders, a time with 0 to 7 decimals (SQL Server's datetime2: 7)
MARKER_SPELLINGS = [
    f"{day}{sep}{month}{sep}1900" if day_first else f"1900{sep}{month}{sep}{day}"
    for day, month, sep, day_first in itertools.product(
        ("1", "01"), ("1", "01"), "-/.", (True, False)
    )
] + ["19000101", "19000101.0", "01JAN1900", "1 januari 1900"]
MARKER_TIMES = ["", " 00:00", " 0:00", " 00:00:00", "T00:00:00", " 12:00:00 AM"] + [
    f" 00:00:00{sep}{'0' * k}" for k in range(1, 8) for sep in ".,"
]


@pytest.mark.parametrize("key", ["1900-01-01", "01-01-1900", "1-1-1900"])
def test_a_mapping_that_says_1900_means_none_loads_it_as_empty(
    home: Path, tmp_path: Path, key: str
) -> None:
    """Every spelling the marker's reason quarantines, the mapping that reason names maps
    to empty, however the mapping writes the day (helper-132: 1/1/1900 and datetime2's
    seven decimals stayed quarantined under it)."""
    spelled = [d + t for d, t in itertools.product(MARKER_SPELLINGS, MARKER_TIMES)]
    cells = [c for c, why in zip(spelled, no_date_marker(spelled), strict=True) if why]
    assert len(cells) > 300 and "1/1/1900 00:00:00.0000000" in cells
    rows = "".join(f"{100000 + i};2026-02-10;2026-03-01;{c};Bouw\n" for i, c in enumerate(cells))
    data = write(
        tmp_path / "nevenfuncties.csv",
        SIDE_JOBS + rows + "000009;2026-02-10;2026-03-01;1900-01-02;Zorg\n",
    )
    mapping = write(
        tmp_path / "nevenfuncties.mapping.yaml",
        "dataset: side_jobs\nfiles: [nevenfuncties.csv]\n"
        f"values: {{approved_on: {{'{key}': null}}}}\n",
    )
    [result] = run(home, data, mappings=[mapping])
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, len(cells) + 1, 0)
    assert query(
        home, "select approved_on, count(*) from raw_side_jobs group by 1 order by 1 nulls first"
    ) == [(None, len(cells)), (dt.date(1900, 1, 2), 1)]


def test_a_wave_written_as_year_and_quarter_is_quarantined_not_read_as_1955(
    home: Path, tmp_path: Path
) -> None:
    data = write(
        tmp_path / "survey_responses.csv",
        SURVEY_HEADER + "R1;20261;VH-N;CLA1;4\nR2;45717;VH-Z;CLA1;2\n",
    )
    [result] = run(home, data)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 1, 1)
    [(line, column, value, reason)] = query(
        home,
        "select line, \"column\", value, reason from quarantine where dataset = 'survey_responses'",
    )
    assert (line, column, value) == (2, "wave_date", "20261")
    assert (
        "'20261' kan een Excel-serienummer zijn (21-06-1955) of jaar 2026 met kwartaal of "
        "halfjaar 1; niet geraden welke bedoeld is"
    ) in reason
    assert query(home, "select wave_date from raw_survey_responses") == [(dt.date(2025, 3, 1),)]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1980-01-01 00:00:00", None),  # LimeSurvey's submitdate of an undated survey
        ("1980-01-01 00:00", None),
        ("1-1-1980 0:00", None),  # as Excel saves it again
        ("01-01-1980 00:00:00", None),
        ("1980-01-01T00:00:00", None),
        ("1980-01-01 00:00:00.000", None),
        ("1980-01-01 12:00:00 AM", None),  # midnight on a 12-hour clock
        ("1980-01-01 00:00:00 CET", None),  # the Dutch clock as written
        ("di 1 jan 1980 00:00", None),
        ("1980-01-01", dt.date(1980, 1, 1)),  # the day alone is a date (a hire date)
        ("01-01-1980", dt.date(1980, 1, 1)),
        ("29221", dt.date(1980, 1, 1)),  # its Excel serial: a day
        ("1980-01-01 00:00:01", dt.date(1980, 1, 1)),  # a second later: a moment
        ("1980-01-01 12:00:00 PM", dt.date(1980, 1, 1)),  # noon
        ("1979-12-31 23:59:59", dt.date(1979, 12, 31)),  # a second before
        ("1980-01-02 00:00:00", dt.date(1980, 1, 2)),
        ("1980-01-01T00:00:00Z", dt.date(1980, 1, 1)),  # a zoned moment is a real one
        ("1979-12-31T23:00:00Z", dt.date(1980, 1, 1)),  # (midnight here, not as written)
    ],
)
def test_limesurveys_midnight_of_1980_is_no_date(cell: str, expected: dt.date | None) -> None:
    """helper-159: LimeSurvey writes 1980-01-01 00:00:00 as the submitdate of a completed
    answer in a survey that stores no date; it loaded as 1 January 1980, outside every
    period, without a word."""
    assert read(cell) == expected
    assert read(cell, months=True) == expected  # a survey's wave_date
    [why] = no_date_marker([cell])
    if expected is None:
        assert why == (
            f"'{cell}' is 1 januari 1980 om 00:00:00, wat LimeSurvey schrijft voor 'geen "
            "datum'; niet als datum gelezen (betekent het leeg, zet het dan in de "
            "kolomkoppeling onder values op null; is het een echte datum, zet het daar dan "
            "op '1980-01-01')"
        )
    else:
        assert why is None
    assert read(cell, markers=False) == (expected or dt.date(1980, 1, 1))
    assert read(cell, long_ago=True) == (expected or dt.date(1980, 1, 1))  # a hire date


def test_a_hire_date_of_1980_written_with_its_midnight_is_that_day(
    home: Path, tmp_path: Path
) -> None:
    """helper-161's note: an HR export writing every date with 00:00:00 had the hire date
    1 January 1980 quarantined as LimeSurvey's empty moment. Dates that may lie decades
    back (Column.long_ago) read it as the day; a side job's approval beside it does not."""
    midnight = "1980-01-01 00:00:00"
    rows = employee(hire_date=midnight, role_start_date=midnight)
    rows += employee("104234", hire_date=midnight, role_start_date="1980-01-02 00:00:00")
    [result] = run(home, write(tmp_path / "employees.csv", EMPLOYEE_HEADER + rows))
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 2, 0)
    assert query(home, "select hire_date, role_start_date from raw_employees order by 1, 2") == [
        (dt.date(1980, 1, 1), dt.date(1980, 1, 1)),
        (dt.date(1980, 1, 1), dt.date(1980, 1, 2)),
    ]
    jobs = "000101;2026-02-10;1980-01-01 00:00:00;1980-01-01 00:00:00;Bouw\n"
    [result] = run(home, write(tmp_path / "side_jobs.csv", SIDE_JOBS + jobs))
    held = query(home, "select \"column\" from quarantine where dataset = 'side_jobs'")
    assert (result.rows_loaded, held) == (0, [("approved_on",)])


def test_a_mappings_null_for_the_moment_empties_its_every_spelling_in_a_hire_date_too(
    home: Path, tmp_path: Path
) -> None:
    """helper-168: where the moment is a date (Column.long_ago), a mapping written under
    the old refusal's advice, values null for '1980-01-01 00:00:00', emptied that spelling
    and the ISO one but loaded 1-1-1980 0:00 as 1 January 1980. Every spelling of the
    moment is emptied, as where it is refused; the day after stays a date."""
    cells = ["1980-01-01 00:00:00", "1980-01-01T00:00:00", "1-1-1980 0:00", "01-01-1980 00:00"]
    rows = "".join(f"00010{n};2026-02-1{n};{c};2026-03-01;Bouw\n" for n, c in enumerate(cells))
    rows += "000109;2026-02-19;1980-01-02 00:00:00;2026-03-01;Bouw\n"  # the day after
    data = write(tmp_path / "in" / "nevenfuncties.csv", SIDE_JOBS + rows)
    mapping = write(
        tmp_path / "in" / "nevenfuncties.mapping.yaml",
        "dataset: side_jobs\nfiles: [nevenfuncties.csv]\n"
        "values: {started_on: {'1980-01-01 00:00:00': null}}\n",
    )
    [result] = run(home, data, mappings=[mapping])
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 5, 0)
    started = query(home, "select _source_line, started_on from raw_side_jobs order by 1")
    assert started == [(2, None), (3, None), (4, None), (5, None), (6, dt.date(1980, 1, 2))]


def test_limesurveys_1980_is_quarantined_and_its_mapping_empties_it_or_reads_the_day(
    home: Path, tmp_path: Path
) -> None:
    """The marker quarantined with its reason; the way out it names, values null, empties
    each spelling of it, and the other, the day, reads it as that day."""
    rows = (
        "000101;2026-02-10;2026-03-01;1980-01-01 00:00:00;Bouw\n"
        "000102;2026-02-11;2026-03-01;1-1-1980 0:00;Onderwijs\n"
        "000103;2026-02-12;1980-01-01;1980-01-02 00:00:00;Zorg\n"
    )
    data = write(tmp_path / "side_jobs.csv", SIDE_JOBS + rows)
    [result] = run(home, data)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 1, 2)
    held = query(
        home,
        'select line, "column", value, reason_code from quarantine '
        "where dataset = 'side_jobs' order by line",
    )
    assert held == [
        (2, "approved_on", "1980-01-01 00:00:00", "wrong_type"),
        (3, "approved_on", "1-1-1980 0:00", "wrong_type"),
    ]
    assert query(home, "select started_on, approved_on from raw_side_jobs") == [
        (dt.date(1980, 1, 1), dt.date(1980, 1, 2))
    ]
    # null for its moment empties every spelling; a day for each cell as its reason
    # quotes it reads that cell as the day
    day = "'1980-01-01'"
    for n, (values, approved) in enumerate(
        [
            ("{'1980-01-01 00:00:00': null}", None),
            (f"{{'1980-01-01 00:00:00': {day}, '1-1-1980 0:00': {day}}}", dt.date(1980, 1, 1)),
        ]
    ):
        other = write(tmp_path / f"m{n}" / "nevenfuncties.csv", SIDE_JOBS + rows)
        mapping = write(
            tmp_path / f"m{n}" / "nevenfuncties.mapping.yaml",
            f"dataset: side_jobs\nfiles: [nevenfuncties.csv]\nvalues: {{approved_on: {values}}}\n",
        )
        [result] = run(home, other, mappings=[mapping])
        assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 3, 0)
        assert query(
            home,
            "select approved_on from raw_side_jobs where _source_file like '%nevenfuncties.csv' "
            "order by 1 nulls first",
        ) == [(approved,), (approved,), (dt.date(1980, 1, 2),)]


HR_AGGREGATES = "month;org_unit;garnishment_count;social_worker_referrals\n"


@pytest.mark.parametrize(
    ("last", "spell"),
    [
        (13, "{y}{m:02d}"),  # 202513
        (13, "{y}-{m:02d}"),  # 2025-13
        (13, "{m:02d}-{y}"),  # 13-2025
        (13, "P{m:02d} {y}"),  # P13 2025
        (12, "{y}{m:02d}"),  # twelve periods: months, as read
    ],
)
def test_a_thirteenth_period_says_the_column_holds_no_months(
    home: Path, tmp_path: Path, last: int, spell: str
) -> None:
    """helper-175: four-weekly periods 202501-202513 loaded as January to December without
    a word (period 12, from about 9 November, as December), and 202513 alone was refused,
    under the file's limit. A thirteenth period refuses every period of the column."""
    rows = "".join(f"{spell.format(y=2025, m=m)};VH-N;0;1\n" for m in range(1, last + 1))
    [result] = run(home, write(tmp_path / "hr_aggregates.csv", HR_AGGREGATES + rows))
    assert result.error is None, result.error
    got = query(home, "select line, reason_code, reason from quarantine order by line")
    loaded = query(home, "select month from raw_hr_aggregates order by 1")
    if last == 12:
        assert got == [] and [m.month for (m,) in loaded] == list(range(1, 13))
        return
    assert [line for line, _, _ in got] == list(range(2, 15))
    thirteen = spell.format(y=2025, m=13)
    if not thirteen.startswith("P"):  # P01 2025 is no month as read either (wrong_type)
        assert {code for _, code, _ in got} == {"ambiguous_date"}
        assert f"staat in een kolom met periode 13 ('{thirteen}')" in got[0][2]
    assert got[-1][2].endswith(f"'{thirteen}' is periode 13: vierwekelijkse perioden (dertien per "
                                "jaar) zijn geen kalendermaanden; niet geraden welke maand bedoeld "
                                "is: exporteer per kalendermaand")  # fmt: skip
    assert loaded == []


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ("17-03-2026", "17 maart 2026"),
        ("2026-03-02", "2 maart 2026"),
        ("17 maart 2026", "17 maart 2026"),
        ("30-03-2026", "30 maart 2026"),  # the day before the last
        ("02-03-2026 00:00", "2 maart 2026"),
        ("31-03-2026", None),  # the last day: March
        ("01-03-2026", None),  # the first: March
        ("29-02-2024", None),  # a leap year's last day of February
        ("28-02-2024", "28 februari 2024"),  # not that year's last
        ("32-03-2026", ""),  # no date at all: the general reason
    ],
)
def test_a_day_within_the_month_says_so_in_a_month_column(
    home: Path, tmp_path: Path, cell: str, said: str | None
) -> None:
    """helper-250 F2: an HR export's peildatum in the middle of the month (17-03-2026)
    refused the file with 'verwacht een maand ... of de eerste dag van de maand', which
    left out the last day (read) and did not say the day was all that was wrong."""
    rows = f"{cell};VH-N;0;1\n2026-02;VH-N;0;1\n"
    run(home, write(tmp_path / "hr_aggregates.csv", HR_AGGREGATES + rows))
    got = query(home, "select line, reason from quarantine order by line")
    if said is None:
        assert got == []
        return
    assert [line for line, _ in got] == [2]
    reason = got[0][1]
    assert reason.startswith(f"hr_aggregates.csv, regel 2, kolom month, waarde '{cell}': ")
    if said:
        assert reason.endswith(
            f"'{cell}' is een dag midden in de maand ({said}), geen maand; niet geraden welke "
            "maand die peildatum beschrijft: schrijf de maand (jjjj-mm, mm-jjjj) of de eerste "
            "of de laatste dag van de maand"
        ), reason
    else:
        assert reason.endswith(
            "verwacht een maand tussen 1900 en 2100 (jjjj-mm, mm-jjjj, of de eerste of de "
            "laatste dag van de maand)"
        ), reason


@pytest.mark.parametrize(
    "cell", ["31-12-9999", "9999-12-31", "99991231", "31/12/9999 00:00", "31-dec-9999", "2958465"]
)
def test_the_year_9999_names_the_way_out_and_that_way_works(
    home: Path, tmp_path: Path, cell: str
) -> None:
    """helper-250 F4: an HR system's 'no end date' got 'verwacht een datum tussen 1900 en
    2100', which named no way out; its reason now names the mapping's, which empties it.
    Another year past 2100 (a typo's 2602) keeps the general reason, and so does a
    required date, which cannot be empty (a gift's received_on; helper-251 F8)."""
    gift = f"employee_key;received_on;giver_type;gift_type;value_eur\n1;{cell};huurder;geld;10\n"
    run(home, write(tmp_path / "gifts" / "gifts.csv", gift))
    [(required,)] = query(home, "select reason from quarantine")
    assert required.endswith(": verwacht een datum tussen 1900 en 2100 (dd-mm-jjjj of jjjj-mm-dd)")
    rows = employee("1", exit_date=cell, exit_reason="vrijwillig")
    rows += employee("2", exit_date="01-03-2602", exit_reason="vrijwillig")
    run(home, write(tmp_path / "hr" / "employees.csv", EMPLOYEE_HEADER + rows))
    reasons = query(
        home, "select line, reason from quarantine where dataset = 'employees' order by line"
    )
    key = f"'{cell}'"
    assert reasons == [
        (
            2,
            f"employees.csv, regel 2, kolom exit_date, waarde {key}: verwacht een datum "
            f"tussen 1900 en 2100; {key} ligt in het jaar 9999, wat veel systemen schrijven "
            "voor 'geen einddatum': betekent het leeg, zet het dan in de kolomkoppeling "
            f"onder values op null: values: {{exit_date: {{{key}: null}}}}",
        ),
        (
            3,
            "employees.csv, regel 3, kolom exit_date, waarde '01-03-2602': verwacht een datum "
            "tussen 1900 en 2100 (dd-mm-jjjj of jjjj-mm-dd)",
        ),
    ]
    again = tmp_path / "again"
    data = write(again / "employees.csv", EMPLOYEE_HEADER + employee("1", exit_date=cell))
    way_out = (
        f"dataset: employees\nfiles: [employees.csv]\nvalues: {{exit_date: {{{key}: null}}}}\n"
    )
    [result] = run(home, data, mappings=[write(again / "hr.mapping.yaml", way_out)])
    assert (result.error, result.rows_loaded) == (None, 1)
    assert query(home, "select exit_date from raw_employees where _source_line = 2") == [(None,)]
