"""``radar findings import FILE --by NAME``: audits and findings from CSV/XLSX into the
register, all or nothing (pipelines/register/findings_import.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pipelines.cli.texts import DUTCH, Texts


def cmd_findings_import(args: argparse.Namespace) -> int:
    from pipelines.register.findings import Findings
    from pipelines.register.findings_import import FindingsImportRefused, import_findings
    from pipelines.register.store import Register

    if not args.file.exists():
        print(f"radar: {args.file}: bestand bestaat niet", file=sys.stderr)
        return 1
    try:
        added = import_findings(Findings(Register()), args.file, actor=args.by)
    except FindingsImportRefused as exc:
        print(f"radar: {exc}", file=sys.stderr)
        return 1
    findings = [a for a in added if a]
    audits_only = len(added) - len(findings)
    print(
        f"{args.file} ingelezen door {args.by}: {len(findings)} bevinding(en) toegevoegd"
        + (f", {audits_only} audit(s) zonder bevindingen" if audits_only else "")
    )
    return 0


def add_findings_parser(subparsers: Any, h: Texts = DUTCH) -> argparse.ArgumentParser:
    f = subparsers.add_parser("findings", help=h("findings"), description=h("findings"))
    commands = f.add_subparsers(
        dest="findings_command",
        required=True,
        metavar=h("metavar.COMMAND"),
        help=h("findings.command"),
    )
    i = commands.add_parser(
        "import", help=h("findings.import"), description=h("findings.import.description")
    )
    i.add_argument("file", type=Path, metavar=h("metavar.FILE"), help=h("findings.import.file"))
    i.add_argument("--by", required=True, metavar=h("metavar.NAME"), help=h("findings.import.by"))
    i.set_defaults(func=cmd_findings_import)
    return f
