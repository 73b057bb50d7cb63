"""The follow-up of code exceptions under AppTest, on a copy of the built demo: the
integriteitsfunctionaris assigns, notes and closes one; after the build the DT sees only
counts per risk on the Overzicht (no pseudonym anywhere on its page); no other role gets
the follow-up controls. And the policy's evaluation date on the Overzicht and RvC page."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from pipelines.build.builder import rescore
from pipelines.core.catalogue import load_catalogue
from pipelines.core.clock import today_here
from pipelines.meldingen.followup import FollowUps
from pipelines.meldingen.store import Viewer
from tests.apphelpers import TEST_PASSWORD, account_for, frame_with, log_in, run_app
from tests.readers import reading

OFFICER = "integriteitsfunctionaris"


@pytest.fixture(scope="module")
def home(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the built demo this module may change (follow-ups, a rebuild)."""
    copy = tmp_path_factory.mktemp("followup") / "home"
    shutil.copytree(demo_home, copy)
    old = os.environ["RADAR_HOME"]
    os.environ["RADAR_HOME"] = str(copy)
    yield copy
    os.environ["RADAR_HOME"] = old


def exceptions(home: Path) -> pd.DataFrame:
    with reading(str(home / "warehouse.duckdb")) as con:
        frame = con.execute("select * from report_code_exceptions").df()
    return frame.assign(occurred_on=pd.to_datetime(frame["occurred_on"]).dt.date)


def shown_text(at: AppTest) -> str:
    """Everything the page shows as text: prose, alerts, labels, options, table cells."""
    parts: list[str] = []
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "success")
    for kind in (*kinds, "warning", "error", "metric"):
        parts += [str(getattr(e, "value", "")) for e in at.get(kind)]
    for widget in [*at.selectbox, *at.multiselect, *at.radio]:
        parts.append(f"{widget.label} {widget.options}")
    for frame in [d.value for d in at.dataframe]:
        parts += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    return "\n".join(parts)


def status_of(at: AppTest, rule_id: str, pseudonym: str) -> str:
    table = frame_with(at, "Opvolging")
    row = table[(table["Code"] == rule_id) & (table["Pseudoniem"] == pseudonym)]
    return row["Opvolging"].iloc[0]


def picked_exception(home: Path, pick: str) -> pd.Series:
    """The newest exception, or the newest company-car year (CODE-CAR-KM: the demo's S-G3
    plants private kilometres over the limit in 2026)."""
    rows = exceptions(home)
    if pick == "car":
        rows = rows[rows["rule_id"] == "CODE-CAR-KM"]
        assert len(rows) > 0, "the demo has no company-car exception: this checks nothing"
    ordered = ["occurred_on", "rule_id", "employee_id"]
    return rows.sort_values(ordered, ascending=[False, True, True]).iloc[0]


