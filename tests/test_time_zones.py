"""A time zone Qualtrics names in its import ids, a header row extra_header_rows leaves
out (``{"ImportId":"startDate","timeZone":"UTC"}``): the times of that column are that
zone's, read in Dutch time (pipelines/ingest/time_zones.py; helper-149: 2026-03-31
22:51:03 UTC, 1 April 00:51 here, counted in the first quarter)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingesthelpers import ingest_only
from tests.readers import reading
from tests.test_header_rows import qualtrics_with
from tests.test_mappings import home

__all__ = ["home"]  # fixtures used here


def import_ids(zone: str | None) -> str:
    said = f',""timeZone"":""{zone}""' if zone is not None else ""
    return (
        f'"{{""ImportId"":""startDate""{said}}}","{{""ImportId"":""endDate""{said}}}",'
        '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2_1""}",'
        '"{""ImportId"":""QID2_2""}","{""ImportId"":""QID3""}"\n'
    )


def qualtrics(zone: str | None, started: list[str]) -> str:
    head = "StartDate,EndDate,ResponseId,Eenheid,CLA1,CLA2,PS1\n"
    head += "Start Date,End Date,Response ID,Team,Vraag 1,Vraag 2,Vraag 3\n"
    rows = "".join(f"{s},{s},R_{n},VH-N,4,5,4\n" for n, s in enumerate(started))
    return head + import_ids(zone) + rows


def waves(home: Path, zone: str | None, started: list[str], tmp_path: Path, more: str = ""):
    extra = "extra_header_rows: 2" + more
    folder = qualtrics_with(tmp_path, extra, qualtrics(zone, started))
    results = {r.path.name: r for r in ingest_only(home / "w.duckdb", [folder])}
    result = results["qualtrics.csv"]
    if result.error is not None:
        return str(result.error), []
    with reading(str(home / "w.duckdb")) as con:
        rows = con.execute(
            "select distinct _source_line, wave_date from raw_survey_responses order by 1"
        ).fetchall()
    return [str(n) for n in result.notes if "tijdzone" in str(n)], [str(d) for _, d in rows]


@pytest.mark.parametrize(
    ("zone", "started", "read"),
    [
        # summer time: UTC 22:00 is midnight here; 21:59:59 still 31 March
        ("UTC", ["2026-03-31 21:59:59", "2026-03-31 22:00:00"], ["2026-03-31", "2026-04-01"]),
        # winter time: UTC 23:00 is midnight
        ("UTC", ["2025-12-31 22:59", "2025-12-31 23:00"], ["2025-12-31", "2026-01-01"]),
        ("America/New_York", ["2026-03-31 17:59:59", "2026-03-31 18:00:00"],
         ["2026-03-31", "2026-04-01"]),
        # Dutch time, or no zone named: as written
        ("Europe/Amsterdam", ["2026-03-31 23:59:59", "2026-04-01 00:00:00"],
         ["2026-03-31", "2026-04-01"]),
        (None, ["2026-03-31 23:59:59", "2026-04-01 00:00:00"], ["2026-03-31", "2026-04-01"]),
        # any spelling the date rules read (helper-151: only the ISO form was shifted)
        ("UTC", ["31-03-2026 21:59", "31-03-2026 22:51:03"], ["2026-03-31", "2026-04-01"]),
        ("UTC", ["2026-03-31 21:59:59.000", "2026-03-31 22:51:03.000"],
         ["2026-03-31", "2026-04-01"]),
        ("UTC", ["2026-03-31 9:59:59 PM", "2026-03-31 10:51:03 PM"],
         ["2026-03-31", "2026-04-01"]),
        # helper-152: a month's name or a weekday, and a time with a dot, kept their time
        ("Asia/Tokyo", ["1 april 2026 10:00", "wo 01-04-2026 10:00", "1 Apr 2026 10:00"],
         ["2026-04-01", "2026-04-01", "2026-04-01"]),
        ("UTC", ['"Mar 31, 2026 10:51 PM"', "31-03-2026 22.51 uur", "31-03-2026 21.59"],
         ["2026-04-01", "2026-04-01", "2026-03-31"]),
        # helper-154: a range's start, not its end; DB2's, SAS's and compact moments
        ("UTC", ["15-01-2026 22:30 - 23:30", "15-01-2026 23:30-23:45"],
         ["2026-01-15", "2026-01-16"]),
        ("UTC", ["20260115 225959", "20260115 233000"], ["2026-01-15", "2026-01-16"]),
        ("UTC", ["20260331 2159", "20260331T2251", "202603312251", "20260331225103"],
         ["2026-03-31", "2026-04-01", "2026-04-01", "2026-04-01"]),
        ("UTC", ["46112.9166", "46112.9521"], ["2026-03-31", "2026-04-01"]),  # 21:59, 22:51
        ("UTC", ["2026-01-15-22.59.59.000000", "15JAN2026:23:30:00"],
         ["2026-01-15", "2026-01-16"]),
        # ... and the Dutch clock's own CET and CEST are the cell's offset
        ("UTC", ["31-03-2026 22:51:03 CEST", "31-03-2026 22:51 CET"],
         ["2026-03-31", "2026-03-31"]),
        # ... after a 12-hour clock too (helper-159: Dutch Google Forms' p.m. CEST)
        ("UTC", ["2026/03/31 10:51:03 p.m. CEST", "31-03-2026 10:51 PM CET"],
         ["2026-03-31", "2026-03-31"]),
        # a time with an offset of its own keeps it; a date alone is that date
        ("UTC", ["2026-03-31T23:30:00+02:00", "2026-03-31"], ["2026-03-31", "2026-03-31"]),
        ("UTC", ["2026-03-31 23:30 +02:00", "2026-03-31 11:30:00 PM GMT+2"],
         ["2026-03-31", "2026-03-31"]),
    ],
)  # fmt: skip
def test_the_times_of_a_column_are_read_in_the_zone_its_import_id_names(
    home: Path, tmp_path: Path, zone: str | None, started: list[str], read: list[str]
) -> None:
    notes, dates = waves(home, zone, started, tmp_path)
    assert dates == read
    shifted = zone in ("UTC", "America/New_York", "Asia/Tokyo") and "+" not in started[0]
    shifted = shifted and "CET" not in started[1]
    if shifted:  # the column read named, not EndDate (skipped); nothing shifted: no note
        assert notes == [
            f"kolom StartDate: de tijden zijn in tijdzone {zone} (kopregel 3) en omgerekend "
            "naar Nederlandse tijd; een tijd vlak voor middernacht kan zo op de volgende dag "
            "vallen"
        ]
    else:
        assert notes == []


def test_a_zone_no_one_knows_refuses_the_file(home: Path, tmp_path: Path) -> None:
    error, dates = waves(home, "Mars/Olympus", ["2026-03-31 22:00:00"], tmp_path)
    assert dates == []
    assert "regel 3, kolom StartDate noemt tijdzone 'Mars/Olympus'" in error, error


def test_a_zones_times_are_read_in_the_mappings_date_order(home: Path, tmp_path: Path) -> None:
    started = ["3/31/2026 21:59", "3/31/2026 22:51"]
    _, dates = waves(home, "UTC", started, tmp_path, "\ndate_order: mdy")
    assert dates == ["2026-03-31", "2026-04-01"]


@pytest.mark.parametrize("zone", ["UTC", "Europe/Amsterdam"])
def test_dates_no_one_can_be_sure_of_are_refused_in_any_zone(
    home: Path, tmp_path: Path, zone: str
) -> None:
    """helper-152: made ISO in the zone, 4/1/2026 went past the rule that refuses an
    American export's dates beside 3/31/2026, and loaded as 4 January."""
    started = ["2026-04-15 10:00"] * 40 + ["3/31/2026 10:51 PM", "4/1/2026 9:00 AM"]
    _, dates = waves(home, zone, started, tmp_path)
    assert dates == ["2026-04-15"] * 40  # both slash dates quarantined, 4/1 as ambiguous


