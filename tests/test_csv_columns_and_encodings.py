"""Two things a CSV can hide. A column without a name in the header that holds values
makes the file unusable (often a decimal comma in a comma-separated file: 1200,50 read as
1200 and a nameless 50); one empty on every line (a delimiter at each line's end) is no
data. A file in two encodings (UTF-8 lines and Windows-1252 ones) is unusable: read as
either, accented letters would be garbled."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pipelines.ingest.delimiters import sniff_delimiter
from pipelines.ingest.mapping import load_mapping
from pipelines.ingest.readers import UnusableFile
from tests.test_ingest import ORG, query, run, write


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A RADAR_HOME of its own, beside the test's input files."""
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    return home


def test_a_nameless_column_with_a_value_refuses_the_file(tmp_path: Path, home: Path) -> None:
    path = write(
        tmp_path / "vehicle_use.csv",
        "employee_key,year,private_km,\ne1,2025,300,\ne2,2025,1200,50\n",
    )
    (result,) = run(home, path)
    said = str(result.error)
    assert (
        "kolom 4, na de laatste kolom met een naam, heeft geen naam in de kop, maar regel 3 "
        "heeft daar een waarde"
    ) in said
    assert "scheidingsteken nu: ," in said
    assert query(home, "select count(*) from raw_vehicle_use") == [(0,)]


@pytest.mark.parametrize(("delimiter", "shown"), [(";", ";"), ("\t", "tab"), ("|", "|")])
def test_a_nameless_column_in_a_file_not_split_by_commas_names_other_causes(
    tmp_path: Path, home: Path, delimiter: str, shown: str
) -> None:
    """helper-103: in a ; file the advice was the decimal comma's ('use ; as the
    delimiter'), which cannot split a number there. The file is still refused (a
    delimiter in an unquoted text moves the fields after it), saying so."""
    lines = ["employee_key;year;private_km;", "e1;2025;300;", "e2;2025;1200;zie mail"]
    path = write(
        tmp_path / "vehicle_use.csv", "".join(x.replace(";", delimiter) + "\n" for x in lines)
    )
    (result,) = run(home, path)
    said = str(result.error)
    assert (
        "kolom 4, na de laatste kolom met een naam, heeft geen naam in de kop, maar regel 3" in said
    )
    assert f"Vaak staat er een {shown} in een tekst zonder aanhalingstekens" in said
    assert "decimale komma" not in said
    assert query(home, "select count(*) from raw_vehicle_use") == [(0,)]


def test_a_nameless_index_column_first_is_ignored_and_said(tmp_path: Path, home: Path) -> None:
    """pandas' to_csv and R's write.csv write the row index first, without a name."""
    path = write(tmp_path / "vehicle_use.csv", ",employee_key,year,private_km\n0,e1,2025,300\n")
    (result,) = run(home, path)
    assert result.error is None
    assert query(
        home, "select employee_key is not null, year, private_km from raw_vehicle_use"
    ) == [(True, 2025, 300.0)]
    (notes,) = query(home, "select notes from ingest_log")[0]
    assert "kolom(men) zonder naam in de kop, genegeerd (plaats): 1" in notes


def test_a_nameless_column_empty_everywhere_is_no_data(tmp_path: Path, home: Path) -> None:
    path = write(tmp_path / "vehicle_use.csv", "employee_key;year;private_km;\ne1;2025;300,5;\n")
    (result,) = run(home, path)
    assert result.error is None
    assert query(home, "select private_km, notes from raw_vehicle_use, ingest_log") == [
        (300.5, None)
    ]


