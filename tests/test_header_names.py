"""A contract's column names as a person writes them over a column (helper-104): 'Employee
Key', 'Received On', 'gift-type' are employee_key, received_on and gift_type; a header
that still lacks a required column is refused showing the header it found."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here


@pytest.mark.parametrize(
    "header",
    [
        "Employee Key;Received On;Giver Type;gift-type;Value EUR",
        "employee  key;received_on;GIVER_TYPE;Gift - Type;value_eur",
        "employee_key;received_on;giver_type;gift_type;value_eur",
    ],
)
def test_canonical_names_with_spaces_or_hyphens_are_those_columns(
    home: Path, tmp_path: Path, header: str
) -> None:
    path = write(tmp_path / "gifts.csv", f"{header}\ne1;03-03-2026;huurder;geld;25\n")
    [result] = run(home, path)
    assert result.error is None, result.error
    assert query(home, "select gift_type, value_eur from raw_gifts") == [("geld", 25.0)]


@pytest.mark.parametrize(
    "header",
    [
        "Employee Keys;Received On;Giver Type;gift type;Value EUR",  # one letter too many
        "EmployeeKey;Received On;Giver Type;gift type;Value EUR",  # no space: not guessed
    ],
)
def test_another_name_is_still_missing_and_the_header_is_shown(
    home: Path, tmp_path: Path, header: str
) -> None:
    path = write(tmp_path / "gifts.csv", f"{header}\ne1;03-03-2026;huurder;geld;25\n")
    [result] = run(home, path)
    said = str(result.error)
    assert f"{path}: dataset gifts: verplichte kolom ontbreekt: employee_key (" in said, said
    first = header.split(";")[0]
    assert f"de kop van het bestand: '{first}' | 'Received On'" in said, said


def test_under_a_mapping_a_name_it_does_not_read_stays_unread(home: Path, tmp_path: Path) -> None:
    """helper-107: a mapping reading Volgnummer as record_id, beside a column 'Record ID',
    refused the file ('horen allebei bij record_id'); that column is not the mapping's."""
    folder = tmp_path / "in"
    write(
        folder / "nevenfuncties.mapping.yaml",
        "dataset: side_jobs\nfiles: [nevenfuncties.csv]\ncolumns: {Volgnummer: record_id}\n",
    )
    write(
        folder / "nevenfuncties.csv",
        "Volgnummer;Record ID;employee_key;registered_on;sector\nN1;oud-7;e1;03-03-2026;zorg\n",
    )
    [result] = [r for r in run(home, folder) if r.path.name == "nevenfuncties.csv"]
    assert result.error is None, result.error
    assert query(home, "select record_id from raw_side_jobs") == [("N1",)]
    said = " ".join(str(n) for n in result.notes)
    # helper-171: under a mapping's columns, not mapped either (it was said to be outside
    # the contract alone, which hid that the mapping left it out)
    assert "niet in de kolomkoppeling en niet in het contract, genegeerd: Record ID" in said, said
