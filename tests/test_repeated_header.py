"""Two tables stacked in one sheet or CSV: the repeated header and the title right above
it are left out with a note (pipelines/ingest/repeated_header.py; helper-104: a side-jobs
register of ten rows had both quarantined, 2 of 12 rows, and was refused whole)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from pipelines.core.catalogue import load_catalogue
from tests.ingesthelpers import ingest_only
from tests.test_ingest import home, org_home, query, run, write

__all__ = ["home", "org_home"]  # fixtures used here (tests/test_ingest.py)

HEADER = "employee_key;year;private_km\n"
Y2025 = "E1;2025;1200\nE2;2025;300\nE3;2025;450\nE4;2025;80\nE5;2025;15\n"
Y2026 = "E1;2026;900\nE2;2026;310\nE3;2026;400\nE4;2026;95\nE5;2026;20\n"
NOTE = "herhaalt de kop"


def ingest(home: Path, text: str, header: str = HEADER) -> tuple[list[int], list[int], list[str]]:
    """The lines loaded and quarantined (no limit on the quarantined share) and the notes."""
    [result] = run(home, write(home / "in" / "vehicle_use.csv", header + text))
    assert result.error is None, result.error
    loaded = query(home, "select _source_line from raw_vehicle_use order by 1")
    quarantined = query(home, "select distinct line from quarantine order by 1")
    return [r[0] for r in loaded], [r[0] for r in quarantined], [str(n) for n in result.notes]


def test_a_second_years_title_and_header_are_left_out_with_one_note(home: Path) -> None:
    loaded, quarantined, notes = ingest(home, Y2025 + "\nRegister 2026;;\n" + HEADER + Y2026)
    assert (loaded, quarantined) == ([2, 3, 4, 5, 6, 10, 11, 12, 13, 14], [])
    assert [n for n in notes if NOTE in n] == [
        "regel 9 herhaalt de kop ('employee_key | year | private_km') en regel 8 erboven is "
        "een titel (kolom employee_key): geen gegevens, niet ingelezen"
    ]


def test_the_register_is_no_longer_refused_under_the_default_limit(
    home: Path, tmp_path: Path
) -> None:
    """The trial's case under the 10% limit (ingest.max_quarantined_share): 10 rows."""
    path = write(tmp_path / "in" / "vehicle_use.csv", HEADER + Y2025 + "\nRegister 2026;;\n")
    path.write_text(path.read_text("utf-8") + HEADER + Y2026, "utf-8")
    [result] = ingest_only(home / "warehouse.duckdb", [path], catalogue=load_catalogue())
    assert result.error is None, result.error
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined) == (10, 10, 0)


