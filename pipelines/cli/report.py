"""``radar report``: the RvC quarterly overview of a frozen snapshot as a PDF file.

The PDF is made from RADAR_HOME/snapshots/<quarter>.json only (pipelines/reports/pdf/),
never from the live warehouse. No snapshot, a snapshot changed after it was frozen, or an
--out that cannot be written: exit 1 with the reason, in Dutch, and no file (the PDF is
written to a temporary file and renamed, so a failure leaves no half PDF).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.cli.texts import DUTCH, Texts, texts_for
from pipelines.core.languages import LANGUAGES


def cmd_report(args: argparse.Namespace) -> int:
    # reportlab and the snapshot's readers load only when a report is written
    from pipelines.reports.pdf import write_report
    from pipelines.reports.snapshot import SnapshotError

    say = texts_for(args)
    try:
        path = write_report(args.quarter, Path(args.out), lang=args.lang or say.lang)
    except SnapshotError as exc:
        print("radar: " + say.of(exc), file=sys.stderr)
        return 1
    size = path.stat().st_size / 1024
    print(say("msg.report.written", quarter=args.quarter, path=path, size=f"{size:.0f}"))
    return 0


def add_report_parser(
    subparsers: argparse._SubParsersAction, h: Texts = DUTCH
) -> argparse.ArgumentParser:
    """Add ``radar report QUARTER --out FILE.pdf [--lang nl|en]`` to the ``radar`` parser."""
    r = subparsers.add_parser(
        "report",
        help=h("report"),
        description=h("report.description"),
    )
    r.add_argument("quarter", metavar=h("metavar.QUARTER"), help=h("quarter"))
    r.add_argument("--out", required=True, metavar=h("metavar.FILE.pdf"), help=h("report.out"))
    r.add_argument("--lang", choices=LANGUAGES, default=None, help=h("report.lang"))
    r.set_defaults(func=cmd_report)
    return r
