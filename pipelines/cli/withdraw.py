"""``radar withdraw FILE... --by NAME [--undo]``: exports loaded by mistake taken back,
their rows out of every figure, the models rerun (pipelines/ingest/withdraw.py); all or
nothing. --undo releases withdrawn ones to be ingested again."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pipelines.cli.texts import DUTCH, Texts, texts_for


def cmd_withdraw(args: argparse.Namespace) -> int:
    from pipelines.build.withdrawal import withdraw
    from pipelines.ingest.quarantined import terminal_safe
    from pipelines.ingest.withdraw import NotWithdrawn

    say = texts_for(args)
    try:
        done, moved = withdraw(args.files, by=args.by, undo=args.undo)
    except NotWithdrawn as exc:  # nothing changed; a busy warehouse: radar's exit 2
        print(terminal_safe("radar: " + say.of(exc)), file=sys.stderr)
        return 1
    key = "msg.withdraw.released" if args.undo else "msg.withdraw.done"
    for load in done:
        print(terminal_safe(say(key, path=load.source_file, dataset=load.dataset, rows=load.rows)))
    for message in moved:
        print(terminal_safe("radar: " + say.of(message)), file=sys.stderr)
    return 0


def add_withdraw_parser(subparsers: Any, h: Texts = DUTCH) -> argparse.ArgumentParser:
    w = subparsers.add_parser("withdraw", help=h("withdraw"), description=h("withdraw.description"))
    w.add_argument("files", nargs="+", metavar=h("metavar.FILE"), help=h("withdraw.files"))
    w.add_argument("--by", required=True, metavar=h("metavar.NAME"), help=h("withdraw.by"))
    w.add_argument("--undo", action="store_true", help=h("withdraw.undo"))
    w.set_defaults(func=cmd_withdraw)
    return w
