"""A totals row and footnotes under a report's rows are left out with a note, only at the
very end and only when plainly no data (pipelines/ingest/trailer.py; helper-101: a gifts
register of five rows with both under it was refused, 2 of 7 rows quarantined)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.ingest.source_table import SourceTable
from pipelines.ingest.trailer import drop_trailer
from tests.test_ingest import home, org_home, query, run

__all__ = ["home", "org_home"]  # fixtures used here (tests/test_ingest.py)

HEADER = "employee_key;year;private_km\n"
DATA = "E1;2025;1200\nE2;2025;300\nE3;2025;450\nE4;2025;80\nE5;2025;15\n"


def ingest(home: Path, text: str) -> tuple[list[int], list[int], list[str]]:
    """The lines loaded and quarantined (no limit on the quarantined share: every row
    shows where it went) and the notes."""
    path = home / "in" / "vehicle_use.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_text(HEADER + text, "utf-8")
    [result] = run(home, path)
    assert result.error is None, result.error
    loaded = query(home, "select _source_line from raw_vehicle_use order by 1")
    quarantined = query(home, "select distinct line from quarantine order by 1")
    return [r[0] for r in loaded], [r[0] for r in quarantined], [str(n) for n in result.notes]


def test_a_totals_row_and_a_footnote_under_the_data_are_left_out_with_a_note(
    home: Path,
) -> None:
    text = DATA + "Totaal;;2045\n* km volgens de leasemaatschappij;;\nBron: AFAS, 3-3-2026;;\n"
    loaded, quarantined, notes = ingest(home, text)
    assert (loaded, quarantined) == ([2, 3, 4, 5, 6], [])
    assert [n for n in notes if n.startswith("regel ")] == [
        "regel 7: totaalregel onder de gegevens, niet ingelezen ('Totaal')",
        "regel 8: voetnoot onder de gegevens, niet ingelezen ('* km volgens de leasemaatschappij')",
        "regel 9: voetnoot onder de gegevens, niet ingelezen ('Bron: AFAS, 3-3-2026')",
    ]


def test_a_repeated_header_and_a_totals_row_in_one_file_are_both_left_out(home: Path) -> None:
    """helper-203: the repeated header left the rows as a view, and the totals row's
    delete from it was a traceback ('Can only delete from base table') that ended the
    whole run."""
    text = "E1;2025;1200\nE2;2025;300\n" + HEADER + "E3;2025;450\nTotaal;;1950\n"
    loaded, quarantined, notes = ingest(home, text)
    assert (loaded, quarantined) == ([2, 3, 5], [])
    assert [n[:9] for n in notes if n.startswith("regel ")] == ["regel 4 h", "regel 6: "]


@pytest.mark.parametrize(
    "word",
    [
        "Eindtotaal",
        "TOTAAL:",
        "Grand Total",
        "Totalen",
        " som ",
        "Totaal generaal",
        # a total of the period the report covers (helper-131: a row, and the file refused)
        "Totaal maart 2026",
        "Subtotaal Q1 2026",
        "Totaal 2025",
        "Totaal: mrt. 2026",
        "Totaal kwartaal 4",
        "Totaal 1e kwartaal 2026",  # helper-209
        # helper-149: a count after the word, English and short words, a count's line
        "Totaal (5)",
        "Totaal van 5 geschenken",
        "Totaal 5 rijen",
        "Tot.",
        "Totals",
        "Sum",
        "Aantal records: 5",
        "Count: 5",
        # helper-179: SAP's list export marks its total '*' and a subtotal '**'
        "*",
        "**",
        # helper-266: the word, a colon and the amount in one cell
        "Totaal: 1.234.567,89",
        "Totaal: € 2.045,-",
        "totaal:2045",
        # helper-267 F6: a sign, a space before the colon, the dash of no amount
        "Totaal: -25",
        "Totaal : 105",
        "totaal:-",
    ],
)
def test_each_word_for_a_total_in_any_column(home: Path, word: str) -> None:
    loaded, quarantined, _ = ingest(home, DATA + f";{word};2045\n")
    assert (loaded, quarantined) == ([2, 3, 4, 5, 6], [])


@pytest.mark.parametrize(
    ("tail", "lines"),
    [
        # (a total with data after it is a subtotal: tests/test_subtotals.py)
        ("E7;;\n", [7]),  # a lone key is no footnote
        ("Totaal pakket;2025;10\n", [7]),  # only the word itself (and a period) is a total
        ("Totaal maart 2026 extra;;10\n", [7]),  # more than a period after it
        ("Totaal 12345;;10\n", [7]),  # a number that is no year
        ("Totaal 1.234,56;;10\n", [7]),  # an amount without the colon: a gift so described
        ("Sum 12345;;10\n", [7]),  # nor a count (helper-149's counts are in brackets)
        ("Totaal (5) extra;;10\n", [7]),  # more after the count
        ("Aantal records: 5 extra;;10\n", [7]),
        ("*;;\n" * 6, [7, 8, 9, 10, 11, 12]),  # more than a report's end (5): rows
        # helper-102: the word in a later cell (a gift described 'Total'), or beside a
        # date or a name: data, not a total
        ("E6;Totaal;10\n", [7]),
        ("Totaal;2025-03-01;10\n", [7]),
        ("Totaal;Jansen;10\n", [7]),
    ],
)
def test_what_only_looks_like_a_reports_end_stays_a_row(
    home: Path, tail: str, lines: list[int]
) -> None:
    """Each such line is read as a row: loaded, or quarantined (and the file perhaps
    refused for it), never left out."""
    loaded, quarantined, notes = ingest(home, DATA + tail)
    assert set(lines) <= set(loaded) | set(quarantined)
    assert not [n for n in notes if "onder de gegevens" in n]


def test_a_file_of_only_a_total_is_not_emptied(home: Path) -> None:
    loaded, quarantined, notes = ingest(home, "Totaal;;2045\n")
    assert (loaded, quarantined) == ([], [2])
    assert not [n for n in notes if "onder de gegevens" in n]


def test_a_reports_average_and_count_rows_are_its_end_too(home: Path) -> None:
    """helper-103: a Gemiddelde row under the Totaal row stopped the scan, so both were
    quarantined and a six-row report refused."""
    text = DATA + "Totaal;;2045\nGemiddelde;;409\nAantal;;5\n"
    loaded, quarantined, notes = ingest(home, text)
    assert (loaded, quarantined) == ([2, 3, 4, 5, 6], [])
    assert len([n for n in notes if "totaalregel" in n]) == 3


def test_a_footnote_of_one_field_without_the_delimiters_is_left_out_too(home: Path) -> None:
    """helper-113: Salesforce's and HR2day's footer, one quoted field a line, and a
    footnote typed without the other columns' ';': 'regel heeft 1 veld, de kop heeft er
    3', and a small report refused whole. Under the data, as a padded footnote is, they
    are left out with a note; blank lines between them say nothing."""
    tail = (
        'Totaal;;2045\n""\n* aantallen onder 5 zijn niet afgeschermd\n'
        '"Copyright (c) 2000-2026 salesforce.com, inc. Alle rechten voorbehouden."\n'
    )
    loaded, quarantined, notes = ingest(home, DATA + tail)
    assert (loaded, quarantined) == ([2, 3, 4, 5, 6], [])
    assert [n for n in notes if n.startswith("regel ")] == [
        "regel 7: totaalregel onder de gegevens, niet ingelezen ('Totaal')",
        "regel 9: voetnoot onder de gegevens, niet ingelezen ('* aantallen onder 5 zijn "
        "niet afgeschermd')",
        "regel 10: voetnoot onder de gegevens, niet ingelezen ('Copyright (c) 2000-2026 "
        "salesforce.com, inc. Alle rechten voorbehouden.')",
    ]


@pytest.mark.parametrize(
    ("tail", "left_out"),
    [
        ("Totaal;2045\n", True),  # its amount typed without the empty column's ';'
        ("Totaal;5 ritten\n", True),  # a count with what it counts
        ("Totaal;2045\n* km volgens de lease\n", True),
        ("Totaal;E6\n", False),  # a key beside the word: a cut-off row of data
        ("Totaal;3-3-2026\n", False),  # a date beside it
        ("E6;2045\n", False),  # no word for a total
    ],
)
def test_a_totals_row_typed_without_its_last_delimiters_is_left_out(
    home: Path, tail: str, left_out: bool
) -> None:
    """helper-236: 'Totaal;7' under an eleven-column allocation export, typed by hand
    without the other columns' ';', was a malformed row ('regel heeft 2 velden') and
    refused a small yearly export whole, while 'Totaal;;7' was left out. A line DuckDB
    could not read is a total when its first field is the word for one and the others
    are amounts or counts."""
    _, quarantined, notes = ingest(home, DATA + tail)
    said = "regel 7: totaalregel onder de gegevens, niet ingelezen ('Totaal')"
    assert (quarantined, said in notes) == (([], True) if left_out else ([7], False))


@pytest.mark.parametrize(
    ("tail", "lines"),
    [
        ("E6\n", [7]),  # a truncated row of one key: no footnote, a malformed row
        ("E6;2025\n", [7]),  # two fields: a truncated row
        ("* voetnoot\nE6;2025;10\n", [7]),  # data after it: a malformed row
        ("* noot\n" * 6, [7, 8, 9, 10, 11, 12]),  # more than a report's end (5)
        ("Totaal;;2045\n" + "* noot\n" * 5, [7, 8, 9, 10, 11, 12]),  # 6 in all
        ("Totaal;;2045\n" + "* noot\n" * 4, []),  # 5 in all: a report's end
        ("Totaal;;2045\nE6;2025\n", [7, 8]),  # a row after the total: the total is one
    ],
)
def test_what_only_looks_like_a_one_field_footnote_stays_a_row(
    home: Path, tail: str, lines: list[int]
) -> None:
    _, quarantined, _ = ingest(home, DATA + tail)
    assert quarantined == lines


@pytest.mark.parametrize(
    ("tail", "lines", "notes"),
    [
        # helper-114: a cut-off row above a padded footnote kept the footnote a row too
        ("E6;2025\n* bedragen incl. btw;;\n", [7], [8]),
        # a row quoted whole, its delimiters inside: a malformed row, its text in no note
        ('"E6;2025;10"\n', [7], []),
        ('\n"E6;2025;10"\n', [8], []),  # after a blank line too
        # a lone line of text right under the data may be a cut-off row (a name first)
        ("Jan Jansen Installatie\n", [7], []),
        ("Jan Jansen Installatie\n* noot\n", [7], [8]),
        # a report's footer after a blank line, one field a line (Salesforce): all of it
        (
            '\n"Geschenken rapport"\n"Copyright (c) 2000-2026 salesforce.com, inc."\n'
            '"Confidential Information - Do Not Distribute"\n"Generated By: J. Jansen"\n'
            '"Woonstichting"\n',
            [],
            [8, 9, 10, 11, 12],
        ),
    ],
)
def test_a_lone_line_is_a_footnote_behind_a_mark_or_after_a_blank_line(
    home: Path, tail: str, lines: list[int], notes: list[int]
) -> None:
    _, quarantined, said = ingest(home, DATA + tail)
    assert quarantined == lines
    footnotes = [n for n in said if "voetnoot onder de gegevens" in n]
    assert [int(n.split(":")[0].removeprefix("regel ")) for n in footnotes] == notes
    assert not any("E6;2025;10" in n for n in said)


SALESFORCE = (
    '\n"Trainingen rapport"\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n'
    '"Confidential Information - Do Not Distribute"\n"Generated By: J. Jansen"\n'
    '"Woonstichting"\n'
)


def test_salesforces_footer_in_a_comma_file_is_left_out(home: Path) -> None:
    """helper-116: Salesforce writes commas, and its copyright line has one (', inc.'):
    taken for a row quoted whole, the footer refused the file (38%)."""
    path = home / "in" / "vehicle_use.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_text((HEADER + DATA).replace(";", ",") + SALESFORCE, "utf-8")
    [result] = run(home, path)
    assert (result.rows_loaded, result.rows_quarantined) == (5, 0), result.summary()


def test_a_workbooks_footer_ending_in_one_word_is_left_out(home: Path, tmp_path: Path) -> None:
    """helper-116: the same footer in an XLSX, its last row the company's name alone,
    was data (one word, no mark) and refused the file; after a blank row, beside the
    footer's sentence, it is the footer. Right under the data a word alone stays a row."""
    import openpyxl

    for blank, quarantined in ((True, 0), (False, 2)):
        wb = openpyxl.Workbook()
        wb.active.append(HEADER.strip().split(";"))
        for line in DATA.splitlines():
            wb.active.append(line.split(";"))
        if blank:
            wb.active.append([])
        wb.active.append(["Vertrouwelijk - niet verspreiden"])
        wb.active.append(["Woonstichting"])
        path = tmp_path / f"vehicle_use_{blank}.xlsx"
        wb.save(path)
        [result] = run(home, path)
        assert result.rows_quarantined == quarantined, result.summary()


