"""What an XLSX shows is what is read. A formula without a stored result (written by a
tool, never calculated and saved by Excel) would read as empty, and a row of them as a
blank row; merged cells over data rows hold the value in their first cell only: such a
file is refused naming the cell or range, where that column is read. A formula with its
stored result reads as that result; a merged title above the header passes (README, Data
in)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl import load_workbook as openpyxl_load

from pipelines.ingest.readers import UnusableFile
from pipelines.ingest.sheet_xml import scan_sheet
from pipelines.ingest.xlsx_reader import read_xlsx

HEADER = ["employee_key", "received_on", "giver_type", "gift_type", "value_eur"]


def book(path: Path, *rows: list[object]) -> Path:
    wb = Workbook()
    for row in [HEADER, *rows]:
        wb.active.append(row)
    wb.save(path)
    return path


def with_results(path: Path, results: dict[str, str], *, text_result: bool = False) -> Path:
    """The same workbook with a stored result for the formula in each named cell, as Excel
    writes it (<c r="E2"><f>..</f><v>20</v></c>; a text result with t="str", an empty one
    as <v></v>)."""
    out = path.with_name("saved_" + path.name)
    kind = ' t="str"' if text_result else ""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                xml = data.decode()
                for cell, value in results.items():
                    xml = re.sub(
                        rf'<c r="{cell}"([^>]*)>(<f>[^<]*</f>)(<v\s*/>|<v></v>)?',
                        rf'<c r="{cell}"\g<1>{kind}>\g<2><v>{value}</v>',
                        xml,
                    )
                data = xml.encode()
            dst.writestr(info, data)
    return out


def test_a_formula_without_its_result_refuses_the_file_naming_the_cell(tmp_path: Path) -> None:
    path = book(
        tmp_path / "gifts.xlsx",
        ["e1", "2025-03-10", "huurder", "geld", 20],
        ["e2", "2025-03-11", "huurder", "geld", "=10*2"],
    )
    assert scan_sheet(path).unresolved == [("E", 3, "=10*2")]
    with pytest.raises(UnusableFile) as caught:
        read_xlsx(path)
    said = str(caught.value)
    assert "cel E3 (regel 3, kolom value_eur) bevat een formule zonder opgeslagen uitkomst" in said
    # the formula's text is not quoted: in a comment column it may be a comment's
    assert "=10*2" not in said


@pytest.mark.parametrize(
    ("label", "formula", "refused"),
    [
        ("Totaal", "=SUM(E2:E3)", False),  # a totals row's sum: the trailer's to leave out
        ("Eindtotaal", "=SUBTOTAL(9,E2:E3)", False),
        ("Totaal", "=E2*2", True),  # no sum of rows
        ("e3", "=SUM(E2:E3)", True),  # a sum on a row that says no total
    ],
)
def test_a_totals_rows_sum_without_its_result_is_no_refusal(
    tmp_path: Path, label: str, formula: str, refused: bool
) -> None:
    """helper-225: a totals row of =SUM(F2:F4) written without its result (openpyxl and
    report tools write so) refused a file whose totals row is left out anyway. A sum,
    count or average of rows on a row labelled as a total is let through; any other
    formula without a result refuses the file as before."""
    path = book(
        tmp_path / "gifts.xlsx",
        ["e1", "2025-03-10", "huurder", "geld", 20],
        ["e2", "2025-03-11", "huurder", "geld", 30],
        [label, None, None, None, formula],
    )
    if refused:
        with pytest.raises(UnusableFile, match="cel E4 "):
            read_xlsx(path)
    else:
        assert read_xlsx(path).rows[-1][0] == label


def test_a_formula_holding_free_text_is_not_printed(tmp_path: Path) -> None:
    path = book(
        tmp_path / "gifts.xlsx",
        ["e1", "2025-03-10", "huurder", "geld", 20],
        ["e2", "2025-03-11", "huurder", "geld", '="Piet is corrupt"'],
    )
    with pytest.raises(UnusableFile) as caught:
        read_xlsx(path)
    assert "cel E3" in str(caught.value) and "Piet" not in str(caught.value)
    assert "Piet" not in caught.value.text("en")


def test_a_row_of_formulas_alone_is_not_skipped_as_blank(tmp_path: Path) -> None:
    path = book(
        tmp_path / "gifts.xlsx",
        ["e1", "2025-03-10", "huurder", "geld", 20],
        ["=A2", "=B2", "=C2", "=D2", "=E2"],
    )
    with pytest.raises(UnusableFile, match="cel A3 "):
        read_xlsx(path)


def test_a_formula_with_its_stored_result_reads_as_that_result(tmp_path: Path) -> None:
    path = book(
        tmp_path / "gifts.xlsx",
        ["e1", "2025-03-10", "huurder", "geld", "=10*2"],
        ["e2", "2025-03-11", "huurder", "geld", None],  # an empty cell stays empty
    )
    saved = with_results(path, {"E2": "20"})
    assert scan_sheet(saved).unresolved == []
    table = read_xlsx(saved)
    assert [row[4] for row in table.rows] == ["20", None]


def test_an_empty_text_result_and_a_line_quarantined_for_its_fields_pass(
    tmp_path: Path,
) -> None:
    """=ALS(...;"";...) stores an empty text (t="str", <v></v>): a result, read as empty.
    A formula without a result on a line with a cell beyond the header: that line is
    quarantined for its fields (as before), the file is not refused for it."""
    path = book(
        tmp_path / "gifts.xlsx",
        ["e1", "2025-03-10", "huurder", "geld", '=IF(1>2,"x","")'],
        ["e2", "2025-03-11", "huurder", "geld", 20, "=1+1"],
        ["e3", "2025-03-12", "huurder", "=A1", 30, "zie mail"],
    )
    saved = with_results(path, {"E2": ""}, text_result=True)
    table = read_xlsx(saved)
    assert [row[4] for row in table.rows] == [None, "20"]  # F3's formula is beyond the table
    assert [line for line, _fields, _width in table.malformed] == [4]


def test_an_array_formula_without_its_result_refuses_the_file(tmp_path: Path) -> None:
    path = book(tmp_path / "gifts.xlsx", ["e1", "2025-03-10", "huurder", "geld", 20])
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(
        b'<c r="E2" t="n"><v>20</v></c>', b'<c r="E2"><f t="array" ref="E2">10*2</f></c>'
    )
    assert b'<f t="array"' in parts[sheet]
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    with pytest.raises(UnusableFile, match="cel E2 "):
        read_xlsx(path)


def test_a_workbook_without_formulas_is_read_once(tmp_path: Path) -> None:
    path = book(tmp_path / "gifts.xlsx", ["e1", "2025-03-10", "huurder", "geld", None])
    assert scan_sheet(path).unresolved == []
    assert read_xlsx(path).rows == [["e1", "2025-03-10", "huurder", "geld", None]]


# --- merged cells ----------------------------------------------------------------------


def _allocations(path: Path, merged: str, extra: list[str] | None = None) -> Path:
    """A grouped report: lettings with the channel, and a remark, on the first of four
    rows, the ``merged`` range over them."""
    wb = Workbook()
    ws = wb.active
    ws.append(["allocation_id", "allocated_on", "dwelling_id", "Opm", "channel", "Consultant Key"])
    for i in range(1, 5):
        remark = "zie dossier" if i == 1 else None
        ws.append([f"A{i}", "2025-03-01", f"D{i}", remark, "maatwerk", f"E{i}"])
    ws.merge_cells(merged)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("merged", "mapping", "refused"),
    [
        ("E2:E5", "", "de cellen E2:E5 zijn samengevoegd (vanaf regel 2, kolom channel)"),
        ("D2:D3", "", None),  # a remark no mapping or contract reads (helper-197)
        ("D2:D3", "columns: {Opm: approver_key}\n", "D2:D3 zijn samengevoegd"),
        ("D2:D3", "drop_rows: {Opm: [vervallen]}\n", "D2:D3 zijn samengevoegd"),
        ("E3:E4", "", "E3:E4 zijn samengevoegd (vanaf regel 3, kolom channel)"),
        ("E5:E6", "", None),  # down one data row and an empty one below the table
        # from the remark into a column that is read (helper-199: passed)
        ("D2:E3", "", "D2:E3 zijn samengevoegd (vanaf regel 2, kolom channel)"),
        # a contract's column by its name with a space (helper-199: passed)
        ("F2:F3", "", "F2:F3 zijn samengevoegd (vanaf regel 2, kolom Consultant Key)"),
    ],
)
def test_merged_cells_over_data_rows_of_a_column_read_refuse_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, merged: str, mapping: str, refused: str | None
) -> None:
    """One channel merged over four lettings: read cell by cell, three of them would have
    no channel. A column no mapping names and no contract has is not read: a remark
    merged there refused the whole workbook (helper-197)."""
    from tests.test_ingest import run

    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = _allocations(tmp_path / "in" / "toewijzingen.xlsx", merged)
    maps = []
    if mapping:
        text = f"dataset: allocations\nfiles: [toewijzingen.xlsx]\n{mapping}"
        maps = [tmp_path / "in" / "t.mapping.yaml"]
        maps[0].write_text(text, "utf-8")
    [result] = run(home, path, mappings=maps)
    if refused is None:
        assert result.error is None, result.error
    else:
        assert refused in str(result.error), result.error


def test_merges_that_hide_no_data_pass(tmp_path: Path) -> None:
    """A title above the header, a note beside the table, a totals label over three
    columns of one row (that row is checked as any other), merged empty cells below."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Geschenkenregister 2025"])
    ws.merge_cells("A1:E1")
    ws.append(HEADER)
    ws.append(["e1", "2025-03-10", "huurder", "geld", 20])
    ws.merge_cells("G3:H6")  # a box beside the table (a value there is a cell too many)
    ws.append(["e2", "2025-03-11", "huurder", "geld", 30])
    ws.append(["Totaal", None, None, None, 50])
    ws.merge_cells("A5:C5")
    ws.merge_cells("A8:D9")
    wb.save(tmp_path / "gifts.xlsx")
    table = read_xlsx(tmp_path / "gifts.xlsx", header_row=2)
    assert [row[0] for row in table.rows] == ["e1", "e2", "Totaal"]
    assert [line for line, *_ in table.malformed] == []


