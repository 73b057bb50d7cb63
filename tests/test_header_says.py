"""What a column's name says of its cells is held against the column it is read as
(pipelines/ingest/header_says.py; helper-174: 'Uren per week' loaded as fte under the
percent hint, 'Totaal incl. btw' as an amount without VAT, 'Total (USD)' as euros,
'(x € 1.000)' as euros and '(MM/DD/YYYY)' day first, each without a word). A conflict
refuses the file whole; a mapping's convert takes care of a unit or a scale."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.mapping import load_mapping
from pipelines.ingest.readers import UnusableFile
from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here

EMPLOYEES = (
    "Nr;Peildatum;Afdeling;Leidinggevende;Functie;{header}\n1;31-03-2026;VH-N;2;Medewerker;{cell}\n"
)
GIFTS = "Nr;Medewerker;Datum;{header}\nG1;E1;10-03-2026;{cell}\n"
ORDERS = "Order;Besteld;Leverancier;Afdeling;Aanvrager;{header}\nB1;10-03-2026;K1;VH-N;E1;{cell}\n"
DATES = "Nr;Medewerker;{header};Waarde\nG1;E1;{cell};25\n"
MAPPINGS = {
    "employees": "dataset: employees\ncolumns: {{Nr: employee_key, Peildatum: snapshot_month, "
    "Afdeling: org_unit, Leidinggevende: manager_key, Functie: job_title, '{header}': {column}}}\n",
    "gifts": "dataset: gifts\ncolumns: {{Nr: record_id, Medewerker: employee_key, "
    "Datum: received_on, '{header}': {column}}}\n",
    "procurement": "dataset: procurement\ncolumns: {{Order: order_id, Besteld: ordered_on, "
    "Leverancier: supplier_id, Afdeling: org_unit, Aanvrager: requester_key, "
    "'{header}': {column}}}\n",
    "dates": "dataset: gifts\ncolumns: {{Nr: record_id, Medewerker: employee_key, "
    "'{header}': {column}, Waarde: value_eur}}\n",
}
FILES = {"employees": EMPLOYEES, "gifts": GIFTS, "procurement": ORDERS, "dates": DATES}


def ingest(tmp_path: Path, home: Path, kind: str, header: str, column: str, cell: str,
           extra: str = "") -> tuple[str | None, list[str]]:  # fmt: skip
    """The file's refusal (None: read) and its notes."""
    mapping = write(
        tmp_path / "in" / "t.mapping.yaml",
        MAPPINGS[kind].format(header=header.replace("'", "''"), column=column) + extra,
    )
    path = write(tmp_path / "in" / "t.csv", FILES[kind].format(header=header, cell=cell))
    [result] = run(home, path, mappings=[mapping])
    return (None if result.error is None else str(result.error)), [str(n) for n in result.notes]


@pytest.mark.parametrize(
    ("header", "column", "unit"),
    [
        ("Uren per week", "fte", "uren"),  # a rate's week is no unit
        ("FTE (uren/week)", "fte", "uren"),  # brackets decide
        ("UrenPerWeek", "fte", "uren"),
        ("Arbeidsduur (u/w)", "fte", "uren"),
        ("Verzuimdagen (in uren)", "sick_days", "uren"),  # helper-176
        ("Verlofdagen (uren)", "leave_days", "uren"),
        ("Verzuim (u)", "sick_days", "uren"),
        ("Verlofuur", "leave_days", "uren"),
        ("Ziekteverzuim (kalenderdagen) in %", "sick_days", "procenten"),
        ("Overuren (in minuten)", "overtime_hours", "minuten"),
        ("Overwerk (mnt)", "overtime_hours", "minuten"),
        ("OvertimeMinutes", "overtime_hours", "minuten"),
        ("Verzuimpercentage", "sick_days", "procenten"),  # helper-177
        ("Verlof (dagdelen)", "leave_days", "dagdelen"),
        ("Verlof in halve dagen", "leave_days", "dagdelen"),
        ("Contracturen", "fte", "uren"),  # the end of a compound
        ("Ziekte (uren)", "sick_days", "uren"),
        ("Verlofuren", "leave_days", "uren"),
        ("Overwerk (minuten)", "overtime_hours", "minuten"),
        ("Overwerk (min)", "overtime_hours", "minuten"),
        ("Ziekte in weken", "sick_days", "weken"),
    ],
)
def test_a_name_in_another_unit_is_refused(
    tmp_path: Path, home: Path, header: str, column: str, unit: str
) -> None:
    error, _ = ingest(tmp_path, home, "employees", header, column, "36")
    assert error is not None, f"{header} read as {column}"
    assert (
        f"de kolom '{header}' (gelezen als {column}) spreekt van {unit}, maar {column} is in"
        in error
    )
    assert f"convert: {{{column}: {{divide_by: N}}}}" in error and "niets ingelezen" in error
    assert query(home, "select count(*) from raw_employees") == [(0,)]