@pytest.mark.parametrize(
    ("header", "rows", "loaded", "malformed"),
    [
        # helper-88: a header ending in a delimiter over rows that do not: every row was
        # quarantined ("regel heeft 3 velden, de kop heeft er 4")
        ("employee_key;year;private_km;", ["e1;2025;300,5", "e2;2025;12"], 2, 0),
        ("employee_key;year;private_km;;", ["e1;2025;300,5;", "e2;2025;12"], 2, 0),
        ("employee_key;year;private_km;", ["e1;2025;300,5;", "e2;2025;12"], 2, 0),
        # a row short of a named column is still short
        ("employee_key;year;private_km;", ["e1;2025", "e2;2025;12"], 1, 1),
    ],
)
def test_a_header_ending_in_a_delimiter_over_rows_that_do_not(
    tmp_path: Path, home: Path, header: str, rows: list[str], loaded: int, malformed: int
) -> None:
    path = write(tmp_path / "vehicle_use.csv", "\n".join([header, *rows]) + "\n")
    (result,) = run(home, path)
    assert result.error is None, result.error
    assert (result.rows_loaded, result.rows_quarantined) == (loaded, malformed)


# --- two encodings in one file ---------------------------------------------------------


def test_a_file_of_two_encodings_is_refused_naming_both_lines(tmp_path: Path, home: Path) -> None:
    text = "supplier_id;name\nL1;Schoonmaak Coöperatie\nL2;Installatie Müller\n"
    data = text.encode("utf-8") + "L3;Café 't Hoekje\n".encode("cp1252")
    path = tmp_path / "suppliers.csv"
    path.write_bytes(data)
    (result,) = run(home, path)
    said = str(result.error)
    assert "het bestand heeft twee tekensets: regel 2 bevat UTF-8" in said
    assert "regel 4 een byte die geen UTF-8 is (0xe9, Windows-1252?)" in said
    # Excel's "CSV UTF-8" (a byte order mark first) with such a line: said, no traceback
    path.write_bytes(b"\xef\xbb\xbf" + data)
    (result,) = run(home, path)
    assert "het bestand begint als UTF-8" in str(result.error)
    assert "regel 4 heeft een byte die geen UTF-8 is (0xe9" in str(result.error)


def test_a_windows_1252_file_with_accents_is_read_as_it_is(tmp_path: Path, home: Path) -> None:
    path = tmp_path / "suppliers.csv"
    # “JOSÉ” ends in É” (C9 94), NESTLÉ® in C9 AE: byte pairs UTF-8 could hold, yet real
    # Windows-1252
    names = ["Café Müller € ‘t Hoekje", "“JOSÉ” BV", "NESTLÉ® Nederland", "BELGIË” import"]
    rows = "".join(f"L{i};{n}\n" for i, n in enumerate(names))
    path.write_bytes(("supplier_id;name\n" + rows).encode("cp1252"))
    (result,) = run(home, path)
    assert result.error is None
    assert query(home, "select name from raw_suppliers order by supplier_id") == [
        (n,) for n in names
    ]


def test_quarantine_shows_an_amount_as_written_and_a_line_of_one_field_in_dutch(
    tmp_path: Path, home: Path
) -> None:
    """A line that repeats the amount column's name in it (a header pasted in half): its
    'value_eur' is shown as written, not with the 'eur' an amount may end in taken off
    ('value_'). (A whole repeated header is left out with a note:
    tests/test_repeated_header.py.) A line of one field says 'veld', not 'velden'; DOS's
    end-of-file character after the last line is no line at all."""
    from tests.test_ingest import quarantined

    header = "employee_key;received_on;value_eur\n"
    rows = "".join(f"e{i};0{i}-03-2025;€ {i}0,-\n" for i in range(1, 10))
    last = "e9;10-03-2025;12,50 EUR\nnotitie\n\x1a\n"
    half = "e10;10-03-2025;value_eur\n"
    path = write(tmp_path / "gifts.csv", header + rows + half + last)
    run(home, path)
    held = {
        (line, column): (value, reason)
        for line, column, value, reason in quarantined(home, "gifts")
    }
    assert held[(11, "value_eur")][0] == "value_eur"
    assert query(home, "select reason from quarantine where line = 13") == [
        (
            "gifts.csv, regel 13: regel heeft 1 veld, de kop heeft er 3: na kolom "
            "'employee_key' houdt de regel op, zonder 'received_on', 'value_eur'",
        )
    ]
    assert query(home, "select count(*) from quarantine where line = 14") == [(0,)]
    assert query(home, "select count(*), sum(value_eur) from raw_gifts") == [(10, 462.5)]


