"""A subtotal between the rows of a register (Subtotaal januari;;;;65,00 after January's
gifts) is left out with a note, as the totals row at the end is (trailer.py); a row with
the word and a key, a date or a text beside it stays a row
(pipelines/ingest/subtotals.py; helper-207: each month's subtotal was quarantined as a row
without its key, and a year's twelve refused a register of a hundred gifts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here (tests/test_ingest.py)

MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"
MONTHS = MONTHS.split()

HEADER = "record_id;employee_key;received_on;gift_type;value_eur;decision\n"
JANUARY = "".join(
    f"G{i};100{i};1{i}-01-2026;goederen;{v};geaccepteerd\n" for i, v in ((1, 25), (2, 40))
)
FEBRUARY = "G3;1003;10-02-2026;etentje;40;geaccepteerd\n"


def ingest(home: Path, tmp_path: Path, text: str) -> tuple[list[int], list[int], list[str]]:
    """The lines loaded and quarantined, and the notes."""
    path = write(tmp_path / "in" / "geschenken_2026.csv", HEADER + text)
    [result] = run(home, path)
    loaded = query(home, "select _source_line from raw_gifts order by 1")
    quarantined = query(home, "select distinct line from quarantine order by 1")
    notes = sorted((str(n) for n in result.notes if str(n).startswith("regel ")), key=line_of)
    return [r[0] for r in loaded], [r[0] for r in quarantined], notes


def line_of(note: str) -> int:
    return int(note.split(":")[0].removeprefix("regel "))


@pytest.mark.parametrize(
    "subtotal",
    [
        "Subtotaal januari;;;;65,00;",
        "Totaal jan 2026;;;;€ 65;",
        ";;;**;65;",
        ";;;Subtotaal;65;",
        # Excel's Subtotal labels a group by its value and the word (helper-209)
        "januari Totaal;;;;65,00;",
        "Totaal 1e kwartaal;;;;65,00;",
        # helper-210: Excel's labels of several words, a count's, a group's total
        ";Jan de Vries Totaal;;;65,00;",
        "januari 2026 Aantal;;;;2;",
        "Subtotaal Verhuur;;;;65,00;",
        "Totaal Verhuur;;;;65,00;",  # helper-212: quarantined, and five refused a file
        "**;;;;65,00;",  # SAP's mark in the key's column
        ";1001 Totaal;;;65,00;",
    ],
)
def test_a_subtotal_between_the_rows_is_left_out_with_a_note(
    home: Path, tmp_path: Path, subtotal: str
) -> None:
    text = JANUARY + subtotal + "\n" + FEBRUARY + "Totaal;;;;105;\n"
    loaded, quarantined, notes = ingest(home, tmp_path, text)
    assert (loaded, quarantined) == ([2, 3, 5], [])
    shown = next(c for c in subtotal.split(";") if c)
    # a personnel number shown masked (helper-269 F1; tests/test_said_numbers.py)
    shown = shown.replace("1001 Totaal", "#### Totaal")
    assert notes == [
        f"regel 4: subtotaal, geen gegevensregel: niet ingelezen ('{shown}')",
        "regel 6: totaalregel onder de gegevens, niet ingelezen ('Totaal')",
    ]


@pytest.mark.parametrize(
    "row",
    [
        "Subtotaal;1009;15-01-2026;goederen;25;geaccepteerd",  # a key and a date: a gift
        "G9;1009;;Totaal;25;",  # its key filled: a row without a date
        "Totaal;1009;;;65;",  # a number in the employee's column is a key (helper-118)
        ";;15-01-2026;Subtotaal;65;",  # a date beside the word
        "Subtotaal januari;;;;65,00;geaccepteerd",  # a decision beside it: text
        "Subtotaal januari;;;;;",  # no amount: a heading, no total
    ],
)
def test_what_only_looks_like_a_subtotal_stays_a_row(home: Path, tmp_path: Path, row: str) -> None:
    loaded, quarantined, notes = ingest(home, tmp_path, JANUARY + row + "\n" + FEBRUARY)
    assert 4 in set(loaded) | set(quarantined)
    assert not [n for n in notes if "subtotaal, geen" in n]


def test_twelve_monthly_subtotals_no_longer_refuse_a_register(home: Path, tmp_path: Path) -> None:
    """helper-207: a year's register, 5 gifts and a subtotal each month (12 of 72 rows,
    17%: past the 10% a file may have in quarantine), was refused whole."""
    text = ""
    for month in range(1, 13):
        text += "".join(
            f"G{month}-{i};100{i};1{i}-{month:02d}-2025;goederen;10;geaccepteerd\n"
            for i in range(5)
        )
        text += f"Subtotaal {MONTHS[month - 1]};;;;50;\n"
    path = write(tmp_path / "in" / "geschenken_2025.csv", HEADER + text)
    [result] = run(home, path)
    assert result.error is None, result.error
    assert (result.rows_loaded, result.rows_quarantined) == (60, 0)
    notes = sorted((str(n) for n in result.notes if str(n).startswith("regel ")), key=line_of)
    assert len(notes) == 12 and "regel 73: totaalregel onder de gegevens" in notes[-1]
    assert (
        notes[0] == "regel 7: subtotaal, geen gegevensregel: niet ingelezen ('Subtotaal januari')"
    )


def test_totals_at_the_end_the_trailer_keeps_stay_rows(home: Path, tmp_path: Path) -> None:
    """Six totals rows at the end are more than a report's end (trailer.AT_MOST): rows,
    as the trailer keeps them; with no data below them none is a subtotal."""
    loaded, quarantined, notes = ingest(home, tmp_path, JANUARY + "Totaal;;;;65;\n" * 6)
    assert (loaded, quarantined, notes) == ([2, 3], [4, 5, 6, 7, 8, 9], [])


@pytest.mark.parametrize(
    "key, quarantined", [("*", 1), ("Som", 0), ("Sum", 0), ("Tot.", 0), ("**", 1)]
)
def test_a_key_that_is_a_totals_mark_keeps_its_row(
    home: Path, tmp_path: Path, key: str, quarantined: int
) -> None:
    """helper-209: 'Som;2025;1.200' between vehicle rows (a key that is a total's word,
    its year filled but no date) was left out as a subtotal; in a key's column only a
    total's own word (Totaal, Subtotaal) makes one. A mark without a letter or a digit is
    no key either: quarantined, said, never a person called * (helper-244)."""
    rows = "".join(f"E{i};2025;{100 + i}\n" for i in range(3))
    path = write(tmp_path / "in" / "vehicle_use.csv", "employee_key;year;private_km\n" + rows)
    path.write_text(path.read_text() + f"{key};2025;1.200\n" + rows.replace("E", "F"))
    [result] = run(home, path)
    assert result.error is None, result.error
    assert (result.rows_loaded, result.rows_quarantined) == (7 - quarantined, quarantined)
    assert not [n for n in result.notes if "subtotaal" in str(n)]


@pytest.mark.parametrize("key", ["Bob Total", "TOTAAL", "Totaal"])
def test_a_row_with_its_key_and_year_is_no_subtotal_whatever_its_key(
    home: Path, tmp_path: Path, key: str
) -> None:
    """helper-210: 'Bob Total;2025;1.200' between vehicle rows was left out; a row that
    fills every column a row must fill (the key and the year of the natural key) is data."""
    rows = "".join(f"E{i};2025;{100 + i}\n" for i in range(3))
    path = write(tmp_path / "in" / "vehicle_use.csv", "employee_key;year;private_km\n" + rows)
    path.write_text(path.read_text() + f"{key};2025;1.200\n" + rows.replace("E", "F"))
    [result] = run(home, path)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 7, 0)


def test_a_vehicle_total_without_its_year_is_one(home: Path, tmp_path: Path) -> None:
    rows = "".join(f"E{i};2025;{100 + i}\n" for i in range(3))
    path = write(tmp_path / "in" / "vehicle_use.csv", "employee_key;year;private_km\n" + rows)
    path.write_text(path.read_text() + "Totaal;;303\n" + rows.replace("E", "F"))
    [result] = run(home, path)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 6, 0)
    assert "regel 5: subtotaal, geen gegevensregel" in " ".join(map(str, result.notes))


def test_a_row_whose_only_required_key_holds_the_word_is_data(home: Path, tmp_path: Path) -> None:
    """A supplier 'Som' named '1234' fills the one column a supplier must fill: data,
    though its other cells are all numbers or empty."""
    rows = "".join(f"L{i};Bouw {i};bv\n" for i in range(3))
    path = write(tmp_path / "in" / "suppliers.csv", "supplier_id;name;legal_form\n" + rows)
    path.write_text(path.read_text() + "Som;1234;\n" + rows.replace("L", "M"))
    [result] = run(home, path)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 7, 0)


@pytest.mark.parametrize(
    ("count", "left_out"),
    [
        ("2", True),  # January's two gifts: Excel's Subtotal with Aantal under the employee
        ("2 geschenken", True),  # the count and what it counts
        ("3", False),  # not the group's count: employee 3, a row (quarantined)
        ("1", False),
        ("1009", False),  # an employee's number (helper-118)
    ],
)
def test_a_subtotal_counting_its_group_under_the_key_is_left_out(
    home: Path, tmp_path: Path, count: str, left_out: bool
) -> None:
    """helper-210 C3: 'januari Aantal;2;;;65,00' (Excel's Subtotal, Aantal of the
    employees) between the months was quarantined as a row without its key; the trailer
    took the same count at the end. A count under a key's column is its group's: the rows
    with that column filled since the subtotal before it."""
    text = JANUARY + f"januari Aantal;{count};;;65,00;\n" + FEBRUARY + "Totaal;;;;105;\n"
    loaded, quarantined, notes = ingest(home, tmp_path, text)
    assert loaded == [2, 3, 5]
    said = [n for n in notes if "subtotaal, geen" in n]
    assert (said, quarantined) == (
        (["regel 4: subtotaal, geen gegevensregel: niet ingelezen ('januari Aantal')"], [])
        if left_out
        else ([], [4])
    )


def test_each_month_s_count_is_of_its_own_month(home: Path, tmp_path: Path) -> None:
    """The count of a group is counted back to the subtotal before it (or to another
    before that, or the file's start: an outer group's): February's 1 after January's 2;
    a count no group above has is none."""
    text = (
        JANUARY
        + "januari Aantal;2;;;65,00;\n"
        + FEBRUARY
        + "februari Aantal;1;;;40,00;\n"
        + FEBRUARY.replace("G3", "G4").replace("10-02", "10-03")
        + "maart Aantal;5;;;40,00;\n"  # March's is 1, the file's so far 4: no group's
        + FEBRUARY.replace("G3", "G5").replace("10-02", "10-04")
    )
    loaded, quarantined, notes = ingest(home, tmp_path, text)
    assert (loaded, quarantined) == ([2, 3, 5, 7, 9], [8])
    assert [line_of(n) for n in notes if "subtotaal, geen" in n] == [4, 6]


def test_excels_nested_subtotals_and_a_total_then_a_count_are_left_out(
    home: Path, tmp_path: Path
) -> None:
    """helper-215 Q3, Q4: Excel's Subtotal by department within each month (Aantal of the
    employees), and a month's Totaal then its Aantal: the outer count is the month's rows,
    the second counts the rows above the first; each was quarantined and the file
    refused."""
    head = "maand;afdeling;record_id;employee_key;received_on;gift_type;value_eur;decision\n"
    gift = "{m};{a};G{n};100{n};1{n}-0{k}-2025;goederen;10;geaccepteerd\n"
    text = (
        gift.format(m="januari", a="Verhuur", n=1, k=1)
        + gift.format(m="januari", a="Verhuur", n=2, k=1)
        + ";Verhuur Aantal;;2;;;;\n"
        + gift.format(m="januari", a="Wonen", n=3, k=1)
        + ";Wonen Aantal;;1;;;;\n"
        + "januari Aantal;;;3;;;;\n"
        + gift.format(m="februari", a="Verhuur", n=4, k=2)
        + "februari Totaal;;;;;;10;\n"
        + "februari Aantal;;;1;;;;\n"
        + gift.format(m="maart", a="Verhuur", n=5, k=3)
    )
    path = write(tmp_path / "in" / "geschenken_2025.csv", head + text)
    [result] = run(home, path)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 5, 0)
    notes = [line_of(str(n)) for n in result.notes if "subtotaal, geen" in str(n)]
    assert notes == [4, 6, 7, 9, 10]


@pytest.mark.parametrize("grand", ["Eindtotaal;;;;105;\n", ""])
def test_the_last_groups_subtotal_at_the_end_is_left_out(
    home: Path, tmp_path: Path, grand: str
) -> None:
    """helper-215 Q2: Excel's Subtotal ends with the last group's row and the grand
    total (Eindtotaal); the last group's was quarantined (no data below it, and no
    total's word first), and a small file refused."""
    text = JANUARY + "januari Totaal;;;;65;\n" + FEBRUARY + "februari Totaal;;;;40;\n" + grand
    loaded, quarantined, notes = ingest(home, tmp_path, text)
    assert (loaded, quarantined) == ([2, 3, 5], [])
    assert "regel 6: totaalregel onder de gegevens, niet ingelezen ('februari Totaal')" in notes


