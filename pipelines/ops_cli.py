"""``radar backup | restore | doctor``: keeping the files at rest safe, from the command line.

backup DIR: the register (with its audit log), the snapshots and the users files into a new
private folder with a manifest of SHA-256 hashes, safe while the dashboard runs; never the
keys. restore DIR: check the manifest, restore, verify the audit log and the snapshots.
doctor: modes of the files in RADAR_HOME, key files where they do not belong, the age of
the newest backup; exit 1 with a line per finding.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_backup(args: argparse.Namespace) -> int:
    from pipelines.backup import BackupError, backup

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
        "Let op: de sleutels zitten NIET in de back-up (pseudonym.key, audit.key); bewaar "
        "ze apart, bijvoorbeeld in een wachtwoordkluis."
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pipelines.audit_log import parse_head
    from pipelines.backup import BackupError, restore

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
    from pipelines import doctor, keys
    from pipelines.warehouse import radar_home

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


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register `backup`, `restore` and `doctor` on the radar command's subparsers."""
    b = sub.add_parser(
        "backup",
        help="back up the register (with audit log), snapshots and users into a new folder",
        description=(
            "Copy RADAR_HOME's register.sqlite (SQLite online backup: consistent while the "
            "dashboard runs), snapshots/, users.yaml and oidc_roles.yaml into DIR (new or "
            "empty; mode 0700, files 0600) with manifest.json (SHA-256 of every file). The "
            "keys are not included: back them up separately."
        ),
    )
    b.add_argument("directory", type=Path, metavar="DIR", help="the new backup folder")
    b.set_defaults(func=cmd_backup)

    r = sub.add_parser(
        "restore",
        help="restore a backup made by `radar backup` into RADAR_HOME, then verify it",
        description=(
            "Check every file of DIR against its manifest (a changed backup is refused and "
            "nothing is changed), restore it into RADAR_HOME, and verify the audit log and "
            "every snapshot's checksum. A RADAR_HOME that holds a register, users or "
            "snapshots already is refused unless --force."
        ),
    )
    r.add_argument("directory", type=Path, metavar="DIR", help="a folder made by radar backup")
    r.add_argument(
        "--force",
        action="store_true",
        help="replace what RADAR_HOME holds; the current files are kept as *.before-restore",
    )
    r.add_argument(
        "--manifest-sha256",
        metavar="SHA256",
        help="the manifest's SHA-256 that radar backup printed (kept apart): refuse any other",
    )
    r.add_argument(
        "--head",
        action="append",
        default=[],
        metavar="COUNT:MAC",
        help="an audit-log head kept apart (radar audit head): the restored log must hold it",
    )
    r.set_defaults(func=cmd_restore)

    from pipelines.doctor import DEFAULT_BACKUP_DAYS

    d = sub.add_parser(
        "doctor",
        help="check file modes in RADAR_HOME, key files, the key folder and the last backup",
        description=(
            "Report data files in RADAR_HOME that group or others may read, key files "
            "inside RADAR_HOME, a key folder open to others, and no backup within "
            "--backup-days days. Exit 0 when all is well, 1 with a line per finding."
        ),
    )
    d.add_argument(
        "--backup-days",
        type=int,
        default=DEFAULT_BACKUP_DAYS,
        metavar="N",
        help=f"a backup older than N days is a finding (default {DEFAULT_BACKUP_DAYS})",
    )
    d.add_argument(
        "--fix",
        action="store_true",
        help="make wrong modes private and move an old RADAR_HOME/pseudonym.key",
    )
    d.set_defaults(func=cmd_doctor)