# --- a declared encoding (a mapping's encoding:) -----------------------------------------

# A DOS code page writes é as 0x82, ë as 0x89 and Ü as 0x9a; Windows-1252 reads those
# bytes as ‚, ‰ and š: no error, other letters. Only the mapping can say which it is.
# (ü is 0x81, which Windows-1252 does not have: such a file is refused without the key.)
DOS_NAMES = ["Café Bakker", "Loodgietersbedrijf Ëlzinga", "ÜBER Installatie"]


def dos_file(
    tmp_path: Path, declared: str | None, names: list[str] = DOS_NAMES
) -> tuple[Path, Path | None]:
    path = tmp_path / "leveranciers.csv"
    rows = "".join(f"L{i};{n}\n" for i, n in enumerate(names))
    path.write_bytes(("supplier_id;name\n" + rows).encode("cp850"))
    if declared is None:
        return path, None
    mapping = tmp_path / "leveranciers.mapping.yaml"
    mapping.write_text(
        f"dataset: suppliers\nfiles: [leveranciers.csv]\nencoding: {declared}\n", "utf-8"
    )
    return path, mapping


def test_a_dos_code_page_declared_in_the_mapping_is_read_as_written(
    tmp_path: Path, home: Path
) -> None:
    names = [*DOS_NAMES, "Müller Schilders"]
    path, mapping = dos_file(tmp_path, "cp850", names)
    (result,) = run(home, path, mappings=[mapping])
    assert result.error is None, result.error
    assert query(home, "select name from raw_suppliers order by supplier_id") == [
        (n,) for n in names
    ]
    assert query(home, "select encoding from ingest_log") == [("DOS-codetabel 850",)]


def test_without_the_mapping_a_dos_code_page_reads_as_windows_1252(
    tmp_path: Path, home: Path
) -> None:
    """What the mapping key is for: the same bytes are valid Windows-1252, other letters."""
    path, _ = dos_file(tmp_path, None)
    (result,) = run(home, path)
    assert result.error is None
    names = [n for (n,) in query(home, "select name from raw_suppliers order by supplier_id")]
    assert names == [n.encode("cp850").decode("cp1252") for n in DOS_NAMES] != DOS_NAMES


def test_a_line_not_in_the_declared_encoding_refuses_the_file_naming_it(
    tmp_path: Path, home: Path
) -> None:
    path = tmp_path / "leveranciers.csv"
    path.write_bytes(b"supplier_id;name\nL1;Bakker\nL2;Caf\xe9 \x81\n")  # 0x81: no cp1252
    mapping = tmp_path / "leveranciers.mapping.yaml"
    mapping.write_text("dataset: suppliers\nfiles: [leveranciers.csv]\nencoding: cp1252\n")
    (result,) = run(home, path, mappings=[mapping])
    assert result.error is not None
    assert "regel 3 is geen cp1252 (byte 0x81)" in str(result.error), result.error
    assert "niets van dit bestand geladen" in str(result.error)


def test_a_byte_order_mark_against_the_declared_encoding_is_refused(
    tmp_path: Path, home: Path
) -> None:
    path, mapping = dos_file(tmp_path, "cp850")
    path.write_bytes(b"\xef\xbb\xbf" + "supplier_id;name\nL1;Café\n".encode())
    (result,) = run(home, path, mappings=[mapping])
    assert "kenmerk van UTF-8" in str(result.error) and "encoding cp850" in str(result.error)
    path.write_bytes(b"\xef\xbb\xbf" + "supplier_id;name\nL1;Café\n".encode())
    mapping.write_text("dataset: suppliers\nfiles: [leveranciers.csv]\nencoding: utf-8\n")
    (again,) = run(home, path, mappings=[mapping])  # the mark of what it declares: read
    assert again.error is None
    assert query(home, "select name from raw_suppliers") == [("Café",)]


