"""Exports that tried to break the ingest (issue 13's review): each now reads right, or is
refused for itself alone with a reason, while the rest of the run goes on."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pytest

from pipelines.core.catalogue import load_catalogue
from pipelines.ingest.loader import FileResult, ingest_files
from tests.readers import reading

UNITS = (
    "org_unit;name;parent_unit;level\nWH;Woonstichting;;organisatie\nFIN;Financiën;WH;afdeling\n"
)


def run(*paths: Path) -> tuple[duckdb.DuckDBPyConnection, list[FileResult]]:
    con = duckdb.connect()
    return con, ingest_files(con, list(paths), load_catalogue())


def by_name(results: list[FileResult]) -> dict[str, FileResult]:
    return {r.path.name: r for r in results}


def org_units(home: Path) -> Path:
    """A two-unit org_units.csv (the other datasets are checked against it)."""
    path = home / "org_units.csv"
    path.write_text(UNITS, "utf-8")
    return path


def wide_mapping(home: Path) -> Path:
    """The mapping of a wide survey export breed*.csv: one column per item."""
    path = home / "breed.mapping.yaml"
    path.write_text(
        "dataset: survey_responses\nfiles: ['breed*.csv']\n"
        "columns: {Respondent: respondent_key, Datum: wave_date, Eenheid: org_unit}\n"
        "unpivot: {id_columns: [Respondent, Datum, Eenheid]}\n",
        "utf-8",
    )
    return path


def test_a_file_name_with_glob_characters_reads_that_file_and_no_other(
    empty_home: Path,
) -> None:
    folder = empty_home / "in"
    folder.mkdir()
    (folder / "vu[1].csv").write_text("employee_key;year;private_km\nE1;2024;1\nE2;2024;2\n")
    (folder / "vu1.csv").write_text("employee_key;year;private_km\nX1;2020;999\nX2;2020;888\n")
    con, results = run(folder / "vu[1].csv")
    assert [r.rows_loaded for r in results] == [2]
    assert con.execute("select year, private_km from raw_vehicle_use order by 2").fetchall() == [
        (2024, 1.0),
        (2024, 2.0),
    ]
    assert not list(empty_home.glob(".radar-read-*")), "the private copy is removed"


def test_a_field_over_the_csv_modules_limit_is_read_whole(empty_home: Path) -> None:
    """A value over two lines sends the file to the Python reader; one field of 200,000
    characters was over the csv module's limit, and the file unusable (a quote left open
    was then said at a later line, in English: helper-201). A value may be as long as
    the file (which max_file_mb bounds); a key so long is one key, cut at 80 characters
    where it is shown."""
    units = org_units(empty_home)
    huge = empty_home / "vehicle_use.csv"
    huge.write_text(
        f'employee_key;year;private_km\n"{"x" * 200_000}";2024;1\n"twee\nregels";2024;2\n',
        "utf-8",
    )
    _, results = run(units, huge)
    named = by_name(results)
    assert named["org_units.csv"].rows_loaded == 2
    assert (named["vehicle_use.csv"].error, named["vehicle_use.csv"].rows_loaded) == (None, 2)


def test_a_deep_org_chain_is_checked_in_bounded_work_and_deep_units_quarantined(
    empty_home: Path,
) -> None:
    """A chain of 3,000 units walked without limit would be 4.5 million pairs; the walk
    stops at ingest.max_org_depth (50) and the units below that depth are org_too_deep."""
    lines = ["org_unit;name;parent_unit;level", "U0;Top;;organisatie"]
    lines += [f"U{n};Eenheid {n};U{n - 1};team" for n in range(1, 3000)]
    path = empty_home / "org_units.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    con, results = run(path)
    deep = con.execute(
        "select min(line), max(line), count(*) from quarantine where reason_code = 'org_too_deep'"
    ).fetchall()[0]
    # U50 (line 52) is 50 levels below the top, within the bound; U51 (line 53) is not
    assert deep == (53, 3001, 2949)
    assert results[0].failed  # so much quarantined that the file is refused


def test_a_wide_export_with_more_columns_than_the_limit_is_refused(empty_home: Path) -> None:
    mapping = wide_mapping(empty_home)
    width = 1001
    header = ["Respondent", "Datum", "Eenheid", *[f"I{n}" for n in range(width - 3)]]
    path = empty_home / "breed.csv"
    path.write_text(";".join(header) + "\nR1;15-10-2024;WH" + ";3" * (width - 3) + "\n")
    _, results = run(mapping, path)
    assert results[0].error == (
        f"{path}: 1001 kolommen, meer dan de grens van 1000 (ingest.max_columns); niets ingelezen"
    )


def test_two_columns_onto_one_contract_column_are_refused_not_one_silently_lost(
    empty_home: Path,
) -> None:
    path = empty_home / "vehicle_use.csv"
    path.write_text("employee_key;year;private_km;PRIVATE_KM\nE1;2024;1;2\n", "utf-8")
    _, results = run(path)
    assert results[0].error == (
        f"{path}: de kolommen 'private_km' en 'PRIVATE_KM' horen allebei bij private_km "
        "(kolomkoppeling of kop); welke geldt is niet te raden"
    )


def test_a_name_twice_in_the_header_is_refused_only_where_the_column_is_read(
    empty_home: Path,
) -> None:
    """helper-101: Exact and AFAS repeat 'Omschrijving' beside each code column; a file
    with a name twice was unusable even where neither column is read. Now that is a note;
    a name twice that the contract reads (which of the two?) is still refused."""
    unused = empty_home / "unused" / "vehicle_use.csv"
    unused.parent.mkdir()
    unused.write_text(
        "employee_key;Omschrijving;year;private_km;Omschrijving\nE1;auto;2024;1;x\n", "utf-8"
    )
    con, [result] = run(unused)
    assert (result.rows_loaded, result.error) == (1, None), result.summary()
    assert "kolomnaam dubbel in de kop, niet in het contract en dus genegeerd: Omschrijving" in [
        str(n) for n in result.notes
    ]
    assert con.execute("select year, private_km from raw_vehicle_use").fetchall() == [(2024, 1)]
    used = empty_home / "used" / "vehicle_use.csv"
    used.parent.mkdir()
    used.write_text("employee_key;year;private_km;private_km\nE1;2024;1;2\n", "utf-8")
    _, [result] = run(used)
    assert result.error == (
        f"{used}: kolomnaam dubbel in de kop: private_km; welke van de twee bedoeld is, is "
        "niet te zeggen: geef ze in de bron verschillende namen"
    )


def lease_mapping(home: Path, name: str) -> Path:
    """A mapping of a lease file whose header names are wrapped or spaced."""
    mapping = home / "lease.mapping.yaml"
    mapping.write_text(
        f"dataset: vehicle_use\nfiles: [{name}]\ncolumns:\n  Medewerker nummer: employee_key\n"
        "  Jaar: year\n  Privé km: private_km\n",
        "utf-8",
    )
    return mapping


def test_a_header_cell_wrapped_or_with_two_spaces_is_the_mappings_column(
    empty_home: Path,
) -> None:
    """helper-101: a hand-made register wraps its header with Alt+Enter ('Medewerker' and
    'nummer' on two lines) or has two spaces; the mapping written as the cell looks was
    refused as not fitting the file, without showing what the header held. Any run of
    spaces and line breaks is one space in the match; the refusal lists the header."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Medewerker\nnummer", "Jaar", "Privé  km"])
    book.active.append(["E1", 2024, 1250])
    path = empty_home / "lease.xlsx"
    book.save(path)
    mapping = lease_mapping(empty_home, "lease.xlsx")
    con, [result] = run(empty_home)
    assert (result.rows_loaded, result.error) == (1, None), result.summary()
    assert con.execute("select private_km from raw_vehicle_use").fetchall() == [(1250,)]
    mapping.write_text(
        "dataset: vehicle_use\nfiles: [lease.xlsx]\ncolumns:\n  Medewerkernummer: employee_key\n"
        "  Jaar: year\n  Privé km: private_km\n",
        "utf-8",
    )
    book.active.append(["E2", 2024, 7])  # another file: not read before
    book.save(path)
    _, [result] = run(empty_home)
    assert result.error == (
        f"{path}: kolom(men) uit de kolomkoppeling {mapping} staan niet in het bestand: "
        "'Medewerkernummer' (employee_key); pas de koppeling aan of lever de kolom mee "
        "(de kop van het bestand: 'Medewerker\\nnummer' | 'Jaar' | 'Privé  km')"
    )


