"""A column the mapping converts (convert: {fte: {divide_by: 36}}: hours a week) whose
cell names the contract's unit (0,8 fte, 8 dagen) or is a percentage (88,89%) is in that
unit already: quarantined, not divided again (pipelines/ingest/unit_cells.py;
helper-207: 0,8 fte loaded as 0,0222 fte, 88,89% as 0,0247 and 8 dagen as 1 sick day,
without a word)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.dash_cells import WORD_AT_MOST
from tests.test_ingest import home, org_home, quarantined, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

HEADER = "Persnr;Peildatum;Afdeling;Leidinggevende;Functie;Uren per week;Ziekte (uren)\n"
COLUMNS = (
    "dataset: employees\nfiles: [uren*.csv]\n"
    "columns: {Persnr: employee_key, Peildatum: snapshot_month, Afdeling: org_unit, "
    "Leidinggevende: manager_key, Functie: job_title, Uren per week: fte, "
    '"Ziekte (uren)": sick_days}\n'
)
CONVERT = "convert: {fte: {divide_by: 36}, sick_days: {divide_by: 8}}\n"


def ingest(home: Path, tmp_path: Path, mapping: str, *cells: tuple[str, str]) -> list:
    """The cells (fte, sick_days) of employees 100, 101, ... under the header's names for
    hours, with ``mapping`` after its columns; without convert the names say no unit
    (a header of hours without it is refused whole: header_says)."""
    header, columns = HEADER, COLUMNS
    if not mapping:
        header = header.replace("Uren per week", "Dienstverband").replace(" (uren)", "")
        columns = columns.replace("Uren per week", "Dienstverband").replace(" (uren)", "")
    write(tmp_path / "in" / "uren.mapping.yaml", columns + mapping)
    rows = "".join(
        f"{100 + i};31-03-2026;VH-N;1;Medewerker;{fte};{sick}\n"
        for i, (fte, sick) in enumerate(cells)
    )
    write(tmp_path / "in" / "uren_x.csv", header + rows)
    run(home, tmp_path / "in")
    return query(home, "select _source_line, fte, sick_days from raw_employees order by 1")


def test_a_cell_in_the_contracts_unit_is_not_converted_again(home: Path, tmp_path: Path) -> None:
    loaded = ingest(
        home, tmp_path, CONVERT, ("36", "16"), ("88,89%", "8"), ("0,8 fte", "8 dagen"), ("18", "8")
    )
    assert loaded == [(2, 1.0, 2.0), (5, 0.5, 1.0)]
    assert [(line, column, code) for line, column, _v, code in quarantined(home, "employees")] == [
        (3, "fte", "wrong_type"),
        (4, "fte", "wrong_type"),
        (4, "sick_days", "wrong_type"),
    ]
    reasons = [r for (r,) in query(home, "select reason from quarantine order by line, reason")]
    assert reasons[0] == (
        "uren_x.csv, regel 3, kolom Uren per week, waarde '88,89%': de cel noemt al de "
        "eenheid van het contract, maar de kolomkoppeling rekent 'Uren per week' om "
        "(convert): omgerekend zou het een andere waarde worden. Niet geraden: schrijf deze "
        "cel in de eenheid van de rest van de kolom, zonder eenheid erachter"
    )
    assert reasons[1].startswith(
        "uren_x.csv, regel 4, kolom Uren per week, waarde '0,8 fte': de cel noemt al de "
        "eenheid van het contract, maar"
    )
    assert reasons[2].startswith(
        "uren_x.csv, regel 4, kolom Ziekte (uren), waarde '8 dagen': de cel noemt al de "
        "eenheid van het contract, maar"
    )


@pytest.mark.parametrize(("fte", "sick"), [("0,8 fte", "8 dagen"), ("80%", "8 dagen")])
def test_without_convert_the_unit_is_the_contracts_and_read(
    home: Path, tmp_path: Path, fte: str, sick: str
) -> None:
    loaded = ingest(home, tmp_path, "", (fte, sick))
    assert loaded == [(2, 0.8, 8.0)]


GIFTS = "record_id;employee_key;received_on;gift_type;value_eur;decision\n"


@pytest.mark.parametrize("word", ["onbekend", "n.b.", "?", "Onbekend "])
def test_a_word_for_no_value_names_the_mapping_s_way_out_and_that_way_works(
    home: Path, tmp_path: Path, word: str
) -> None:
    """helper-207: a gift's value 'onbekend' (an optional number) quarantined the gift,
    its reason naming no way out; the values it names read it as empty."""
    rows = f"G1;1001;15-03-2026;goederen;{word};geaccepteerd\n"
    rows += "G2;1001;16-03-2026;goederen;25;geaccepteerd\n"
    path = write(tmp_path / "in" / "gifts.csv", GIFTS + rows)
    [result] = run(home, path)
    [(reason,)] = query(home, "select reason from quarantine")
    shown = word.strip()
    assert reason == (
        f"gifts.csv, regel 2, kolom value_eur, waarde '{word}': verwacht een getal (bijv. 12,5 "
        f"of 1.234,5); staat '{shown}' voor een onbekende waarde, vertaal het dan in de "
        f"kolomkoppeling: values: {{value_eur: {{'{shown}': null}}}}"
    )
    mapping = write(
        tmp_path / "m" / "g.mapping.yaml",
        f"dataset: gifts\nfiles: [gifts.csv]\nvalues: {{value_eur: {{'{shown}': null}}}}\n",
    )
    [result] = run(home, path, mappings=[mapping])
    assert result.error is None, result.error
    assert query(home, "select record_id, value_eur from raw_gifts order by 1") == [
        ("G1", None),
        ("G2", 25.0),
    ]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("ca. 25", "25"),
        ("Circa € 12,50", "12.5"),
        ("± 1.250,00", "1250"),
        ("± 1.250", None),  # 1250, or 1,25 euro (helper-149)? Not said either
        ("ong. 40", "40"),
        ("ca. 1.5", None),  # no number in the column's convention: no way out to name
        ("ca. veel", None),
    ],
)
def test_an_estimate_names_the_mapping_s_way_out_with_its_number_and_that_way_works(
    home: Path, tmp_path: Path, cell: str, value: str | None
) -> None:
    """helper-268 F8: 'ca. 50' said 'verwacht een getal' alone, where 'onbekend' named the
    way out; the number is not guessed, the mapping takes it as the user says."""
    rows = f"G1;1001;15-03-2026;goederen;{cell};geaccepteerd\n"
    path = write(tmp_path / "in" / "gifts.csv", GIFTS + rows)
    run(home, path)
    [(reason,)] = query(home, "select reason from quarantine")
    said = cell.replace("'", "''")
    way = f"'{said}' is een schatting, niet geraden"
    assert (way in reason) == (value is not None), reason
    if value is None:
        return
    values = f"values: {{value_eur: {{'{said}': {value}}}}}"
    assert reason.endswith(f"of neem het over in de kolomkoppeling: {values}"), reason
    mapping = write(
        tmp_path / "m" / "g.mapping.yaml", f"dataset: gifts\nfiles: [gifts.csv]\n{values}\n"
    )
    [result] = run(home, path, mappings=[mapping])
    assert result.error is None, result.error
    assert query(home, "select value_eur from raw_gifts") == [(float(value),)]


@pytest.mark.parametrize("cell", ["25 of 30", "tot 25"])
def test_a_cell_with_a_number_keeps_its_reason(home: Path, tmp_path: Path, cell: str) -> None:
    rows = f"G1;1001;15-03-2026;goederen;{cell};geaccepteerd\n"
    run(home, write(tmp_path / "in" / "gifts.csv", GIFTS + rows))
    [(reason,)] = query(home, "select reason from quarantine")
    assert reason.endswith(f"waarde '{cell}': verwacht een getal (bijv. 12,5 of 1.234,5)"), reason


def test_a_word_in_a_required_number_column_is_no_empty_value(home: Path, tmp_path: Path) -> None:
    """Read as empty, a required column's word would be a row without its value."""
    text = "employee_key;year;private_km\nE1;onbekend;1200\nE2;2025;300\n"
    run(home, write(tmp_path / "in" / "vehicle_use.csv", text))
    [(reason,)] = query(home, "select reason from quarantine")
    assert "waarde 'onbekend': verwacht" in reason and "null" not in reason, reason


