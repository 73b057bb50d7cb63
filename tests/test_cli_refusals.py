"""Refusals in one language: an export that cannot be used (binary, a mapping naming a
column the file lacks), broken settings (the procurement ladder, operating evidence),
a broken roles.yaml or meldingen.yaml, and a register workbook the register refuses; what
radar says of each is in the language asked, with no word of the other (the marker words
of tests/test_cli_messages.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_cli_messages import _run, foreign_words

# ------------------------------------------- files that cannot be used, in one language


def _broken_copy(work: Path, name: str, file: str, old: str, new: str) -> Path:
    """A copy of risks/ with ``old`` replaced by ``new`` (once) in ``file``."""
    from pipelines.core.catalogue import DEFAULT_CATALOGUE_DIR

    folder = work / name
    shutil.copytree(DEFAULT_CATALOGUE_DIR, folder)
    text = (folder / file).read_text("utf-8")
    assert text.count(old) == 1, old
    (folder / file).write_text(text.replace(old, new), "utf-8")
    return folder


@pytest.fixture(scope="module", params=["nl", "en"])
def unusable(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, dict[str, tuple[int, str]]]:
    """An unreadable export (binary; a mapping naming a column the file lacks), a broken
    procurement ladder and operating-evidence setting, a broken roles.yaml and
    meldingen.yaml: what radar says of each, in one language, on a fresh home."""
    from pipelines.meldingen.catalogue import default_catalogue

    lang = request.param
    work = tmp_path_factory.mktemp(f"unusable_{lang}")
    (work / "binary.csv").write_bytes(b"org_unit;name\x00\x01\x02\n")
    (work / "eenheden.csv").write_text("Code;Omschrijving\nWH;Wonen\n", "utf-8")
    mapping = work / "eenheden.mapping.yaml"
    mapping.write_text("dataset: org_units\ncolumns: {Eenheid: org_unit}\n", "utf-8")
    (work / "typo.mapping.yaml").write_text("dataset: org_units\ncolumns: {Code: unit}\n")
    old_step = "{procedure: europees_openbaar, from_eur: 221000, min_quotes: 1}"
    new_step = "{procedure: raamcontract, from_eur: 221000, min_quotes: 1}"
    ladder = _broken_copy(work, "ladder", "settings.yaml", old_step, new_step)
    evidence = _broken_copy(
        work, "evidence", "settings.yaml", "deels_min_share: 0.5", "deels_min_share: 0.95"
    )
    roles = _broken_copy(work, "roles", "roles.yaml", "pages: [rvc.py]", "pages: [rvc.py, rvc.py]")
    meldingen = _broken_copy(
        work, "meldingen", "meldingen.yaml", "routes: [rvc_voorzitter]", "routes: [voorzitter]"
    )
    mp = pytest.MonkeyPatch()
    mp.setenv("RADAR_HOME", str(work / "home"))
    mp.setenv("LANG", "C.UTF-8")
    mp.delenv("LC_ALL", raising=False)
    out: dict[str, tuple[int, str]] = {}

    def run(name: str, *argv: str, catalogue: Path | None = None) -> None:
        with pytest.MonkeyPatch.context() as env:
            if catalogue is not None:
                env.setenv("RADAR_CATALOGUE_DIR", str(catalogue))
            default_catalogue.cache_clear()  # the meldingen catalogue is read once
            _, code, output = _run(["--lang", lang, *argv])
        default_catalogue.cache_clear()
        out[name] = (code, output)

    try:
        run("binary", "ingest", str(work / "binary.csv"))
        run("mapping", "ingest", str(work / "eenheden.csv"), "--mapping", str(mapping))
        run(
            "rule",
            "ingest",
            str(work / "eenheden.csv"),
            "--mapping",
            str(work / "typo.mapping.yaml"),
        )
        run("ladder", "catalogue", "--dir", str(ladder))
        run("evidence", "catalogue", "--dir", str(evidence))
        run("roles", "users", "add", "anna", "--role", "risicomanager", catalogue=roles)
        run("meldingen", "build", "--quiet", catalogue=meldingen)
    finally:
        mp.undo()
    return lang, out


@pytest.mark.parametrize(
    ("name", "nl", "en"),
    [
        (
            "binary",
            "(binaire inhoud: een NUL-byte op regel 1)",
            "(binary content: a NUL byte on line 1)",
        ),
        (
            "mapping",
            "staan niet in het bestand: 'Eenheid' (org_unit)",
            "are not in the file: 'Eenheid' (org_unit)",
        ),
        ("rule", "columns.Code: 'unit' is geen kolom van", "columns.Code: 'unit' is not a column"),
        ("ladder", "ongeldige waarde: een vrijgestelde", "Value error, an exempt procedure"),
        ("evidence", "deels_min_share mag niet boven", "deels_min_share must not be above"),
        ("roles", "veld roles.rvc.pages: ongeldige", "field roles.rvc.pages: Value error"),
        ("roles", "een pagina staat er twee keer in", "a page is listed twice"),
        ("meldingen", "item rvc_lid, veld routes:", "entry rvc_lid, field routes:"),
        ("meldingen", "'voorzitter' is geen van de routes", "'voorzitter' is not one of routes"),
    ],
)
def test_an_unusable_file_is_said_in_one_language(
    unusable: tuple[str, dict[str, tuple[int, str]]], name: str, nl: str, en: str
) -> None:
    """Exit non-zero, what is wrong in the language asked, and no word of the other."""
    lang, out = unusable
    code, output = out[name]
    assert code != 0 and (nl if lang == "nl" else en) in output, out[name]
    wrong = [(line, found) for line in output.splitlines() if (found := foreign_words(line, lang))]
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("lang", "says", "never"),
    [
        ("nl", "import geweigerd, er is niets ingelezen", "import refused"),
        ("en", "import refused, nothing was read in", "import geweigerd"),
    ],
)
def test_a_refused_register_import_is_said_in_one_language(
    demo_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    says: str,
    never: str,
) -> None:
    """A workbook with a cell the register refuses: the refusal and each cell's reason in
    the language asked (the refusal's first line was Dutch in English mode)."""
    from tests.test_register_excel import SHEET_RISKS, edit

    home = tmp_path / "home"
    shutil.copytree(demo_home, home)
    monkeypatch.setenv("RADAR_HOME", str(home))
    book = tmp_path / "register.xlsx"
    assert _run(["register", "export", str(book)])[1] == 0
    edit(book, [(SHEET_RISKS, "G1", "impact", "veel")])
    _, code, output = _run(["--lang", lang, "register", "import", str(book), "--by", "tester"])
    assert code == 1
    assert says in output and never not in output, output
