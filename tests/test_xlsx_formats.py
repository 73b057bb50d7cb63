"""An XLSX amount shown in another currency by its cell's number format (issue 13, 0
misreads; left alone at f0d27f4; other languages' symbols, helper-97): the cell holds the
bare number, and 2.400 dollars were stored as 2.400 euros. Now such a cell is refused as
an amount in another currency; the euro's own formats and Excel's built-in currency
formats (the computer's own currency) load as before."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles.numbers import BUILTIN_FORMATS

from pipelines.ingest.unit_formats import shown_unit
from pipelines.ingest.xlsx_formats import format_currency
from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here


@pytest.mark.parametrize(
    ("number_format", "currency"),
    [
        ("[$USD] #,##0.00", "USD"),
        ("[$$-409]#,##0.00;[RED]-[$$-409]#,##0.00", "$"),  # LibreOffice, en-US
        ('"£"#,##0.00', "£"),
        ("\\$#,##0.00", "$"),
        ("$#,##0", "$"),  # Excel shows a $ without quotes
        ('#,##0.00 "CHF"', "CHF"),
        ('"US$" #,##0', "US$"),
        ("[$kr.-406] #,##0.00", "kr."),  # Danish kroner by their locale
        ("[Red][$USD] #,##0.00", "USD"),
        # helper-97: symbols as their languages write them, and a locale by its tag
        ('#,##0.00 "zł"', "zł"),
        ('#,##0.00 "kr"', "kr"),
        ('#,##0.00 "Kč"', "Kč"),
        ('#,##0.00 "Ft"', "Ft"),
        ('"Fr." #,##0.00', "Fr."),
        ("_-[$$-en-US]* #,##0.00_-", "$"),
        ('#,##0" K"', None),  # thousands: a single letter is no symbol
        ('#,##0 "KM"', None),  # helper-98: kilometres, though Babel's Bosnian mark
        ('#,##0 "Kg."', None),
        ("[$eur.] #,##0.00", None),  # the euro as 'eur.'
        ('#,##0.00 "Euro\'s"', None),
        ('0 "uur"', None),
        ('#,##0 "st."', None),
        ("dd-mm-yyyy", None),
        # the euro, or no currency at all
        ("[$€-413] #,##0.00", None),
        ("€ #,##0.00;€ -#,##0.00", None),
        ('#,##0.00 "EUR"', None),
        ("[$EUR] #,##0.00", None),
        ("[$-413]d mmmm yyyy", None),  # a language only: Dutch month names
        ('#,##0 "STK"', None),  # three capitals that are no ISO 4217 code
        ('0.0" km"', None),
        ("#,##0.00", None),
        ("[>=1000]#,##0;0", None),
    ],
)
def test_a_number_formats_currency(number_format: str, currency: str | None) -> None:
    assert format_currency(number_format) == currency


ORDER_HEAD = [
    "order_id", "ordered_on", "supplier_id", "amount_eur", "org_unit", "procedure",
    "quotes_count", "requester_key",
]  # fmt: skip


def write_orders(path: Path, formats: list[str | None]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(ORDER_HEAD)
    for i, number_format in enumerate(formats, start=1):
        ws.append([f"P{i}", "02-03-2026", "L1", 2400.5, "VH-N", "raamcontract", 1, "E1"])
        if number_format is not None:
            ws.cell(row=i + 1, column=4).number_format = number_format
    wb.save(path)
    return path


def test_an_xlsx_amount_in_dollars_is_refused_and_euros_load(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n")
    write_orders(
        folder / "inkoop.xlsx",
        [
            "[$USD] #,##0.00",  # 2: dollars
            "[$€-413] #,##0.00",  # 3: euros
            BUILTIN_FORMATS[7],  # 4: Excel's built-in currency: the computer's own
            '"£"#,##0.00',  # 5: pounds
            None,  # 6: General
            "#,##0.00",  # 7: a number format of the file's own, no currency
        ],
    )
    run(home, folder)
    rows = query(
        home,
        'select line, "column", value, reason_code, reason from quarantine '
        "where dataset = 'procurement' order by line",
    )
    assert [(r[0], r[1], r[3]) for r in rows] == [
        (2, "amount_eur", "wrong_type"),
        (5, "amount_eur", "wrong_type"),
    ]
    assert rows[0][2] == "USD 2400.5"
    assert "geen bedrag in euro's (USD)" in rows[0][4], rows[0][4]
    assert "geen bedrag in euro's (£)" in rows[1][4], rows[1][4]
    assert sorted(query(home, "select order_id, amount_eur from raw_procurement")) == [
        ("P2", 2400.5), ("P3", 2400.5), ("P5", 2400.5), ("P6", 2400.5)
    ]  # fmt: skip


def test_a_key_shown_with_leading_zeros_is_the_key_as_shown(home: Path, tmp_path: Path) -> None:
    """helper-97: the key 101 in a cell formatted 000000 shows as 000101 in Excel and
    was pseudonymised as 101, another person than 000101 in every text export. A number
    format of zeros writes it as shown; a number in General, or wider than the zeros,
    or with a fraction, stays as it is."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([*ORDER_HEAD, "approver_key"])
    cases = [  # requester cell, its format, the approver as text, the same person?
        (101, "000000", "000101", True),
        (101, None, "000101", False),  # General: the zeros were never there
        (1234567, "000000", "1234567", True),  # wider than the zeros: as it is
        (101, "00", "101", True),
        # helper-144: the text a format writes around the zeros is part of what it shows
        (101, '"TW-"000000', "TW-000101", True),
        (101, "\\T\\W000000", "TW000101", True),
        (101, '"VHE"0000" A"', "VHE0101 A", True),
        (101, '"TW-"0', "TW-101", True),  # one zero: no padding, the text before it
        (101, '0" km"', "101", True),  # a unit after one zero: the number, for its column
        (101, "0", "101", True),
    ]
    for i, (requester, number_format, approver, _) in enumerate(cases, start=1):
        ws.append([f"P{i}", "02-03-2026", "L1", 100, "VH-N", "raamcontract", 1, requester])
        ws.cell(row=i + 1, column=9, value=approver).number_format = "@"
        if number_format:
            ws.cell(row=i + 1, column=8).number_format = number_format
    folder = tmp_path / "in"
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n")
    wb.save(folder / "inkoop.xlsx")
    run(home, folder)
    same = dict(query(home, "select order_id, requester_key = approver_key from raw_procurement"))
    assert same == {f"P{i}": case[3] for i, case in enumerate(cases, start=1)}


