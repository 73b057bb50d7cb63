"""Hours and minutes under a mapping's convert: which of the two a converted column of
days or fte is in (unit_cells.factor_unit, helper-218 B4, helper-220).

A workbook's number cell keeps its number; its format may show it in hours (``0" uur"``)
or minutes (``0" min"``). Under ``convert: {sick_days: {divide_by: 8}}`` both were
divided by 8: 16 hours 2 days (right) and 240 minutes 30 days (4 hours). The column's
name says the file's unit where it names one (tests/test_xlsx_formats.py); else the
factor does (at most 24 a day is hours, 60 to 1.440 minutes); where neither does, a column
that shows both has those cells quarantined. Never guessed.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from pydantic import ValidationError

from pipelines.ingest.mapping import Mapping
from pipelines.ingest.readers import UnusableFile
from tests.test_ingest import home, org_home, query, run, write
from tests.test_xlsx_formats import CONVERT_HOURS, UNIT_MAPPING, hours_book, ingested

__all__ = ["home", "org_home"]

HOURS, MINUTES = '0" uur"', '0" min"'
FACTOR_HOURS = "maar de kolomkoppeling rekent de kolom om uit uren (convert: gedeeld door 8, 8 uren"
WAY_OUT = "Niet geraden: schrijf de waarde in uren (240 min is 4 uur) met de getalnotatie"
MIXED = "in uren en in minuten door elkaar (minuten op regel 3), en kolomnaam noch factor"
TWO = [((36, None), (16, HOURS)), ((36, None), (240, MINUTES))]  # 16 hours, 240 minutes
CASES = {
    # id: (fte's divide_by, sick_days' convert, the sick column's name, two rows of (fte,
    #      sick) cells, the two rows' (line, fte, sick_days) loaded, (line, column, words) out)
    "the factor says hours": (
        36, "divide_by: 8", "Ziekte", TWO,
        [(2, 1.0, 2.0)], [(3, "sick_days", "in minuten (2 min), " + FACTOR_HOURS)],
    ),
    "the factor says minutes": (
        36, "divide_by: 480", "Ziekte", TWO,
        [(3, 1.0, 0.5)], [(2, "sick_days", "om uit minuten (convert: gedeeld door 480, 480")],
    ),
    "a factor multiplied by": (
        36, "multiply_by: 0.1250", "Ziekte", TWO,
        [(2, 1.0, 2.0)], [(3, "sick_days", "uit uren (convert: maal 0,1250, 8 uren per dag)")],
    ),
    "minutes alone under the hours' factor": (
        36, "divide_by: 8", "Ziekte",
        [((36, None), (240, '0" mnt"')), ((36, None), (480, '[=1]0" minuut";0" minuten"'))],
        [], [(2, "sick_days", WAY_OUT), (3, "sick_days", FACTOR_HOURS)],
    ),
    "plain hours and minutes": (
        36, "divide_by: 8", "Ziekte", [((36, None), (16, None)), ((36, None), (240, MINUTES))],
        [(2, 1.0, 2.0)], [(3, "sick_days", FACTOR_HOURS)],
    ),
    "a zero in minutes is zero": (
        36, "divide_by: 8", "Ziekte", [((36, None), (16, HOURS)), ((36, None), (0, MINUTES))],
        [(2, 1.0, 2.0), (3, 1.0, 0.0)], [],
    ),
    "a zero in minutes under the mapping's hours": (
        36, "divide_by: 8, unit: uren", "Ziekte",
        [((36, None), (16, HOURS)), ((36, None), (0, MINUTES))],
        [(2, 1.0, 2.0), (3, 1.0, 0.0)], [],
    ),
    "a zero in minutes under a name of hours": (
        36, "divide_by: 8", "Verzuim (uren)",
        [((36, None), (16, HOURS)), ((36, None), (0, MINUTES))],
        [(2, 1.0, 2.0), (3, 1.0, 0.0)], [],
    ),
    "a name that says both": (
        36, "divide_by: 8", "Ziekte uren of minuten", TWO,
        [(2, 1.0, 2.0)], [(3, "sick_days", FACTOR_HOURS)],
    ),
    "an fte, whose factor says neither, mixed": (
        100, "divide_by: 8", "Ziekte", [((36, HOURS), (None, None)), ((60, MINUTES), (None, None))],
        [], [(2, "fte", MIXED), (3, "fte", "(uren op regel 2)")],
    ),
    "an fte in hours a month (helper-221)": (
        173.33, "divide_by: 8", "Ziekte",
        [((173.33, HOURS), (None, None)), ((86.67, '#,##0.00" uur"'), (None, None))],
        [(2, 1.0, None), (3, 0.5, None)], [],
    ),
    "an fte in hours alone, a zero in minutes": (  # the zero refused by fte's rule alone
        100, "divide_by: 8", "Ziekte", [((36, HOURS), (None, None)), ((0, MINUTES), (None, None))],
        [(2, 0.36, None)], [(3, "fte", "waarde '0': 'Dienstverband' moet groter dan 0")],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_hours_and_minutes_in_a_converted_column_are_read_as_its_name_or_factor_says(
    home: Path, tmp_path: Path, case: str
) -> None:
    fte_by, sick, name, rows, loaded, out = CASES[case]
    folder = tmp_path / "in"
    general = ((18, None), (None, None))  # 20 more rows: under the refusal's 10%
    book = hours_book(folder / "uren_x.xlsx", rows + [general] * 20)
    wb = openpyxl.load_workbook(book)
    header = {"Uren per week": "Dienstverband", "Ziekte (uren)": name}
    for cell in wb.active[1]:
        cell.value = header.get(cell.value, cell.value)
    wb.save(book)
    mapping = UNIT_MAPPING.replace("Uren per week", "Dienstverband")
    mapping = mapping.replace('"Ziekte (uren)"', f'"{name}"')
    convert = f"convert: {{fte: {{divide_by: {fte_by}}}, sick_days: {{{sick}}}}}\n"
    write(folder / "uren.mapping.yaml", mapping + convert)
    run(home, folder)
    rest = [(line, round(18 / fte_by, 4), None) for line in range(4, 24)]
    assert [(ln, round(f, 4), s) for ln, f, s in ingested(home, folder, book)] == loaded + rest
    reasons = query(home, 'select line, "column", reason from quarantine order by 1')
    assert [(line, column) for line, column, _ in reasons] == [(ln, c) for ln, c, _ in out]
    for (*_, reason), (*_, words) in zip(reasons, out, strict=True):
        assert words in reason, reason


def test_a_total_left_out_in_minutes_says_nothing_of_the_hours_above_it(
    home: Path, tmp_path: Path
) -> None:
    """helper-220 1: a total row in minutes (left out as a total) made an fte column in
    hours 'mixed', every row quarantined for a cell that is not in the file."""
    folder = tmp_path / "in"
    rows = [((36, HOURS), (None, None)), ((18, HOURS), (None, None))]
    book = hours_book(folder / "uren_x.xlsx", rows + [((18, None), (None, None))] * 20)
    wb = openpyxl.load_workbook(book)
    wb.active.append(["Totaal", None, None, None, None, 3240])
    wb.active.cell(row=24, column=6).number_format = MINUTES
    wb.active.cell(row=1, column=6).value = "Dienstverband"
    wb.active.cell(row=1, column=7).value = "Ziekte"
    wb.save(book)
    mapping = UNIT_MAPPING.replace("Uren per week", "Dienstverband").replace(" (uren)", "")
    write(folder / "uren.mapping.yaml", mapping + "convert: {fte: {divide_by: 100}}\n")
    results = run(home, folder)
    assert query(home, "select line, reason from quarantine") == []
    assert [(ln, round(f, 4)) for ln, f, _ in ingested(home, folder, book)][:2] == [
        (2, 0.36),
        (3, 0.18),
    ]
    [result] = [r for r in results if r.path == book]  # beside the home's org_units.csv
    assert (result.rows_loaded, result.rows_quarantined) == (22, 0), result.notes


def test_overtime_in_minutes_beside_a_cell_in_its_own_hours_is_converted(
    home: Path, tmp_path: Path
) -> None:
    """Overtime converted from minutes (divide_by: 60): a cell shown in hours is in the
    column's own unit (quarantined, not divided again); those in minutes are the file's
    and converted, a cell in hours beside them no 'mix' of the file's units."""
    folder = tmp_path / "in"
    rows = [((36, None), (None, None), (90, MINUTES)), ((36, None), (None, None), (2, HOURS))]
    general = ((36, None), (None, None), (None, None))
    book = hours_book(folder / "uren_x.xlsx", rows + [general] * 20, ["Overwerk"])
    mapping = UNIT_MAPPING.replace("sick_days}", "sick_days, Overwerk: overtime_hours}")
    convert = CONVERT_HOURS.replace("}}", "}, overtime_hours: {divide_by: 60}}")
    write(folder / "uren.mapping.yaml", mapping + convert)
    run(home, folder)
    assert len(ingested(home, folder, book)) == 21  # each reason names file, line, value
    loaded = query(home, "select _source_line, overtime_hours from raw_employees order by 1")
    assert loaded[:2] == [(2, 1.5), (4, None)], loaded
    reasons = query(home, 'select line, "column", reason from quarantine')
    assert [(line, column) for line, column, _ in reasons] == [(3, "overtime_hours")]
    assert "in de eenheid van het contract (2 uur)" in reasons[0][2], reasons


