"""A row a newer export leaves out by its mapping's drop_rows (a cancelled allocation)
stops the row of its key in an older export counting (pipelines/ingest/dropped_keys.py;
helper-189 4, helper-190 5: TW-002, cancelled in the June export, kept counting from the
March one, and the note blamed the source), whatever the order of ingest; it counts
again when a newer export holds it again, or when the export that left it out is
withdrawn. The key is typed as a kept row's is (="TW-002" and ' TW-002 ' are TW-002)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.cli.main import main
from tests.ingesthelpers import ingest_and_model, ingest_only
from tests.test_ingest import home, lenient, org_home, query, write

__all__ = ["home", "org_home"]  # fixtures used here (tests/test_ingest.py)

HEADER = "Nr;Datum;VHE;Kanaal;Consulent;Status\n"
ROWS = {
    "TW-001": "TW-001;5-1-2026;1001;Regulier;20101;{}\n",
    "TW-002": "TW-002;6-1-2026;1002;Regulier;20102;{}\n",
    "TW-003": "TW-003;7-2-2026;1003;Urgentie;20103;{}\n",
}
MAPPING = (
    "dataset: allocations\nfiles: ['toewijzingen_*.csv']\n"
    "export_date: {from_name: '_(\\d{4}-\\d{2}-\\d{2})'}\n"
    "drop_rows: {Status: [Geannuleerd]}\n"
    "columns: {Nr: allocation_id, Datum: allocated_on, VHE: dwelling_id, Kanaal: channel, "
    "Consulent: consultant_key}\n"
)
STAGED = "stg_allocation__allocations"


def export(folder: Path, date: str, cancelled: dict[str, str] | None = None) -> Path:
    """An allocation export of ``date``: every row final, but those ``cancelled`` names,
    each written as given (its key's own spelling) with the status Geannuleerd."""
    cancelled = cancelled or {}
    lines = [
        ROWS[key].format("Definitief")
        if key not in cancelled
        else ROWS[key].replace(key, cancelled[key], 1).format("Geannuleerd")
        for key in ROWS
    ]
    return write(folder / f"toewijzingen_{date}.csv", HEADER + "".join(lines))


def counted(home: Path) -> list[tuple[str, str]]:
    rows = query(home, f"select allocation_id, source_file from {STAGED} order by 1")
    return [(key, Path(file).name) for key, file in rows]


@pytest.mark.parametrize("newest_first", [False, True])
@pytest.mark.parametrize("written", ["TW-002", ' ="TW-002" '])
def test_a_key_a_newer_export_leaves_out_counts_no_more_in_either_order(
    home: Path, tmp_path: Path, newest_first: bool, written: str
) -> None:
    mapping = write(tmp_path / "in" / "t.mapping.yaml", MAPPING)
    march = export(tmp_path / "in", "2026-03-31")
    june = export(tmp_path / "in", "2026-06-30", {"TW-002": written})
    files = [june, march] if newest_first else [march, june]
    ingested = ingest_and_model(home / "warehouse.duckdb", files, [STAGED], mappings=[mapping])
    assert counted(home) == [("TW-001", june.name), ("TW-003", june.name)]
    said = " ".join(str(n) for r in ingested.files for n in r.notes)
    assert "1 rij(en) weggelaten volgens de kolomkoppeling (drop_rows)" in said, said
    assert "tellen dus nog mee" not in said and "tellen ze ten onrechte" not in said, said
    # a newer export that holds it again: it counts again, from that one
    september = export(tmp_path / "in", "2026-09-30")
    ingest_and_model(home / "warehouse.duckdb", [september], [STAGED], mappings=[mapping])
    assert [k for k, f in counted(home) if f == september.name] == ["TW-001", "TW-002", "TW-003"]


def test_a_key_left_out_counts_again_once_that_export_is_withdrawn(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    write(folder / "t.mapping.yaml", MAPPING)
    export(folder, "2026-03-31")
    june = export(folder, "2026-06-30", {"TW-002": "TW-002"})
    assert main(["ingest", str(folder), "--quiet"]) == 0
    assert [k for k, _ in counted(home)] == ["TW-001", "TW-003"]
    assert query(home, "select dataset, key from raw_dropped_keys") == [("allocations", "TW-002")]
    assert main(["withdraw", str(june), "--by", "R. de Vries"]) == 0
    assert counted(home) == [
        ("TW-001", "toewijzingen_2026-03-31.csv"),
        ("TW-002", "toewijzingen_2026-03-31.csv"),
        ("TW-003", "toewijzingen_2026-03-31.csv"),
    ]
    assert query(home, "select count(*) from raw_dropped_keys") == [(0,)]
    capsys.readouterr()


def test_a_key_left_out_of_an_older_export_does_not_hide_a_newer_row(
    home: Path, tmp_path: Path
) -> None:
    """Cancelled in March, booked again in June: June's row counts."""
    mapping = write(tmp_path / "in" / "t.mapping.yaml", MAPPING)
    march = export(tmp_path / "in", "2026-03-31", {"TW-002": "TW-002"})
    june = export(tmp_path / "in", "2026-06-30")
    ingest_and_model(home / "warehouse.duckdb", [june, march], [STAGED], mappings=[mapping])
    assert [k for k, f in counted(home) if f == june.name] == ["TW-001", "TW-002", "TW-003"]


def test_a_workbook_s_key_left_out_is_read_as_the_workbook_shows_it(
    home: Path, tmp_path: Path
) -> None:
    """helper-191 1: a workbook's ids are number cells formatted "TW-"000000; a kept row's
    reads TW-000102, the cancelled row's was kept as 102, and TW-000102 of the March CSV
    counted on."""
    import openpyxl

    folder = tmp_path / "in"
    mapping = write(folder / "t.mapping.yaml", MAPPING.replace("toewijzingen_*.csv", "t_*"))
    march = write(folder / "t_2026-03-31.csv", HEADER + "".join(
        ROWS[k].replace(k, f"TW-000{k[-3:]}").format("Definitief") for k in ROWS
    ))  # fmt: skip
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(";"))
    for n, status in ((1, "Definitief"), (2, "Geannuleerd"), (3, "Definitief")):
        sheet.append([n, f"0{n}-01-2026", f"100{n}", "Regulier", f"2010{n}", status])
        sheet.cell(n + 1, 1).number_format = '"TW-"000000'
    june = folder / "t_2026-06-30.xlsx"
    book.save(june)
    ingest_and_model(home / "warehouse.duckdb", [march, june], [STAGED], mappings=[mapping])
    assert [k for k, _ in counted(home)] == ["TW-000001", "TW-000003"]


def test_a_key_left_out_and_booked_again_on_a_refused_line_leaves_the_older_row(
    home: Path, tmp_path: Path
) -> None:
    """helper-191 5: June cancels TW-002 and books it again under its number, on a line
    refused for its date: the older export's TW-002 counts until a corrected export, as
    the held-back note says, not no TW-002 at all."""
    mapping = write(tmp_path / "in" / "t.mapping.yaml", MAPPING)
    march = export(tmp_path / "in", "2026-03-31")
    again = "TW-002;gisteren;1002;Regulier;20102;Definitief\n"
    june = export(tmp_path / "in", "2026-06-30", {"TW-002": "TW-002"})
    june.write_text(june.read_text("utf-8") + again, "utf-8")
    warehouse = home / "warehouse.duckdb"
    ingest_and_model(warehouse, [march, june], [STAGED], mappings=[mapping], catalogue=lenient())
    assert counted(home) == [
        ("TW-001", june.name), ("TW-002", march.name), ("TW-003", june.name)
    ]  # fmt: skip


def test_a_file_read_again_as_another_dataset_takes_its_keys_left_out_along(
    home: Path, tmp_path: Path
) -> None:
    """helper-191 2: read as allocations with drop_rows, then again under a mapping of
    another dataset: its allocation keys stayed, cancelling another export's rows."""
    from tests.test_ingest import query as ask

    folder = tmp_path / "in"
    mapping = write(folder / "t.mapping.yaml", MAPPING)
    june = export(folder, "2026-06-30", {"TW-002": "TW-002"})
    ingest_and_model(home / "warehouse.duckdb", [june], [STAGED], mappings=[mapping])
    assert ask(home, "select dataset, key from raw_dropped_keys") == [("allocations", "TW-002")]
    gifts = write(
        tmp_path / "other" / "t.mapping.yaml",
        "dataset: gifts\nfiles: ['toewijzingen_*.csv']\ndrop_rows: {Status: [Geannuleerd]}\n"
        "columns: {Nr: record_id, Datum: received_on, Consulent: employee_key}\n",
    )
    ingest_and_model(home / "warehouse.duckdb", [june], [STAGED], mappings=[gifts])
    assert ask(home, "select dataset, key from raw_dropped_keys") == [("gifts", "TW-002")]


def test_a_supplier_left_out_of_a_newer_creditor_file_still_counts(
    home: Path, tmp_path: Path
) -> None:
    """helper-191 3: a creditor blocked in April (drop_rows: Geblokkeerd) is still the
    supplier its January orders went to: a creditor file is no register of cancellations."""
    from tests.test_ingest import query as ask

    folder = tmp_path / "in"
    mapping = write(
        folder / "k.mapping.yaml",
        "dataset: suppliers\nfiles: ['crediteuren_*.csv']\n"
        "export_date: {from_name: '_(\\d{4}-\\d{2}-\\d{2})'}\n"
        "drop_rows: {Status: [Geblokkeerd]}\n",
    )
    head = "supplier_id;name;legal_form;Status\n"
    march = write(folder / "crediteuren_2026-03-31.csv", head + "K1;Bouw BV;bv;Actief\n"
                  "K2;Schilder BV;bv;Actief\n")  # fmt: skip
    april = write(folder / "crediteuren_2026-04-30.csv", head + "K1;Bouw BV;bv;Actief\n"
                  "K2;Schilder BV;bv;Geblokkeerd\n")  # fmt: skip
    ingest_and_model(
        home / "warehouse.duckdb", [march, april], ["stg_procurement__suppliers"],
        mappings=[mapping],
    )  # fmt: skip
    ids = ask(home, "select supplier_id from stg_procurement__suppliers order by 1")
    assert ids == [("K1",), ("K2",)]
    assert ask(home, "select count(*) from raw_dropped_keys") == [(0,)]


def test_an_export_whose_only_row_is_left_out_is_not_said_to_hold_only_a_header(
    home: Path, tmp_path: Path
) -> None:
    """helper-191 9: its only row cancelled, June's export was said to hold only a
    header: it holds a row, which drop_rows left out (its note says so)."""
    mapping = write(tmp_path / "in" / "t.mapping.yaml", MAPPING)
    june = write(
        tmp_path / "in" / "toewijzingen_2026-06-30.csv",
        HEADER + ROWS["TW-002"].format("Geannuleerd"),
    )
    ingested = ingest_and_model(home / "warehouse.duckdb", [june], [STAGED], mappings=[mapping])
    said = [str(n) for n in ingested.files[0].notes]
    assert not any("alleen een kop" in n for n in said), said
    assert any("1 rij(en) weggelaten volgens de kolomkoppeling" in n for n in said), said


@pytest.mark.parametrize(
    "cancelled, stored",
    [
        ({"TW-002": "1.002"}, ["1002"]),  # a key number written otherwise: its digits
        ({"TW-002": "geen"}, []),  # a word for none: no key
        ({"TW-002": "'101,00", "TW-003": "GEEN"}, ["101"]),
        ({"TW-002": "TW-002"}, ["TW-002"]),  # as written (the boundary: no step needed)
    ],
)
def test_a_left_out_key_is_read_by_every_step_though_the_kept_keys_need_none(
    home: Path, tmp_path: Path, cancelled: dict[str, str], stored: list[str]
) -> None:
    """helper-281: the kept keys (TW-001, TW-003) have no dot, comma or word in them, so
    the steps for those (text_steps.step_needs) were left out for the rows drop_rows left
    out too: a cancelled 1.002 was stored as 1.002 and 'geen' as a key."""
    mapping = write(tmp_path / "in" / "t.mapping.yaml", MAPPING)
    june = export(tmp_path / "in", "2026-06-30", cancelled)
    ingest_only(home / "warehouse.duckdb", [june], mappings=[mapping])
    keys = query(home, "select key from raw_dropped_keys order by 1")
    assert [k for (k,) in keys] == stored