@pytest.mark.parametrize(
    "declared",
    # unknown; no text; what decodes escapes or host names into other text (helper-87:
    # idna crashed the run, raw_unicode_escape read caf\\u00e9 as café); stateful; and
    # those whose line ends are not single bytes (UTF-16 is recognised by its mark)
    ["cp9999", "base64", "rot13", "idna", "raw_unicode_escape", "unicode_escape", "hz",
     "utf-7", "shift_jis", "utf-16", "utf-32"],
)  # fmt: skip
def test_an_encoding_a_csv_cannot_be_in_is_refused_in_the_mapping(
    tmp_path: Path, declared: str
) -> None:
    mapping = tmp_path / "x.mapping.yaml"
    mapping.write_text(f"dataset: suppliers\nencoding: {declared}\n", "utf-8")
    with pytest.raises(UnusableFile) as caught:
        load_mapping(mapping)
    assert f"encoding: '{declared}' kan hier niet" in str(caught.value.message)


@pytest.mark.parametrize(
    ("declared", "name"),
    [("cp850", "cp850"), ("CP850", "cp850"), ("850", "cp850"), ("iso-8859-15", "iso8859-15"),
     ("latin-1", "iso8859-1"), ("utf-8-sig", "utf-8-sig"), ("cp65001", "utf-8")],
)  # fmt: skip
def test_the_encodings_a_csv_can_be_in_are_taken_by_their_own_name(
    tmp_path: Path, declared: str, name: str
) -> None:
    """Written in any case or alias, kept as the codec's own name (CP850 and cp850 are one
    mapping, not two that read a file again)."""
    mapping = tmp_path / "x.mapping.yaml"
    mapping.write_text(f"dataset: suppliers\nencoding: {declared}\n", "utf-8")
    assert load_mapping(mapping).encoding == name


@pytest.mark.parametrize(
    ("data", "declared", "said"),
    [
        # an exporter switched to UTF-8 while the mapping still says cp850 (helper-87)
        ("supplier_id;name\nL1;Bakker\nL2;Café\n".encode(), "cp850",
         "regel 3 bevat letters zoals UTF-8 ze schrijft"),
        # Windows-1252's € and curly quotes declared as ISO 8859-15: C1 controls there
        ("supplier_id;name\nL1;“Bakker”\n".encode("cp1252"), "iso-8859-15",
         "regel 2 is geen iso8859-15 (byte 0x93)"),
        # a NUL is no text in any code page
        (b"supplier_id;name\nL1;Caf\x00e\n", "cp850", "binaire inhoud: een NUL-byte op regel 2"),
        # old Mac line ends: the line is counted as the readers count it
        (b"supplier_id;name\rL1;Bakker\rL2;Caf\x81\r", "cp1252",
         "regel 3 is geen cp1252 (byte 0x81)"),
        # a UTF-32 mark is said as UTF-32
        ("supplier_id;name\n".encode("utf-32"), "utf-8", "het kenmerk van UTF-32"),
    ],
)  # fmt: skip
def test_what_the_declared_encoding_cannot_hold_refuses_the_file(
    tmp_path: Path, home: Path, data: bytes, declared: str, said: str
) -> None:
    path = tmp_path / "leveranciers.csv"
    path.write_bytes(data)
    mapping = tmp_path / "leveranciers.mapping.yaml"
    mapping.write_text(f"dataset: suppliers\nfiles: [leveranciers.csv]\nencoding: {declared}\n")
    (result,) = run(home, path, mappings=[mapping])
    assert result.error is not None and said in str(result.error), result.error
    assert result.rows_loaded == 0


def test_an_encoding_on_a_workbook_is_refused_as_a_sheet_on_a_csv_is(
    tmp_path: Path, home: Path
) -> None:
    path = tmp_path / "leveranciers.xlsx"
    wb = openpyxl.Workbook()
    for row in (["supplier_id", "name"], ["L1", "Bakker"]):
        wb.active.append(row)
    wb.save(path)
    mapping = tmp_path / "leveranciers.mapping.yaml"
    mapping.write_text("dataset: suppliers\nfiles: [leveranciers.xlsx]\nencoding: cp850\n")
    (result,) = run(home, path, mappings=[mapping])
    assert "encoding in de kolomkoppeling (cp850) geldt alleen voor CSV" in str(result.error)


