"""What the radar commands print speaks one language: Dutch by default, English with
--lang en. Every command runs in process (pipelines.cli.main.main) on a copy of the small
built demo, once per language; each line of its output (stdout and stderr) may hold no
word of the other language. The messages' texts are in pipelines/core/locales/cli.yaml
(the command line), ingest.yaml and the capabilities' locale files (tests/test_docs.py
checks each key has both languages)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.cli.main import main
from pipelines.cli.texts import cli_texts
from pipelines.core.texts import Joined, Message, MessageError, in_language
from tests.readers import reading

# Words of one language that the other does not use. Paths, file names and codes (any
# token with "/", "." or "_" in it), options (--head) and `commands` are left out before
# the words are looked for.
DUTCH = (
    "het een niet geen zijn wordt naar bestand bestanden regels rijen gewijzigd ingelezen "
    "geladen toegevoegd gebruiker gebruikersnaam wachtwoord bevinding bevindingen "
    "momentopname momentopnamen sleutel sleutels door van met voor bij uit nog ook maar dat "
    "die deze er de te heeft kop opmerking hersteld teruggezet bewaard geschreven "
    "verwijderd aangemaakt ontgrendeld gecontroleerd orde verwacht bestaat map fout let "
    "tijden geheugen inlezen modellen totaal overig"
).split()
ENGLISH = (
    "the not no file files rows records loaded with and to user password written found "
    "by from are made added removed checked exists expected note head key keys unchanged "
    "nothing new ingested refused models total other memory timings folder does should than "
    "least"
).split()
TOKEN = re.compile(r"`[^`]*`|\S*[/._\\]\S*|(?<!\S)--?[\w-]+")


def foreign_words(text: str, lang: str) -> list[str]:
    """The words of ``text`` that belong to the other language than ``lang``."""
    other = set(ENGLISH if lang == "nl" else DUTCH)
    return sorted(words(text) & other)


def words(text: str) -> set[str]:
    """The words of ``text``: runs of letters (a run with a digit, as in a hash, is none)."""
    runs = re.findall(r"[^\W_]+", TOKEN.sub(" ", text).lower())
    return {w for w in runs if w.isalpha()}


def assert_one_language(out: dict[str, tuple[int, str]], lang: str) -> None:
    """No line of any output in ``out`` (name -> (exit code, output)) holds a word of the
    other language than ``lang``."""
    wrong = [
        (name, line, found)
        for name, (_, output) in out.items()
        for line in output.splitlines()
        if (found := foreign_words(line, lang))
    ]
    assert not wrong, "\n".join(f"{n}\n    {line!r}: {f}" for n, line, f in wrong)


def test_the_marker_words_find_a_dutch_message_in_english_and_back() -> None:
    assert foreign_words("Gebruiker anna verwijderd", "en") == ["gebruiker", "verwijderd"]
    assert foreign_words("User anna removed", "nl") == ["removed", "user"]
    assert foreign_words("/tmp/the_file.csv -> org_units", "nl") == []


def test_no_message_of_cli_yaml_holds_a_word_of_the_other_language() -> None:
    """The marker lists fit the texts: each msg.* text is clean in its own language."""
    wrong = {
        (key, lang): found
        for key, entry in cli_texts().items()
        if key.startswith("msg.")
        for lang in ("nl", "en")
        if (found := foreign_words(entry[lang].format_map(_Blank()), lang))
    }
    assert not wrong, wrong


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def test_a_message_is_dutch_as_text_and_says_itself_in_english() -> None:
    """pipelines.core.texts.Message: str() the Dutch the dashboard and the logs show,
    text("en") for radar --lang en; a value that is a Message or Joined follows along."""
    missing = Message("backup.file_missing", name="register.sqlite")
    error = MessageError(Message("backup.damaged", directory="/b", problems=Joined([missing])))
    assert str(error) == (
        "de back-up in /b is gewijzigd of beschadigd; er is niets teruggezet:\n"
        "register.sqlite: ontbreekt"
    )
    assert error.text("en") == (
        "the backup in /b was changed or damaged; nothing was restored:\nregister.sqlite: missing"
    )
    assert missing == "register.sqlite: ontbreekt" and in_language("plain", "en") == "plain"
    with pytest.raises(KeyError):
        Message("no.such.key")


def _quarter(home: Path) -> str:
    with reading(str(home / "warehouse.duckdb")) as con:
        return con.execute(
            "select max(period) from report_risk_scores where period_type = 'quarter'"
        ).fetchone()[0]


def _commands(home: Path, work: Path, quarter: str) -> list[list[str]]:
    """Every radar command, successes and the errors a user meets first, in an order that
    works (a snapshot before its report, a backup before its restore, ...)."""
    demo_file = sorted((home / "raw" / "demo").rglob("*.csv"))[0]
    empty = work / "empty"
    empty.mkdir()
    bad_findings = work / "findings.csv"
    bad_findings.write_text("audit_id;titel\nA1;x\n", encoding="utf-8")
    return [
        ["catalogue"],
        ["catalogue", "--dir", str(work / "nonexistent")],
        ["demo", "--out", str(work / "demo"), "--quiet"],
        ["ingest", str(demo_file)],
        ["ingest", str(work / "nonexistent.csv")],
        ["ingest", str(empty)],
        ["build", "--quiet", "--timings"],
        ["snapshot", quarter, "--by", "tester"],
        ["snapshot", "1999-Q1", "--by", "tester"],
        ["report", quarter, "--out", str(work / "rvc.pdf")],
        ["report", "1999-Q1", "--out", str(work / "none.pdf")],
        ["export", "--out", str(work / "parquet")],
        ["register", "export", str(work / "register.xlsx")],
        ["register", "import", str(work / "register.xlsx"), "--by", "tester"],
        ["register", "import", str(work / "nonexistent.xlsx"), "--by", "tester"],
        ["findings", "import", str(work / "nonexistent.csv"), "--by", "tester"],
        ["findings", "import", str(bad_findings), "--by", "tester"],
        ["audit", "verify"],
        ["audit", "verify", "--head", "12:abc"],
        ["audit", "head"],
        ["audit", "migrate"],
        ["backup", str(work / "backup")],
        ["backup", str(work / "backup")],
        ["restore", str(work / "backup")],
        ["restore", str(work / "nonexistent")],
        ["restore", str(work / "backup"), "--force"],
        ["doctor"],
        ["users", "list"],
        ["users", "add", "anna", "--role", "risicomanager"],
        ["users", "add", "anna", "--role", "risicomanager"],
        ["users", "list"],
        ["users", "set-role", "anna", "dt"],
        ["users", "set-password", "anna"],
        ["users", "unlock", "anna"],
        ["users", "remove", "anna"],
        ["users", "demo"],
        ["users", "demo"],
    ]


@pytest.fixture(scope="module", params=["nl", "en"])
def outputs(
    request: pytest.FixtureRequest, demo_home: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, list[tuple[str, int, str]]]:
    """Each command's (command line, exit code, output) in one language, on a fresh copy of
    the demo (the commands change it: a snapshot, users, a restore)."""
    lang = request.param
    work = tmp_path_factory.mktemp(f"cli_{lang}")
    home = work / "home"
    shutil.copytree(demo_home, home)
    mp = pytest.MonkeyPatch()
    mp.setenv("RADAR_HOME", str(home))
    mp.setenv("LANG", "C.UTF-8")
    mp.delenv("LC_ALL", raising=False)
    results = []
    try:
        for argv in _commands(home, work, _quarter(home)):
            results.append(_run(["--lang", lang, *argv]))
    finally:
        mp.undo()
    return lang, results


def _run(argv: list[str]) -> tuple[str, int, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return " ".join(argv), code, out.getvalue() + err.getvalue()


def test_every_command_prints_in_one_language(
    outputs: tuple[str, list[tuple[str, int, str]]],
) -> None:
    lang, results = outputs
    wrong = [
        (command, line, found)
        for command, _, output in results
        for line in output.splitlines()
        if (found := foreign_words(line, lang))
    ]
    assert not wrong, "\n".join(f"{c}\n    {line!r}: {f}" for c, line, f in wrong)


def test_every_command_says_something_and_the_errors_exit_non_zero(
    outputs: tuple[str, list[tuple[str, int, str]]],
) -> None:
    lang, results = outputs
    assert all(output.strip() for _, _, output in results), results
    codes = {command.split(" ", 2)[2]: code for command, code, _ in results}
    assert codes["catalogue"] == 0
    assert codes["users list"] == 0
    assert codes["audit verify"] == 0, results
    failing = [c for c in codes if "nonexist" in c or "1999-Q1" in c]
    assert failing and all(codes[c] != 0 for c in failing), codes


def test_the_dutch_and_english_outputs_differ_line_by_line(
    outputs: tuple[str, list[tuple[str, int, str]]],
) -> None:
    """Each command printed something of its language: a Dutch line in the Dutch run, an
    English one in the English run (not only paths and numbers)."""
    lang, results = outputs
    own = set(DUTCH if lang == "nl" else ENGLISH)
    silent = [
        command
        for command, _, output in results
        # users list: a table of names, roles and dates (the role's name in the language)
        if not own & words(output) and not command.endswith("users list")
    ]
    assert not silent, silent


@pytest.mark.parametrize(
    ("lang_env", "expected"),
    [
        ("C.UTF-8", "de map van de catalogus bestaat niet"),
        ("en_GB.UTF-8", "the catalogue folder does not exist"),
    ],
)
def test_a_missing_catalogue_folder_is_named_in_the_language_of_the_environment(
    tmp_path: Path, lang_env: str, expected: str
) -> None:
    """LANG as the user's shell sets it (a subprocess): Dutch unless it starts with en."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL")}
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.cli.main", "catalogue", "--dir", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        env=env | {"LANG": lang_env},
    )
    assert done.returncode == 2
    assert done.stderr == f"radar: {tmp_path / 'x'}: {expected}\n"


