"""A workbook's number cell whose own number format writes text around the number
(``"TW-"000000`` shows 101 as ``TW-000101``): a text column of the contract (a key, a
code) reads it as Excel shows it, every other column as its number.

helper-144: allocation ids stored as numbers in that format were read as 1 ... 10, so a
year-to-date workbook counted every allocation of the CSV export that wrote TW-000001 a
second time. helper-145: reading the text in every column refused a year shown as
``"Jaar "0`` or kilometres as ``"km "0``, which were read right before. So the reader
keeps the number (a ShownCell is a NumberCell) with what its format shows beside it
(readers.CellFacts.shown_cells, per column and line), and read_text_cells, once the
file's columns are known, puts the shown text in the text columns alone.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd

from pipelines.ingest.cell_texts import NumberCell
from pipelines.ingest.quality.base import DatasetSpec
from pipelines.ingest.source_table import SourceTable, _new_name


class ShownCell(NumberCell):
    """A number cell's number (``101``), with the text its format shows (``TW-000101``)."""

    shown: str

    def __new__(cls, number: str, shown: str) -> ShownCell:
        cell = super().__new__(cls, number)
        cell.shown = shown
        return cell


def frame_table(
    con: duckdb.DuckDBPyConnection, source: SourceTable, frame: pd.DataFrame, prefix: str
) -> str:
    """``frame`` as a temporary table, dropped with ``source``; its name."""
    table = _new_name(prefix)
    con.register(table + "_df", frame)
    try:
        con.execute(f"create temp table {table} as select * from {table}_df")
    finally:
        con.unregister(table + "_df")
    source.owned.append(("table", table))
    return table


def read_text_cells(
    con: duckdb.DuckDBPyConnection, source: SourceTable, spec: DatasetSpec, rename: dict[str, str]
) -> None:
    """``source`` with each ShownCell of a text column as its shown text, no longer
    flagged a number (it is the text the export shows, not a number that lost its
    zeros: recognise.numbers_in_text_columns)."""
    types = {c.name: c.type for c in spec.columns}
    shown = source.facts.shown_cells
    columns = {
        i: header
        for header, canonical in rename.items()
        if types.get(canonical) == "text" and (i := source.header.index(header)) in shown
    }
    if not columns:
        return
    lines = sorted({n for i in columns for n in shown[i]})
    frame = pd.DataFrame(
        {"_line": lines, **{f"t{i}": [shown[i].get(n) for n in lines] for i in columns}}
    )
    table = frame_table(con, source, frame, "shown")

    def parts(relation: str) -> str:
        present = set(con.table(relation).columns)
        made = []
        for i in columns:
            made.append(f"coalesce(t.t{i}, s.c{i}) as c{i}")
            if f"n{i}" in present:
                made.append(f"s.n{i} and t.t{i} is null as n{i}")
        return ", ".join(made)

    replace_by_line(con, source, table, parts, "shown")


def rewrite_cells(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    prefix: str,
    select: str,
    params: list | None = None,
) -> None:
    """``source``'s rows and cells each as a table of ``select`` over ``{table}``, the
    relation (a copy per table: the rows and their cells may be one)."""
    made: dict[str, str] = {}
    for attr in ("name", "cells"):
        table = getattr(source, attr)
        if table not in made:
            made[table] = _new_name(prefix)
            relation = select.replace("{table}", table)
            con.execute(f"create temp table {made[table]} as {relation}", params)
            source.owned.append(("table", made[table]))
        setattr(source, attr, made[table])


def replace_by_line(
    con: duckdb.DuckDBPyConnection,
    source: SourceTable,
    table: str,
    parts: Callable[[str], str],
    prefix: str,
) -> None:
    """``source``'s rows and cells each as a view with ``parts(relation)`` (a select's
    replace list over ``s``, the relation, and ``t``, ``table`` joined by line)."""
    for attr in ("name", "cells"):
        relation = getattr(source, attr)
        view = _new_name(prefix)
        con.execute(
            f"create temp view {view} as select s.* replace ({parts(relation)}) "
            f"from {relation} as s left join {table} as t on t._line = s._line"
        )
        source.owned.append(("view", view))
        setattr(source, attr, view)