@pytest.mark.parametrize(
    "value",
    ["9" * 400, "99999999999999999999", "9007199254740993", "1e5", "1_000", "１２", "٣"],
)
def test_numbers_no_float_holds_exactly_and_foreign_notations_are_no_numbers(
    empty_home: Path, value: str
) -> None:
    path = empty_home / "vehicle_use.csv"
    rows = [f"E{n};2024;{n}" for n in range(20)] + [f"E99;2024;{value}"]
    path.write_text("employee_key;year;private_km\n" + "\n".join(rows) + "\n", "utf-8")
    con, results = run(path)
    assert results[0].rows_loaded == 20
    assert con.execute('select "column", value, reason_code from quarantine').fetchall() == [
        ("private_km", value, "wrong_type")
    ]


def test_the_twin_of_a_file_in_the_same_run_says_so(empty_home: Path) -> None:
    a, b = empty_home / "a_org_units.csv", empty_home / "b_org_units.csv"
    a.write_text(UNITS, "utf-8")
    b.write_text(UNITS, "utf-8")
    _, results = run(a, b)
    named = by_name(results)
    assert named["a_org_units.csv"].rows_loaded == 2
    assert named["b_org_units.csv"].summary() == (
        f"{b}: zelfde inhoud als {a} in deze run; niet nog eens ingelezen (zie dat bestand)"
    )


