"""The ``radar`` command line: catalogue, demo, ingest, build, snapshot."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

# Only what ``radar --help`` needs is imported here; pandas, DuckDB, pydantic, reportlab
# and the rest load when a command runs (tests/test_cli.py checks, make bench times it).
from pipelines.cli.audit import add_audit_parser
from pipelines.cli.export import add_export_parser, add_register_excel_parsers
from pipelines.cli.findings import add_findings_parser
from pipelines.cli.ops import add_commands as add_ops_commands
from pipelines.cli.report import add_report_parser
from pipelines.cli.texts import LANGUAGES, Texts, argparse_speaks, language, texts_for
from pipelines.cli.users import add_users_parser
from pipelines.cli.withdraw import add_withdraw_parser
from pipelines.core.keys import private_umask

if TYPE_CHECKING:
    import pandas as pd

    from pipelines.core.catalogue import Catalogue
    from pipelines.ingest.loader import FileResult
    from pipelines.ingest.mapping import Mapping


def catalogue_table(cat: Catalogue, lang: str = "nl") -> pd.DataFrame:
    """The register as one row per risk, in register order."""
    import pandas as pd

    categories = cat.settings.categories
    return pd.DataFrame(
        [
            {
                "id": r.id,
                "categorie" if lang == "nl" else "category": getattr(categories[r.category], lang),
                "naam" if lang == "nl" else "name": getattr(r.name, lang),
                "impact": r.impact,
                "kans" if lang == "nl" else "likelihood": r.inherent_likelihood,
                "risicobereidheid" if lang == "nl" else "appetite": r.appetite,
                "maatregelen" if lang == "nl" else "measures": len(r.control_measures),
                "indicatoren" if lang == "nl" else "indicators": len(cat.indicators_for(r.id)),
            }
            for r in cat.risks_in_order()
        ]
    )


def cmd_catalogue(args: argparse.Namespace) -> int:
    from pipelines.core.catalogue import load_catalogue

    say = texts_for(args)
    if args.dir is not None and not Path(args.dir).is_dir():
        print("radar: " + say("msg.catalogue.no_dir", path=args.dir), file=sys.stderr)
        return 2
    cat = load_catalogue(args.dir)
    table = catalogue_table(cat, args.lang or say.lang)
    if args.format == "csv":
        from pipelines.core.exports import neutralise_frame

        neutralise_frame(table).to_csv(sys.stdout, index=False)
        return 0
    print(table.to_string(index=False))
    n_measures = sum(len(r.control_measures) for r in cat.risks)
    summary = Texts(args.lang or say.lang)(
        "msg.catalogue.summary",
        risks=len(table),
        measures=n_measures,
        indicators=len(cat.indicators),
        items=len(cat.survey.items),
    )
    print("\n" + summary)
    return 0


class ProgressBar:
    """A progress bar over the files of an ingest, on stderr (tqdm)."""

    def __init__(self, enabled: bool, say: Texts | None = None) -> None:
        self.enabled = enabled
        self.say = say or Texts("nl")
        self.bar = None

    def __call__(self, name: str, number: int, total: int) -> None:
        """Called as work on file ``number`` of ``total`` starts."""
        if not self.enabled:
            return
        from tqdm import tqdm

        if self.bar is None:
            self.bar = tqdm(
                total=total,
                desc=self.say("msg.progress.desc"),
                unit=self.say("msg.progress.unit"),
                file=sys.stderr,
            )
        else:
            self.bar.update(1)
        from pipelines.ingest.quarantined import printable  # a file name from outside

        self.bar.set_postfix_str(printable(name))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(self.bar.total - self.bar.n)
            self.bar.close()


def run_build(
    args: argparse.Namespace,
    inputs: list[Path] | None,
    after: Callable[[list[FileResult]], None] | None = None,
) -> int:
    """Ingest and build; exit 1 when a file could not be used or was refused (more than
    ingest.max_quarantined_share of its rows in quarantine), else 0. ``after``: what
    else to say of the files read, after their own lines."""
    from pipelines.build.builder import build
    from pipelines.ingest.quarantined import printable, terminal_safe

    say = texts_for(args)
    progress = ProgressBar(enabled=not args.quiet, say=say)
    try:
        result = build(
            inputs=inputs,
            mappings=getattr(args, "mapping", None),
            progress=progress,
            only_new=inputs is not None,
        )
    finally:
        progress.close()
    unusable = [f for f in result.files if f.error]
    # a file's name and cells come from outside: no escape sequence reaches the terminal,
    # nor a line break in a file's name, which would print a line of its own (helper-269
    # F10: 'vehicle_use\nGEWEIGERD nep.csv')
    for file in result.files:
        name = str(file.path)

        def safe(text: str, name: str = name) -> str:
            return terminal_safe(text.replace(name, printable(name)))

        if file.error:
            print(safe(f"radar: {say.of(file.error)}"), file=sys.stderr)
        elif file.failed:
            print(safe(f"radar: {file.summary(say.lang)}"), file=sys.stderr)
        elif not args.quiet:
            print(safe(file.summary(say.lang)))
    if after is not None:
        after(result.files)
    print(terminal_safe(ingest_summary(result, say)))
    if result.rebuilt:
        print(say("msg.build.rebuilt", path=result.path, models=len(result.models)))
        _say_unlinked_rows(result.path, say)
        _say_running_quarters(result.path, say)
    elif result.changed:
        print(say("msg.build.changed", path=result.path))
    else:
        print(say("msg.build.unchanged", path=result.path))
    if getattr(args, "timings", False):
        print(format_timings(result.timings, say))
        print(format_peak_memory(result.timings, say))
    if unusable or result.refused:
        count = len(unusable) + len(result.refused)
        print("radar: " + say("msg.build.not_ingested", count=count), file=sys.stderr)
        return 1
    return 0


def _say_unlinked_rows(path: Path, say: Texts) -> None:
    """Rows that name nobody in the HR data when they happened count in no indicator:
    say how many on stderr (Datakwaliteit lists them per file). Not an error."""
    from pipelines.core.warehouse import read_connection

    with read_connection(path) as con:
        (rows,) = con.execute(
            "select coalesce(sum(row_count), 0) from report_unlinked_rows"
        ).fetchone()
    if rows:
        from babel.numbers import format_decimal

        shown = format_decimal(int(rows), locale=NUMBER_LOCALES[say.lang])
        print("radar: " + say("msg.build.unlinked", rows=shown), file=sys.stderr)


def _say_running_quarters(path: Path, say: Texts) -> None:
    """A quarter still running when a dataset's newest export was read in is published
    nowhere yet (int_indicators__period_months): say which, per dataset, on stderr."""
    from pipelines.core.labels import running_quarters
    from pipelines.core.warehouse import read_connection

    with read_connection(path) as con:
        rows = con.execute(
            "select running_quarter, dataset from report_data_freshness "
            "where running_quarter is not null order by running_quarter, dataset"
        ).fetchall()
    if rows:
        items = running_quarters(rows, say.lang)
        print("radar: " + say("msg.build.running", items=items), file=sys.stderr)


NUMBER_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def _seconds(value: float, lang: str = "nl") -> str:
    """Seconds with one decimal: the Dutch way a decimal comma (3,1 s), English 3.1 s."""
    from babel.numbers import format_decimal

    return format_decimal(round(value, 1), format="#,##0.0", locale=NUMBER_LOCALES[lang]) + " s"


def _mib(value: int, lang: str = "nl") -> str:
    """MiB: the Dutch way a point between thousands (2.516 MiB), English 2,516 MiB."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=NUMBER_LOCALES[lang]) + " MiB"