@pytest.mark.parametrize(
    ("header", "column", "cell"),
    [
        ("Contractduur", "fte", "0,8"),  # -duur is no hour
        ("Parttimepercentage", "fte", "0,8"),
        ("Ziektedagen", "sick_days", "2"),
        ("Overuren", "overtime_hours", "2"),
        ("Verlof (dagen)", "leave_days", "2"),
        ("Aantal facturen", "sick_days", "2"),  # -uren that is no hours
        ("Minimum", "overtime_hours", "2"),  # min only as a word of its own
        ("Saldo plus/min", "overtime_hours", "2"),  # min in brackets only (helper-176)
        ("Overwerk 125%", "overtime_hours", "2"),  # a number's percent: a class
        ("Overwerk per week", "overtime_hours", "2"),
        ("Overwerk laatste 4 weken", "overtime_hours", "2"),
        ("Overwerk zon- en feestdagen", "overtime_hours", "2"),
        ("Verzuim HR", "sick_days", "2"),
        ("Verzuim (bron HR)", "sick_days", "2"),  # helper-176
        ("Overwerk (uu:mm)", "overtime_hours", "2:30"),  # a clock's hours (helper-177)
        ("Overwerk (hh:mm)", "overtime_hours", "2:30"),
        ("Overuren (uren en minuten)", "overtime_hours", "2:30"),
    ],
)
def test_a_name_in_the_columns_unit_or_none_is_read(
    tmp_path: Path, home: Path, header: str, column: str, cell: str
) -> None:
    error, _ = ingest(tmp_path, home, "employees", header, column, cell)
    assert error is None, error


@pytest.mark.parametrize(
    ("header", "divide", "read"),
    [
        ("Uren per week", "36", 0.8),
        ("Uren per week", "'40'", 0.72),
        ("Uren per week", "'28,8'", 1.0),
    ],
)
def test_convert_divides_and_says_so(
    tmp_path: Path, home: Path, header: str, divide: str, read: float
) -> None:
    extra = f"convert: {{fte: {{divide_by: {divide}}}}}\n"
    error, notes = ingest(tmp_path, home, "employees", header, "fte", "28,8", extra)
    assert error is None, error
    [(fte,)] = query(home, "select fte from raw_employees")
    assert fte == pytest.approx(read)
    shown = divide.strip("'")
    assert f"omgerekend volgens de kolomkoppeling: fte is '{header}' gedeeld door {shown}" in notes


def test_convert_multiplies_a_scale(tmp_path: Path, home: Path) -> None:
    header = "Waarde (x € 1.000)"
    error, _ = ingest(tmp_path, home, "gifts", header, "value_eur", "1,2")
    assert error is not None and "noemt een schaal (x € 1.000)" in error, error
    extra = "convert: {value_eur: {multiply_by: 1000}}\n"
    error, _ = ingest(tmp_path, home, "gifts", header, "value_eur", "1,2", extra)
    assert error is None, error
    assert query(home, "select value_eur from raw_gifts") == [(1200.0,)]


@pytest.mark.parametrize(
    ("header", "scale"),
    [
        ("Bedrag (x € 1.000)", "x € 1.000"),
        ("Bedrag x1000", "x1000"),
        ("Bedrag k€", "k€"),
        ("Bedrag TEUR", "TEUR"),
        ("Bedrag (€ 000)", "€ 000"),
        ("Bedrag in duizenden", "duizenden"),
        ("Bedrag (× € 1.000)", "× € 1.000"),  # helper-176
        ("Bedrag (EUR '000)", "EUR '000"),
        ("Bedrag (000s)", "000s"),
        ("Bedrag (K EUR)", "K EUR"),
        ("Bedrag (T€)", "T€"),
        ("Bedrag (k)", "(k)"),
        ("Bedrag_kEUR", "k EUR"),
    ],
)
def test_a_name_with_a_scale_is_refused(
    tmp_path: Path, home: Path, header: str, scale: str
) -> None:
    error, _ = ingest(tmp_path, home, "gifts", header, "value_eur", "25")
    assert error is not None and f"noemt een schaal ({scale})" in error, error


