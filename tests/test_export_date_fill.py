"""A snapshot's month from the export's own date (from_export_date; helper-225 7): an HR
export that names its month only in its file name loads, each row in that month, the
file's note says so; a workbook likewise; a mapping that asks it of a
column that is no snapshot's, without an export date, or of a column it also maps, is
refused, and so is a file that has the column itself."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from pipelines.ingest.mapping import load_mapping
from pipelines.ingest.readers import UnusableFile
from tests.ingesthelpers import ingest_only
from tests.test_ingest import home, org_home, query, write

__all__ = ["home", "org_home"]  # fixtures used here

HEADER = "Nummer;Team;Leidinggevende;Functie;FTE;Verzuimdagen\n"
ROWS = "104233;VH-N;100001;Verhuurconsulent;0,8;1,5\n104234;VH-Z;100001;Verhuurconsulent;1;0\n"
COLUMNS = (
    "columns: {Nummer: employee_key, Team: org_unit, Leidinggevende: manager_key, "
    "Functie: job_title, FTE: fte, Verzuimdagen: sick_days}\n"
)
BY_NAME = "export_date: {from_name: 'per (\\d{2}-\\d{2}-\\d{4})'}\n"


def mapping(folder: Path, extra: str = "from_export_date: snapshot_month\n") -> Path:
    text = "dataset: employees\nfiles: ['medewerkers per *']\n" + COLUMNS + BY_NAME + extra
    return write(folder / "m.mapping.yaml", text)


def loaded(home: Path) -> list[tuple]:
    return query(
        home,
        "select strftime(snapshot_month, '%Y-%m'), org_unit, sick_days, _source_line "
        "from raw_employees order by all",
    )


def test_each_file_s_rows_get_the_month_of_its_name(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    maps = [mapping(folder)]
    march = write(folder / "medewerkers per 31-03-2026.csv", HEADER + ROWS)
    april = write(folder / "medewerkers per 30-04-2026.csv", HEADER + ROWS.replace("1,5", "2"))
    results = ingest_only(home / "warehouse.duckdb", [march, april], mappings=maps)
    assert [(r.error, r.rows_loaded, r.rows_quarantined) for r in results] == [(None, 2, 0)] * 2
    assert loaded(home) == [
        ("2026-03", "VH-N", 1.5, 2),
        ("2026-03", "VH-Z", 0.0, 3),
        ("2026-04", "VH-N", 2.0, 2),
        ("2026-04", "VH-Z", 0.0, 3),
    ]
    said = " ".join(str(n) for r in results for n in r.notes)
    assert "kolom snapshot_month staat niet in het bestand: elke rij krijgt 2026-03" in said
    assert "elke rij krijgt 2026-04" in said


def test_without_from_export_date_such_a_file_is_refused(home: Path, tmp_path: Path) -> None:
    """What the fill is for: the file alone has no month (the test above would fail with
    the fill left out)."""
    folder = tmp_path / "in"
    maps = [mapping(folder, extra="")]
    march = write(folder / "medewerkers per 31-03-2026.csv", HEADER + ROWS)
    [result] = ingest_only(home / "warehouse.duckdb", [march], mappings=maps)
    assert result.rows_loaded == 0
    assert "snapshot_month" in str(result.error)


def test_a_workbook_gets_its_month_too(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    maps = [mapping(folder)]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(";"))
    sheet.append([104233, "VH-N", 100001, "Verhuurconsulent", 0.8, 1.5])
    path = folder / "medewerkers per 31-01-2026.xlsx"
    book.save(path)
    [result] = ingest_only(home / "warehouse.duckdb", [path], mappings=maps)
    assert (result.error, result.rows_loaded) == (None, 1)
    assert loaded(home) == [("2026-01", "VH-N", 1.5, 2)]


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (
            "from_export_date: hire_date\n",
            "from_export_date: hire_date kan niet uit de exportdatum komen; alleen de maand "
            "van een maandelijkse momentopname: snapshot_month (employees), month (hr_aggregates)",
        ),
        (  # helper-232: a survey exported again a week later was a second wave
            "from_export_date: wave_date\n",
            "from_export_date: wave_date kan niet uit de exportdatum komen",
        ),
        (
            "from_export_date: snapshot_month\n"
            "columns: {Nummer: employee_key, Peil: snapshot_month}\n",
            "from_export_date: snapshot_month komt al uit kolom 'Peil' van het bestand",
        ),
    ],
)
def test_a_mapping_that_cannot_fill_so_is_refused(tmp_path: Path, extra: str, said: str) -> None:
    dataset = "survey_responses" if "wave_date" in extra else "employees"
    text = f"dataset: {dataset}\n" + BY_NAME + extra
    with pytest.raises(UnusableFile, match=said.replace("(", r"\(").replace(")", r"\)")):
        load_mapping(write(tmp_path / "m.mapping.yaml", text))


def test_a_mapping_without_an_export_date_is_refused(tmp_path: Path) -> None:
    text = "dataset: employees\nfrom_export_date: snapshot_month\n"
    with pytest.raises(UnusableFile, match="maar de kolomkoppeling noemt er geen: zet export_date"):
        load_mapping(write(tmp_path / "m.mapping.yaml", text))


def test_a_file_with_the_column_itself_is_refused(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    maps = [mapping(folder)]
    march = write(
        folder / "medewerkers per 31-03-2026.csv",
        HEADER.replace("\n", ";snapshot_month\n") + ROWS.replace("\n", ";2026-02\n"),
    )
    [result] = ingest_only(home / "warehouse.duckdb", [march], mappings=maps)
    assert result.rows_loaded == 0
    assert "heeft zelf een kolom snapshot_month" in str(result.error)


def test_a_mapping_without_it_keeps_the_identity_it_had() -> None:
    """Each load is logged with its mapping's identity, and a file whose mapping reads
    otherwise is read again: the key left out must not change any existing mapping's
    (the value docs/mappings/uren_hr.mapping.yaml had before from_export_date existed,
    at 6f675d4), while using it does."""
    path = Path(__file__).resolve().parent.parent / "docs" / "mappings" / "uren_hr.mapping.yaml"
    mapping = load_mapping(path)
    assert mapping.identity() == "b3e66698580cbfc6593b4168ae05cb722a1bcca190742bae33c637619a700e32"
    assert mapping.model_copy(update={"from_export_date": "snapshot_month"}).identity() != (
        mapping.identity()
    )


def test_header_rows_below_the_header_are_skipped_beside_the_fill(
    home: Path, tmp_path: Path
) -> None:
    """helper-230 M1: with extra_header_rows the header rows were checked as rows before
    the column was filled, and the file refused for a missing snapshot_month; a header
    row is told by the file's own cells, not the filled one (read as a month)."""
    folder = tmp_path / "in"
    maps = [mapping(folder, "from_export_date: snapshot_month\nextra_header_rows: 1\n")]
    units = "(nummer);(team);(nummer);(tekst);(fte);(dagen)\n"
    march = write(folder / "medewerkers per 31-03-2026.csv", HEADER + units + ROWS)
    [result] = ingest_only(home / "warehouse.duckdb", [march], mappings=maps)
    assert (result.error, result.rows_loaded, result.rows_quarantined) == (None, 2, 0)
    assert loaded(home) == [("2026-03", "VH-N", 1.5, 3), ("2026-03", "VH-Z", 0.0, 4)]


def test_a_title_above_the_header_still_gets_the_header_row_hint(
    home: Path, tmp_path: Path
) -> None:
    """helper-230 L1: the filled column made line 3 no header to the hint, and the
    refusal showed it as one of the file's columns."""
    folder = tmp_path / "in"
    maps = [mapping(folder)]
    march = write(folder / "medewerkers per 31-03-2026.csv", "Medewerkers\n\n" + HEADER + ROWS)
    [result] = ingest_only(home / "warehouse.duckdb", [march], mappings=maps)
    said = str(result.error)
    assert "(de kop van het bestand: 'Medewerkers')" in said
    assert "Regel 3 past wel als kop" in said
