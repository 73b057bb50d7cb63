"""The follow-up of person-level exceptions (pipelines/meldingen/followup.py): who may,
what closing needs, versions, the log without names, what the build gets."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from pipelines.core.catalogue import CatalogueError
from pipelines.meldingen.followup import (
    CodeException,
    FollowUpAccessError,
    FollowUpError,
    FollowUps,
    VersionConflict,
    build_frames,
    load_followup_config,
)
from pipelines.meldingen.store import Viewer

OFFICER = Viewer("integriteitsfunctionaris", "anna")
TODAY = dt.date(2026, 6, 1)
GIFT = CodeException("CODE-GIFT-VALUE", "ps-7f3a9c", dt.date(2026, 3, 15))


@pytest.fixture
def store(tmp_path: Path) -> FollowUps:
    return FollowUps(tmp_path / "meldingen.sqlite")


def save(store: FollowUps, changes: dict, version: int, exception=GIFT):
    return store.save(exception, changes, version=version, viewer=OFFICER, today=TODAY)


def row(store: FollowUps) -> dict:
    frame = store.follow_ups(viewer=OFFICER)
    return frame.set_index("exception_key").loc[GIFT.key].to_dict()


def test_assign_note_and_close_each_raise_the_version_and_the_status(store: FollowUps) -> None:
    save(store, {"assignee_role": "leidinggevende"}, 0)
    assert (row(store)["status"], row(store)["version"]) == ("toegewezen", 1)
    save(store, {"conversation_on": dt.date(2026, 4, 2)}, 1)
    assert (row(store)["status"], row(store)["version"]) == ("gesprek_gevoerd", 2)
    save(store, {"closed_on": dt.date(2026, 4, 9), "outcome": "afspraken_gemaakt"}, 2)
    assert (row(store)["status"], row(store)["version"]) == ("afgesloten", 3)
    assert row(store)["outcome"] == "afspraken_gemaakt"


def test_closing_needs_an_outcome_and_an_outcome_needs_closing(store: FollowUps) -> None:
    save(store, {"assignee_role": "hr"}, 0)
    with pytest.raises(FollowUpError) as refused:
        save(store, {"closed_on": dt.date(2026, 4, 9)}, 1)
    assert refused.value.problems["outcome"][0] == "outcome_required"
    assert refused.value.messages("en")["outcome"] == "Closing needs an outcome."
    with pytest.raises(FollowUpError) as refused:
        save(store, {"outcome": "maatregel"}, 1)
    assert refused.value.problems["closed_on"][0] == "closed_on_required"
    with pytest.raises(FollowUpError) as refused:
        save(store, {"closed_on": dt.date(2026, 4, 9), "outcome": "ontslag_op_staande_voet"}, 1)
    assert refused.value.problems["outcome"][0] == "unknown_code"
    # refused changes left it as it was
    assert (row(store)["status"], row(store)["version"], row(store)["closed_on"]) == (
        "toegewezen",
        1,
        None,
    )


def test_nothing_is_noted_or_closed_before_it_is_assigned(store: FollowUps) -> None:
    with pytest.raises(FollowUpError) as refused:
        save(store, {"conversation_on": dt.date(2026, 4, 2)}, 0)
    assert refused.value.problems["assignee_role"][0] == "assignee_required"
    assert store.follow_ups(viewer=OFFICER).empty


def test_dates_not_in_the_future_nor_before_the_exception(store: FollowUps) -> None:
    save(store, {"handler": "Petra de Vries"}, 0)
    save(store, {"conversation_on": TODAY}, 1)  # today itself is fine
    for day, code in (
        (TODAY + dt.timedelta(days=1), "date_in_future"),
        (GIFT.occurred_on - dt.timedelta(days=1), "date_before_exception"),
    ):
        with pytest.raises(FollowUpError) as refused:
            save(store, {"conversation_on": day}, 2)
        assert refused.value.problems["conversation_on"][0] == code
    save(store, {"conversation_on": GIFT.occurred_on}, 2)  # the day itself is fine
    with pytest.raises(FollowUpError) as refused:
        save(store, {"closed_on": dt.date(2026, 3, 14), "outcome": "maatregel"}, 3)
    assert refused.value.problems["closed_on"][0] == "date_before_exception"


def test_a_stale_version_is_refused_and_saves_nothing(store: FollowUps) -> None:
    save(store, {"assignee_role": "hr"}, 0)
    save(store, {"assignee_role": "bestuurder"}, 1)
    with pytest.raises(VersionConflict) as conflict:
        save(store, {"assignee_role": "leidinggevende"}, 1)
    assert "anna" in conflict.value.message("nl")
    with pytest.raises(VersionConflict):
        save(store, {"assignee_role": "leidinggevende"}, 0)  # a second "new" one
    assert (row(store)["assignee_role"], row(store)["version"]) == ("bestuurder", 2)


@pytest.mark.parametrize("handler", ["ps-7f3a9c", "PS-7F3A9C (zelf)", "012345", "12 34-56"])
def test_never_assigned_to_the_employee_concerned(store: FollowUps, handler: str) -> None:
    with pytest.raises(FollowUpError) as refused:
        save(store, {"handler": handler}, 0)
    assert refused.value.problems["handler"][0] == "handler_is_employee"


def test_a_role_or_a_named_handler_not_both(store: FollowUps) -> None:
    with pytest.raises(FollowUpError) as refused:
        save(store, {"assignee_role": "hr", "handler": "Petra"}, 0)
    assert refused.value.problems["handler"][0] == "one_assignee"
    with pytest.raises(FollowUpError) as refused:
        save(store, {"handler": "<script>"}, 0)
    assert refused.value.problems["handler"][0] == "handler_invalid"
    save(store, {"handler": "p.devries@woonpunt.nl"}, 0)


@pytest.mark.parametrize("role", ["dt", "risicomanager", "rvc", "beheerder", "vertrouwenspersoon"])
def test_no_other_role_reads_or_changes_a_follow_up(store: FollowUps, role: str) -> None:
    save(store, {"assignee_role": "hr"}, 0)
    other = Viewer(role, "someone")
    with pytest.raises(FollowUpAccessError):
        store.follow_ups(viewer=other)
    with pytest.raises(FollowUpAccessError):
        store.log(viewer=other)
    with pytest.raises(FollowUpAccessError):
        store.save(GIFT, {"assignee_role": "bestuurder"}, version=1, viewer=other, today=TODAY)
    assert row(store)["assignee_role"] == "hr"


def test_the_log_says_who_when_which_field_but_not_the_handlers_name(store: FollowUps) -> None:
    save(store, {"handler": "Petra de Vries"}, 0)
    save(store, {"handler": "Jan Jansen"}, 1)
    save(store, {"conversation_on": dt.date(2026, 4, 2)}, 2)
    log = store.log(viewer=OFFICER)
    assert list(log["field"]) == ["conversation_on", "handler", "handler"]
    assert set(log["actor"]) == {"anna"}
    assert list(log["new_value"]) == ["2026-04-02", "naam gewijzigd", "naam ingevuld"]
    raw = Path(store.path).read_bytes()
    assert b"Petra" not in raw  # overwritten and not in the log: gone from the file
    with sqlite3.connect(store.path) as con, pytest.raises(sqlite3.DatabaseError):
        con.execute("delete from exception_followup_log")


def test_the_store_is_private_and_the_build_gets_only_key_and_closed(
    store: FollowUps, tmp_path: Path
) -> None:
    assert build_frames(tmp_path / "meldingen.sqlite")["raw_followup__status"].empty
    assert not (tmp_path / "meldingen.sqlite").exists()  # reading never creates it
    save(store, {"handler": "Petra de Vries"}, 0)
    save(store, {"conversation_on": dt.date(2026, 4, 2)}, 1)
    save(store, {"closed_on": dt.date(2026, 4, 3), "outcome": "maatregel"}, 2)
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    frame = build_frames(store.path)["raw_followup__status"]
    assert list(frame.columns) == ["rule_id", "employee_id", "occurred_on", "is_closed"]
    assert frame.to_dict("records")[0]["is_closed"]


def test_a_broken_followup_yaml_is_refused_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "followup.yaml").write_text(
        "roles: [integriteitsfunctionaris]\nassignee_roles:\n  - code: hr\n"
        "    label: {nl: HR}\noutcomes:\n  - code: x\n    label: {nl: X, en: X}\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match=r"followup.yaml:4.*label.en"):
        load_followup_config(tmp_path)


def test_the_log_is_chained_and_a_changed_line_is_found(store: FollowUps) -> None:
    save(store, {"assignee_role": "hr"}, 0)
    save(store, {"conversation_on": dt.date(2026, 4, 2)}, 1)
    assert store.verify_log() == []
    with sqlite3.connect(store.path) as con:
        con.execute("drop trigger exception_followup_log_is_append_only_update")
        con.execute("update exception_followup_log set new_value = 'bestuurder' where log_id = 1")
    problems = store.verify_log()
    assert any("trigger" in p for p in problems)
    assert "regel 1: inhoud gewijzigd, de MAC klopt niet" in problems