@pytest.mark.parametrize(("length", "said"), [(20, True), (21, False)])
def test_a_long_text_is_quoted_once(home: Path, tmp_path: Path, length: int, said: bool) -> None:
    """The way out repeats the word: only a word as short as one for no value (WORD_AT_MOST)."""
    assert WORD_AT_MOST == 20
    word = "x" * length
    rows = f"G1;1001;15-03-2026;goederen;{word};geaccepteerd\n"
    run(home, write(tmp_path / "in" / "gifts.csv", GIFTS + rows))
    [(reason,)] = query(home, "select reason from quarantine")
    assert (f"staat '{word}' voor een onbekende waarde" in reason) == said, reason


def test_a_factor_of_one_converts_nothing_and_reads_the_unit(home: Path, tmp_path: Path) -> None:
    """helper-208: multiply_by: 1 says the column is in the contract's unit; its 0,8 fte
    and 2 dagen were quarantined as if converted (35a0141)."""
    one = "convert: {fte: {multiply_by: 1}, sick_days: {divide_by: 1}}\n"
    loaded = ingest(home, tmp_path, one, ("0,8 fte", "2 dagen"), ("80%", "3"))
    assert loaded == [(2, 0.8, 2.0), (3, 0.8, 3.0)]


OVERTIME = "Persnr;Peildatum;Afdeling;Leidinggevende;Functie;Fte;Overwerk (minuten)\n"