@pytest.mark.parametrize("pick", ["newest", "car"])
def test_the_officer_assigns_notes_and_closes_and_the_dt_sees_only_counts(
    home: Path, pick: str
) -> None:
    first = picked_exception(home, pick)
    rule, pseudonym, day = first["rule_id"], first["employee_id"], first["occurred_on"]
    key = f"{rule}|{pseudonym}|{day.isoformat()}"
    at = run_app("exceptions.py", role=OFFICER)
    assert not at.exception
    assert status_of(at, rule, pseudonym) == "Open"
    at.selectbox(key="fu_pick").set_value(key).run()

    at.radio(key="fu_kind").set_value("role")
    at.selectbox(key="fu_role").set_value("leidinggevende")
    at.button(key="fu_assign_submit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.success[0].value == "Opvolging opgeslagen."
    assert status_of(at, rule, pseudonym) == "Toegewezen"

    at.button(key="fu_talk_submit").click().run()  # the conversation: today
    assert status_of(at, rule, pseudonym) == "Gesprek gevoerd"

    at.button(key="fu_close_submit").click().run()  # no outcome picked: refused
    assert [e.value for e in at.error] == ["Uitkomst: Afsluiten kan alleen met een uitkomst."]
    assert status_of(at, rule, pseudonym) == "Gesprek gevoerd"
    at.selectbox(key="fu_outcome").set_value("afspraken_gemaakt")
    at.button(key="fu_close_submit").click().run()
    assert not at.error
    assert status_of(at, rule, pseudonym) == "Afgesloten"
    assert any("afgesloten op" in m.value for m in at.markdown)

    stored = FollowUps().follow_ups(viewer=Viewer(OFFICER, "x")).set_index("exception_key")
    assert stored.loc[key, ["status", "version", "outcome"]].tolist() == [
        "afgesloten",
        3,
        "afspraken_gemaakt",
    ]
    assert stored.loc[key, "conversation_on"] == today_here()  # the page's, Dutch
    assert set(FollowUps().log(viewer=Viewer(OFFICER, "x"))["actor"]) == {f"test-{OFFICER}"}
    if pick == "car":  # the car year is dated the first day of its year, found by that key
        assert day == dt.date(day.year, 1, 1)
        table = frame_with(at, "Opvolging")
        row = table[(table["Code"] == rule) & (table["Pseudoniem"] == pseudonym)].iloc[0]
        assert row["Regel"] == "Dienstauto boven de grens voor privékilometers"
        assert row["Grens privé-km"] == "500 km"

    # the next build (here: the register's rescore) publishes the counts
    rescore()
    every = exceptions(home)
    rules = {r.id: r.risks for r in load_catalogue().code_rules}
    dt_page = run_app("overview.py", role="dt")
    assert not dt_page.exception
    counts = frame_with(dt_page, "Afgesloten")
    closed = dict(zip(counts["Risico"].str.split().str[0], counts["Afgesloten"], strict=True))
    opened = dict(zip(counts["Risico"].str.split().str[0], counts["Open"], strict=True))
    # every closed follow-up so far (this module closes one per case) counts under each
    # risk its rule names; the rest of that risk's distinct exceptions are open
    done = set(stored.index[stored["status"] == "afgesloten"])
    assert key in done
    for risk in rules[rule]:
        keys = every[every["rule_id"].map(lambda r, risk=risk: risk in rules.get(r, []))]
        distinct = {
            f"{r}|{e}|{o.isoformat()}"
            for r, e, o in zip(
                keys["rule_id"], keys["employee_id"], keys["occurred_on"], strict=True
            )
        }
        assert int(closed[risk]) == len(distinct & done) >= 1
        assert int(opened[risk]) == len(distinct - done)
    text = shown_text(dt_page)
    words = set(re.findall(r"[\w-]+", text))
    assert not words & set(every["employee_id"]), "a pseudonym on the DT's page"
    assert "fu_pick" not in {w.key for w in dt_page.selectbox}


@pytest.mark.parametrize("role", ["dt", "risicomanager", "beheerder", "rvc"])
def test_no_other_role_gets_the_follow_up_controls(home: Path, role: str) -> None:
    at = run_app("exceptions.py", role=role)
    assert not at.exception
    keys = {w.key for w in [*at.selectbox, *at.radio, *at.text_input, *at.button]}
    assert not {k for k in keys if k and k.startswith("fu_")}
    assert "Opvolging" not in shown_text(at)


def _follow_up_section() -> None:
    import datetime as dt

    import pandas as pd

    from dashboard.auth_ui import signed_in
    from dashboard.followup_ui import follow_ups, section_ui

    signed_in("nl")
    rows = pd.DataFrame(
        {
            "rule_id": ["CODE-GIFT-VALUE"],
            "employee_id": ["p1"],
            "occurred_on": [dt.date(2026, 1, 5)],
        }
    )
    section_ui(rows, follow_ups(), "nl")


@pytest.mark.parametrize("role", ["dt", "risicomanager", "beheerder", "rvc", OFFICER])
def test_the_section_itself_renders_only_for_the_officer(home: Path, role: str) -> None:
    """Even called directly, past the page's own stop, the section shows nothing to
    another role: it asks can("see_person_level") and the store its own list."""
    at = AppTest.from_function(_follow_up_section, default_timeout=60).run()
    log_in(at, account_for(role), TEST_PASSWORD)
    assert not at.exception
    has_picker = "fu_pick" in {w.key for w in at.selectbox}
    assert has_picker is (role == OFFICER)


@pytest.mark.parametrize(("page", "role"), [("overview.py", "dt"), ("rvc.py", "rvc")])
def test_the_policy_evaluation_date_is_shown_and_warned_when_overdue(
    home: Path, page: str, role: str
) -> None:
    at = run_app(page, role=role)
    assert not at.exception
    cycle = load_catalogue().settings.policy_evaluation
    overdue = today_here() > cycle.last_evaluated_on.replace(
        year=cycle.last_evaluated_on.year + cycle.interval_months // 12
    )
    warnings = [w.value for w in at.warning if "integriteitsbeleid" in w.value]
    quiet = [c.value for c in at.caption if c.value.startswith("Integriteitsbeleid laatst")]
    assert (bool(warnings), bool(quiet)) == (overdue, not overdue)
