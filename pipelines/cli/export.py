"""The ``radar export`` and ``radar register export|import`` commands (argparse wiring).

``pipelines.cli.main`` adds them with ``add_export_parser(sub, h)`` and
``add_register_excel_parsers(sub, h)`` (h: the help texts, pipelines/cli/texts.py); each
command's function returns the exit code: 0 done, 1 refused
(the reasons on stderr, nothing changed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pipelines.cli.texts import DUTCH, Texts, texts_for


def cmd_export(args: argparse.Namespace) -> int:
    from pipelines.reports.parquet import ExportError, export_marts

    say = texts_for(args)
    try:
        written = export_marts(args.out)
    except (ExportError, OSError) as exc:
        print("radar: " + say.of(exc), file=sys.stderr)
        return 1
    marts = [p for p in written if p.suffix == ".parquet"]
    print(texts_for(args)("msg.export.written", count=len(marts), path=args.out))
    for path in written:
        print(f"  {path.name}")
    return 0


def add_export_parser(subparsers: Any, h: Texts = DUTCH) -> argparse.ArgumentParser:
    """``radar export --format parquet --out DIR``."""
    e = subparsers.add_parser("export", help=h("export"), description=h("export.description"))
    e.add_argument("--format", choices=["parquet"], default="parquet", help=h("export.format"))
    e.add_argument(
        "--out", type=Path, required=True, metavar=h("metavar.DIR"), help=h("export.out")
    )
    e.set_defaults(func=cmd_export)
    return e


def cmd_register_export(args: argparse.Namespace) -> int:
    from pipelines.register.excel_export import export_register
    from pipelines.register.store import Register

    say = texts_for(args)
    try:
        path = export_register(Register(), args.file, lang=say.lang)
    except OSError as exc:
        print("radar: " + say("msg.register.not_exported", error=exc), file=sys.stderr)
        return 1
    print(say("msg.register.exported", path=path))
    return 0


def cmd_register_import(args: argparse.Namespace) -> int:
    from pipelines.register.excel_import import ImportRefused, import_register
    from pipelines.register.store import Register

    say = texts_for(args)
    if not args.file.exists():
        print("radar: " + say("msg.file_missing", path=args.file), file=sys.stderr)
        return 1
    try:
        result = import_register(Register(), args.file, actor=args.by, lang=say.lang)
    except ImportRefused as exc:
        print(f"radar: {args.file}: " + say.of(exc), file=sys.stderr)
        return 1
    summary = result.summary(say.lang)
    print(say("msg.register.imported", path=args.file, by=args.by, summary=summary))
    for row in (*result.changed, *result.added):
        fields = ", ".join(c.field for c in row.changes)
        print(
            say("msg.register.row", sheet=row.sheet, row=row.row, id=row.entity_id, fields=fields)
        )
    return 0


def add_register_excel_parsers(subparsers: Any, h: Texts = DUTCH) -> argparse.ArgumentParser:
    """``radar register export FILE.xlsx`` and ``radar register import FILE.xlsx --by NAME``."""
    r = subparsers.add_parser("register", help=h("register"), description=h("register"))
    register = r.add_subparsers(
        dest="register_command",
        required=True,
        metavar=h("metavar.COMMAND"),
        help=h("register.command"),
    )
    x = register.add_parser(
        "export", help=h("register.export"), description=h("register.export.description")
    )
    x.add_argument(
        "file", type=Path, metavar=h("metavar.FILE.xlsx"), help=h("register.export.file")
    )
    x.set_defaults(func=cmd_register_export)
    i = register.add_parser(
        "import",
        help=h("register.import"),
        description=h("register.import.description"),
    )
    i.add_argument(
        "file", type=Path, metavar=h("metavar.FILE.xlsx"), help=h("register.import.file")
    )
    i.add_argument("--by", required=True, metavar=h("metavar.NAME"), help=h("register.import.by"))
    i.set_defaults(func=cmd_register_import)
    return r