# ---------------------------------------------------------------- a tampered home

REGISTER_SQL = Path(__file__).resolve().parent / "fixtures" / "register_sha256_chain.sql"


def _tamper(home: Path) -> None:
    """Change the register and the meldingen register outside their audit logs: a risk's
    value edited, an append-only trigger dropped, a meldingen log record rewritten."""
    import sqlite3

    con = sqlite3.connect(home / "register.sqlite")
    con.execute("update risk_assessments set updated_by = 'mallory' where rowid = 1")
    con.execute("drop trigger audit_log_is_append_only_delete")
    con.commit()
    con.close()
    con = sqlite3.connect(home / "meldingen.sqlite")
    con.execute("drop trigger meldingen_audit_is_append_only_update")
    con.execute("update meldingen_audit set actor = 'mallory' where audit_id = 1")
    con.commit()
    con.close()


def _old_register(work: Path) -> Path:
    """A home whose register has the old keyless chain, and an audit key that exists
    already (so `radar audit migrate` refuses)."""
    import sqlite3

    home = work / "old_home"
    home.mkdir()
    con = sqlite3.connect(home / "register.sqlite")
    con.executescript(REGISTER_SQL.read_text("utf-8"))
    con.close()
    key = work / "keys" / "audit.key"
    key.parent.mkdir(mode=0o700)
    key.write_text("k" * 64 + "\n", encoding="utf-8")
    key.chmod(0o600)
    return home


