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

from pipelines.cli.texts import DUTCH, Texts


def cmd_backup(args: argparse.Namespace) -> int:
    from pipelines.ops.backup import KEY_NAMES, BackupError, backup

    try:
        result = backup(args.directory)
    except BackupError as exc:
        print(f"radar: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"radar: back-up niet gemaakt: {exc}", file=sys.stderr)
        return 1
    total = sum(e.size for e in result.entries)
    print(f"Back-up gemaakt in {result.directory}: {len(result.entries)} bestanden, {total} bytes")
    for entry in result.entries:
        print(f"  {entry.path}  sha256 {entry.sha256}")
    if result.audit_head:
        head = result.audit_head
        print(f"Kop van het auditlog in de back-up: {head['count']}:{head['mac']}")
    print(f"SHA-256 van manifest.json: {result.manifest_sha256} (bewaar die apart)")
    if result.stamp_error:
        print(
            f"radar: let op: {result.stamp_error} (radar doctor ziet deze back-up niet)",
            file=sys.stderr,
        )
    print(
        f"Let op: de sleutels zitten NIET in de back-up ({', '.join(KEY_NAMES)}); bewaar "
        "ze apart, bijvoorbeeld in een wachtwoordkluis: een restore heeft ze alle nodig."
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pipelines.ops.backup import BackupError, restore
    from pipelines.register.audit_log import parse_head

    try:
        heads = [parse_head(h) for h in args.head]
    except ValueError as exc:
        print(f"radar: {exc}", file=sys.stderr)
        return 2
    try:
        result = restore(
            args.directory,
            force=args.force,
            manifest_sha256=args.manifest_sha256,
            heads=heads,
        )
    except BackupError as exc:
        print(f"radar: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"radar: niet (volledig) teruggezet: {exc}", file=sys.stderr)
        return 1
    print(f"Teruggezet in {result.home}: {', '.join(result.restored)}")
    for path in result.set_aside:
        print(f"  bewaard: {path}")
    status = 0
    if result.audit_checked is not None or result.audit_findings:
        if result.audit_findings:
            print(f"Auditlog NIET intact: {len(result.audit_findings)} bevinding(en)")
            for finding in result.audit_findings:
                print(f"  {finding}")
            status = 1
        else:
            print(f"Auditlog intact: {result.audit_checked} regels")
    if result.snapshots_bad:
        print(f"Momentopnamen met een fout controlegetal: {', '.join(result.snapshots_bad)}")
        status = 1
    print(f"Momentopnamen gecontroleerd: {len(result.snapshots_ok)} in orde")
    return status


def cmd_doctor(args: argparse.Namespace) -> int:
    from pipelines.core import keys
    from pipelines.core.warehouse import radar_home
    from pipelines.ops import doctor

    findings = doctor.diagnose(backup_days=args.backup_days)
    if args.fix and findings:
        fixed, failed = doctor.fix(findings)
        for finding in fixed:
            print(f"Hersteld: {finding.path} ({finding.remedy})")
        for finding, reason in failed:
            print(f"Niet hersteld: {finding.path}: {reason}")
        findings = doctor.diagnose(backup_days=args.backup_days)
    if findings:
        for finding in findings:
            print(f"radar doctor: {finding}")
        print(f"{len(findings)} bevinding(en)", file=sys.stderr)
        return 1
    print(
        f"In orde: de bestanden in {radar_home()} zijn privé, er staan geen sleutels in, de "
        f"sleutelmap {keys.key_dir()} is privé en er is een back-up van minder dan "
        f"{args.backup_days} dagen (of nog niets om te back-uppen)"
    )
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