def test_a_quote_after_a_comma_and_a_space_opens_a_quoted_value(empty_home: Path) -> None:
    path = empty_home / "org_units.csv"
    path.write_text(
        'org_unit,name,parent_unit,level\nWH, "Woonstichting, Heuvelland",,organisatie\n'
        'VH, "Verhuur",WH,afdeling\n',
        "utf-8",
    )
    con, results = run(path)
    assert results[0].rows_quarantined == 0
    assert con.execute("select org_unit, name from raw_org_units order by 1").fetchall() == [
        ("VH", "Verhuur"),
        ("WH", "Woonstichting, Heuvelland"),
    ]


def test_a_wide_exports_nameless_column_with_values_is_named_in_the_notes(
    empty_home: Path,
) -> None:
    units = org_units(empty_home)
    mapping = wide_mapping(empty_home)
    path = empty_home / "breed.csv"
    path.write_text("Respondent;Datum;Eenheid;CLA1;\nR1;15-10-2024;WH;4;5\n", "utf-8")
    _, results = run(units, mapping, path)
    wide = by_name(results)["breed.csv"]
    assert wide.rows_loaded == 1
    assert (
        "kolom(men) 5 zonder naam in de kop: niet als antwoord gelezen "
        "(1 regel(s) met een waarde erin)"
    ) in wide.notes