def test_a_merged_title_above_the_header_passes(
    tmp_path: Path,
) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Geschenkenregister 2025", None, None, None, None])
    ws.merge_cells("A1:E1")  # a title over the header: no data
    ws.append(HEADER)
    ws.append(["e1", "2025-03-10", "huurder", "geld", 20])
    wb.save(tmp_path / "gifts.xlsx")
    table = read_xlsx(tmp_path / "gifts.xlsx", header_row=2)
    assert table.rows == [["e1", "2025-03-10", "huurder", "geld", "20"]]


def test_rows_and_columns_hidden_in_excel_are_read_and_said(tmp_path: Path) -> None:
    """A filter left on hides rows, a folded column hides a column: both are data and
    are read, and a note names them (the one who saved the file may have meant them
    left out). A hidden title row above the header, or a hidden column beyond the table,
    is no data and not said."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Overzicht"])
    ws.append(["employee_key", "year", "private_km"])
    for i in range(1, 13):
        ws.append([str(i), 2026, 10 * i])
    for row in (1, 4, 5, 14):  # the title, and lines 4, 5 and 14 (employees 2, 3, 12)
        ws.row_dimensions[row].hidden = True
    ws.column_dimensions["C"].hidden = True
    ws.column_dimensions["F"].hidden = True
    path = tmp_path / "km.xlsx"
    wb.save(path)
    table = read_xlsx(path, header_row=2)
    assert len(table.rows) == 12
    said = [str(n) for n in table.notes]
    assert said == [
        "3 rij(en) verborgen in Excel (een filter?), toch ingelezen: regel 4, 5, 14",
        "kolom(men) verborgen in Excel, toch ingelezen: private_km",
    ]
    plain = book(tmp_path / "plain.xlsx", ["a", "b"], [1, 2])
    assert read_xlsx(plain).notes == []


def test_many_hidden_rows_are_counted_and_the_first_ten_named(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["a", "b"])
    for i in range(30):
        ws.append([i, i])
    for row in range(2, 13):  # eleven rows
        ws.row_dimensions[row].hidden = True
    path = tmp_path / "x.xlsx"
    wb.save(path)
    [note] = read_xlsx(path).notes
    assert str(note).startswith("11 rij(en) verborgen")
    assert str(note).endswith("regel 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 ...")


def test_a_workbook_with_a_password_or_no_zip_says_what_it_is(tmp_path) -> None:
    """helper-101: Excel saves a workbook with a password in Office's old container under
    its .xlsx name; the message was openpyxl's 'File is not a zip file'. Now it names
    the two causes and the way out; a PDF under an .xlsx name is named a PDF."""
    from pipelines.ingest.readers import UnusableFile, read_table

    locked = tmp_path / "beveiligd.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(UnusableFile, match="een werkmap met een wachtwoord .* of een oud .xls"):
        read_table(locked)
    pdf = tmp_path / "rapport.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n...")
    with pytest.raises(UnusableFile, match=r"geen Excel-werkmap .* is dat niet \(PDF\); niets"):
        read_table(pdf)
    text = tmp_path / "tekst.xlsx"
    text.write_bytes(b"naam;plaats\n")
    with pytest.raises(UnusableFile, match=r"is dat niet \(tekst, misschien een CSV\); niets"):
        read_table(text)
    binary = tmp_path / "ruis.xlsx"
    binary.write_bytes(b"\x01\x00\x02garbage")
    with pytest.raises(UnusableFile, match=r"geen Excel-werkmap .* is dat niet; niets"):
        read_table(binary)


@pytest.mark.parametrize(
    ("parts", "kind"),
    [
        ({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}, "OpenDocument (.ods)"),
        ({"[Content_Types].xml": "x", "word/document.xml": "x"}, "Word (.docx)"),
        ({"[Content_Types].xml": "x", "xl/workbook.bin": "x"}, "Excel binaire werkmap (.xlsb)"),
    ],
)
def test_another_office_file_under_an_xlsx_name_is_named(tmp_path, parts, kind) -> None:
    """helper-102: an .ods, .docx or .xlsb saved as .xlsx gave openpyxl's English error."""
    from pipelines.ingest.readers import UnusableFile, read_table

    path = tmp_path / "register.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    with pytest.raises(UnusableFile, match=re.escape(f"geen Excel-werkmap (.xlsx) maar {kind};")):
        read_table(path)


