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

import re
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import duckdb

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


def discover_models(sql_dir: Path = SQL_DIR) -> list[Model]:
    """Every model on disk, in an order where each comes after what it reads."""
    files = {
        p.stem: (layer, p) for layer in LAYERS for p in sorted((sql_dir / layer).glob("*.sql"))
    }
    models: dict[str, Model] = {}
    for name, (layer, path) in files.items():
        sql = path.read_text(encoding="utf-8")
        code = re.sub(r"--[^\n]*", "", sql)
        # a model's name is a whole word of the code (the same as searching \bname\b for
        # every other model, which took half a second of every build)
        words = set(re.findall(r"\w+", code))
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


def run_models(con: duckdb.DuckDBPyConnection, models: list[Model] | None = None) -> list[str]:
    """Materialise every model as a table (a view: Model.kind); returns the names in the
    order they ran. The statistical functions the models call (pipelines/build/stats.py)
    are registered first.

    Each model commits on its own: one transaction over all of them was tried (a tenth to
    a third quicker on a small warehouse, nothing measurable on the large demo) and left a
    rebuilt warehouse a third larger on disk (DuckDB keeps every replaced table until the
    one commit) and a failure at that commit outside ModelError. The exact limits' memo is
    read from the warehouse before and kept in it after (stats.recall, stats.keep)."""
    from pipelines.build import stats  # scipy: imported only when models run

    stats.register(con)
    # current_date (an overdue review, a report's deadline, a file's age) is the Dutch
    # date, as clock.today_here: DuckDB's default zone is the machine's
    con.execute(f"set TimeZone = '{HERE.key}'")
    # any case, quoted or not (comments left out): DuckDB's names are case-insensitive
    udf_call = re.compile(r"\b(" + "|".join(stats.FUNCTIONS) + r")\"?\s*\(", re.IGNORECASE)
    every = discover_models()
    chosen = models if models is not None else every
    stats.recall(con)  # the limits the last build searched (stats.MEMO_TABLE)
    kind_of = existing(con)
    ran = []
    try:
        for model in chosen:
            body = model.sql.strip().rstrip(";")
            if model.kind == "view" and udf_call.search(re.sub(r"--[^\n]*", "", model.sql)):
                # the dashboard reads the published file without the build's functions
                raise ModelError(_said("view_udf", path=model.path))
            try:
                other = kind_of.get(model.name)
                if other is not None and other != model.kind:  # a table now a view, or back
                    con.execute(f'drop {other} "{model.name}"')
                con.execute(f"create or replace {model.kind} {model.name} as\n{body}")
                kind_of[model.name] = model.kind
            except duckdb.Error as exc:
                raise ModelError(_said("failed", path=model.path, error=exc)) from None
            ran.append(model.name)
    except BaseException:
        stats.forget_used()
        raise
    whole = {m.name for m in chosen} >= {m.name for m in every}
    stats.keep(con, replace=whole)
    if whole:
        drop_stale_models(con, every)
    return ran


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