def test_the_same_file_under_a_corrected_mapping_replaces_its_earlier_load(
    empty_home: Path,
) -> None:
    """Read once with the wrong convention, the file is read again when the mapping is
    corrected, and that load replaces the first; the same mapping again skips it, and a
    mapping that only names other files or lives elsewhere reads it the same way."""
    data = empty_home / "auto.csv"
    data.write_text("employee_key;year;private_km\nE1;2024;1.443\nE2;2024;12\n", "utf-8")
    mapping = empty_home / "auto.mapping.yaml"

    def ingest(number_format: str, files: str = "auto*.csv") -> tuple[list, FileResult]:
        mapping.write_text(
            f"dataset: vehicle_use\nfiles: ['{files}']\nnumber_format: {number_format}\n"
        )
        con = duckdb.connect(str(empty_home / "w.duckdb"))
        try:
            results = ingest_files(con, [mapping, data], load_catalogue())
            rows = con.execute(
                "select employee_key is not null, private_km from raw_vehicle_use order by 2"
            ).fetchall()
            logged = con.execute("select count(*) from ingest_log").fetchall()[0][0]
        finally:
            con.close()
        assert logged == 1
        return rows, results[0]

    rows, first = ingest("en")
    assert rows == [(True, 1.443), (True, 12.0)] and not first.skipped
    rows, second = ingest("nl")
    assert rows == [(True, 12.0), (True, 1443.0)]
    assert second.notes[0] == (
        "eerder ingelezen met een andere kolomkoppeling (als vehicle_use, 2 rij(en) geladen);"
        " die lading is vervangen door deze"
    )
    rows, third = ingest("nl", files="auto.csv")
    assert third.skipped and rows == [(True, 12.0), (True, 1443.0)]


def test_a_read_copy_left_by_a_killed_ingest_is_removed_by_the_next(empty_home: Path) -> None:
    import subprocess
    import sys

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    stale = empty_home / f".radar-read-{gone}-abc.csv"
    stale.write_text("employee_key\n123456\n", "utf-8")
    mine = empty_home / f".radar-read-{__import__('os').getpid()}-live.csv"
    mine.write_text("still being read\n", "utf-8")
    units = org_units(empty_home)
    run(units)
    assert not stale.exists()
    assert mine.exists()  # a live process's copy is left alone


def test_a_cell_of_only_unicode_spaces_is_empty(empty_home: Path) -> None:
    """A plain text column (name) is trimmed in SQL: the ideographic and em spaces too."""
    path = empty_home / "org_units.csv"
    units = [f"T{n};Team {n};WH;team" for n in range(20)] + ["T99;\u3000\u2003;WH;team"]
    path.write_text(UNITS + "\n".join(units) + "\n", "utf-8")
    con, _ = run(path)
    assert con.execute('select line, "column", reason_code from quarantine').fetchall() == [
        (24, "name", "missing_required")
    ]


def test_a_re_read_keeps_its_place_in_the_order_of_exports(empty_home: Path) -> None:
    """An old export re-read under a corrected mapping must not outrank a newer export of
    the same key: the replacement keeps the earlier load's ingest time."""
    from tests.ingesthelpers import ingest_and_model

    def build(warehouse: Path, inputs: list[Path], mappings: list[Path] | None = None):  # noqa: ANN202
        return ingest_and_model(
            warehouse, inputs, ["stg_registers__vehicle_use"], mappings=mappings
        )

    old, new = empty_home / "old.csv", empty_home / "new.csv"
    old.write_text("Who;Yr;Km\nE1;2024;5\n", "utf-8")
    new.write_text("Who;Yr;Km\nE1;2024;7\n", "utf-8")
    units = org_units(empty_home)
    m1, m2 = empty_home / "m1.yaml", empty_home / "m2.yaml"
    m1.write_text("dataset: vehicle_use\ncolumns: {Who: employee_key, Yr: year, Km: private_km}\n")
    m2.write_text(m1.read_text() + "number_format: en\n")
    warehouse = empty_home / "w.duckdb"
    build(warehouse, inputs=[units])
    build(warehouse, inputs=[old], mappings=[m1])
    time.sleep(1.1)  # ingest times are kept to the second: new.csv comes a second later
    build(warehouse, inputs=[new], mappings=[m1])
    time.sleep(1.1)
    result = build(warehouse, inputs=[old], mappings=[m2])
    note = str(result.files[0].notes[0])  # a Message: its Dutch text
    assert note.startswith("eerder ingelezen met een andere kolomkoppeling")
    with reading(str(warehouse)) as con:
        assert con.execute("select private_km from stg_registers__vehicle_use").fetchall() == [
            (7.0,)
        ]