def test_a_key_in_a_currency_format_is_its_number(home: Path, tmp_path: Path) -> None:
    """helper-98: a requester key 101 in a cell formatted [$USD] 0 was pseudonymised as
    'USD 101', another person than 101 without a word. The amount beside it in the same
    format is still no euros."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([*ORDER_HEAD, "approver_key"])
    ws.append(["P1", "02-03-2026", "L1", 100, "VH-N", "raamcontract", 1, 101, "101"])
    ws.cell(row=2, column=8).number_format = "[$USD] 0"
    ws.cell(row=2, column=9).number_format = "@"
    ws.append(["P2", "02-03-2026", "L1", 100, "VH-N", "raamcontract", 1, 101, "101"])
    ws.cell(row=3, column=4).number_format = "[$USD] 0"
    folder = tmp_path / "in"
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n")
    wb.save(folder / "inkoop.xlsx")
    run(home, folder)
    assert query(home, "select order_id, requester_key = approver_key from raw_procurement") == [
        ("P1", True)
    ]
    held = query(home, 'select line, "column", value from quarantine')
    assert held == [(3, "amount_eur", "USD 100")]


def test_a_key_columns_number_cells_leave_its_other_cells_as_written() -> None:
    """The key rule above, beside a marker and a spreadsheet error in the same column:
    quarantine shows what the file holds (a first version showed True and False)."""
    from pipelines.ingest.lookups import ColumnPlan, lookup
    from pipelines.ingest.quality.base import Column

    plan = ColumnPlan(Column("approver_key", "text"), "nl", is_key=True)
    cells = ["NULL", "#WAARDE!", "USD 101", "101"]
    frame, _ = lookup(plan, cells, b"k" * 32, [False, False, True, True])
    assert frame["shown"].tolist()[:2] == ["NULL", "#WAARDE!"]
    assert frame["value"].iloc[2] == frame["value"].iloc[3]


def test_a_re_export_whose_ids_excel_shows_with_their_text_counts_once(
    home: Path, tmp_path: Path
) -> None:
    """helper-144: allocations TW-000100 ... in a CSV, then the year-to-date workbook whose
    id cells are the numbers formatted "TW-"000000 (Excel shows TW-000100): read as 100,
    every allocation counted twice. Read as shown, the workbook's rows are the same keys."""
    from tests.test_reexports import ALLOCATION_HEADER, allocations

    csv = write(tmp_path / "toewijzingen_juni.csv", allocations(range(1, 2)))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(ALLOCATION_HEADER.strip().split(";"))
    for line in allocations(range(1, 2)).splitlines()[1:]:
        cells = line.split(";")
        ws.append([int(cells[0].removeprefix("TW-")), *cells[1:]])
        ws.cell(row=ws.max_row, column=1).number_format = '"TW-"000000'
    book = tmp_path / "toewijzingen_juli.xlsx"
    wb.save(book)
    run(home, csv, book)
    ids = query(home, "select allocation_id, count(*) from raw_allocations group by 1 order by 1")
    assert ids == [(f"TW-{100 + n:06d}", 2) for n in range(16)]


