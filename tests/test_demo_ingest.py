"""The demo organisation through the real ingest: everything loads, exactly the planted
bad rows are quarantined, and the counts add up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.ingest.quality import DATASETS
from tests.readers import reading


@pytest.fixture(scope="module")
def manifest(demo_home: Path) -> dict:
    return json.loads((demo_home / "raw" / "demo" / "manifest.json").read_text("utf-8"))


def query(home: Path, sql: str) -> list[tuple]:
    with reading(str(home / "warehouse.duckdb")) as con:
        return con.execute(sql).fetchall()


def test_every_dataset_of_the_demo_is_loaded(demo_home: Path, manifest: dict) -> None:
    logged = {
        Path(f): (ds, n_in, n_loaded)
        for f, ds, n_in, n_loaded in query(
            demo_home, "select source_file, dataset, rows_in, rows_loaded from ingest_log"
        )
    }
    assert {ds for ds, _, _ in logged.values()} == set(DATASETS)
    for entry in manifest["files"]:
        path = demo_home / "raw" / "demo" / entry["file"]
        dataset, rows_in, rows_loaded = logged[path]
        assert dataset == entry["dataset"]
        assert rows_in == entry["rows"]
        assert rows_loaded > 0


def test_exactly_the_planted_bad_rows_are_quarantined(demo_home: Path, manifest: dict) -> None:
    got = sorted(
        (Path(f).name, line, column, reason)
        for f, line, column, reason in query(
            demo_home, 'select source_file, line, "column", reason_code from quarantine'
        )
    )
    expected = sorted(
        (b["file"], b["line"], b["column"], b["reason_code"]) for b in manifest["bad_rows"]
    )
    assert got == expected


def test_rows_in_equals_loaded_plus_quarantined_for_every_file(demo_home: Path) -> None:
    rows = query(demo_home, "select rows_in, rows_loaded, rows_quarantined from ingest_log")
    assert len(rows) == len(DATASETS)  # one file per dataset, the procurement ones included
    assert all(n_in == n_ok + n_bad for n_in, n_ok, n_bad in rows)
    loaded = sum(r[1] for r in rows)
    stored = sum(query(demo_home, f"select count(*) from raw_{name}")[0][0] for name in DATASETS)
    assert stored == loaded


def test_the_survey_came_in_through_its_mapping(demo_home: Path) -> None:
    [(mapping, encoding, delimiter)] = query(
        demo_home,
        "select mapping_file, encoding, delimiter from ingest_log where dataset='survey_responses'",
    )
    assert mapping.endswith("effectory.mapping.yaml")
    assert (encoding, delimiter) == ("UTF-8 met BOM", ",")


def test_formats_were_recognised_as_written(demo_home: Path, manifest: dict) -> None:
    seen = {
        Path(f).name: (fmt, enc, delim)
        for f, fmt, enc, delim in query(
            demo_home, "select source_file, file_format, encoding, delimiter from ingest_log"
        )
    }
    names = {"utf-8-sig": "UTF-8 met BOM", "utf-8": "UTF-8", "cp1252": "Windows-1252"}
    for entry in manifest["files"]:
        fmt, enc, delim = seen[entry["file"]]
        assert fmt == entry["format"]
        assert enc == (names[entry["encoding"]] if entry["encoding"] else None)
        assert delim == entry["delimiter"]


def test_no_employee_number_of_the_demo_reaches_the_warehouse(
    demo_home: Path, manifest: dict
) -> None:
    employees = (demo_home / "raw" / "demo" / "employees.csv").read_text("cp1252").splitlines()
    numbers = sorted({line.split(";")[0] for line in employees[1:]})[:50]
    in_list = ", ".join(f"'{n}'" for n in numbers)
    columns: dict[str, list[str]] = {}
    for table, column in query(
        demo_home,
        "select table_name, column_name from information_schema.columns "
        "where data_type = 'VARCHAR' and table_schema = 'main'",
    ):
        columns.setdefault(table, []).append(column)
    assert sum(map(len, columns.values())) > 100  # every text column of every table and view
    with reading(str(demo_home / "warehouse.duckdb")) as con:
        for table, names in columns.items():  # a view computed once, all its columns at once
            hits = con.execute(
                f'select {", ".join(f"""count(*) filter ("{c}" in ({in_list}))""" for c in names)}'
                f' from "{table}"'
            ).fetchone()
            assert not any(hits), [f"{table}.{c}" for c, n in zip(names, hits, strict=True) if n]


def test_the_procurement_exports_reach_staging(demo_home: Path) -> None:
    """Suppliers before orders, every order's supplier known, the sessions typed."""
    [(orders, unknown, planted)] = query(
        demo_home,
        "select count(*), count(*) filter (where s.supplier_id is null), "
        "count(*) filter (where o.org_unit_id = 'VG-ONH' and o.amount_eur >= 50000 "
        "and o.procedure = 'enkelvoudig_onderhands') "
        "from stg_procurement__orders o left join stg_procurement__suppliers s using (supplier_id)",
    )
    assert orders > 4000 and unknown == 0 and planted >= 3
    [(related, sole)] = query(
        demo_home,
        "select count(*) filter (where is_related_to_employee), "
        "count(*) filter (where is_sole_trader) from stg_procurement__suppliers",
    )
    assert related == 3 and sole > 5
    [(kinds,)] = query(
        demo_home, "select count(distinct training_kind) from stg_trainings__sessions"
    )
    assert kinds == 4