@pytest.mark.parametrize("tail", ["\nmbakker;;\n", '\n"mbakker"\n'])
def test_a_word_alone_after_a_blank_line_stays_a_row(home: Path, tail: str) -> None:
    """helper-117: a key of letters (an AD user name) typed alone after a blank line was
    dropped as a footer and shown in the note as written; without a footer's sentence
    beside it, it is a row (quarantined, never quoted in a note)."""
    _, quarantined, notes = ingest(home, DATA + tail)
    assert quarantined == [8]
    assert not any("mbakker" in n for n in notes), notes


@pytest.mark.parametrize(
    ("tail", "lines", "notes"),
    [
        # helper-118: a row of one filled cell right under the data, words with a space,
        # was dropped as a footnote and its text quoted: it stays a row
        ("Jan de Vries;;\n", [7], []),
        # below a report's total or a marked footnote, or after a blank line, a footnote
        ("Totaal;;2045\nBron: AFAS, 3-3-2026;;\n", [], [7, 8]),
        ("\nBron: AFAS, 3-3-2026;;\n", [], [8]),
        # helper-149: a count's line typed without the delimiters right under the data
        ("Aantal records: 5\n", [], [7]),
        ("Aantal records\n", [], [7]),
        ("Aantal records: 5 en meer\n", [7], []),  # a sentence right under it: a row
        # a report's label and its value in two cells, after a blank line
        ("\nRapportdatum;04-12-2026;\n", [], [8]),
        ("\nGegenereerd op:;04-12-2026 10:15;\n", [], [8]),
        ("\nBron;AFAS;\n", [], [8]),
        ("Rapportdatum;04-12-2026;\n", [7], []),  # right under the data: a row
        ("\nE6;04-12-2026;\n", [8], []),  # no label: a row
        ("\nRapportdatum;04-12-2026;12\n", [8], []),  # three cells: a row
        # right under a row whose quoted cell spans two lines: a row (helper-151: dropped)
        ('"E\n6";2025;10\nRapportdatum;04-12-2026;\n', [9], []),
        ('"E\n6";2025;10\nJan de Vries;;\n', [9], []),
        ('"E\n6";2025;10\n\nBron;AFAS;\n', [], [10]),  # after a blank line: its end
        # a CR-only file's line break in a quoted cell is one too (helper-154)
        ('"E\r6";2025;10\nJan de Vries;;\n', [9], []),
        # helper-174: a BI report's filters under their heading, right under the data,
        # with or without the delimiters
        ("Applied filters:\nJaar is 2025\n", [], [7, 8]),
        ("Toegepaste filters:;;\nJaar is 2025;;\nEenheid is VH;;\n", [], [7, 8, 9]),
        ("Applied filters\nJaar is 2025\n", [7, 8], []),  # no colon: no heading
        ("Filters: jaar 2025\n", [7], []),  # a sentence right under the data: a row
    ],
)
def test_a_sentence_right_under_the_data_stays_a_row(
    home: Path, tail: str, lines: list[int], notes: list[int]
) -> None:
    _, quarantined, said = ingest(home, DATA + tail)
    assert quarantined == lines
    ends = [n for n in said if "onder de gegevens, niet ingelezen" in n]
    assert [int(n.split(":")[0].removeprefix("regel ")) for n in ends] == notes