def test_a_number_shown_with_text_is_its_number_outside_a_text_column(
    home: Path, tmp_path: Path
) -> None:
    """helper-145: reading the format's text in every column refused a year shown as
    "Jaar "0 and kilometres as "km "0, read right before. A text column (the key) reads
    what Excel shows, E000101 as the next row's text cell; the year and the kilometres
    are their numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["employee_key", "year", "private_km"])
    ws.append([101, 2024, 12000])
    for column, number_format in ((1, '"E"000000'), (2, '"Jaar "0'), (3, '"km "0')):
        ws.cell(row=2, column=column).number_format = number_format
    ws.append(["E000101", 2025, 800])
    wb.save(tmp_path / "leaseauto.xlsx")
    [result] = run(home, tmp_path / "leaseauto.xlsx")
    assert (result.rows_loaded, result.rows_quarantined) == (2, 0), result.notes
    rows = query(
        home, "select count(distinct employee_key), sum(year), sum(private_km) from raw_vehicle_use"
    )
    assert rows == [(1, 4049, 12800.0)]
    assert not any("als getal bewaart" in str(n) for n in result.notes), result.notes


EURO_FORMATS = [
    "#,##0.-",  # shows 12.500,- (the dash of whole euros)
    '"€" #,##0',
    "[$€-413] #,##0.00",
    "\\€ #,##0",
    '#,##0.00 "EUR"',
    BUILTIN_FORMATS[7],  # Excel's built-in currency: the computer's own, the euro
    BUILTIN_FORMATS[44],  # and its accounting format with the sign (helper-210)
    "#,##0.=",  # 12.500,= (helper-210)
]


@pytest.mark.parametrize("convert", [True, False])
def test_an_xlsx_cell_shown_in_euros_is_not_multiplied_from_thousands(
    home: Path, tmp_path: Path, convert: bool
) -> None:
    """helper-209: under amount_eur: {multiply_by: 1000} (k€) a number cell shown as
    € 12.500 or 12.500,- loaded as 12.500.000 without a word (a text cell so written was
    refused). Such a cell is in euros: quarantined there, and read as its number where
    the mapping converts nothing; a key shown in euros is its number."""
    folder = tmp_path / "in"
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n")
    path = write_orders(folder / "inkoop.xlsx", [*EURO_FORMATS, "#,##0.000"])
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for row in range(2, len(EURO_FORMATS) + 3):
        ws.cell(row=row, column=4).value = 12.5 if row == len(EURO_FORMATS) + 2 else 12500
    ws.cell(row=2, column=8).value = 101  # the requester's key, shown in euros
    ws.cell(row=2, column=8).number_format = '"€" 0'
    ws.cell(row=3, column=8).value = "101"  # and as text: the same person
    ws.cell(row=2, column=7).value = 3  # a count shown in euros: its number
    ws.cell(row=2, column=7).number_format = '"€" 0'
    wb.save(path)
    if convert:
        write(
            folder / "inkoop.mapping.yaml",
            "dataset: procurement\nfiles: [inkoop.xlsx]\n"
            "convert: {amount_eur: {multiply_by: 1000}}\n",
        )
    run(home, folder)
    loaded = sorted(query(home, "select order_id, amount_eur from raw_procurement"))
    reasons = query(home, "select line, reason from quarantine where dataset = 'procurement'")
    last = f"P{len(EURO_FORMATS) + 1}"
    if convert:
        assert loaded == [(last, 12500.0)]
        assert [line for line, _ in reasons] == list(range(2, len(EURO_FORMATS) + 2))
        assert all("rekent amount_eur om (convert)" in r for _, r in reasons), reasons
        assert all("de werkmap toont dit getal met de getalnotatie" in r for _, r in reasons)
    else:
        assert reasons == [] and loaded == [(f"P{i}", 12500.0) for i in range(1, 9)] + [
            (last, 12.5)
        ]
        assert query(home, "select count(distinct requester_key) from raw_procurement") == [(2,)]
        assert query(home, "select quotes_count from raw_procurement where order_id = 'P1'") == [
            (3,)
        ]


@pytest.mark.parametrize("number_format", ['"€" #,##0', "[$€-413] #,##0.00", BUILTIN_FORMATS[7]])
def test_a_number_shown_in_euros_outside_an_amount_is_its_number(
    home: Path, tmp_path: Path, number_format: str
) -> None:
    """helper-210: kilometres (and fte, a score) in a cell shown in euros were written
    '€ 1200' and refused whole, 'verwacht een getal'; only an amount reads the sign."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["employee_key", "year", "private_km"])
    for i in range(3):
        ws.append([f"E{i}", 2025, 1200.5])
        ws.cell(row=i + 2, column=3).number_format = number_format
    path = tmp_path / "km" / "vehicle_use.xlsx"
    path.parent.mkdir(parents=True)
    wb.save(path)
    [result] = run(home, path)
    assert (result.error, result.rows_quarantined) == (None, 0), result.error
    assert query(home, "select distinct private_km from raw_vehicle_use") == [(1200.5,)]