def test_hours_written_as_hours_in_a_column_of_minutes_are_not_divided(
    home: Path, tmp_path: Path
) -> None:
    """helper-208: with overtime_hours: {divide_by: 60}, 90 min, 7:30 and 7u 30m were read
    as hours and divided by 60 again (0,025 and 0,125 hours). 90 min is the file's own
    unit, minutes: 1,5 hours (helper-232: refused as the contract's unit)."""
    write(
        tmp_path / "in" / "uren.mapping.yaml",
        "dataset: employees\nfiles: [uren*.csv]\n"
        "columns: {Persnr: employee_key, Peildatum: snapshot_month, Afdeling: org_unit, "
        "Leidinggevende: manager_key, Functie: job_title, Fte: fte, "
        '"Overwerk (minuten)": overtime_hours}\n'
        "convert: {overtime_hours: {divide_by: 60}}\n",
    )
    cells = ["90", "90 min", "7:30", "7u 30m", "7,5 uur", "45"]
    rows = "".join(f"{100 + i};31-03-2026;VH-N;1;Medewerker;1;{c}\n" for i, c in enumerate(cells))
    write(tmp_path / "in" / "uren_x.csv", OVERTIME + rows)
    run(home, tmp_path / "in")
    loaded = query(home, "select _source_line, overtime_hours from raw_employees order by 1")
    assert loaded == [(2, 1.5), (3, 1.5), (7, 0.75)]
    assert [(line, code) for line, _c, _v, code in quarantined(home, "employees")] == [
        (line, "wrong_type") for line in (4, 5, 6)
    ]


def test_euros_in_a_column_of_thousands_are_not_multiplied(home: Path, tmp_path: Path) -> None:
    """helper-208: with value_eur: {multiply_by: 1000} (k€), € 12.500,00 and 12.500 EUR
    were multiplied again, to 12.500.000."""
    write(
        tmp_path / "in" / "g.mapping.yaml",
        "dataset: gifts\nfiles: [gifts*.csv]\nconvert: {value_eur: {multiply_by: 1000}}\n",
    )
    cells = ["0,025", "€ 25,00", "25 EUR", "0,05"]
    rows = "".join(f"G{i};1001;15-03-2026;goederen;{c};geaccepteerd\n" for i, c in enumerate(cells))
    write(tmp_path / "in" / "gifts_k.csv", GIFTS + rows)
    run(home, tmp_path / "in")
    assert query(home, "select record_id, value_eur from raw_gifts order by 1") == [
        ("G0", 25.0),
        ("G3", 50.0),
    ]
    assert [(line, code) for line, _c, _v, code in quarantined(home, "gifts")] == [
        (3, "wrong_type"),
        (4, "wrong_type"),
    ]