@pytest.mark.parametrize("employee", ["2", "7"])
def test_a_row_whose_empty_date_the_mapping_fills_is_data(
    home: Path, tmp_path: Path, employee: str
) -> None:
    """helper-215 S2: with values: {received_on: {"": 01-01-2025}} an empty date is a
    date to the rules, so 'Total Energies tankpas;2;;50;' is a gift they load; it was left
    out as a subtotal (its 2 the count of the two rows above it; employee 7 loaded)."""
    write(
        tmp_path / "g" / "g.mapping.yaml",
        'dataset: gifts\nfiles: [geschenken*.csv]\nvalues: {received_on: {"": "01-01-2025"}}\n',
    )
    text = (
        "omschrijving;employee_key;received_on;value_eur;record_id\n"
        "boeket;1;11-01-2025;25;G1\nboeket;2;12-01-2025;40;G2\n"
        f"Total Energies tankpas;{employee};;50;\nboeket;4;10-02-2025;40;G4\n"
    )
    write(tmp_path / "g" / "geschenken_2025.csv", text)
    [result] = run(home, tmp_path / "g")
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 4, 0)
    assert not [n for n in result.notes if "subtotaal" in str(n)]
    dated = query(home, "select received_on from raw_gifts where _source_line = 4")
    assert [str(d) for (d,) in dated] == ["2025-01-01"]