UNIT_HEADER = ["Persnr", "Peildatum", "Afdeling", "Leidinggevende", "Functie", "Uren per week"]
UNIT_MAPPING = (
    "dataset: employees\nfiles: [uren*.xlsx]\n"
    "columns: {Persnr: employee_key, Peildatum: snapshot_month, Afdeling: org_unit, "
    "Leidinggevende: manager_key, Functie: job_title, Uren per week: fte, "
    '"Ziekte (uren)": sick_days}\n'
)
CONVERT_HOURS = "convert: {fte: {divide_by: 36}, sick_days: {divide_by: 8}}\n"
Shown = tuple[float, str | None]  # a number cell and its own number format (None: General)


def hours_book(path: Path, rows: list[tuple[Shown, ...]], extra: list[str] = ()) -> Path:
    """Employees 100, 101, ... with their fte, sick_days (and ``extra`` columns') cells,
    each number in its own number format."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([*UNIT_HEADER, "Ziekte (uren)", *extra])
    for i, cells in enumerate(rows):
        ws.append([100 + i, "31-03-2026", "VH-N", 1, "Medewerker", *(v for v, _ in cells)])
        for column, (_, number_format) in enumerate(cells, start=6):
            if number_format:
                ws.cell(row=i + 2, column=column).number_format = number_format
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def unit_free_names(book: Path) -> str:
    """``book``'s headers without a unit in their names (Dienstverband, Ziekte), and
    UNIT_MAPPING for them: no name says hours, so only the cells' formats do."""
    wb = openpyxl.load_workbook(book)
    header = {"Uren per week": "Dienstverband", "Ziekte (uren)": "Ziekte"}
    for cell in wb.active[1]:
        cell.value = header.get(cell.value, cell.value)
    wb.save(book)
    return UNIT_MAPPING.replace("Uren per week", "Dienstverband").replace(" (uren)", "")


def ingested(home: Path, folder: Path, book: Path) -> list[tuple]:
    """The book's rows as loaded (line, fte, sick_days), with its reasons checked first:
    each names the file, line, the file's column and the value as written."""
    for line, value, reason in query(home, "select line, value, reason from quarantine"):
        assert re.match(rf"{book.name}, regel {line}, kolom [^,]+, waarde '{value}'", reason)
    return query(home, "select _source_line, fte, sick_days from raw_employees order by 1")