def _break_old_chain(home: Path) -> None:
    import sqlite3

    con = sqlite3.connect(home / "register.sqlite")
    triggers = [r[0] for r in con.execute("select name from sqlite_master where type='trigger'")]
    for name in triggers:
        con.execute(f"drop trigger {name}")
    con.execute("update audit_log set actor = 'mallory' where audit_id = 3")
    con.commit()
    con.close()


@pytest.fixture(scope="module", params=["nl", "en"])
def tampered(
    request: pytest.FixtureRequest, demo_home: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, dict[str, tuple[int, str]]]:
    """The audit log's findings and refusals, in one language: verify, head and restore on a
    tampered home, migrate and verify on an old register (refused twice)."""
    lang = request.param
    work = tmp_path_factory.mktemp(f"tampered_{lang}")
    home = work / "home"
    shutil.copytree(demo_home, home)
    mp = pytest.MonkeyPatch()
    mp.setenv("RADAR_HOME", str(home))
    mp.setenv("LANG", "C.UTF-8")
    mp.delenv("LC_ALL", raising=False)
    out: dict[str, tuple[int, str]] = {}

    def run(name: str, *argv: str) -> None:
        _, code, output = _run(["--lang", lang, *argv])
        out[name] = (code, output)

    try:
        _tamper(home)
        run("verify", "audit", "verify")
        run("head", "audit", "head")
        run("backup", "backup", str(work / "backup"))
        run("restore", "restore", str(work / "backup"), "--force")
        old = _old_register(work)
        mp.setenv("RADAR_HOME", str(old))
        mp.setenv("RADAR_AUDIT_KEY_FILE", str(work / "keys" / "audit.key"))
        run("old verify", "audit", "verify")
        run("migrate", "audit", "migrate", "--by", "tester")
        _break_old_chain(old)
        run("migrate broken", "audit", "migrate", "--by", "tester", "--confirm-old-log")
    finally:
        mp.undo()
    return lang, out