def test_a_vehicle_row_whose_empty_year_the_mapping_fills_is_data(
    home: Path, tmp_path: Path
) -> None:
    """helper-215 S2: 'Bob Total;;1.200' with values: {year: {"": 2025}} is Bob Total's
    2025 (Bob Jansen's loaded)."""
    write(
        tmp_path / "g" / "v.mapping.yaml",
        'dataset: vehicle_use\nfiles: [auto*.csv]\nvalues: {year: {"": 2025}}\n',
    )
    rows = "1001;2025;100\n1002;2025;200\nBob Total;;1.200\n1003;2025;300\n"
    write(tmp_path / "g" / "auto.csv", "employee_key;year;private_km\n" + rows)
    [result] = run(home, tmp_path / "g")
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 4, 0)


def gifts(numbers: range, month: int) -> str:
    return "".join(
        f"G{i};100{i};1{i % 9}-{month:02d}-2026;goederen;10;geaccepteerd\n" for i in numbers
    )


@pytest.mark.parametrize(
    "grand", ["Totaal aantal;9;;;;\n", "Eindaantal;9;;;;\n", "Grand Count;9;;;;\n"]
)
@pytest.mark.parametrize("footnote", ["", "Bron: AFAS, 3-3-2026;;;;;\n"])
def test_excels_count_subtotals_end_with_the_last_groups_count_and_the_grand_count(
    home: Path, tmp_path: Path, grand: str, footnote: str
) -> None:
    """helper-215 Q1: Excel's Subtotal with Aantal ends with the last group's count and
    the grand count; with the first group's count more than five rows above the end,
    the trailer counted it among the rows, and both last rows were quarantined. The
    last group's count is its group's (counted as between the rows) and the grand count
    is the rows'."""
    text = (
        gifts(range(1, 3), 1)
        + "januari Aantal;2;;;;\n"
        + gifts(range(3, 10), 2)
        + "februari Aantal;7;;;;\n"
        + grand
        + footnote
    )
    loaded, quarantined, notes = ingest(home, tmp_path, text)
    assert (loaded, quarantined) == ([2, 3, *range(5, 12)], [])
    assert [line_of(n) for n in notes] == [4, 12, 13] + ([14] if footnote else [])
    assert "regel 12: subtotaal, geen gegevensregel" in notes[1], notes