def test_a_re_read_that_would_be_refused_leaves_the_earlier_load(empty_home: Path) -> None:
    from pipelines.build.builder import build
    from tests.ingesthelpers import ingest_and_model

    path = empty_home / "vu.csv"
    rows = [f"E{n};2024;{n},5" for n in range(10)]
    path.write_text("Who;Yr;Km\n" + "\n".join(rows) + "\n", "utf-8")
    good, bad = empty_home / "good.yaml", empty_home / "bad.yaml"
    good.write_text(
        "dataset: vehicle_use\ncolumns: {Who: employee_key, Yr: year, Km: private_km}\n"
    )
    bad.write_text(good.read_text() + "number_format: en\n")  # 0,5 is no English number
    warehouse = empty_home / "w.duckdb"
    ingest_and_model(warehouse, [path], ["stg_registers__vehicle_use"], mappings=[good])
    # as `radar ingest` runs it: only_new, and a refused file reruns only the reports
    refused = build(warehouse, inputs=[path], mappings=[bad], only_new=True).files[0]
    assert (
        refused.failed
        and "de eerdere lading (met de vorige koppeling) blijft staan" in (refused.notes[0])
    )
    # why, as for any refused file (helper-171: not one reason was said)
    assert refused.reasons == 10 and "vu.csv, regel 2, kolom Km" in refused.summary()
    with reading(str(warehouse)) as con:
        assert con.execute("select count(*) from raw_vehicle_use").fetchall() == [(10,)]
        assert con.execute("select count(*) from stg_registers__vehicle_use").fetchall() == [(10,)]
        assert con.execute("select status from ingest_log").fetchall() == [("geladen",)]


def test_a_wide_export_with_one_item_twice_is_refused(empty_home: Path) -> None:
    mapping = wide_mapping(empty_home)
    path = empty_home / "breed.csv"
    path.write_text("Respondent;Datum;Eenheid;CLA1;PS1;cla1 \nR1;15-10-2024;WH;4;3;5\n")
    _, results = run(mapping, path)
    assert results[0].error == (
        f"{path}: kolomnaam dubbel in de kop: 'CLA1' en 'cla1' zijn hetzelfde item; niets ingelezen"
    )


def test_a_quote_after_spaces_at_the_start_of_a_line_reads_alike_in_both_readers(
    empty_home: Path,
) -> None:
    """DuckDB reads ' "E1"' at a line's start as E1; so does the Python reader, which a
    value over two lines elsewhere in the file sends it to."""
    fast, slow = empty_home / "fast.csv", empty_home / "slow.csv"
    fast.write_text('employee_key;year;private_km\n  "E1";2024;5\n', "utf-8")
    slow.write_text('employee_key;year;private_km\n  "E1";2024;5\nE2;"20\n24";7\n', "utf-8")
    con = duckdb.connect()
    from pipelines.ingest.source_table import load_source

    cells = []
    for path in (fast, slow):
        source = load_source(con, path, path.read_bytes())
        cells.append(con.execute(f"select c0 from {source.name} order by _rid").fetchall()[0])
    assert cells == [("E1",), ("E1",)]


SWALLOWED = (
    "{path}: regel {line}: de waarde in kolom {column} loopt over {lines} regels, waarvan "
    "{rows} zelf als rij lezen: een aanhalingsteken dat niet (op tijd) gesloten wordt? Die "
    "rijen zouden verloren gaan; niets ingelezen"
)
UNCLOSED = (
    '{path}: regel {line}: een aanhalingsteken (") in kolom {column} wordt niet gesloten, '
    "zodat de rest van het bestand ({lines} regels) als één waarde zou worden gelezen; "
    "sluit het aanhalingsteken of haal het weg; niets ingelezen"
)


