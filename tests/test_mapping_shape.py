"""A column mapping whose YAML is not a set of fields, or writes a field twice, and a
workbook without worksheets: each refused with a Dutch message that names the file and
the line (helper-171: a traceback stopped the whole run, or the first of two 'values:'
blocks was dropped without a word)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from pipelines.ingest.mapping import load_mapping
from pipelines.ingest.readers import UnusableFile, read_table


def _refused(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UnusableFile) as caught:
        load_mapping(path)
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("dataset trainings\n", "'dataset trainings'"),  # the colon forgotten
        ("\n- dataset: trainings\n  files: [t.csv]\n", "regel 2 is '- dataset: trainings'"),
        ("trainings\n", "'trainings'"),
    ],
)
def test_a_mapping_that_is_no_set_of_fields_says_so(tmp_path: Path, text: str, line: str) -> None:
    said = _refused(tmp_path / "a.mapping.yaml", text)
    assert said.startswith(f"{tmp_path / 'a.mapping.yaml'}: de kolomkoppeling moet bestaan uit")
    assert line in said, said


@pytest.mark.parametrize(
    ("text", "name", "where"),
    [
        (
            "dataset: trainings\ncolumns: {Datum: held_on}\ncolumns: {Soort: kind}\n",
            "columns",
            "regel 3: 'columns' staat twee keer in de kolomkoppeling (ook op regel 2)",
        ),
        (
            "dataset: trainings\nvalues:\n  kind: {A: dilemma}\n  kind: {B: training}\n",
            "kind",
            "regel 4: 'kind' staat twee keer",
        ),
        (
            "dataset: trainings\ncolumns: {Datum: held_on, Soort: kind, Datum: kind}\n",
            "Datum",
            "'Datum' staat twee keer",
        ),
    ],
)
def test_a_field_written_twice_is_refused_naming_both_lines(
    tmp_path: Path, text: str, name: str, where: str
) -> None:
    said = _refused(tmp_path / "t.mapping.yaml", text)
    assert where in said and "zonder melding vervallen" in said, said


def test_the_same_value_under_two_names_is_no_duplicate(tmp_path: Path) -> None:
    """Two keys with one value (two file columns named alike in values) stay allowed."""
    path = tmp_path / "t.mapping.yaml"
    path.write_text(
        "dataset: trainings\ncolumns: {Datum: held_on}\nvalues: {kind: {A: dilemma, B: dilemma}}\n",
        encoding="utf-8",
    )
    assert load_mapping(path).values == {"kind": {"A": "dilemma", "B": "dilemma"}}


def test_a_workbook_without_worksheets_is_refused_not_a_traceback(tmp_path: Path) -> None:
    """A workbook whose only sheet is a chart (openpyxl lists no worksheet then)."""
    from openpyxl.chart import BarChart

    wb = openpyxl.Workbook()
    chart = wb.create_chartsheet("Grafiek")
    chart.add_chart(BarChart())
    wb.remove(wb.active)
    path = tmp_path / "trainings.xlsx"
    wb.save(path)
    with pytest.raises(UnusableFile) as caught:
        read_table(path)
    assert str(caught.value) == f"{path}: de werkmap heeft geen werkbladen; niets ingelezen"


def test_a_mapping_that_does_not_exist_says_so_in_dutch(tmp_path: Path) -> None:
    """helper-171: '[Errno 2] No such file or directory' in the message."""
    with pytest.raises(UnusableFile) as caught:
        load_mapping(tmp_path / "nope.yaml")
    assert str(caught.value) == f"kolomkoppeling {tmp_path / 'nope.yaml'} bestaat niet"


def test_the_datasets_a_mapping_may_name_are_listed_as_words(tmp_path: Path) -> None:
    said = _refused(tmp_path / "a.mapping.yaml", "dataset: trainingen\n")
    assert "verwacht een van allocations, employees," in said and "[" not in said, said


@pytest.mark.parametrize(
    ("text", "dutch"),
    [
        ("dataset: trainings\ncolumns:\n\tDatum: held_on\n", "(een tab, waar YAML alleen spaties"),
        ("dataset: trainings\ncolumns: {Datum: held_on\n", "(een { die niet wordt gesloten"),
        ("dataset: trainings\ncolumns: [Datum\n", "(een [ die niet wordt gesloten"),
        ("dataset: trainings\ncolumns: {Datum: held_on}}\n", "(een } te veel)"),
        ("dataset: 'trainings\n", "(een aanhalingsteken dat niet wordt gesloten)"),
    ],
)
def test_yamls_problems_are_said_in_dutch(tmp_path: Path, text: str, dutch: str) -> None:
    """helper-171: PyYAML's English ("found character '\\t' that cannot start any token")
    stood inside the Dutch message."""
    said = _refused(tmp_path / "t.mapping.yaml", text)
    assert "geen geldige YAML " + dutch in said, said
    assert "expected" not in said and "found" not in said, said


def test_a_merge_key_and_a_key_it_overrides_are_no_duplicates(tmp_path: Path) -> None:
    """helper-173: YAML's merge key (<<) was refused as a value it could not make."""
    path = tmp_path / "t.mapping.yaml"
    path.write_text(
        "dataset: trainings\n"
        "columns:\n  <<: {Datum: held_on, Soort: dilemma}\n  Soort: kind\n  Afdeling: org_unit\n",
        encoding="utf-8",
    )
    assert load_mapping(path).columns == {
        "Datum": "held_on",
        "Soort": "kind",
        "Afdeling": "org_unit",
    }


