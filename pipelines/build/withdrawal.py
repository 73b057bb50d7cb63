"""`radar withdraw` as one transaction of the build: the loads taken back (or released
with --undo; pipelines/ingest/withdraw.py), the models rerun, and then the files under
RADAR_HOME/raw that hold a withdrawn content moved to RADAR_HOME/withdrawn (a released
one back), so a warehouse built anew from raw/ reads what counts and nothing else. An
org export withdrawn: what the tree then leaves out that it did not before, read from
the staging models (``units_state``, ``units_gone``)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import duckdb

from pipelines.build.builder import raw_dir, refresh
from pipelines.core.catalogue import Catalogue, load_catalogue
from pipelines.core.clock import now_here, utc_now
from pipelines.core.texts import Message
from pipelines.core.warehouse import radar_home, rebuilding, warehouse_path
from pipelines.ingest.loader import ensure_tables
from pipelines.ingest.loads import LOADED, WORKBOOKS, content_key
from pipelines.ingest.withdraw import (
    WITHDRAWN,
    Load,
    Withdrawn,
    check_by,
    find_loads,
    release_loads,
    withdraw_loads,
)


def withdraw(
    names: list[str],
    by: str,
    path: Path | None = None,
    catalogue: Catalogue | None = None,
    *,
    undo: bool = False,
) -> tuple[list[Withdrawn], list[Message]]:
    """Take loaded exports back (`radar withdraw`; pipelines/ingest/withdraw.py), said in
    their log line with when and by whom, and rerun the models, as one transaction; with
    ``undo``, release withdrawn ones to be read again (said in their log line too). A
    name that fits no load, or several, raises NotWithdrawn and leaves the warehouse as
    it was. Then the files under RADAR_HOME/raw that hold a withdrawn content move to
    RADAR_HOME/withdrawn (a released one back), and what is said of them is returned."""
    who = check_by(by)
    now = now_here()
    with rebuilding(path or warehouse_path()) as con:
        ensure_tables(con)
        before = None
        if undo:
            loads = find_loads(con, names, WITHDRAWN)
            done = release_loads(con, loads, now, who)
        else:
            loads = find_loads(con, names)
            # an org export withdrawn: what the tree then leaves out that it did not before
            org = any(load.dataset == "org_units" for load in loads)
            before = units_state(con) if org else None
            done = withdraw_loads(con, loads, now, who)
        refresh(con, catalogue or load_catalogue())
        gone = units_gone(con, before) if before is not None else []
        # a workbook whose other sheet still counts stays whole in raw/
        still = {
            Path(r[0]).resolve()
            for r in con.execute(
                "select distinct source_file from ingest_log where status = ?", [LOADED]
            ).fetchall()
        }
    moved = [
        m for load in loads for m in (_back_to_raw(load) if undo else _out_of_raw(load, still))
    ]
    return done, gone + moved


def _copies(folder: Path, content_hash: str, keep: set[Path] = frozenset()) -> list[Path]:
    """The files under ``folder`` that hold the load: its bytes, or a workbook one sheet
    of which it is (helper-124: a withdrawn one-sheet workbook stayed in raw/ and came
    back in a warehouse built anew); none of ``keep`` (files that still count)."""
    if not folder.is_dir():
        return []
    return sorted(
        f
        for f in folder.rglob("*")
        if f.is_file() and f.resolve() not in keep and _holds(f, content_hash)
    )


def _holds(file: Path, content_hash: str) -> bool:
    try:
        data = file.read_bytes()
    except OSError:
        return False
    if content_key(data, None) == content_hash:
        return True
    if file.suffix.lower() not in WORKBOOKS:
        return False
    from pipelines.ingest.workbooks import open_workbook  # only for a workbook, only here

    try:
        workbook = open_workbook(file, data_only=False)
        names = workbook.sheetnames
        workbook.close()
    except Exception:  # noqa: BLE001 - a file openpyxl cannot open holds no sheet of it
        return False
    return any(content_key(data, SimpleNamespace(sheet=n)) == content_hash for n in names)


def _out_of_raw(load: Load, still: set[Path]) -> list[Message]:
    """Every file under RADAR_HOME/raw with the withdrawn content (a copy under another
    name too; helper-123: the copy brought the month back in a warehouse built anew),
    moved to RADAR_HOME/withdrawn/<moment>/. Only files whose bytes are that content: a
    file since overwritten by newer content, or a workbook of which one sheet was
    withdrawn, stays (helper-123: both were moved, and loaded data lost on a rebuild)."""
    said = []
    raw = raw_dir().resolve()
    copies = _copies(raw, load.content_hash, still)
    for file in copies:
        folder = radar_home() / "withdrawn" / f"{utc_now():%Y%m%d-%H%M%S-%f}"
        try:
            folder.mkdir(parents=True, mode=0o700)
            file.rename(folder / file.name)
        except OSError as exc:
            said.append(_said("not_moved", path=file, error=exc))
            continue
        said.append(_said("moved", path=file, folder=folder))
    source = Path(load.source_file)
    if not copies and source.is_file() and raw in source.resolve().parents:
        said.append(_said("stays", path=source))
    return said


def _back_to_raw(load: Load) -> list[Message]:
    """--undo: a file moved out of raw/ at its withdrawal, back where it was (when that
    place is free), else where it is."""
    said = []
    source = Path(load.source_file)
    for file in _copies(radar_home() / "withdrawn", load.content_hash):
        home = source if raw_dir().resolve() in source.resolve().parents else None
        if home is not None and not home.exists() and file.name == source.name:
            try:
                file.rename(home)
                said.append(_said("moved_back", path=home))
                continue
            except OSError:
                pass
        said.append(_said("still_withdrawn", path=file))
    return said


def _said(key: str, **values: object) -> Message:
    return Message(f"withdraw.{key}", locale_file="ingest", **values)


# The staging models of the datasets whose rows name an org unit: the rows that count
STAGED_UNITS = {
    "employees": "stg_hr__employees",
    "survey_responses": "stg_survey__responses",
    "hr_aggregates": "stg_hr__aggregates",
    "procurement": "stg_procurement__orders",
    "trainings": "stg_trainings__sessions",
}


def units_state(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, tuple[int, list]], set[str]]:
    """What the org tree leaves out, read from the staging models (the rows that count,
    as the figures count them): per unit no unit of the tree holds, how many rows name
    it and of which datasets; and the units whose parent the tree does not hold. Empty
    before the first build (no models yet)."""
    rows = " union all ".join(
        f"select '{d}' as dataset, org_unit_id as unit from {t}" for d, t in STAGED_UNITS.items()
    )
    tree = "(select org_unit_id from stg_hr__org_units where org_unit_id is not null)"
    try:
        named = con.execute(
            f"select unit, count(*), list(distinct dataset) from ({rows}) "
            f"where unit is not null and unit not in {tree} group by unit"
        ).fetchall()
        orphans = con.execute(
            f"select org_unit_id from stg_hr__org_units where parent_unit_id not in {tree}"
        ).fetchall()
    except duckdb.CatalogException:
        return {}, set()
    return {u: (n, ds) for u, n, ds in named}, {u for (u,) in orphans}


def units_gone(
    con: duckdb.DuckDBPyConnection, before: tuple[dict[str, tuple[int, list]], set[str]]
) -> list[Message]:
    """After an org export is withdrawn (and the models rerun): the units the tree no
    longer holds that rows of other exports name, which now count in no unit
    (helper-194: the older org export withdrawn after a reorganisation took three units
    and 899 HR rows out of every figure, unsaid), and the units that now hang under a
    parent the tree does not hold (helper-195: a list of departments without the top,
    the full export withdrawn: every mart empty). Only what this withdrawal changed
    (``before``: units_state then; helper-196: an orphan of a refused row was blamed on
    it), counted as the figures count (helper-196: a survey wave two exports hold)."""
    named, orphans = units_state(con)
    gone = sorted(u for u in named if u not in before[0])
    said = []
    if gone:
        count = sum(named[u][0] for u in gone)
        shown = ", ".join(gone[:5]) + (", ..." if len(gone) > 5 else "")
        datasets = ", ".join(sorted({d for u in gone for d in named[u][1]}))
        said.append(_said("units_gone", count=count, datasets=datasets, units=shown))
    hanging = orphans - before[1]
    if hanging:
        parents = con.execute(
            "select list(distinct parent_unit_id order by parent_unit_id) from stg_hr__org_units"
            " where org_unit_id in (select unnest($1::varchar[]))",
            [sorted(hanging)],
        ).fetchone()[0]
        named_parents = ", ".join(parents[:5]) + (", ..." if len(parents) > 5 else "")
        said.append(_said("units_orphaned", count=len(hanging), parents=named_parents))
    return said