def format_timings(timings, say: Texts | None = None) -> str:  # noqa: ANN001 - BuildTimings
    """One line: where the time of a build or ingest went (--timings).

    For example ``tijden: kopie warehouse 0,4 s (212 MiB); inlezen 3,1 s; modellen 4,2 s;
    wegschrijven 0,6 s; overig 0,1 s; totaal 8,4 s``. Waiting for another writer's lock
    is shown only when it took a noticeable time.
    """
    say = say or Texts("nl")

    def part(key: str, seconds: float) -> str:
        return say("msg.timings." + key, value=_seconds(seconds, say.lang))

    parts = []
    if timings.wait_seconds >= 0.05:
        parts.append(part("wait", timings.wait_seconds))
    copy = part("copy", timings.copy_seconds)
    if timings.copied_bytes:
        copy += f" ({_mib(round(timings.copied_bytes / 2**20), say.lang)})"
    parts += [
        copy,
        part("ingest", timings.ingest_seconds),
        part("models", timings.models_seconds),
        part("publish", timings.publish_seconds),
        part("other", timings.other_seconds),
        part("total", timings.total_seconds),
    ]
    return say("msg.timings", parts="; ".join(parts))


def format_peak_memory(timings, say: Texts | None = None) -> str:  # noqa: ANN001 - BuildTimings
    """One line: the process's peak memory so far at the end of the ingest, of the
    models and of the whole build or ingest (--timings), e.g. ``geheugen (piek): na
    inlezen 1.210 MiB; na modellen 2.516 MiB; aan het eind 2.516 MiB``."""
    say = say or Texts("nl")

    def part(key: str, mib: int) -> str:
        return say("msg.memory." + key, value=_mib(mib, say.lang))

    parts = [part("after_ingest", timings.peak_mib_after_ingest)]
    if timings.peak_mib_after_models:
        parts.append(part("after_models", timings.peak_mib_after_models))
    parts.append(part("at_end", timings.peak_mib))
    return say("msg.memory", parts="; ".join(parts))


