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

from pipelines.cli.texts import DUTCH, Texts
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

    try:
        heads = [parse_head(h) for h in args.head or []]
    except ValueError as exc:
        print(f"radar: {exc}", file=sys.stderr)
        return 2
    try:
        return verify_audit(register_path(), heads=heads)
    except FileNotFoundError as exc:
        print(f"radar: {exc}", file=sys.stderr)
        return 1


def _print_findings(report: AuditReport) -> None:
    from pipelines.register.store import register_path

    print(f"Auditlog NIET intact ({register_path()}): {len(report.findings)} bevinding(en)")
    for finding in report.findings:
        print(f"  {finding.where}: {finding.problem}")


def _print_notes(report: AuditReport) -> None:
    for note in report.notes:
        print(f"Opmerking: {note.where}: {note.problem}")


def cmd_verify(args: argparse.Namespace) -> int:
    from pipelines.register.store import register_path

    report = _report(args)
    if isinstance(report, int):
        return report
    _print_notes(report)
    if report.findings:
        _print_findings(report)
        return 1
    print(
        f"Auditlog intact: {report.checked} regels, de MAC-keten klopt met de sleutel, de "
        f"triggers staan er en het register komt overeen met het log ({register_path()})"
    )
    if report.anchors:
        print(f"Gecontroleerd tegen de kop uit: {', '.join(report.anchors)}")
    if report.head:
        print(f"Kop nu: {report.head}")
    return 0


def cmd_head(args: argparse.Namespace) -> int:
    from pipelines.register.store import register_path

    args.head = []
    report = _report(args)
    if isinstance(report, int):
        return report
    if report.findings:
        _print_findings(report)
        print("radar: geen kop: het log klopt niet (zie hierboven)", file=sys.stderr)
        return 1
    if report.head is None:
        print(f"radar: het auditlog van {register_path()} is leeg", file=sys.stderr)
        return 1
    print(f"Kop van het auditlog ({register_path()}): {report.head.count} regels")
    print(str(report.head))
    print(
        "Bewaar deze regel buiten de server (op papier, bij de RvC-stukken); controleer later "
        f"met: radar audit verify --head {report.head}"
    )
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from pipelines.register.store import migrate_audit, register_path

    path = register_path()
    if not path.exists():
        print(f"radar: {path}: er is nog geen register", file=sys.stderr)
        return 1
    try:
        done = migrate_audit(path, actor=args.by or _user(), confirm_old_log=args.confirm_old_log)
    except MigrationRefused as exc:
        print(f"radar: {exc}", file=sys.stderr)
        return 1
    if done is None:
        print(f"Het auditlog van {path} heeft al de MAC-keten; er is niets omgezet")
        return 0
    old = {"sha256": "een SHA-256-keten zonder sleutel", "unhashed": "zonder keten"}
    last = f", laatste hash {done.old_last_hash}" if done.old_last_hash else ""
    first, last_id = done.migration_id + 1, done.head.count
    print(f"Auditlog omgezet ({path}):")
    print(f"  was: {old[done.old_format]}, {done.old_count} regels{last} (gecontroleerd)")
    print(f"  nu: elke regel met HMAC-SHA256 geketend; migratieregel {done.migration_id}")
    print(
        "  basislijn (de huidige stand): "
        + ", ".join(f"{n} rijen uit {table}" for table, n in done.baseline.items())
        + f", als regels {first} t/m {last_id}"
    )
    made = " (nieuw gemaakt: maak er nu een back-up van, buiten deze server)"
    print(f"  sleutel: {key_source()}{made if done.key_created else ''}")
    print(f"Kop nu: {done.head}")
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