GIFTS = "omschrijving;employee_key;received_on;value_eur\n" + "".join(
    f"Bos bloemen;{4700 + i};1{i}.01.2026;25\n" for i in range(1, 6)
)


@pytest.mark.parametrize(
    ("tail", "left_out"),
    [
        # helper-118: a gift described 'Total' (a TotalEnergies card) with its key and a
        # dotted date beside it looked like a totals row of amounts, and was left out
        ("Total;4711;17.01.2026;45\n", False),
        ("Gemiddelde;4711;;45\n", False),  # a key beside the word
        ("Totaal;;17.01.2026;45\n", False),  # a date beside the word
        # amounts under the amount column only: the report's total, as before
        ("Totaal;;;125\n", True),
        # helper-120: the count of the rows above under the key: a report's count
        ("Totaal;5;;125\n", True),
        ("Aantal;5;5;125\n", True),
        ("Totaal;5;;125\nAantal;5;;\n", True),  # the data's count under the total
        ("Totaal;4;;125\n", False),  # not the count: a key
        ("Totaal;6;;125\n", False),
        ("Totaal generaal;;;125,00\n", True),
        # helper-197: the count and what it counts in the cell beside the word
        ("Totaal;5 geschenken;;125\n", True),
        ("Totaal;;5 geschenken;125\n", True),  # under the date: the count of dates
        ("Totaal;4 geschenken;;125\n", False),  # not the count: a row
        ("Totaal;;;125 stuks\n", True),  # under the amount: counted, as an amount is
        ("Totaal;5 geschenken extra;;125\n", False),  # more words: a description
        # helper-238: typed without the delimiters after it (a line DuckDB cannot read),
        # the same: 'Total' beside a key and a date is a gift, kept (quarantined here)
        ("Total;4711;17.01.2026\n", False),
        ("Totaal;4711\n", False),
        ("Totaal;5\n", True),  # the count of the rows above under the key
        ("Totaal;5 geschenken\n", True),
    ],
)
def test_a_total_holds_numbers_only_where_the_dataset_reads_numbers(
    home: Path, tail: str, left_out: bool
) -> None:
    path = home / "in" / "gifts.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_text(GIFTS + tail, "utf-8")
    [result] = run(home, path)
    assert result.error is None, result.error
    loaded = [r[0] for r in query(home, "select _source_line from raw_gifts order by 1")]
    quarantined = [r[0] for r in query(home, "select distinct line from quarantine")]
    totals = [str(n) for n in result.notes if "totaalregel" in str(n)]
    kept = 7 in loaded + quarantined  # a row: loaded, or quarantined with its reason
    assert (kept, bool(totals)) == (not left_out, left_out), (loaded, quarantined, totals)


