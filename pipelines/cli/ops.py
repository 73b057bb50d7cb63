"""``radar backup | restore | doctor``: keeping the files at rest safe, from the command line.

backup DIR: the register (with its audit log), the meldingen register (with its own), the
snapshots and the users files into a new private folder with a manifest of SHA-256 hashes,
safe while the dashboard runs; never the keys (pipelines/ops/backup.py KEY_FILES names
them). restore DIR: check the manifest, restore, verify the audit log and the snapshots.
doctor: modes of the files in RADAR_HOME, key files where they do not belong, the age of
the newest backup; exit 1 with a line per finding.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.cli.texts import DUTCH, Texts, texts_for


def cmd_backup(args: argparse.Namespace) -> int:
    from pipelines.ops.backup import KEY_NAMES, BackupError, backup

    say = texts_for(args)
    try:
        result = backup(args.directory)
    except BackupError as exc:
        print("radar: " + say.of(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print("radar: " + say("msg.backup.not_made", error=exc), file=sys.stderr)
        return 1
    total = sum(e.size for e in result.entries)
    count = len(result.entries)
    print(say("msg.backup.made", path=result.directory, count=count, size=total))
    for entry in result.entries:
        print(f"  {entry.path}  sha256 {entry.sha256}")
    if result.audit_head:
        head = result.audit_head
        print(say("msg.backup.head", head=f"{head['count']}:{head['mac']}"))
    print(say("msg.backup.manifest", sha256=result.manifest_sha256))
    if result.stamp_error:
        print("radar: " + say("msg.backup.stamp_error", error=result.stamp_error), file=sys.stderr)
    print(say("msg.backup.keys", keys=", ".join(KEY_NAMES)))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pipelines.ops.backup import BackupError, restore
    from pipelines.register.audit_log import parse_head

    say = texts_for(args)
    try:
        heads = [parse_head(h) for h in args.head]
    except ValueError as exc:
        print("radar: " + say.of(exc), file=sys.stderr)
        return 2
    try:
        result = restore(
            args.directory,
            force=args.force,
            manifest_sha256=args.manifest_sha256,
            heads=heads,
        )
    except BackupError as exc:
        print("radar: " + say.of(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print("radar: " + say("msg.restore.partial", error=exc), file=sys.stderr)
        return 1
    print(say("msg.restore.done", path=result.home, what=", ".join(result.restored)))
    for path in result.set_aside:
        print(say("msg.restore.set_aside", path=path))
    status = 0
    if result.audit_checked is not None or result.audit_findings:
        if result.audit_findings:
            print(say("msg.restore.audit_bad", count=len(result.audit_findings)))
            for finding in result.audit_findings:
                print(f"  {say.of(finding)}")
            status = 1
        else:
            print(say("msg.restore.audit_ok", count=result.audit_checked))
    if result.snapshots_bad:
        print(say("msg.restore.snapshots_bad", names=", ".join(result.snapshots_bad)))
        status = 1
    print(say("msg.restore.snapshots_ok", count=len(result.snapshots_ok)))
    return status


def cmd_doctor(args: argparse.Namespace) -> int:
    from pipelines.core import keys
    from pipelines.core.warehouse import radar_home
    from pipelines.ops import doctor

    say = texts_for(args)
    findings = doctor.diagnose(backup_days=args.backup_days)
    if args.fix and findings:
        fixed, failed = doctor.fix(findings)
        for finding in fixed:
            print(say("msg.doctor.fixed", path=finding.path, remedy=say.of(finding.remedy)))
        for finding, reason in failed:
            print(say("msg.doctor.not_fixed", path=finding.path, reason=say.of(reason)))
        findings = doctor.diagnose(backup_days=args.backup_days)
    if findings:
        for finding in findings:
            print(say("msg.doctor.finding", finding=say.of(finding)))
        print(say("msg.doctor.count", count=len(findings)), file=sys.stderr)
        return 1
    print(say("msg.doctor.ok", home=radar_home(), keys=keys.key_dir(), days=args.backup_days))
    return 0


def add_commands(sub: argparse._SubParsersAction, h: Texts = DUTCH) -> None:
    """Register `backup`, `restore` and `doctor` on the radar command's subparsers."""
    b = sub.add_parser(
        "backup",
        help=h("backup"),
        description=h("backup.description"),
    )
    b.add_argument("directory", type=Path, metavar=h("metavar.DIR"), help=h("backup.directory"))
    b.set_defaults(func=cmd_backup)

    r = sub.add_parser(
        "restore",
        help=h("restore"),
        description=h("restore.description"),
    )
    r.add_argument("directory", type=Path, metavar=h("metavar.DIR"), help=h("restore.directory"))
    r.add_argument("--force", action="store_true", help=h("restore.force"))
    r.add_argument("--manifest-sha256", metavar="SHA256", help=h("restore.manifest"))
    r.add_argument(
        "--head",
        action="append",
        default=[],
        metavar=h("metavar.COUNT:MAC"),
        help=h("restore.head"),
    )
    r.set_defaults(func=cmd_restore)

    from pipelines.ops.doctor import DEFAULT_BACKUP_DAYS

    d = sub.add_parser(
        "doctor",
        help=h("doctor"),
        description=h("doctor.description"),
    )
    d.add_argument(
        "--backup-days",
        type=int,
        default=DEFAULT_BACKUP_DAYS,
        metavar="N",
        help=h("doctor.backup_days", days=DEFAULT_BACKUP_DAYS),
    )
    d.add_argument("--fix", action="store_true", help=h("doctor.fix"))
    d.set_defaults(func=cmd_doctor)