@pytest.mark.parametrize(
    ("header", "currency"),
    [
        ("Total (USD)", "USD"),
        ("Bedrag EUR/USD", "USD"),
        ("Amount $", "$"),
        ("Waarde in dollars", "dollars"),
        ("Value GBP", "GBP"),
        ("Bedrag (usd)", "usd"),  # helper-176
        ("AmountUSD", "USD"),
        ("Bedrag VV", "VV"),  # Exact's foreign currency
        ("Waarde in yen", "yen"),
    ],
)
def test_a_name_in_another_currency_is_refused(
    tmp_path: Path, home: Path, header: str, currency: str
) -> None:
    error, _ = ingest(tmp_path, home, "gifts", header, "value_eur", "25")
    assert error is not None and f"noemt een andere munt dan de euro ({currency})" in error, error


@pytest.mark.parametrize(
    "header",
    [
        "Bedrag (EUR)",
        "Waarde in euro",
        "Bedrag €",
        "Bedrag 2025",
        "Waarde (top)",
        "Bedrag excl. btw",
        "Waarde ALL",  # an ISO code that is a word (helper-176)
        "Waarde cadeau (TOP)",
    ],
)
def test_a_name_in_euros_or_saying_nothing_is_read(tmp_path: Path, home: Path, header: str) -> None:
    error, _ = ingest(tmp_path, home, "gifts", header, "value_eur", "25")
    assert error is None, error
    assert query(home, "select value_eur from raw_gifts") == [(25.0,)]


@pytest.mark.parametrize(
    ("header", "refused"),
    [
        ("Totaal incl. btw", True),
        ("Bedrag inclusief BTW", True),
        ("Amount incl VAT", True),
        ("Bedrag BTW incl.", True),
        ("Bedrag excl. btw", False),
        ("Bedrag exclusief BTW", False),
        ("Bedrag", False),
        ("Bedrag incl. 21% btw", True),  # helper-176
        ("Totaalbedrag BTW inbegrepen", True),
        ("Bedrag incl. omzetbelasting", True),
        ("Bedrag_incl_btw", True),
        ("BedragInclBtw", True),
        ("Amount (tax incl.)", True),
        ("Bedrag excl. BTW incl. verzendkosten", False),  # excl. btw said
        ("Netto bedrag met BTW-code", False),
    ],
)
def test_an_order_amount_with_vat_is_refused(
    tmp_path: Path, home: Path, header: str, refused: bool
) -> None:
    error, _ = ingest(tmp_path, home, "procurement", header, "amount_eur", "59.895,00")
    assert (error is not None and "is een bedrag inclusief btw" in error) == refused, error


def test_a_vat_amount_under_convert_says_why_one_factor_is_no_way_out(
    tmp_path: Path, home: Path
) -> None:
    """helper-231 M2: divide_by: 1.21 was refused with the plain message, as if the
    mapping had not tried; the rates differ per line."""
    convert = "convert: {amount_eur: {divide_by: 1.21}}\n"
    error, _ = ingest(
        tmp_path, home, "procurement", "Bedrag incl. BTW", "amount_eur", "1.210,00", convert
    )
    assert error is not None and "is een bedrag inclusief btw" in error
    assert "De omrekening van de kolomkoppeling (convert) haalt de btw er niet uit" in error
    plain, _ = ingest(tmp_path, home, "procurement", "Bedrag incl. BTW", "amount_eur", "1.210,00")
    assert plain is not None and "(convert)" not in plain


def test_a_gifts_value_with_vat_is_read(tmp_path: Path, home: Path) -> None:
    """VAT is the contract's word for orders only; a gift's value is what it is worth."""
    error, _ = ingest(tmp_path, home, "gifts", "Waarde incl. btw", "value_eur", "25")
    assert error is None, error