@pytest.mark.parametrize(
    ("name", "factor", "refused"),
    [
        ("Verzuim (min)", "8", "minuten"),
        ("Verzuim (min)", "24", "minuten"),  # 24 hours a day, the most
        ("Verzuim (min)", "25", None),  # neither hours nor minutes a day: not told
        ("Verzuim (min)", "480", None),
        ("Ziekte (uren)", "480", "uren"),
        ("Ziekte (uren)", "60", "uren"),  # an hour a day, the least of minutes
        ("Ziekte (uren)", "59.9", None),
        ("Ziekte (uren)", "8", None),
        # 1/1.440 to six decimals (1.440,9 a day): minutes, within the rounding
        ("Ziekte (uren)", "multiply_by: 0.000694", "uren"),
        ("Ziekte (uren)", "multiply_by: 0.000690", None),  # 1.449 a day: neither
        # a name of both, one in a bracket among other words, says neither (helper-222)
        ("Verzuimuren (totaal minuten)", "480", None),
        ("Verlofuren (min. 4 uur)", "8", None),
        ("Verzuimuren", "480", "uren"),
        ("Verzuimuren", "480, unit: minuten", None),  # the mapping says the unit itself
        # after a number (helper-223 2), not t.m. as minutes (3), a slash of both (4)
        ("Verzuim 2025 (min)", "8", "minuten"),
        ("Verlofuren t.m. mei", "480", "uren"),
        ("Verzuim uren/minuten", "480", None),
        # min. 1 dag: a minimum (helper-224 1); words in a bracket are no short forms,
        # a closing 'in min' is one, Minute(s) a plural (helper-224 3)
        ("Verzuim (min. 1 dag)", "8", None),
        ("Sick leave (min. 1 day)", "8", None),
        ("Verlofuren (t.m. mei)", "480", "uren"),
        ("Verzuim in min", "8", "minuten"),
        ("Leave Minute(s)", "8", "minuten"),
    ],
)
def test_a_name_in_one_time_unit_with_a_factor_for_the_other_refuses_the_file(
    home: Path, tmp_path: Path, name: str, factor: str, refused: str | None
) -> None:
    """helper-221 3: 'Verzuim (min)' under divide_by: 8 (a working day's hours) loaded 240
    minutes as 30 days, in General cells and in minutes alike: name and factor disagree,
    and every cell would be read wrong, so nothing is read."""
    folder = tmp_path / "in"
    book = hours_book(folder / "uren_x.xlsx", [((36, None), (240, None))] * 3)
    wb = openpyxl.load_workbook(book)
    wb.active.cell(row=1, column=7).value = name
    wb.save(book)
    mapping = UNIT_MAPPING.replace('"Ziekte (uren)"', f'"{name}"')
    factor = factor if "multiply_by" in factor else f"divide_by: {factor}"
    convert = f"convert: {{fte: {{divide_by: 36}}, sick_days: {{{factor}}}}}\n"
    write(folder / "uren.mapping.yaml", mapping + convert)
    [result] = [r for r in run(home, folder) if r.path == book]
    if refused is None:
        assert (result.error, result.rows_loaded) == (None, 3), result.error
        return
    assert result.rows_loaded == 0
    error = str(result.error)
    assert f"de kolom '{name}' (gelezen als sick_days) spreekt van {refused}" in error, error
    said = factor.split(", ")[0].replace("divide_by: ", "gedeeld door ")
    said = said.replace("multiply_by: ", "maal ").replace(".", ",")
    assert f"convert: {said}, per dag" in error and "niets ingelezen" in error, error
    assert "zeg dat dan in de kolomkoppeling met unit: convert: {sick_days: " in error, error


