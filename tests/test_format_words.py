"""A workbook's number cell is read as what its own number format shows beside it
(helper-282): a column with a unit takes its own unit and refuses any other word
(``0" weken"`` in days, ``0" m"`` in km or hours, ``0" mnd"``: loaded as the bare number
before, 2 weeks as 2 days); an amount the contract reads without VAT refuses a format
that says it includes it ("incl. BTW"); and the guilder as Dutch formats wrote it ("fl",
"Hfl.", " gld", "f") is no euro. unit_formats.section_unit, unit_cells.unit_failures,
xlsx_formats._named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from pipelines.ingest.unit_formats import WITH_VAT, shown_unit
from tests.test_ingest import home, org_home, query, run, write
from tests.test_ingest_procurement import SUPPLIERS
from tests.test_measure_units import book

__all__ = ["home", "org_home"]  # the fixtures, imported for pytest

# another unit (0" m": unit_cells.OTHER_UNIT_NOTE) or a word (0" weken": WORD_NOTE)
OTHER = ("in een andere eenheid", "niet in de eenheid van de kolom")


def other_unit(reason: str) -> bool:
    return any(said in reason for said in OTHER)


def reasons(home: Path, column: str) -> dict[int, str]:
    sql = f"select line, reason from quarantine where \"column\" = '{column}'"
    return dict(query(home, sql))


EMPLOYEE_HEADER = [
    "employee_key", "snapshot_month", "org_unit", "manager_key", "job_title", "is_manager",
    "fte", "hire_date", "role_start_date", "sick_days", "overtime_hours", "leave_days",
    "longest_leave_block_days_12m", "exit_date", "exit_reason",
]  # fmt: skip
COLUMN = {name: i + 1 for i, name in enumerate(EMPLOYEE_HEADER)}


def employee_row(key: str) -> list:
    hired = dt.datetime(2019, 2, 1)
    month = dt.datetime(2026, 3, 1)
    return [key, month, "VH-N", "100001", "Verhuurconsulent", "nee", 0.8, hired, hired,
            0, 2.5, 1, 15, None, None]  # fmt: skip


# (column, value, format, refused): the column's own unit read, any other word refused,
# a zero too (as another column's unit is: 0" uur" in sick_days)
EMPLOYEE_CELLS = [
    ("longest_leave_block_days_12m", 2, '0" weken"', True),
    ("longest_leave_block_days_12m", 3, '0" wk"', True),
    ("longest_leave_block_days_12m", 3, '0" dagen"', False),
    ("longest_leave_block_days_12m", 0, '0" weken"', True),
    ("sick_days", 1, '0" mnd"', True),
    ("sick_days", 1, '0" dg"', False),
    ("overtime_hours", 450, '0" m"', True),  # metres, or minutes: not guessed
    ("overtime_hours", 7.5, '0.0" uur"', False),
    ("overtime_hours", 7.5, '0.0" (geschat)"', True),  # no unit at all
    ("overtime_hours", 7.5, "0.0", False),
    # helper-284: text before the number, sections of two quantities, the own unit
    # with a qualifier (read, as the column's own)
    ("longest_leave_block_days_12m", 2, '"ca. "0" weken"', True),
    ("longest_leave_block_days_12m", 2, '[=1]0" week";0" weken"', True),
    ("sick_days", 3, '[=1]0" maand";0" maanden"', True),
    ("overtime_hours", 45, '[<60]0" min";0" uur"', True),  # 45 min read as 45 hours
    ("sick_days", 3, '0" ziektedagen"', False),
    ("sick_days", 3, '0" werkdgn."', False),
    ("sick_days", 3, '[=1]0" dag";0" dagen"', False),
    ("overtime_hours", 7.5, '0.0" overuren"', False),
    ("overtime_hours", 7.5, '0.0" uur/mnd"', False),
    ("fte", 0.8, '0.0" fte (contract)"', False),
    ("fte", 0.5, '[>=1]0" fte";0.0" uur"', True),  # which section says the unit: not told
    # helper-285: qualifiers in conditions, labels, the unit last; another quantity
    ("sick_days", 3, '[=1]0" ziektedag";0" ziektedagen"', False),
    ("overtime_hours", 7.5, '[=1]0" overuur";0.0" overuren"', False),
    ("fte", 0.8, '"FTE: "0.00', False),
    ("sick_days", 3, '"Ziek: "0" dagen"', False),
    ("overtime_hours", 7.5, '"Uren: "0.0', False),
    ("sick_days", 3, '0" sick days"', False),
    ("overtime_hours", 7.5, '0.0" OT hrs"', False),
    ("sick_days", 3, '0" uur ziek"', True),  # hours in days: another unit
    ("sick_days", 3, '0" halve dagen"', True),  # another quantity
    # helper-286: read as the column's own unit before; refused now
    ("sick_days", 3, '0" weken (dagen)"', True),
    ("sick_days", 3, '0" halfdagen"', True),
    ("sick_days", 3, '0" dagen/week"', True),
    ("overtime_hours", 7.5, '0.0" kwartuur"', True),
    ("overtime_hours", 7.5, '0.0" uren per week"', True),
    ("fte", 0.8, '0.00" fte (uren)"', True),
    ("fte", 0.8, '0.00" wtf"', False),  # an fte by its Dutch names (helper-286)
    ("fte", 0.8, '"Deeltijdfactor: "0.00', False),
]


def test_a_column_with_a_unit_refuses_any_other_word_its_format_shows(
    home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "in" / "employees.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(EMPLOYEE_HEADER)
    for i, (column, value, shape, _) in enumerate(EMPLOYEE_CELLS):
        row = employee_row(f"{104200 + i}")
        row[COLUMN[column] - 1] = value
        ws.append(row)
        ws.cell(row=i + 2, column=COLUMN[column]).number_format = shape
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    run(home, path)
    for line, (column, value, shape, refused) in enumerate(EMPLOYEE_CELLS, start=2):
        held = reasons(home, column)
        loaded = query(home, f"select {column} from raw_employees where _source_line = {line}")
        if refused:
            assert other_unit(held.get(line, "")), (shape, held)
            assert not loaded, (shape, loaded)
        else:
            assert line not in held and loaded == [(value,)], (shape, held, loaded)


@pytest.mark.parametrize(
    ("shape", "refused"),
    [
        ('#,##0" m"', True),
        ('#,##0" mi"', True),
        ('#,##0" mijl"', True),
        ('#,##0" km"', False),
        ('#,##0" km/jr"', False),  # the column's own, with a qualifier (helper-284)
        ('#,##0" km privé"', False),
        ('#,##0" kms"', False),
        ('"km "0', False),
        ('"ca. "#,##0" m"', True),  # text before the number (helper-284)
        ('"± "#,##0" km"', True),  # about: not read, as the text '± 12.500 km' is not
        ('[>=1000]#,##0" mi";0" km"', True),
        ('[=0]"geen";#,##0" mijl"', True),
        ('#,##0" privé km"', False),  # helper-285
        ('#,##0" priv.km"', False),
        ('#,##0" privékm"', False),
        ('"Privé: "#,##0" km"', False),
        ('"ca. "#,##0" km"', True),
        ('#,##0" per km"', True),  # helper-286: a rate, a speed, another unit, an estimate
        ('#,##0" km/u"', True),
        ('#,##0" mi/km"', True),
        ('#,##0" km geschat"', True),
        ('#,##0" km zakelijk"', True),  # business km: not the private km it is read as
        ('#,##0" meer km"', True),
        ('#,##0" km/mnd"', True),  # a month's km in a year's column
        ('"Ca.: "#,##0" km"', True),
        ('"Per km: "#,##0', True),
        ('#,##0" kilometer"', False),
        ("#,##0", False),
    ],
)
def test_kilometres_refuse_metres_and_miles(
    home: Path, tmp_path: Path, shape: str, refused: bool
) -> None:
    rows = [["E1", 2025, 12500]]
    header = ["employee_key", "year", "private_km"]
    run(home, book(tmp_path / "in" / "vehicle_use.xlsx", header, rows, [shape], 3))
    held = reasons(home, "private_km")
    loaded = query(home, "select private_km from raw_vehicle_use")
    assert (other_unit(held.get(2, "")), loaded) == (refused, [] if refused else [(12500,)])


ORDER_HEADER = [
    "order_id", "ordered_on", "supplier_id", "amount_eur", "org_unit", "procedure",
    "quotes_count", "contract_id", "unit_price_contract", "requester_key", "approver_key",
]  # fmt: skip
ORDER_SHAPES = {
    '#,##0.00" incl. BTW"': "btw",
    '"€ "#,##0.00" incl. BTW"': "btw",
    '#,##0.00" inclusief 21% btw"': "btw",
    '"fl" #,##0.00': "fl",
    '"fl." #,##0.00': "fl.",
    '"Hfl." #,##0.00': "Hfl.",
    '#,##0.00" gld"': "gld",
    '"f" #,##0.00': "f",
    '#,##0.00" EUR incl. BTW"': "btw",  # helper-284: these four loaded
    '"incl. btw "#,##0.00': "btw",
    '[>=0]#,##0.00" incl. btw";-#,##0.00': "btw",
    '#,##0.00" i.BTW"': "btw",
    '#,##0.00" incl."': "btw",  # helper-285: these loaded
    '#,##0.00" incl. 21%"': "btw",
    '#,##0.00 "EUR incl."': "btw",
    '#,##0.00" inkl. MwSt."': "btw",
    '0" gld"': "gld",
    '"f "0': None,  # no amount's number: loaded, as an id's "F "0000 must (helper-286)
    '#,##0.00" incl. korting"': None,  # something else included (helper-286)
    '#,##0.00" excl. btw, incl. vracht"': None,
    '#,##0.00" per dag"': None,  # the period an amount is per
    '"ca. "#,##0.00" kg"': "eenheid",  # a measure, after a text before the number
    '[<1000]0" g";0" kg"': "eenheid",
    "#,##0.00\\ \\f\\l": "fl",  # escaped, as Excel writes it
    "\\H\\f\\l\\.\\ #,##0.00": "Hfl.",
    '#,##0.00" excl. BTW"': None,  # what the contract reads
    '"€ "#,##0.00': None,
    '#,##0.00" EUR"': None,
    '#,##0.00" p/m"': None,  # the period an amount is per (helper-251)
}


def test_an_order_amount_shown_with_vat_or_in_guilders_is_refused(
    home: Path, tmp_path: Path
) -> None:
    shapes = list(ORDER_SHAPES)
    rows = [
        [f"PO-{i}", dt.datetime(2026, 3, 2), "L001", 1234.5, "VH-N", "enkelvoudig_onderhands",
         1, None, "nee", "EMP-1", None]
        for i in range(len(shapes))
    ]  # fmt: skip
    run(home, book(tmp_path / "in" / "procurement.xlsx", ORDER_HEADER, rows, shapes, 4))
    held = reasons(home, "amount_eur")
    for line, shape in enumerate(shapes, start=2):
        said = ORDER_SHAPES[shape]
        if said == "eenheid":
            assert "maar de kolom heeft geen eenheid" in held.get(line, ""), (shape, held)
        elif said == "btw":
            assert "inclusief btw" in held.get(line, "") and "zonder btw" in held[line], held
        elif said:
            assert f"geen bedrag in euro's ({said})" in held.get(line, ""), (shape, held)
        else:
            assert line not in held, (shape, held)


def test_a_gift_may_be_valued_with_vat() -> None:
    """Only the amounts the contract reads without VAT refuse it (header_says.WITHOUT_VAT):
    the format's words are said (WITH_VAT), the column decides."""
    assert shown_unit('#,##0.00" incl. BTW"') == WITH_VAT
    assert shown_unit('#,##0.00" excl. BTW"') != WITH_VAT


