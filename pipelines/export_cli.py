"""The ``radar export`` and ``radar register export|import`` commands (argparse wiring).

``pipelines.cli`` adds them with ``add_export_parser(sub)`` and
``add_register_excel_parsers(sub)``; each command's function returns the exit code:
0 done, 1 refused (the reasons on stderr, nothing changed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def cmd_export(args: argparse.Namespace) -> int:
    from pipelines.export_parquet import ExportError, export_marts

    try:
        written = export_marts(args.out)
    except (ExportError, OSError) as exc:
        print(f"radar: {exc}", file=sys.stderr)
        return 1
    marts = [p for p in written if p.suffix == ".parquet"]
    print(f"{len(marts)} marts als Parquet geschreven naar {args.out}:")
    for path in written:
        print(f"  {path.name}")
    return 0


def add_export_parser(subparsers: Any) -> argparse.ArgumentParser:
    """``radar export --format parquet --out DIR``."""
    e = subparsers.add_parser(
        "export",
        help="write the published marts as Parquet files for BI tools",
        description=(
            "Write every published mart as DIR/<mart>.parquet, plus DIR/columns.json with "
            "each file's columns, types and row count (docs/marts.md documents them). "
            "Person-level marts are never exported. Reads the warehouse read-only."
        ),
    )
    e.add_argument("--format", choices=["parquet"], default="parquet", help="default: parquet")
    e.add_argument("--out", type=Path, required=True, metavar="DIR", help="target folder")
    e.set_defaults(func=cmd_export)
    return e


def cmd_register_export(args: argparse.Namespace) -> int:
    from pipelines.register import Register
    from pipelines.register_excel import export_register

    try:
        path = export_register(Register(), args.file)
    except OSError as exc:
        print(f"radar: register niet geëxporteerd: {exc}", file=sys.stderr)
        return 1
    print(f"Register geëxporteerd naar {path}")
    return 0


def cmd_register_import(args: argparse.Namespace) -> int:
    from pipelines.register import Register
    from pipelines.register_excel import ImportRefused, import_register

    if not args.file.exists():
        print(f"radar: {args.file}: bestand bestaat niet", file=sys.stderr)
        return 1
    try:
        result = import_register(Register(), args.file, actor=args.by)
    except ImportRefused as exc:
        print(f"radar: {args.file}: {exc}", file=sys.stderr)
        return 1
    print(f"{args.file} ingelezen door {args.by}: {result.summary()}")
    for row in (*result.changed, *result.added):
        fields = ", ".join(c.field for c in row.changes)
        print(f"  {row.sheet} rij {row.row} ({row.entity_id}): {fields}")
    return 0


def add_register_excel_parsers(subparsers: Any) -> argparse.ArgumentParser:
    """``radar register export FILE.xlsx`` and ``radar register import FILE.xlsx --by NAME``."""
    r = subparsers.add_parser("register", help="the register as an Excel file, and back")
    register = r.add_subparsers(dest="register_command", required=True, metavar="COMMAND")
    x = register.add_parser(
        "export",
        help="write the register (risks, control measures) to an Excel file",
        description=(
            "Write the register to FILE.xlsx: sheets Risico's and Beheersmaatregelen, headers "
            "'Label [field]', drop-down lists, real dates; edit it and read it back with "
            "`radar register import`."
        ),
    )
    x.add_argument("file", type=Path, metavar="FILE.xlsx")
    x.set_defaults(func=cmd_register_export)
    i = register.add_parser(
        "import",
        help="read an edited register export back, all or nothing (exit 1 and every bad cell)",
        description=(
            "Check every cell of FILE.xlsx with the register's rules and apply the changed "
            "rows in one transaction, each in the audit log under NAME. One bad cell, or a "
            "row changed in the app since the export, and nothing is applied."
        ),
    )
    i.add_argument("file", type=Path, metavar="FILE.xlsx")
    i.add_argument("--by", required=True, metavar="NAME", help="who imports (for the audit log)")
    i.set_defaults(func=cmd_register_import)
    return r