def test_the_unit_a_mapping_says_decides_and_an_unknown_one_is_refused(
    home: Path, tmp_path: Path
) -> None:
    """convert's unit: an fte whose factor says nothing, with cells in hours and one in
    minutes, loads its hours and quarantines the minutes (not both, as a mix); a unit
    that is no unit of time is the mapping's error, naming the ones there are."""
    folder = tmp_path / "in"
    rows = [((36, HOURS), (None, None)), ((60, MINUTES), (None, None))]
    book = hours_book(folder / "uren_x.xlsx", rows + [((18, None), (None, None))] * 20)
    wb = openpyxl.load_workbook(book)
    wb.active.cell(row=1, column=6).value = "Dienstverband"
    wb.active.cell(row=1, column=7).value = "Ziekte"
    wb.save(book)
    mapping = UNIT_MAPPING.replace("Uren per week", "Dienstverband").replace(" (uren)", "")
    write(folder / "uren.mapping.yaml", mapping + "convert: {fte: {divide_by: 100, unit: hours}}\n")
    run(home, folder)
    assert ingested(home, folder, book)[0] == (2, 0.36, None)
    [(line, reason)] = query(home, "select line, reason from quarantine")
    assert line == 3 and "dan de kolomkoppeling zegt (convert: unit: uren)" in reason, reason
    write(folder / "uren.mapping.yaml", mapping + "convert: {fte: {divide_by: 100, unit: dagen}}\n")
    with pytest.raises(UnusableFile) as refused:
        run(home, folder)
    assert "veld convert.fte.unit: convert: unit: 'dagen' is geen eenheid van tijd" in str(
        refused.value
    ), refused.value
    assert "verwacht een van: hour, hours, min, minuten, minutes, minuut, uren, uur" in str(
        refused.value
    )


