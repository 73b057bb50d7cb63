"""Hours as a time register writes them (16:00, 16 uur, 4u 30m) in a column the mapping
converts from hours (convert: {sick_days: {divide_by: 8}} of 'Verzuimuren'): read as
hours and converted, as 16 and 4,5 are (helper-225 4: refused as no number, and with
them the whole file). That the file writes hours is said by the mapping's unit or the
column's name, never by the factor alone (helper-230); minutes, or a column not
converted, take no clock (not guessed); 7.30 uur stays ambiguous
(pipelines/ingest/clock_cells.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import home, org_home, quarantined, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

COLUMNS = (
    "dataset: employees\nfiles: [uren*.csv]\n"
    "columns: {Persnr: employee_key, Peildatum: snapshot_month, Afdeling: org_unit, "
    "Leidinggevende: manager_key, Functie: job_title, FTE: fte, {header}: sick_days}}\n"
)


def sick_days(home: Path, tmp_path: Path, header: str, convert: str, *cells: str) -> list:
    """Each cell as one employee's sick days under ``header``; the rows loaded (line,
    sick_days) and the quarantined (line, reason code)."""
    write(
        tmp_path / "in" / "uren.mapping.yaml",
        COLUMNS.replace("{header}", f'"{header}"').replace("}}", "}") + convert,
    )
    rows = "".join(
        f"{100 + i};31-03-2026;VH-N;1;Medewerker;1;{cell}\n" for i, cell in enumerate(cells)
    )
    head = f"Persnr;Peildatum;Afdeling;Leidinggevende;Functie;FTE;{header}\n"
    write(tmp_path / "in" / "uren_x.csv", head + rows)
    run(home, tmp_path / "in")
    loaded = query(home, "select _source_line, sick_days from raw_employees order by 1")
    return [loaded, [(line, code) for line, _c, _v, code in quarantined(home, "employees")]]


CELLS = ("16:00", "16 uur", "4u 30m", "4,5", "7:20", "90 min", "36:00", "16 u", "0:00")
CELLS += ("16 hour(s)", "16 uur 30 min")  # helper-230: refused
HOURS = [16, 16, 4.5, 4.5, 7 + 20 / 60, 1.5, 36, 16, 0, 16, 16.5]


@pytest.mark.parametrize(
    ("header", "convert"),
    [
        ("Verzuimuren", "convert: {sick_days: {divide_by: 8}}\n"),  # the name says hours
        ("Ziekte (uren)", "convert: {sick_days: {divide_by: 8}}\n"),
        ("Verzuim", "convert: {sick_days: {divide_by: 8, unit: uren}}\n"),  # the mapping
    ],
)
def test_hours_written_as_a_clock_or_with_their_unit_are_converted(
    home: Path, tmp_path: Path, header: str, convert: str
) -> None:
    loaded, bad = sick_days(home, tmp_path, header, convert, *CELLS)
    assert bad == []
    assert [(line, round(days, 6)) for line, days in loaded] == [
        (2 + i, round(hours / 8, 6)) for i, hours in enumerate(HOURS)
    ]


@pytest.mark.parametrize(
    ("header", "convert"),
    [
        ("Verzuim", "convert: {sick_days: {divide_by: 8}}\n"),  # 8 a day: hours, or not
        ("Verzuim (dagdelen)", "convert: {sick_days: {divide_by: 2}}\n"),  # half days
        ("Verzuim (weken)", "convert: {sick_days: {multiply_by: 5}}\n"),
        ("Verzuim %", "convert: {sick_days: {multiply_by: 0.21}}\n"),
    ],
)
def test_a_factor_alone_says_no_hours(
    home: Path, tmp_path: Path, header: str, convert: str
) -> None:
    """helper-230: under 'Verzuim (dagdelen)' and divide_by: 2, 4 uur and 4:00 loaded as
    2 days, 2 uur under weeks times 5 as 10 days: a factor is no unit."""
    loaded, bad = sick_days(home, tmp_path, header, convert, "4", "4 uur", "4:00", "4u 30m")
    assert [line for line, _ in loaded] == [2]
    assert [line for line, _ in bad] == [3, 4, 5]


def test_a_column_converted_from_minutes_takes_no_clock(home: Path, tmp_path: Path) -> None:
    """480 minutes a day: 16:00 would be 16 hours, not minutes, and 4u30 or 2 uur hours;
    not guessed. Minutes with their unit are the file's (helper-230: 960 min refused)."""
    convert = "convert: {sick_days: {divide_by: 480}}\n"
    cells = ("960", "16:00", "960 min", "240 minuten", "4u30", "2 uur")
    loaded, bad = sick_days(home, tmp_path, "Verzuim (minuten)", convert, *cells)
    assert loaded == [(2, 2.0), (4, 2.0), (5, 0.5)]
    assert bad == [(3, "wrong_type"), (6, "wrong_type"), (7, "wrong_type")]


def test_a_column_not_converted_takes_no_clock(home: Path, tmp_path: Path) -> None:
    loaded, bad = sick_days(home, tmp_path, "Verzuimdagen", "", "2", "16:00", "16 uur")
    assert loaded == [(2, 2.0)]
    assert bad == [(3, "wrong_type"), (4, "wrong_type")]


