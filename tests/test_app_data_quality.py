"""The Datakwaliteit page, run by Streamlit's AppTest against a real warehouse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.apphelpers import frame_with, run_app
from tests.formathelpers import page_texts
from tests.readers import reading
from tests.test_labels import produced_codes


def org_and_survey(folder: Path) -> tuple[Path, Path]:
    """Two org units and a survey export of three rows, one at a unit outside the tree
    and one answer out of range: 2 of 3 quarantined."""
    org = folder / "org_units.csv"
    org.write_text("org_unit;name;parent_unit;level\nWH;W;;organisatie\nT1;Team;WH;team\n")
    survey = folder / "survey.csv"
    survey.write_text(
        "respondent_key;wave_date;org_unit;item_code;answer\n"
        "R1;15-03-2026;T1;CLA1;4\nR1;15-03-2026;T1;CLA2;6\nR2;15-03-2026;ZZ;CLA1;2\n"
    )
    return org, survey


def test_the_data_quality_page_shows_files_quarantine_and_freshness(
    tmp_path: Path, monkeypatch
) -> None:
    from pipelines.build.builder import build

    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    org, survey = org_and_survey(tmp_path)
    # 2 of 3 rows quarantined is more than ingest.max_quarantined_share: with the
    # default the file would be refused (tests/test_ingest_failed_files.py); here the
    # page is shown with a file that was partly loaded.
    from tests.test_ingest import lenient

    build(path=home / "warehouse.duckdb", inputs=[org, survey], catalogue=lenient())

    at = run_app("data_quality.py")
    assert not at.exception
    assert at.title[0].value == "Datakwaliteit"
    assert [h.value for h in at.header] == [
        "Actualiteit per dataset",
        "Ingelezen bestanden",
        "Quarantaine",
        "Rijen zonder medewerker",
    ]
    files = frame_with(at, "Ingelezen op")
    assert sorted(files["Bestand"]) == ["org_units.csv", "survey.csv"]
    survey_row = files[files["Bestand"] == "survey.csv"].iloc[0]
    assert (survey_row["Rijen in"], survey_row["Geladen"], survey_row["Quarantaine"]) == (
        "3",
        "1",
        "2",
    )
    assert survey_row["Dataset"] == "Medewerkersonderzoek"
    quarantine = frame_with(at, "Regel")
    assert sorted(quarantine["Regel"]) == ["3", "4"]
    assert "2 rijen in quarantaine (van 5 ingelezen)." in [c.value for c in at.caption]

    reasons = at.multiselect(key="q_reason")
    assert reasons.placeholder == "Kies..."
    assert "Onbekende organisatie-eenheid" in reasons.options
    reasons.select("unknown_org_unit").run()
    shown = frame_with(at, "Regel")
    assert list(shown["Waarde"]) == ["ZZ"]
    assert list(shown["Reden"]) == ["Onbekende organisatie-eenheid"]
    assert list(shown["Kolom"]) == ["Code organisatie-eenheid"]
    assert list(shown["Toelichting"]) == [
        "survey.csv, regel 4, kolom Code organisatie-eenheid, waarde 'ZZ': "
        "Code organisatie-eenheid is geen bekende organisatie-eenheid (Organisatie-eenheden): "
        "lees de organisatie-eenheden in, vóór of samen met dit bestand, of vertaal de code in "
        "de kolomkoppeling onder values"
    ]
    freshness = frame_with(at, "Nieuwste datum").set_index("Dataset")
    assert freshness.loc["Medewerkersonderzoek", "Rijen"] == "1"
    assert freshness.loc["Medewerkersonderzoek", "Nieuwste datum"] == "15-03-2026"
    assert freshness.loc["Organisatie-eenheden", "Nieuwste datum"] == "–"


# --- No codes, no "None", Dutch numbers and dates ------------------------------------------


# A code shown as a word of its own (a file name such as org_units.csv is not one).
def _as_words(codes) -> re.Pattern:
    alternatives = "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True))
    return re.compile(rf"(?<![\w./\\])({alternatives})(?!\w|\.\w)")


FORBIDDEN = {
    "a dataset id": _as_words(produced_codes()["dataset"]),
    "a check class": re.compile(r"\bExpect[A-Z]\w+"),
    "a reason code": _as_words(produced_codes()["reason"]),
    # a contract's column such as wave_date (one such as "name" is also a word of English)
    "a column name": _as_words(c for c in produced_codes()["field"] if "_" in c),
    "a status code": _as_words(["al_ingelezen", "onbruikbaar"]),
    "None, nan or NaT": re.compile(r"\b(None|nan|NaN|NaT|<NA>)\b"),
    "an ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
}


MESSAGES = ("markdown", "caption", "info", "error", "success", "warning")


def shown_texts(at) -> list[tuple[str, str]]:
    """Every text the page shows: each table cell and column title, and every message."""
    found: list[tuple[str, str]] = []
    for frame in at.dataframe:
        table = frame.value
        found += [("column title", str(c)) for c in table.columns]
        found += [(f"cell of {c}", str(v)) for c in table.columns for v in table[c]]
    for kind in MESSAGES:
        found += [(kind, str(e.value)) for e in getattr(at, kind)]
    for widget in at.multiselect:
        found += [("filter option", o) for o in widget.options]
    return found


def codes_shown(at, *, skip: tuple[str, ...] = ()) -> list[str]:
    """Codes on the page, but for a mapping's own text right after { or [ (values:
    {candidate_rank: ...}): the way out written as the mapping needs it (labels)."""
    return [
        f"{what} in {where}: {text!r}"
        for where, text in shown_texts(at)
        for what, pattern in FORBIDDEN.items()
        if what not in skip and pattern.search(re.sub(r"(?<=[{\[])\w+", "", text))
    ]


def test_an_export_withdrawn_and_read_again_counts_its_rows_once(
    tmp_path: Path, monkeypatch
) -> None:
    """A withdrawn export's log line keeps its file's row count, and once released and
    read again the file has a line of its own: Datakwaliteit's quarantine total and the
    quarterly snapshot's ingest summary counted the survey's three rows twice (8, not
    5)."""

    from pipelines.build.builder import build
    from pipelines.build.withdrawal import withdraw
    from pipelines.reports.snapshot import QUERIES
    from tests.test_ingest import lenient

    home = tmp_path / "home"
    monkeypatch.setenv("RADAR_HOME", str(home))
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    org, survey = org_and_survey(tmp_path)
    warehouse = home / "warehouse.duckdb"
    build(path=warehouse, inputs=[org, survey], catalogue=lenient())
    withdraw([str(survey)], by="R. de Vries", catalogue=lenient())
    withdraw([str(survey)], by="R. de Vries", catalogue=lenient(), undo=True)
    build(path=warehouse, inputs=[survey], catalogue=lenient())
    at = run_app("data_quality.py")
    assert not at.exception
    statuses = sorted(frame_with(at, "Ingelezen op")["Status"])
    assert statuses == ["Geladen", "Geladen", "Vrijgegeven"]
    assert "2 rijen in quarantaine (van 5 ingelezen)." in [c.value for c in at.caption]
    with reading(str(warehouse)) as con:
        summary = con.execute(QUERIES["ingest_summary"]).fetchall()
    # dataset, files, rows in, loaded, quarantined, failed expectations
    assert [row[:5] for row in summary] == [
        ("org_units", 1, 2, 2, 0),
        ("survey_responses", 1, 3, 1, 2),
    ]


def test_the_dutch_page_shows_labels_not_codes_and_no_none(demo_env: Path) -> None:
    """The demo has quarantined rows of seven reasons, a dataset without dates (org_units:
    an empty newest date) and values missing in quarantine: none shows as a code."""
    at = run_app("data_quality.py")
    assert not at.exception
    assert codes_shown(at) == []
    assert len(shown_texts(at)) > 200  # the scan saw the tables
    files = frame_with(at, "Ingelezen op").set_index("Bestand")
    assert files.loc["effectory_export.csv", "Rijen in"] == "80.703"  # a thousands dot
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", files.iloc[0]["Ingelezen op"])
    assert files.loc["gifts.xlsx", "Formaat"] == "Excel (XLSX)"
    failed = frame_with(at, "Controle")
    assert "Waarde binnen de grenzen" in set(failed["Controle"])
    assert "Waarde buiten de grenzen" in set(failed["Reden"])
    assert {"Rangnummer kandidaat", "Datum meting", "Geregistreerd op"} <= set(failed["Kolom"])
    quarantine = frame_with(at, "Toelichting")
    # the way out is written as the mapping needs it: its field name, not the label
    assert any(
        t.endswith(
            ", waarde '0': Rangnummer kandidaat moet >= 1 zijn (staat 0 voor geen rangnummer? "
            "vertaal het dan in de kolomkoppeling: values: {candidate_rank: {'0': null}})"
        )
        for t in quarantine["Toelichting"]
    )
    assert "Medewerker (pseudoniem)" in set(quarantine["Kolom"])
    for widget in at.multiselect:
        assert widget.placeholder == "Kies..."


def test_the_scan_finds_codes_none_and_iso_dates() -> None:
    """The scan itself finds what it is meant to find, and leaves file names alone."""
    from types import SimpleNamespace

    import pandas as pd

    cells = {
        "Dataset": "feedback_360",
        "Controle": "ExpectColumnValuesToBeBetween",
        "Reden": "out_of_range",
        "Kolom": "wave_date",
        "Waarde": "None",
        "Datum": "2026-03-15",
        "Bestand": "feedback_360.csv",
    }
    table = SimpleNamespace(value=pd.DataFrame({k: [v] for k, v in cells.items()}))
    nothing: list = []
    page = SimpleNamespace(
        dataframe=[table], multiselect=nothing, **dict.fromkeys(MESSAGES, nothing)
    )
    assert len(codes_shown(page)) == 6


def test_the_english_page_has_english_labels(demo_env: Path) -> None:
    at = run_app("data_quality.py", lang="en")
    assert not at.exception
    # English labels hold words that are dataset ids too ("Housing allocations")
    assert codes_shown(at, skip=("a dataset id",)) == []
    for table in at.dataframe:
        if "Dataset" in table.value.columns:
            assert not set(table.value["Dataset"]) & produced_codes()["dataset"]
    freshness = frame_with(at, "Newest date").set_index("Dataset")
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", freshness.loc["Gifts register", "Newest date"])
    assert freshness.loc["Employee survey", "Rows"] == "80,698"
    assert "Candidate rank" in set(frame_with(at, "Expectation")["Column"])
    assert at.multiselect[0].placeholder == "Choose..."
    # the ingest's Dutch prose (explanations, notes) stands on the Dutch page only; the
    # English one says where to read it, and holds no Dutch sentence
    assert not any("Explanation" in d.value.columns for d in at.dataframe)
    assert any("in Dutch only" in c.value for c in at.caption)
    dutch = re.compile(r"\b(moet|ligt|komt|niet|geen|een|het|de|zijn|bestand)\b")
    assert [x for x in page_texts(at) if dutch.search(x)] == []
    dutch_page = run_app("data_quality.py")
    assert any("Toelichting" in d.value.columns for d in dutch_page.dataframe)


# --- Uploading exports ------------------------------------------------------------------------

ORG_UNITS = b"org_unit;name;parent_unit;level\nWH;Woonstichting;;organisatie\nT1;Team;WH;team\n"


def uploaded(home: Path) -> list[str]:
    return sorted(p.name for p in (home / "raw" / "uploads").glob("*"))


def test_the_risk_manager_uploads_an_export_and_ingests_it(empty_home: Path) -> None:
    at = run_app("data_quality.py")
    assert not at.exception
    assert [e.label for e in at.expander] == ["Bestanden aanleveren"]
    assert "nog geen gegevens ingelezen" in at.info[0].value
    assert "warehouse" not in at.info[0].value

    at.file_uploader(key="up_files").set_value(
        [
            ("HR organisatie 2026-Q3.csv", ORG_UNITS, "text/csv"),
            ("onbekend.csv", b"a;b\n1;2\n", "text/csv"),
            ("../register.csv", ORG_UNITS, "text/csv"),
            (".verborgen.csv", ORG_UNITS, "text/csv"),
        ]
    ).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "2 van 4 bestand(en) geweigerd en niet bewaard; zie de reden per bestand."
    ]
    saved = frame_with(at, "Resultaat").set_index("Bestand")["Resultaat"]
    assert saved["HR organisatie 2026-Q3.csv"] == "bewaard in raw/uploads"
    assert "een / of \\" in saved["../register.csv"]
    assert "begint met een punt" in saved[".verborgen.csv"]
    assert uploaded(empty_home) == ["HR organisatie 2026-Q3.csv", "onbekend.csv"]
    assert not (empty_home / "register.csv").exists()

    at.run()  # a rerun (any click) does not save the same upload again
    assert uploaded(empty_home) == ["HR organisatie 2026-Q3.csv", "onbekend.csv"]
    assert frame_with(at, "Resultaat").iloc[0]["Resultaat"] == "bewaard in raw/uploads"

    at.button(key="up_ingest").click().run()
    assert not at.exception
    # a refusal is never reported in green
    assert outcome(at) == (
        "error",
        "Ingelezen: 1 bestand(en) geladen, 1 geweigerd, 0 al eerder ingelezen. De geweigerde "
        "bestanden staan hieronder met de reden; ze worden niet opnieuw ingelezen tot u dat "
        "kiest.",
    )
    results = frame_with(at, "Geladen").set_index("Bestand")
    assert results.loc["onbekend.csv", "Status"] == "Onbruikbaar"
    assert results.loc["onbekend.csv", "Opmerkingen"].startswith("onbekende dataset: de kolommen")
    assert "CONTRACTS" not in results.loc["onbekend.csv", "Opmerkingen"]
    result = results.loc["HR organisatie 2026-Q3.csv"]
    assert (result["Dataset"], result["Geladen"], result["Status"]) == (
        "Organisatie-eenheden",
        "2",
        "Geladen",
    )
    assert list(frame_with(at, "Ingelezen op")["Bestand"]) == ["HR organisatie 2026-Q3.csv"]


# --- Uploads the ingest refuses ------------------------------------------------------------------

# 2 of 3 rows quarantined (an unknown unit, an answer out of range): more than the default
# ingest.max_quarantined_share, so the file is refused as a whole.
SURVEY = (
    b"respondent_key;wave_date;org_unit;item_code;answer\n"
    b"R1;15-03-2026;T1;CLA1;4\nR1;15-03-2026;T1;CLA2;6\nR2;15-03-2026;ZZ;CLA1;2\n"
)


def refused_folders(home: Path) -> list[Path]:
    folder = home / "uploads_refused"
    return sorted(folder.iterdir()) if folder.exists() else []


def upload_and_ingest(at, files: list[tuple[str, bytes, str]]):
    at.file_uploader(key="up_files").set_value(files).run()
    return at.button(key="up_ingest").click().run()


def outcome(at) -> tuple[str, str]:
    """The one message that says how Inlezen went: (kind, text)."""
    [found] = [
        (kind, e.value)
        for kind in ("success", "error")
        for e in getattr(at, kind)
        if e.value.startswith("Ingelezen:")
    ]
    return found


def refusals(at) -> list[str]:
    """The red messages of the refused files, next to the upload."""
    return [e.value for e in at.expander[0].error if "geweigerd (" in e.value]


def test_a_refused_upload_is_red_with_its_reason_and_not_read_again(empty_home: Path) -> None:
    at = run_app("data_quality.py")
    upload_and_ingest(
        at,
        [
            ("eenheden.csv", ORG_UNITS, "text/csv"),
            ("enquete.csv", SURVEY, "text/csv"),
            ("onbekend.csv", b"a;b\n1;2\n", "text/csv"),
        ],
    )
    assert not at.exception
    kind, summary = outcome(at)
    assert kind == "error"
    assert summary.startswith("Ingelezen: 1 bestand(en) geladen, 2 geweigerd")
    shown = sorted(refusals(at))
    assert len(shown) == 2
    assert shown[0].startswith("**enquete.csv** is geweigerd (")
    assert (
        "2 van 3 rijen (67 %) in quarantaine, meer dan de grens van 10 %; niets van het "
        "bestand geladen (Medewerkersonderzoek)"
    ) in shown[0]
    assert shown[1].startswith("**onbekend.csv** is geweigerd (")
    assert "onbekende dataset: de kolommen" in shown[1]
    # set aside out of raw/, so no build reads them again
    assert uploaded(empty_home) == ["eenheden.csv"]
    assert len(refused_folders(empty_home)) == 2

    at.button(key="up_ingest").click().run()  # the next Inlezen: nothing refused again
    assert not at.exception
    assert outcome(at) == ("success", "Ingelezen: 0 bestand(en) geladen, 1 al eerder ingelezen.")
    assert len(refusals(at)) == 2  # still listed, to delete or read again
    files = frame_with(at, "Ingelezen op").set_index("Bestand")
    assert files.loc["enquete.csv", "Status"] == "Geweigerd"


def test_a_withdrawn_export_shows_as_withdrawn(empty_home: Path) -> None:
    """radar withdraw: the file stays listed, as Ingetrokken, with who and when."""
    from pipelines.build.withdrawal import withdraw

    at = run_app("data_quality.py")
    upload_and_ingest(at, [("eenheden.csv", ORG_UNITS, "text/csv")])
    [done], [moved] = withdraw(["eenheden.csv"], by="R. de Vries")
    assert done.dataset == "org_units"
    # an upload lives in raw/uploads: moved out, so a warehouse built anew does not read it
    assert uploaded(empty_home) == []
    assert str(moved).startswith(f"{empty_home / 'raw' / 'uploads' / 'eenheden.csv'} staat nu")
    at = run_app("data_quality.py")
    assert not at.exception
    files = frame_with(at, "Ingelezen op").set_index("Bestand")
    assert files.loc["eenheden.csv", "Status"] == "Ingetrokken"


def test_a_refused_upload_is_deleted_from_the_page(empty_home: Path) -> None:
    at = run_app("data_quality.py")
    upload_and_ingest(at, [("onbekend.csv", b"a;b\n1;2\n", "text/csv")])
    [folder] = refused_folders(empty_home)
    assert (folder / "onbekend.csv").exists()
    at.button(key=f"up_delete_{folder.name}").click().run()
    assert not at.exception
    assert not folder.exists() and refused_folders(empty_home) == []
    assert "Bestand onbekend.csv verwijderd." in [e.value for e in at.success]
    assert refusals(at) == []
    assert uploaded(empty_home) == []
    assert not [b for b in at.button if b.key and b.key.startswith("up_delete_")]


def test_a_refused_upload_is_read_again_only_when_asked(empty_home: Path) -> None:
    """A survey refused for a unit the organisation tree does not know yet: once the
    tree is in, Opnieuw inlezen puts it back and the next Inlezen loads it."""
    survey = SURVEY.replace(b";6\n", b";5\n")  # only the unknown unit ZZ remains
    tree = ORG_UNITS + b"ZZ;Nieuw team;WH;team\n"
    at = run_app("data_quality.py")
    upload_and_ingest(
        at, [("eenheden.csv", ORG_UNITS, "text/csv"), ("enquete.csv", survey, "text/csv")]
    )
    [folder] = refused_folders(empty_home)
    upload_and_ingest(at, [("eenheden-2.csv", tree, "text/csv")])
    assert refused_folders(empty_home) == [folder]  # not tried again on its own

    at.button(key=f"up_retry_{folder.name}").click().run()
    assert not at.exception
    assert any("enquete.csv staat weer klaar" in e.value for e in at.success)
    assert "enquete.csv" in uploaded(empty_home) and refused_folders(empty_home) == []
    at.button(key="up_ingest").click().run()
    assert not at.exception
    assert outcome(at) == ("success", "Ingelezen: 1 bestand(en) geladen, 2 al eerder ingelezen.")
    files = frame_with(at, "Ingelezen op").set_index("Bestand")
    assert files.loc["enquete.csv", "Status"] == "Geladen"


def test_an_upload_never_overwrites_a_file_of_the_same_name(empty_home: Path) -> None:
    from pipelines.ingest.uploads import save_upload

    first = save_upload("verzuim.csv", b"eerste versie")
    at = run_app("data_quality.py")
    at.file_uploader(key="up_files").set_value(("verzuim.csv", b"tweede versie", "text/csv"))
    at.run()
    assert "1 van 1 bestand(en) geweigerd" in at.error[0].value
    assert "wordt niet overschreven" in frame_with(at, "Resultaat").iloc[0]["Resultaat"]
    assert first.read_bytes() == b"eerste versie"


def test_a_running_build_gets_a_clear_message_not_an_error(
    empty_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipelines.build.builder
    from pipelines.core.warehouse import WarehouseBusy

    def busy(*args, **kwargs):
        raise WarehouseBusy("een andere build of ingest is bezig")

    monkeypatch.setattr(pipelines.build.builder, "build", busy)
    at = run_app("data_quality.py")
    at.button(key="up_ingest").click().run()
    assert not at.exception
    assert "Er wordt al ingelezen of herberekend" in at.warning[0].value


def test_the_upload_is_offered_only_to_a_role_that_may_upload(
    empty_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dashboard.auth_ui

    assert run_app("data_quality.py").file_uploader  # the risk manager may
    real_can = dashboard.auth_ui.can
    monkeypatch.setattr(dashboard.auth_ui, "can", lambda a: a != "upload_data" and real_can(a))
    at = run_app("data_quality.py")
    assert not at.exception
    assert not at.file_uploader and not at.expander
    assert at.title[0].value == "Datakwaliteit"


def test_an_upload_past_the_size_limit_is_refused_with_the_limit(empty_home: Path) -> None:
    """Streamlit's own limit (server.maxUploadSize) is configuration; the page checks the
    size again before it stores anything, and says which limit."""
    from pipelines.ingest.uploads import MB

    at = run_app("data_quality.py")
    assert at.file_uploader(key="up_files").proto.max_upload_size_mb == 50
    # Streamlit's "50MB per file" is English: said in Dutch beside it
    assert "ten hoogste 50 MB per bestand" in at.expander[0].caption[0].value
    at.file_uploader(key="up_files").set_value(
        [("groot.csv", bytes(50 * MB + 1), "text/csv"), ("klein.csv", ORG_UNITS, "text/csv")]
    ).run()
    assert not at.exception
    assert "1 van 2 bestand(en) geweigerd" in at.error[0].value
    results = frame_with(at, "Resultaat").set_index("Bestand")["Resultaat"]
    assert results["groot.csv"] == "het bestand is groter dan 50 MB (grens): 51 MB"
    assert uploaded(empty_home) == ["klein.csv"]