@pytest.mark.parametrize(
    ("tail", "left_out"),
    [
        # helper-119: a report's count under the department (a code column): its end;
        # the 1 quarantined row of 9 refused the file and its 8 sessions
        ("Aantal;8;;;\nTotaal;;;108;92\n", True),
        ("Aantal;8;;;\n", True),
        ("Totaal;17-03-2026;;108;92\n", False),  # a date beside the word: a row
    ],
)
def test_a_count_under_a_code_column_is_a_reports_end(
    home: Path, tail: str, left_out: bool
) -> None:
    """The word under the date, the count under the department (a code column)."""
    path = home / "in" / "trainings.csv"
    path.parent.mkdir(exist_ok=True)
    head = "held_on;org_unit;kind;invited_n;attended_n\n"
    body = "".join(f"0{d}-02-2026;VH-N;dilemmasessie;10;8\n" for d in range(2, 10))
    path.write_text(head + body + tail, "utf-8")
    [result] = run(home, path)
    ends = [str(n) for n in result.notes if "totaalregel" in str(n)]
    assert (bool(ends), result.rows_quarantined == 0) == (left_out, left_out), result.summary()


def test_a_table_of_nearly_the_most_columns_has_its_reports_end_left_out() -> None:
    """999 columns, one under the ingest's limit (risks/settings.yaml max_columns: 1000):
    the rule counted a row's filled cells as a chain of 999 additions, past DuckDB's
    1,000 nested expressions, and `radar ingest` ended in a traceback (helper-130). The
    rule itself on such a table (a whole ingest of it takes some 45 s)."""
    width = 999
    con = duckdb.connect()
    source = SourceTable(
        Path("breed.csv"), "csv", "utf-8", ";", [f"h{i}" for i in range(width)], "src"
    )
    con.execute(
        f"create table src (_line integer, {', '.join(f'c{i} varchar' for i in range(width))})"
    )
    rows = [[line, f"E{line}", "2025", "120", *[""] * (width - 3)] for line in range(2, 7)]
    rows += [
        [7, "Totaal", "", "600", *[""] * (width - 3)],
        [8, "* km volgens de lease", *[""] * (width - 1)],
    ]
    con.executemany(f"insert into src values ({', '.join('?' * (width + 1))})", rows)
    drop_trailer(con, source)
    assert con.execute("select _line from src order by 1").fetchall() == [(n,) for n in range(2, 7)]
    assert [str(n) for n in source.notes] == [
        "regel 7: totaalregel onder de gegevens, niet ingelezen ('Totaal')",
        "regel 8: voetnoot onder de gegevens, niet ingelezen ('* km volgens de lease')",
    ]