def test_a_last_count_that_is_no_groups_stays_a_row(home: Path, tmp_path: Path) -> None:
    """A count at the end that is not its group's (3 for February's 2) keeps its row a
    row (quarantined: no employee); the grand count under it is left out."""
    text = (
        gifts(range(1, 3), 1)
        + "januari Aantal;2;;;;\n"
        + gifts(range(3, 5), 2)
        + "februari Aantal;3;;;;\n"
        + "Totaal aantal;4;;;;\n"
    )
    loaded, quarantined, notes = ingest(home, tmp_path, text)
    assert (loaded, quarantined) == ([2, 3, 5, 6], [7])
    assert [line_of(n) for n in notes] == [4, 8]


def by_employee(record: int, employee: int) -> str:
    return f"G{record};{employee};1{record}-01-2026;goederen;10;geaccepteerd\n"


@pytest.mark.parametrize(
    ("first", "second", "quarantined"),
    [
        ("2;1001 Aantal;;;;\n", "1;1002 Aantal;;;;\n", []),  # the records counted
        (";1001 Totaal;;;20;\n", ";1002 Totaal;;;10;\n", []),  # the amounts summed
        # 5 is no group's count: a row, and so counted in the next group's (Q5, as before)
        ("5;1001 Aantal;;;;\n", "1;1002 Aantal;;;;\n", [4, 6]),
    ],
)
def test_a_subtotal_labelled_in_the_column_grouped_by_is_left_out(
    home: Path, tmp_path: Path, first: str, second: str, quarantined: list[int]
) -> None:
    """helper-215 Q6: Excel's Subtotal by the employee, counting the records, writes the
    count left of its label ('2;1001 Aantal'): the label was taken for none, its first
    filled cell being the count, and the row quarantined. A count that is no group's
    keeps its row a row."""
    text = (
        by_employee(1, 1001)
        + by_employee(2, 1001)
        + first
        + by_employee(3, 1002)
        + second
        + by_employee(4, 1003)
    )
    loaded, found, notes = ingest(home, tmp_path, text)
    assert (loaded, found) == ([2, 3, 5, 7], quarantined)
    left_out = [line_of(n) for n in notes if "subtotaal, geen" in n]
    assert left_out == [line for line in (4, 6) if line not in quarantined]