def test_an_unknown_field_names_the_fields_a_mapping_knows(tmp_path: Path) -> None:
    """helper-171: 'veld columnz: onbekend veld: niet toegestaan (een tikfout?)' named
    neither the field meant nor the fields there are."""
    said = _refused(tmp_path / "t.mapping.yaml", "dataset: trainings\ncolumnz: {Datum: held_on}\n")
    assert "veld columnz: onbekend veld (bedoelt u columns?); een kolomkoppeling kent: " in said
    assert "columns, convert, covers, dataset" in said, said
    assert "path" not in said.split("kent:")[1], said
    said = _refused(tmp_path / "t.mapping.yaml", "dataset: trainings\nxyz: 1\n")
    assert "veld xyz: onbekend veld; een kolomkoppeling kent: answer_labels," in said, said


TRAININGS = "held_on, org_unit, kind, invited_n, attended_n"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("columns: {Foo: bar_n}", "columns.Foo: 'bar_n' is geen kolom van trainings; "),
        (
            "columns: {Soort: knd}",
            "columns.Soort: 'knd' is geen kolom van trainings (bedoelt u kind?); ",
        ),
        ("values: {knd: {a: b}}", "values.knd: geen kolom van trainings (bedoelt u kind?); "),
        (
            "unpivot: {id_columns: [A], item_column: kind, value_column: attended}",
            "unpivot.value_column: 'attended' is geen kolom van trainings "
            "(bedoelt u attended_n?); ",
        ),
    ],
)
def test_a_column_a_dataset_lacks_names_the_columns_it_has(
    tmp_path: Path, text: str, said: str
) -> None:
    """helper-171: "'bar_n' is geen kolom van trainings" left the user to look up which
    columns trainings has."""
    got = _refused(tmp_path / "t.mapping.yaml", f"dataset: trainings\n{text}\n")
    assert f"{said}de kolommen van trainings: {TRAININGS}" in got, got


@pytest.mark.parametrize(
    "value",
    ["'31-13-2025'", "gisteren", "'2025-02-30'", "05/01/2025", "20250701", "2025-07-01 10:00:00"],
)
def test_an_export_date_that_is_no_date_is_refused_naming_it(tmp_path: Path, value: str) -> None:
    """helper-171: 'veld export_date.date: verwacht een datum' named neither the value
    nor the form; a day at a time other than midnight is no export date either."""
    said = _refused(tmp_path / "t.mapping.yaml", f"dataset: trainings\nexport_date: {value}\n")
    shown = value.strip("'")
    assert f"veld export_date: '{shown}' is geen datum in de vorm JJJJ-MM-DD; schrijf de" in said
    assert "export_date.date" not in said, said