def test_days_and_dotted_hours_in_a_column_of_hours_are_not_guessed(
    home: Path, tmp_path: Path
) -> None:
    """2 dagen is in the contract's unit already (not divided again); 7.30 uur may be
    7,3 or 7,5 hours."""
    convert = "convert: {sick_days: {divide_by: 8}}\n"
    loaded, bad = sick_days(home, tmp_path, "Verzuimuren", convert, "8", "2 dagen", "7.30 uur")
    assert loaded == [(2, 1.0)]
    assert bad == [(3, "wrong_type"), (4, "ambiguous_number")]


def test_dotted_hours_are_not_guessed_where_a_point_is_the_decimal(
    home: Path, tmp_path: Path
) -> None:
    """Under number_format: en 7.30 reads as 7,3: with uur after it, it may be 7:30."""
    convert = "convert: {sick_days: {divide_by: 8}}\nnumber_format: en\n"
    loaded, bad = sick_days(home, tmp_path, "Verzuimuren", convert, "7.5 uur", "7.30 uur")
    assert loaded == [(2, 7.5 / 8)]
    assert bad == [(3, "ambiguous_number")]
    [(reason,)] = query(home, "select reason from quarantine")
    assert "is geen eenduidig aantal uren" in reason


def test_a_workbook_time_of_day_is_no_number_of_hours(home: Path, tmp_path: Path) -> None:
    """helper-230 H2: a cell of 0,75 shown h:mm AM/PM is 6:00 PM, a moment of the day,
    and loaded as 18 hours; shown h:mm (a duration under a day, as time registers write
    it) it stays 18 hours, as in a column of hours."""
    import datetime as dt

    import openpyxl

    folder = tmp_path / "in"
    write(
        folder / "uren.mapping.yaml",
        COLUMNS.replace("{header}", '"Verzuimuren"').replace("}}", "}").replace(".csv", ".xlsx")
        + "convert: {sick_days: {divide_by: 8}}\n",
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["Persnr", "Peildatum", "Afdeling", "Leidinggevende", "Functie", "FTE", "Verzuimuren"]
    )
    styles = ["h:mm", "h:mm AM/PM", "[h]:mm", "hh:mm am/pm", "h:mm A/P"]
    styles += ["[$-F400]h:mm:ss\\ AM/PM", "[$-x-systime]h:mm:ss AM/PM", 'h:mm" A/P"']
    styles += ["h:mm AM/PM"]  # the system's two (24 h here), a literal A/P; midnight
    for i, style in enumerate(styles):
        time = dt.time(0, 0) if i == len(styles) - 1 else dt.time(18, 0)
        sheet.append([100 + i, "31-03-2026", "VH-N", 1, "Medewerker", 1, time])
        sheet.cell(i + 2, 7).number_format = style
    book.save(folder / "uren_x.xlsx")
    run(home, folder)
    assert query(home, "select _source_line, sick_days from raw_employees order by 1") == [
        (2, 18 / 8),
        (4, 18 / 8),
        (7, 18 / 8),  # helper-233: [$-F400] is the computer's own clock, 18:00:00 here
        (8, 18 / 8),  # and [$-x-systime] (helper-234)
        (9, 18 / 8),  # "A/P" quoted is text shown after it (helper-234)
        (10, 0.0),  # 12:00 AM is 0 either way (helper-233: an overtime column's zeros)
    ]
    assert [(line, code) for line, _c, _v, code in quarantined(home, "employees")] == [
        (3, "wrong_type"),
        (5, "wrong_type"),  # a workbook's own format (Excel's built-in is 18)
        (6, "wrong_type"),  # 6:00 P (helper-233: loaded as 18 hours)
    ]


@pytest.mark.parametrize(
    ("total", "left_out"),
    [
        (";;;;;3;31,50\n", True),  # 8 + 16:00 + 7,5
        (";;;;;3;31:30\n", True),  # the sum on a clock too
        (";;;;;3;31,00\n", False),  # half an hour off: a row (quarantined: no key)
    ],
)
def test_a_totals_row_without_its_word_sums_the_hours_on_a_clock(
    home: Path, tmp_path: Path, total: str, left_out: bool
) -> None:
    """helper-236: a Nmbrs export's last line, the sum of each column without a word,
    under a column of hours with one cell 16:00 (read as 16 hours): the sum check read
    16:00 as no number, so the line was a row, quarantined five times over, and refused
    the file."""
    mapping = COLUMNS.replace("{header}", "Verzuimuren").replace("}}", "}")
    write(tmp_path / "in" / "uren.mapping.yaml", mapping + "convert: {sick_days: {divide_by: 8}}\n")
    rows = "".join(
        f"{100 + i};31-03-2026;VH-N;1;Medewerker;1;{cell}\n"
        for i, cell in enumerate(("8", "16:00", "7,5"))
    )
    head = "Persnr;Peildatum;Afdeling;Leidinggevende;Functie;FTE;Verzuimuren\n"
    write(tmp_path / "in" / "uren_x.csv", head + rows + total)
    [result] = [r for r in run(home, tmp_path / "in") if r.path.name == "uren_x.csv"]
    loaded = query(home, "select _source_line, sick_days from raw_employees order by 1")
    assert [(line, round(days, 6)) for line, days in loaded] == [(2, 1), (3, 2), (4, 0.9375)]
    said = any("regel 5: totaalregel zonder woord" in str(n) for n in result.notes)
    assert (said, sorted({line for line, *_ in quarantined(home, "employees")})) == (
        (True, []) if left_out else (False, [5])
    )
