"""A workbook's number cell shown in a unit of measure (``0" st"``, ``0" kg"``,
``#,##0" kWh"``) in an amount in euros is refused, as the text '25 st' is: helper-248
found 25 shown as '25 st' loaded as 25 euros without a word (unit_formats.MEASURES,
unit_cells.unit_failures). A count's label is what it counts, and a text after an amount
that is no unit (a period it is per, a note, a currency, a power of ten) is left to its
own rules (helper-251: CLDR's every symbol refused pm, per maand)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

from pipelines.ingest.unit_formats import MEASURES, shown_unit
from tests.test_ingest import home, org_home, query, run

__all__ = ["home", "org_home"]  # the fixtures, imported for pytest

REFUSED = "maar de kolom heeft geen eenheid"


def book(path: Path, header: list[str], rows: list[list], shapes: list[str], column: int) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for i, (row, shape) in enumerate(zip(rows, shapes, strict=True)):
        ws.append(row)
        ws.cell(row=i + 2, column=column).number_format = shape
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


GIFT_SHAPES = {
    '0" st"': True,
    '0 "stuks"': True,
    '#,##0 "St."': True,
    '0" kg"': True,
    '#,##0" kWh"': True,
    '0.0" m²"': True,
    '0" km"': True,  # the contract's unit of another column (helper-244)
    '#,##0" m2"': True,
    '#,##0" liter"': True,
    '#,##0" stk"': True,
    '#,##0" kg CO2"': True,  # its first word
    '0 "kWh/m²"': True,
    '€ #,##0" kg"': True,  # a euro before the number (helper-251 F4)
    '"€ "0" st"': True,
    '€\\ #,##0" kg"': True,  # Excel's escaped space after the euro (helper-252 F4)
    '[$€-413]\\ #,##0" kg"': True,
    '0" (kg)"': True,
    '#,##0" pallets"': True,
    '#,##0" kw"': False,  # kwartaal as often as kilowatt
    '#,##0" pm"': False,  # per maand (helper-251 F3)
    '#,##0" mnd"': False,
    '#,##0" jr"': False,
    '#,##0" p/mnd"': False,
    '#,##0" ton"': False,  # a ton is 100.000 euros in Dutch
    '0 "EUR"': False,
    '"€ "0.00': False,
    '0.00" euro\'s"': False,
    '#,##0" € t.b.v."': False,  # a note, no unit
    '0" pers."': False,
    '0" (in 10 termijnen)"': False,
    "0.00": False,
}


def test_an_amount_shown_in_a_unit_of_measure_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    shapes = list(GIFT_SHAPES)
    rows = [[f"e{i}", dt.datetime(2026, 3, 2), "leverancier", "geld", 25] for i in shapes]
    header = ["employee_key", "received_on", "giver_type", "gift_type", "value_eur"]
    run(home, book(tmp_path / "in" / "gifts.xlsx", header, rows, shapes, 5))
    held = dict(query(home, "select line, reason from quarantine"))
    loaded = dict(query(home, "select _source_line, value_eur from raw_gifts"))
    for line, shape in enumerate(shapes, start=2):
        if GIFT_SHAPES[shape]:
            assert line not in loaded and REFUSED in held[line], (shape, held)
            assert re.search(r"kolom value_eur, waarde '(€ )?25'", held[line]), held[line]
        else:
            assert loaded.get(line) == 25 and line not in held, (shape, held)


def test_a_count_shown_with_what_it_counts_is_read(home: Path, tmp_path: Path) -> None:
    """A count has no unit of its own, and its label may be a unit of measure's word
    (stuks) or none (deelnemers): read; the contract's units of other columns stay
    refused there (helper-244: 25 shown as '25 uur')."""
    shapes = {'0" deelnemers"': 12, '0" st"': 12, '0 "stuks"': 12, '0" uur"': None}
    rows = [[dt.datetime(2026, 3, 2), "VH", "dilemmasessie", 20, 12] for _ in shapes]
    header = ["held_on", "org_unit", "kind", "invited_n", "attended_n"]
    run(home, book(tmp_path / "in" / "trainings.xlsx", header, rows, list(shapes), 5))
    loaded = dict(query(home, "select _source_line, attended_n from raw_trainings"))
    assert [loaded.get(line) for line in range(2, 2 + len(shapes))] == list(shapes.values())


@pytest.mark.parametrize(
    ("shape", "unit"),
    [
        ('0" st"', "st"),
        ('0" kWh"', "kwh"),
        ('0" kg CO2"', "kg"),
        ('"€ "0" st"', "st"),
        ('0.0" fte"', "fte"),
        ('0" M"', None),  # a power of ten (magnitudes.py), not a metre
        ('0" MM"', None),  # millions, not millimetres
        ('0" mln"', None),
        ('0" t"', "t"),  # a letter alone (a ton, or a thousand): a word, no measure
        ('0" t.b.v."', "t.b.v"),  # words are said (helper-282), none a measure
        ('0" USD"', "usd"),
        ('0" pers."', "pers"),
        ('0" pm"', "pm"),
    ],
)
def test_which_texts_after_a_number_are_units(shape: str, unit: str | None) -> None:
    # a word is said too, and refused in a column with a unit of its own
    # (tests/test_format_words.py); an amount refuses the measures alone (GIFT_SHAPES)
    assert shown_unit(shape) == unit


def test_no_unit_of_measure_is_a_period_a_currency_or_a_power_of_ten() -> None:
    from pipelines.ingest.magnitudes import LETTERS, WORDS

    # a metre and a millimetre as units; as powers of ten only in capitals (0" M": above)
    lengths = {"m", "mm"}
    assert not MEASURES & (
        {"pm", "mnd", "jr", "ton", "eur", "euro", "€", *WORDS, *LETTERS} - lengths
    )
