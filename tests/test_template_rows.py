"""A register's template numbered ahead with its defaults dragged down is left out only
where the rows are plainly no records (pipelines/ingest/template_rows.py; helper-271
F2: a mapping's value for a marker made records of such rows, and they were left out;
incomplete real records and descriptions in an unread column were taken for defaults;
defaults above rows of a number alone, or a dragged date of zeros, still refused)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import home, org_home, quarantined, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

HEADER = "Volgnr;Persnr;Datum;Gever;Soort;Waarde;Thuis;Omschrijving\n"
COLUMNS = (
    "columns: {Volgnr: record_id, Persnr: employee_key, Datum: received_on, Gever: giver_type, "
    "Soort: gift_type, Waarde: value_eur, Thuis: delivered_at_home}\n"
)
GIFTS = [f"{n};E{n};0{n}-03-2026;huurder;goederen;20;ja;" for n in range(1, 4)]


def ingest(home: Path, tmp_path: Path, rows: list[str], extra: str = "") -> tuple[int, list, list]:
    """Rows loaded, lines quarantined and the template notes."""
    f = write(tmp_path / "register.csv", HEADER + "\n".join(GIFTS + rows) + "\n")
    m = write(tmp_path / "register.mapping.yaml", "dataset: gifts\n" + COLUMNS + extra)
    [result] = run(home, f, mappings=[m])
    notes = [str(n) for n in result.notes if "onder de laatste invoer" in str(n)]
    held = sorted({line for line, *_ in quarantined(home, "gifts")})
    [(loaded,)] = query(home, "select count(*) from raw_gifts")
    return loaded, held, notes


def test_a_marker_the_mapping_gives_a_value_makes_a_record(home: Path, tmp_path: Path) -> None:
    """helper-271 F2-1: '-' mapped to ALGEMEEN and an empty date to 1 March: three gifts
    that load, left out as a template's rows."""
    values = 'values: {employee_key: {"-": ALGEMEEN}, received_on: {"": 01-03-2026}}\n'
    rows = [f"{n};-;;;;0,00;nee;" for n in range(4, 7)]
    loaded, held, notes = ingest(home, tmp_path, rows, values)
    assert (loaded, held, notes) == (6, [], [])


@pytest.mark.parametrize(
    "rows",
    [
        # values of their own: incomplete records, for the rules to refuse
        [f"{n};;;leverancier;goederen;25,00;nee;" for n in range(4, 7)],
        # a description in a column not read: the same
        [f"{n};;;;;€ -;nee;Kerstpakket van leverancier {n}" for n in range(4, 7)],
    ],
)
def test_rows_alike_with_values_of_their_own_are_no_template(
    home: Path, tmp_path: Path, rows: list[str]
) -> None:
    loaded, held, notes = ingest(home, tmp_path, rows)
    assert (loaded, held, notes) == (3, [5, 6, 7], [])


def test_defaults_above_rows_of_a_number_alone_are_left_out_with_them(
    home: Path, tmp_path: Path
) -> None:
    """helper-271 F2-3: the rows of a number alone were left out, those with defaults
    above them quarantined, and the register refused."""
    rows = [f"{n};;;;;€ -;nee;" for n in range(4, 10)] + [f"{n};;;;;;;" for n in range(10, 20)]
    loaded, held, notes = ingest(home, tmp_path, rows)
    assert (loaded, held) == (3, [])
    assert notes == [
        "16 rij(en) onder de laatste invoer met alleen een nummer in Volgnr en in Waarde, Thuis "
        "in elke rij dezelfde waarde, zonder medewerker, datum of andere verplichte sleutel (een "
        "vooruit doorgenummerd sjabloon met standaardwaarden?), overgeslagen als lege regels: "
        "regel 5-20"
    ]


@pytest.mark.parametrize("zero", ["00-01-1900", "0-1-1900", "00:00:00", "30-12-1899"])
def test_a_dragged_date_of_zeros_is_empty_as_the_checks_read_it(
    home: Path, tmp_path: Path, zero: str
) -> None:
    """helper-271 F2-4: Excel's day 0 (a date formula with nothing to show; a workbook's
    cell of 0 arrives as 00:00:00) counted as a filled date, and the register was refused."""
    rows = [f"{n};;{zero};;;0,00;nee;" for n in range(4, 9)]
    loaded, held, notes = ingest(home, tmp_path, rows)
    assert (loaded, held, len(notes)) == (3, [], 1), notes
    assert "in Waarde, Thuis in elke rij dezelfde waarde" in notes[0]


@pytest.mark.parametrize(
    ("rows", "held"),
    [
        # a lookup that failed beside a name in a column not read
        (["4;#N/B;00-01-1900;;;;;Piet Jansen", "5;#N/B;00-01-1900;;;;;Anna de Vries"], [5, 6]),
        # a description alone, in a column not read
        (["4;;;;;;;Kerstpakket van Bouwbedrijf X, 150 euro"], [5]),
        # a record pasted whole into the number's column
        (['"4,E4,04-03-2026,leverancier,geld,150,nee";;;;;;;'], [5]),
        # defaults above a row of its own: no template at the end, all three judged
        (["4;;;;;0,00;nee;", "5;;;;;0,00;nee;", "6;;;;;;;Kerstpakket"], [5, 6, 7]),
    ],
)
def test_a_numbered_row_with_something_of_its_own_is_a_row(
    home: Path, tmp_path: Path, rows: list[str], held: list[int]
) -> None:
    """helper-272 F1: such rows were left out as rows of a number alone, unquarantined."""
    loaded, quarantined_lines, notes = ingest(home, tmp_path, rows)
    assert (loaded, quarantined_lines, notes) == (3, held, [])


def test_numbers_and_a_date_pasted_into_the_number_are_a_row(home: Path, tmp_path: Path) -> None:
    """helper-273 F1: '5 104233 05-03-2026 20', a gift pasted whole into Volgnr, passed
    for a template's number and was left out; only the rows below it are."""
    rows = ["4;;;;;;;", "5 104233 05-03-2026 20;;;;;;;", "6;;;;;;;", "7;;;;;;;"]
    loaded, held, notes = ingest(home, tmp_path, rows)
    assert (loaded, held, len(notes)) == (3, [5, 6], 1)
    assert notes[0].startswith("2 rij(en) onder de laatste invoer met alleen een nummer")
    assert notes[0].endswith("regel 7-8")


def test_a_default_dragged_down_in_a_column_not_read_is_the_templates(
    home: Path, tmp_path: Path
) -> None:
    """helper-273 F2: =ALS(F2>50;"ja";"nee") dragged down beside the register made every
    template row one of its own, and the register was refused."""
    rows = [f"{n};;;;;;;nee" for n in range(4, 10)]
    loaded, held, notes = ingest(home, tmp_path, rows)
    assert (loaded, held, len(notes)) == (3, [], 1)
    assert "in Omschrijving in elke rij dezelfde waarde" in notes[0], notes
