"""The SQL models under pipelines/build/sql, found on disk and run in dependency order.

One model per file; the file name is the table name. Layers: ``staging/`` (stg_: rename
and cast), ``intermediate/`` (int_: indicators per unit and period) and ``marts/``
(fct_/dim_/report_: the only tables the dashboard and exports read). A model depends on
every other model whose name it mentions; a model may not read from a later layer.

A model is a table, or a view when its file says so on a line of its own
(``-- materialized: view``): a model that only puts other tables side by side, which
writing out would cost more than its readers save (int_indicators__contributions). A
mart is always a table (the dashboard reads the published file, without the build's
functions), and so is any model that calls them.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from types import ModuleType

import duckdb

from pipelines.build.function_names import NAMES
from pipelines.core.clock import HERE
from pipelines.core.texts import Message, MessageError

SQL_DIR = Path(__file__).resolve().parent / "sql"
LAYERS = ("staging", "intermediate", "marts")
MART_PREFIXES = ("fct_", "dim_", "report_")
MODEL_PREFIXES = ("stg_", "int_", *MART_PREFIXES)  # every model's table, by its layer
# A model's kind: one line of its own, written so; a comment that begins with the word
# and a colon written otherwise (another case or spelling, more on the line, /* */) is
# refused rather than read as a table (helper-127).
MATERIALIZED = re.compile(r"^-- materialized: (table|view)\r?$", re.MULTILINE)
MENTIONED = re.compile(r"^[ \t]*(?:--|/\*)[ \t]*materiali[sz]ed[ \t]*:.*$", re.M | re.I)
# How many models run at once (run_models): the development VM's two cores.
THREADS = 2
# The statistical functions, as identifiers() gives a call of one (in any case, quoted
# or not; a model that names one otherwise waits for them too)
FUNCTION_NAMES = frozenset(NAMES)


class ModelError(MessageError, RuntimeError):
    """A model that cannot run: the message names the file and the reason (str(): Dutch;
    text(lang))."""


def _said(key: str, **values: object) -> Message:
    return Message(f"model.{key}", locale_file="errors", **values)


@dataclass(frozen=True)
class Model:
    name: str
    layer: str
    path: Path
    sql: str
    depends_on: frozenset[str]
    kind: str = "table"  # or "view" (-- materialized: view)


@functools.lru_cache(maxsize=512)  # as identifiers: the same files in every build
def _kind(name: str, path: Path, sql: str) -> str:
    """The model's kind: a table, or a view when its file says ``-- materialized: view``;
    refused: any other way of saying it, two kinds, and a mart (by its name) as a view."""
    said = set(MATERIALIZED.findall(sql))
    lines = [m.group(0) for m in MENTIONED.finditer(sql)]
    odd = [ln for ln in lines if not MATERIALIZED.fullmatch(ln)]
    if odd or len(said) > 1:
        raise ModelError(_said("kind_written", path=path, line=(odd or lines)[0].strip()))
    kind = said.pop() if said else "table"
    if kind == "view" and name.startswith(MART_PREFIXES):
        raise ModelError(_said("kind", path=path, kind=kind))
    return kind


@functools.lru_cache(maxsize=512)
def identifiers(sql: str) -> frozenset[str]:
    """The names ``sql`` uses (tables, columns, functions), lower-case and unquoted, as
    DuckDB's own tokenizer reads them: none from a comment or a string. Kept per text:
    a build reads the same 96 files twice (and a test run in hundreds of builds), and
    tokenizing them was most of discover_models' 15 ms (2.5 ms with _kind kept too;
    ``python -m timeit``, README Performance)."""
    tokens = duckdb.tokenize(sql)
    ends = [start for start, _ in tokens[1:]] + [len(sql)]
    return frozenset(
        {
            sql[start:end].strip().strip('"').lower()
            for (start, kind), end in zip(tokens, ends, strict=True)
            if kind == duckdb.token_type.identifier
        }
    )


def discover_models(sql_dir: Path = SQL_DIR) -> list[Model]:
    """Every model on disk, in an order where each comes after what it reads."""
    files = {
        p.stem: (layer, p) for layer in LAYERS for p in sorted((sql_dir / layer).glob("*.sql"))
    }
    models: dict[str, Model] = {}
    for name, (layer, path) in files.items():
        sql = path.read_text(encoding="utf-8")
        # a model's name as a name in the code, in any case and quoted or not (not in a
        # comment or a string): models run two at a time, so a model read but not found
        # here would be read as the last build left it (helper-242)
        words = identifiers(sql)
        deps = frozenset(other for other in files if other != name and other in words)
        for dep in deps:
            if LAYERS.index(files[dep][0]) > LAYERS.index(layer):
                other = files[dep][0]
                raise ModelError(_said("layer", path=path, layer=layer, other=other, dep=dep))
        if layer == "marts" and not name.startswith(MART_PREFIXES):
            raise ModelError(_said("mart_name", path=path, prefixes=MART_PREFIXES))
        models[name] = Model(name, layer, path, sql, deps, _kind(name, path, sql))
    try:
        order = list(
            TopologicalSorter({m.name: m.depends_on for m in models.values()}).static_order()
        )
    except CycleError as exc:
        raise ModelError(_said("cycle", cycle=exc.args[1])) from None
    return [models[n] for n in order]


def run_models(
    con: duckdb.DuckDBPyConnection, models: list[Model] | None = None, *, threads: int = THREADS
) -> list[str]:
    """Materialise every model as a table (a view: Model.kind); returns the names in the
    order of ``models`` (by default every model on disk, in dependency order).

    Up to ``threads`` models run at once, each on a cursor of its own, as soon as every
    model it reads has committed: DuckDB runs a statement's plan outside Python's lock,
    and most models are too small to keep both cores busy on their own (a rebuild of the
    large demo, `radar build --timings`, four of each in turns: the models 6.0 s one at
    a time, 5.4 s two at a time; a third thread gained nothing). The
    statistical functions a few models call (pipelines/build/stats.py) load beside the
    models that call none: importing scipy takes most of a second, and only the models
    that call them wait for it. A model that fails stops the rest (those already running
    finish, and those before it in this order start) and raises ModelError for the first
    failed one in this order. The models run on cursors of ``con``: they see what it has
    committed, not its open transaction, temporary tables or registered frames.

    Each model commits on its own: one transaction over all of them was tried (a tenth to
    a third quicker on a small warehouse, nothing measurable on the large demo) and left a
    rebuilt warehouse a third larger on disk (DuckDB keeps every replaced table until the
    one commit) and a failure at that commit outside ModelError. The exact limits' memo is
    read from the warehouse before and kept in it after (stats.recall, stats.keep)."""
    # current_date (an overdue review, a report's deadline, a file's age) is the Dutch
    # date, as clock.today_here: DuckDB's default zone is the machine's (a setting of the
    # connection, so of each cursor too)
    zone = f"set TimeZone = '{HERE.key}'"
    con.execute(zone)
    every = discover_models()
    chosen = list(models if models is not None else every)
    calling = {m.name for m in chosen if identifiers(m.sql) & FUNCTION_NAMES}
    for model in chosen:
        if model.kind == "view" and model.name in calling:
            # the dashboard reads the published file without the build's functions
            raise ModelError(_said("view_udf", path=model.path))
    run = _Run(con, zone, existing(con))
    pool = ThreadPoolExecutor(max(threads, 1), thread_name_prefix="radar-models")
    functions = pool.submit(_load_functions, con) if calling else None
    try:
        ran = run.all(pool, chosen, calling, functions, max(threads, 1))
    except BaseException:
        # a second Ctrl-C must not cut this wait short (a Thread.join interrupted returns
        # at once after: CPython gh-90882), or the cursors close under running models
        # (helper-242: an abort); signals can only be set in the main thread
        main = threading.current_thread() is threading.main_thread()
        before = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            run.interrupt()
            pool.shutdown(wait=True, cancel_futures=True)
        finally:
            if main:
                signal.signal(signal.SIGINT, before)
        if functions is not None and functions.done() and not functions.cancelled():
            if functions.exception() is None:
                functions.result().forget_used()
        raise
    finally:
        pool.shutdown(wait=True)
        run.close()
    whole = {m.name for m in chosen} >= {m.name for m in every}
    if functions is not None:
        functions.result().keep(con, replace=whole)
    if whole:
        drop_stale_models(con, every)
    return ran


def _load_functions(con: duckdb.DuckDBPyConnection) -> ModuleType:
    """Import the statistical functions (scipy), register them on ``con`` and read the
    limits the last build searched (stats.MEMO_TABLE); returns the module."""
    from pipelines.build import stats

    stats.register(con)
    stats.recall(con)
    return stats


class _Run:
    """The models of one run_models call: a cursor per thread, and what each has done."""

    def __init__(self, con: duckdb.DuckDBPyConnection, zone: str, kinds: dict[str, str]):
        self._con = con
        self._zone = zone
        self._kind_of = kinds
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._lock = threading.Lock()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            with self._lock:
                cursor = self._con.cursor()
                self._cursors.append(cursor)
            cursor.execute(self._zone)
            self._local.cursor = cursor
        return cursor

    def one(self, model: Model) -> None:
        """Create or replace ``model`` (dropped first when it was the other kind)."""
        cursor = self._cursor()
        body = model.sql.strip().rstrip(";")
        try:
            other = self._kind_of.get(model.name)
            if other is not None and other != model.kind:  # a table now a view, or back
                cursor.execute(f'drop {other} "{model.name}"')
            cursor.execute(f"create or replace {model.kind} {model.name} as\n{body}")
        except duckdb.Error as exc:
            raise ModelError(_said("failed", path=model.path, error=exc)) from None
        self._kind_of[model.name] = model.kind

    def all(
        self,
        pool: ThreadPoolExecutor,
        chosen: list[Model],
        calling: set[str],
        functions: Future | None,
        at_once: int,
    ) -> list[str]:
        """Run ``chosen``, each once the models of ``chosen`` it reads are done and, when
        it calls a statistical function, once ``functions`` has loaded them."""
        place = {m.name: i for i, m in enumerate(chosen)}
        waits = {m.name: set(m.depends_on) & place.keys() for m in chosen}
        pending = list(chosen)
        running: dict[Future, str] = {}
        done: set[str] = set()
        failed: list[tuple[int, BaseException]] = []
        while True:
            loaded = functions is None or (functions.done() and not functions.exception())
            # after a failure, only the models before it in the order still start (as
            # one at a time would have run them): the first failed one is then named
            first = min((at for at, _ in failed), default=len(place))
            for model in [m for m in pending if place[m.name] < first]:
                if len(running) >= at_once:
                    break
                if not waits[model.name] and (loaded or model.name not in calling):
                    running[pool.submit(self.one, model)] = model.name
                    pending.remove(model)
            watched = set(running)
            if functions is not None and not functions.done():
                watched.add(functions)
            if not watched:
                break
            for future in wait(watched, return_when=FIRST_COMPLETED).done:
                if future is functions:
                    if future.exception() is not None:
                        failed.append((-1, future.exception()))
                    continue
                name = running.pop(future)
                if future.exception() is not None:
                    failed.append((place[name], future.exception()))
                    continue
                done.add(name)
                for waiting in waits.values():
                    waiting.discard(name)
        if failed:
            raise min(failed, key=lambda f: f[0])[1]
        if pending:  # waiting for themselves (a list of models made by hand)
            cycle = " -> ".join(m.name for m in pending)
            raise ModelError(_said("cycle", cycle=cycle))
        return [m.name for m in chosen if m.name in done]

    def interrupt(self) -> None:
        """Stop the statements running on the cursors (Ctrl-C during a build)."""
        with self._lock:
            for cursor in self._cursors:
                cursor.interrupt()

    def close(self) -> None:
        with self._lock:
            for cursor in self._cursors:
                cursor.close()


def drop_stale_models(con: duckdb.DuckDBPyConnection, every: list[Model]) -> None:
    """Drop the tables (and views) of models no longer on disk (a model renamed or removed
    in an upgrade), named as a model is (stg_, int_, fct_, dim_, report_): nothing reruns them,
    so they would keep what they held for good (helper-125: int_indicators__periods kept
    the survey rows of an export withdrawn since)."""
    models = {m.name for m in every}
    for name, kind in existing(con).items():
        if name.startswith(MODEL_PREFIXES) and name not in models:
            con.execute(f'drop {kind} "{name}"')


def existing(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The tables and views of the warehouse's main schema: "table" or "view" by name."""
    return dict(
        con.execute(
            "select table_name, 'table' from duckdb_tables() where schema_name = 'main'"
            " and database_name = current_database() union all "
            "select view_name, 'view' from duckdb_views() where schema_name = 'main'"
            " and database_name = current_database() and not internal"
        ).fetchall()
    )


def published_marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = 'main'"
    ).fetchall()
    return sorted(r[0] for r in rows if r[0].startswith(MART_PREFIXES))