DUTCH_GIFTS = (
    "Registratienummer;Personeelsnummer;Datum ontvangst;Soort gever;Soort geschenk;Waarde;"
    "Besluit\n"
    + "".join(
        f"G-{i};00010{i};0{i}-03-2026;Leverancier;Etentje;45,00;Geaccepteerd\n" for i in range(1, 7)
    )
)
GIFTS_MAPPING = (
    "dataset: gifts\nfiles: ['geschenken_*.csv']\ncolumns: {Registratienummer: record_id, "
    "Personeelsnummer: employee_key, Datum ontvangst: received_on, Soort gever: giver_type, "
    "Soort geschenk: gift_type, Waarde: value_eur, Besluit: decision}\n"
)


@pytest.mark.parametrize(
    ("total", "left_out"),
    [
        ("Totaal geschenken", True),  # helper-131: named by what the file holds
        ("Totaal Geschenken:", True),
        ("Totaal geschenken extra", False),  # more than the word after it
        ("Totaal pakket", False),  # no word of the file's name
    ],
)
def test_a_total_may_name_what_the_file_holds(home: Path, total: str, left_out: bool) -> None:
    folder = home / "in"
    folder.mkdir(exist_ok=True)
    (folder / "geschenken_2026-03.csv").write_text(DUTCH_GIFTS + f"{total};;;;;270,00;\n", "utf-8")
    (folder / "geschenken.mapping.yaml").write_text(GIFTS_MAPPING, "utf-8")
    [result] = run(
        home, folder / "geschenken_2026-03.csv", mappings=[folder / "geschenken.mapping.yaml"]
    )
    noted = [str(n) for n in result.notes if "totaalregel" in str(n)]
    assert (result.rows_loaded, bool(noted)) == (6, left_out), result.summary()
    assert result.rows_quarantined == (0 if left_out else 1)


