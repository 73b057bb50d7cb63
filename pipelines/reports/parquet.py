"""The published marts as Parquet files for BI tools (Power BI, Excel, Tableau, pandas).

``radar export --format parquet --out DIR`` writes one ``<mart>.parquet`` per published
mart (``pipelines.build.models.published_marts``) and ``columns.json`` listing each file's
columns, types and row count; ``docs/marts.md`` documents the same columns in the repo
(generated from a built warehouse by ``python -m pipelines.reports.parquet --docs``).

The warehouse is read through a read-only connection (no write lock, so a running build
is never blocked; the connection keeps reading the warehouse it opened even when a build
swaps in a new one) and written with DuckDB's own ``COPY ... (FORMAT parquet)`` (the
parquet extension is built into DuckDB: nothing is downloaded). Every file is first
written under a temporary name in the target folder and only renamed into place when all
of them are written, so a failure mid-way leaves no partial file and the files of an
earlier export stay as they were.

Person-level marts are never exported: BI tools are for aggregate reporting, and these
hold one row per (pseudonymised) person or source record. Parquet is typed, so no
spreadsheet formula neutralisation is needed: text columns are written verbatim.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import uuid
from collections.abc import Sequence
from pathlib import Path

import duckdb

from pipelines.build.models import SQL_DIR, published_marts
from pipelines.core.texts import Message, MessageError
from pipelines.core.warehouse import REPO_ROOT, read_connection, warehouse_path

# Marts that are never exported for BI tools, and why. Add every new person-level mart.
PERSON_LEVEL_MARTS: dict[str, str] = {
    "report_code_exceptions": (
        "one row per integrity-code breach with the employee's pseudonym; only for the "
        "integriteitsfunctionaris"
    ),
    "report_procurement_exceptions": (
        "one row per order with a procurement signal, with requester's and approver's "
        "pseudonyms and the supplier's name (a sole trader's is personal data); only for "
        "the integriteitsfunctionaris"
    ),
    "report_quarantine": (
        "rows kept aside at ingest, one per broken rule and cell of a source line (a wide "
        "export's answers held back for one cell counted in rows_quarantined), with its "
        "raw values (which can be an employee's pseudonym)"
    ),
}
# A safety net for a person-level mart nobody added above: a mart with a column like
# these is refused rather than exported.
PERSON_COLUMN = re.compile(
    r"^(employee_id|respondent_id|subject_id|requester_id|approver_id|.*_key)$"
)
COLUMNS_FILE = "columns.json"
DOCS_FILE = REPO_ROOT / "docs" / "marts.md"


class ExportError(MessageError, RuntimeError):
    """An export that cannot be made; the message says which mart or file and why."""


def exported_marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The published marts a BI tool may get: all but the person-level ones."""
    return [m for m in published_marts(con) if m not in PERSON_LEVEL_MARTS]


def mart_columns(con: duckdb.DuckDBPyConnection, mart: str) -> list[tuple[str, str]]:
    """(column, DuckDB type) of a mart, in table order."""
    rows = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'main' and table_name = ? order by ordinal_position",
        [mart],
    ).fetchall()
    return [(name, dtype) for name, dtype in rows]


def _check_not_person_level(mart: str, columns: list[tuple[str, str]]) -> None:
    personal = [name for name, _ in columns if PERSON_COLUMN.match(name)]
    if personal:
        raise ExportError(Message("export.person_level", mart=mart, columns=", ".join(personal)))