@pytest.mark.parametrize(
    ("name", "shifted"),
    [
        ("Submit Date (UTC)", True),  # Typeform (helper-159)
        ("Datum (GMT)", True),
        ("Datum [utc]", True),
        ("Datum (UTC+00:00)", True),
        ("Datum (UTC+01:00)", False),  # another offset: not read as UTC
        ("Datum UTC", False),  # no brackets: a name, not a zone said
        ("Datum (UTC) gewijzigd", False),  # not at the name's end
    ],
)
def test_a_column_whose_name_says_utc_is_read_in_utc(
    home: Path, tmp_path: Path, name: str, shifted: bool
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "g.mapping.yaml").write_text(
        f"dataset: gifts\nfiles: ['geschenken.csv']\ncolumns: {{'{name}': received_on}}\n"
    )
    (folder / "geschenken.csv").write_text(
        f"record_id;employee_key;{name};value_eur\n"
        "G1;E1;2026-03-31 21:59:59;25\nG2;E2;2026-03-31 22:00:00;25\n"
    )
    [result] = ingest_only(
        home / "w.duckdb", [folder / "geschenken.csv"], mappings=[folder / "g.mapping.yaml"]
    )
    with reading(str(home / "w.duckdb")) as con:
        days = [
            str(d)
            for (d,) in con.execute("select received_on from raw_gifts order by 1").fetchall()
        ]
    notes = [str(n) for n in result.notes if "tijdzone" in str(n)]
    # loaded, not held as empty (a file not unpivoted read its zoned dates from a view
    # the checks did not look at)
    assert (result.error, result.rows_loaded) == (None, 2), result.examples
    if shifted:
        assert days == ["2026-03-31", "2026-04-01"]
        assert notes == [
            f"kolom {name}: de tijden zijn in tijdzone UTC, zoals de kolomnaam zegt, en "
            "omgerekend naar Nederlandse tijd; een tijd vlak voor middernacht kan zo op de "
            "volgende dag vallen"
        ]
    else:
        assert (days, notes) == (["2026-03-31", "2026-03-31"], [])