@pytest.mark.parametrize(
    "fte_format",
    [
        '0.0" fte"',
        '#,##0.00 "FTE"',
        "0.0\\ \\f\\t\\e",
        '[Blue]0.0" fte";[Red]-0.0" fte"',
        '0.0" Fte."',
        'General" fte"',
    ],
)
def test_a_number_shown_with_the_contracts_unit_is_not_converted_again(
    home: Path, tmp_path: Path, fte_format: str
) -> None:
    """helper-208 5: under convert: {fte: {divide_by: 36}} (the column in hours a week) a
    workbook's number cell 0.8 whose format shows it as '0,8 fte' was divided again, to
    0,0222 fte, without a word; a text cell '0,8 fte' was quarantined. Now the number
    cell is too, and one shown '016 dagen' (leading zeros, helper-216); a cell shown in
    hours ('7,5 uur') is in the file's own unit and converted, and a General cell as
    before."""
    folder = tmp_path / "in"
    book = hours_book(
        folder / "uren_x.xlsx",
        [
            ((0.8, fte_format), (16, None)),
            ((36, None), (8, '0" dagen"')),
            ((9, '0.0" uur"'), (24, '0" uur"')),
            ((18, None), (16, None)),
            ((18, None), (16, '00" dagen"')),
            ((18, None), (3, '0" km"')),  # no hours: not the file's unit (helper-217)
            ((18, None), (2, '0" werkdagen"')),  # days as HR writes them too
            ((18, None), (240, '0" min"')),  # minutes, where the header says hours
        ],
    )
    write(folder / "uren.mapping.yaml", UNIT_MAPPING + CONVERT_HOURS)
    run(home, folder)
    assert ingested(home, folder, book) == [(4, 0.25, 3.0), (5, 0.5, 2.0)]
    reasons = query(home, 'select line, "column", value, reason from quarantine order by 1')
    assert [(line, column, value) for line, column, value, _ in reasons] == [
        (2, "fte", "0,8"),
        (3, "sick_days", "8"),
        (6, "sick_days", "16"),
        (7, "sick_days", "3"),
        (8, "sick_days", "2"),
        (9, "sick_days", "240"),
    ]
    assert "(2 min) dan de kolomnaam 'Ziekte (uren)' zegt" in reasons[5][3], reasons
    assert "kolom Ziekte (uren), waarde '8'" in reasons[1][3], reasons
    assert "in de eenheid van het contract (2 dagen), maar" in reasons[1][3], reasons
    assert "in een eenheid (2 km) die de kolomkoppeling niet omrekent" in reasons[3][3]
    assert all("de werkmap toont dit getal met de getalnotatie" in r for *_, r in reasons)
    assert "rekent 'Uren per week' om (convert)" in reasons[0][3], reasons


def test_without_convert_a_number_shown_with_its_columns_unit_is_its_number(
    home: Path, tmp_path: Path
) -> None:
    """The unit a format shows is the column's own where the mapping converts nothing:
    the number is read as before, and outside a column with a unit (the key) too. Only
    the number is in the cell: overtime of 7,45 hours shown '7,45 uur' is no clock time
    7.45 (helper-216: quarantined as maybe 7 hours 45 when the cell was read as its
    text). Another column's unit is refused (helper-216: 16 hours shown '16 uur' loaded
    as 16 sick days, where the text '16 uur' is refused)."""
    folder = tmp_path / "in"
    book = hours_book(
        folder / "uren_x.xlsx",
        [
            ((0.8, '0.0" fte"'), (8, '0" dagen"'), (7.45, '0.00" uur"')),
            ((1, '0" fte"'), (2.5, '0.0" uur"'), (7.25, '0.00" u"')),
            ((0.5, '0.0" fte"'), (3, '0" km"'), (12.59, '#,##0.00 "uren"')),
            ((0.5, None), (3, None), (90, '0" min"')),  # 90 minutes: no 90 hours
        ],
        ["Overuren", "Langste verlof"],
    )
    wb = openpyxl.load_workbook(book)
    wb.active.cell(row=2, column=1).number_format = '0" km"'  # the key: its number
    header = {"Uren per week": "Dienstverband", "Ziekte (uren)": "Ziekte"}
    for cell in wb.active[1]:
        cell.value = header.get(cell.value, cell.value)
    # a whole number of days (an integer column, which convert does not take) shown in
    # days on line 2, in hours on line 5 (a row that breaks two checks)
    wb.active.cell(row=2, column=9, value=2).number_format = '0" dagen"'
    wb.active.cell(row=5, column=9, value=16).number_format = '0" uur"'
    wb.save(book)
    mapping = UNIT_MAPPING.replace("Uren per week", "Dienstverband").replace(" (uren)", "")
    mapping = mapping.replace(
        "sick_days}",
        "sick_days, Overuren: overtime_hours, Langste verlof: longest_leave_block_days_12m}",
    )
    write(folder / "uren.mapping.yaml", mapping)
    run(home, folder)
    assert ingested(home, folder, book) == [(2, 0.8, 8.0)]
    assert query(home, "select employee_key is not null, overtime_hours from raw_employees") == [
        (True, 7.45)
    ]
    reasons = query(home, 'select line, "column", reason from quarantine order by 1')
    assert [(line, column) for line, column, _ in reasons] == [
        (3, "sick_days"),
        (4, "sick_days"),
        (5, "longest_leave_block_days_12m"),
        (5, "overtime_hours"),
    ]
    assert "in een andere eenheid (2 uur) dan die van de kolom (2 dagen)" in reasons[0][2]
    assert "(2 km)" in reasons[1][2], reasons
    # convert is advised only where the mapping would take it: hours in a decimal column
    # of days, minutes in one of hours; not kilometres, nor hours in an integer column
    # (helper-221 8: advised there, and the mapping then refused)
    advice = "reken de kolom om met convert"
    assert [advice in reason for _, _, reason in reasons] == [True, False, False, True]