@pytest.mark.parametrize(
    "text",
    [
        # counted per employee, the grand count right of its number too
        by_employee(1, 1001)
        + by_employee(2, 1001)
        + "2;1001 Aantal;;;;\n"
        + by_employee(3, 1002)
        + "1;1002 Aantal;;;;\n"
        + "3;Totaal aantal;;;;\n",
        # summed per decision, labelled in the last column
        by_employee(1, 1001)
        + by_employee(2, 1001)
        + ";;;;20;geaccepteerd Totaal\n"
        + by_employee(3, 1002)
        + ";;;;10;geaccepteerd Totaal\n"
        + ";;;;30;Eindtotaal\n",
        # numbered records, counted per month in the gift type's column
        "1;1001;10-01-2026;goederen;10;geaccepteerd\n"
        "2;1002;11-01-2026;goederen;10;geaccepteerd\n"
        "2;;;januari Aantal;;\n"
        "3;1003;10-02-2026;goederen;10;geaccepteerd\n"
        "1;;;februari Aantal;;\n"
        "3;;;Totaal aantal;;\n",
    ],
)
def test_excels_grand_row_labelled_in_a_later_column_is_left_out(
    home: Path, tmp_path: Path, text: str
) -> None:
    """helper-218 A1: the grand row of a Subtotal labelled in a later column ('3;Totaal
    aantal', ';;;;30;Eindtotaal') was quarantined (the trailer reads a row's first cell),
    and with numbered records the grand count's 3 took gift 3 with it as its twin."""
    loaded, quarantined, notes = ingest(home, tmp_path, text)
    assert (loaded, quarantined) == ([2, 3, 5], [])
    assert [line_of(n) for n in notes] == [4, 6, 7]