def test_a_workbook_cut_off_says_so_in_dutch(tmp_path) -> None:
    """helper-103: a truncated download gave openpyxl's English 'File is not a zip file'."""
    from openpyxl import Workbook

    from pipelines.ingest.readers import UnusableFile, read_table

    whole = tmp_path / "heel.xlsx"
    Workbook().save(whole)
    cut = tmp_path / "afgebroken.xlsx"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    with pytest.raises(UnusableFile, match="Excel-werkmap beschadigd of afgebroken"):
        read_table(cut)


def test_a_remark_beside_the_table_after_an_empty_column_is_said_not_quarantined(
    tmp_path: Path,
) -> None:
    """helper-103: a note typed in G2 with F empty beside a register of columns A-E sent
    its line to quarantine ("8 velden"), and a small register over the share refused. A
    cell after an empty column is a remark beside the table: the line loads, the note
    names the cell. A value right after the last column (F) still does not fit the line:
    quarantined as before, also when a remark follows it."""
    path = book(
        tmp_path / "gifts.xlsx",
        ["e1", "2025-03-10", "huurder", "geld", 20, None, "nagekeken door JdV"],
        ["e2", "2025-03-11", "huurder", "geld", 30],
        ["e3", "2025-03-12", "huurder", "geld", 40, None, None, "zie mail"],
        ["e4", "2025-03-13", "huurder", "geld", 50, "60"],
        ["e5", "2025-03-14", "huurder", "geld", 70, "x", "y"],
    )
    table = read_xlsx(path)
    assert [row[0] for row in table.rows] == ["e1", "e2", "e3"]
    assert [row[4] for row in table.rows] == ["20", "30", "40"]
    assert [line for line, *_ in table.malformed] == [5, 6]
    notes = [str(n) for n in table.notes]
    assert notes == [
        "2 cel(len) naast de tabel, na een lege kolom, niet ingelezen (een opmerking?): G2, H4"
    ]