def test_a_row_a_mapping_leaves_out_by_a_number_shown_with_its_unit_is_left_out(
    home: Path, tmp_path: Path
) -> None:
    """drop_rows matches the number a cell holds, whatever unit its format shows
    (helper-216: a 0 shown '0 uur' was read as '0 uur' and the row kept)."""
    folder = tmp_path / "in"
    book = hours_book(
        folder / "uren_x.xlsx",
        [((0.8, None), (8, None), (0, '0" uur"')), ((0.5, None), (8, None), (3, '0" uur"'))],
        ["Contracturen"],
    )
    mapping = UNIT_MAPPING.replace("Uren per week", "Dienstverband").replace(" (uren)", "")
    write(folder / "uren.mapping.yaml", mapping + "drop_rows: {Contracturen: [0]}\n")
    wb = openpyxl.load_workbook(book)
    header = {"Uren per week": "Dienstverband", "Ziekte (uren)": "Ziekte"}
    for cell in wb.active[1]:
        cell.value = header.get(cell.value, cell.value)
    wb.save(book)
    run(home, folder)
    assert ingested(home, folder, book) == [(3, 0.5, 8.0)]


@pytest.mark.parametrize(
    ("number_format", "number", "unit"),
    [
        ('0.0" fte"', 0.8, "fte"),
        ('0.0 "dagen"', 2, "dagen"),
        ('#,##0" km"', 1200, "km"),
        ('0.0_)" uur";[Red]-0.0" uur"', -1.5, "uur"),  # spacing; the negative section
        ("0\\ \\d", 3, "d"),
        ('0.0" Fte."', 1, "fte"),
        ('00" dagen"', 16, "dagen"),  # leading zeros
        ('General" fte"', 1, "fte"),
        ('0.0" uur";-0.0', -1.5, None),  # a negative number is shown without the unit
        ('0.0" uur";-0.0', 0, "uur"),  # zero as a positive number, with two sections
        ('0.0;-0.0" fte"', -1, "fte"),
        ('0.0" fte";-0.0" fte";"nul"', 0, None),  # zero shown as a word
        ('[>=1]0" fte";0.0" uur"', 0.5, "fte|uur"),  # two quantities: no column's own
        ('"km "0', 12, "km"),  # before the number too (helper-284; padded_styles: helper-145)
        ('0.0" k€"', 12.5, None),  # a magnitude (scaled_styles)
        ('0.0" fte p.w."', 1, "fte p.w"),  # more than the unit: a text (helper-282)
        ('0.0" pers."', 1, "pers"),  # no unit of the contract: a word all the same
        ('0.0"fte"0', 1, None),  # a number after it
        ("dd-mm-yyyy", 1, None),
        ("0.0", 1, None),
        # helper-217: conditions of one quantity's units, a sign or bracket, a scaling
        # comma, empty sections
        ('[=1]0" dag";0" dagen"', 3, "dag"),
        ('[<1]0.00" fte";0.0" fte"', 0.8, "fte"),
        ('[>=1]0" fte";0.0" uur"', 1, "fte|uur"),  # which one is not told: both
        ('+0.00" uur";-0.00" uur";0.00" uur"', 7.5, "uur"),
        ('\\+0.00" uur"', 7.5, "uur"),
        ('"+"0.00" uur"', 7.5, "uur"),
        ('0.00" uur";(0.00" uur")', -2, "uur"),
        ('#,##0.0," km"', 12500, None),  # shown 12,5 km: in thousands (magnitudes.py)
        (';;;0.0" fte"', 0.8, None),  # no number shown
        ('0.0" uur";;0.0" fte"', 0, "fte"),
        ('0.0" uur";;0.0" fte"', -1, None),
        # helper-218: English days, a section of conditions that shows no number, hours
        # and minutes as the text reader reads them
        ('[=1]0" day";0" days"', 2, "day"),
        ('[=0]"-";0.0" fte"', 0.8, "fte"),
        ('0.0" hrs"', 7.5, "hrs"),
        ('0" minuten"', 90, "minuten"),
    ],
)
def test_the_unit_a_number_format_shows(
    number_format: str, number: float, unit: str | None
) -> None:
    assert shown_unit(number_format, number) == unit


