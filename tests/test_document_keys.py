"""An invoice export mapped with its order number as order_id (helper-231): a credit note
that drop_rows leaves out of February's export cancels January's order of that number,
and a second part invoice replaces the first's amount and date, both by the rules for
re-exports. Said with the way out (a number unique per document), in either order of
ingest; a re-export of the same order on its own date, or in another year, says none of
it (pipelines/ingest/document_keys.py)."""

from __future__ import annotations

from pathlib import Path

from pipelines.core.texts import Message
from pipelines.ingest.document_keys import euros
from tests.ingesthelpers import ingest_only
from tests.test_ingest import home, lenient, org_home, write

__all__ = ["home", "org_home"]  # fixtures used here

HEADER = "Ordernummer;D/C;Factuurdatum;Crediteur;Bedrag;Kostenplaats;Aanvrager\n"
MAPPING = (
    "dataset: procurement\nfiles: ['facturen_*.csv']\n"
    "export_date: {from_name: 'facturen_(\\d{4}-\\d{2}-\\d{2})'}\n"
    "columns: {Ordernummer: order_id, Factuurdatum: ordered_on, Crediteur: supplier_id, "
    "Bedrag: amount_eur, Kostenplaats: org_unit, Aanvrager: requester_key}\n"
    "drop_rows: {D/C: [C]}\n"
)


def notes_of(home: Path, tmp_path: Path, *exports: tuple[str, str], apart: bool = False) -> dict:
    """Each export (its date, its rows) ingested after a creditor file, in one run or one
    by one (``apart``); the notes of each, by its date."""
    folder = tmp_path / "in"
    maps = [
        write(folder / "f.mapping.yaml", MAPPING),
        write(folder / "c.mapping.yaml", "dataset: suppliers\nfiles: [crediteuren.csv]\n"),
    ]
    creditors = write(folder / "crediteuren.csv", "supplier_id;name\n2002;Bakker BV\n")
    files = [write(folder / f"facturen_{day}.csv", HEADER + rows) for day, rows in exports]
    warehouse, cat = home / "warehouse.duckdb", lenient()
    runs = [[creditors, f] for f in files] if apart else [[creditors, *files]]
    said = {}
    for paths in runs:
        for r in ingest_only(warehouse, paths, mappings=maps, catalogue=cat):
            assert r.error is None, r.error
            said[r.path.name] = " ".join(str(n) for n in r.notes)
    return said


JANUARY = "O-17;D;10-01-2026;2002;45.000,00;VH-N;100008\nO-18;D;12-01-2026;2002;20,00;VH-N;100008\n"
CREDIT = "O-17;C;05-02-2026;2002;500,00;VH-N;100008\nO-20;D;06-02-2026;2002;30,00;VH-N;100008\n"
PART = "O-17;D;05-02-2026;2002;25.000,00;VH-N;100008\nO-20;D;06-02-2026;2002;30,00;VH-N;100008\n"


def test_a_credit_note_cancelling_an_earlier_order_is_said_in_either_order(
    home: Path, tmp_path: Path
) -> None:
    said = notes_of(home, tmp_path, ("2026-01-31", JANUARY), ("2026-02-28", CREDIT))
    assert (
        "1 sleutel(s) (order_id, zoals O-17) die drop_rows uit deze export weglaat, staan als "
        "rij in een oudere export" in said["facturen_2026-02-28.csv"]
    )
    assert "zoals het factuurnummer" in said["facturen_2026-02-28.csv"]


def test_the_older_export_read_after_the_credit_note_says_it_too(
    home: Path, tmp_path: Path
) -> None:
    said = notes_of(home, tmp_path, ("2026-02-28", CREDIT), ("2026-01-31", JANUARY), apart=True)
    assert (
        "1 sleutel(s) (order_id, zoals O-17) van deze export laat een nieuwere export"
        in said["facturen_2026-01-31.csv"]
    )
    assert "drop_rows uit deze export weglaat" not in said["facturen_2026-02-28.csv"]


def test_a_part_invoice_under_the_order_number_is_said(home: Path, tmp_path: Path) -> None:
    said = notes_of(home, tmp_path, ("2026-01-31", JANUARY), ("2026-02-28", PART))
    assert (
        "1 sleutel(s) (order_id) staan ook in" in said["facturen_2026-02-28.csv"]
        and "met een andere ordered_on (zoals O-17: 10-01-2026 daar, 05-02-2026 hier)"
        in said["facturen_2026-02-28.csv"]
    )
    assert "ander bedrag" not in said["facturen_2026-02-28.csv"]  # said once, by its date


