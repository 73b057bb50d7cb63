"""Keys and re-exports (docs/contracts.md): per natural key the row of the newest
export wins, newest by the export's own date, never by the order of ingest; a register
without record_id replaces the periods an export covers.

Longer than 600 lines because the property test and the cases it cannot state (dated
and undated exports, covered periods, columns a newer export lacks) share the helpers
that write and ingest exports.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipelines.build.models import discover_models, run_models
from pipelines.ingest.checks import SQL_TYPES
from pipelines.ingest.loader import FileResult
from pipelines.ingest.natural_keys import DROPPED_KEYS_KEPT
from pipelines.ingest.quality import DATASETS
from pipelines.ingest.reexports import NATURAL_KEYS, PERIOD_COLUMNS
from pipelines.ingest.tables import ensure_tables
from tests.readers import reading

from .ingesthelpers import Ingested, ingest_and_model, ingest_only
from .test_ingest import ORG, lenient, write

# What these tests read after an ingest (and query_at's SQL below): a build here runs
# only these models and what they read (7 of the 95).
READS = (
    "stg_allocation__allocations",
    "int_kri__allocations",
    "stg_hr__employees",
    "stg_registers__gifts",
    "stg_registers__vehicle_use",
    "report_ingest_log",
)


def build(
    *,
    path: Path,
    inputs: list[Path],
    mappings: list[Path] | None = None,
    catalogue=None,  # noqa: ANN001
) -> Ingested:
    return ingest_and_model(path, inputs, READS, mappings=mappings, catalogue=catalogue)


STAGING = {
    "survey_responses": "stg_survey__responses",
    "employees": "stg_hr__employees",
    "org_units": "stg_hr__org_units",
    "side_jobs": "stg_registers__side_jobs",
    "gifts": "stg_registers__gifts",
    "vehicle_use": "stg_registers__vehicle_use",
    "allocations": "stg_allocation__allocations",
    "hr_aggregates": "stg_hr__aggregates",
    "feedback_360": "stg_hr__feedback_360",
    "suppliers": "stg_procurement__suppliers",
    "procurement": "stg_procurement__orders",
    "trainings": "stg_trainings__sessions",
}
MODELS = {m.name: m for m in discover_models()}
# which export a row came from, and when: what differs from one final export by design
BOOKKEEPING = {"ingested_at", "source_file", "export_date"}


# --- the property: split into overlapping and corrected exports, ingest in any order ----


def value(rng: random.Random, sql_type: str) -> object:
    if rng.random() < 0.1:
        return None
    if sql_type == "varchar":
        return rng.choice(["a", "b", "c"])
    if sql_type == "date":
        return dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(540))
    if sql_type == "bigint":
        return rng.randint(1, 5)
    if sql_type == "double":
        return rng.choice([0.0, 0.5, 1.0, 2.5])
    return rng.random() < 0.5


def make_row(rng: random.Random, dataset: str, fixed: dict[str, object]) -> dict[str, object]:
    row = {
        c.name: value(rng, SQL_TYPES[c.type])
        for c in DATASETS[dataset].columns
        if c.name != "record_id"
    }
    return row | fixed


DROPPED = "_dropped"  # a row that is a key drop_rows left out (keyed_exports)


def key_of(rng: random.Random, dataset: str) -> dict[str, object]:
    """A natural key that is never null (the suite makes the key columns required)."""
    types = {c.name: SQL_TYPES[c.type] for c in DATASETS[dataset].columns}
    return {
        name: (
            f"k{rng.randrange(6)}"
            if types[name] == "varchar"
            else dt.date(2026, rng.randint(1, 3), 1)
            if types[name] == "date"
            else rng.randint(2024, 2026)
        )
        for name in NATURAL_KEYS[dataset]
    }


def keyed_exports(
    rng: random.Random, dataset: str, n_exports: int
) -> list[list[dict[str, object]]]:
    """The final export has every key in its final version; earlier exports carry a
    subset of the keys, some in an older (uncorrected) version, some since deleted...
    but only keys the final export also has, since a deletion is not a re-export."""
    keys: dict[tuple, dict[str, object]] = {}
    for _ in range(rng.randint(1, 8)):
        key = key_of(rng, dataset)
        keys[tuple(key.values())] = key
    final = [make_row(rng, dataset, key) for key in keys.values()]
    # a key a mapping's drop_rows left out of an export (a cancelled order), in the final
    # export or an earlier one (one cancelled, then booked again): stored as its key alone
    droppable = dataset in DROPPED_KEYS_KEPT
    final = [{**key, DROPPED: True} if droppable and rng.random() < 0.25 else row
             for key, row in zip(keys.values(), final, strict=True)]  # fmt: skip
    exports = []
    for _ in range(n_exports - 1):
        export = []
        for row in final:
            if rng.random() < 0.6:
                key = {k: row[k] for k in NATURAL_KEYS[dataset]}
                older = make_row(rng, dataset, key)
                if droppable and rng.random() < 0.2:
                    older = {**key, DROPPED: True}
                export.append(row if rng.random() < 0.5 else older)
        exports.append(export)
    return [*exports, final]


def period_of(day: dt.date, covers: str) -> object:
    if covers == "month":
        return (day.year, day.month)
    if covers == "year":
        return day.year
    return "all"


def register_exports(
    rng: random.Random, dataset: str, n_exports: int, covers: str
) -> list[list[dict[str, object]]]:
    """A register without record_id: earlier exports cover some periods of the final one
    (each with every row of those periods, some older, some since removed, some doubled
    on purpose: two identical gifts are two gifts)."""
    date_column = PERIOD_COLUMNS[dataset]
    final = []
    for _ in range(rng.randint(1, 8)):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(540))
        row = make_row(rng, dataset, {"employee_key": f"k{rng.randrange(4)}", date_column: day})
        final.append(row)
        if rng.random() < 0.2:
            final.append(dict(row))
    periods = sorted({period_of(r[date_column], covers) for r in final}, key=str)
    exports = []
    for _ in range(n_exports - 1):
        chosen = {p for p in periods if rng.random() < 0.6}
        export = []
        for row in final:
            if period_of(row[date_column], covers) not in chosen:
                continue
            if rng.random() < 0.3:
                continue  # not yet registered
            export.append(
                row
                if rng.random() < 0.6
                else make_row(rng, dataset, {date_column: row[date_column]})
            )
            if rng.random() < 0.2:  # registered, and removed again before the final export
                export.append(make_row(rng, dataset, {date_column: row[date_column]}))
        exports.append(export)
    return [*exports, final]


def load(
    con: duckdb.DuckDBPyConnection,
    dataset: str,
    exports: list[list[dict[str, object]]],
    order: list[int],
    covers: str | None,
) -> None:
    """Load the exports as ingest stores them, in the given order of ingest; export i
    is dated i days after 2026-01-01 (so the last one is the newest)."""
    columns = DATASETS[dataset].column_names
    base = dt.datetime(2026, 7, 1, 9)
    records = [
        {c: row.get(c) for c in columns}
        | {DROPPED: row.get(DROPPED, False)}
        | {
            "_source_file": f"raw/{dataset}_{i}.csv",
            "_source_line": line,
            "_content_hash": f"h{i}",
            "_ingested_at": base + dt.timedelta(minutes=position),
            "_export_date": dt.date(2026, 1, 1) + dt.timedelta(days=i),
            "_covers": covers,
        }
        for position, i in enumerate(order)
        for line, row in enumerate(exports[i], start=2)
    ]
    dropped = [r for r in records if r.pop(DROPPED)]
    records = [r for r in records if r not in dropped]
    for r in dropped:  # as dropped_keys.store_dropped_keys stores a key drop_rows left out
        con.execute(
            "insert into raw_dropped_keys values (?, ?, ?, ?, ?, ?)",
            [dataset, r[NATURAL_KEYS[dataset][0]], r["_source_file"], r["_content_hash"],
             r["_ingested_at"], r["_export_date"]],
        )  # fmt: skip
    if records:
        # as one Arrow table (row by row, executemany took a quarter of this test file)
        rows = pa.Table.from_pylist(records)  # noqa: F841 (read by name in the SQL)
        names = ", ".join(records[0])
        con.execute(f"insert into raw_{dataset} ({names}) select {names} from rows")


def staged(con: duckdb.DuckDBPyConnection, dataset: str) -> list[tuple]:
    model = MODELS[STAGING[dataset]]
    run_models(con, [model])
    frame = con.execute(f"select * from {model.name}").df()
    frame = frame.drop(columns=[c for c in frame.columns if c in BOOKKEEPING])
    return sorted((tuple(map(repr, r)) for r in frame.itertuples(index=False)), key=str)


def any_order_equals_the_final_export(examples: int):
    """The property below as a test of ``examples`` random examples (about 2 s each) after
    two explicit ones: eight in make test, a hundred in make validate (the twin marked
    validate)."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )(
        # One seed for the rows of all datasets: st.randoms draws from Hypothesis's buffer
        # at every call, and the hundreds of calls an example makes overran it often enough
        # to fail the data_too_large health check now and then (seen in CI at 3cd99b2). A
        # failure names the seed, which rebuilds the same exports. Always two seeds too
        # whose exports come in an order where the newest by export date was not ingested
        # last (a register whose newest row was chosen by ingest
        # order instead of export date failed both, vehicle_use among them)
        example(seed=0, n_exports=2)(
            example(seed=3, n_exports=3)(
                given(seed=st.integers(0, 2**32 - 1), n_exports=st.integers(1, 4))(
                    check_any_order_equals_the_final_export
                )
            )
        )
    )