def test_in_a_workbook_too(home: Path, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    header = ["employee_key", "year", "private_km"]
    ws.append(header)
    for i in range(3):
        ws.append([f"E{i}", 2025, 100 + i])
    ws.append([])
    ws.append(["Register 2026"])
    ws.append([" Employee_Key", "YEAR ", "private_km"])  # compared as the header is matched
    for i in range(3):
        ws.append([f"E{i}", 2026, 200 + i])
    ws.append(header)  # and as the very last row, with no title above it
    path = tmp_path / "book" / "vehicle_use.xlsx"
    path.parent.mkdir()
    wb.save(path)
    [result] = run(home, path)
    assert result.error is None, result.error
    assert query(home, "select _source_line from raw_vehicle_use order by 1") == [
        (2,), (3,), (4,), (8,), (9,), (10,)
    ]  # fmt: skip
    assert query(home, "select count(*) from quarantine") == [(0,)]
    notes = [str(n) for n in result.notes if NOTE in str(n)]
    assert [n.split(" (")[0] for n in notes] == [
        "regel 7 herhaalt de kop",
        "regel 11 herhaalt de kop",
    ]
    assert "regel 6 erboven is een titel (kolom employee_key):" in notes[0]
    assert "titel" not in notes[1]


def test_through_a_mapping_the_raw_header_is_compared(home: Path, tmp_path: Path) -> None:
    """The header is matched after the mapping's renames; the repeat is the file's own."""
    mapping = write(
        tmp_path / "lease.mapping.yaml",
        "dataset: vehicle_use\ncolumns: {Medewerker: employee_key, Jaar: year, "
        "Privé km: private_km}\n",
    )
    head = "Medewerker;Jaar;Privé km\n"
    near = "Medewerker;Jaar;Privékm\n"  # not the same name: a row (quarantined)
    text = head + "E1;2025;10\nE2;2025;20\n" + near + "Overzicht 2026;;\n" + head + "E1;2026;30\n"
    [result] = run(home, write(tmp_path / "in" / "lease.csv", text), mappings=[mapping])
    assert result.error is None, result.error
    assert query(home, "select _source_line from raw_vehicle_use order by 1") == [(2,), (3,), (7,)]
    assert query(home, "select distinct line from quarantine") == [(4,)]
    assert [str(n)[:25] for n in result.notes if NOTE in str(n)] == ["regel 6 herhaalt de kop ("]


@pytest.mark.parametrize(
    ("tail", "rows"),
    [
        # one header word in one column (a gift described 'Omschrijving'): data
        ("E6;year;10\n", [7]),
        ("employee_key;2025;10\n", [7]),
        ("employee_key;year;10\n", [7]),  # all but one cell: data
        ("employee_key;year;private_km;x\n", [7]),  # a field more: malformed, quarantined
        # a title with no repeated header under it stays what it is today
        ("Register 2026;;\n" + Y2026, [7, 8, 9, 10, 11, 12]),
        ("\nRegister 2026;;\nE6;2026;10\n", [8, 9]),
    ],
)
def test_what_only_looks_like_a_repeated_header_stays_a_row(
    home: Path, tail: str, rows: list[int]
) -> None:
    loaded, quarantined, notes = ingest(home, Y2025 + tail)
    assert set(rows) <= set(loaded) | set(quarantined)
    assert not [n for n in notes if NOTE in n]


@pytest.mark.parametrize(
    ("above", "kept"),
    [
        ("E7;;\n", [7]),  # a lone key above the header: data (quarantined), no title
        ("Register;2026;\n", [7]),  # two filled cells: a row
        ("2026;;\n", [7]),  # a number alone: no title
    ],
)
def test_only_a_one_cell_text_right_above_is_its_title(
    home: Path, above: str, kept: list[int]
) -> None:
    loaded, quarantined, notes = ingest(home, Y2025 + above + HEADER + "E1;2026;5\n")
    assert set(kept) <= set(loaded) | set(quarantined)
    assert 8 not in set(loaded) | set(quarantined)  # the repeat itself is left out
    said = [n for n in notes if NOTE in n]
    assert len(said) == 1 and "titel" not in said[0], said


def test_the_header_repeated_as_the_last_row(home: Path) -> None:
    loaded, quarantined, notes = ingest(home, Y2025 + HEADER)
    assert (loaded, quarantined) == ([2, 3, 4, 5, 6], [])
    assert [n for n in notes if NOTE in n] == [
        "regel 7 herhaalt de kop ('employee_key | year | private_km'): geen gegevens, "
        "niet ingelezen"
    ]


def test_the_note_never_shows_the_titles_text(home: Path) -> None:
    """helper-107: a name and an illness above the header went into the ingest log, which
    every role reads. The note names the line and the column; the header's own names
    (no data) are shown."""
    title = "Piet de Vries (langdurig ziek);;\n"
    [result] = run(home, write(home / "in" / "vehicle_use.csv", HEADER + Y2025 + title + HEADER))
    assert result.error is None, result.error
    said = [n.text(lang) for n in result.notes for lang in ("nl", "en")]
    assert not [s for s in said if "Piet" in s or "ziek" in s], said
    assert (
        "line 8 repeats the header ('employee_key | year | private_km') and line 7 above it "
        "is a title (column employee_key): no data, not read"
    ) in said
    logged = query(home, "select * from ingest_log")
    assert "Piet" not in repr(logged) and "ziek" not in repr(logged)


@pytest.mark.parametrize("end", ["\n", "\r"])  # DuckDB's reader; old Mac ends: Python's
def test_a_title_typed_without_delimiters_is_left_out_not_quarantined(home: Path, end: str) -> None:
    """helper-107: ``Register 2026`` alone on its line has one field where the header has
    three (malformed); right above the repeated header it is the title."""
    text = (Y2025 + "\nRegister 2026\n\n" + HEADER + Y2026).replace("\n", end)
    loaded, quarantined, notes = ingest(home, text, HEADER.replace("\n", end))
    assert (loaded, quarantined) == ([2, 3, 4, 5, 6, 11, 12, 13, 14, 15], [])
    assert [n for n in notes if NOTE in n] == [
        "regel 10 herhaalt de kop ('employee_key | year | private_km') en regel 8 erboven is "
        "een titel (kolom employee_key): geen gegevens, niet ingelezen"
    ]


def test_a_title_without_delimiters_keeps_the_register_under_the_limit(
    home: Path, tmp_path: Path
) -> None:
    path = write(tmp_path / "in" / "vehicle_use.csv", HEADER + Y2025 + "Register 2026\n")
    path.write_text(path.read_text("utf-8") + HEADER + Y2026, "utf-8")
    [result] = ingest_only(home / "warehouse.duckdb", [path], catalogue=load_catalogue())
    assert result.error is None, result.error
    assert (result.rows_in, result.rows_loaded, result.rows_quarantined) == (10, 10, 0)


@pytest.mark.parametrize(
    ("text", "bad", "title"),
    [
        # a one-field line above data, or with a data row between it and the header
        ("Register 2026\n" + Y2026, [7], False),
        ("Register 2026\nE6;2026;10\n" + HEADER, [7], False),
        # two fields: malformed, not a title
        ("Register;2026\n" + HEADER, [7], False),
        # above a header repeated twice: only the first has it as its title
        ("Register 2026\n" + HEADER + HEADER, [], True),
        # a whole row quoted as one field (review h111: dropped as a title)
        ('"E6;2026;10"\n' + HEADER, [7], False),
    ],
)
def test_a_one_field_line_elsewhere_stays_malformed(
    home: Path, text: str, bad: list[int], title: bool
) -> None:
    loaded, quarantined, notes = ingest(home, Y2025 + text)
    assert quarantined == bad
    assert not set(bad) & set(loaded)
    said = [n for n in notes if NOTE in n]
    if title:
        assert len(said) == 2 and "regel 7 erboven is een titel" in said[0], said
        assert "titel" not in said[1]
    else:
        assert not [n for n in said if "titel" in n], said


@pytest.mark.parametrize(
    ("second", "refused", "moved"),
    [
        ("year;employee_key;private_km\n", True, "employee_key, year"),  # two swapped
        ("private_km;employee_key;year\n", True, "employee_key, year, private_km"),
        (" Year ; EMPLOYEE_KEY;private_km\n", True, "employee_key, year"),  # as matched
        ("year;employee_key;\n", False, ""),  # not every column: a row (quarantined)
        ("year;year;private_km\n", False, ""),  # not the same columns: a row
        (HEADER, False, ""),  # the same order: left out, as above
    ],
)
def test_the_header_again_in_another_order_refuses_the_file(
    home: Path, second: str, refused: bool, moved: str
) -> None:
    """helper-197: a register's second table with its own header in another order (Start
    before Gemeld op) was read by the first header: its rows' two dates swapped, unsaid.
    The file is refused naming the line and the columns moved; a row that only holds
    some header words is still a row."""
    text = HEADER + Y2025 + "\nRegister 2026;;\n" + second + Y2026
    [result] = run(home, write(home / "in" / "vehicle_use.csv", text))
    if not refused:
        assert result.error is None, result.error
        return
    assert str(result.error) == (
        f"{home / 'in' / 'vehicle_use.csv'}: regel 9 herhaalt de kop, maar met de kolommen in "
        f"een andere volgorde (op een andere plaats: {moved}); de rijen eronder zouden onder "
        "de kolommen van de eerste kop gelezen worden, dus niets van dit bestand geladen. Zet "
        "de kolommen van beide tabellen in dezelfde volgorde, of lever ze als twee bestanden"
    )
    assert query(home, "select count(*) from raw_vehicle_use") == [(0,)]


def test_the_header_again_with_only_unread_columns_moved_is_a_row(home: Path) -> None:
    """helper-199: two remarks no mapping or contract reads swapped in the second header
    refused the file; the rows below are read the same either way."""
    header = "employee_key;year;private_km;Opmerking;Omschrijving\n"
    second = "employee_key;year;private_km;Omschrijving;Opmerking\n"
    rows = "E1;2025;1200;;\nE2;2025;300;;\n"
    [result] = run(
        home,
        write(
            home / "in" / "vehicle_use.csv", header + rows + second + rows.replace("2025", "2026")
        ),
    )
    assert result.error is None, result.error
    assert query(home, "select count(*) from raw_vehicle_use") == [(4,)]
