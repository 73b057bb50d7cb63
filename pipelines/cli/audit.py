"""``radar audit verify | head | migrate``: the register's audit log from the command line.

verify: the MAC chain (with the key), the append-only triggers, the log against heads held
elsewhere (--head, and those frozen in the RvC snapshots) and the log replayed from empty
against the register's tables; exit 1 and every finding named. head: the chain's head
(record count and last MAC) of a verified log, to keep outside the server. migrate: an old
log (keyless SHA-256 chain, or none) to the MAC chain, once, explicitly and logged.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from pipelines.cli.texts import DUTCH, Texts, texts_for
from pipelines.register.audit_log import key_source, parse_head
from pipelines.register.audit_migrate import MigrationRefused
from pipelines.register.audit_verify import AuditReport


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "onbekend"


def _report(args: argparse.Namespace) -> AuditReport | int:
    from pipelines.register.store import register_path, verify_audit

    say = texts_for(args)
    try:
        heads = [parse_head(h) for h in args.head or []]
    except ValueError as exc:
        print("radar: " + say.of(exc), file=sys.stderr)
        return 2
    try:
        return verify_audit(register_path(), heads=heads)
    except FileNotFoundError as exc:
        print("radar: " + say.of(exc), file=sys.stderr)
        return 1


def _print_findings(report: AuditReport, say: Texts) -> None:
    from pipelines.register.store import register_path

    print(say("msg.audit.not_intact", path=register_path(), count=len(report.findings)))
    for finding in report.findings:
        print(f"  {say.of(finding)}")


def _print_notes(report: AuditReport, say: Texts) -> None:
    for note in report.notes:
        print(say("msg.audit.note", where=say.of(note.where), problem=say.of(note.problem)))


def cmd_verify(args: argparse.Namespace) -> int:
    from pipelines.register.store import register_path

    say = texts_for(args)
    report = _report(args)
    if isinstance(report, int):
        return report
    _print_notes(report, say)
    if report.findings:
        _print_findings(report, say)
        return 1
    print(say("msg.audit.intact", count=report.checked, path=register_path()))
    if report.anchors:
        print(say("msg.audit.anchors", anchors=", ".join(map(say.of, report.anchors))))
    if report.head:
        print(say("msg.audit.head_now", head=report.head))
    return 0


def cmd_head(args: argparse.Namespace) -> int:
    from pipelines.register.store import register_path

    say = texts_for(args)
    args.head = []
    report = _report(args)
    if isinstance(report, int):
        return report
    if report.findings:
        _print_findings(report, say)
        print("radar: " + say("msg.audit.no_head"), file=sys.stderr)
        return 1
    if report.head is None:
        print("radar: " + say("msg.audit.empty", path=register_path()), file=sys.stderr)
        return 1
    print(say("msg.audit.head", path=register_path(), count=report.head.count))
    print(str(report.head))
    print(say("msg.audit.keep_head", head=report.head))
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from pipelines.register.store import migrate_audit, register_path

    say = texts_for(args)
    path = register_path()
    if not path.exists():
        print("radar: " + say("msg.audit.no_register", path=path), file=sys.stderr)
        return 1
    try:
        done = migrate_audit(path, actor=args.by or _user(), confirm_old_log=args.confirm_old_log)
    except MigrationRefused as exc:
        print("radar: " + say.of(exc), file=sys.stderr)
        return 1
    if done is None:
        print(say("msg.audit.already_mac", path=path))
        return 0
    old = say("msg.audit.old." + done.old_format)
    last = (
        say("msg.audit.migrated.last_hash", hash=done.old_last_hash) if done.old_last_hash else ""
    )
    print(say("msg.audit.migrated", path=path))
    print(say("msg.audit.migrated.was", old=old, count=done.old_count, last=last))
    print(say("msg.audit.migrated.now", id=done.migration_id))
    rows = ", ".join(
        say("msg.audit.migrated.rows", count=n, table=table) for table, n in done.baseline.items()
    )
    first, last_id = done.migration_id + 1, done.head.count
    print(say("msg.audit.migrated.baseline", rows=rows, first=first, last=last_id))
    key = "msg.audit.migrated.key_created" if done.key_created else "msg.audit.migrated.key"
    print(say(key, source=key_source()))
    print(say("msg.audit.head_now", head=done.head))
    return 0


def add_audit_parser(
    subparsers: argparse._SubParsersAction, h: Texts = DUTCH
) -> argparse.ArgumentParser:
    """Add ``radar audit verify | head | migrate`` to the ``radar`` parser."""
    a = subparsers.add_parser("audit", help=h("audit"), description=h("audit"))
    audit = a.add_subparsers(
        dest="audit_command",
        required=True,
        metavar=h("metavar.COMMAND"),
        help=h("audit.command"),
    )
    v = audit.add_parser("verify", help=h("audit.verify"), description=h("audit.verify"))
    v.add_argument(
        "--head", action="append", metavar=h("metavar.COUNT:MAC"), help=h("audit.verify.head")
    )
    v.set_defaults(func=cmd_verify)
    hd = audit.add_parser("head", help=h("audit.head"), description=h("audit.head"))
    hd.set_defaults(func=cmd_head)
    m = audit.add_parser(
        "migrate",
        help=h("audit.migrate"),
        description=h("audit.migrate.description"),
    )
    m.add_argument("--by", default=None, metavar=h("metavar.NAME"), help=h("audit.migrate.by"))
    m.add_argument("--confirm-old-log", action="store_true", help=h("audit.migrate.confirm"))
    m.set_defaults(func=cmd_migrate)
    return a