def test_a_gift_shown_with_vat_is_read(home: Path, tmp_path: Path) -> None:
    rows = [["e1", dt.datetime(2026, 3, 2), "leverancier", "geld", 25]]
    header = ["employee_key", "received_on", "giver_type", "gift_type", "value_eur"]
    shapes = ['#,##0.00" incl. BTW"']
    run(home, book(tmp_path / "in" / "gifts.xlsx", header, rows, shapes, 5))
    assert reasons(home, "value_eur") == {}
    assert query(home, "select value_eur from raw_gifts") == [(25,)]


def test_an_id_written_after_a_letter_is_no_guilder(home: Path, tmp_path: Path) -> None:
    """An id's prefix is its text (helper-284: "F"000000 made the key 1000 'F 1000', and
    a person's km counted twice): a guilder only before or after an amount's number."""
    shapes = {'"F"000000': "F001000", '"FL-"0000': "FL-1001", '"gld-"0': "gld-1002",
              '"GLD"00000': "GLD01003", '"HFL"0000': "HFL1004", '"F."0000': "F.1005"}  # fmt: skip
    rows = [
        [1000 + i, dt.datetime(2026, 3, 2), "L001", 10, "VH-N", "enkelvoudig_onderhands", 1,
         None, "nee", "EMP-1", None]
        for i in range(len(shapes))
    ]  # fmt: skip
    suppliers = write(tmp_path / "in" / "suppliers.csv", SUPPLIERS)
    run(
        home,
        suppliers,
        book(tmp_path / "in" / "procurement.xlsx", ORDER_HEADER, rows, list(shapes), 1),
    )
    kept = dict(query(home, "select _source_line, order_id from raw_procurement"))
    held = reasons(home, "order_id")
    assert [kept.get(line) for line in range(2, 2 + len(shapes))] == list(shapes.values()), held


