"""A company car's private km per employee and year runs through the year (the contract's
vehicle_use, year to date): a newer export lower than an older one for the same key is
said, whichever is read first (helper-283: monthly files of that month's km alone
counted as the last month only, without a word; pipelines/ingest/year_to_date.py)."""

from __future__ import annotations

from pathlib import Path

from tests.test_ingest import home, org_home, run, write

__all__ = ["home", "org_home"]  # the fixtures, imported for pytest

MAPPING = (
    "dataset: vehicle_use\nfiles: ['leaseauto_*.csv']\n"
    "export_date: {from_name: 'leaseauto_(\\d{8})'}\n"
)
HEADER = "employee_key;year;private_km\n"
FELL = "lager in de nieuwere van deze export en"


def export(folder: Path, day: str, km: dict[str, float]) -> Path:
    rows = "".join(f"{key};2026;{str(n).replace('.', ',')}\n" for key, n in km.items())
    return write(folder / f"leaseauto_{day}.csv", HEADER + rows)


def said(home: Path, folder: Path, path: Path) -> str:
    done = run(home, path, mappings=[folder / "leaseauto.mapping.yaml"])
    assert all(f.error is None for f in done), [f.error for f in done]
    return " ".join(str(n) for f in done for n in f.notes)


def test_monthly_files_of_a_running_figure_are_said(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "leaseauto.mapping.yaml", MAPPING)
    january = export(folder, "20260131", {"E1": 300, "E2": 100, "E3": 50})
    assert FELL not in said(home, folder, january)
    february = export(folder, "20260228", {"E1": 200, "E2": 150, "E3": 50})  # E1 fell
    assert f"1 sleutel(s) (employee_key, year) hebben private_km {FELL} {january}" in said(
        home, folder, february
    )
    march = export(folder, "20260331", {"E1": 250, "E2": 90, "E3": 50})  # E1 (Jan), E2
    assert "2 sleutel(s) (employee_key, year) hebben private_km" in said(home, folder, march)


def test_a_year_to_date_export_is_not_said_even_unchanged(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "leaseauto.mapping.yaml", MAPPING)
    said(home, folder, export(folder, "20260131", {"E1": 300, "E2": 100}))
    assert FELL not in said(home, folder, export(folder, "20260228", {"E1": 300, "E2": 101}))


def test_an_older_export_read_after_a_newer_one_is_said_too(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "leaseauto.mapping.yaml", MAPPING)
    newer = export(folder, "20260228", {"E1": 200})
    said(home, folder, newer)
    older = export(folder, "20260131", {"E1": 300})
    assert f"1 sleutel(s) (employee_key, year) hebben private_km {FELL} {newer}" in said(
        home, folder, older
    )


def test_a_re_export_in_whole_km_is_no_fall(home: Path, tmp_path: Path) -> None:
    """helper-285: the demo's 368,1 km re-exported as 368 was said to fall; a fall is 1 km
    or more (year_to_date.FALL), the boundary included."""
    folder = tmp_path / "in"
    write(folder / "leaseauto.mapping.yaml", MAPPING)
    said(home, folder, export(folder, "20260131", {"E1": 368.1}))
    assert FELL not in said(home, folder, export(folder, "20260228", {"E1": 368}))
    assert FELL in said(home, folder, export(folder, "20260331", {"E1": 367}))