def test_days_and_hours_shown_as_a_percentage_are_refused_as_shown(
    home: Path, tmp_path: Path
) -> None:
    """A percentage is a share, and days or hours are none (helper-225: an Nmbrs export's
    4,5% sick, 10% overtime and 25% leave loaded as 0,045 days, 0,1 hours and 0,25 days
    without a word): quarantined, the value as the cell shows it, as the text 4,5% is;
    the fte beside them, a share, is read as one."""
    folder = tmp_path / "in"
    book = hours_book(
        folder / "uren_x.xlsx",
        [
            ((0.8, None), (2, None), (1.5, None), (3, None)),
            ((0.8, "0%"), (0.045, "0.0%"), (0.1, "0.0%"), (0.25, "0.0%")),
            ((0.5, None), (1, None), (2, None), (4, None)),
        ],
        ["Overuren", "Verlof"],
    )
    mapping = unit_free_names(book)
    mapping = mapping.replace(
        "sick_days}", "sick_days, Overuren: overtime_hours, Verlof: leave_days}"
    )
    write(folder / "uren.mapping.yaml", mapping)
    run(home, folder)
    assert ingested(home, folder, book) == [(2, 0.8, 2.0), (4, 0.5, 1.0)]
    assert query(home, 'select line, "column", value from quarantine order by 2') == [
        (3, "leave_days", "25%"),
        (3, "overtime_hours", "10%"),
        (3, "sick_days", "4,5%"),
    ]


def test_a_number_shown_in_a_unit_in_a_column_without_one_is_refused(
    home: Path, tmp_path: Path
) -> None:
    """helper-244 L2: a gift's value 25 shown '25 uur' (its format 0" uur") loaded as 25
    euros, where the text '25 uur' is refused; a candidate's rank so too. A 0 is 0 in
    any unit, and a cell in the column's own format is read."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["employee_key", "received_on", "giver_type", "gift_type", "value_eur"])
    for value, shown in [(25, '0" uur"'), (30, "#,##0.00"), (0, '0" uur"'), (12, '0" km"')]:
        sheet.append(["102249", "02-10-2024", "overig", "goederen", value])
        sheet.cell(row=sheet.max_row, column=5).number_format = shown
    sheet.append(["102249", "03-10-2024", "overig", "goederen", 40])
    sheet.cell(row=sheet.max_row, column=5).number_format = '0" dagen"'
    path = tmp_path / "gifts.xlsx"
    book.save(path)
    [result] = run(home, path)
    assert (result.rows_loaded, result.rows_quarantined) == (2, 3), result.summary()
    assert query(home, "select value_eur from raw_gifts order by 1") == [(0,), (30,)]
    reasons = query(home, "select line, value, reason from quarantine order by 1")
    assert [(line, value) for line, value, _ in reasons] == [(2, "25"), (5, "12"), (6, "40")]
    assert "in een eenheid (2 uur), maar de kolom heeft geen eenheid" in reasons[0][2]
    assert "(2 km)" in reasons[1][2] and "(2 dagen)" in reasons[2][2]