def ingest_summary(result, say: Texts | None = None) -> str:  # noqa: ANN001 - BuildResult
    """One line: how many files were loaded, refused (named), unusable and skipped."""
    files = result.files
    refused = result.refused
    named = [f.path.name + (f" [{f.sheet}]" if f.sheet else "") for f in refused]
    names = " (" + ", ".join(named) + ")" if refused else ""
    return (say or Texts("nl"))(
        "msg.ingest.summary",
        loaded=len(result.loaded),
        refused=len(refused),
        names=names,
        unusable=sum(1 for f in files if f.error),
        skipped=sum(1 for f in files if f.skipped),
    )


def cmd_build(args: argparse.Namespace) -> int:
    return run_build(args, inputs=None)


def cmd_ingest(args: argparse.Namespace) -> int:
    say = texts_for(args)
    missing = [p for p in args.paths if not p.exists()]
    for p in missing:
        print("radar: " + say("msg.ingest.no_path", path=p), file=sys.stderr)
    if missing:
        return 2
    from pipelines.ingest.loader import expand_paths

    files, mappings = expand_paths(args.paths)
    _say_skipped_files(args.paths, say)
    if not files:
        where = ", ".join(str(p) for p in args.paths)
        print("radar: " + say("msg.ingest.no_files", where=where), file=sys.stderr)
        return 1
    return run_build(args, inputs=args.paths, after=_unused_mappings(args, files, mappings, say))


def _say_skipped_files(paths: list[Path], say: Texts) -> None:
    """Files in the folders given that are not read (another format, Excel's lock file):
    named on stderr, so none is left out without a word."""
    from pipelines.ingest.folders import skipped_in_folders
    from pipelines.ingest.quarantined import terminal_safe

    skipped = skipped_in_folders(paths)
    if skipped:
        names = ", ".join(str(p) for p in skipped[:10])
        more = len(skipped) - 10
        if more > 0:
            names += " " + say("msg.ingest.skipped_more", count=more)
        print(terminal_safe("radar: " + say("msg.ingest.skipped", names=names)), file=sys.stderr)