def test_a_re_export_on_the_order_s_own_date_or_in_another_year_says_none_of_it(
    home: Path, tmp_path: Path
) -> None:
    again = JANUARY.replace("45.000,00", "44.000,00")  # a corrected amount, its own date
    next_year = "O-18;D;12-01-2025;2002;20,00;VH-N;100008\n"  # numbered anew: another note
    said = notes_of(
        home,
        tmp_path,
        ("2026-01-31", JANUARY),
        ("2026-02-28", again),
        ("2026-03-31", next_year),
    )
    for text in said.values():
        assert "andere ordered_on (zoals" not in text
        assert "drop_rows uit deze export weglaat" not in text
    assert "in een ander jaar" in said["facturen_2026-03-31.csv"]


def test_a_key_dropped_from_an_older_export_cancels_no_newer_row_nor_says_so(
    home: Path, tmp_path: Path
) -> None:
    """A newer export's row of the key counts (newest wins): read after it, the older
    export's credit note says nothing of cancelling."""
    older = "O-17;C;10-01-2026;2002;500,00;VH-N;100008\nO-18;D;12-01-2026;2002;20,00;VH-N;100008\n"
    newer = JANUARY
    said = notes_of(home, tmp_path, ("2026-02-28", newer), ("2026-01-31", older), apart=True)
    assert "drop_rows uit deze export weglaat" not in said["facturen_2026-01-31.csv"]
    assert "laat een nieuwere export" not in said["facturen_2026-02-28.csv"]


def test_a_part_invoice_on_the_order_s_own_date_is_said_by_its_amount(
    home: Path, tmp_path: Path
) -> None:
    """helper-232 H3: part invoices that carry the order's own date replaced the first
    invoice's amount with the second's without a word (no other date to tell). Said by
    the amount, as a correction would be, against the export next to it that holds the
    key (helper-238: every later re-export said it again against January's); the same
    amount again says nothing."""
    second = "O-17;D;10-01-2026;2002;25.000,00;VH-N;100008\n"
    said = notes_of(
        home,
        tmp_path,
        ("2026-01-31", JANUARY),
        ("2026-02-28", JANUARY + second.replace("O-17", "O-19")),
        ("2026-03-31", second),
        ("2026-04-30", second + "O-21;D;02-04-2026;2002;10,00;VH-N;100008\n"),
    )
    assert "ander bedrag" not in said["facturen_2026-02-28.csv"]
    assert (
        "1 sleutel(s) (order_id) staan ook in " in said["facturen_2026-03-31.csv"]
        and "facturen_2026-02-28.csv, met dezelfde ordered_on maar een ander bedrag (zoals "
        "O-17: 45.000,00 daar, 25.000,00 hier)"
        in said["facturen_2026-03-31.csv"]
    )
    assert "andere ordered_on (zoals" not in said["facturen_2026-03-31.csv"]
    assert "ander bedrag" not in said["facturen_2026-04-30.csv"]  # as March's: nothing new


def test_the_amount_note_speaks_english_with_english_numbers() -> None:
    note = Message(
        "note.key_other_amount",
        locale_file="ingest",
        count=1,
        keys="order_id",
        column="ordered_on",
        file="f.csv",
        example="O-17",
        theirs=euros(45000.0),
        ours=euros(-500.5),
    )
    assert "(such as O-17: 45,000.00 there, -500.50 here)" in note.text("en")
    assert "(zoals O-17: 45.000,00 daar, -500,50 hier)" in str(note)


def test_an_older_export_read_late_is_held_against_its_own_older_neighbour(
    home: Path, tmp_path: Path
) -> None:
    """February read after March: held against January (its older neighbour, the same
    amount), not March, whose own ingest said the new amount already."""
    second = "O-17;D;10-01-2026;2002;25.000,00;VH-N;100008\n"
    said = notes_of(
        home,
        tmp_path,
        ("2026-01-31", JANUARY),
        ("2026-03-31", second),
        ("2026-02-28", JANUARY + "O-19;D;11-02-2026;2002;5,00;VH-N;100008\n"),
        apart=True,
    )
    assert "ander bedrag" in said["facturen_2026-03-31.csv"]
    assert "ander bedrag" not in said["facturen_2026-02-28.csv"]
