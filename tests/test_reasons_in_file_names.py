"""A quarantine reason names a column a mapping renames as the file names it (helper-193:
'role_start_date ligt vóór hire_date' for a file whose columns are 'Datum in functie' and
'Datum in dienst'): both columns of a two-column rule, quoted; never inside the mapping
text a way out shows ({candidate_rank: {'0': null}} is what the user writes), nor a name
that only begins like a column's (org_units)."""

from __future__ import annotations

from pathlib import Path

from tests.ingesthelpers import WIDE_SURVEY
from tests.test_ingest import home, org_home, query, run, write
from tests.test_ingest_failed_files import ALLOCATION_HEADER, allocation

__all__ = ["home", "org_home"]  # fixtures used here

TRAININGS = "Datum;Afdeling;Soort;Uitgenodigd;Aanwezig\n"
MAPPING = (
    "dataset: trainings\nfiles: ['trainingen*.csv']\ncolumns: {Datum: held_on, "
    "Afdeling: org_unit, Soort: kind, Uitgenodigd: invited_n, Aanwezig: attended_n}\n"
)


def reasons(home: Path) -> list[str]:
    return [r for (r,) in query(home, "select reason from quarantine order by line, reason")]


def test_a_two_column_rule_names_both_columns_as_the_file_does(home: Path, tmp_path: Path) -> None:
    rows = "".join(f"0{d}-03-2026;VH-N;dilemmasessie;10;8\n" for d in range(1, 9))
    rows += "10-03-2026;VH-N;dilemmasessie;10;12\n"  # line 10: more came than were invited
    rows += "11-03-2026;Verhuur Oost;dilemmasessie;10;8\n"  # line 11: no such unit
    f = write(tmp_path / "in" / "trainingen.csv", TRAININGS + rows)
    m = write(tmp_path / "trainingen.mapping.yaml", MAPPING)
    [result] = run(home, f, mappings=[m])
    assert result.error is None
    assert reasons(home) == [
        "trainingen.csv, regel 10, kolom Aanwezig, waarde '12': 'Aanwezig' is groter dan "
        "'Uitgenodigd': er waren meer deelnemers dan genodigden",
        "trainingen.csv, regel 11, kolom Afdeling, waarde 'Verhuur Oost': 'Afdeling' is geen "
        "bekende organisatie-eenheid (org_units): lees de organisatie-eenheden in, vóór of "
        "samen met dit bestand, of vertaal de code in de kolomkoppeling onder values",
    ]


def test_the_mapping_text_of_a_way_out_keeps_the_contract_name(home: Path, tmp_path: Path) -> None:
    header = ALLOCATION_HEADER.replace("candidate_rank", "Positie")
    rows = "".join(allocation(n) for n in range(1, 10)) + allocation(10, rank="0")
    f = write(tmp_path / "in" / "toewijzing.csv", header + rows)
    m = write(
        tmp_path / "toewijzing.mapping.yaml",
        "dataset: allocations\nfiles: ['toewijzing*.csv']\ncolumns: {Positie: candidate_rank}\n",
    )
    [result] = run(home, f, mappings=[m])
    assert result.error is None
    assert reasons(home) == [
        "toewijzing.csv, regel 11, kolom Positie, waarde '0': 'Positie' moet >= 1 zijn (staat "
        "0 voor geen rangnummer? vertaal het dan in de kolomkoppeling: values: "
        "{candidate_rank: {'0': null}})"
    ]


def test_a_file_with_the_contract_names_reads_as_before(home: Path, tmp_path: Path) -> None:
    rows = "".join(f"0{d}-03-2026;VH-N;dilemmasessie;10;8\n" for d in range(1, 9))
    rows += "10-03-2026;VH-N;dilemmasessie;10;12\n"
    header = "held_on;org_unit;kind;invited_n;attended_n\n"
    [result] = run(home, write(tmp_path / "in" / "trainings.csv", header + rows))
    assert result.error is None
    assert reasons(home) == [
        "trainings.csv, regel 10, kolom attended_n, waarde '12': attended_n is groter dan "
        "invited_n: er waren meer deelnemers dan genodigden"
    ]


