"""``radar findings import FILE --by NAME``: audits and findings from CSV/XLSX into the
register, all or nothing (pipelines/register/findings_import.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pipelines.cli.texts import DUTCH, Texts, texts_for


def cmd_findings_import(args: argparse.Namespace) -> int:
    from pipelines.register.findings import Findings
    from pipelines.register.findings_import import FindingsImportRefused, import_findings
    from pipelines.register.store import Register

    say = texts_for(args)
    if not args.file.exists():
        print("radar: " + say("msg.file_missing", path=args.file), file=sys.stderr)
        return 1
    try:
        added = import_findings(Findings(Register()), args.file, actor=args.by, lang=say.lang)
    except FindingsImportRefused as exc:
        print("radar: " + say.of(exc), file=sys.stderr)
        return 1
    findings = [a for a in added if a]
    audits_only = len(added) - len(findings)
    print(
        say("msg.findings.imported", path=args.file, by=args.by, count=len(findings))
        + (say("msg.findings.audits_only", count=audits_only) if audits_only else "")
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