# --- the delimiter: counted outside quotes, a tab before a comma (helper-131) ----------


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ('Personeelsnummer;Jaar;"Privé km (excl. woon-werk, incl. vakantie, weekend)"', ";"),
        ('"a, b";"c, d"', ";"),  # only quoted commas: the semicolons split
        ("Datum\tUitgenodigd (medewerkers, inhuur)\tAanwezig (medewerkers, inhuur)", "\t"),
        ("Datum\tSoort\tNaam, voornaam", "\t"),  # one tab, one comma: a tie, the tab
        ("a,b,c\td", ","),  # more commas than tabs: the commas
        ('Registratienummer;"Personeels', ";"),  # a name going on over the line
        ('"een, twee, drie"', ","),  # nothing outside the quotes: the whole line
        ("a|b|c", "|"),
        # a quote inside a name is a sign of it, no quoted field (helper-132)
        ('Personeelsnummer (HR, AFAS, oud);Velgmaat (");Jaar;Prive km', ";"),
        ("alleen", None),
    ],
)
def test_the_delimiter_is_counted_outside_quotes(header: str, delimiter: str | None) -> None:
    assert sniff_delimiter(header) == delimiter


def test_a_quoted_name_with_commas_splits_the_header_at_its_semicolons(
    tmp_path: Path, home: Path
) -> None:
    name = "Privé km (excl. woon-werk, incl. vakantie, weekend, avond)"
    data = write(
        tmp_path / "leaseauto_2025.csv",
        f'Personeelsnummer;Jaar;"{name}"\r\n000101;2025;1.250\r\n000102;2025;830\r\n',
        encoding="cp1252",
    )
    mapping = write(
        tmp_path / "leaseauto.mapping.yaml",
        "dataset: vehicle_use\nfiles: [leaseauto_*.csv]\n"
        f"columns: {{Personeelsnummer: employee_key, Jaar: year, '{name}': private_km}}\n",
    )
    [result] = run(home, data, mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 2)
    assert query(home, "select private_km from raw_vehicle_use order by 1") == [(830,), (1250,)]


def test_excels_unicode_text_with_commas_in_its_names_is_split_by_tabs(
    tmp_path: Path, home: Path
) -> None:
    # four tabs and four commas: a tie
    invited = "Uitgenodigd (medewerkers, inhuur, stagiairs)"
    attended = "Aanwezig (medewerkers, inhuur, stagiairs)"
    text = (
        f"Datum\tAfdeling\tSoort\t{invited}\t{attended}\r\n2-2-2026\tVH-N\tDilemmasessie\t11\t9\r\n"
    )
    data = tmp_path / "trainingen_unicode.txt"
    data.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    mapping = write(
        tmp_path / "trainingen.mapping.yaml",
        "dataset: trainings\nfiles: ['trainingen_*.txt']\ncolumns: {Datum: held_on, "
        f"Afdeling: org_unit, Soort: kind, '{invited}': invited_n, '{attended}': attended_n}}\n",
    )
    org = write(tmp_path / "org_units.csv", ORG)
    *_, result = run(home, org, data, mappings=[mapping])
    assert (result.error, result.rows_loaded) == (None, 1)
    assert query(home, "select invited_n, attended_n from raw_trainings") == [(11, 9)]


def test_a_quote_inside_a_header_name_opens_no_wrapped_name() -> None:
    """helper-135: header_record joined the data lines under 'Velgmaat (")' (a quote, but
    not at a field's start) and a comma in them made the comma the delimiter."""
    from pipelines.ingest.delimiters import header_record

    lines = ['employee_key;year;Velgmaat (");private_km', "E1,a,b,c,d,e;2024;17;1", "x,y,z"]
    assert header_record(lines) == lines[0]
    assert sniff_delimiter(header_record(lines)) == ";"
    wrapped = ['"Crediteur', 'nummer",name,legal_form', "C1,Jansen,bv"]
    assert header_record(wrapped) == '"Crediteur\nnummer",name,legal_form'
