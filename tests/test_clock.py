"""The ingest's "today" is the Dutch date (helper-160: with the server's UTC date, a gift
at 2026-12-04T23:10:00Z, read as 5 December here, was quarantined as in the future), and
so is the registers' and the models' (a server in another zone dated a report, a
finding or an overdue review a day off for part of every day)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.build.models import run_models
from pipelines.cli.main import main
from pipelines.core.clock import HERE, today_here
from pipelines.ingest.loader import FileResult
from pipelines.ingest.loads import LoggedLoad, written_since
from pipelines.ingest.uploads import save_upload, set_aside
from pipelines.meldingen.rules import MeldingError
from pipelines.meldingen.store import Meldingen, Viewer
from pipelines.reports.snapshot import take_snapshot
from tests.test_ingest import home, org_home, quarantined, run, write
from tests.test_org_parent_and_top import ORG_HEADER, empty
from tests.test_resend import UNITS, resent
from tests.test_snapshot import _quarters

__all__ = ["empty", "home", "org_home"]  # fixtures used here


@pytest.mark.parametrize(
    ("utc", "here"),
    [
        ("2026-12-04T22:59:59", "2026-12-04"),  # 23:59:59 CET
        ("2026-12-04T23:00:00", "2026-12-05"),  # midnight CET
        ("2026-07-31T21:59:59", "2026-07-31"),  # 23:59:59 CEST
        ("2026-07-31T22:00:00", "2026-08-01"),  # midnight CEST
    ],
)
def test_today_is_the_dutch_date(utc: str, here: str) -> None:
    now = dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC)
    assert today_here(now) == dt.date.fromisoformat(here)


def test_a_gift_of_the_dutch_today_is_no_future_and_of_the_day_after_it_is(
    home: Path, tmp_path: Path
) -> None:
    today = today_here()
    rows = "".join(
        f"G{i};E{i};{day:%d-%m-%Y};25\n"
        for i, day in enumerate((today, today + dt.timedelta(days=1)), start=1)
    )
    data = write(
        tmp_path / "geschenken.csv", "record_id;employee_key;received_on;value_eur\n" + rows
    )
    run(home, data)
    assert [(q[0], q[1]) for q in quarantined(home, "gifts")] == [(3, "received_on")]


# Two zones of machines far from here: one is on another date than the Netherlands at
# every moment (13 hours behind, before 13:00 here; 13 hours ahead, from 11:00 here).
FAR_ZONES = ("Etc/GMT+12", "Etc/GMT-14")


@pytest.fixture(params=FAR_ZONES)
def far_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """The process in a zone far from the Netherlands (its dates, DuckDB's default)."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def test_the_meldingen_register_takes_the_dutch_today(
    far_zone: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report received today here is no report from the future, and one of tomorrow
    is, whatever the machine's date: with dt.date.today() a report of the Dutch today was
    refused on a server behind, and one of tomorrow taken on a server ahead."""
    monkeypatch.setenv("RADAR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RADAR_KEY_DIR", str(tmp_path / "keys"))
    store = Meldingen(risk_ids={"RF1"})
    viewer = Viewer("integriteitsfunctionaris", "ifa")
    fields = {"route": "bestuurder", "about_role": "leidinggevende"}
    today = today_here()
    assert store.register(fields | {"received_on": today}, viewer=viewer).melding_id
    with pytest.raises(MeldingError) as refused:
        store.register(fields | {"received_on": today + dt.timedelta(days=1)}, viewer=viewer)
    assert "received_on" in refused.value.problems, refused.value.problems


def test_the_models_today_is_the_dutch_date(far_zone: str) -> None:
    """The models' current_date (overdue reviews, data freshness, deadlines of reports) is
    the Dutch date too, not the one of DuckDB's default zone, the machine's."""
    con = duckdb.connect()
    assert con.execute("select current_date").fetchall()[0][0] == dt.datetime.now().date()
    run_models(con, [])
    assert con.execute("select current_date").fetchall()[0][0] == today_here()


def test_no_code_takes_the_machines_date() -> None:
    """Every date of 'today' is clock.today_here: dt.date.today() is the machine's."""
    root = Path(__file__).resolve().parent.parent
    found = [
        f"{path.relative_to(root)}:{n}"
        for folder in ("pipelines", "dashboard")
        for path in sorted((root / folder).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bdate\.today\(\)", line)
    ]
    assert found == []


def test_no_ingest_or_build_code_reads_a_clock_of_its_own() -> None:
    """Every moment the ingest and the build log, compare or name a folder by (a load's
    ingested_at and ingested_utc, a withdrawal, a refused upload, a file's mtime) comes
    from pipelines/core/clock.py, which says in which time it is: a now(), today() or
    fromtimestamp() of their own is the machine's wall clock, or a time the log does not
    keep (helper-279: today() and now(UTC) in withdrawal.py passed every other test)."""
    root = Path(__file__).resolve().parent.parent
    own = re.compile(r"\b(datetime\.(now|today|utcnow|fromtimestamp)|date\.today)\(")
    found = [
        f"{path.relative_to(root)}:{n}"
        for folder in ("pipelines/ingest", "pipelines/build")
        for path in sorted((root / folder).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if own.search(line)
    ]
    assert found == []


def test_the_snapshots_overdue_controls_are_dated_with_the_dutch_build_day(
    demo_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The RvC snapshot's 'niet op tijd beoordeeld op' date is the build's Dutch date, as
    the models judged the reviews by: 23:30 UTC on 13 October is 14 October here
    (helper-219: the machine's date was used, in UTC the day before)."""
    home = Path(shutil.copytree(demo_home, tmp_path / "home"))
    monkeypatch.setenv("RADAR_HOME", str(home))
    built = dt.datetime(2026, 10, 13, 23, 30, tzinfo=dt.UTC).timestamp()
    os.utime(home / "warehouse.duckdb", (built, built))
    snap = json.loads(take_snapshot(_quarters(home)[-1], actor="test").read_text("utf-8"))
    assert snap["overdue_as_of"] == "2026-10-14"


def test_the_ingest_log_keeps_the_dutch_time(far_zone: str, home: Path, tmp_path: Path) -> None:
    """A load's ingested_at ("ingelezen op" on Datakwaliteit, the read day the models
    publish by) is the Dutch wall-clock time, whatever zone the machine keeps: with the
    machine's clock a server in UTC logged it an hour or two behind (clock.now_here). Its
    ingested_utc is when it was read, in UTC (what a file's time is compared with; a sheet
    of a workbook already loaded keeps that load's ingested_at)."""
    header = "record_id;employee_key;received_on;value_eur\n"
    data = write(tmp_path / "geschenken.csv", header + "G1;E1;01-03-2026;25\n")
    before = dt.datetime.now(dt.UTC)
    run(home, data)
    after = dt.datetime.now(dt.UTC)
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        sql = "select ingested_at, ingested_utc from ingest_log where source_file = ?"
        [(logged, utc)] = con.execute(sql, [str(data)]).fetchall()
    here = [moment.astimezone(HERE).replace(tzinfo=None) for moment in (before, after)]
    assert here[0] <= logged <= here[1], (far_zone, here, logged)
    assert before.replace(tzinfo=None) <= utc <= after.replace(tzinfo=None), (before, utc)


def test_a_file_written_after_its_ingest_is_told_so_in_any_zone(
    far_zone: str, empty: Path, tmp_path: Path
) -> None:
    """A file's time (its mtime) and its load's are compared as the same moments (UTC:
    loads.written_since): with one on the machine's clock and the other Dutch, a re-send
    written a minute after its ingest was taken for the file as it was, or a folder read
    again for a re-send, 12 to 14 hours off in these zones."""
    first = write(tmp_path / "a" / "org_units.csv", ORG_HEADER + UNITS)
    wrong = write(tmp_path / "b" / "org_units.csv", ORG_HEADER + UNITS.replace("Verhuur", "Fout"))
    run(empty, first)
    run(empty, wrong)
    assert "let op" not in resent(empty, first, -60)  # as it was at its ingest
    assert "let op: " in resent(empty, first, 60)  # written again since: a re-send


def test_a_log_from_before_its_utc_moments_is_compared_on_the_machines_clock(
    far_zone: str, empty: Path, tmp_path: Path
) -> None:
    """A load logged before ingested_utc was kept has the machine's wall-clock time in
    ingested_at (NULL in ingested_utc): a file's time is compared with it so, not in Dutch
    time (helper-279: on a UTC server, a folder read again whose files were written within
    two hours before their ingest was told it was a re-send, and to withdraw the newer
    export, for good)."""
    first = write(tmp_path / "a" / "org_units.csv", ORG_HEADER + UNITS)
    wrong = write(tmp_path / "b" / "org_units.csv", ORG_HEADER + UNITS.replace("Verhuur", "Fout"))
    run(empty, first)
    run(empty, wrong)
    with duckdb.connect(str(empty / "warehouse.duckdb")) as con:
        logged = con.execute("select content_hash, ingested_utc from ingest_log").fetchall()
        for content, utc in logged:  # as a version before f4f2226 logged them
            machine = dt.datetime.fromtimestamp(utc.replace(tzinfo=dt.UTC).timestamp())
            con.execute(
                "update ingest_log set ingested_at = ?, ingested_utc = null where content_hash = ?",
                [machine, content],
            )
    assert "let op" not in resent(empty, first, -30 * 60)  # written half an hour before
    assert "let op: " in resent(empty, first, 60)  # written again since: a re-send


def test_a_withdrawal_and_a_refused_upload_say_the_dutch_time(
    far_zone: str, empty: Path, tmp_path: Path
) -> None:
    """The moment a withdrawal notes in the log ("ingetrokken op") and the moment a refused
    upload was set aside (Datakwaliteit) are Dutch time in any zone; the refused upload's
    folder is named in UTC, so that the names sort as the moments do (helper-279: only a
    text scan guarded them)."""
    data = write(tmp_path / "a" / "org_units.csv", ORG_HEADER + UNITS)
    run(empty, data)
    before = dt.datetime.now(dt.UTC)
    assert main(["withdraw", str(data), "--by", "R. de Vries"]) == 0
    upload = save_upload("slecht.csv", b"x")
    result = FileResult(upload, dataset="gifts", rows_in=10, rows_quarantined=8, failed=True)
    [moved] = set_aside([result])
    after = dt.datetime.now(dt.UTC)
    here = {m.astimezone(HERE).strftime("%d-%m-%Y %H:%M") for m in (before, after)}
    with duckdb.connect(str(empty / "warehouse.duckdb"), read_only=True) as con:
        [(notes,)] = con.execute("select notes from ingest_log").fetchall()
    assert any(f"op {minute}" in notes for minute in here), (notes, here)
    refused = dt.datetime.fromisoformat(moved.refused_at)
    assert before.astimezone(HERE).replace(tzinfo=None, microsecond=0) <= refused
    assert refused <= after.astimezone(HERE).replace(tzinfo=None)
    named = dt.datetime.strptime(moved.folder.name[:15], "%Y%m%d-%H%M%S")
    assert before.replace(tzinfo=None, microsecond=0) <= named <= after.replace(tzinfo=None)


def test_a_file_written_in_octobers_repeated_hour_is_compared_in_utc() -> None:
    """On 25 October 2026 Dutch time runs 02:00-03:00 twice: a load read at 02:50 CEST
    (00:50 UTC) and a file written after it at 02:20 CET (01:20 UTC) are compared as the
    moments they are (ingested_utc), not as the Dutch times that say the file came first."""
    load = LoggedLoad(
        "h", "geladen", None, None, "org_units", 3, "org_units.csv",
        dt.datetime(2026, 10, 25, 2, 50), None, dt.datetime(2026, 10, 25, 0, 50),
    )  # fmt: skip
    at = dt.datetime(2026, 10, 25, 1, 20, tzinfo=dt.UTC)
    assert at.astimezone(HERE).replace(tzinfo=None) < load.ingested_at  # 02:20 < 02:50
    assert written_since(load, at.timestamp())
    assert not written_since(load, (at - dt.timedelta(minutes=31)).timestamp())  # 00:49 UTC


def test_a_withdrawn_files_folder_is_named_in_utc(far_zone: str, empty: Path) -> None:
    """A file under raw/ that a withdrawal moves out goes to withdrawn/<moment>/, named in
    UTC, so that the newest sorts last whatever the zone and in October's repeated hour
    (withdraw.py takes the last for an --undo)."""
    data = write(empty / "raw" / "org_units.csv", ORG_HEADER + UNITS)
    run(empty, data)
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert main(["withdraw", str(data), "--by", "R. de Vries"]) == 0
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    [folder] = (empty / "withdrawn").iterdir()
    assert (folder / "org_units.csv").exists()
    assert before <= dt.datetime.strptime(folder.name, "%Y%m%d-%H%M%S-%f") <= after