def _unused_mappings(
    args: argparse.Namespace, files: list[Path], found: list[Mapping], say: Texts
) -> Callable[[list[FileResult]], None]:
    """What to say, once the files are read, of a mapping in a folder that reads none of
    its files (a typo in files:, none, or another mapping taking its files first): the
    file it was meant for is read without it. Said naming the files of its dataset (or of
    none: refused) read without a mapping in this run; with none of those, it waits for
    its export (a monthly folder's mapping for every system) and nothing is said
    (helper-120: org_units.csv, read as it is, made every absent system's mapping warn).
    A mapping given with --mapping too is used, not passed over. Not an error."""
    from pipelines.ingest.loads import choose_mappings
    from pipelines.ingest.mapping import load_mapping
    from pipelines.ingest.quarantined import terminal_safe
    from pipelines.ingest.readers import UnusableFile

    try:
        explicit = [load_mapping(Path(m)) for m in getattr(args, "mapping", None) or []]
    except UnusableFile:
        return lambda results: None  # the build says what is wrong with it
    chosen = {f: choose_mappings(f, explicit, found) for f in files}
    used = {m.path.resolve() for ms in chosen.values() for m in ms if m is not None}
    unmapped = {f.resolve() for f in files if chosen[f] == [None]}

    def said(results: list[FileResult]) -> None:
        read = [r for r in results if r.path.resolve() in unmapped and not r.skipped]
        for mapping in found:
            if mapping.path.resolve() in used:
                continue
            taken = next((f for f in files if mapping.applies_to(f)), None)
            if taken is not None:  # another mapping took the file it was meant for
                same = [m for m in chosen[taken] if m is not None and m.sheet == mapping.sheet]
                first = (same or chosen[taken])[0]
                text = say(
                    "msg.ingest.mapping_passed_over",
                    mapping=mapping.path,
                    file=taken,
                    chosen=first.path if first is not None else "-",
                )
            elif not mapping.files:  # never applies to a file found in a folder
                text = say("msg.ingest.mapping_without_files", mapping=mapping.path)
            else:
                meant = sorted({str(r.path) for r in read if r.dataset in (None, mapping.dataset)})
                if not meant:
                    continue
                names = ", ".join(meant[:5]) + (" ..." if len(meant) > 5 else "")
                patterns = ", ".join(mapping.files)
                text = say(
                    "msg.ingest.mapping_unused",
                    mapping=mapping.path,
                    patterns=patterns,
                    files=names,
                )
            print(terminal_safe("radar: " + text), file=sys.stderr)

    return said


def cmd_demo(args: argparse.Namespace) -> int:
    from pipelines.build.builder import raw_dir
    from pipelines.demo import generate_demo

    say = texts_for(args)
    out = args.out or raw_dir() / "demo"
    manifest = generate_demo(out, size=args.size, seed=args.seed, progress=not args.quiet)
    print(say("msg.demo.written", path=out, manifest=manifest.name))
    if args.out is None:  # the demo's own RADAR_HOME: its registers too
        from pipelines.core.warehouse import radar_home
        from pipelines.demo.registers import fill_registers

        filled = fill_registers(radar_home(), size=args.size, seed=args.seed)
        print(
            say(
                "msg.demo.registers",
                meldingen=filled.meldingen,
                audits=filled.audits,
                findings=filled.findings,
            )
        )
    return 0


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "onbekend"