def check_any_order_equals_the_final_export(seed: int, n_exports: int) -> None:
    rng = random.Random(seed)
    with duckdb.connect() as every, duckdb.connect() as final:
        ensure_tables(every)
        ensure_tables(final)
        for dataset in DATASETS:
            covers = None
            if dataset in PERIOD_COLUMNS:
                covers = rng.choice(["month", "year", "all", None])
                if covers is None:  # the source has the register's record_id
                    exports = keyed_exports(rng, dataset, n_exports)
                else:
                    exports = register_exports(rng, dataset, n_exports, covers)
            else:
                exports = keyed_exports(rng, dataset, n_exports)
            order = list(range(n_exports))
            rng.shuffle(order)
            load(every, dataset, exports, order, covers)
            # the truth: the final export's rows, its cancelled ones left out
            truth = [r for r in exports[-1] if not r.get(DROPPED)]
            load(final, dataset, [truth], [0], covers)
            assert staged(every, dataset) == staged(final, dataset), (dataset, covers, order)


test_any_order_of_overlapping_and_corrected_exports_equals_the_final_export = (
    any_order_equals_the_final_export(8)
)
test_any_order_of_many_more_exports_equals_the_final_export = pytest.mark.validate(
    any_order_equals_the_final_export(100)
)


def test_without_covers_a_register_keeps_every_row_of_every_export() -> None:
    """A source that declares nothing keeps today's behaviour (the demo): all rows."""
    rng = random.Random(7)
    exports = register_exports(rng, "gifts", 3, "month")
    with duckdb.connect() as con:
        ensure_tables(con)
        load(con, "gifts", exports, [2, 0, 1], None)
        assert len(staged(con, "gifts")) == sum(len(e) for e in exports)


# --- through the real ingest -------------------------------------------------------------

ALLOCATION_HEADER = (
    "allocation_id;allocated_on;dwelling_id;district;channel;candidate_rank;"
    "motivation_recorded;consultant_key;approver_key;related_to_employee;"
    "registration_date_modified\n"
)


def allocations(months: range, rank_of: dict[int, str] | None = None) -> str:
    rows = []
    for month in months:
        for n in range(16):
            number = month * 100 + n
            rank = (rank_of or {}).get(number, "1")
            rows.append(
                f"TW-{number:06d};{2 + n:02d}-{month:02d}-2025;VHE{number:06d};Centrum;"
                f"regulier;{rank};ja;{700 + n % 5};900;nee;nee\n"
            )
    return ALLOCATION_HEADER + "".join(rows)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RADAR_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("RADAR_KEY_FILE", raising=False)
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    return tmp_path / "home"


def ingest(home: Path, name: str, *paths: Path, mappings: list[Path] | None = None) -> Path:
    warehouse = home / f"{name}.duckdb"
    files = build(path=warehouse, inputs=list(paths), mappings=mappings, catalogue=lenient()).files
    assert all(f.error is None for f in files), [f.error for f in files]
    return warehouse


def allocation_figures(warehouse: Path) -> list[tuple]:
    with reading(str(warehouse)) as con:
        staged = con.execute("select count(*) from stg_allocation__allocations").fetchall()
        kri = con.execute(
            "select * exclude (ingested_at) from int_kri__allocations order by all"
            if "ingested_at" in con.table("int_kri__allocations").columns
            else "select * from int_kri__allocations order by all"
        ).fetchall()
    return [*staged, *kri]


def test_a_half_year_then_the_full_year_export_counts_the_overlap_once(
    home: Path, tmp_path: Path
) -> None:
    """The reproduced bug: half-year then full-year allocations doubled the overlap
    (KRI-AL-OUT-OF-RANK 1/192 became 2/384)."""
    half = write(tmp_path / "in" / "allocaties_h1.csv", allocations(range(1, 7), {105: "3"}))
    full = write(tmp_path / "in" / "allocaties_jaar.csv", allocations(range(1, 13), {105: "3"}))
    both = ingest(home, "both", half)
    both = ingest(home, "both", full)
    only = ingest(home, "only", full)
    assert query_at(both, "select count(*) from stg_allocation__allocations") == [(192,)]
    assert allocation_figures(both) == allocation_figures(only)


def query_at(warehouse: Path, sql: str) -> list[tuple]:
    with reading(str(warehouse)) as con:
        return con.execute(sql).fetchall()


def dated_allocations_mapping(folder: Path) -> Path:
    """Allocation exports named allocaties_<jjjj-mm-dd>.csv, dated by their name."""
    return write(
        folder / "allocaties.mapping.yaml",
        "dataset: allocations\nfiles: ['allocaties_*.csv']\n"
        "export_date: {from_name: 'allocaties_(\\d{4}-\\d{2}-\\d{2})'}\n",
    )


def test_a_tie_beside_a_newer_export_says_the_newer_one_counts(home: Path, tmp_path: Path) -> None:
    """helper-121: May re-sent corrected under May's own date, after June's export: told
    only that the order of ingest decides between the two Mays, while June's counted for
    every key (and the correction for none)."""
    folder = tmp_path / "in"
    mapping = dated_allocations_mapping(folder)
    may = write(folder / "allocaties_2026-05-28.csv", allocations(range(1, 2)))
    june = write(folder / "allocaties_2026-06-28.csv", allocations(range(1, 3)))
    warehouse = ingest(home, "w", may, june, mappings=[mapping])
    fixed = write(
        folder / "allocaties_2026-05-28_gecorrigeerd.csv", allocations(range(1, 2), {105: "4"})
    )
    [file] = build(path=warehouse, inputs=[fixed], mappings=[mapping], catalogue=lenient()).files
    said = [str(n) for n in file.notes]
    assert any(
        f"voor 16 daarvan telt deze export niet, want {june} heeft een nieuwere" in n for n in said
    ), said
    assert any("met dezelfde exportdatum 28-05-2026" in n for n in said), said


def test_an_older_export_read_last_names_the_newest_export_as_the_one_that_counts(
    home: Path, tmp_path: Path
) -> None:
    """helper-150: the next newer export was named (by the smallest file name), not the
    newest, whose rows count."""
    folder = tmp_path / "in"
    mapping = dated_allocations_mapping(folder)
    june = write(folder / "allocaties_2026-06-30.csv", allocations(range(1, 3)))
    july = write(folder / "allocaties_2026-07-31.csv", allocations(range(1, 3), {105: "4"}))
    warehouse = ingest(home, "w", june, july, mappings=[mapping])
    may = write(folder / "allocaties_2026-05-31.csv", allocations(range(1, 3), {105: "2"}))
    [file] = build(path=warehouse, inputs=[may], mappings=[mapping], catalogue=lenient()).files
    said = " ".join(str(n) for n in file.notes)
    assert f"telt deze export niet, want {july} heeft een nieuwere exportdatum" in said, said