@pytest.mark.parametrize(
    "value", ["2025-07-01", "'2025-07-01'", "2025-07-01 00:00:00", "2025-07-01T00:00"]
)
def test_an_export_date_is_a_day_quoted_or_not_or_at_midnight(tmp_path: Path, value: str) -> None:
    path = tmp_path / "t.mapping.yaml"
    path.write_text(f"dataset: trainings\nexport_date: {value}\n", encoding="utf-8")
    assert load_mapping(path).export_date == dt.date(2025, 7, 1)


def test_number_format_by_the_files_column_name_says_to_use_the_contracts(
    tmp_path: Path,
) -> None:
    """helper-179: 'number_format.Positie: geen numerieke kolom' for the column columns
    names candidate_rank; a name that is no column at all lists the numeric ones."""
    head = "dataset: allocations\nfiles: [x.csv]\ncolumns: {Positie: candidate_rank}\n"
    said = _refused(tmp_path / "a.mapping.yaml", head + "number_format: {Positie: en}\n")
    assert (
        "number_format.Positie: noem de kolom bij zijn naam uit de contracten, candidate_rank"
    ) in said, said
    said = _refused(tmp_path / "b.mapping.yaml", head + "number_format: {Wijk: en}\n")
    assert "number_format.Wijk: geen numerieke kolom van allocations; verwacht een van: " in said
    assert "candidate_rank" in said.rsplit("verwacht een van", 1)[1]


@pytest.mark.parametrize(
    ("field", "said"),
    [
        ("values: {Kanaal: {Regulier: regulier}}", "values.Kanaal"),
        ("convert: {Positie: {divide_by: 2}}", "convert.Positie"),
    ],
)
def test_values_and_convert_by_the_files_column_name_say_to_use_the_contracts(
    tmp_path: Path, field: str, said: str
) -> None:
    """helper-202: 'values.Waarde: geen kolom van gifts' for the column columns names
    value_eur, where number_format said which name is meant."""
    head = (
        "dataset: allocations\nfiles: [x.csv]\n"
        "columns: {Positie: candidate_rank, kanaal: channel}\n"
    )
    text = _refused(tmp_path / "a.mapping.yaml", head + field + "\n")
    contract = "candidate_rank" if "Positie" in said else "channel"
    assert f"{said}: noem de kolom bij zijn naam uit de contracten, {contract}" in text, text


def test_a_factor_with_a_comma_in_braces_is_said_to_need_quotes(tmp_path: Path) -> None:
    """helper-179: {divide_by: 36,0} is YAML's divide_by: 36 and a field '0' ('onbekend
    veld'); quoted, or in a block, it is the number it says."""
    head = "dataset: employees\nfiles: [x.csv]\n"
    said = _refused(tmp_path / "a.mapping.yaml", head + "convert: {fte: {divide_by: 36,0}}\n")
    assert "divide_by: 36,0 leest YAML tussen { } als twee velden" in said, said
    assert "(divide_by: '36,0')" in said
    path = tmp_path / "b.mapping.yaml"
    path.write_text(head + "convert: {fte: {divide_by: '36,0'}}\n", "utf-8")
    assert load_mapping(path).convert["fte"].divide_by == "36.0"


def test_an_export_date_that_is_no_date_lists_every_form_a_name_may_have(
    tmp_path: Path,
) -> None:
    """helper-180: the message named four forms, not jjjjmm or mm-jjjj, which are read."""
    path = tmp_path / "a.mapping.yaml"
    path.write_text(
        "dataset: allocations\nfiles: ['allocaties_*.csv']\n"
        "export_date: {from_name: 'allocaties_(.+)[.]csv'}\n",
        "utf-8",
    )
    mapping = load_mapping(path)
    with pytest.raises(UnusableFile) as caught:
        mapping.export_date_of(Path("allocaties_2026Q1.csv"))
    said = str(caught.value)
    assert "exportdatum '2026Q1' uit de bestandsnaam is geen datum" in said, said
    for form in ("jjjj-mm-dd", "jjjjmmdd", "ddmmjjjj", "dd.mm.jjjj", "jjjjmm", "mm-jjjj"):
        assert form in said, (form, said)
    english = caught.value.message.text("en")
    assert "yyyymm" in english and "jjjj" not in english
    assert mapping.export_date_of(Path("allocaties_03-2026.csv")) == dt.date(2026, 3, 1)