def test_a_reports_label_is_noted_with_its_value(home: Path) -> None:
    _, _, said = ingest(home, DATA + "\nRapportdatum;04-12-2026;\n")
    assert "regel 8: voetnoot onder de gegevens, niet ingelezen ('Rapportdatum 04-12-2026')" in said


def test_a_workbook_rows_line_breaks_are_no_lines(home: Path, tmp_path: Path) -> None:
    """helper-154: Alt+Enter in a workbook's cell counted as lines, so a footnote after
    a blank row seemed right under the data, and a row right under it did not."""
    import openpyxl

    def workbook(name: str, tail: list[list[object]]) -> list[int]:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["employee_key", "year", "private_km"])
        for n in range(1, 6):
            ws.append([f"E{n}", 2025, 100 * n])
        ws.append(["E\n6", 2025, 10])  # a line break in a cell: row 7, one row
        for row in tail:
            ws.append(row)
        path = home / "in" / name
        path.parent.mkdir(exist_ok=True)
        wb.save(path)
        [result] = run(home, path)
        assert result.error is None, result.error
        return [
            int(str(n).split(":")[0].removeprefix("regel "))
            for n in result.notes
            if "onder de gegevens, niet ingelezen" in str(n)
        ]

    assert workbook("a.xlsx", [[None, None, None], ["Bron: AFAS, 3-3-2026", None, None]]) == [9]
    assert workbook("b.xlsx", [["Jan de Vries", None, None]]) == []


