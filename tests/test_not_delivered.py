"""What was not delivered is no 0 (helper-225: an HR export without sick days and
overtime, and no side-job or gift register at all, scored KRI-HR-SICK, KRI-HR-OVERTIME
and every KRI-REG indicator 0, green, and the risks behind them likelihood 1).

An HR export without the columns reports none: its months give those indicators nothing;
an empty cell in an export that has them is 0. A register speaks for the months up to
its newest export with records, and without one for none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import home, org_home, query, run_built, write

__all__ = ["home", "org_home"]

HEADER = "employee_key;snapshot_month;org_unit;manager_key;job_title;fte;hire_date"


def employees(folder: Path, with_columns: bool, blank: bool = False) -> Path:
    """Six people in VH-N for January to March 2026; with the columns, sick days and
    overtime for two of them and an empty cell for the rest (``blank``: for all of them,
    as an export writes a unit's month without sickness)."""
    head = HEADER + (";sick_days;overtime_hours" if with_columns else "")
    rows = []
    for month in ("2026-01", "2026-02", "2026-03"):
        for i in range(6):
            top = i == 0
            row = f"{100 + i};{month};VH-N;{'' if top else 100};"
            row += f"{'Directeur-bestuurder' if top else 'Consulent'};1;01-01-2015"
            if with_columns:
                row += ";2;4" if i in (1, 2) and not blank else ";;"
            rows.append(row)
    return write(folder / "employees.csv", head + "\n" + "\n".join(rows) + "\n")


def contributions(home: Path, indicators: str) -> list[tuple]:
    return query(
        home,
        "select indicator_id, count(*), sum(numerator) from int_indicators__contributions "
        f"where indicator_id like '{indicators}' group by all order by 1",
    )


@pytest.mark.parametrize(
    ("with_columns", "blank"),
    [(False, False), (True, False), (True, True)],
    ids=["without", "with", "with-every-cell-empty"],
)
def test_sick_days_and_overtime_an_export_does_not_hold_count_for_nothing(
    home: Path, tmp_path: Path, with_columns: bool, blank: bool
) -> None:
    """An export with the columns and every cell empty (nobody sick: helper-229 2, read
    as not reported, the unit's rate from its other months) is 0 all the same."""
    run_built(home, employees(tmp_path / "hr", with_columns, blank))
    found = contributions(home, "KRI-HR-%")
    said = {indicator for indicator, _, _ in found}
    if with_columns:  # 18 months each; the empty cells 0, two people's 2 days and 4 hours
        sick, overtime = (0.0, 0.0) if blank else (12.0, 24.0)
        assert ("KRI-HR-SICK", 18, sick) in found and ("KRI-HR-OVERTIME", 18, overtime) in found
    else:
        assert not said & {"KRI-HR-SICK", "KRI-HR-OVERTIME"}, found
        assert "KRI-HR-ROLE-YEARS" not in said and "KRI-HR-TURNOVER" in said  # as before


def test_a_register_speaks_for_the_months_up_to_its_export_and_none_without_one(
    home: Path, tmp_path: Path
) -> None:
    run_built(home, employees(tmp_path / "hr", True))
    # no register: no exposure, no 0
    assert contributions(home, "KRI-REG-GIFT-%") + contributions(home, "KRI-REG-SJ-%") == []
    folder = tmp_path / "reg"
    write(
        folder / "gifts_2026-02-28.csv",
        "employee_key;received_on;giver_type;gift_type;value_eur;delivered_at_home;decision\n"
        "101;10-02-2026;leverancier;goederen;20;nee;geaccepteerd\n",
    )
    write(
        folder / "gifts.mapping.yaml",
        "dataset: gifts\nfiles: [gifts_*.csv]\n"
        "export_date: {from_name: 'gifts_([0-9]{4}-[0-9]{2}-[0-9]{2})'}\n",
    )
    run_built(home, *sorted(folder.iterdir()))
    months = query(
        home,
        "select distinct strftime(month_start, '%Y-%m') from int_indicators__contributions "
        "where indicator_id = 'KRI-REG-GIFT-OVER50' order by 1",
    )
    assert months == [("2026-01",), ("2026-02",)]  # not March: after the export
    assert contributions(home, "KRI-REG-SJ-%") == []  # still no side-job register