@pytest.mark.parametrize("cell", ["25,-", "€ 25,-", "25.-", "12.500,--", "25,="])
def test_whole_euros_with_their_dash_in_a_column_of_thousands_are_not_multiplied(
    home: Path, tmp_path: Path, cell: str
) -> None:
    """helper-208: 12.500,- (the dash of whole euros, as prices write them) under
    value_eur: {multiply_by: 1000} became 12.500.000 euros; a number of thousands without
    it is multiplied."""
    write(
        tmp_path / "in" / "g.mapping.yaml",
        "dataset: gifts\nfiles: [gifts*.csv]\nconvert: {value_eur: {multiply_by: 1000}}\n",
    )
    rows = f"G0;1001;15-03-2026;goederen;{cell};geaccepteerd\n"
    rows += "G1;1001;15-03-2026;goederen;0,025;geaccepteerd\n"
    write(tmp_path / "in" / "gifts_k.csv", GIFTS + rows)
    run(home, tmp_path / "in")
    assert query(home, "select record_id, value_eur from raw_gifts order by 1") == [("G1", 25.0)]
    [(line, reason)] = query(home, "select line, reason from quarantine")
    assert line == 2 and "rekent value_eur om (convert)" in reason, reason


@pytest.mark.parametrize("convert", [True, False])
def test_a_number_in_millions_names_the_way_that_loads_it_right(
    home: Path, tmp_path: Path, convert: bool
) -> None:
    """helper-208: '12,5 k€' was refused with 'verwacht het getal zelf', also under a
    mapping that multiplies value_eur by 1000, where the number itself would load 1000
    times too large. Under convert a magnitude other than the mapping's asks for the
    column's own unit; the advice followed loads the amount either way."""
    mapping = "dataset: gifts\nfiles: [gifts*.csv]\n"
    mapping += "convert: {value_eur: {multiply_by: 1000}}\n" if convert else ""
    write(tmp_path / "in" / "g.mapping.yaml", mapping)
    path = write(
        tmp_path / "in" / "gifts_k.csv",
        GIFTS + "G0;1001;15-03-2026;goederen;1,25 mln;geaccepteerd\n",
    )
    run(home, tmp_path / "in")
    [(reason,)] = query(home, "select reason from quarantine")
    if convert:
        assert reason.endswith(
            "toont het getal in miljoenen (mln); niet omgerekend: de kolomkoppeling rekent "
            "value_eur om (convert), schrijf het getal in de eenheid van de rest van de kolom, "
            "zonder mln erachter"
        ), reason
    else:
        assert reason.endswith("niet omgerekend: verwacht het getal zelf"), reason
    followed = "1250" if convert else "1.250.000"  # what the reason asks for
    write(path, GIFTS + f"G0;1001;15-03-2026;goederen;{followed};geaccepteerd\n")
    run(home, tmp_path / "in")
    assert query(home, "select record_id, value_eur from raw_gifts") == [("G0", 1250000.0)]