def test_the_audit_logs_findings_and_refusals_are_in_one_language(
    tampered: tuple[str, dict[str, tuple[int, str]]],
) -> None:
    lang, out = tampered
    own = set(DUTCH if lang == "nl" else ENGLISH)
    assert_one_language(out, lang)
    failed = {name: code for name, (code, _) in out.items() if name != "backup"}
    assert all(code != 0 for code in failed.values()), out
    assert all(own & words(output) for _, output in out.values()), out


@pytest.mark.parametrize(
    ("name", "nl", "en"),
    [
        ("verify", "buiten het auditlog gewijzigd", "changed outside the audit log"),
        ("verify", "niet meer alleen-toevoegen", "no longer append-only"),
        ("restore", "meldingen.sqlite, auditlog: trigger", "meldingen.sqlite, audit log: trigger"),
        ("restore", "inhoud gewijzigd, de MAC klopt niet", "content changed, the MAC does not"),
        ("old verify", "een log met een MAC-keten werd verwacht", "a log with a MAC chain was"),
        ("migrate", "niet omgezet: de sleutel bestaat al", "not converted: the key exists"),
        ("migrate broken", "inhoud gewijzigd: de hash", "content changed: the hash"),
    ],
)
def test_each_finding_says_what_it_found(
    tampered: tuple[str, dict[str, tuple[int, str]]], name: str, nl: str, en: str
) -> None:
    lang, out = tampered
    assert (nl if lang == "nl" else en) in out[name][1], out[name]


# ---------------------------------------------------------------- errors every command meets


def _with_extra_column(source: Path, target: Path) -> Path:
    """``source`` (a demo export) with one column the contract does not know: ingest
    notes that it was ignored."""
    lines = source.read_text("latin-1").splitlines()  # any encoding, bytes kept
    sep = ";" if ";" in lines[0] else ","
    rows = [lines[0] + f"{sep}extra_kolom", *(line + f"{sep}x" for line in lines[1:])]
    target.write_text("\n".join(rows) + "\n", "latin-1")
    return target


