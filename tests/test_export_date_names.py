"""An export's date in its file name (a mapping's export_date: {from_name: ...}) in the
order the mapping declares for the name (export_date.date_order): helper-142's names were
month first where the mapping said date_order: mdy for the file's dates, and 03-01-2026
was read as 3 January, so the older export won over its correction without a word; a
Dutch admin may name a US system's files day first (helper-143). Undeclared, a name is
day first, but under date_order: mdy a name it could be either way is refused. The
dotted form and underscores are read too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipelines.ingest.mapping import Mapping
from pipelines.ingest.readers import UnusableFile
from tests.test_ingest import home, org_home, write
from tests.test_reexports import ALLOCATION_HEADER, ingest, query_at

__all__ = ["home", "org_home"]  # fixtures used here


def dated(name: str, order: str = "dmy", name_order: str | None = None) -> dt.date | None:
    export_date = {"from_name": r"export_([\d._-]+)\.csv"}
    if name_order:
        export_date["date_order"] = name_order
    mapping = Mapping(dataset="allocations", export_date=export_date, date_order=order)
    return mapping.export_date_of(Path(name))


@pytest.mark.parametrize(
    ("name", "order", "name_order", "day"),
    [
        ("export_03-01-2026.csv", "dmy", None, dt.date(2026, 1, 3)),
        ("export_03-01-2026.csv", "dmy", "mdy", dt.date(2026, 3, 1)),
        ("export_03-01-2026.csv", "mdy", "mdy", dt.date(2026, 3, 1)),
        ("export_03-01-2026.csv", "mdy", "dmy", dt.date(2026, 1, 3)),
        ("export_02-13-2026.csv", "mdy", None, dt.date(2026, 2, 13)),  # only month first
        ("export_31-03-2026.csv", "mdy", None, dt.date(2026, 3, 31)),  # only day first
        ("export_03-03-2026.csv", "mdy", None, dt.date(2026, 3, 3)),  # the same either way
        ("export_03012026.csv", "dmy", None, dt.date(2026, 1, 3)),
        ("export_03012026.csv", "mdy", "mdy", dt.date(2026, 3, 1)),
        ("export_31.03.2026.csv", "dmy", None, dt.date(2026, 3, 31)),
        ("export_03.31.2026.csv", "dmy", "mdy", dt.date(2026, 3, 31)),
        ("export_31_03_2026.csv", "dmy", None, dt.date(2026, 3, 31)),
        ("export_2026.03.31.csv", "dmy", None, dt.date(2026, 3, 31)),
        ("export_2026-03-01.csv", "mdy", None, dt.date(2026, 3, 1)),  # the year first
        ("export_20260301.csv", "mdy", "mdy", dt.date(2026, 3, 1)),
        ("export_03-2026.csv", "mdy", None, dt.date(2026, 3, 1)),  # a month: its first day
    ],
)
def test_a_names_date_is_read_in_the_declared_order(
    name: str, order: str, name_order: str | None, day: dt.date
) -> None:
    assert dated(name, order, name_order) == day


@pytest.mark.parametrize(
    ("name", "order", "name_order"),
    [
        ("export_13-31-2026.csv", "dmy", None),
        ("export_31-03-2026.csv", "dmy", "mdy"),
        ("export_13-31-2026.csv", "mdy", "dmy"),
    ],
)
def test_a_names_date_impossible_in_the_declared_order_is_refused(
    name: str, order: str, name_order: str | None
) -> None:
    with pytest.raises(UnusableFile, match="uit de bestandsnaam is geen datum"):
        dated(name, order, name_order)


@pytest.mark.parametrize("name", ["export_03-01-2026.csv", "export_03012026.csv"])
def test_under_mdy_an_undeclared_name_either_way_is_refused(name: str) -> None:
    with pytest.raises(UnusableFile) as refused:
        dated(name, "mdy")
    said = str(refused.value)
    assert "is niet eenduidig: 03-01-2026 als de dag voorop staat, 01-03-2026 als de maand" in said
    assert "export_date: {from_name: ..., date_order: mdy}" in said


def test_the_names_order_is_dmy_or_mdy() -> None:
    with pytest.raises(ValueError, match="date_order"):
        dated("export_03-01-2026.csv", "dmy", "ymd")
    with pytest.raises(ValueError, match="export_date"):
        Mapping(dataset="allocations", export_date={"from_name": "(x)", "order": "mdy"})


def test_under_mdy_the_correction_named_for_march_wins_over_februarys_export(
    home: Path, tmp_path: Path
) -> None:
    """helper-142's case: 02-03-2026 (3 February) and its correction 03-01-2026 (1 March),
    the correction ingested first. The correction's rank counts."""
    folder = tmp_path / "in"
    mapping = write(
        folder / "a.mapping.yaml",
        "dataset: allocations\nfiles: ['lettings_*.csv']\ndate_order: mdy\n"
        "export_date: {from_name: 'lettings_(\\d{2}-\\d{2}-\\d{4})', date_order: mdy}\n",
    )
    row = "TW-000101;01-20-2026;VHE000101;Centrum;regulier;{};ja;700;900;nee;nee\n"
    march = write(folder / "lettings_03-01-2026.csv", ALLOCATION_HEADER + row.format(4))
    february = write(folder / "lettings_02-03-2026.csv", ALLOCATION_HEADER + row.format(1))
    warehouse = ingest(home, "w", march, mappings=[mapping])
    warehouse = ingest(home, "w", february, mappings=[mapping])
    assert query_at(
        warehouse, "select allocated_on, candidate_rank from stg_allocation__allocations"
    ) == [(dt.date(2026, 1, 20), 4)]
    assert sorted(query_at(warehouse, "select export_date from ingest_log")) == [
        (dt.date(2026, 2, 3),),
        (dt.date(2026, 3, 1),),
    ]