def test_the_euro_is_never_said_to_be_another_currency() -> None:
    """helper-282: '1.234,56 EUR-' (SAP's minus after the code) was refused as 'geen
    bedrag in euro's (EUR)'; it stays refused, with the reason of a number."""
    import numpy as np
    import pandas as pd

    from pipelines.ingest.amount_cells import foreign_notes

    cells = pd.Series(["1.234,56 EUR-", "EUR 5-", "USD 5"])
    assert list(foreign_notes(cells, np.array([True, True, True]))) == [2]


def test_a_count_refuses_a_unit_behind_a_text_or_in_conditions(home: Path, tmp_path: Path) -> None:
    """helper-285: attended_n shown '45 min' by conditions, or '± 45 uur', loaded as 45
    attendees, where 0" uur" is refused; a count's own words stay read."""
    shapes = {'[<60]0" min";0" uur"': None, '"± "0" uur"': None, '0" deelnemers"': 12,
              '"n = "0': 12, '0" deelnemers (min. 5)"': 12}  # fmt: skip
    rows = [[dt.datetime(2026, 3, 2), "VH", "dilemmasessie", 20, 12] for _ in shapes]
    header = ["held_on", "org_unit", "kind", "invited_n", "attended_n"]
    run(home, book(tmp_path / "in" / "trainings.xlsx", header, rows, list(shapes), 5))
    loaded = dict(query(home, "select _source_line, attended_n from raw_trainings"))
    assert [loaded.get(line) for line in range(2, 2 + len(shapes))] == list(shapes.values())
