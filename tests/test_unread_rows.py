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