@pytest.mark.parametrize(
    ("cell", "loaded"),
    [
        ("12,5 k€", 12500.0),
        ("€ 12,5 K", 12500.0),
        ("12,5 KEUR", 12500.0),
        ("12,5 TEUR", 12500.0),  # helper-211
        ("-€ 12,5 K", None),  # a credit: -12.500, refused by its rule, its sign kept
        ("\u2212€ 12,5 K", None),  # the minus sign (U+2212) alike (helper-213)
        ("12,5- K", None),  # SAP's minus after the number (helper-215 L2)
        ("€ 12,5- K", None),
        ("- 12,5 K", None),  # a minus apart from the number
        ("12,5 duizend", 12500.0),
        ("12,5 k€ (geschat)", None),  # more than the magnitude: refused, as it was
        ("12,5 mln", None),  # another magnitude than the mapping's
    ],
)
def test_a_cell_in_the_mappings_own_thousands_is_read(
    home: Path, tmp_path: Path, cell: str, loaded: float | None
) -> None:
    """helper-209: under multiply_by: 1000 (k€) a cell '12,5 k€', or a workbook's cell
    shown so, is in the column's own thousands: it was refused, with advice a workbook's
    cell cannot follow by typing."""
    write(
        tmp_path / "in" / "g.mapping.yaml",
        "dataset: gifts\nfiles: [gifts*.csv]\nconvert: {value_eur: {multiply_by: 1000}}\n",
    )
    rows = f"G0;1001;15-03-2026;goederen;{cell};geaccepteerd\n"
    write(tmp_path / "in" / "gifts_k.csv", GIFTS + rows)
    run(home, tmp_path / "in")
    got = query(home, "select value_eur from raw_gifts")
    assert got == ([(loaded,)] if loaded else []), got
    if "-" in cell or "\u2212" in cell:  # (helper-212, -215: the advice to leave '-€ K' or
        # '- K' out dropped the sign)
        [(reason,)] = query(home, "select reason from quarantine")
        assert ">= 0" in reason and "erachter" not in reason, reason


@pytest.mark.parametrize(
    "cell", ["(€ 12,5 K)", "( € 12,5 K )", "(EUR 12,5 K)", "€ (12,5 K)", "(12,5 K)", "(12,5 k€)"]
)
def test_a_credit_in_brackets_in_the_mappings_thousands_keeps_its_sign(
    home: Path, tmp_path: Path, cell: str
) -> None:
    """helper-215: '(€ 12,5 K)' under multiply_by: 1000, an accounting credit with its
    brackets around the currency and magnitude too, loaded as +12.500 (the brackets were
    taken for the text beside the number); '€ (12,5 K)' was read as '(12,5'. A credit is
    refused by value_eur >= 0, as '€ (12,5) K' is."""
    write(
        tmp_path / "in" / "g.mapping.yaml",
        "dataset: gifts\nfiles: [gifts*.csv]\nconvert: {value_eur: {multiply_by: 1000}}\n",
    )
    write(
        tmp_path / "in" / "gifts_k.csv",
        GIFTS + f"G0;1001;15-03-2026;goederen;{cell};geaccepteerd\n",
    )
    run(home, tmp_path / "in")
    assert query(home, "select value_eur from raw_gifts") == []
    [(reason,)] = query(home, "select reason from quarantine")
    assert ">= 0" in reason and "erachter" not in reason, reason


def test_a_workbook_cell_shown_in_the_mappings_thousands_is_read(
    home: Path, tmp_path: Path
) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(GIFTS.strip().split(";"))
    ws.append(["G0", "1001", "15-03-2026", "goederen", 12.5, "geaccepteerd"])
    ws.cell(row=2, column=5).number_format = '#,##0.0 "k€"'
    (tmp_path / "in").mkdir(parents=True, exist_ok=True)
    wb.save(tmp_path / "in" / "gifts_k.xlsx")
    write(
        tmp_path / "in" / "g.mapping.yaml",
        "dataset: gifts\nfiles: [gifts*.xlsx]\nconvert: {value_eur: {multiply_by: 1000}}\n",
    )
    run(home, tmp_path / "in")
    assert query(home, "select value_eur from raw_gifts") == [(12500.0,)]