@pytest.mark.parametrize(
    ("name", "day"),
    [
        # helper-262: year-to-date registers named by their month in Dutch could not be
        # dated, and were read in the order of their names (april before maart)
        ("Geschenken maart 2026.csv", dt.date(2026, 3, 1)),
        ("Geschenken April 2026.csv", dt.date(2026, 4, 1)),
        ("Geschenken mrt-2026.csv", dt.date(2026, 3, 1)),
        ("Geschenken mrt. 2026.csv", dt.date(2026, 3, 1)),
        ("Geschenken 2026 januari.csv", dt.date(2026, 1, 1)),
        ("Geschenken March_2026.csv", dt.date(2026, 3, 1)),
        ("Geschenken voorjaar 2026.csv", None),  # no month's name
        ("Geschenken Q1 2026.csv", None),
        ("Geschenken maart.csv", None),  # no year: the pattern finds no date
    ],
)
def test_a_month_by_its_name_dates_an_export_its_first_day(name: str, day: dt.date | None) -> None:
    export_date = {"from_name": r"Geschenken ((?:\w+[ ._-]*)?\d{4}(?:[ ._-]*\w+)?|\w+)\.csv"}
    mapping = Mapping(dataset="gifts", export_date=export_date, covers="month")
    if day is None:
        with pytest.raises(UnusableFile):
            mapping.export_date_of(Path(name))
        return
    assert mapping.export_date_of(Path(name)) == day
    assert mapping.export_date_is_month(Path(name))


@pytest.mark.parametrize(
    ("name", "day"),
    [
        # helper-263: a day with its month's name was refused where maart 2026 was read
        ("Geschenken 31 maart 2026.csv", dt.date(2026, 3, 31)),
        ("Geschenken 31-mrt-2026.csv", dt.date(2026, 3, 31)),
        ("Geschenken March 31, 2026.csv", dt.date(2026, 3, 31)),
        ("Geschenken 31 maartje 2026.csv", None),
    ],
)
def test_a_day_with_its_months_name_dates_an_export(name: str, day: dt.date | None) -> None:
    mapping = Mapping(dataset="gifts", export_date={"from_name": r"Geschenken (.+)\.csv"})
    if day is None:
        with pytest.raises(UnusableFile) as refused:
            mapping.export_date_of(Path(name))
        assert "31 maart 2026" in str(refused.value)  # the forms by name are named too
        return
    assert mapping.export_date_of(Path(name)) == day
    assert not mapping.export_date_is_month(Path(name))


@pytest.mark.parametrize(
    "name",
    [
        "EXPORT_31-03-2026.CSV",  # helper-268 F3: files: matched it, the date was not found
        "Export_31-03-2026.csv",
        "export_31-03-2026.csv",
    ],
)
def test_a_names_date_is_found_regardless_of_case_as_files_finds_the_file(name: str) -> None:
    mapping = Mapping(
        dataset="allocations",
        files=["export_*.csv"],
        export_date={"from_name": r"export_([\d-]+)\.csv"},
    )
    assert mapping.applies_to(Path(name))
    assert mapping.export_date_of(Path(name)) == dt.date(2026, 3, 31)
    assert not mapping.export_date_is_month(Path(name))


def test_an_upper_case_export_is_ingested_with_its_date(home: Path, tmp_path: Path) -> None:
    """helper-268 F3: the mapping took EMPIRE_TOEWIJZINGEN_2026-03-31.CSV and then refused
    it, 'exportdatum niet te vinden in de bestandsnaam'."""
    folder = tmp_path / "in"
    mapping = write(
        folder / "a.mapping.yaml",
        "dataset: allocations\nfiles: ['empire_toewijzingen_*.csv']\n"
        "export_date: {from_name: 'empire_toewijzingen_(\\d{4}-\\d{2}-\\d{2})'}\n",
    )
    row = "TW-000101;20-01-2026;VHE000101;Centrum;regulier;1;ja;700;900;nee;nee\n"
    export = write(folder / "EMPIRE_TOEWIJZINGEN_2026-03-31.CSV", ALLOCATION_HEADER + row)
    warehouse = ingest(home, "w", export, mappings=[mapping])
    assert query_at(warehouse, "select export_date, status from ingest_log") == [
        (dt.date(2026, 3, 31), "geladen")
    ]


REDOS = (
    r"(?:\w+[-_ ]?)+_(?P<date>\d{4}-\d{2}-\d{2})"  # helper-269 F3: hours on a name without a date
)


def test_a_names_pattern_is_matched_in_linear_time_not_by_backtracking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """RE2 (DuckDB's expressions) reads the pattern: Python's backtracking, which took
    hours on this name and held the warehouse's lock, is not asked."""
    from pipelines.ingest.export_date_forms import name_search

    def backtracking(*_: object, **__: object) -> None:
        raise AssertionError("Python's re.search was asked")

    name = Path("leaseauto_correctie_definitief_versie2_final_echt.csv")
    monkeypatch.setattr("re.search", backtracking)
    assert name_search(REDOS, name) is None
    assert name_search(REDOS, Path("lease_auto_2026-03-31.csv")) == "2026-03-31"
    assert name_search(r"(?P<date>\d{8})", Path("X_20260331.CSV")) == "20260331"


def test_a_pattern_re2_cannot_read_is_read_by_python() -> None:
    from pipelines.ingest.export_date_forms import name_search

    lookbehind = r"(?<=export_)(\d{4}-\d{2}-\d{2})"
    assert name_search(lookbehind, Path("EXPORT_2026-03-31.csv")) == "2026-03-31"
    assert name_search(lookbehind, Path("lijst_2026-03-31.csv")) is None