def test_a_value_right_beside_the_table_is_quarantined_naming_its_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-253 F2: a remark right after the last column (J4 beside A-I) was quarantined
    as 'regel heeft 10 velden, de kop heeft er 9': a CSV's words, no cell, no value, no
    way out. It names the cells, what they hold and the two ways out."""
    from tests.test_ingest import query, run

    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    path = book(
        tmp_path / "gifts.xlsx",
        ["e1", "2025-03-10", "huurder", "geld", 20],
        ["e4", "2025-03-13", "huurder", "geld", 50, "navragen bij P&O"],
        ["e5", "2025-03-14", "huurder", "geld", 70, "x", None, "y"],
    )
    run(home, path)
    reasons = dict(query(home, "select line, reason from quarantine order by line"))
    way_out = (
        "in een kolom zonder naam in de kop: een opmerking? Zet die na een lege kolom (dan "
        "wordt hij overgeslagen, met een melding) of geef de kolom een naam in de kop"
    )
    # a file with a person's key: what the cells hold is not shown (helper-255 F5: an
    # unnamed column may hold personnel numbers)
    assert reasons == {
        3: "gifts.xlsx, regel 3: naast de tabel, direct na de laatste kolom met een naam "
        f"('value_eur'), staat F3 een waarde (niet getoond), {way_out}",
        4: "gifts.xlsx, regel 4: naast de tabel, direct na de laatste kolom met een naam "
        f"('value_eur'), staat F4, H4 een waarde (niet getoond), {way_out}",
    }
    assert query(home, "select value from quarantine") == [(None,), (None,)]
    assert query(home, "select employee_key is not null from raw_gifts") == [(True,)]
    # a file without one: the cell and what it holds
    wb = Workbook()
    for row in (["org_unit", "name", "parent_unit", "level"],
                ["WH", "Woonhaven", None, "organisatie"],
                ["VH", "Verhuur", "WH", "afdeling", "navragen bij P&O"]):  # fmt: skip
        wb.active.append(row)
    wb.save(tmp_path / "org_units.xlsx")
    run(home, tmp_path / "org_units.xlsx")
    (reason,) = query(home, "select reason from quarantine where dataset = 'org_units'")[0]
    assert reason == (
        "org_units.xlsx, regel 3: naast de tabel, direct na de laatste kolom met een naam "
        f"('level'), staat E3 'navragen bij P&O', {way_out}"
    )


def test_a_control_character_as_excel_stores_it_is_that_character(tmp_path: Path) -> None:
    """helper-192: Excel stores a CR (text pasted from Outlook, a database's line end) as
    _x000D_; read as those letters, 000103_x000D_ was another person's pseudonym,
    Leverancier_x000D_ no code and a wrapped header no match for its mapping. Text that
    only looks alike (no four hex digits between _x and _) stays as it is."""
    path = book(
        tmp_path / "escapes.xlsx",
        ["000103_x000D_", "2026-03-02", "Leverancier_x000D__x000A_", "max_x", "_x00zz_"],
    )
    wb = Workbook()
    wb.active.append(["Medewerker", "Datum_x000D__x000A_ontvangst"])
    wb.active.append(["000104", "02-03-2026"])
    wb.save(tmp_path / "header.xlsx")
    [row] = read_xlsx(path).rows
    assert row == ["000103\r", "2026-03-02", "Leverancier\r\n", "max_x", "_x00zz_"]
    assert read_xlsx(tmp_path / "header.xlsx").header == ["Medewerker", "Datum\r\nontvangst"]


def _damaged(path: Path, old: str, new: str, sheet: int = 1) -> Path:
    """The workbook with ``old`` in its ``sheet``'s XML written as ``new`` (once)."""
    out = path.with_name("damaged_" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == f"xl/worksheets/sheet{sheet}.xml":
                text = data.decode()
                assert text.count(old) == 1, text
                data = text.replace(old, new).encode()
            dst.writestr(info, data)
    return out


@pytest.mark.parametrize(
    "old, new, where",
    [
        ('<row r="3"', '<row r="3.5"', "na rij 2"),  # a row number that is none
        ('<c r="E3" t="n"><v>20</v>', '<c r="E3" t="n"><v>abc</v>', "in rij 3, kolom E"),
        (  # a shared string past the table's end
            '<c r="C3" t="inlineStr"><is><t>huurder</t></is></c>',
            '<c r="C3" t="s"><v>9999</v></c>',
            "in rij 3, kolom C",
        ),
        ('<c r="E3" t="n"', '<c r="E3" t="n" s="x1"', "in rij 3, kolom E"),  # a style id
        ('<c r="C3"', '<c r="ZZZZ3"', "in rij 3"),  # no column: not the cell before it
    ],
)
def test_a_workbook_damaged_inside_is_refused_naming_the_row(
    tmp_path: Path, old: str, new: str, where: str
) -> None:
    """helper-193: a row numbered 5.5, a shared string past the table, a number cell
    holding abc ended the run in a Python traceback, its other files unread."""
    path = book(
        tmp_path / "gifts.xlsx",
        ["e1", "2025-03-10", "huurder", "geld", 10],
        ["e2", "2025-03-11", "huurder", "geld", 20],
    )
    with pytest.raises(UnusableFile) as refused:
        read_xlsx(_damaged(path, old, new))
    said = str(refused.value)
    assert "kan werkblad Sheet niet lezen: het is beschadigd of onvolledig" in said
    assert said.endswith(
        f"(melding van de lezer: een rij of cel van het werkblad is onleesbaar, {where})"
    )


def test_a_damaged_sheet_is_named_and_the_workbooks_other_sheet_reads(tmp_path: Path) -> None:
    """helper-195: one damaged sheet of a workbook read under two sheet mappings was told
    'de werkmap is beschadigd; niets ingelezen' while the other sheet loaded."""
    wb = Workbook()
    wb.active.title = "Organisatie"
    wb.active.append(["org_unit", "name"])
    wb.active.append(["WH", "Woonstichting"])
    staff = wb.create_sheet("Medewerkers")
    staff.append(["employee_key", "fte"])
    staff.append(["e1", 5])
    wb.save(tmp_path / "export.xlsx")
    path = _damaged(tmp_path / "export.xlsx", "<v>5</v>", "<v>abc</v>", sheet=2)
    assert read_xlsx(path, sheet="Organisatie").rows == [["WH", "Woonstichting"]]
    with pytest.raises(UnusableFile) as refused:
        read_xlsx(path, sheet="Medewerkers")
    said = str(refused.value)
    assert said.startswith(f"{path}: kan werkblad Medewerkers niet lezen")
    assert "niets van dit werkblad ingelezen" in said
    assert said.endswith("onleesbaar, in rij 2, kolom B)")


@pytest.mark.parametrize(
    ("merged", "refused"),
    [("D2:D3", True), ("E2:E3", False), ("C2:C3", True)],  # an item, skipped, an id
)
def test_under_unpivot_every_column_but_the_skipped_ones_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, merged: str, refused: bool
) -> None:
    """A wide survey: an item's answer merged over two respondents is lost for the second;
    a skipped column (a remark) is not read."""
    from tests.test_ingest import run

    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    wb = Workbook()
    ws = wb.active
    ws.append(["RespondentID", "Meetmoment", "Eenheid", "CLA1", "Opmerking"])
    ws.append(["R1", "15-03-2026", "VH-N", 4, "lang"])
    ws.append(["R2", "15-03-2026", "VH-N", 4, None])
    ws.merge_cells(merged)
    (tmp_path / "in").mkdir()
    wb.save(tmp_path / "in" / "wide.xlsx")
    mapping = tmp_path / "in" / "w.mapping.yaml"
    mapping.write_text(
        "dataset: survey_responses\nfiles: [wide.xlsx]\nunpivot:\n"
        "  id_columns: [RespondentID, Meetmoment, Eenheid]\n  skip_columns: [Opmerking]\n"
        "columns: {RespondentID: respondent_key, Meetmoment: wave_date, Eenheid: org_unit}\n",
        "utf-8",
    )
    [result] = run(home, tmp_path / "in" / "wide.xlsx", mappings=[mapping])
    if refused:
        assert f"de cellen {merged} zijn samengevoegd" in str(result.error), result.error
    else:
        assert result.error is None, result.error


def test_a_currency_column_beside_the_amounts_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-200: Valuta merged over three gifts in dollars: the two below the first
    loaded as euros, as the column is read for every amount though no contract has it."""
    from tests.test_ingest import run

    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    (tmp_path / "in").mkdir()
    rows = [[f"e{i}", "2025-03-10", "huurder", "geld", 10 * i] for i in range(1, 4)]
    path = book(tmp_path / "in" / "gifts.xlsx", *rows)
    wb = openpyxl_load(path)
    ws = wb.active
    ws["F1"] = "Valuta"
    ws["F2"] = "USD"
    ws.merge_cells("F2:F4")
    wb.save(path)
    [result] = run(home, path)
    assert "de cellen F2:F4 zijn samengevoegd (vanaf regel 2, kolom Valuta)" in str(result.error)
