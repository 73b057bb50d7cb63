"""Values as other systems export them, refused before (issue 13: no spurious
quarantines; helper-90's trial with exports the code was not written against): the
catalogue's own Dutch and English exit-reason labels, procedures as the Aanbestedingswet
names them and with hyphens, Likert wordings and numbered labels, '25 euro', an XLSX
date-time serial, and a mapping that says what an empty cell is. What is not certain
stays refused: each case has its boundary beside it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipelines.ingest.answer_labels import LIKERT_NL
from pipelines.ingest.codes import match_codes
from pipelines.ingest.dates import parse_date
from pipelines.ingest.lookups import ColumnPlan, lookup
from pipelines.ingest.parsing import strip_currency
from pipelines.ingest.quality.base import Column
from pipelines.ingest.quality.procurement import PROCEDURE_SPELLINGS, PROCEDURES
from tests.test_ingest import (
    EMPLOYEE_HEADER,
    employee,
    home,
    org_home,
    quarantined,
    query,
    run,
    write,
)

__all__ = ["home", "org_home"]  # fixtures used here


def test_exit_reasons_by_the_catalogues_labels(home: Path, tmp_path: Path) -> None:
    cells = [
        "Eigen verzoek",  # 2: vrijwillig, by its Dutch label
        "einde tijdelijk contract",  # 3
        "End of fixed-term contract",  # 4: by its English label
        "Ontslag door werkgever",  # 5
        "vrijwillig",  # 6: the code itself
        "Wegens ziekte",  # 7: no reason's label: not guessed
    ]
    rows = "".join(
        employee(key=f"10{i}", exit_date="31-03-2026", exit_reason=c) for i, c in enumerate(cells)
    )
    run(home, write(tmp_path / "employees.csv", EMPLOYEE_HEADER + rows))
    assert sorted(r[0] for r in query(home, "select exit_reason from raw_employees")) == sorted(
        ["vrijwillig", "einde_contract", "einde_contract", "ontslag", "vrijwillig"]
    )
    assert [(q[0], q[1], q[3]) for q in quarantined(home, "employees")] == [
        (7, "exit_reason", "not_in_set")
    ]
    [(reason,)] = query(home, "select reason from quarantine where line = 7")
    # the codes, the labels it also reads, and the way out
    assert "exit_reason moet een van deze waarden zijn: einde_contract, " in reason
    assert "(of 'Eigen verzoek', 'Pensioen', 'Einde tijdelijk contract'" in reason
    assert reason.endswith("vertaalt de kolomkoppeling (values: {exit_reason: {...}})")


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("Meervoudig-onderhands", "meervoudig_onderhands"),
        ("meervoudig onderhandse procedure", "meervoudig_onderhands"),
        ("Enkelvoudig onderhandse gunning", "enkelvoudig_onderhands"),
        ("Europese openbare aanbesteding", "europees_openbaar"),
        ("Nationale openbare procedure", "nationaal_openbaar"),
        ("Raamovereenkomst", "raamcontract"),
        ("RAAM-CONTRACT", "raamcontract"),
        ("Onderhands", "Onderhands"),  # how many were asked is not said: left to the rules
        ("Europese aanbesteding", "Europese aanbesteding"),  # open or not is not said
    ],
)
def test_procedures_as_purchase_systems_write_them(cell: str, code: str) -> None:
    out = match_codes(pd.Series([cell], dtype=object), PROCEDURES, PROCEDURE_SPELLINGS)
    assert out.tolist() == [code]


LIKERT = ColumnPlan(
    Column("answer", "integer"), "nl", answer_labels=LIKERT_NL, answer_label_set="likert_nl"
)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("Helemaal oneens", 1),
        ("Zeer mee oneens", 1),
        ("Zeer mee eens", 5),
        ("Helemaal eens", 5),
        ("5 - Helemaal mee eens", 5),
        ("1. Helemaal mee oneens", 1),
        ("3) Neutraal", 3),
        ("(5) Helemaal mee eens", 5),  # helper-92
        ("Helemaal mee eens (5)", 5),
        ("5 Helemaal mee eens", 5),
        ("Weet ik niet / geen mening", None),
        # helper-97: the most common Dutch five-point labels
        ("Helemaal niet mee eens", 1),
        ("Niet mee eens", 2),
        ("Noch eens, noch oneens", 3),
        ("Niet eens/niet oneens", 3),
        ("Geheel mee eens", 5),
        ("2 - Niet mee eens", 2),
    ],
)
def test_likert_wordings_and_numbered_labels(cell: str, value: int | None) -> None:
    frame, _ = lookup(LIKERT, [cell], b"k" * 32)
    assert frame.status.tolist() == [0], frame.note.tolist()
    assert (None if pd.isna(frame.value[0]) else int(frame.value[0])) == value


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("Strongly disagree", 1),
        ("Disagree", 2),
        ("Neither agree nor disagree", 3),
        ("Agree", 4),
        ("5 - Strongly agree", 5),
        ("5 (Strongly agree)", 5),  # helper-100: the label in brackets after its number
        ("4 (Strongly agree)", "unknown"),
        ("Don't know", None),
        ("Don\u2019t know", None),  # helper-100: the curly apostrophe
        ("Mee eens", "unknown"),  # a Dutch label in an English scale: not guessed
        # a graded label is 4 of five points (Qualtrics) or 5 of seven: not guessed
        # (helper-139: a seven-point export without a plain 'Agree' read as five points)
        ("Somewhat agree", "unknown"),
        ("Somewhat disagree", "unknown"),
        ("Tend to agree", "unknown"),
        ("I don't know", None),  # helper-138: refused
        ("I don\u2019t know", None),
        ("Prefer not to answer", None),  # helper-159
        ("Neutral / No opinion", 3),
        ("Neutral/no opinion.", 3),
    ],
)
def test_the_english_five_point_scale(cell: str, value: int | str | None) -> None:
    """helper-97: English-language survey tools needed a values mapping for each label."""
    from pipelines.ingest.answer_labels import ANSWER_LABELS
    from pipelines.ingest.lookups import UNKNOWN_LABEL

    plan = ColumnPlan(
        Column("answer", "integer"), "nl", answer_labels=ANSWER_LABELS["likert_en"],
        answer_label_set="likert_en",
    )  # fmt: skip
    frame, _ = lookup(plan, [cell], b"k" * 32)
    if value == "unknown":
        assert frame.status.tolist() == [UNKNOWN_LABEL]
    else:
        assert frame.status.tolist() == [0], frame.note.tolist()
        assert (None if pd.isna(frame.value[0]) else int(frame.value[0])) == value


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("Ik weet het niet", None),  # helper-138: refused
        ("Niet mee eens en niet mee oneens", 3),
        ("Enigszins mee eens", "unknown"),  # 4 of five points or 5 of seven: not guessed
        ("Enigszins oneens", "unknown"),
        # helper-159: common Dutch wordings, a slash written either way, a full stop
        ("Weet niet / n.v.t.", None),
        ("Weet niet/nvt", None),
        ("Weet niet \u2044 n.v.t.", None),  # the fraction slash (helper-163)
        ("weet ik niet /n.v.t.", None),
        ("Neutraal / geen mening", 3),
        ("Neutraal/Geen mening", 3),
        ("Volledig eens", 5),
        ("Volledig oneens", 1),
        ("Mee eens.", 4),
        ("Helemaal mee eens. ", 5),
        ("Geen mening.", "unknown"),  # still the midpoint or no answer
        ("Mee eens!", "unknown"),
        ("Mee eens/", "unknown"),
    ],
)
def test_more_dutch_wordings(cell: str, value: int | str | None) -> None:
    frame, _ = lookup(LIKERT, [cell], b"k" * 32)
    if value == "unknown":
        assert frame.status.tolist() == [3], cell  # UNKNOWN_LABEL
        assert "is geen bekend antwoordlabel van likert_nl" in frame.note[0]
    else:
        assert frame.status.tolist() == [0], frame.note.tolist()
        assert (None if pd.isna(frame.value[0]) else int(frame.value[0])) == value


@pytest.mark.parametrize(
    "cell",
    [
        "4 - Helemaal mee eens",  # the number is not the label's own: which one is meant?
        "6 - Helemaal mee eens",
        "Helemaal mee eens (4)",
        "(5)",
        "55 Helemaal mee eens",
        "Geen mening",  # the midpoint in some scales, no answer in others
        "5 -",
    ],
)
def test_a_label_that_is_not_certain_is_unknown(cell: str) -> None:
    frame, _ = lookup(LIKERT, [cell], b"k" * 32)
    assert frame.status.tolist() == [3], cell  # UNKNOWN_LABEL
    assert frame.shown.tolist() == [cell]


def test_a_label_numbered_the_other_way_round_says_so() -> None:
    """helper-253 F7: '2 - Mee eens' on a scale the export numbers the other way round
    (1 - Helemaal mee eens ... 5 - Helemaal mee oneens) is not read, as before; its reason
    said the label was unknown and listed all 47, where the label is known and only its
    number is at odds with it."""
    cells = ["2 - Mee eens", "Helemaal mee eens (1)", "6 - Mee eens", "2 - Soms"]
    frame, _ = lookup(LIKERT, cells, b"k" * 32)
    assert frame.status.tolist() == [3, 3, 3, 3]
    assert frame.note[0] == (
        "'2 - Mee eens': het getal 2 past niet bij het label 'Mee eens', dat in likert_nl 4 "
        "is (loopt de schaal van de export andersom?). Niet geraden: vertaal de labels in de "
        "kolomkoppeling (values: {answer: {'2 - Mee eens': 4}} als het label geldt) of "
        "exporteer alleen de labels of alleen de getallen"
    )
    assert "past niet bij het label 'Helemaal mee eens', dat in likert_nl 5 is" in frame.note[1]
    # no number of the scale, or no label of it: unknown, as before
    assert all("is geen bekend antwoordlabel" in n for n in frame.note[2:])


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("25 euro", "25"),
        ("25 EUR", "25"),
        ("euro 1.250,50", "1.250,50"),
        ("€ 25,-", "25"),
        ("euro", "euro"),  # nothing but the sign: left for the rule to refuse
        ("25 euros", "25 euros"),
    ],
)
def test_an_amount_with_the_word_euro(cell: str, read: str) -> None:
    assert strip_currency(cell).strip() == read


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("45694.5", "2025-02-06"),  # noon on that day
        ("45694,75", "2025-02-06"),
        ("45694", "2025-02-06"),
        ("45694.", None),
        ("456945", None),  # six digits: no serial
    ],
)
def test_an_excel_serial_with_a_time_is_its_day(cell: str, day: str | None) -> None:
    parsed = parse_date(pd.Series([cell]))
    if day is None:
        assert parsed.invalid.tolist() == [True]
    else:
        assert parsed.values.tolist() == [pd.Timestamp(day)]


def test_a_mapping_says_what_an_empty_cell_is(home: Path, tmp_path: Path) -> None:
    """An X-or-blank register: X is ja, blank is nee. Without "" in values a blank
    stays unknown (NULL), never nee by itself."""
    folder = tmp_path / "in"
    write(
        folder / "geschenken.csv",
        "Persnr;Datum;Gever;Soort;Waarde;Thuis\n"
        "E1;02-03-2026;huurder;geld;25 euro;X\n"
        "E2;03-03-2026;huurder;geld;10;\n"
        "E3;04-03-2026;huurder;geld;10;  \n",
    )
    write(
        folder / "geschenken.mapping.yaml",
        "dataset: gifts\nfiles: [geschenken.csv]\n"
        "columns: {Persnr: employee_key, Datum: received_on, Gever: giver_type, "
        "Soort: gift_type, Waarde: value_eur, Thuis: delivered_at_home}\n"
        'values: {delivered_at_home: {"X": ja, "": nee}}\n',
    )
    [result] = [r for r in run(home, folder) if r.path.name == "geschenken.csv"]
    assert result.rows_loaded == 3, result.summary()
    assert sorted(
        query(home, "select received_on::varchar, value_eur, delivered_at_home from raw_gifts")
    ) == [("2026-03-02", 25.0, True), ("2026-03-03", 10.0, False), ("2026-03-04", 10.0, False)]


def test_an_amount_in_another_currency_is_no_euros(home: Path, tmp_path: Path) -> None:
    """helper-94: a Unit4 export's Currency column said USD and the amount was stored as
    euros; 'USD 2.400,00' in the cell was refused but told only 'verwacht een getal'."""
    folder = tmp_path / "in"
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n")
    write(
        folder / "inkoop.csv",
        "order_id;ordered_on;supplier_id;amount_eur;org_unit;procedure;quotes_count;"
        "requester_key;Currency\n"
        "P1;02-03-2026;L1;2.400,00;VH-N;raamcontract;1;E1;USD\n"  # 2: another currency
        "P2;02-03-2026;L1;100,00;VH-N;raamcontract;1;E1;EUR\n"  # 3
        "P3;02-03-2026;L1;100,00;VH-N;raamcontract;1;E1;\n"  # 4: none said: euros
        "P4;02-03-2026;L1;USD 2.400,00;VH-N;raamcontract;1;E1;eur\n"  # 5: in the cell
        "P5;02-03-2026;L1;$ 100;VH-N;raamcontract;1;E1;\n"  # 6
        "P6;02-03-2026;L1;100 CHF;VH-N;raamcontract;1;E1;\n"  # 7
        "P7;02-03-2026;L1;€ 25,00;VH-N;raamcontract;1;E1; € \n"  # 8
        "P8;02-03-2026;L1;ƒ 100;VH-N;raamcontract;1;E1;\n"  # 9: guilders (helper-250 F5)
        "P9;02-03-2026;L1;Hfl. 25,00;VH-N;raamcontract;1;E1;\n"  # 10 (helper-252)
        "P10;02-03-2026;L1;f 25,00;VH-N;raamcontract;1;E1;\n"  # 11: a bare f (helper-252)
        "P11;02-03-2026;L1;f25,-;VH-N;raamcontract;1;E1;\n",  # 12
    )
    run(home, folder)
    held = {(q[0], q[1]): q[3] for q in quarantined(home, "procurement")}
    assert held == {(line, "amount_eur"): "wrong_type" for line in (2, 5, 6, 7, 9, 10, 11, 12)}
    reasons = dict(query(home, "select line, reason from quarantine"))
    assert reasons[2].endswith(
        "geen bedrag in euro's (USD in kolom Currency); niet omgerekend: verwacht een "
        "bedrag in euro's"
    ), reasons[2]
    assert "'USD 2.400,00'" in reasons[5] and "geen bedrag in euro's (USD)" in reasons[5]
    assert "geen bedrag in euro's ($)" in reasons[6]
    assert "geen bedrag in euro's (CHF)" in reasons[7]
    assert "geen bedrag in euro's (ƒ)" in reasons[9], reasons[9]
    assert "geen bedrag in euro's (Hfl.)" in reasons[10], reasons[10]
    assert "geen bedrag in euro's (f)" in reasons[11] and "(f)" in reasons[12], reasons[12]
    assert sorted(query(home, "select order_id, amount_eur from raw_procurement")) == [
        ("P2", 100.0), ("P3", 100.0), ("P7", 25.0)
    ]  # fmt: skip


ORDER_HEAD = (
    "order_id;ordered_on;supplier_id;amount_eur;org_unit;procedure;quotes_count;requester_key"
)


@pytest.mark.parametrize(
    "header", ["Currency Code", "CurrencyCode", "Valuta code", "Transactievaluta", " Valuta "]
)
def test_a_currency_column_by_its_other_names(home: Path, tmp_path: Path, header: str) -> None:
    """helper-95: only the exact names were matched; 'Valuta code' stored USD as euros."""
    folder = tmp_path / "in"
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n")
    write(
        folder / "inkoop.csv",
        f"{ORDER_HEAD};{header}\nP1;02-03-2026;L1;2.400,00;VH-N;raamcontract;1;E1;USD\n",
    )
    run(home, folder)
    assert [(q[0], q[1], q[3]) for q in quarantined(home, "procurement")] == [
        (2, "amount_eur", "wrong_type")
    ]


def test_the_currency_column_says_euros_many_ways_and_its_text_stays_out(
    home: Path, tmp_path: Path
) -> None:
    """helper-95: free text in the currency column was copied into the reason; an empty
    amount was quarantined for its currency; eur., Euro (EUR) and 978 were foreign; and
    '100 STK' (pieces) was called a currency."""
    folder = tmp_path / "in"
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n")
    rows = [
        ("P1", "100", "Jan de Vries betaalde contant"),  # 2: not euros, not a code
        ("P2", "100", "eur."),  # 3
        ("P3", "100", "Euro (EUR)"),  # 4
        ("P4", "100", "978"),  # 5: ISO 4217's number for the euro
        ("P5", "", "USD"),  # 6: no amount: nothing in another currency (missing anyway)
        ("P6", "100 STK", ""),  # 7: no currency: just no number
    ]
    write(
        folder / "inkoop.csv",
        f"{ORDER_HEAD};Valuta\n"
        + "".join(f"{o};02-03-2026;L1;{a};VH-N;raamcontract;1;E1;{c}\n" for o, a, c in rows),
    )
    run(home, folder)
    reasons = {line: (code, reason) for line, code, reason in query(
        home, "select line, reason_code, reason from quarantine order by line"
    )}  # fmt: skip
    assert set(reasons) == {2, 7}, reasons  # line 6: amount_eur is optional
    assert "geen bedrag in euro's (een andere munt in kolom Valuta)" in reasons[2][1]
    assert "Jan de Vries" not in reasons[2][1]
    assert reasons[7][1].endswith("verwacht een getal (bijv. 12,5 of 1.234,5)"), reasons[7]


@pytest.mark.parametrize(
    ("amount", "other"),
    [
        # an amount's name is not read for its currency: a name that seemed to say euros
        # loaded dollars as euros (helper-164, -165, -166: each loaded F1's 920 USD)
        ("amount_eur", "vat_amount"),
        ("Amount EUR", "VAT amount"),
        ("Bedrag (EUR)", "Bedrag btw"),
        ("Amount in DC", "Amount in LC"),  # SAP: DC is the document's currency
        ("Base amount", "VAT amount"),  # the taxable amount, in the invoice's currency
        # ... so Exact's base amount beside its transaction's is refused too (helper-160):
        # loud, not guessed; the row's currency column decides
        ("Basisbedrag", "Bedrag VV"),
    ],
)
def test_an_amount_beside_a_currency_column_is_in_the_rows_currency_whatever_its_name(
    home: Path, tmp_path: Path, amount: str, other: str
) -> None:
    folder = tmp_path / "in"
    write(folder / "leveranciers.csv", "supplier_id;name;legal_form\nL1;Bouw;bv\n")
    if amount != "amount_eur":
        write(
            folder / "inkoop.mapping.yaml",
            f"dataset: procurement\nfiles: ['inkoop.csv']\ncolumns: {{'{amount}': amount_eur}}\n",
        )
    write(
        folder / "inkoop.csv",
        f"order_id;ordered_on;supplier_id;org_unit;procedure;requester_key;Valuta;{other};"
        f"{amount}\n"
        "F1;02-03-2026;L1;VH-N;raamcontract;E1;USD;1.000,00;920,00\n"
        "F2;02-03-2026;L1;VH-N;raamcontract;E1;EUR;50,00;50,00\n",
    )
    run(home, folder)
    assert sorted(query(home, "select order_id, amount_eur from raw_procurement")) == [("F2", 50.0)]
    held = query(home, "select line, reason from quarantine where dataset = 'procurement'")
    assert [line for line, _ in held] == [2] and "geen bedrag in euro's (USD" in held[0][1]