@pytest.mark.parametrize(
    ("header", "convert", "loaded"),
    [
        ("Overwerk (uren)", "convert: {overtime_hours: {divide_by: 60}}\n", None),
        ("Overuren", "convert: {overtime_hours: {divide_by: 60}}\n", None),
        ("Overwerk (minuten)", "convert: {overtime_hours: {divide_by: 60}}\n", 1.5),
        ("Overwerk (uren)", "convert: {overtime_hours: {divide_by: 60, unit: minuten}}\n", 1.5),
        ("Overwerk (uren)", "", 90.0),
        # a scale the name says otherwise, and minutes as a word of their own (helper-234)
        ("Overuren (x 100)", "convert: {overtime_hours: {divide_by: 100}}\n", 0.9),
        ("Overuren_min", "convert: {overtime_hours: {divide_by: 60}}\n", 1.5),
    ],
)
def test_a_column_of_hours_named_in_hours_is_not_converted_unsaid(
    home: Path, tmp_path: Path, header: str, convert: str, loaded: float | None
) -> None:
    """helper-233: 'Overwerk (uren)' under divide_by: 60 loaded 90 hours as 1,5, without a
    word; the mapping's unit says which is right."""
    write(
        tmp_path / "in" / "uren.mapping.yaml",
        "dataset: employees\nfiles: [uren*.csv]\n"
        "columns: {Persnr: employee_key, Peildatum: snapshot_month, Afdeling: org_unit, "
        "Leidinggevende: manager_key, Functie: job_title, Fte: fte, "
        f'"{header}": overtime_hours}}\n' + convert,
    )
    head = OVERTIME.replace("Overwerk (minuten)", header)
    write(tmp_path / "in" / "uren_x.csv", head + "100;31-03-2026;VH-N;1;Medewerker;1;90\n")
    [result] = [r for r in run(home, tmp_path / "in") if r.path.name == "uren_x.csv"]
    if loaded is None:
        assert "staat volgens zijn naam al in uren" in str(result.error)
    else:
        assert result.error is None, result.error
        assert query(home, "select overtime_hours from raw_employees") == [(loaded,)]


SIDE_JOBS = "employee_key;registered_on;started_on;approved_on;sector\n"


@pytest.mark.parametrize("word", ["in behandeling", "n.t.b."])
def test_a_word_in_an_optional_date_column_names_the_way_out(
    home: Path, tmp_path: Path, word: str
) -> None:
    """helper-266: 'in behandeling' in a side-jobs register's Datum akkoord (approved_on,
    optional) quarantined its side jobs with 'verwacht een datum ...' alone, and refused
    the register; its reason now names the way out as a decimal's does, and the way out
    reads the word as no date. A required date (registered_on) names none."""
    rows = f"1001;01-03-2026;01-03-2026;{word};bestuur\n"
    rows += "1002;02-03-2026;02-03-2026;05-03-2026;bestuur\n"
    rows += f"1003;{word};02-03-2026;05-03-2026;bestuur\n"
    path = write(tmp_path / "in" / "side_jobs.csv", SIDE_JOBS + rows)
    run(home, path)
    reasons = dict(query(home, "select line, reason from quarantine order by line"))
    assert reasons[2].endswith(
        f"verwacht een datum tussen 1900 en 2100 (dd-mm-jjjj of jjjj-mm-dd); staat '{word}' "
        f"voor een onbekende waarde, vertaal het dan in de kolomkoppeling: values: "
        f"{{approved_on: {{'{word}': null}}}}"
    )
    assert "kolomkoppeling" not in reasons[4]  # a required date: no way out to no date
    mapping = write(
        tmp_path / "m" / "s.mapping.yaml",
        "dataset: side_jobs\nfiles: [side_jobs.csv]\n"
        f"values: {{approved_on: {{'{word}': null}}}}\n",
    )
    [result] = run(home, path, mappings=[mapping])
    assert (result.rows_loaded, result.rows_quarantined) == (2, 1), result.examples


@pytest.mark.parametrize("word", ["ja", "Nee", "eind maart", "maandag"])
def test_a_yes_or_a_month_in_a_date_column_gets_no_way_out_to_none(
    home: Path, tmp_path: Path, word: str
) -> None:
    """helper-267 F7: 'ja' in an approval date was told to read as no date (an approved
    side job then none), and a month or a weekday (a date in part) as an unknown value."""
    rows = f"1001;01-03-2026;01-03-2026;{word};bestuur\n"
    rows += "1002;02-03-2026;02-03-2026;05-03-2026;bestuur\n"
    run(home, write(tmp_path / "in" / "side_jobs.csv", SIDE_JOBS + rows))
    [(reason,)] = query(home, "select reason from quarantine")
    assert reason.endswith("verwacht een datum tussen 1900 en 2100 (dd-mm-jjjj of jjjj-mm-dd)")
