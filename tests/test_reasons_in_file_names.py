"""A quarantine reason names a column a mapping renames as the file names it (helper-193:
'role_start_date ligt vóór hire_date' for a file whose columns are 'Datum in functie' and
'Datum in dienst'): both columns of a two-column rule, quoted; never inside the mapping
text a way out shows ({candidate_rank: {'0': null}} is what the user writes), nor a name
that only begins like a column's (org_units)."""

from __future__ import annotations

from pathlib import Path

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