@pytest.fixture(scope="module", params=["nl", "en"])
def errors(
    request: pytest.FixtureRequest, demo_home: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, dict[str, tuple[int, str]]]:
    """Each error a command reports as "radar: ..." (a broken catalogue, a short pseudonym
    key, a key file others may read) and an ingest note, in one language, on a copy of the demo."""
    from pipelines.core.catalogue import DEFAULT_CATALOGUE_DIR

    lang = request.param
    work = tmp_path_factory.mktemp(f"errors_{lang}")
    home = work / "home"
    shutil.copytree(demo_home, home)
    broken = work / "risks"
    shutil.copytree(DEFAULT_CATALOGUE_DIR, broken)
    settings = broken / "settings.yaml"
    text = settings.read_text("utf-8")
    settings.write_text(re.sub(r"min_group_size: \d+", "min_group_size: 2", text), "utf-8")
    demo = sorted((home / "raw" / "demo").rglob("*.csv"))
    mp = pytest.MonkeyPatch()
    mp.setenv("RADAR_HOME", str(home))
    mp.setenv("LANG", "C.UTF-8")
    mp.delenv("LC_ALL", raising=False)
    out: dict[str, tuple[int, str]] = {}

    def run(name: str, *argv: str) -> None:
        _, code, output = _run(["--lang", lang, *argv])
        out[name] = (code, output)

    try:
        run("catalogue", "catalogue", "--dir", str(broken))
        with pytest.MonkeyPatch.context() as env:
            env.setenv("RADAR_CATALOGUE_DIR", str(broken))
            run("build", "build", "--quiet")
        run("note", "ingest", str(_with_extra_column(demo[0], work / demo[0].name)))
        with pytest.MonkeyPatch.context() as env:
            env.setenv("RADAR_PSEUDONYM_KEY", "short")
            run("key", "ingest", str(_with_extra_column(demo[1], work / demo[1].name)))
        open_key = work / "open.key"
        open_key.write_text("k" * 64 + "\n", "utf-8")
        open_key.chmod(0o644)
        with pytest.MonkeyPatch.context() as env:
            env.setenv("RADAR_KEY_FILE", str(open_key))
            run("key file", "ingest", str(_with_extra_column(demo[2], work / demo[2].name)))
    finally:
        mp.undo()
    return lang, out


def test_the_errors_every_command_meets_are_in_one_language(
    errors: tuple[str, dict[str, tuple[int, str]]],
) -> None:
    lang, out = errors
    own = set(DUTCH if lang == "nl" else ENGLISH)
    assert_one_language(out, lang)
    assert {name: code for name, (code, _) in out.items()} == {
        "catalogue": 2,
        "build": 2,
        "note": 0,
        "key": 2,
        "key file": 2,
    }, out
    silent = [name for name, (_, output) in out.items() if not own & words(output)]
    assert not silent, out


@pytest.mark.parametrize(
    ("name", "nl", "en"),
    [
        ("catalogue", "veld privacy.min_group_size: moet groter", "field privacy.min_group_size"),
        ("build", "settings.yaml:", "settings.yaml:"),
        ("build", "moet groter dan of gelijk aan 3 zijn", "greater than or equal to 3"),
        ("note", "let op: kolom(men) niet in het contract", "note: column(s) not in the"),
        ("key", "RADAR_PSEUDONYM_KEY is te kort", "RADAR_PSEUDONYM_KEY is too short"),
        ("key file", "(pseudonimiseringssleutel) is leesbaar", "(pseudonym key) can be read"),
    ],
)
def test_each_error_says_what_is_wrong(
    errors: tuple[str, dict[str, tuple[int, str]]], name: str, nl: str, en: str
) -> None:
    lang, out = errors
    assert (nl if lang == "nl" else en) in out[name][1], out[name]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nl", "een andere build of ingest is bezig"), ("en", "another build or ingest is running")],
)
def test_a_busy_warehouse_is_said_in_the_language_asked(
    tmp_path: Path, lang: str, expected: str
) -> None:
    """Another writer holds the warehouse's lock: a writer that may not wait is refused
    (the dashboard's upload; radar itself waits), in either language."""
    import fcntl

    from pipelines.cli.texts import Texts
    from pipelines.core.warehouse import WarehouseBusy, rebuilding

    path = tmp_path / "warehouse.duckdb"
    with open(tmp_path / "warehouse.duckdb.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(WarehouseBusy) as busy, rebuilding(path, wait=False):
            pass
    said = Texts(lang).of(busy.value)
    assert said == f"{path}: {expected}"
    assert not foreign_words(said, lang)


def test_no_ingest_note_says_let_op_itself() -> None:
    """The CLI prints each note of a file as file.note, "let op: {note}" ("note: {note}"):
    a note that began so itself was printed "let op: let op: ..."."""
    from pipelines.core.texts import messages

    doubled = [
        key
        for key, entry in messages("ingest").items()
        if key.startswith("note.")
        and (entry["nl"].lower().startswith("let op") or entry["en"].lower().startswith("note:"))
    ]
    assert doubled == []