@pytest.mark.parametrize(
    "total",
    [
        ";;;;30,00;;Totaal\n",  # an amount, the word in a remark column (helper-253 F3)
        ";;;;30.5;;Totaal\n",  # as a workbook's number cell reads
        ";;;;€ 30,00;;Eindtotaal\n",  # with its sign, Excel's grand label
    ],
)
def test_a_sum_labelled_right_of_its_amount_at_the_end_is_left_out(
    home: Path, tmp_path: Path, total: str
) -> None:
    """helper-253 F3: a register's sum row under a blank line, its amount in the value
    column and 'Totaal' in a column the mapping does not read, was quarantined for its
    empty key and date, and refused a register of five gifts."""
    rows = "".join(by_employee(i, 1000 + i).replace("\n", ";bloemen\n") for i in (1, 2, 3))
    path = write(
        tmp_path / "in" / "geschenken_2026.csv",
        HEADER.replace("\n", ";omschrijving\n") + rows + ";;;;;;\n" + total,
    )
    [result] = run(home, path)
    assert query(home, "select _source_line from raw_gifts order by 1") == [(2,), (3,), (4,)]
    assert query(home, "select count(*) from quarantine") == [(0,)]
    assert any(str(n).startswith("regel 6:") for n in result.notes), result.notes


@pytest.mark.parametrize("workbook", [False, True])
def test_a_sum_labelled_beside_the_table_at_the_end_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workbook: bool
) -> None:
    """helper-255 F4: 'Totaal' right beside the table, past its last column, under the
    amounts' sum: a line of a field too many, quarantined (in a CSV its reason said the
    value could be a person's key), and five gifts' register refused under the limit."""
    from openpyxl import Workbook

    from pipelines.core.catalogue import load_catalogue  # the real limit
    from tests.ingesthelpers import ingest_only

    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    rows = [
        [f"G{i}", f"100{i}", f"1{i}-01-2026", "goederen", "10", "geaccepteerd"] for i in range(5)
    ]
    total = ["", "", "", "", "50", "", "Totaal"]
    if workbook:
        book = Workbook()
        for row in [HEADER.strip().split(";"), *rows, total]:
            book.active.append([c or None for c in row])
        path = tmp_path / "in" / "geschenken_2026.xlsx"
        path.parent.mkdir()
        book.save(path)
    else:
        text = HEADER + "".join(";".join(r) + "\n" for r in [*rows, total])
        path = write(tmp_path / "in" / "geschenken_2026.csv", text)
    [result] = ingest_only(home / "warehouse.duckdb", [path], catalogue=load_catalogue())
    assert result.error is None and not result.failed, result.notes
    assert query(home, "select count(*) from raw_gifts") == [(5,)]
    assert query(home, "select count(*) from quarantine") == [(0,)]
    assert any("Totaal" in str(n) and str(n).startswith("regel 7") for n in result.notes)