@pytest.mark.parametrize(
    ("zone", "moment", "read"),
    [
        # helper-163: a timestamp[UTC] is Dutch time once read; the name's UTC moved
        # 23:30 here to the next day
        ("UTC", "2026-03-31 21:30", "2026-03-31"),
        ("UTC", "2026-03-31 22:30", "2026-04-01"),
        # a timestamp without its zone is the name's UTC
        (None, "2026-03-31 21:30", "2026-03-31"),
        (None, "2026-03-31 22:30", "2026-04-01"),
    ],
)
def test_a_parquet_timestamp_with_its_zone_is_not_moved_again_by_the_columns_name(
    home: Path, tmp_path: Path, zone: str | None, moment: str, read: str
) -> None:
    import pandas as pd

    folder = tmp_path / "in"
    folder.mkdir()
    day = pd.Timestamp(moment, tz=zone)
    frame = pd.DataFrame(
        {"record_id": ["G1"], "employee_key": ["E1"], "Ontvangen (UTC)": [day], "value_eur": [25.0]}
    )
    frame.to_parquet(folder / "geschenken.parquet")
    (folder / "g.mapping.yaml").write_text(
        "dataset: gifts\nfiles: ['geschenken.parquet']\ncolumns: {'Ontvangen (UTC)': received_on}\n"
    )
    ingest_only(
        home / "w.duckdb", [folder / "geschenken.parquet"], mappings=[folder / "g.mapping.yaml"]
    )
    with reading(str(home / "w.duckdb")) as con:
        assert [str(d) for (d,) in con.execute("select received_on from raw_gifts").fetchall()] == [
            read
        ]


def _gifts_workbook(tmp_path: Path, column: str, rows: list[list], mapping: str = "", **wb):
    """A gifts workbook whose date column is named ``column`` (a UTC one or not), ingested
    through a mapping (``mapping``: its further lines): the result and the dates read."""
    from openpyxl import Workbook

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "g.mapping.yaml").write_text(
        f"dataset: gifts\nfiles: ['geschenken.xlsx']\ncolumns: {{'{column}': received_on}}\n"
        + mapping
    )
    book = Workbook()
    for name, value in wb.items():
        setattr(book, name, value)
    book.active.append(["record_id", "employee_key", column, "value_eur"])
    for n, cell in enumerate(rows):
        book.active.append([f"G{n + 1}", f"E{n + 1}", cell, 25])
    book.save(folder / "geschenken.xlsx")
    return gifts_loaded(tmp_path / "h", folder / "geschenken.xlsx", folder / "g.mapping.yaml")