def test_a_label_values_translated_is_quoted_as_the_file_writes_it(
    home: Path, tmp_path: Path
) -> None:
    """helper-193: after values translated a cell, the reason quoted the translation
    ('99' for alle; 'waarde leeg' for a label made empty), a value nowhere in the file.
    The file's label is quoted, and what values made of it; a cell values left alone is
    quoted as before, and the stored value stays the translation (an unknown unit's
    waits for the unit by it)."""
    rows = "".join(f"0{d}-03-2026;VH-N;dilemmasessie;10;8\n" for d in range(1, 7))
    rows += "07-03-2026;VH-N;dilemmasessie;10;alle\n"  # line 8: alle -> 99 > 10
    rows += "08-03-2026;Onderhoud;dilemmasessie;10;8\n"  # line 9: no such unit
    rows += "09-03-2026;VH-N;E-learning;10;8\n"  # line 10: a label made empty
    f = write(tmp_path / "in" / "trainingen.csv", TRAININGS + rows)
    values = "values: {attended_n: {alle: 99}, org_unit: {Onderhoud: VG-ONDERH}, "
    values += "kind: {E-learning: null}}\n"
    m = write(tmp_path / "trainingen.mapping.yaml", MAPPING + values)
    [result] = run(home, f, mappings=[m])
    assert result.error is None
    said = reasons(home)
    assert said[0].startswith(
        "trainingen.csv, regel 8, kolom Aanwezig, waarde 'alle' (values maakt er '99' van): "
    )
    assert said[1].startswith(
        "trainingen.csv, regel 9, kolom Afdeling, waarde 'Onderhoud' (values maakt er "
        "'VG-ONDERH' van): 'Afdeling' is geen bekende organisatie-eenheid"
    )
    assert said[2] == (
        "trainingen.csv, regel 10, kolom Soort, waarde 'E-learning' (values maakt er een "
        "lege cel van): 'Soort' is verplicht maar leeg"
    )
    stored = "select value from quarantine order by line"
    assert query(home, stored) == [("99",), ("VG-ONDERH",), (None,)]


def test_a_key_values_translated_is_never_quoted_as_written(home: Path, tmp_path: Path) -> None:
    """A person's number is a pseudonym everywhere the quarantine shows it: a key values
    turned into another one (or into none) is not quoted as the file writes it."""
    rows = "".join(allocation(n) for n in range(1, 10))
    rows += allocation(10).replace(";104233;", ";999999;")  # line 11: 999999 -> none
    f = write(tmp_path / "in" / "toewijzing.csv", ALLOCATION_HEADER + rows)
    m = write(
        tmp_path / "toewijzing.mapping.yaml",
        "dataset: allocations\nfiles: ['toewijzing*.csv']\n"
        "values: {consultant_key: {'999999': null}}\n",
    )
    [result] = run(home, f, mappings=[m])
    assert result.error is None
    [said] = reasons(home)
    assert "999999" not in said
    assert said.startswith("toewijzing.csv, regel 11, kolom consultant_key, waarde leeg: ")


def test_a_wide_export_s_reasons_name_the_header_and_the_cell_not_the_contract(
    home: Path, tmp_path: Path
) -> None:
    """helper-202: 'item_code is geen bekend vragenlijst-item' and 'answer moet 1 tot en
    met 5 zijn' in a file with neither column: the header and the cell are meant."""
    rows = "".join(f"R{i};15-03-2026;VH-N;4;5\n" for i in range(1, 20))
    rows += "R20;15-03-2026;VH-N;9;\nR21;15-03-2026;VH-N;;3\n"
    f = write(tmp_path / "in" / "wijd.csv", "RespondentID;Meetmoment;Eenheid;CLA1;XYZ9\n" + rows)
    m = write(tmp_path / "wijd.mapping.yaml", WIDE_SURVEY)
    [result] = run(home, f, mappings=[m])
    assert result.error is None
    said = reasons(home)
    assert said[0].startswith("wijd.csv, regel 2, kolom XYZ9, waarde 'XYZ9': de kolomkop is geen")
    assert said[-2].startswith(
        "wijd.csv, regel 21, kolom CLA1, waarde '9': de waarde in deze kolom moet 1 tot en met 5"
    ), said[-2]
    assert not [r for r in said if "item_code" in r or "answer moet" in r]


def test_a_file_s_column_name_with_a_colon_or_semicolon_stays_whole(
    home: Path, tmp_path: Path
) -> None:
    """helper-203: the texts were split where the contract puts ': ' and '; ' after the
    file's names were in them, so 'Jaar; fiscaal' split its own name and the duplicate's
    lines landed inside it."""
    rows = "".join(f"E{n};2025;100\n" for n in range(1, 30)) + "E1;2025;50\n"
    f = write(tmp_path / "in" / "auto.csv", 'Medewerker;"Jaar; fiscaal";Km\n' + rows)
    m = write(
        tmp_path / "auto.mapping.yaml",
        "dataset: vehicle_use\nfiles: [auto.csv]\n"
        "columns: {Medewerker: employee_key, 'Jaar; fiscaal': year, Km: private_km}\n",
    )
    [result] = run(home, f, mappings=[m])
    assert result.error is None
    said = reasons(home)
    assert said[0].endswith(
        "'Medewerker' + 'Jaar; fiscaal' komt meer dan eens voor in dit bestand (ook op regel "
        "31); twee auto's in één jaar (een wissel)? Tel de privékilometers van de medewerker "
        "in dat jaar op in één regel"
    ), said[0]