@pytest.mark.parametrize(
    ("body", "said"),
    [
        # the last column: every row after it would be one value of the row before
        (
            'E1;2024;1\nE2;2024;"2\nE3;2024;3\nE4;2024;4\n',
            SWALLOWED.format(path="{path}", line=3, column="private_km", lines=3, rows=2),
        ),
        # a middle column: the rest would be one malformed row, quarantined as one
        (
            'E1;2024;1\nE2;"2024;2\nE3;2024;3\nE4;2024;4\n',
            SWALLOWED.format(path="{path}", line=3, column="year", lines=3, rows=2),
        ),
        # closed by the next quoted value further down: the rows between are swallowed
        (
            'E1;2024;1\nE3;2024;"3\nE4;2024;4\nE5;2024;5\nE6;2024;"6"\nE7;2024;7\n',
            SWALLOWED.format(path="{path}", line=3, column="private_km", lines=4, rows=3),
        ),
        # no line end at the end of the file
        (
            'E1;2024;1\nE2;2024;"2\nE3;2024;3',
            SWALLOWED.format(path="{path}", line=3, column="private_km", lines=2, rows=1),
        ),
        # the last record ends inside a quote, its other lines no rows
        (
            'E1;2024;1\nE2;2024;"2 km\nzie de toelichting\n',
            UNCLOSED.format(path="{path}", line=3, column="private_km", lines=2),
        ),
    ],
)
def test_a_quote_never_closed_makes_the_file_unusable_not_shorter(
    empty_home: Path, body: str, said: str
) -> None:
    path = empty_home / "vehicle_use.csv"
    path.write_text("employee_key;year;private_km\n" + body, "utf-8")
    con, results = run(path)
    assert results[0].error == said.format(path=path)
    assert con.execute("select count(*) from raw_vehicle_use").fetchone() == (0,)


def test_a_quote_never_closed_far_from_the_end_is_said_at_its_own_line(empty_home: Path) -> None:
    """helper-201: past csv's field limit (128 KiB of the rows after it) the file was
    refused at some later line as 'field larger than field limit', in English."""
    rows = "".join(f"E{n};2024;{n}\n" for n in range(12_000))  # about 150 KB
    path = empty_home / "vehicle_use.csv"
    path.write_text('employee_key;year;private_km\nE;2024;"1\n' + rows, "utf-8")
    _, results = run(path)
    said = SWALLOWED.format(path=path, line=2, column="private_km", lines=12_001, rows=12_000)
    assert results[0].error == said


@pytest.mark.parametrize(
    "body",
    [
        '"E\n1";2024;1\nE2;2024;"2"\n',  # over two lines in the first record
        'E1;2024;1\n"E\n2";2024;2\n',  # in the last record
        'E1;2024;1\r\n"E\r\n2";2024;2\r\n',  # CRLF
        'E1;2024;1\r"E\r2";2024;2\r',  # old Mac line ends
        'E1;2024;1\n"E\n2" ;2024;2\n',  # a space after the closing quote
    ],
)
def test_a_quoted_value_over_line_ends_is_read_whole(empty_home: Path, body: str) -> None:
    path = empty_home / "vehicle_use.csv"
    path.write_text("employee_key;year;private_km\n" + body, "utf-8", newline="")
    _, results = run(path)
    assert (results[0].error, results[0].rows_in, results[0].rows_loaded) == (None, 2, 2)


def test_an_unclosed_quote_in_the_header_makes_the_file_unusable(empty_home: Path) -> None:
    path = empty_home / "vehicle_use.csv"
    path.write_text('employee_key;year;"private_km\nE1;2024;1\n', "utf-8")
    _, results = run(path)
    assert results[0].error == (
        f"{path}: regel 1: de kop loopt door over een regeleinde (een aanhalingsteken dat "
        "niet gesloten wordt?); niets ingelezen"
    )