def _copy_to_parquet(con: duckdb.DuckDBPyConnection, mart: str, target: Path) -> None:
    quoted = str(target).replace("'", "''")
    con.execute(f"copy (select * from \"{mart}\") to '{quoted}' (format parquet)")


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def export_marts(out_dir: Path, *, path: Path | None = None) -> list[Path]:
    """Write every exported mart as ``out_dir/<mart>.parquet`` plus ``columns.json``.

    Returns the files written (the Parquet files in mart order, then columns.json).
    All files appear together at the end; on any failure none of them is replaced.
    """
    path = path or warehouse_path()
    if not path.exists():
        raise ExportError(Message("export.no_warehouse", path=path))
    out_dir = Path(out_dir)
    earlier = _earlier_export(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    token = f"{os.getpid()}-{uuid.uuid4().hex}"
    staged: list[tuple[Path, Path]] = []  # (temporary file, final file)
    try:
        con = read_connection(path)
        try:
            listing = []
            for mart in exported_marts(con):
                columns = mart_columns(con, mart)
                _check_not_person_level(mart, columns)
                final = out_dir / f"{mart}.parquet"
                temp = out_dir / f".{final.name}.{token}.tmp"
                staged.append((temp, final))
                _copy_to_parquet(con, mart, temp)
                rows = con.execute(f'select count(*) from "{mart}"').fetchone()[0]
                listing.append(
                    {
                        "mart": mart,
                        "file": final.name,
                        "rows": rows,
                        "columns": [{"name": n, "type": t} for n, t in columns],
                    }
                )
        finally:
            con.close()
        final = out_dir / COLUMNS_FILE
        temp = out_dir / f".{final.name}.{token}.tmp"
        staged.append((temp, final))
        manifest = {
            "exported_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "warehouse": str(path),
            "marts": listing,
            "not_exported_person_level": PERSON_LEVEL_MARTS,
        }
        temp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8")
        for temp, _ in staged:
            _fsync(temp)
        for temp, final in staged:
            os.replace(temp, final)
        # a mart the earlier export wrote and this one does not (no longer published, or
        # person-level since) must not stay behind for the BI tool to read
        written = {final.name for _, final in staged}
        for name in sorted(earlier - written):
            (out_dir / name).unlink(missing_ok=True)
    except duckdb.Error as exc:
        raise ExportError(f"export naar {out_dir} mislukt: {exc}") from exc
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    return [final for _, final in staged]


_OWN_TEMP = re.compile(r"\..+\.[0-9]+-[0-9a-f]{32}\.tmp")


def _earlier_export(out_dir: Path) -> set[str]:
    """The mart files an earlier export wrote into ``out_dir`` (its columns.json). A
    folder that holds anything else is refused: an export replaces only its own files,
    and `--out` pointed at the wrong folder must not scatter marts among someone's
    files."""
    if not out_dir.exists():
        return set()
    if not out_dir.is_dir():
        raise ExportError(Message("export.not_a_folder", path=out_dir))
    # hidden files count too (a home folder's .bashrc, a .git); only an interrupted
    # export's own temporary files (.<file>.<token>.tmp) are passed over
    present = {p.name for p in out_dir.iterdir() if not _OWN_TEMP.fullmatch(p.name)}
    if not present:
        return set()
    try:
        listing = json.loads((out_dir / COLUMNS_FILE).read_text("utf-8"))
        files = {m["file"] for m in listing["marts"]}
    except (OSError, ValueError, KeyError, TypeError):
        raise ExportError(Message("export.foreign_folder", path=out_dir)) from None
    others = sorted(present - files - {COLUMNS_FILE})
    if others:
        shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
        raise ExportError(Message("export.foreign_files", path=out_dir, names=shown))
    return {f for f in files if f.endswith(".parquet") and "/" not in f}


def marts_markdown(con: duckdb.DuckDBPyConnection) -> str:
    """docs/marts.md: every exported mart's file and columns, and what is not exported."""
    lines = [
        "# Published marts: the files of `radar export`",
        "",
        "<!-- Generated from a built warehouse by "
        "`.venv/bin/python -m pipelines.reports.parquet --docs`; do not edit by hand. -->",
        "",
        "`radar export --format parquet --out DIR` writes one Parquet file per published "
        "mart below, with exactly these columns and DuckDB types (Parquet keeps them), and "
        "`DIR/columns.json` with the same list plus each file's row count. What each mart "
        "holds and its grain: the marts table in the README and the header comment of its "
        "SQL file.",
        "",
        "Never exported (person-level: one row per pseudonymised person or source record):",
        "",
    ]
    lines += [f"- `{mart}`: {why}" for mart, why in PERSON_LEVEL_MARTS.items()]
    for mart in exported_marts(con):
        sql = (SQL_DIR / "marts" / f"{mart}.sql").relative_to(REPO_ROOT)
        lines += [
            "",
            f"## {mart}",
            "",
            f"File `{mart}.parquet`; defined in `{sql.as_posix()}`.",
            "",
            "| column | type |",
            "|---|---|",
        ]
        lines += [f"| `{name}` | {dtype} |" for name, dtype in mart_columns(con, mart)]
    return "\n".join(lines) + "\n"


def documented_columns(text: str) -> dict[str, list[tuple[str, str]]]:
    """docs/marts.md read back: per mart its (column, type) rows."""
    documented: dict[str, list[tuple[str, str]]] = {}
    mart = None
    for line in text.splitlines():
        if line.startswith("## "):
            mart = line[3:].strip()
            documented[mart] = []
        elif mart and (match := re.fullmatch(r"\| `([^`]+)` \| ([^|]+) \|", line.strip())):
            documented[mart].append((match.group(1), match.group(2).strip()))
    return documented


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Write docs/marts.md from a built warehouse.")
    p.add_argument("--docs", action="store_true", help="(re)write docs/marts.md")
    p.add_argument("--warehouse", type=Path, default=None, help="default: RADAR_HOME's")
    args = p.parse_args(argv)
    if not args.docs:
        p.print_help()
        return 2
    con = read_connection(args.warehouse)
    try:
        DOCS_FILE.write_text(marts_markdown(con), encoding="utf-8")
    finally:
        con.close()
    print(f"{DOCS_FILE} geschreven")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