@pytest.mark.parametrize(
    ("dataset", "column", "refused"),
    [
        ("vehicle_use", "private_km", True),  # kilometres: no unit of time
        ("procurement", "amount_eur", True),
        ("employees", "overtime_hours", False),
        ("employees", "leave_days", False),
    ],
)
def test_a_unit_of_time_is_said_of_a_column_of_time_alone(
    dataset: str, column: str, refused: bool
) -> None:
    """unit on kilometres or euros would be read by nothing: the mapping's error, naming
    the columns it may be said of (none in those datasets)."""
    given = {
        "dataset": dataset,
        "columns": {"Kolom": column},
        "convert": {column: {"divide_by": "60" if "hours" in column else "480", "unit": "min"}},
    }
    if not refused:
        assert Mapping.model_validate(given).convert[column].unit == "minuten"
        return
    with pytest.raises(ValidationError) as error:
        Mapping.model_validate(given)
    assert (
        f"convert.{column}: unit zegt de eenheid van tijd van een kolom van uren, dagen of "
        f"fte, en {column} is er geen; laat unit weg (kolommen met een eenheid van tijd: -)"
    ) in str(error.value)


@pytest.mark.parametrize(
    ("column", "convert", "fits"),
    [
        ("sick_days", {"divide_by": "8", "unit": "minuten"}, False),  # 8 a day: hours
        ("sick_days", {"divide_by": "480", "unit": "min"}, True),
        ("sick_days", {"divide_by": "8", "unit": "uur"}, True),
        ("sick_days", {"divide_by": "480", "unit": "uren"}, False),
        ("sick_days", {"multiply_by": "1", "unit": "uren"}, False),  # converts nothing
        ("leave_days", {"divide_by": "25", "unit": "uren"}, False),  # neither a day's
        ("overtime_hours", {"divide_by": "60", "unit": "minutes"}, True),
        ("overtime_hours", {"multiply_by": "1", "unit": "minuten"}, False),
        ("overtime_hours", {"divide_by": "8", "unit": "minuten"}, False),
        ("fte", {"divide_by": "36", "unit": "hours"}, True),  # an fte's factor tells none
        ("fte", {"multiply_by": "1", "unit": "uren"}, False),  # but 1 converts nothing
    ],
)
def test_a_unit_the_factor_belies_is_the_mappings_error(
    column: str, convert: dict[str, str], fits: bool
) -> None:
    """helper-223 1: 'unit: minuten' under divide_by: 8 switched the name's refusal off
    and loaded 120 minutes as 15 days; a unit must fit the factor it is said with."""
    given = {"dataset": "employees", "columns": {"Kolom": column}, "convert": {column: convert}}
    if fits:
        assert Mapping.model_validate(given).convert[column].unit in ("uren", "minuten")
        return
    with pytest.raises(ValidationError) as error:
        Mapping.model_validate(given)
    assert f"convert.{column}: unit: " in str(error.value), error.value
    assert "past niet bij de factor (convert: " in str(error.value), error.value
