"""A file of a dataset counted per year (vehicle_use: employee_key, year) with a column
left unread whose name says a month: monthly files each replace the one before per key,
the newest export counting, so only the last month's kilometres are left (helper-253 F5:
2,505 km in three monthly files kept 555). Said, with the way out
(pipelines/ingest/recognise.per_month_notes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_ingest import query, run, write

MAPPING = (
    "dataset: vehicle_use\nfiles: [lease_km.csv]\n"
    "columns: {{Personeelsnr: employee_key, Jaar: year, Privé km: private_km}}\n"
)


def said(result: object) -> list[str]:
    return [str(n) for n in result.notes if "telt per jaar" in str(n)]


@pytest.mark.parametrize(
    ("column", "noted"),
    [
        ("Maand", True),
        ("Periode", True),
        ("Boekperiode", True),
        ("maand nr.", True),
        ("Maand/jaar", True),  # helper-255 F8
        ("Jaar-maand", True),
        ("Periode (maand)", True),
        ("Declaratiemaand", True),
        ("Kwartaal", True),
        ("Kenteken", False),
        ("Looptijd (mnd)", False),  # a lease's term, a rate: not the line's month
        ("Leasebedrag per maand", False),
        ("Leaseperiode", False),
        ("Km/mnd", False),
        ("Maandag", False),  # a word that begins as a month's does not say one
    ],
)
def test_a_month_column_left_unread_in_a_yearly_dataset_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, column: str, noted: bool
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    data = write(
        tmp_path / "lease_km.csv",
        f"Personeelsnr;Jaar;{column};Privé km\ne1;2026;10;205\ne2;2026;10;180\n",
    )
    mapping = write(tmp_path / "lease.mapping.yaml", MAPPING.format())
    [result] = run(home, data, mappings=[mapping])
    assert query(home, "select count(*) from raw_vehicle_use") == [(2,)]
    expected = (
        f"kolom '{column}' niet ingelezen, maar vehicle_use telt per jaar (sleutel: "
        "employee_key, year): staat er per regel een maand of periode, dan vervangt elke "
        "volgende export de vorige per sleutel (de nieuwste telt) en blijft alleen de "
        "laatste maand over. Exporteer het jaar tot nu toe, of tel de maanden op tot een jaar"
    )
    assert said(result) == ([expected] if noted else [])


def test_a_dataset_not_counted_per_year_says_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    data = write(
        tmp_path / "gifts.csv",
        "employee_key,received_on,giver_type,gift_type,value_eur,Maand\n"
        "e1,10-03-2025,huurder,geld,10,3\n",
    )
    [result] = run(home, data)
    assert said(result) == []
