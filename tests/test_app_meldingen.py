"""The Meldingen page under AppTest: the integriteitsfunctionaris registers a report (no
field for the reporter, the route flag and the free-text warnings after saving), sees
its deadlines and the overdue list, closes it only after feedback, and reads the audit
log; a save over someone else's change is refused; the vertrouwenspersoon registers and
sees only its own. Which roles may open the page at all: tests/test_app_roles.py."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.core import formats
from pipelines.core.clock import today_here
from pipelines.meldingen.deadlines import acknowledge_by, feedback_by
from pipelines.meldingen.store import Meldingen, Viewer
from tests.apphelpers import frame_with, run_app
from tests.readers import reading

TODAY = today_here()  # the Dutch date the pages read (the machine keeps UTC)


def days_of_the_run(since: dt.date) -> list[dt.date]:
    """The days from ``since`` (a test's start) to now: the page reads today when it
    runs, so a test across midnight compares with either (CI failed so at 00:00 UTC)."""
    now = today_here()
    return [since + dt.timedelta(days=i) for i in range((now - since).days + 1)]


RECEIVED = TODAY - dt.timedelta(
    days=20
)  # its acknowledgement (day 7, or the next working day) has passed
IF, VP = "integriteitsfunctionaris", "vertrouwenspersoon"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    return tmp_path / "home"


def page(role: str, lang: str = "nl") -> AppTest:
    at = run_app("meldingen.py", role=role, lang=lang)
    assert not at.exception, at.exception
    assert at.title[0].value == ("Meldingen" if lang == "nl" else "Reports")
    return at


def texts(at: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in at.get(kind)]


def register(at: AppTest, received: dt.date = RECEIVED, **fields: object) -> AppTest:
    at.date_input(key="mld_new_received_on").set_value(received)
    for name, value in fields.items():
        key = f"mld_new_{name}"
        if name in ("note", "measures"):
            at.text_area(key=key).input(value)
        elif name == "org_unit" and key in [w.key for w in at.text_input]:
            at.text_input(key=key).input(value)  # no warehouse yet: the fallback text field
        elif name.endswith("_on"):
            at.date_input(key=key).set_value(value)
        elif name == "risk_ids":
            at.multiselect(key=key).set_value(value)
        else:
            at.selectbox(key=key).set_value(value)
    at.button(key="mld_new_submit").click().run()
    assert not at.exception, at.exception
    return at


def test_the_form_has_no_field_for_the_reporter_and_says_so(home: Path) -> None:
    at = page(IF)
    keys = [w.key for w in [*at.text_input, *at.text_area, *at.selectbox, *at.date_input]]
    new = [k.removeprefix("mld_new_") for k in keys if k and k.startswith("mld_new_")]
    assert not [k for k in new if re.search("melder|reporter|naam|name|mail|phone", k)]
    fields = {
        "received_on", "route", "about_role", "org_unit", "status", "acknowledged_on",
        "feedback_on", "closed_on", "outcome", "rvc_informed_on", "aw_informed_on",
        "measures", "note",
    }  # fmt: skip
    assert fields <= set(new)
    assert any("De melder wordt nooit vastgelegd" in i for i in texts(at, "info"))
    route = at.selectbox(key="mld_new_route")
    assert route.label == "Route" and "Extern: Huis voor Klokkenluiders" in route.options


def test_the_integrity_officer_registers_and_sees_the_flag_warnings_and_deadlines(
    home: Path,
) -> None:
    start = today_here()
    at = page(IF)
    assert "Geen termijnen verlopen." in texts(at, "caption")
    register(
        at,
        route="leidinggevende",
        about_role="leidinggevende",
        org_unit="AFD-VERHUUR",
        note="Gesprek met Jan de Vries, 06-12345678",
    )
    year = RECEIVED.year
    assert texts(at, "success") == [f"Melding M{year}-001 is geregistreerd."]
    warnings = "\n".join(texts(at, "warning"))
    assert "Route wijkt af van het beleid" in warnings
    assert "meldingen gericht tegen een leidinggevende doe je bij de bestuurder" in warnings
    assert "Jan de Vries" in warnings and "06-12345678" in warnings
    table = frame_with(at, "Bevestigen uiterlijk")
    assert table["Melding"].tolist() == [f"M{year}-001"]
    store = Meldingen()
    ack, fb = (
        acknowledge_by(RECEIVED, store.catalogue),
        feedback_by(RECEIVED, None, store.catalogue),
    )
    assert table["Bevestigen uiterlijk"].tolist() == [formats.date(ack, "nl")]
    assert table["Terugkoppelen uiterlijk"].tolist() == [formats.date(fb, "nl")]
    assert table["Route"].tolist() == ["Leidinggevende"] and table["Status"].tolist() == [
        "Ontvangen"
    ]
    assert table["Route wijkt af van beleid"].tolist() == ["ja"]
    late = frame_with(at, "Dagen te laat")
    assert late["Termijn"].tolist() == ["Ontvangstbevestiging"]
    assert late["Dagen te laat"].tolist() in [
        [formats.whole((day - ack).days, "nl")] for day in days_of_the_run(start)
    ]
    # The form is empty again for the next report; the note is in the store, not the log.
    assert at.text_area(key="mld_new_note").value == ""
    log = frame_with(at, "Veld")
    assert "Notitie" in log["Veld"].tolist()
    assert not log.apply(lambda c: c.astype(str).str.contains("Vries")).any().any()


def received_due_this_week() -> dt.date:
    """The latest day up to today whose acknowledgement falls in the coming week: a report
    received on a Saturday is due on the Monday nine days on (CI failed on 2026-12-05)."""
    for back in range(14):
        received = TODAY - dt.timedelta(days=back)
        if 0 <= (acknowledge_by(received) - TODAY).days <= 7:
            return received
    raise AssertionError("no day of the last two weeks has its acknowledgement due this week")


def test_a_report_due_this_week_is_listed_there(home: Path) -> None:
    at = register(page(IF), received=received_due_this_week(), route="vertrouwenspersoon")
    week = frame_with(at, "Dagen over")
    assert week["Termijn"].tolist() == ["Ontvangstbevestiging"]
    assert "Geen termijnen verlopen." in texts(at, "caption")


@pytest.fixture
def built(home: Path, demo_home: Path) -> Path:
    """An empty register beside a published warehouse (the demo's), so dim_org_units has
    departments."""
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy2(demo_home / "warehouse.duckdb", home / "warehouse.duckdb")
    return demo_home / "warehouse.duckdb"


def _departments(warehouse: Path) -> dict[str, str]:
    with reading(str(warehouse)) as con:
        rows = con.execute(
            "select org_unit_id, org_unit_name from dim_org_units where org_level = 'afdeling'"
        ).fetchall()
    return dict(rows)


def test_the_org_unit_is_picked_from_the_departments_never_typed(built: Path) -> None:
    depts = _departments(built)
    assert len(depts) >= 2
    at = page(IF)
    assert "mld_new_org_unit" not in [w.key for w in at.text_input]
    box = at.selectbox(key="mld_new_org_unit")
    code = sorted(depts)[0]
    assert box.options[0] == formats.MISSING  # the empty option: no department
    assert sorted(box.options[1:]) == sorted(f"{n} ({c})" for c, n in depts.items())
    register(at, route="vertrouwenspersoon", org_unit=code)
    assert texts(at, "success")
    saved = Meldingen().meldingen(viewer=Viewer(IF, "x"))
    assert saved["org_unit"].tolist() == [code]
    log = frame_with(at, "Veld")
    assert code in log["Wordt"].tolist()
    # Nothing chosen: no department stored.
    register(at, route="vertrouwenspersoon")
    org = Meldingen().meldingen(viewer=Viewer(IF, "x"))["org_unit"]
    assert org.tolist().count(code) == 1 and int(org.isna().sum()) == 1


@pytest.mark.parametrize("typed", ["Piet.Jansen", "0612345678"])
def test_without_a_warehouse_a_typed_name_or_number_is_refused_and_not_logged(
    home: Path, typed: str
) -> None:
    at = page(IF)
    assert "mld_new_org_unit" in [w.key for w in at.text_input]  # no warehouse: text
    register(at, route="bestuurder", org_unit=typed)
    error = texts(at, "error")[0]
    assert error.startswith("Niet opgeslagen:") and "Afdeling (code)" in error
    assert typed in error
    store = Meldingen()
    assert store.meldingen(viewer=Viewer(IF, "x")).empty
    assert store.audit(viewer=Viewer(IF, "x")).empty


def test_a_refused_registration_says_why_and_stores_nothing(home: Path) -> None:
    at = register(page(IF), route="bestuurder", org_unit="Jan de Vries")
    assert texts(at, "error")[0].startswith("Niet opgeslagen:")
    assert "Afdeling (code)" in texts(at, "error")[0]
    assert Meldingen().meldingen(viewer=Viewer(IF, "x")).empty


def _close(at: AppTest, outcome: str = "gegrond") -> AppTest:
    prefix = next(s.key for s in at.selectbox if s.key.startswith("mld_c_"))
    at.selectbox(key=prefix).set_value(outcome)
    at.button(key="mld_close_submit").click().run()
    assert not at.exception, at.exception
    return at


def test_closing_needs_feedback_first(home: Path) -> None:
    start = today_here()
    at = register(page(IF), route="bestuurder", about_role="leidinggevende")
    _close(at)
    errors = "\n".join(texts(at, "error"))
    assert "een melding sluiten kan pas als de melder inhoudelijke terugkoppeling" in errors
    assert Meldingen().meldingen(viewer=Viewer(IF, "x"))["status"].tolist() == ["ontvangen"]
    # Feedback given: the edit form (at the version it opened) saves it, then it closes.
    prefix = next(d.key for d in at.date_input if d.key.startswith("mld_e_")).rsplit("_", 2)[0]
    at.date_input(key=f"{prefix}_acknowledged_on").set_value(RECEIVED + dt.timedelta(days=1))
    at.date_input(key=f"{prefix}_feedback_on").set_value(start)
    at.button(key="mld_edit_submit").click().run()
    assert texts(at, "success")[0].startswith(f"Melding M{RECEIVED.year}-001 is opgeslagen")
    assert "Geen termijnen verlopen." in texts(at, "caption")
    _close(at)
    assert texts(at, "success") == [f"Melding M{RECEIVED.year}-001 is afgesloten."]
    row = Meldingen().meldingen(viewer=Viewer(IF, "x")).iloc[0]
    assert (row["status"], row["outcome"]) == ("afgesloten", "gegrond")
    assert row["closed_on"] in days_of_the_run(start)
    assert not [b for b in at.button if b.key == "mld_close_submit"]  # closed: no close form


def test_a_save_over_someone_elses_change_is_refused(home: Path) -> None:
    at = register(page(IF), route="bestuurder")
    store = Meldingen()
    melding_id = store.meldingen(viewer=Viewer(IF, "x"))["melding_id"].iloc[0]
    store.update(melding_id, {"status": "in_behandeling"}, version=1, viewer=Viewer(IF, "other"))
    at.button(key="mld_edit_submit").click().run()
    assert "is intussen gewijzigd door other" in texts(at, "error")[0]
    assert store.get(melding_id, viewer=Viewer(IF, "x"))["version"] == 2


def test_the_confidential_adviser_registers_and_sees_only_its_own(home: Path) -> None:
    Meldingen().register(
        {"received_on": RECEIVED, "route": "bestuurder"}, viewer=Viewer(IF, "test-" + IF)
    )
    at = page(VP)
    assert "U ziet alleen de meldingen die u zelf hebt geregistreerd" in texts(at, "caption")[0]
    assert "Nog geen meldingen." in texts(at, "caption")
    assert "Geen termijnen verlopen." in texts(at, "caption")  # not the other's deadline
    register(at, route="vertrouwenspersoon", about_role="bestuurder")
    assert texts(at, "success") == [f"Melding M{RECEIVED.year}-002 is geregistreerd."]
    assert not texts(at, "warning")  # through the vertrouwenspersoon: always valid
    table = frame_with(at, "Bevestigen uiterlijk")
    assert table["Melding"].tolist() == [f"M{RECEIVED.year}-002"]
    assert frame_with(at, "Dagen te laat")["Melding"].tolist() == [f"M{RECEIVED.year}-002"]
    # No editing, no closing, no audit log.
    assert not [b for b in at.button if b.key in ("mld_edit_submit", "mld_close_submit")]
    assert not [s for s in at.selectbox if s.key == "mld_pick"]
    assert "Auditlog van de meldingen" not in texts(at, "subheader")
    assert not [d for d in at.dataframe if "Veld" in d.value.columns]


def test_the_page_speaks_english(home: Path) -> None:
    at = register(page(IF, lang="en"), route="rvc", about_role="bestuurder")
    assert texts(at, "success") == [f"Report M{RECEIVED.year}-001 has been registered."]
    table = frame_with(at, "Acknowledge by")
    assert table["Route"].tolist() == ["Supervisory board (RvC)"]
    assert any("The reporter is never recorded" in i for i in texts(at, "info"))