@pytest.mark.parametrize(
    ("header", "order", "refused"),
    [
        ("Datum (MM/DD/YYYY)", "", "maand vóór de dag"),
        ("Datum (MM/DD/YYYY)", "date_order: mdy\n", None),
        ("Datum (mm-dd-jjjj)", "", "maand vóór de dag"),
        ("Datum (DD-MM-JJJJ)", "", None),
        ("Datum (dd/mm/yyyy)", "date_order: mdy\n", "dag vóór de maand"),
        ("Datum (JJJJ-MM-DD)", "date_order: mdy\n", None),
        ("Datum (JJJJ-MM-DD)", "", None),
        ("Orderdatum (maand/dag/jaar)", "", "maand vóór de dag"),  # helper-176
        ("Date (US format)", "", "maand vóór de dag"),
        ("Datum (mmddjjjj)", "", "maand vóór de dag"),
        ("DateMMDDYYYY", "", "maand vóór de dag"),
        ("Datum (dag/maand/jaar)", "", None),
    ],
)
def test_a_date_order_in_the_name_must_be_the_one_read(
    tmp_path: Path, home: Path, header: str, order: str, refused: str | None
) -> None:
    cell = "03/10/2026" if "mdy" in order else "10-03-2026"
    error, _ = ingest(tmp_path, home, "dates", header, "received_on", cell, order)
    if refused is None:
        assert error is None, error
        assert [str(d) for (d,) in query(home, "select received_on from raw_gifts")] == [
            "2026-03-10"
        ]
    else:
        assert error is not None and refused in error, error


def _mapping(tmp_path: Path, text: str) -> str:
    path = write(tmp_path / "c.mapping.yaml", "dataset: employees\n" + text)
    with pytest.raises(UnusableFile) as caught:
        load_mapping(path)
    return str(caught.value)


@pytest.mark.parametrize(
    ("convert", "said"),
    [
        ("{fte: {divide_by: '1.000'}}", "'1.000' is geen factor"),  # a thousand, or one?
        ("{fte: {divide_by: '1,000'}}", "'1,000' is geen factor"),
        ("{fte: {divide_by: 0}}", "'0' is geen factor"),
        ("{fte: {divide_by: -36}}", "'-36' is geen factor"),
        ("{fte: {divide_by: 36, multiply_by: 2}}", "precies een van multiply_by en divide_by"),
        ("{fte: {}}", "precies een van multiply_by en divide_by"),
        ("{longest_leave_block_days_12m: {divide_by: 8}}", "alleen een kolom met decimalen"),
        ("{ftee: {divide_by: 36}}", "'ftee' is geen kolom van employees (bedoelt u fte?)"),
    ],
)
def test_a_convert_that_cannot_be_applied_is_refused(
    tmp_path: Path, convert: str, said: str
) -> None:
    assert said in _mapping(tmp_path, f"convert: {convert}\n")


@pytest.mark.parametrize(
    ("factor", "kept"),
    [("36", "36"), ("'0,5'", "0.5"), ("1.5", "1.5"), ("1000", "1000"), ("'1.0000'", "1.0000")],
)
def test_a_factor_is_a_plain_number(tmp_path: Path, factor: str, kept: str) -> None:
    path = write(
        tmp_path / "c.mapping.yaml",
        f"dataset: employees\nconvert: {{fte: {{multiply_by: {factor}}}}}\n",
    )
    assert load_mapping(path).convert["fte"].multiply_by == kept


def test_a_whole_number_in_another_unit_is_refused_without_convert(
    tmp_path: Path, home: Path
) -> None:
    """helper-176: the way out named convert, which refuses a column without decimals."""
    error, _ = ingest(tmp_path, home, "employees", "Langste verlof (uren)",
                      "longest_leave_block_days_12m", "80")  # fmt: skip
    assert error is not None and "is een geheel aantal dagen" in error, error
    assert "convert" not in error


def test_a_scale_of_millions_names_its_factor(tmp_path: Path, home: Path) -> None:
    error, _ = ingest(tmp_path, home, "gifts", "Waarde (miljoen)", "value_eur", "1")
    assert error is not None and "convert: {value_eur: {multiply_by: 1000000}}" in error, error