@pytest.mark.parametrize(("end", "d"), [("\n", ";"), ("\r\n", ";"), ("\r\n", ","), ("\n", "\t")])
def test_a_csv_header_cell_wrapped_with_alt_enter_is_one_name(
    empty_home: Path, end: str, d: str
) -> None:
    """helper-131: Excel writes a header cell wrapped with Alt+Enter quoted, over two
    lines; the file was refused as a quote never closed. Its lines are one name, as in
    an XLSX; a wrapped name that holds the delimiter (above) is still refused. The
    delimiter is sniffed over the wrapped name's lines (helper-133: a comma file's first
    line, '"Medewerker', has none)."""
    path = empty_home / "lease.csv"
    path.write_text(
        f'"Medewerker{end}nummer"{d}Jaar{d}"Privé{end}km"{end}E1{d}2024{d}"1250"{end}',
        "utf-8",
        newline="",
    )
    lease_mapping(empty_home, "lease.csv")
    con, [result] = run(empty_home)
    assert (result.rows_loaded, result.error) == (1, None), result.summary()
    assert con.execute("select year, private_km from raw_vehicle_use").fetchall() == [(2024, 1250)]


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "XLS/DOC (Office 97-2003)"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 16, "PNG"),
    ],
)
def test_a_pdf_or_old_excel_file_under_a_csv_name_is_named_for_what_it_is(
    tmp_path: Path, head: bytes, kind: str
) -> None:
    """A PDF saved as suppliers.csv was refused as "verplichte kolom ontbreekt (herkend aan
    de bestandsnaam)": its first part holds no NUL, and decoded as Windows-1252 it was a
    header of garbage (helper-79)."""
    path = tmp_path / "suppliers.csv"
    path.write_bytes(head + b"supplier_id;name\nL001;Bouw\n")
    _, [result] = run(path)
    assert str(result.error) == (
        f"{path}: geen tekstbestand maar {kind}; verwacht CSV, XLSX of Parquet"
        " (sla het op als CSV of Excel-werkmap)"
    )


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ("<!DOCTYPE html>\n<html><body><table><tr><td>supplier_id</td>", "HTML"),
        ("\ufeff  <html>\n<table>", "HTML"),
        ("<table border=1><tr><th>supplier_id</th><th>name</th></tr>", "HTML"),
        ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook>', "XML"),
    ],
)
def test_a_table_saved_as_a_web_page_under_a_csv_name_is_named_for_what_it_is(
    tmp_path: Path, head: str, kind: str
) -> None:
    """helper-101: an HTML table saved as .csv was refused with its whole HTML as the
    'column names'; Excel 2003's XML spreadsheet the same."""
    path = tmp_path / "suppliers.csv"
    path.write_text(head + "\n", "utf-8")
    _, [result] = run(path)
    assert str(result.error) == (
        f"{path}: geen CSV maar {kind} (een tabel opgeslagen als webpagina of als XML); "
        "niets ingelezen. Open het in Excel en sla het op als CSV UTF-8 of als Excel-werkmap"
        " (.xlsx)"
    )


def test_a_csv_whose_first_cell_begins_with_a_bracket_is_still_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "suppliers.csv"
    path.write_text("supplier_id;name\n<L001>;Bouw <html> BV\n", "utf-8")
    _, [result] = run(path)
    assert result.error is None and result.rows_loaded == 1, result.summary()


def test_a_soft_hyphen_in_a_header_cell_is_no_part_of_its_name(empty_home: Path) -> None:
    """helper-103: 'Personeels\\u00adnummer' (a soft hyphen Excel keeps unseen) did not
    match the mapping's 'Personeelsnummer'."""
    path = empty_home / "lease.csv"
    path.write_text("Personeels\u00adnummer;Jaar;Km\nE1;2024;1250\n", "utf-8")
    mapping = empty_home / "lease.mapping.yaml"
    mapping.write_text(
        "dataset: vehicle_use\nfiles: [lease.csv]\n"
        "columns: {Personeelsnummer: employee_key, Jaar: year, Km: private_km}\n",
        "utf-8",
    )
    con, [result] = run(empty_home)
    assert (result.rows_loaded, result.error) == (1, None), result.summary()