def cmd_snapshot(args: argparse.Namespace) -> int:
    from pipelines.reports.snapshot import SnapshotError, take_snapshot

    say = texts_for(args)
    try:
        path = take_snapshot(args.quarter, actor=args.by or _user())
    except SnapshotError as exc:
        print("radar: " + say.of(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print("radar: " + say("msg.snapshot.not_written", error=exc), file=sys.stderr)
        return 1
    from pipelines.core import formats

    snapshot = json.loads(path.read_text(encoding="utf-8"))
    counts = snapshot["summary"]["counts"]
    by = snapshot["created_by"]
    print(say("msg.snapshot.written", quarter=args.quarter, path=path, by=by))
    # the headline the board reads (pipelines/core/headline.py), in the same words as the page
    for sentence in snapshot["texts"][say.lang]:
        print(sentence)
    when = formats.date(snapshot["overdue_as_of"], say.lang)
    count = formats.whole(counts["overdue_controls"], say.lang)
    print(say("msg.snapshot.overdue", date=when, count=count))
    return 0


def parser(lang: str = "nl") -> argparse.ArgumentParser:
    """The radar parser with every help text, and argparse's own words, in ``lang``."""
    h = Texts(lang)
    with argparse_speaks(lang):
        return _parser(h)


def _parser(h: Texts) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="radar", description=h("radar.description"))
    # read before the parser is built (texts.language); here for --help and the check
    p.add_argument("--lang", dest="cli_lang", choices=LANGUAGES, help=h("radar.lang"))
    sub = p.add_subparsers(
        dest="command", required=True, metavar=h("metavar.COMMAND"), help=h("radar.command")
    )

    c = sub.add_parser("catalogue", help=h("catalogue"), description=h("catalogue"))
    c.add_argument("--lang", choices=["nl", "en"], default=None, help=h("catalogue.lang"))
    c.add_argument(
        "--format", choices=["table", "csv"], default="table", help=h("catalogue.format")
    )
    c.add_argument("--dir", default=None, metavar=h("metavar.DIR"), help=h("catalogue.dir"))
    c.set_defaults(func=cmd_catalogue)

    b = sub.add_parser("build", help=h("build"), description=h("build"))
    b.add_argument("--quiet", action="store_true", help=h("quiet"))
    b.add_argument("--timings", action="store_true", help=h("timings"))
    b.set_defaults(func=cmd_build)

    i = sub.add_parser("ingest", help=h("ingest"), description=h("ingest"))
    i.add_argument("paths", nargs="+", type=Path, metavar=h("metavar.PATH"), help=h("ingest.paths"))
    i.add_argument(
        "--mapping",
        action="append",
        type=Path,
        default=[],
        metavar="YAML",
        help=h("ingest.mapping"),
    )
    i.add_argument("--quiet", action="store_true", help=h("quiet"))
    i.add_argument("--timings", action="store_true", help=h("timings"))
    i.set_defaults(func=cmd_ingest)
    add_withdraw_parser(sub, h)

    d = sub.add_parser("demo", help=h("demo"), description=h("demo"))
    d.add_argument("--size", choices=["small", "large"], default="small", help=h("demo.size"))
    d.add_argument("--seed", type=int, default=42, metavar="N", help=h("demo.seed"))
    d.add_argument("--out", type=Path, default=None, metavar=h("metavar.DIR"), help=h("demo.out"))
    d.add_argument("--quiet", action="store_true", help=h("quiet"))
    d.set_defaults(func=cmd_demo)

    s = sub.add_parser("snapshot", help=h("snapshot"), description=h("snapshot.description"))
    s.add_argument("quarter", metavar=h("metavar.QUARTER"), help=h("quarter"))
    s.add_argument("--by", default=None, metavar=h("metavar.NAME"), help=h("snapshot.by"))
    s.set_defaults(func=cmd_snapshot)

    add_audit_parser(sub, h)
    add_ops_commands(sub, h)
    add_users_parser(sub, h)
    add_report_parser(sub, h)
    add_export_parser(sub, h)
    add_register_excel_parsers(sub, h)
    add_findings_parser(sub, h)
    return p


def command_parser(top: argparse.ArgumentParser, argv: list[str]) -> argparse.ArgumentParser:
    """The parser of the (sub)command ``argv`` names: ``radar users add`` -> add's."""
    current, rest = top, list(argv)
    while True:
        subcommands = next(
            (a for a in current._actions if isinstance(a, argparse._SubParsersAction)), None
        )
        if subcommands is None:
            return current
        named = next((i for i, word in enumerate(rest) if word in subcommands.choices), None)
        if named is None:
            return current
        current, rest = subcommands.choices[rest[named]], rest[named + 1 :]


def _user_errors() -> tuple[type[Exception], ...]:
    """The errors a command reports as "radar: ..." with exit 2 (bad catalogue, model,
    file, busy warehouse, key, audit log); imported only once one has happened."""
    from pipelines.build.models import ModelError
    from pipelines.core.catalogue import CatalogueError
    from pipelines.core.warehouse import WarehouseBusy
    from pipelines.ingest.pseudonym import PseudonymKeyError
    from pipelines.ingest.readers import UnusableFile
    from pipelines.register.audit_log import AuditError

    return (CatalogueError, ModelError, UnusableFile, WarehouseBusy, PseudonymKeyError, AuditError)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = language(argv, os.environ)
    with argparse_speaks(lang):
        top = parser(lang)
        args, unknown = top.parse_known_args(argv)
        if unknown:  # said by the command's own parser, with its usage (not radar's)
            message = argparse._("unrecognized arguments: %s")  # type: ignore[attr-defined]
            command_parser(top, argv).error(message % " ".join(unknown))
    args.cli_lang = lang  # what the command prints (texts.texts_for), in the help's language
    # what radar writes (warehouse, register, snapshots, exports) is for its owner only
    previous_umask = private_umask()
    try:
        return args.func(args)
    except BrokenPipeError:
        # the reader stopped early (radar catalogue | head): quietly, as cat does; stdout
        # pointed at nothing so that Python's own flush at exit has nowhere to fail
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a command whose pipe closed
    except Exception as exc:
        if not isinstance(exc, _user_errors()):
            raise
        print("radar: " + Texts(lang).of(exc), file=sys.stderr)
        return 2
    finally:
        os.umask(previous_umask)


if __name__ == "__main__":
    sys.exit(main())
