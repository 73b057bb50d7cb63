"""A line with more or fewer fields than the header is quarantined with what it holds:
the columns it stops before, or the fields after the last column as written, with the
likely cause (helper-202: 'regel heeft 7 velden, de kop heeft er 6' named no column and
no value). Read alike by DuckDB (UTF-8) and by Python (a Windows-1252 file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingesthelpers import ingest_only
from tests.test_ingest import lenient, query, write

HEADER = "record_id;employee_key;received_on;giver_type;Omschrijving;value_eur\n"
GOOD = "G{};1002;01-03-2026;leverancier;goederen;12\n"


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_malformed_line_names_the_columns_it_lacks_or_what_follows_the_last(
    tmp_path: Path, encoding: str
) -> None:
    lines = [GOOD.format(n) for n in range(1, 30)]
    lines[1] = "G2;1002;01-03-2026;leverancier;Bouw; Noord é;12\n"  # a ; in a value
    lines[2] = "G3;1002;01-03-2026;leverancier\n"  # stops two columns early
    lines[3] = "G4;1002;01-03-2026;leverancier;goederen;12;\n"  # one delimiter at its end
    lines[4] = "G5\n"  # one field: four columns and one more
    lines[5] = "G6;1002;01-03-2026;leverancier;goederen;12;;\n"  # two empty fields beyond
    f = write(tmp_path / "gifts.csv", HEADER + "".join(lines), encoding=encoding)
    [result] = ingest_only(tmp_path / "warehouse.duckdb", [f], catalogue=lenient())
    assert (result.rows_loaded, result.rows_quarantined) == (24, 5)
    at = "gifts.csv, regel {}: regel heeft {} velden, de kop heeft er 6: "
    assert (
        query(tmp_path, "select line, value, reason from quarantine order by line")
        == [
            (  # a file with a person's key: what stands past the header is not shown
                3,
                None,
                at.format(3, 7) + "na de laatste kolom, 'value_eur', staat nog een waarde, niet "
                "getoond: het kan die van 'employee_key' zijn, een persoonssleutel (een ; in een "
                "waarde zonder aanhalingstekens?)",
            ),
            (
                4,
                None,
                at.format(4, 4) + "na kolom 'giver_type' houdt de regel op, zonder "
                "'Omschrijving', 'value_eur'",
            ),
            (
                5,
                "",
                at.format(5, 7) + "na de laatste kolom, 'value_eur', staan nog lege velden "
                "(een ; aan het eind van alleen deze regel?)",
            ),
            (
                6,
                None,
                "gifts.csv, regel 6: regel heeft 1 veld, de kop heeft er 6: na kolom 'record_id' "
                "houdt de regel op, zonder 'employee_key', 'received_on', 'giver_type' en nog 2",
            ),
            (
                7,
                ";",
                at.format(7, 8) + "na de laatste kolom, 'value_eur', staan nog lege velden "
                "(een ; aan het eind van alleen deze regel?)",
            ),
        ]
    )


def test_a_value_shifted_out_of_a_key_column_is_not_shown(tmp_path: Path) -> None:
    """helper-203: with the person's number in the last column, a ; in the remark before
    it put the number past the header, and quarantine stored and printed it as written
    (every other place holds it pseudonymised). A nameless column is said by its number."""
    header = "record_id;received_on;giver_type;Omschrijving;value_eur;;Medewerker\n"
    rows = "".join(f"G{n};01-03-2026;leverancier;bloemen;10;;E{n}\n" for n in range(1, 30))
    rows += "G30;01-03-2026;leverancier;Bouw; Noord;10;;E9876543\n"
    f = write(tmp_path / "giften.csv", header + rows)
    m = write(
        tmp_path / "giften.mapping.yaml",
        "dataset: gifts\nfiles: [giften.csv]\ncolumns: {Medewerker: employee_key}\n",
    )
    [result] = ingest_only(tmp_path / "warehouse.duckdb", [f], mappings=[m], catalogue=lenient())
    assert result.rows_quarantined == 1
    [(value, reason)] = query(tmp_path, "select value, reason from quarantine")
    assert value is None and "E9876543" not in reason
    assert reason == (
        "giften.csv, regel 31: regel heeft 8 velden, de kop heeft er 7: na de laatste kolom, "
        "'Medewerker', staat nog een waarde, niet getoond: het kan die van 'Medewerker' zijn, "
        "een persoonssleutel (een ; in een waarde zonder aanhalingstekens?)"
    )
    assert not [e for e in result.examples if "E9876543" in str(e)]


def test_in_a_file_without_keys_what_stands_past_the_header_is_quoted_as_written(
    tmp_path: Path,
) -> None:
    """The org tree has no person's key: the field after the last column is shown, a field
    with the delimiter in it quoted as CSV quotes it."""
    rows = "org_unit;name;parent_unit;level\nWH;Woonpunt;;organisatie\n"
    rows += "".join(f"T{n};Team {n};WH;team\n" for n in range(1, 30))
    rows += 'T30;Verhuur; Noord;WH;team\nT31;Team;WH;team;;"a;b"\n'
    f = write(tmp_path / "org_units.csv", rows)
    ingest_only(tmp_path / "warehouse.duckdb", [f], catalogue=lenient())
    said = [r for (r,) in query(tmp_path, "select reason from quarantine order by line")]
    assert said == [
        "org_units.csv, regel 32: regel heeft 5 velden, de kop heeft er 4: na de laatste "
        "kolom, 'level', staat nog 'team' (een ; in een waarde zonder aanhalingstekens?)",
        "org_units.csv, regel 33: regel heeft 6 velden, de kop heeft er 4: na de laatste "
        "kolom, 'level', staat nog ';\"a;b\"' (een ; in een waarde zonder aanhalingstekens?)",
    ], said


def test_a_key_column_the_contract_does_not_read_hides_it_too(tmp_path: Path) -> None:
    """helper-204: a manager_key column outside the gifts contract, ignored, was shown
    when a shift put it past the header."""
    head = "record_id;employee_key;received_on;giver_type;value_eur;Omschrijving;manager_key\n"
    rows = "".join(f"G{n};E{n};01-03-2026;leverancier;10;bloemen;M{n}\n" for n in range(1, 30))
    rows += "G30;E30;01-03-2026;leverancier;10;Bouw; Noord;M7777777\n"
    f = write(tmp_path / "gifts.csv", head + rows)
    [result] = ingest_only(tmp_path / "warehouse.duckdb", [f], catalogue=lenient())
    [(value, reason)] = query(tmp_path, "select value, reason from quarantine")
    assert value is None and "M7777777" not in reason
    assert "het kan die van 'employee_key', 'manager_key' zijn" in reason, reason


def test_a_nameless_column_is_said_by_its_number_once(tmp_path: Path) -> None:
    """helper-203: nameless columns were bare numbers ('zonder 3, ...'); and not 'na kolom
    kolom 3'."""
    head = "record_id;employee_key;;received_on;value_eur\n"
    rows = "".join(f"G{n};E{n};x;01-03-2026;10\n" for n in range(1, 30)) + "G30;E30;x\n"
    f = write(tmp_path / "gifts.csv", head + rows)
    ingest_only(tmp_path / "warehouse.duckdb", [f], catalogue=lenient())
    [(reason,)] = query(
        tmp_path, "select reason from quarantine where reason_code = 'truncated_row'"
    )
    assert reason.endswith(
        "regel heeft 3 velden, de kop heeft er 5: na kolom 3 houdt de regel op, zonder "
        "'received_on', 'value_eur'"
    ), reason
