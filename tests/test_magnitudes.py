"""Numbers shown in thousands or millions (helper-160: an XLSX amount formatted
``#,##0.00" k€"`` holds 12,5 for 12.500 euros and loaded a thousand times too small).
The real reader, checks and DuckDB; the formats as openpyxl writes them into the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import openpyxl
import pytest

from pipelines.ingest.checks import checkable_frame
from pipelines.ingest.loader import check_file
from pipelines.ingest.magnitudes import magnitude, shown_magnitude
from pipelines.ingest.mapping import Mapping
from pipelines.ingest.quality.base import SuiteContext
from pipelines.ingest.source_table import load_source

CONTEXT = SuiteContext(today=dt.date(2026, 6, 30))
HEADER = ["employee_key", "received_on", "giver_type", "gift_type", "value_eur", "decision"]


def _gifts(path: Path) -> tuple[dict[int, float], dict[int, str]]:
    """The file's value_eur read (by line), and its quarantined lines' reasons."""
    con = duckdb.connect()
    source = load_source(con, path, path.read_bytes())
    checked = check_file(con, source, Mapping(dataset="gifts"), CONTEXT, b"k" * 32)
    frame = checkable_frame(con, checked)
    read = dict(zip(frame["_line"], frame["value_eur"], strict=True))
    held = dict(con.execute(f"select line, reason from {checked.quarantine}").fetchall())
    return read, held


def _workbook(path: Path, cells: list[tuple[object, str]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for n, (value, shape) in enumerate(cells):
        ws.append([f"E{n}", "01-03-2026", "leverancier", "etentje", value, "geweigerd"])
        ws.cell(row=n + 2, column=5).number_format = shape
    wb.save(path)
    return path


# (format, the cell shown in thousands or more without Excel scaling it)
FORMATS = [
    ('#,##0.00" k€"', True),  # helper-160's workbook
    ('0.0"K"', True),
    ('#,##0" mln"', True),
    ('"x 1.000" #,##0', True),
    ("#,##0.00 \\k\\€", True),  # escaped letters, as Excel writes an unquoted k
    ('[$€-413] #,##0.00" k"', True),
    ('#,##0,,"k"', True),  # scaled by a million, shown as thousands
    ('#,##0,"mln"', True),  # scaled by a thousand, shown as millions
    # helper-167: any case, k/m/T joined to the euro, words, factors, a letter unquoted
    ('#,##0" MLN"', True),
    ('#,##0" Miljoen"', True),
    ('#,##0" Thousand"', True),
    ('#,##0" Mrd."', True),
    ('#,##0" KEuro"', True),
    ('"€m"#,##0', True),
    ('#,##0" mEUR"', True),
    ('#,##0" TEUR"', True),
    ('#,##0" Tsd."', True),
    ('#,##0" (in duizenden)"', True),
    ('"in duizenden euro "#,##0', True),
    ('#,##0" (in € 1.000)"', True),
    ('#,##0" x 10.000"', True),
    ('#,##0" MM"', True),
    ("€ #,##0.0 K", True),
    ("#,##0.0\\ \\m\\l\\n", True),  # escaped letters are one word
    # every section counts: the one for 12,5 is not the first
    ('[=0]"-";#,##0.00" k€"', True),
    ('[>=1000]#,##0.0,"K";#,##0.0"K"', True),
    ('[>=1000000]#,##0,,"M";#,##0,"K"', False),  # each section scaled as it says
    ('#,##0,_-"K"', False),
    ('€ #,##0.0, "K"', False),
    # no magnitude: units and labels with a K or M in them (helper-167)
    ("#,##0\\ \\k\\m", False),
    ('#,##0" M2"', False),
    ('#,##0" K1"', False),
    ('#,##0" st/k"', False),
    ('#,##0" M&O"', False),
    ('#,##0" K.O."', False),
    ('#,##0" (max 1000)"', False),
    ('#,##0" Box 1000"', False),
    ('#,##0" kWh"', False),  # a unit: refused as one (unit_cells, helper-248)
    # helper-168: more ways to say thousands, and labels that do not
    ('#,##0.0" (€ 000)"', True),
    ('"(EUR \'000) "#,##0.0', True),
    ('#,##0" k.€"', True),
    ('#,##0" B"', True),
    ('#,##0" (in 10 termijnen)"', False),
    ('#,##0" (x 10)"', False),
    ('#,##0" € t.b.v."', False),
    ('#,##0,"k€"', False),  # Excel shows 12.500 as 13 k€: the cell is the amount
    ('#,##0.0,"k€"', False),
    ('#,##0,,"mln"', False),
    ('#,##0" km"', False),  # a unit, no magnitude: refused as a unit (unit_cells, helper-244)
    ('0" kg"', False),  # the same
    ('#,##0.00" m"', False),  # a metre: the same
    ("#,##0.00", False),
]


# no magnitude but a unit (km the contract's, the others unit_formats.MEASURES): refused as one
UNIT_SHAPES = {
    '#,##0" km"',
    "#,##0\\ \\k\\m",
    '0" kg"',
    '#,##0.00" m"',
    '#,##0" kWh"',
    '#,##0" M2"',  # square metres
    '#,##0" st/k"',  # pieces, per something: its first word (unit_formats.MEASURES)
}


@pytest.mark.parametrize(("shape", "refused"), FORMATS)
def test_an_amount_shown_in_thousands_it_holds_is_refused_never_multiplied(
    tmp_path: Path, shape: str, refused: bool
) -> None:
    read, held = _gifts(_workbook(tmp_path / "gifts.xlsx", [(12.5, shape), (30, "0.00")]))
    assert read[3] == 30.0  # the other row, in a plain format, as it is
    if shape in UNIT_SHAPES:  # a unit of measure, in a column in euros
        assert 2 not in read and "maar de kolom heeft geen eenheid" in held[2], held
    elif refused:
        assert 2 not in read
        assert "toont het getal in" in held[2] and "niet omgerekend" in held[2], held
        assert "kolom value_eur, waarde '12.5 " in held[2]
    else:
        assert read[2] == 12.5 and 2 not in held


@pytest.mark.parametrize(
    ("cell", "unit"),
    [
        ("12,5 k€", "duizenden"),
        ("1,2 mln", "miljoenen"),
        ("3 mld", "miljarden"),
        ("7K", "duizenden"),
    ],
)
def test_a_text_amount_with_a_magnitude_says_so(tmp_path: Path, cell: str, unit: str) -> None:
    path = tmp_path / "gifts.csv"
    rows = [";".join(HEADER), f"E1;01-03-2026;leverancier;etentje;{cell};geweigerd"]
    rows.append("E2;01-03-2026;leverancier;etentje;25 km;geweigerd")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _, held = _gifts(path)
    assert f"toont het getal in {unit}" in held[2], held
    assert "toont het getal" not in held[3] and "verwacht een getal" in held[3], held


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("k€", 3),
        ("K€", 3),
        ("kEUR", 3),
        ("€ k", 3),
        ("x 1.000", 3),
        ("(x €1.000)", 3),
        ("× 1 000 000", 6),
        ("duizend", 3),
        ("M€", 6),
        ("Mln", 6),
        ("mrd", 9),
        ("km", 0),
        ("kg", 0),
        ("m", 0),
        ("Kwartaal", 0),
        ("x 100", 0),  # a factor under a thousand: no magnitude said so (helper-168)
        ("(in 10 termijnen)", 0),
        ("€ t.b.v.", 0),
        ("€ m.i.v.", 0),
        ("(€ 000)", 3),
        ("(EUR '000)", 3),
        ("k.€", 3),
        ("K-EUR", 3),
        ("bln", 9),
        ("Md€", 9),
        ("Mei", 0),
        ("M/V", 0),
        ("k.m.", 0),
        ("MLN", 6),
        ("x 10.000", 4),
    ],
)
def test_magnitude_names(text: str, named: int) -> None:
    assert magnitude(text) == named


@pytest.mark.parametrize(
    "shape",
    ['"K"000000', '"K-"000', '"M"00000', '"EMP-K"000', '000000" K"', '"E"0000" M"', '000" (K)"'],
)
def test_a_key_with_a_letter_before_its_number_is_read_as_shown(tmp_path: Path, shape: str) -> None:
    """helper-167: a key formatted "K"000000 (Excel shows K000101) became '101 K' under
    the first version of this rule: another person than the K000101 of the CSV exports;
    helper-168: so did 000000" K" (Excel shows 000101 K). A key or text column reads a
    number cell as Excel shows it, whatever its format says of magnitudes."""
    from pipelines.ingest.xlsx_formats import padded_styles

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append([101, "01-03-2026", "leverancier", "etentje", 25, "geweigerd"])
    ws.cell(row=2, column=1).number_format = shape
    wb.save(tmp_path / "gifts.xlsx")
    [(before, digits, after)] = padded_styles(
        openpyxl.load_workbook(tmp_path / "gifts.xlsx")
    ).values()
    shown = f"{before}{'101'.zfill(digits)}{after}"
    csv = tmp_path / "gifts.csv"
    csv.write_text(f"{';'.join(HEADER)}\n{shown};01-03-2026;leverancier;etentje;25;geweigerd\n")
    keys = []
    for path in (tmp_path / "gifts.xlsx", csv):
        con = duckdb.connect()
        source = load_source(con, path, path.read_bytes())
        checked = check_file(con, source, Mapping(dataset="gifts"), CONTEXT, b"k" * 32)
        keys += checkable_frame(con, checked)["employee_key"].tolist()
    assert len(keys) == 2 and keys[0] == keys[1], (shown, keys)


def test_every_section_counts_with_its_own_commas() -> None:
    assert shown_magnitude('#,##0.00" k€";-#,##0.00" k€"') == (3, "k€")
    assert shown_magnitude('#,##0,"k€";-#,##0,"k€";"-"') == (0, "")
    assert shown_magnitude('0000"M"00') == (0, "")  # a month 202601 shown 2026M01
    assert shown_magnitude("[Red]#,##0.00") == (0, "")