def gifts_loaded(home: Path, path: Path, mapping: Path):
    """A gifts file ingested through ``mapping`` into a warehouse in ``home``: the result
    and the record ids with the days read."""
    home.mkdir()
    [result] = ingest_only(home / "w.duckdb", [path], mappings=[mapping])
    with reading(str(home / "w.duckdb")) as con:
        read = con.execute("select record_id, received_on from raw_gifts order by 1").fetchall()
    return result, [(r, str(d)) for r, d in read]


@pytest.mark.parametrize("system_1904", [True, False])
@pytest.mark.parametrize("column", ["Submit Date (UTC)", "Submit Date"])
def test_a_1904_workbooks_serial_is_counted_from_1904_in_a_zone_too(
    tmp_path: Path, system_1904: bool, column: str
) -> None:
    """The zone step read a 1904 workbook's serial (44650,9521) on 1900's count: 2022,
    four years early, without a word; the date rules count it from 1904."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    days = 1462 if system_1904 else 0  # 1904-01-01 is serial 1462 of the 1900 count
    serials = [46112.9166 - days, 46112.9521 - days]  # 31 March 2026 21:59 and 22:51
    epoch = CALENDAR_MAC_1904 if system_1904 else CALENDAR_WINDOWS_1900
    result, read = _gifts_workbook(tmp_path, column, serials, epoch=epoch)
    assert result.error is None, result.error
    if "UTC" in column:  # 22:51 UTC is 00:51 on 1 April here
        assert read == [("G1", "2026-03-31"), ("G2", "2026-04-01")]
    else:
        assert read == [("G1", "2026-03-31"), ("G2", "2026-03-31")]


@pytest.mark.parametrize("column", ["Submit Date (UTC)", "Submit Date"])
def test_excels_swapped_date_cells_are_held_in_a_zone_as_elsewhere(
    tmp_path: Path, column: str
) -> None:
    """Under date_order: mdy, a workbook's date cell beside text only month first (Excel
    read the American text day first where it could): made ISO in the zone step, it went
    past date_order.excel_swapped and 2 January loaded as 1 February."""
    import datetime as dt

    rows = [dt.datetime(2026, 2, 1, 10), "06/25/2026 10:00", dt.datetime(2026, 7, 13, 10)]
    result, _ = _gifts_workbook(tmp_path, column, rows, "date_order: mdy\n")
    held = [(q.line, q.reason_code) for q in result.examples]
    assert held == [(2, "ambiguous_date")]  # not 13 July: no month has a 13th day
    assert "dus dit kan ook 2 januari 2026 zijn" in result.examples[0].reason


@pytest.mark.parametrize("zone", ["UTC", None])
@pytest.mark.parametrize(
    ("started", "held"),
    [
        (["3/5/2026 10:00", "3/6/2026 10:00"], 2),  # each either way
        # 3/25 is month first alone, not declared: both held, as the date rules do
        (["3/5/2026 10:00", "3/25/2026 10:00"], 2),
        (["3/5/2026 10:00", "25/3/2026 10:00"], 0),  # 25/3 proves day first
    ],
)
def test_english_numbers_hold_a_zones_slash_dates_as_any(
    home: Path, tmp_path: Path, zone: str | None, started: list[str], held: int
) -> None:
    """Under number_format: en without a date_order, a slash date either order reads is
    no certain date (date_order.english_doubts); made ISO in the zone step first, UTC's
    3/5/2026 loaded as 3 May without a word."""
    _, dates = waves(home, zone, started, tmp_path, "\nnumber_format: en")
    assert len(dates) == len(set(started)) - held


def held_and_read(home: Path, tmp_path: Path, zone: str | None, started: list[str]):
    """The lines quarantined as no certain date, and the dates read (a file under the
    quarantine's share; refused, the same lines are held and nothing is read)."""
    tmp_path.mkdir()
    folder = qualtrics_with(tmp_path, "extra_header_rows: 2", qualtrics(zone, started))
    ingest_only(home / "w.duckdb", [folder])
    with reading(str(home / "w.duckdb")) as con:
        held = con.execute(
            "select distinct line from quarantine where reason_code = 'ambiguous_date' "
            "and source_file like '%qualtrics.csv' order by 1"
        ).fetchall()
        read = con.execute("select distinct wave_date from raw_survey_responses").fetchall()
    return [n for (n,) in held], sorted(str(d) for (d,) in read)


@pytest.mark.parametrize(
    ("started", "held"),
    [
        # an American export's October wave, each respondent's own day (helper-253 F1):
        # with the zone, it loaded as ten waves, 10 February to 10 November
        ([f"10/{d}/2026 14:00" for d in range(2, 13)] + ["10/10/2026 23:30"], 10),
        # four months, one of them 10/10, which reads the same either way and is made ISO
        # in the zone: the date rules, seeing three, held none (the zone step's verdict)
        (["10/2/2026 14:00", "10/3/2026 14:00", "10/10/2026 14:00", "10/11/2026 9:00"] * 10, 30),
        # three months read day first: no period's days (ONE_DAY_MONTHS), read day first
        (["10/2/2026 14:00", "10/3/2026 14:00", "10/4/2026 14:00"] * 10, 0),
        # a date only day first in the column proves the order
        ([f"10/{d}/2026 14:00" for d in range(2, 13)] + ["25/10/2026 14:00"] * 200, 0),
    ],
)
def test_one_periods_days_month_first_are_held_in_a_zone_as_elsewhere(
    home: Path, tmp_path: Path, started: list[str], held: int
) -> None:
    """date_order.one_day_doubts, asked of a zone's column as written (CellFacts.written):
    made ISO in the zone step first, the date rules could not see the wave (a known gap
    until 2026-12-07)."""
    zoned = held_and_read(home, tmp_path / "utc", "UTC", started)
    (home / "w.duckdb").unlink()
    plain = held_and_read(home, tmp_path / "none", None, started)
    assert len(zoned[0]) == held
    assert zoned[0] == plain[0]
    if not held:  # read day first, in the zone and out of it
        assert zoned[1] == plain[1] != []


def gifts_read(tmp_path: Path, column: str, cells: list[str], mapping: str = ""):
    """A gifts CSV whose date column is ``column``: the lines held as no certain date and
    the dates loaded (nothing where the file is refused)."""
    folder = tmp_path / column.replace(" ", "_")
    folder.mkdir()
    (folder / "g.mapping.yaml").write_text(
        f"dataset: gifts\nfiles: ['geschenken.csv']\ncolumns: {{'{column}': received_on}}\n"
        + mapping
    )
    rows = "".join(f"G{n};E{n};{c};25\n" for n, c in enumerate(cells))
    (folder / "geschenken.csv").write_text(f"record_id;employee_key;{column};value_eur\n{rows}")
    result, read = gifts_loaded(folder / "h", folder / "geschenken.csv", folder / "g.mapping.yaml")
    held = sorted(q.line for q in result.examples if q.reason_code == "ambiguous_date")
    return held, read


@pytest.mark.parametrize(
    ("cells", "mapping", "held"),
    [
        # helper-260 F1: one period's days month first, 24-hour times
        ([f"10/{d}/2026 10:00" for d in (1, 2, 5, 6, 7)], "", [2, 3, 4, 5, 6]),
        # F2: a date only month first, made ISO, proved nothing: 3/6 loaded as 3 June
        (["Mar 31, 2026 10:00", "3/6/2026 10:00"], "", [3]),
        (["Mar 31, 2026 10:00", "3/6/2026"], "", [3]),
        (["3/3/2026 10:51 PM", "3/6/2026"], "", [3]),
        # F3: a date only day first proves the order under number_format: en
        (["25/3/2026 10:00", "3/5/2026"], "number_format: en\n", []),
        # ... in either of two spellings of one time (made one ISO time)
        (["2026-03-25 10:00", "25/3/2026 10:00", "3/5/2026"], "number_format: en\n", []),
        (["25/3/2026 10:00", "2026-03-25 10:00", "3/5/2026"], "number_format: en\n", []),
        # F4: a day-first date or an ISO one lifts one period's rule
        (["25/3/2026 10:00", "10/1/2026", "10/2/2026", "10/5/2026", "10/6/2026"], "", []),
        (["2026-03-05 10:00", "10/1/2026", "10/2/2026", "10/5/2026", "10/6/2026"], "", []),
        # F5: the column's own day-first date holds the declared order against another's
        (["25/03/2026 10:00", "01/02/2026"], "date_order: dmy\n", []),
    ],
)  # fmt: skip
def test_a_zones_column_is_judged_as_written(
    tmp_path: Path, cells: list[str], mapping: str, held: list[int]
) -> None:
    """The date rules judge a column's date order by its cells as written, not as the zone
    step made them ISO (CellFacts.written): the same lines held and the same dates read with
    the column's (UTC) as without (times of day far from midnight)."""
    zoned = gifts_read(tmp_path, "Ontvangen (UTC)", cells, mapping)
    plain = gifts_read(tmp_path, "Ontvangen", cells, mapping)
    assert zoned == plain
    assert zoned[0] == held
    assert bool(zoned[1]) == (not held)  # held: the file is over the quarantine's share


@pytest.mark.parametrize("column", ["Ingediend (UTC)", "Ingediend"])
def test_a_zones_day_first_date_proves_the_order_of_the_files_other_date_columns(
    tmp_path: Path, column: str
) -> None:
    """helper-261: the day-first dates of a zone's column, made ISO, no longer proved the
    order of the file's other date column (ColumnPlan.day_first_read), whose days on the
    2nd of four months were refused as one period's days month first."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "n.mapping.yaml").write_text(
        "dataset: side_jobs\nfiles: ['nevenwerk.csv']\n"
        f"columns: {{'{column}': registered_on, Goedgekeurd: approved_on}}\n"
    )
    rows = [("25/03/2026 10:14", "02/01/2026"), ("14/03/2026 09:30", "02/02/2026"),
            ("20/03/2026 11:02", "02/03/2026"), ("26/03/2026 15:40", "02/04/2026")]  # fmt: skip
    lines = "".join(f"E{n};{a};{b}\n" for n, (a, b) in enumerate(rows))
    (folder / "nevenwerk.csv").write_text(f"employee_key;{column};Goedgekeurd\n{lines}")
    home = tmp_path / "h"
    home.mkdir()
    [result] = ingest_only(
        home / "w.duckdb", [folder / "nevenwerk.csv"], mappings=[folder / "n.mapping.yaml"]
    )
    assert (result.error, result.rows_loaded) == (None, 4), result.examples
    with reading(str(home / "w.duckdb")) as con:
        days = con.execute("select approved_on::varchar from raw_side_jobs order by 1").fetchall()
    assert [d for (d,) in days] == ["2026-01-02", "2026-02-02", "2026-03-02", "2026-04-02"]


@pytest.mark.parametrize("column", ["Ontvangen (UTC)", "Ontvangen"])
@pytest.mark.parametrize("cell", ["31-12-2099 23:59", "01-01-2000 00:00:01"])
def test_a_mappings_label_for_a_zones_cell_is_matched_as_written(
    tmp_path: Path, column: str, cell: str
) -> None:
    """helper-261: values: {received_on: {'01-01-2000 00:00:01': null}}, a system's moment
    for none, went unmatched in a zone's column (made ISO first) and loaded as a day."""
    held, read = gifts_read(
        tmp_path, column, ["15-01-2026 12:00"] * 12 + [cell],
        f"values: {{received_on: {{'{cell}': null}}}}\n",
    )  # fmt: skip
    assert held == []
    assert read == sorted((f"G{n}", "2026-01-15") for n in range(12))  # G12: no day, no row


@pytest.mark.parametrize("column", ["Ontvangen (UTC)", "Ontvangen"])
def test_a_zones_quarantined_cell_is_shown_as_written(tmp_path: Path, column: str) -> None:
    """helper-261 6: a zone column's quarantined cell was shown as the zone step made it
    (`2099-12-31T23:59:00+00:00`), not as the file writes it: now as without the zone."""
    folder = tmp_path / column.replace(" ", "_")
    folder.mkdir()
    mapping = folder / "g.mapping.yaml"
    mapping.write_text(
        f"dataset: gifts\nfiles: ['geschenken.csv']\ncolumns: {{'{column}': received_on}}\n"
    )
    cells = ["15-01-2026 12:00"] * 12 + ["31-12-2099 23:59"]
    rows = "".join(f"G{n};E{n};{c};25\n" for n, c in enumerate(cells))
    (folder / "geschenken.csv").write_text(f"record_id;employee_key;{column};value_eur\n{rows}")
    result, _ = gifts_loaded(folder / "h", folder / "geschenken.csv", mapping)
    [(line, value)] = [(q.line, q.value) for q in result.examples]
    assert (line, value) == (14, "31-12-2099 23:59")