@pytest.mark.parametrize(
    ("factor", "said"),
    [
        ("'1.609'", "schrijf er een vierde bij (1.6093)"),
        ("1" + "0" * 60, "is geen factor"),  # helper-176: DuckDB's conversion failed
        ("'0.0000001'", "is geen factor"),
    ],
)
def test_a_factor_out_of_bounds_or_in_doubt_is_refused(
    tmp_path: Path, factor: str, said: str
) -> None:
    assert said in _mapping(tmp_path, f"convert: {{fte: {{multiply_by: {factor}}}}}\n")


def test_percent_and_convert_on_one_column_are_refused(tmp_path: Path) -> None:
    """helper-176: both applied, 88,89 x 1,125 became 1.0000125 without a word."""
    said = _mapping(tmp_path, "percent: [fte]\nconvert: {fte: {multiply_by: 1.1250}}\n")
    assert "convert.fte: de kolom staat ook onder percent" in said


def test_a_factor_keeps_no_leading_zeros(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.mapping.yaml", "dataset: employees\nconvert: {fte: {divide_by: '0036'}}\n"
    )
    assert load_mapping(path).convert["fte"].divide_by == "36"


@pytest.mark.parametrize(("cell", "read"), [("0,025", 25.0), ("12,345", 12345.0), ("1,5", 1500.0)])
def test_a_scaled_amount_may_have_the_decimals_its_scale_moves(
    tmp_path: Path, home: Path, cell: str, read: float
) -> None:
    """helper-176: k€ cells of three decimals were refused as amounts of more than two,
    judged before the conversion; the advice to declare the notation did not help."""
    extra = "convert: {value_eur: {multiply_by: 1000}}\n"
    error, _ = ingest(tmp_path, home, "gifts", "Waarde (k€)", "value_eur", cell, extra)
    assert error is None, error
    assert query(home, "select value_eur from raw_gifts") == [(read,)]
    assert query(home, "select count(*) from quarantine") == [(0,)]


@pytest.mark.parametrize(
    "header",
    [
        "Verzuimdagen (m.u.v. zwangerschapsverlof)",  # helper-178: letters of words
        "Verzuimdagen (1 jan t.m. 31 dec)",
        "Verlofdagen (min. wettelijk)",
        "Vakantiedagen (excl. ADV-uren)",  # the column's unit beside another
        "Verlofdagen (omgerekend uit uren)",
        "Ziektedagen (incl. halve dagen)",
        "Verzuimdagen (gewogen naar FTE)",
    ],
)
def test_words_in_brackets_beside_the_columns_unit_are_read(
    tmp_path: Path, home: Path, header: str
) -> None:
    error, _ = ingest(tmp_path, home, "employees", header, "leave_days", "2")
    assert error is None, error


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Overwerk (uur:min)", "overtime_hours"),  # helper-178: a clock's hours
        ("Overwerk (h:min)", "overtime_hours"),
        ("Overwerk uren werkdagen 125%", "overtime_hours"),  # which days, not days
        ("Overuren (werkdagen)", "overtime_hours"),
        ("Overuren (week)", "overtime_hours"),
        ("Privé km (excl. zakelijke dagen)", "private_km"),
    ],
)
def test_more_names_of_the_columns_own_unit_are_read(
    tmp_path: Path, home: Path, header: str, column: str
) -> None:
    kind = "vehicle" if column == "private_km" else "employees"
    if kind == "vehicle":
        from pipelines.ingest.header_says import _said

        assert _said(header, column, "decimal", None, "vehicle_use", "dmy", set()) is None
        return
    error, _ = ingest(tmp_path, home, "employees", header, column, "2:30")
    assert error is None, error


@pytest.mark.parametrize(
    ("header", "refused"),
    [("Waarde in euro (omgerekend uit vreemde valuta)", False), ("Waarde (vreemde valuta)", True)],
)
def test_a_name_that_says_converted_is_euros(
    tmp_path: Path, home: Path, header: str, refused: bool
) -> None:
    error, _ = ingest(tmp_path, home, "gifts", header, "value_eur", "25")
    assert (error is not None) == refused, error


def test_max_1000_is_no_scale() -> None:
    from pipelines.ingest.header_says import _scale

    assert _scale("Contractwaarde (max 1000 per order)") is None
    assert _scale("Bedrag x 1000") == ("x 1000", "1000")
