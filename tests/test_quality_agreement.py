"""Great Expectations and the SQL checks fail exactly the same rows.

The rules of every dataset are GE expectations (pipelines/ingest/quality); the ingest runs them as
SQL generated from those expectations (pipelines/ingest/checks.py). Here, for every dataset, a
file is generated whose cells are drawn from pools full of boundary values (a minimum, the
value just under it, the maximum and just over, empty cells, unknown codes, duplicated
keys, future dates, parents that make a cycle), so that every rule fires, many rows break
two rules, and the rest pass. GE itself then validates the rows the SQL judged, and for each
rule the set of failing rows must be the same, row by row.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import duckdb
import pytest

from pipelines.core.catalogue import load_catalogue
from pipelines.ingest.checks import checkable_frame, failures_frame
from pipelines.ingest.loader import check_file
from pipelines.ingest.mapping import Mapping
from pipelines.ingest.quality import DATASETS
from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.base import Rule, SuiteContext, run_suite
from pipelines.ingest.quality.expect import Expectation
from pipelines.ingest.rule_sql import rule_sql
from pipelines.ingest.source_table import load_source

TODAY = dt.date(2026, 6, 30)
CTX = SuiteContext(
    today=TODAY,
    org_units=frozenset({"WH", "FIN", "FIN-ADM", "VH"}),
    survey_items=frozenset({"CLA1", "CLA2", "INT3"}),
    exit_reasons=frozenset({"eigen_verzoek", "ontslag", "pensioen"}),
    suppliers=frozenset({"L1", "L2", "L3"}),
    max_org_depth=3,  # low, so that a chain of five breaks org_too_deep
    no_manager_titles=tuple(load_catalogue().settings.no_manager_titles.titles),
)
KEY = b"agreement-test-key-0123456789abcdef"
ROWS = 400

POOLS = {
    "date": [
        "01-01-2020",
        "15-06-2024",
        "30-06-2026",
        "01-07-2026",
        "31-12-2099",
        "2024-02-29",
        None,
    ],
    "month": ["2024-01", "2024-02", "2026-06", "2026-07", None],
    "integer": ["-1", "0", "1", "2", "5", "6", "1989", "1990", "2026", "2027", None],
    "decimal": ["-0,5", "0", "0,01", "0,7", "1", "1,2", "1,21", "5", "5,5", "31", "32", None],
    "boolean": ["ja", "nee", None],
}


def cell(column, dataset: str, i: int, rng: random.Random) -> str | None:
    """A cell for row ``i``: boundary values, codes and their neighbours, duplicates."""
    name = column.name
    if column.type in ("date", "month") and rng.random() < 0.5:
        day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9700))
        return f"{day:%Y-%m}" if column.type == "month" else f"{day:%d-%m-%Y}"
    if column.type != "text":
        return rng.choice(POOLS[column.type])
    if dataset == "org_units" and name in ("org_unit", "parent_unit"):
        if name == "org_unit" and rng.random() < 0.5:
            return f"U{i}"
        units = [f"U{n}" for n in range(12)]
        if name == "parent_unit":  # one not in the file, and units written otherwise
            units += ["U98", "u3", " U4 "]
        return rng.choice([*units, None])
    if name == "org_unit":
        return rng.choice([*sorted(CTX.org_units), "ONBEKEND", None])
    if name == "item_code":
        return rng.choice([*sorted(CTX.survey_items), "ZZ9", None])
    if name == "supplier_id" and dataset == "procurement":
        return rng.choice([*sorted(CTX.suppliers), "L9", None])
    if name == "exit_reason":
        return rng.choice([*sorted(CTX.exit_reasons), "anders", None, None, None])
    if name == "job_title":
        return rng.choice(
            ["Bestuurder", "Woonconsulent", "directeur-bestuurder", "Lid RvB", "Raad van bestuur"]
            + ["Voorzitter", "Bestuursvoorzitter", "Vice-voorzitter R.v.B.", "Algemeen directeur"]
            + ["Bestuurssecretaris", "Secretaris Raad van Bestuur", "Heftruckbestuurder", None]
            + ["Controller Raad van Bestuur", "Jurist RvB", "Chauffeur bestuurder", "Directeur"]
        )
    codes = column.code_list(CTX)
    if codes:
        return rng.choice([*codes, "iets anders", None])
    if rng.random() < 0.6:
        return f"{name}-{i}"
    return rng.choice([f"{name}-a", f"{name}-b", None])


def on_the_scale(row: list[str], names: list[str], seen: set[str], rng: random.Random) -> list[str]:
    """CLA1's answers on the five points but for its first (one stray 6 is that row's own
    fault); the other items' answers, drawn from POOLS, are mostly off the scale, so
    their answers 1-5 break off_scale."""
    item = row[names.index("item_code")]
    if item == "CLA1":
        answer = "6" if item not in seen else rng.choice(["1", "2", "3", "4", "5", ""])
        row[names.index("answer")] = answer
    seen.add(item)
    return row


def write_file(path: Path, dataset: str, seed: int) -> None:
    spec = DATASETS[dataset]
    rng = random.Random(seed)
    seen: set[str] = set()
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(spec.column_names)
        for i in range(ROWS):
            row = ["" if (v := cell(c, dataset, i, rng)) is None else v for c in spec.columns]
            if dataset == "survey_responses":
                row = on_the_scale(row, spec.column_names, seen, rng)
            writer.writerow(row)
        if dataset == "org_units":
            # a unit that is its own parent, a cycle of two, a chain of five
            chain = [("C1", "C1"), ("C2", "C3"), ("C3", "C2")]
            chain += [(f"D{n}", f"D{n + 1}") for n in range(5)] + [("D5", "U0")]
            for unit, parent in chain:
                writer.writerow([unit, unit.lower(), parent, "team"])


def sql_and_gx(tmp_path: Path, dataset: str, seed: int) -> tuple[dict, dict, list[Rule]]:
    path = tmp_path / f"{dataset}.csv"
    write_file(path, dataset, seed)
    con = duckdb.connect()
    source = load_source(con, path, path.read_bytes())
    checked = check_file(con, source, Mapping(dataset=dataset), CTX, KEY)
    frame = checkable_frame(con, checked).set_index("_rid").rename_axis(None)
    rules = DATASETS[dataset].suite_rules(CTX)
    by_sql: dict[int, set[int]] = {i: set() for i in range(len(rules))}
    for rid, rule in failures_frame(con, checked)[["_rid", "rule"]].itertuples(index=False):
        by_sql[int(rule)].add(int(rid))
    by_gx: dict[int, set[int]] = {i: set() for i in range(len(rules))}
    failures, _ = run_suite(frame, rules, dataset)
    index = {(r.column, r.reason_code, r.reason): i for i, r in enumerate(rules)}
    for failure in failures:
        by_gx[index[(failure.column, failure.reason_code, failure.reason)]].add(failure.line)
    return by_sql, by_gx, rules


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_gx_and_sql_fail_the_same_rows(tmp_path: Path, dataset: str) -> None:
    rules = DATASETS[dataset].suite_rules(CTX)
    assert len({(r.column, r.reason_code, r.reason) for r in rules}) == len(rules)
    for seed in (1, 2):
        by_sql, by_gx, rules = sql_and_gx(tmp_path, dataset, seed)
        for number, rule in enumerate(rules):
            label = f"{dataset} {rule.expectation.type} on {rule.column} ({rule.reason_code})"
            assert by_sql[number] == by_gx[number], (
                f"{label}: only SQL {sorted(by_sql[number] - by_gx[number])[:10]}, "
                f"only GE {sorted(by_gx[number] - by_sql[number])[:10]}"
            )
            assert by_sql[number], f"{label}: the generated file does not make it fire"
        broken = [rid for rule_rows in by_sql.values() for rid in rule_rows]
        assert len(broken) > len(set(broken)), "no row breaks two rules"
        assert len(set(broken)) < ROWS, "every row broke a rule: nothing passes"


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_every_quarantine_reason_names_file_line_column_and_value(
    tmp_path: Path, dataset: str
) -> None:
    """On the file where every rule fires: each quarantined row's reason begins with the
    file, its line and its column, then the value as quarantine shows it (or says the cell
    is empty); a value the reason quotes itself (an unknown label) is quoted once."""
    path = tmp_path / f"{dataset}.csv"
    write_file(path, dataset, 1)
    con = duckdb.connect()
    checked = check_file(
        con, load_source(con, path, path.read_bytes()), Mapping(dataset=dataset), CTX, KEY
    )
    rows = con.execute(f'select line, "column", value, reason from {checked.quarantine}').fetchall()
    assert rows
    for line, column, value, reason in rows:
        where = f"{path.name}, regel {line}, kolom {column}"
        said = "waarde leeg: " if value is None else f"waarde '{value}': "
        assert reason.startswith(f"{where}, {said}") or (
            reason.startswith(f"{where}: '{value}'")
        ), reason


def test_every_expectation_of_every_suite_has_sql() -> None:
    for spec in DATASETS.values():
        for rule in spec.suite_rules(CTX):
            assert "select _rid from" in rule_sql(rule, "t")
            rule.expectation.to_gx()  # and GE takes its arguments


def test_an_expectation_without_sql_is_refused_not_skipped() -> None:
    rule = Rule(Expectation("expect_column_mean_to_be_between", {"column": "x"}), "x", "c", "r")
    with pytest.raises(ValueError, match="no SQL"):
        rule_sql(rule, "t")
    rule = Rule(
        Expectation("expect_column_values_to_be_between", {"column": "x", "mostly": 0.9}),
        "x",
        "c",
        "r",
    )
    with pytest.raises(ValueError, match="mostly"):
        rule_sql(rule, "t")


@pytest.mark.parametrize(("size", "subquery"), [(7, False), (8, True)])
def test_a_set_of_values_selects_the_same_rows_as_a_list_or_as_a_subquery(
    size: int, subquery: bool
) -> None:
    """A set of up to 7 values is a list of constants, of 8 or more a subquery (the
    quicker form for each, rule_sql.SUBQUERY_FROM); both select the rows outside the set,
    a NULL never."""
    values = [f"v{i}" for i in range(size)]
    rule = Rule(e.ExpectColumnValuesToBeInSet(column="code", value_set=values), "code", "x", "x")
    sql = rule_sql(rule, "t")
    assert ("select unnest(" in sql) == subquery
    con = duckdb.connect()
    con.execute(
        "create table t as select * from (values (1, 'v0'), (2, 'w'), (3, null), "
        f"(4, 'v{size - 1}'), (5, 'v{size}')) as r(_rid, code)"
    )
    assert sorted(r[0] for r in con.execute(sql).fetchall()) == [2, 5]