def test_a_sap_total_with_its_currency_beside_the_amount_is_left_out(home: Path) -> None:
    """helper-179: SAP's '*' line under an order list, the total and 'EUR' in cells of
    their own, was a row of empty required cells that refused the file; a word beside the
    amount is no currency, and the line stays a row (the boundary)."""
    loaded, quarantined, notes = ingest(home, DATA + "*;EUR;2.045\n")
    assert (loaded, quarantined) == ([2, 3, 4, 5, 6], [])
    assert "regel 7: totaalregel onder de gegevens, niet ingelezen ('*')" in notes
    loaded, quarantined, notes = ingest(home, DATA + "*;Jansen;2.045\n")
    assert 7 in loaded + quarantined


@pytest.mark.parametrize(
    ("tail", "left_out"),
    [
        ("Totaal;1.005 geschenken;;\n", True),  # a count with a thousands dot (helper-199)
        ("Totaal;1.005;;\n", True),
        ("Totaal;1.004 geschenken;;\n", False),  # not the count: a row
        ("Totaal;1.0050 geschenken;;\n", False),  # no thousands group
    ],
)
def test_a_count_of_thousands_is_written_with_its_dot(
    home: Path, tail: str, left_out: bool
) -> None:
    path = home / "in" / "gifts.csv"
    path.parent.mkdir(exist_ok=True)
    rows = "".join(f"Bos bloemen;{4700 + i};12.01.2026;25\n" for i in range(1005))
    path.write_text(GIFTS.splitlines(keepends=True)[0] + rows + tail, "utf-8")
    [result] = run(home, path)
    totals = [str(n) for n in result.notes if "totaalregel" in str(n)]
    assert bool(totals) == left_out, (totals, result.summary())


@pytest.mark.parametrize(
    ("word", "total"),
    [
        ("Totaal 5", True),  # helper-268 F7: 'Totaal 300' under 300 employees
        ("totaal: 5", True),
        ("Totaal 4", False),  # no count of the rows: a gift may be so described
        ("Totaal 6", False),
        ("Totaal 05", True),
    ],
)
def test_a_total_with_the_count_of_the_rows_above_alone_is_left_out(
    home: Path, word: str, total: bool
) -> None:
    loaded, quarantined, notes = ingest(home, DATA + f"{word};;2045\n")
    assert loaded == [2, 3, 4, 5, 6]
    assert (quarantined == []) == total, (quarantined, notes)
    said = [n for n in notes if "totaalregel onder de gegevens" in n]
    assert said == (
        [f"regel 7: totaalregel onder de gegevens, niet ingelezen ('{word}')"] if total else []
    )


def test_a_counted_total_above_a_footnote_counts_the_rows_above_it(home: Path) -> None:
    loaded, quarantined, notes = ingest(home, DATA + "Totaal 5;;2045\nBron: AFAS;;\n")
    assert (loaded, quarantined) == ([2, 3, 4, 5, 6], [])


def test_a_counted_total_under_a_subtotal_counts_the_rows_above_it_alone(home: Path) -> None:
    """helper-270 F7: 'Totaal 9' under the last group's subtotal counted the subtotal as
    a row, and both lines were quarantined."""
    text = DATA + "Subtotaal;;2045\nTotaal 5;;2045\n"
    loaded, quarantined, notes = ingest(home, text)
    assert (loaded, quarantined) == ([2, 3, 4, 5, 6], [])