def test_the_export_date_from_the_file_name_decides_not_the_order_of_ingest(
    home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    mapping = dated_allocations_mapping(folder)
    corrected = write(folder / "allocaties_2026-07-01.csv", allocations(range(1, 3), {105: "4"}))
    older = write(folder / "allocaties_2026-06-01.csv", allocations(range(1, 3), {105: "1"}))
    warehouse = ingest(home, "w", corrected, mappings=[mapping])
    result = build(path=warehouse, inputs=[older], mappings=[mapping], catalogue=lenient())
    [file] = result.files
    assert file.error is None
    assert any("nieuwste exportdatum" in n for n in file.notes), file.notes
    # helper-113: said plainly that this older export counts for none of those keys
    said = f"daarvan telt deze export niet, want {corrected} heeft een nieuwere exportdatum"
    assert any(said in str(n) for n in file.notes), file.notes
    # Datakwaliteit shows each file's export date (helper-115: only ingest_log had it)
    assert query_at(
        warehouse, "select source_file, export_date from report_ingest_log order by 2"
    ) == [(str(older), dt.date(2026, 6, 1)), (str(corrected), dt.date(2026, 7, 1))]
    assert query_at(
        warehouse,
        "select candidate_rank, source_file from stg_allocation__allocations "
        "where allocation_id = 'TW-000105'",
    ) == [(4, str(corrected))]
    assert query_at(warehouse, "select count(*) from stg_allocation__allocations") == [(32,)]
    assert sorted(query_at(warehouse, "select export_date from ingest_log")) == [
        (dt.date(2026, 6, 1),),
        (dt.date(2026, 7, 1),),
    ]


def test_a_name_without_the_declared_date_cannot_be_used(home: Path, tmp_path: Path) -> None:
    mapping = write(
        tmp_path / "in" / "a.mapping.yaml",
        "dataset: allocations\nexport_date: {from_name: '(\\d{4}-\\d{2}-\\d{2})'}\n",
    )
    f = write(tmp_path / "in" / "allocaties.csv", allocations(range(1, 2)))
    [result] = build(
        path=home / "w.duckdb", inputs=[f], mappings=[mapping], catalogue=lenient()
    ).files
    assert result.error is not None and "exportdatum niet te vinden" in result.error


def test_without_an_export_date_the_order_decides_and_ingest_says_so(
    home: Path, tmp_path: Path
) -> None:
    first = write(tmp_path / "in" / "a.csv", allocations(range(1, 2), {105: "1"}))
    second = write(tmp_path / "in" / "b.csv", allocations(range(1, 2), {105: "2"}))
    warehouse = ingest(home, "w", first)
    [file] = build(path=warehouse, inputs=[second], catalogue=lenient()).files
    assert any("telt de laatst ingelezen export" in str(n) for n in file.notes), file.notes
    assert query_at(warehouse, "select count(*) from stg_allocation__allocations") == [(16,)]


GIFT_HEADER = "employee_key;received_on;giver_type;gift_type;value_eur;delivered_at_home;decision\n"


def test_a_newer_gifts_export_replaces_the_months_it_covers(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    mapping = write(
        folder / "geschenken.mapping.yaml",
        "dataset: gifts\nfiles: ['geschenken_*.csv']\ncovers: month\n"
        "export_date: {from_name: 'geschenken_(\\d{8})'}\n",
    )
    march = "100;03-03-2026;huurder;tegoedbon;25;nee;geweigerd\n"
    april = "101;02-04-2026;leverancier;etentje;40;nee;geaccepteerd\n"
    # The newer export corrects the March gift's value and has the April gift twice
    # (two identical gifts are two gifts).
    newer = write(
        folder / "geschenken_20260501.csv",
        GIFT_HEADER + march.replace(";25;", ";30;") + april + april,
    )
    older = write(folder / "geschenken_20260401.csv", GIFT_HEADER + march)
    warehouse = ingest(home, "w", newer, mappings=[mapping])
    warehouse = ingest(home, "w", older, mappings=[mapping])
    assert sorted(
        query_at(warehouse, "select received_on, value_eur from stg_registers__gifts")
    ) == [
        (dt.date(2026, 3, 3), 30.0),
        (dt.date(2026, 4, 2), 40.0),
        (dt.date(2026, 4, 2), 40.0),
    ]


def test_covers_is_only_for_registers_without_a_key(home: Path, tmp_path: Path) -> None:
    mapping = write(tmp_path / "in" / "a.mapping.yaml", "dataset: allocations\ncovers: month\n")
    f = write(tmp_path / "in" / "allocaties.csv", allocations(range(1, 2)))
    with pytest.raises(Exception, match="covers"):
        build(path=home / "w.duckdb", inputs=[f], mappings=[mapping], catalogue=lenient())


def test_an_old_warehouse_gets_the_new_columns(home: Path) -> None:
    with duckdb.connect() as con:
        con.execute("create table raw_gifts (employee_key varchar, received_on date)")
        con.execute("create table ingest_log (source_file varchar, status varchar)")
        ensure_tables(con)
        gifts = set(con.table("raw_gifts").columns)
        assert {"record_id", "_export_date", "_covers", "decision"} <= gifts
        assert "export_date" in con.table("ingest_log").columns


def test_a_correction_that_fails_a_check_says_the_earlier_row_keeps_counting(
    home: Path, tmp_path: Path
) -> None:
    """A newer export corrects TW-000105 but its rank is unreadable: the row is
    quarantined, the older export's row still counts, and the ingest says so with the
    line (a correction that corrects nothing is not silent). A new key that fails its
    check (TW-000199, in no earlier export) is only a quarantined row."""
    folder = tmp_path / "in"
    mapping = dated_allocations_mapping(folder)
    older = write(folder / "allocaties_2026-06-01.csv", allocations(range(1, 3), {105: "1"}))
    newer_text = allocations(range(1, 3), {105: "vier"}) + (
        "TW-000199;20-02-2025;VHE000199;Centrum;regulier;x;ja;700;900;nee;nee\n"
    )
    newer = write(folder / "allocaties_2026-07-01.csv", newer_text)
    warehouse = ingest(home, "w", older, mappings=[mapping])
    [file] = build(path=warehouse, inputs=[newer], mappings=[mapping], catalogue=lenient()).files
    assert file.error is None and file.rows_quarantined == 2
    held = [n for n in map(str, file.notes) if "blijft de eerdere rij tellen" in n]
    assert held == [
        "1 afgekeurde regel(s) (regel 7) hebben een sleutel (allocation_id) die ook in een "
        "eerder ingelezen export staat: voor die sleutel(s) blijft de eerdere rij tellen tot "
        "een verbeterde export is ingelezen"
    ], file.notes
    english = [m.text("en") for m in file.notes if getattr(m, "key", "") == "note.held_back"]
    assert english and "line 7" in english[0] and "keeps counting" in english[0]
    assert query_at(
        warehouse,
        "select candidate_rank, source_file from stg_allocation__allocations "
        "where allocation_id = 'TW-000105'",
    ) == [(1, str(older))]


def test_undated_exports_in_one_run_say_that_the_order_of_names_decided(
    home: Path, tmp_path: Path
) -> None:
    """Without an export date the file ingested last counts as the newest, and in one run
    the files go in the order of their names: "januari" after "februari". The file that
    won that way says so, with what to do, beside the periods it shrank."""
    folder = tmp_path / "in"
    write(folder / "geschenken.mapping.yaml", "dataset: gifts\nfiles: ['geschenken*.csv']\n"
          "covers: year\n")  # fmt: skip
    jan = "100;03-01-2025;huurder;tegoedbon;25;nee;geaccepteerd\n"
    feb = "101;02-02-2025;leverancier;reis;500;nee;geaccepteerd\n"
    write(folder / "geschenken februari.csv", GIFT_HEADER + jan + feb)
    write(folder / "geschenken januari.csv", GIFT_HEADER + jan)
    build(path=home / "w.duckdb", inputs=[folder], catalogue=lenient())
    notes = dict(
        query_at(
            home / "w.duckdb",
            "select regexp_extract(source_file, '[^/]+$'), notes from ingest_log",
        )
    )
    assert "geen exportdatum en telt daarom als de nieuwste" in notes["geschenken januari.csv"]
    assert "op volgorde van naam" in notes["geschenken januari.csv"]
    assert "minder of andere rijen" in notes["geschenken januari.csv"]
    assert notes["geschenken februari.csv"] is None


def test_a_dated_export_over_an_undated_one_does_not_claim_to_count(
    home: Path, tmp_path: Path
) -> None:
    """An undated export counts with its moment of ingest: a dated export from before that
    does not replace it, and its note says so instead of "hier telt dit bestand"."""
    folder = tmp_path / "in"
    new = write(folder / "auto_nieuw.csv", "employee_key;year;private_km\ne1;2024;1000\n")
    warehouse = ingest(home, "w", new)
    old = write(folder / "auto_oud.csv", "employee_key;year;private_km\ne1;2024;400\n")
    mapping = write(folder / "auto.mapping.yaml", "dataset: vehicle_use\nexport_date: 2024-06-30\n")
    files = build(path=warehouse, inputs=[old], mappings=[mapping], catalogue=lenient()).files
    (note_text,) = [str(n) for n in files[0].notes]
    # it names the export that counts (helper-79: "van beide telt de nieuwste (deze
    # export: 30-06-2024)" read as if this one counted)
    assert f"export zonder exportdatum ({new}); die telt met het moment" in note_text
    assert "later dan de 30-06-2024 van deze export, dus voor 1 sleutel(s) telt die andere" in (
        note_text
    )
    assert "hier telt dit bestand" not in note_text
    # the summary radar prints puts "let op:" before a note once (it said it twice)
    assert "let op: let op" not in files[0].summary("nl")
    assert "note: note" not in files[0].summary("en")
    assert query_at(warehouse, "select private_km from stg_registers__vehicle_use") == [(1000.0,)]


def test_a_dated_export_after_an_undated_ones_ingest_says_it_counts(
    home: Path, tmp_path: Path
) -> None:
    """The undated export was ingested on 01-03-2024, before this export's 30-06-2024:
    this one counts, and its note says so."""
    folder = tmp_path / "in"
    first = write(folder / "auto_eerst.csv", "employee_key;year;private_km\ne1;2024;1000\n")
    warehouse = ingest(home, "w", first)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("update raw_vehicle_use set _ingested_at = timestamp '2024-03-01 09:00'")
    later = write(folder / "auto_later.csv", "employee_key;year;private_km\ne1;2024;400\n")
    mapping = write(folder / "auto.mapping.yaml", "dataset: vehicle_use\nexport_date: 2024-06-30\n")
    files = build(path=warehouse, inputs=[later], mappings=[mapping], catalogue=lenient()).files
    notes = [str(n) for n in files[0].notes]
    (note_text,) = [n for n in notes if "zonder exportdatum" in n]
    assert f"export zonder exportdatum ({first});" in note_text
    # 1000 km then 400 in the newer export: a year's running figure fell (year_to_date.py)
    assert any("lager in de nieuwere van deze export" in n for n in notes), notes
    assert "van beide telt de nieuwste: hier deze export (30-06-2024)" in note_text
    assert query_at(warehouse, "select private_km from stg_registers__vehicle_use") == [(400.0,)]


# --- a newer export without an optional column (review of issue 13) ---------------------

ORG_UNITS = (
    "org_unit;name;parent_unit;level\nWH;Woonstichting;;organisatie\nVH;Verhuur;WH;afdeling\n"
)


def employees(months: range, *, sick_days: bool = True) -> str:
    """Ten employees of VH per month of 2026, with sick_days (3) or without that column."""
    header = "employee_key;snapshot_month;org_unit;manager_key;fte" + (
        ";sick_days" if sick_days else ""
    )
    rows = [
        f"{1000 + e};2026-{m:02d};VH;500;0,8" + (";3" if sick_days else "")
        for m in months
        for e in range(10)
    ]
    return header + "\n" + "\n".join(rows) + "\n"


def dated_hr_mapping(folder: Path) -> Path:
    return write(
        folder / "hr.mapping.yaml",
        "dataset: employees\nfiles: ['hr_*.csv']\n"
        "export_date: {from_name: 'hr_(\\d{4}-\\d{2}-\\d{2})'}\n",
    )


def sick_days_counted(warehouse: Path) -> list[tuple]:
    return query_at(warehouse, "select count(*), count(sick_days) from stg_hr__employees")


def hr_after(home: Path, tmp_path: Path, first: Path, then: Path) -> tuple[FileResult, Path]:
    """``first`` ingested (with the org units) under the dated HR mapping, then ``then``:
    what became of ``then``, and the warehouse."""
    mapping = dated_hr_mapping(tmp_path / "in")
    org = write(tmp_path / "in" / "org_units.csv", ORG_UNITS)
    warehouse = ingest(home, "w", org, first, mappings=[mapping])
    [file] = build(path=warehouse, inputs=[then], mappings=[mapping], catalogue=lenient()).files
    return file, warehouse


def test_a_newer_export_without_an_optional_column_does_not_empty_the_earlier_values(
    home: Path, tmp_path: Path
) -> None:
    """Year to date without sick_days after a half year with it: read as empty, the
    column emptied the 60 earlier values with only a note. Refused, naming the column
    and how many values it would empty; the earlier values keep counting."""
    half = write(tmp_path / "in" / "hr_2026-06-30.csv", employees(range(1, 7)))
    ytd = write(tmp_path / "later" / "hr_2026-09-30.csv", employees(range(1, 10), sick_days=False))
    file, warehouse = hr_after(home, tmp_path, half, ytd)
    assert file.error is not None
    said = str(file.error)
    assert str(ytd) in said and "employees" in said and "sick_days (60)" in said, said
    assert sick_days_counted(warehouse) == [(60, 60)]


def test_an_older_export_without_the_column_loads_as_it_replaces_nothing(
    home: Path, tmp_path: Path
) -> None:
    """The same two exports in the other order: the one without sick_days is the older,
    so the newer one's values win where they overlap, and its other months load."""
    newer = write(tmp_path / "in" / "hr_2026-09-30.csv", employees(range(4, 7)))
    older = write(tmp_path / "o" / "hr_2026-06-30.csv", employees(range(1, 7), sick_days=False))
    file, warehouse = hr_after(home, tmp_path, newer, older)
    assert file.error is None, file.error
    assert sick_days_counted(warehouse) == [(60, 30)]


def test_a_new_month_without_the_column_loads_with_a_note(home: Path, tmp_path: Path) -> None:
    """No earlier row has its keys: nothing is emptied, the column is said missing."""
    half = write(tmp_path / "in" / "hr_2026-06-30.csv", employees(range(1, 7)))
    july = write(tmp_path / "j" / "hr_2026-07-31.csv", employees(range(7, 8), sick_days=False))
    file, warehouse = hr_after(home, tmp_path, half, july)
    assert file.error is None, file.error
    assert any("sick_days" in str(n) for n in file.notes), file.notes
    assert sick_days_counted(warehouse) == [(70, 60)]


def test_an_export_without_the_column_loads_where_the_counting_rows_are_empty_or_newer(
    home: Path, tmp_path: Path
) -> None:
    """Only what counts now is compared (helper-80): values of an export that a newer
    one already replaced, with an empty column (March) or its own values (May), are not
    emptied by April, which then loads."""
    feb = write(tmp_path / "in" / "hr_2026-02-01.csv", employees(range(1, 2)))
    empty = employees(range(1, 2)).replace(";3\n", ";\n")
    march = write(tmp_path / "m" / "hr_2026-03-01.csv", empty)
    april = write(tmp_path / "a" / "hr_2026-04-01.csv", employees(range(1, 2), sick_days=False))
    file, warehouse = hr_after(home, tmp_path, feb, march)
    assert file.error is None and sick_days_counted(warehouse) == [(10, 0)], file.error
    [file] = build(
        path=warehouse,
        inputs=[april],
        catalogue=lenient(),
        mappings=[tmp_path / "in" / "hr.mapping.yaml"],
    ).files
    assert file.error is None, file.error
    may = write(tmp_path / "y" / "hr_2026-05-01.csv", employees(range(1, 2)))
    again = write(tmp_path / "b" / "hr_2026-04-02.csv", employees(range(1, 2), sick_days=False))
    for path in (may, again):
        [file] = build(
            path=warehouse,
            inputs=[path],
            catalogue=lenient(),
            mappings=[tmp_path / "in" / "hr.mapping.yaml"],
        ).files
        assert file.error is None, file.error
    assert sick_days_counted(warehouse) == [(10, 10)]


def test_a_covering_register_with_record_ids_is_checked_by_record(
    home: Path, tmp_path: Path
) -> None:
    """covers: month with record_ids: the rows with one are replaced by record_id, as
    staging does, so a newer export without value_eur empties them: refused (it loaded,
    helper-80)."""
    mapping = write(
        tmp_path / "in" / "gifts.mapping.yaml",
        "dataset: gifts\nfiles: ['gifts_*.csv']\ncovers: month\n"
        "export_date: {from_name: 'gifts_(\\d{4}-\\d{2}-\\d{2})'}\n",
    )
    rows = "R1;100;05-03-2026;60\nR2;101;06-03-2026;70\n"
    march = write(
        tmp_path / "in" / "gifts_2026-03-31.csv",
        "record_id;employee_key;received_on;value_eur\n" + rows,
    )
    without = "".join(r.rsplit(";", 1)[0] + "\n" for r in rows.splitlines())
    april = write(
        tmp_path / "a" / "gifts_2026-04-30.csv", "record_id;employee_key;received_on\n" + without
    )
    warehouse = ingest(home, "w", march, mappings=[mapping])
    [file] = build(path=warehouse, inputs=[april], mappings=[mapping], catalogue=lenient()).files
    assert file.error is not None and "value_eur (2)" in str(file.error), file.error
    assert query_at(warehouse, "select count(value_eur) from stg_registers__gifts") == [(2,)]


def test_a_covering_register_export_without_a_column_is_refused_for_its_periods(
    home: Path, tmp_path: Path
) -> None:
    """gifts with covers: month: a newer export of March without value_eur would empty
    the March gift's value; one of April only (a month no earlier export has) loads."""
    folder = tmp_path / "in"
    mapping = write(
        folder / "geschenken.mapping.yaml",
        "dataset: gifts\nfiles: ['geschenken_*.csv']\ncovers: month\n"
        "export_date: {from_name: 'geschenken_(\\d{8})'}\n",
    )
    march = write(
        folder / "geschenken_20260401.csv", GIFT_HEADER + "100;03-03-2026;huurder;etentje;60;nee;\n"
    )
    without = "employee_key;received_on;giver_type;gift_type\n"
    again = write(
        tmp_path / "a" / "geschenken_20260501.csv", without + "100;03-03-2026;huurder;etentje\n"
    )
    april = write(
        tmp_path / "b" / "geschenken_20260502.csv", without + "100;02-04-2026;huurder;etentje\n"
    )
    warehouse = ingest(home, "w", march, mappings=[mapping])
    [file] = build(path=warehouse, inputs=[again], mappings=[mapping], catalogue=lenient()).files
    assert file.error is not None and "value_eur (1)" in str(file.error), file.error
    [file] = build(path=warehouse, inputs=[april], mappings=[mapping], catalogue=lenient()).files
    assert file.error is None, file.error
    assert sorted(
        query_at(warehouse, "select received_on, value_eur from stg_registers__gifts")
    ) == [
        (dt.date(2026, 3, 3), 60.0),
        (dt.date(2026, 4, 2), None),
    ]


def test_the_count_of_rows_said_to_count_twice_is_of_rows_without_a_number(
    tmp_path: Path,
) -> None:
    """helper-110: two numbered side jobs and one without a number in both exports; the
    numbered ones are replaced by their number, only the third counts twice, and the
    ingest said 3."""
    from tests.test_ingest import run

    home = tmp_path / "home"
    mapping = (
        "dataset: side_jobs\nfiles: ['nevenwerk_*.csv']\n"
        "export_date: {from_name: 'nevenwerk_(\\d{4}-\\d{2}-\\d{2})'}\n"
    )
    rows = "NW-01;e1;05-01-2026;zorg\nNW-02;e2;12-01-2026;bouw\n;e3;20-01-2026;sport\n"
    header = "record_id;employee_key;registered_on;sector\n"
    said = []
    for day, extra in (("2026-02-01", ""), ("2026-03-01", "NW-03;e4;02-02-2026;zorg\n")):
        folder = tmp_path / day
        write(folder / "nevenwerk.mapping.yaml", mapping)
        write(folder / f"nevenwerk_{day}.csv", header + rows + extra)
        [result] = run(home, folder)
        said += [str(n) for n in result.notes]
    assert [n for n in said if "tellen dubbel" in n] == [
        "1 rij(en) staan ook in een eerder ingelezen export en tellen dubbel: zonder "
        "record_id leg in de kolomkoppeling vast welke periode een export beslaat (covers: "
        "month, year of all)"
    ]


def test_numbered_rows_an_earlier_export_holds_unnumbered_are_counted_too(
    tmp_path: Path,
) -> None:
    """helper-111: the newer export numbers two of three rows the older held without a
    number: those two count twice as well (they cannot be matched), and were left out."""
    from tests.test_ingest import run

    home = tmp_path / "home"
    mapping = (
        "dataset: side_jobs\nfiles: ['nevenwerk_*.csv']\n"
        "export_date: {from_name: 'nevenwerk_(\\d{4}-\\d{2}-\\d{2})'}\n"
    )
    header = "record_id;employee_key;registered_on;sector\n"
    body = ";e1;05-01-2026;zorg\n;e2;12-01-2026;bouw\n;e3;20-01-2026;sport\n"
    said = []
    for day, rows in (
        ("2026-02-01", body),
        ("2026-03-01", body.replace(";e1", "NW-01;e1").replace(";e2", "NW-02;e2")),
    ):
        folder = tmp_path / day
        write(folder / "nevenwerk.mapping.yaml", mapping)
        write(folder / f"nevenwerk_{day}.csv", header + rows)
        [result] = run(home, folder)
        said += [str(n) for n in result.notes]
    twice = [n.split(":")[0] for n in said if "dubbel" in n]
    assert twice == [
        "2 rij(en) van dit bestand staan ook, zonder record_id, in een eerder ingelezen "
        "export en tellen dubbel",
        "1 rij(en) staan ook in een eerder ingelezen export en tellen dubbel",
    ], said


def test_a_file_read_again_is_not_said_to_count_over_a_later_export(tmp_path: Path) -> None:
    """helper-112: an undated order export read again (a row waited for its supplier) keeps
    its first moment of ingest, so the later export still counts for the shared orders; the
    ingest said 'hier telt dit bestand'."""
    from tests.test_ingest import ORG, run

    home = tmp_path / "home"
    head = (
        "order_id;ordered_on;supplier_id;amount_eur;org_unit;procedure;quotes_count;requester_key\n"
    )
    orders = "".join(
        f"O{i};0{i}-02-2026;{'S9' if i == 5 else 'S1'};1.000,00;VH-N;raamcontract;1;E1\n"
        for i in range(1, 7)
    )
    first, later = tmp_path / "feb", tmp_path / "mrt"
    write(first / "org_units.csv", ORG)
    write(first / "leveranciers.csv", "supplier_id;name;legal_form\nS1;Een;bv\n")
    write(first / "inkoop_feb.csv", head + orders)
    write(later / "leveranciers.csv", "supplier_id;name;legal_form\nS1;Een;bv\nS9;Negen;bv\n")
    write(later / "inkoop_mrt.csv", head + orders.replace("1.000,00", "2.000,00"))
    run(home, first)
    run(home, later)
    again = [r for r in run(home, first) if r.path.name == "inkoop_feb.csv"]
    said = " ".join(str(n) for r in again for n in r.notes)
    assert "opnieuw gelezen" in said, said
    assert "hier telt dit bestand" not in said, said
    assert "6 sleutel(s) (order_id) ook in een later ingelezen export (" in said, said
    assert "inkoop_mrt.csv); per sleutel telt die" in said, said


@pytest.mark.parametrize(
    ("drop", "said"),
    [
        ("TW-000203", "1 sleutel(s) (allocation_id) uit een oudere export"),
        # the boundary: nothing of the older months missing, nothing said
        (None, None),
    ],
)
def test_a_key_a_newer_export_leaves_out_in_its_months_is_said_to_keep_counting(
    home: Path, tmp_path: Path, drop: str | None, said: str | None
) -> None:
    """helper-115: a corrected year-to-date export without a cancelled order or a
    renumbered one (PO-0131 as PO-0013) counted the old rows on, without a word. The
    ingest says how many keys of an older export in its months it leaves out; months
    the newer one does not hold (the older export's April) are no such key."""
    folder = tmp_path / "in"
    mapping = dated_allocations_mapping(folder)
    older = write(folder / "allocaties_2026-04-01.csv", allocations(range(1, 5)))
    text = allocations(range(1, 4))  # the newer export holds January to March only
    if drop:
        text = "".join(line for line in text.splitlines(True) if not line.startswith(drop))
    newer = write(folder / "allocaties_2026-07-01.csv", text)
    warehouse = ingest(home, "w", older, mappings=[mapping])
    [file] = build(path=warehouse, inputs=[newer], mappings=[mapping], catalogue=lenient()).files
    found = [str(n) for n in file.notes if "uit een oudere export" in str(n)]
    if said is None:
        assert found == [], file.notes
    else:
        assert found and found[0].startswith(f"{said} ({older}) staan in de maanden van"), found
    # helper-116: read the other way round, the older export says which of its keys count
    # from it (the cancelled allocation counted again, without a word)
    warehouse = ingest(home, "w2", newer, mappings=[mapping])
    [file] = build(path=warehouse, inputs=[older], mappings=[mapping], catalogue=lenient()).files
    kept = [str(n) for n in file.notes if "van deze oudere export" in str(n)]
    if said is None:
        assert kept == [], file.notes
    else:
        assert kept == [
            "1 sleutel(s) (allocation_id) van deze oudere export staan in de maanden van de "
            f"nieuwere export {newer} niet in die export (of daar op een afgekeurde regel: zie "
            "de quarantaine), en tellen dus uit deze export: zijn die rijen in de bron "
            "verwijderd of hernummerd, dan tellen ze ten onrechte"
        ]


def test_a_key_left_out_is_said_between_two_files_of_one_run(home: Path, tmp_path: Path) -> None:
    """helper-156: files of one run share their moment of ingest, so neither was older and
    nothing was said; the file name decides their order, as it decides what counts."""
    folder = tmp_path / "in"
    older = write(folder / "allocaties_1.csv", allocations(range(1, 4)))
    newer = write(folder / "allocaties_2.csv", _without(allocations(range(1, 4)), "TW-000203"))
    files = ingest_only(home / "w.duckdb", [folder], catalogue=lenient())
    said = " ".join(str(n) for f in files if f.path == newer for n in f.notes)
    assert f"1 sleutel(s) (allocation_id) uit een oudere export ({older}) staan" in said, said


@pytest.mark.parametrize("older_last", [True, False])
def test_an_older_covering_export_read_last_says_where_it_does_not_count(
    home: Path, tmp_path: Path, older_last: bool
) -> None:
    """helper-115: an older register export read after a newer one said '13 geladen' and
    counted for none of it; it now names the periods and the export that counts there.
    Read in the other order, the newer one says nothing of the kind."""
    folder = tmp_path / "in"
    mapping = write(
        folder / "geschenken.mapping.yaml",
        "dataset: gifts\nfiles: ['geschenken_*.csv']\ncovers: month\n"
        "export_date: {from_name: 'geschenken_(\\d{8})'}\n",
    )
    feb = "99;03-02-2026;huurder;tegoedbon;20;nee;geweigerd\n"
    march = "100;03-03-2026;huurder;tegoedbon;25;nee;geweigerd\n"
    newer = write(folder / "geschenken_20260501.csv", GIFT_HEADER + march)
    older = write(folder / "geschenken_20260401.csv", GIFT_HEADER + feb + march)
    first, last = (newer, older) if older_last else (older, newer)
    warehouse = ingest(home, "w", first, mappings=[mapping])
    [file] = build(path=warehouse, inputs=[last], mappings=[mapping], catalogue=lenient()).files
    found = [str(n) for n in file.notes if "telt niet voor" in str(n)]
    if older_last:  # February is the older export's alone: it counts there
        assert found == [f"deze export telt niet voor 1 periode(n) (03-2026): daar telt {newer}, "
                         "een nieuwere export die die periode(n) ook beslaat"]  # fmt: skip
    else:
        assert found == []


def _without(text: str, *prefixes: str) -> str:
    return "".join(line for line in text.splitlines(True) if not line.startswith(prefixes))


def test_the_newer_export_named_is_the_one_that_holds_the_months_of_the_keys(
    home: Path, tmp_path: Path
) -> None:
    """helper-226: a June export read after December's (without its cancelled TW-000203)
    and a 2026 export was told the key was not in the 2026 one, which holds no month of
    2025; it is December's that leaves it out."""
    folder = tmp_path / "in"
    mapping = dated_allocations_mapping(folder)
    december = write(
        folder / "allocaties_2026-01-05.csv", _without(allocations(range(1, 13)), "TW-000203")
    )
    next_year = allocations(range(1, 12)).replace("-2025;", "-2026;").replace("TW-", "TX-")
    later = write(folder / "allocaties_2026-12-01.csv", next_year)
    june = write(folder / "allocaties_2025-07-01.csv", allocations(range(1, 7)))
    warehouse = ingest(home, "w", december, later, mappings=[mapping])
    [file] = build(path=warehouse, inputs=[june], mappings=[mapping], catalogue=lenient()).files
    kept = [str(n) for n in file.notes if "van deze oudere export" in str(n)]
    assert len(kept) == 1 and f"nieuwere export {december} niet" in kept[0], file.notes


def test_dropped_keys_are_counted_once_and_named_by_the_export_they_count_from(
    home: Path, tmp_path: Path
) -> None:
    """helper-116: a key in two older exports was counted twice ('2 sleutel(s)' for one)
    and named by the oldest, not by the export whose row counts."""
    folder = tmp_path / "in"
    mapping = dated_allocations_mapping(folder)
    first = write(folder / "allocaties_2026-04-01.csv", allocations(range(1, 4)))
    second = write(folder / "allocaties_2026-05-01.csv", allocations(range(1, 4), {203: "2"}))
    newest = write(
        folder / "allocaties_2026-07-01.csv", _without(allocations(range(1, 4)), "TW-000203")
    )
    warehouse = ingest(home, "w", first, second, mappings=[mapping])
    [file] = build(path=warehouse, inputs=[newest], mappings=[mapping], catalogue=lenient()).files
    found = [str(n) for n in file.notes if "uit een oudere export" in str(n)]
    assert found and found[0].startswith(
        f"1 sleutel(s) (allocation_id) uit een oudere export ({second}) staan"
    ), found


@pytest.mark.parametrize(
    ("covers", "dropped"),
    [
        ("", "G5"),
        ("covers: month\n", "G5"),
        # helper-122: a month's last record was not said
        ("", "G6"),
    ],
)
def test_a_numbered_registers_dropped_record_is_said(
    home: Path, tmp_path: Path, covers: str, dropped: str
) -> None:
    """helper-121: a side job deleted from the register (left out of May's export, with
    record ids) kept counting from March's, without a word; covers or not, a numbered
    row is matched by its number. Rows without a number are no dropped key."""
    folder = tmp_path / "in"
    mapping = write(
        folder / "g.mapping.yaml",
        "dataset: gifts\nfiles: ['geschenken_*.csv']\n"
        f"export_date: {{from_name: 'geschenken_(\\d{{8}})'}}\n{covers}",
    )
    head = "record_id;employee_key;received_on;value_eur\n"
    rows = [f"G{n};E{n};{n:02d}-03-2026;25\n" for n in range(1, 7)] + [";E9;09-03-2026;30\n"]
    rows += ["G7;E7;15-04-2026;25\n", "G8;E8;02-05-2026;25\n"]
    march = write(folder / "geschenken_20260520.csv", head + "".join(rows))
    kept = [r for r in rows if not r.startswith(f"{dropped};")]
    may = write(folder / "geschenken_20260531.csv", head + "".join(kept))
    warehouse = ingest(home, "w", march, mappings=[mapping])
    [file] = build(path=warehouse, inputs=[may], mappings=[mapping], catalogue=lenient()).files
    found = [str(n) for n in file.notes if "uit een oudere export" in str(n)]
    assert found == [
        f"1 sleutel(s) (record_id) uit een oudere export ({march}) staan in de maanden van "
        "deze nieuwere export niet in die export, en tellen dus nog mee uit die oudere: zijn "
        "die rijen in de bron verwijderd of hernummerd (een verbeterde export), dan tellen ze "
        "ten onrechte; een export kan nog niet als volledig voor zijn maanden gelden"
    ], file.notes


@pytest.mark.parametrize(
    ("dataset", "header", "rows", "keys"),
    [
        (
            "hr_aggregates",
            "month;org_unit;garnishment_count;social_worker_referrals\n",
            [f"{m}-2026;{u};2;1\n" for m in ("01", "02") for u in ("WH", "VH", "VH-N", "VH-Z")],
            "org_unit, month",
        ),
        (
            "feedback_360",
            "manager_key;period;integrity_score;n_raters\n",
            [f"M{n};01-2026;4,1;6\n" for n in range(1, 7)],
            "manager_key, period",
        ),
        (
            "vehicle_use",
            "employee_key;year;private_km\n",
            [f"E{n};2025;{100 * n}\n" for n in range(1, 7)],
            "employee_key, year",
        ),
    ],
)
def test_a_key_a_newer_export_leaves_out_is_said_for_units_managers_and_cars(
    home: Path, tmp_path: Path, dataset: str, header: str, rows: list[str], keys: str
) -> None:
    """helper-190 D6: a newer export without five unit-months of garnishments, five
    managers' 360 rounds or three cars' kilometres kept the older rows counting, and
    nothing was said (per key the newest export counts: a key it leaves out counts on)."""
    older = write(tmp_path / "a" / f"{dataset}.csv", header + "".join(rows))
    newer = write(tmp_path / "b" / f"{dataset}.csv", header + "".join(rows[:-1]))
    warehouse = ingest(home, "w", write(tmp_path / "org" / "org_units.csv", ORG), older)
    [file] = build(path=warehouse, inputs=[newer], catalogue=lenient()).files
    found = [str(n) for n in file.notes if "uit een oudere export" in str(n)]
    assert found and found[0].startswith(f"1 sleutel(s) ({keys}) uit een oudere export"), file.notes


def test_an_export_of_two_months_corrections_leaves_out_no_month_between(
    home: Path, tmp_path: Path
) -> None:
    """helper-123: compared over its whole period, January's and March's corrections were
    said to leave out all of February's allocations. A month it does not hold is not
    compared (nor, so, a record deleted alone in its month)."""
    folder = tmp_path / "in"
    mapping = dated_allocations_mapping(folder)
    quarter = write(folder / "allocaties_2026-04-01.csv", allocations(range(1, 4)))
    lines = allocations(range(1, 4)).splitlines(True)
    text = lines[0] + "".join(lines[1:17]) + "".join(lines[33:49])  # January and March
    fixes = write(folder / "allocaties_2026-04-15.csv", text)
    warehouse = ingest(home, "w", quarter, mappings=[mapping])
    [file] = build(path=warehouse, inputs=[fixes], mappings=[mapping], catalogue=lenient()).files
    assert not [n for n in file.notes if "uit een oudere export" in str(n)], file.notes


@pytest.mark.parametrize("kind", ["changes only", "other days"])
def test_a_newer_export_of_other_rows_is_no_dropped_key(
    home: Path, tmp_path: Path, kind: str
) -> None:
    """helper-116: an export of a few changed rows (or another department's) and a window
    of other days (15 February to 14 July after 15 January to 14 June) are no
    re-export: what they do not hold was never theirs, and nothing is said."""
    folder = tmp_path / "in"
    mapping = dated_allocations_mapping(folder)
    older = write(folder / "allocaties_2026-04-01.csv", allocations(range(1, 5)))
    if kind == "changes only":
        lines = allocations(range(1, 2)).splitlines(True)
        text = lines[0] + lines[1] + lines[16]  # January's first and last of sixteen
    else:  # the first 8 days of January left out, May added
        text = _without(allocations(range(1, 6)), *(f"TW-0001{n:02d}" for n in range(8)))
    newer = write(folder / "allocaties_2026-07-01.csv", text)
    warehouse = ingest(home, "w", older, mappings=[mapping])
    [file] = build(path=warehouse, inputs=[newer], mappings=[mapping], catalogue=lenient()).files
    assert not [n for n in file.notes if "uit een oudere export" in str(n)], file.notes


def test_a_superseded_period_is_one_a_newer_covering_export_covers(
    home: Path, tmp_path: Path
) -> None:
    """helper-117: an export without covers read before a covering one was said to
    count for March (it replaces nothing: both count there), and an older year export
    was said not to count for all 2026 where a newer month export covers March alone."""
    folder = tmp_path / "in"
    loose = write(
        tmp_path / "los" / "gifts.csv",
        GIFT_HEADER + "100;15-03-2026;huurder;reis;25;nee;geweigerd\n",
    )
    write(
        folder / "maand.mapping.yaml",
        "dataset: gifts\nfiles: ['maand_*.csv']\ncovers: month\n"
        "export_date: {from_name: 'maand_(\\d{8})'}\n",
    )
    year = write(
        folder / "jaar.mapping.yaml",
        "dataset: gifts\nfiles: ['jaar_*.csv']\ncovers: year\n"
        "export_date: {from_name: 'jaar_(\\d{8})'}\n",
    )
    rows = "".join(f"10{m};1{m}-0{m}-2026;huurder;reis;2{m};nee;geweigerd\n" for m in (1, 2, 3))
    month = write(folder / "maand_20260410.csv", GIFT_HEADER + rows.splitlines(True)[2])
    older = write(folder / "jaar_20260401.csv", GIFT_HEADER + rows)
    maps = [folder / "maand.mapping.yaml", year]
    warehouse = ingest(home, "w", loose, month, mappings=maps)
    [file] = build(path=warehouse, inputs=[older], mappings=maps, catalogue=lenient()).files
    found = [str(n) for n in file.notes if "telt niet voor" in str(n)]
    assert found == [
        f"deze export telt niet voor 1 periode(n) (03-2026): daar telt {month}, een nieuwere "
        "export die die periode(n) ook beslaat"
    ]


def test_an_export_per_district_is_no_re_export_of_the_others(home: Path, tmp_path: Path) -> None:
    """helper-117: a district's own allocation export after one of all districts was
    said to leave out the other district's allocations; within its district a missing
    one is still said."""
    folder = tmp_path / "in"
    mapping = dated_allocations_mapping(folder)
    lines = allocations(range(1, 3)).splitlines(True)
    districts = [lines[0]] + [
        line.replace(";Centrum;", ";Noord;" if i % 2 else ";Zuid;")
        for i, line in enumerate(lines[1:])
    ]
    older = write(folder / "allocaties_2026-04-01.csv", "".join(districts))
    noord = [line for line in districts[1:] if ";Noord;" in line]
    for dropped, said in ((0, False), (1, True)):
        kept = noord[:3] + noord[3 + dropped :]  # a January allocation in the middle left out
        newer = write(
            folder / f"allocaties_2026-07-0{dropped + 1}.csv", districts[0] + "".join(kept)
        )
        warehouse = ingest(home, f"d{dropped}", older, mappings=[mapping])
        [file] = build(
            path=warehouse, inputs=[newer], mappings=[mapping], catalogue=lenient()
        ).files
        found = [str(n) for n in file.notes if "uit een oudere export" in str(n)]
        assert bool(found) == said, file.notes
        if said:
            assert found[0].startswith("1 sleutel(s) (allocation_id) uit een oudere export")


def test_what_is_as_it_should_be_is_said_without_let_op(home: Path, tmp_path: Path) -> None:
    """helper-121: each month's year-to-date export was told 'let op: N sleutel(s) ... per
    sleutel telt de rij uit de export met de nieuwste exportdatum', a warning for what
    is right, 30 times a year; a warning stays one."""
    folder = tmp_path / "in"
    mapping = dated_allocations_mapping(folder)
    april = write(folder / "allocaties_2026-04-30.csv", allocations(range(1, 5)))
    may = write(folder / "allocaties_2026-05-31.csv", allocations(range(1, 6)))
    march = write(folder / "allocaties_2026-03-31.csv", allocations(range(1, 4)))
    warehouse = ingest(home, "w", april, mappings=[mapping])
    [newer] = build(path=warehouse, inputs=[may], mappings=[mapping], catalogue=lenient()).files
    assert "\n  64 sleutel(s) (allocation_id) ook in een eerder ingelezen export; per " in (
        newer.summary()
    ), newer.summary()
    [older] = build(path=warehouse, inputs=[march], mappings=[mapping], catalogue=lenient()).files
    assert (
        "\n  let op: 48 sleutel(s) (allocation_id) ook in een eerder ingelezen export; voor "
        in (older.summary())
    ), older.summary()


def test_a_tie_names_the_other_export_and_which_one_counts_now(home: Path, tmp_path: Path) -> None:
    """helper-198: 'ook in een eerder ingelezen export met dezelfde exportdatum' named
    neither the other export nor which of the two counts."""
    folder = tmp_path / "in"
    mapping = dated_allocations_mapping(folder)
    first = write(folder / "allocaties_2026-05-28.csv", allocations(range(1, 2)))
    warehouse = ingest(home, "w", first, mappings=[mapping])
    again = write(folder / "b" / "allocaties_2026-05-28.csv", allocations(range(1, 2), {105: "4"}))
    [file] = build(path=warehouse, inputs=[again], mappings=[mapping], catalogue=lenient()).files
    [said] = [str(n) for n in file.notes if "dezelfde exportdatum" in n.text()]
    assert f"met dezelfde exportdatum 28-05-2026 ({first}): geen van beide" in said, said
    assert "welke telt, nu deze;" in said, said
    # helper-236 5: where the export date is the month's (from_export_date), another date
    # moves the month; withdrawing the other is the way out, named by its code
    [(code,)] = query_at(
        warehouse, f"select content_hash from ingest_log where source_file = '{first}'"
    )
    assert f"(de andere: radar withdraw {code[:8]} --by NAAM)" in said, said


def test_a_file_edited_since_its_ingest_says_its_earlier_version_stays(
    home: Path, tmp_path: Path
) -> None:
    """helper-198: an export edited after its ingest (rows deleted) was told its deleted
    rows counted on 'uit een oudere export' that was its own path. Its earlier version is
    named by its moment and code, with the way out."""
    folder = tmp_path / "in"
    mapping = dated_allocations_mapping(folder)
    path = write(folder / "allocaties_2026-05-28.csv", allocations(range(1, 2)))
    warehouse = ingest(home, "w", path, mappings=[mapping])
    [(code,)] = query_at(warehouse, "select content_hash from ingest_log")
    write(path, allocations(range(1, 2), {105: "4"}))
    [file] = build(path=warehouse, inputs=[path], mappings=[mapping], catalogue=lenient()).files
    [said] = [str(n) for n in file.notes if "met een andere inhoud" in n.text()]
    assert said.startswith("dit bestand is op "), said
    assert f"(code {code[:8]})" in said and f"radar withdraw {code[:8]} --by NAAM" in said
    other = write(folder / "allocaties_2026-05-29.csv", allocations(range(1, 2)))  # another
    [file] = build(path=warehouse, inputs=[other], mappings=[mapping], catalogue=lenient()).files
    assert not [n for n in file.notes if "met een andere inhoud" in n.text()]


def test_a_reference_loaded_later_names_the_files_that_wait_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """helper-198: orders read before their supplier waited in quarantine; the run that
    loaded the supplier said nothing of them, and they stayed out until read again. The
    reference's file names them and the way in; a run that unblocks nothing new, or a
    file of that run itself (read again: references_loaded), says nothing of it."""
    from tests.test_ingest import run

    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    home = tmp_path / "home"
    head = (
        "order_id;ordered_on;supplier_id;amount_eur;org_unit;procedure;quotes_count;requester_key\n"
    )
    orders = "".join(
        f"O{i};0{i}-02-2026;S{i % 2};1.000,00;VH-N;raamcontract;1;E1\n" for i in range(1, 5)
    )
    write(tmp_path / "a" / "org_units.csv", ORG)
    write(tmp_path / "a" / "leveranciers.csv", "supplier_id;name;legal_form\nS0;Nul;bv\n")
    orders_file = write(tmp_path / "a" / "inkoop.csv", head + orders)
    run(home, tmp_path / "a")
    both = "supplier_id;name;legal_form\nS0;Nul;bv\nS1;Een;bv\n"
    [result] = run(home, write(tmp_path / "b" / "leveranciers.csv", both))
    [said] = [str(n) for n in result.notes if "wachtten op" in str(n)]
    assert said.startswith(
        "2 regel(s) in quarantaine van eerder ingelezen bestanden wachtten op een leverancier "
        f"of organisatie-eenheid die nu is ingelezen: {orders_file}."
    ), said
    [result] = run(home, write(tmp_path / "c" / "leveranciers.csv", both + "S2;Twee;bv\n"))
    assert not [n for n in result.notes if "wachtten op" in str(n)]  # nothing new


@pytest.mark.parametrize(
    ("newer_months", "kept", "said"),
    [
        (range(1, 5), 0, True),  # Noord's last row left out
        (range(1, 4), 0, False),
        (range(1, 5), 1, True),  # its first: the export's first day is in January
    ],
)
def test_a_units_last_row_left_out_before_the_exports_last_day_is_said(
    home: Path, tmp_path: Path, newer_months: range, kept: int, said: bool
) -> None:
    """helper-236: a cost centre's invoice of 31 March, left out of a re-export up to
    April whose other rows of that centre ended on 25 March, kept counting without a
    word: each unit's last month was compared up to its own last row. It is compared up
    to the export's last day in any unit (within the month); where the export itself
    ends before the row (Centrum to 17 March), the row may be after it, and nothing is
    said."""
    folder = tmp_path / "in"
    mapping = dated_allocations_mapping(folder)
    noord = [
        f"TW-90000{n};{day}-03-2025;VHE90000{n};Noord;regulier;1;ja;700;900;nee;nee\n"
        for n, day in ((0, 10), (1, 28))
    ]
    older = write(folder / "allocaties_2025-04-01.csv", allocations(range(1, 4)) + "".join(noord))
    newer = write(
        folder / "allocaties_2025-05-01.csv", allocations(newer_months) + noord[kept]
    )  # the other left out
    warehouse = ingest(home, "w", older, mappings=[mapping])
    [file] = build(path=warehouse, inputs=[newer], mappings=[mapping], catalogue=lenient()).files
    found = [str(n) for n in file.notes if "uit een oudere export" in str(n)]
    assert bool(found) is said, file.notes
    if said:
        assert found[0].startswith("1 sleutel(s) (allocation_id) uit een oudere export")


def test_an_edited_file_read_under_a_new_mapping_is_still_said(home: Path, tmp_path: Path) -> None:
    """helper-238: an earlier version was told apart by its mapping too (for a
    workbook's other sheets), so a register edited after its ingest and read again
    under a mapping added since said nothing, and its deleted gift kept counting. Only
    another sheet of the same bytes is no earlier version."""
    folder = tmp_path / "in"
    rows = [f"10{n};1{n}-03-2026;huurder;reis;2{n};nee;geweigerd\n" for n in (1, 2)]
    path = write(folder / "geschenken.csv", GIFT_HEADER + "".join(rows))
    warehouse = ingest(home, "w", path)
    write(path, GIFT_HEADER + rows[0])
    mapping = write(folder / "g.mapping.yaml", "dataset: gifts\nfiles: [geschenken.csv]\n")
    [file] = build(path=warehouse, inputs=[path], mappings=[mapping], catalogue=lenient()).files
    assert [n for n in file.notes if "met een andere inhoud" in n.text()], file.notes
