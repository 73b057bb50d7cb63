"""Rows with cells only in columns nothing reads (helper-262 F5: a gifts register kept from
a template whose helper formulas, =ALS(E>50;"ja";"nee") and =MAAND(B), ran down to row 40;
36 of its rows were quarantined as without an employee and the register was refused).
Such a row is left out as a blank line is, and a note names its lines; a row with a cell
in a column that is read stays a row, which the rules judge."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import home, org_home, quarantined, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

HEADER = "employee_key;received_on;giver_type;gift_type;value_eur;Boven 50;Maand\n"
GIFTS = (
    "E1;03-03-2026;huurder;goederen;75;ja;3\n"
    "E2;04-03-2026;huurder;goederen;20;nee;3\n"
    "E3;05-03-2026;leverancier;etentje;60;ja;3\n"
)


@pytest.mark.parametrize(
    ("below", "skipped", "held"),
    [
        (";;;;;nee;1\n" * 36, list(range(5, 41)), []),  # the template's formulas alone
        (";;;;;;\n;;;;;nee;\n", [6], []),  # a blank line and one formula
        (";;;;25;nee;1\n", [], [5]),  # an amount is read: a row without its employee
        (";03-03-2026;;;;;\n", [], [5]),
    ],
)
def test_a_row_with_cells_only_in_unread_columns_is_a_blank_line(
    home: Path, tmp_path: Path, below: str, skipped: list[int], held: list[int]
) -> None:
    [result] = run(home, write(tmp_path / "gifts.csv", HEADER + GIFTS + below))
    said = [str(n) for n in result.notes if "zonder gegevens in de kolommen" in str(n)]
    if skipped:
        shown = ", ".join(map(str, skipped[:10])) + (" ..." if len(skipped) > 10 else "")
        assert said == [
            f"{len(skipped)} rij(en) zonder gegevens in de kolommen die gelezen worden, alleen "
            "in andere (formules die een sjabloon doortrekt?), overgeslagen als lege regels: "
            f"regel {shown}"
        ]
    else:
        assert said == []
    assert sorted({line for line, *_ in quarantined(home, "gifts")}) == held
    assert query(home, "select count(*) from raw_gifts") == [(3,)]


NUMBERED = "Volgnr;employee_key;received_on;giver_type;gift_type;value_eur\n"
MAPPING = "dataset: gifts\nfiles: ['register*.csv']\ncolumns: {Volgnr: record_id}\n"


def register(
    home: Path, tmp_path: Path, header: str, rows: list[str]
) -> tuple[list[str], tuple[list[int], int]]:
    """A register of ``rows`` ingested: the notes on rows under its last record, and the
    lines quarantined and the count of rows loaded."""
    f = write(tmp_path / "register.csv", header + "\n".join(rows) + "\n")
    m = write(tmp_path / "register.mapping.yaml", MAPPING)
    [result] = run(home, f, mappings=[m])
    said = [str(n) for n in result.notes if "onder de laatste invoer" in str(n)]
    held = sorted({line for line, *_ in quarantined(home, "gifts")})
    [(loaded,)] = query(home, "select count(*) from raw_gifts")
    return said, (held, loaded)


@pytest.mark.parametrize(
    ("rows", "skipped", "held", "loaded"),
    [
        # helper-268 F4: numbered ahead to 60 under 12 gifts: refused for 48 rows
        ([f"{n};E{n};03-03-2026;huurder;goederen;20" for n in range(1, 13)]
         + [f"{n};;;;;" for n in range(13, 61)], "14-61", [], 12),
        # a cell a marker says empty (NULL, -) is empty here too
        (["1;E1;03-03-2026;huurder;goederen;20", "2;NULL;-;;;", "3;n.v.t.;;;;"], "3-4", [], 1),
        # one row numbered ahead: the boundary
        (["1;E1;03-03-2026;huurder;goederen;20", "2;;;;;"], "3", [], 1),
        # a number alone among the records: a record begun, for quarantine to say
        (["1;E1;03-03-2026;huurder;goederen;20", "2;;;;;", "3;E3;04-03-2026;huurder;goederen;20"],
         None, [3], 2),
        # the last row has a cell beside its number: a row, the rules judge it
        (["1;E1;03-03-2026;huurder;goederen;20", "2;;;;;25"], None, [3], 1),
        # marks for empty alone, in the number's column too: said as such (helper-270 F13)
        (["1;E1;03-03-2026;huurder;goederen;20", "-;-;-;-;-;-", "NULL;;;;;"], "3-4", [], 1),
        # gaps in the numbers under the records: said by line, not as a range
        (["1;E1;03-03-2026;huurder;goederen;20", "2;;;;;", ";;;;;", "4;;;;;"], "3, 5", [], 1),
    ],
)  # fmt: skip
def test_a_register_numbered_ahead_of_its_records_leaves_the_numbers_out(
    home: Path,
    tmp_path: Path,
    rows: list[str],
    skipped: str | None,
    held: list[int],
    loaded: int,
) -> None:
    said, got = register(home, tmp_path, NUMBERED, rows)
    first, _, last = (skipped or "0").partition("-")
    count = int(last) - int(first) + 1 if last else len((skipped or "").split(", "))
    marks = all(r.split(";")[0] in ("-", "NULL") for r in rows[-2:])
    assert said == (
        [
            f"{count} rij(en) onder de laatste invoer met alleen tekens voor leeg (-, NULL, "
            f"n.v.t.), ook in Volgnr, overgeslagen als lege regels: regel {skipped}"
        ]
        if skipped and marks
        else [
            f"{count} rij(en) onder de laatste invoer met alleen een nummer in Volgnr en verder "
            "niets (een vooruit doorgenummerd sjabloon?), overgeslagen als lege regels: regel "
            f"{skipped}"
        ]
        if skipped
        else []
    ), said
    assert got == (held, loaded)


@pytest.mark.parametrize(
    ("rows", "skipped", "held", "loaded"),
    [
        # helper-270 F6: a template's defaults dragged down beside the numbers (nee, € -)
        ([f"{n};E{n};03-03-2026;huurder;goederen;20;ja" for n in range(1, 6)]
         + [f"{n};;;;;€ -;nee" for n in range(6, 30)], "7-30", [], 5),
        # two rows alike: the boundary; one alone is judged by the rules
        (["1;E1;03-03-2026;huurder;goederen;20;ja", "2;;;;;0,00;nee", "3;;;;;0,00;nee"],
         "3-4", [], 1),
        (["1;E1;03-03-2026;huurder;goederen;20;ja", "2;;;;;0,00;nee"], None, [3], 1),
        # a default that differs in one row: that row and those above it are rows
        (["1;E1;03-03-2026;huurder;goederen;20;ja", "2;;;;;0,00;ja", "3;;;;;0,00;nee",
          "4;;;;;0,00;nee"], "4-5", [3], 1),
        # an employee in the template's last row: a record, nothing is left out
        (["1;E1;03-03-2026;huurder;goederen;20;ja", "2;E2;;;;0,00;nee", "3;E2;;;;0,00;nee"],
         None, [3, 4], 1),
        # a date in each: the same
        (["1;E1;03-03-2026;huurder;goederen;20;ja", "2;;04-03-2026;;;0,00;nee",
          "3;;04-03-2026;;;0,00;nee"], None, [3, 4], 1),
        # a word where the number goes (Totaal): no template's numbering, rows
        (["1;E1;03-03-2026;huurder;goederen;20;ja", "Totaal;;;;;20;ja", "Totaal;;;;;20;ja"],
         None, [3, 4], 1),
        # numbered with a prefix, or left empty: a template's numbering
        (["G-1;E1;03-03-2026;huurder;goederen;20;ja", "G-2;;;;;0,00;nee", ";;;;;0,00;nee"],
         "3-4", [], 1),
        # every row alike: no record above them, the rules judge them all
        (["1;;;;;0,00;nee", "2;;;;;0,00;nee"], None, [2, 3], 0),
    ],
)  # fmt: skip
def test_a_register_numbered_ahead_with_a_templates_defaults_leaves_them_out(
    home: Path,
    tmp_path: Path,
    rows: list[str],
    skipped: str | None,
    held: list[int],
    loaded: int,
) -> None:
    """A template numbered ahead whose other cells hold its defaults, the same in each
    row, and no employee or date (the gifts register's required ones)."""
    header = NUMBERED.replace("value_eur", "value_eur;delivered_at_home")
    said, got = register(home, tmp_path, header, rows)
    first, _, last = (skipped or "0").partition("-")
    assert said == (
        [
            f"{int(last) - int(first) + 1} rij(en) onder de laatste invoer met alleen een "
            "nummer in Volgnr en in value_eur, delivered_at_home in elke rij dezelfde waarde, "
            "zonder medewerker, datum of andere verplichte sleutel (een vooruit doorgenummerd "
            f"sjabloon met standaardwaarden?), overgeslagen als lege regels: regel {skipped}"
        ]
        if skipped
        else []
    ), said
    assert got == (held, loaded)
