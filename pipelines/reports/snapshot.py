"""The RvC quarterly overview: a frozen copy of the published marts for one quarter.

The supervisory board (RvC) reads what changed since the previous quarter, never below
department level (README, "Log-in and roles"). A snapshot is a copy, not a view: it holds the
organisation's and the departments' rows of the marts as they were when it was taken,
the change summary and the board's three sentences in Dutch and English
(pipelines/core/headline.py, as written when it was frozen), and a SHA-256 of that content. It is
written once to RADAR_HOME/snapshots/<quarter>.json and never overwritten, so later
builds or register changes do not alter what the board was shown. Only a quarter that
has ended can be frozen, and the overdue control measures are as of the day the warehouse
was built (report_risk_controls.is_overdue), which the page and the PDF say.

It also freezes the head of the register's audit log (record count and last MAC, inside
the hashed content, and on the PDF's title block), so `radar audit verify` can tell when
the log was cut or rewritten after the snapshot. Snapshots of format 1 have no head; they
still verify and render.

Each snapshot records the scoring method its scores were computed with
(``scoring_method``, inside the checksum). Snapshots taken before the method had a number
have none: they used method 1 (funnel limits, no coverage, no score rule). A snapshot of
any older method still verifies and renders, and the RvC page and PDF say which older
method it used and what that method did differently (SCORING_METHOD below).

Since format 3 it holds the integrity reports' aggregates of the quarter and the three
before it (``meldingen``, pipelines/reports/meldingen_summary.py: counts by risk category,
route and outcome, deadlines met on time, as suppressed in the marts). Older snapshots
have none; they render with a line saying so.

Since issue 18 a snapshot also holds the control measures' operating evidence
(``operating_evidence``: rating, units counted and the sentence in Dutch and English, as
rated the day the warehouse was built). It is an added key, so the format stays 3; a
snapshot without it renders with a line saying it holds none.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import uuid
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipelines.core import headline
from pipelines.core.catalogue import load_catalogue
from pipelines.core.clock import today_here
from pipelines.core.languages import LANGUAGES
from pipelines.core.operating_evidence import evidence_text
from pipelines.core.sealed import QUARTER, content_hash, verify_snapshot
from pipelines.core.texts import Message, MessageError
from pipelines.core.warehouse import radar_home, read_connection
from pipelines.ingest.loads import RELEASED, WITHDRAWN
from pipelines.register.audit_log import AuditError, read_head
from pipelines.reports import meldingen_summary

# 2: with audit_head; 3: with the integrity reports' aggregates (meldingen: a format 1 or
# 2 snapshot has none, and the page and the PDF say it is not in that snapshot)
FORMAT = "integriteitsradar-snapshot/3"
# The scoring method of the marts a snapshot copies, frozen in it. 1 (no marker): funnel
# limits at 95/99.8%, the weighted mean of every indicator with a level. 2: calibrated
# tests against the organisation, coverage and the score rules (README, Scoring). 3: a
# unit's indicator counts worse than groen only past its warn limit (no longer the
# organisation's level), and a main indicator past its warn limit lifts its risk (no
# longer only a flagged one). Raise it when a change makes the scores of earlier
# snapshots not comparable.
SCORING_METHOD = 3
OLDEST_SCORING_METHOD = 1  # what a snapshot without the marker used
# The only org levels a snapshot holds: the board never sees teams.
BOARD_LEVELS = ("organisatie", "afdeling")


class SnapshotError(MessageError, RuntimeError):
    """A snapshot cannot be taken or read; the message says why, in Dutch."""


class SnapshotExists(SnapshotError):
    """A snapshot of this quarter exists already and is never overwritten."""


class UnknownQuarter(SnapshotError):
    """Not a quarter (YYYY-Qn), or one without scores in the warehouse."""


class NoWarehouse(SnapshotError):
    """The warehouse has not been built yet."""


class QuarterNotEnded(SnapshotError):
    """The quarter is still running (its last day is today or later)."""


# ---------------------------------------------------------------- paths and quarters


def snapshots_dir(home: Path | None = None) -> Path:
    return (home or radar_home()) / "snapshots"


def snapshot_path(quarter: str, home: Path | None = None) -> Path:
    return snapshots_dir(home) / f"{check_quarter(quarter)}.json"


def check_quarter(quarter: str) -> str:
    """The quarter itself when it reads YYYY-Qn, else UnknownQuarter."""
    if not isinstance(quarter, str) or not QUARTER.fullmatch(quarter):
        raise UnknownQuarter(Message("snapshot.bad_quarter", quarter=repr(quarter)))
    return quarter


def quarter_end(quarter: str) -> dt.date:
    """The last day of the quarter: 2026-Q3 -> 30 September 2026."""
    year, number = map(int, QUARTER.fullmatch(check_quarter(quarter)).groups())
    if number == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * number + 1, 1) - dt.timedelta(days=1)


def today() -> dt.date:
    """Today's date (a function, so tests can move the clock)."""
    return today_here()


def quarter_has_ended(quarter: str) -> bool:
    """True when the quarter's last day lies before today."""
    return quarter_end(quarter) < today()


def check_quarter_ended(quarter: str) -> str:
    """The quarter itself when it has ended, else QuarterNotEnded."""
    if not quarter_has_ended(quarter):
        end = quarter_end(quarter)
        first = end + dt.timedelta(days=1)
        raise QuarterNotEnded(
            Message(
                "snapshot.not_ended",
                quarter=quarter,
                end=f"{end:%d-%m-%Y}",
                first=f"{first:%d-%m-%Y}",
            )
        )
    return quarter


# ---------------------------------------------------------------- reading the marts

# Every query joins dim_org_units on the board levels, so a team row cannot slip in even
# if a mart mislabels its level; aggregate-only risks (RF7) only at the organisation.
_UNITS = f"""
    board_units as (
        select org_unit_id, org_unit_name, org_level, level_order
        from dim_org_units
        where org_level in {BOARD_LEVELS}
    )
"""
_BOARD_ROWS = """
    inner join board_units as u on s.org_unit_id = u.org_unit_id and s.org_level = u.org_level
    inner join dim_risks as r on s.risk_id = r.risk_id
    where s.period = $quarter and (u.org_level = 'organisatie' or not r.is_aggregate_only)
    order by r.category_order, r.risk_id, u.level_order, u.org_unit_name
"""

QUERIES = {
    "quarters": """
        select distinct period from report_risk_scores
        where period_type = 'quarter' order by period
    """,
    # The datasets whose newest export was read in before the quarter ended: the quarter is
    # not complete in them (not published: int_indicators__period_months), nor frozen.
    "running": """
        select dataset from report_data_freshness
        where running_quarter <= $quarter order by dataset
    """,
    # The quarter report_risk_changes compares with; the snapshot does not work it out again.
    "previous_period": """
        select distinct previous_period from report_risk_changes where period = $quarter
    """,
    "org_units": f"""
        with {_UNITS}
        select org_unit_id, org_unit_name, org_level from board_units
        order by level_order, org_unit_name
    """,
    "risks": """
        select risk_id, category, category_name_nl, category_name_en, risk_name_nl,
            risk_name_en, impact, inherent_likelihood, inherent_score, appetite,
            appetite_max_residual, is_aggregate_only
        from dim_risks
        order by category_order, risk_id
    """,
    "risk_scores": f"""
        with {_UNITS}
        select s.risk_id, r.risk_name_nl, r.risk_name_en, s.org_unit_id, u.org_unit_name,
            s.org_level, s.observed_likelihood, s.control_effectiveness, s.inherent_score,
            s.expected_likelihood, s.expected_residual, s.observed_score, s.assurance_gap, s.level,
            s.exceeds_appetite, s.indicators_used, s.coverage, s.score_rule, s.suppressed
        from (select * from report_risk_scores where period_type = 'quarter') as s
        {_BOARD_ROWS}
    """,
    "changes": f"""
        with {_UNITS}
        select s.risk_id, r.risk_name_nl, r.risk_name_en, s.org_unit_id, u.org_unit_name,
            s.org_level, s.previous_period, s.observed_likelihood,
            s.previous_observed_likelihood, s.likelihood_change, s.observed_score,
            s.previous_observed_score, s.assurance_gap, s.assurance_gap_change, s.level,
            s.previous_level, s.direction, s.is_new_red, s.exceeds_appetite,
            scores.coverage, scores.score_rule, s.suppressed
        from report_risk_changes as s
        left join report_risk_scores as scores
            on scores.period_type = 'quarter' and scores.period = s.period
            and scores.risk_id = s.risk_id and scores.org_unit_id = s.org_unit_id
        {_BOARD_ROWS}
    """,
    "overdue_controls": """
        select c.risk_id, r.risk_name_nl, r.risk_name_en, c.control_measure_id,
            m.text_nl, m.text_en, m.control_type, m.owner_role, m.review_frequency,
            c.status, c.last_test_result, c.last_tested_on, c.next_review_on
        from report_risk_controls as c
        inner join dim_risks as r on c.risk_id = r.risk_id
        inner join dim_control_measures as m on c.control_measure_id = m.control_measure_id
        where c.is_overdue
        order by r.category_order, r.risk_id, m.position
    """,
    # The control measures with operating evidence (report_risk_controls), as rated on
    # the day the warehouse was built; freeze() adds each one's sentence (nl and en).
    "operating_evidence": """
        select c.risk_id, r.risk_name_nl, r.risk_name_en, c.control_measure_id,
            m.text_nl, m.text_en, c.evidence_source, c.evidence_kind, c.operating_rating,
            c.evidence_n, c.evidence_total, c.evidence_window_months, c.evidence_as_of,
            c.operating_penalty
        from report_risk_controls as c
        inner join dim_risks as r on c.risk_id = r.risk_id
        inner join dim_control_measures as m on c.control_measure_id = m.control_measure_id
        where c.operating_rating is not null and c.is_in_force
        order by r.category_order, r.risk_id, m.position
    """,
    # The red flags' observed likelihood per quarter up to this one (the PDF's trends).
    "red_flag_trends": f"""
        with {_UNITS}
        select s.risk_id, s.org_unit_id, s.org_level, s.period, s.observed_likelihood,
            s.observed_score, s.expected_residual, s.score_rule, s.suppressed
        from (select * from report_risk_scores where period_type = 'quarter') as s
        inner join board_units as u on s.org_unit_id = u.org_unit_id and s.org_level = u.org_level
        inner join dim_risks as r on s.risk_id = r.risk_id
        where s.period <= $quarter and r.category = 'red_flag'
            and (u.org_level = 'organisatie' or not r.is_aggregate_only)
        order by r.category_order, r.risk_id, u.level_order, u.org_unit_name, s.period
    """,
    "data_freshness": """
        select dataset, row_count, newest_date, age_days, is_stale
        from report_data_freshness order by dataset
    """,
    # the loads that count: a withdrawn export's line (and a released one's, read again
    # under a line of its own) keeps its file's row count, which would count twice
    "ingest_summary": f"""
        select dataset, count(*) as files, sum(rows_in) as rows_in,
            sum(rows_loaded) as rows_loaded, sum(rows_quarantined) as rows_quarantined,
            sum(failed_expectations) as failed_expectations
        from report_ingest_log where status not in ('{WITHDRAWN}', '{RELEASED}')
        group by dataset order by dataset
    """,
}
# Queries that find out about the quarter; the others are copied into the snapshot.
_LOOKUPS = ("quarters", "previous_period", "running")


def _plain(value: Any) -> Any:
    """A value JSON holds exactly: dates as ISO text, decimals as floats."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


def _rows(con, name: str, **params: Any) -> list[dict[str, Any]]:
    cursor = con.execute(QUERIES[name], params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, map(_plain, row), strict=True)) for row in cursor.fetchall()]


def _warehouse(home: Path | None) -> Path:
    path = (home or radar_home()) / "warehouse.duckdb"
    if not path.exists():
        raise NoWarehouse(Message("snapshot.no_warehouse", path=path))
    return path


def audit_head(home: Path | None = None) -> dict[str, Any] | None:
    """The head of the register's audit log as it is now (count and last MAC); None when
    there is no register yet. A log in an old form is refused: migrate it first."""
    try:
        head = read_head((home or radar_home()) / "register.sqlite")
    except AuditError as exc:
        raise SnapshotError(Message("snapshot.no_head", error=exc)) from None
    return None if head is None else {"count": head.count, "mac": head.mac}


def scored_quarters(home: Path | None = None) -> list[str]:
    """Quarters with risk scores in the published warehouse, oldest first."""
    with read_connection(_warehouse(home)) as con:
        return [r["period"] for r in _rows(con, "quarters")]


# ---------------------------------------------------------------- the change summary


def _change(row: dict[str, Any], **extra: Any) -> dict[str, Any]:
    keys = ("risk_id", "risk_name_nl", "risk_name_en", "org_unit_id", "org_unit_name")
    return {k: row[k] for k in (*keys, "org_level")} | extra


def summarise(
    changes: list[dict[str, Any]],
    overdue: list[dict[str, Any]],
    scores: list[dict[str, Any]],
    *,
    has_previous: bool = True,
) -> dict[str, Any]:
    """What moved: per risk and unit (organisation and departments), up, down, newly red;
    the risks red now; and the overdue controls. Without a previous quarter nothing moved.

    The counts are pipelines.core.headline's, at the organisation level only (as the RvC page,
    its PDF and the Overzicht count): a risk that moved in a department only is listed
    here but not counted.
    """
    moved = changes if has_previous else []
    up = [
        _change(r, old=r["previous_observed_likelihood"], new=r["observed_likelihood"])
        for r in moved
        if r["direction"] == "omhoog"
    ]
    down = [
        _change(r, old=r["previous_observed_likelihood"], new=r["observed_likelihood"])
        for r in moved
        if r["direction"] == "omlaag"
    ]
    new_red = [
        _change(r, old=r["previous_level"], new=r["level"]) for r in moved if r["is_new_red"]
    ]
    red = [_change(r) for r in changes if r["level"] == "rood"]
    counted = headline.movements(moved).counts
    return {
        "risks_up": up,
        "risks_down": down,
        "new_red": new_red,
        "red": red,
        "overdue_controls": [
            {k: r[k] for k in ("risk_id", "control_measure_id", "next_review_on")} for r in overdue
        ],
        "counts_scope": headline.ORGANISATION,
        "counts": {
            "risks_up": counted["up"],
            "risks_down": counted["down"],
            "new_red": counted["new_red"],
            "red": len(headline.finding(headline.organisation_rows(scores), total=0).red),
            "overdue_controls": len(overdue),
        },
    }


# ---------------------------------------------------------------- the text


def compose_texts(
    scores: list[dict[str, Any]],
    changes: list[dict[str, Any]],
    overdue: list[dict[str, Any]],
    total: int,
) -> dict[str, list[str]]:
    """The board's three sentences in Dutch and English (pipelines.core.headline: what is red,
    what changed at the organisation level, what the board may ask), frozen as written
    when the snapshot was taken. The RvC page and the PDF write them again from the
    frozen rows, so a snapshot from before them reads the same way."""
    found = headline.finding(headline.organisation_rows(scores), total=total)
    moved = headline.movements(changes)
    return {lang: headline.board_sentences(found, moved, len(overdue), lang) for lang in LANGUAGES}


# ---------------------------------------------------------------- hashing and writing


def _describe(path: Path) -> Message:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        when = dt.datetime.fromisoformat(doc["created_at"]).strftime("%d-%m-%Y %H:%M")
        return Message("snapshot.made_by", when=when, by=doc["created_by"])
    except (OSError, ValueError, KeyError, TypeError):
        return Message("snapshot.unknown_origin")


def _write_once(path: Path, data: bytes) -> None:
    """Write a new file atomically (temp file, fsync, rename); never replace an existing one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            raise _exists_error(path)
        work = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex}.tmp")
        try:
            with open(work, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(work, 0o400)  # read-only, and for its owner only
            os.replace(work, path)
        finally:
            work.unlink(missing_ok=True)
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


# ---------------------------------------------------------------- the public functions


def _exists_error(path: Path) -> SnapshotExists:
    return SnapshotExists(
        Message("snapshot.exists", quarter=path.stem, path=path, about=_describe(path))
    )


def take_snapshot(quarter: str, *, actor: str, home: Path | None = None) -> Path:
    """Freeze the board's view of ``quarter`` to RADAR_HOME/snapshots/<quarter>.json.

    Refused (SnapshotError) for a quarter written wrongly, one that has not ended yet,
    one without scores, one frozen already, and when there is no warehouse.
    """
    check_quarter(quarter)
    check_quarter_ended(quarter)
    if not actor or not actor.strip():
        raise SnapshotError(Message("snapshot.by_required"))
    path = snapshot_path(quarter, home)
    if path.exists():
        raise _exists_error(path)
    warehouse = _warehouse(home)
    head = audit_head(home)
    for attempt in range(5):
        # The build time is the published file's; a build swapping in a new file between
        # the stat and the connect would pair the wrong time with the data, so check.
        before = warehouse.stat()
        con = read_connection(warehouse)
        if warehouse.stat().st_ino == before.st_ino or attempt == 4:
            break
        con.close()
    with con:
        built_at = dt.datetime.fromtimestamp(before.st_mtime).astimezone()
        quarters = [r["period"] for r in _rows(con, "quarters")]
        if quarter not in quarters:
            known = ", ".join(quarters) or Message("snapshot.no_quarters")
            raise UnknownQuarter(Message("snapshot.unknown_quarter", quarter=quarter, known=known))
        running = [r["dataset"] for r in _rows(con, "running", quarter=quarter)]
        if running:
            end = f"{quarter_end(quarter):%d-%m-%Y}"
            datasets = ", ".join(running)
            raise QuarterNotEnded(
                Message("snapshot.running", quarter=quarter, datasets=datasets, end=end)
            )
        (previous,) = [r["previous_period"] for r in _rows(con, "previous_period", quarter=quarter)]
        tables = {
            name: _rows(con, name, **({"quarter": quarter} if "$quarter" in sql else {}))
            for name, sql in QUERIES.items()
            if name not in _LOOKUPS
        }
        meldingen = meldingen_summary.read_section(con, quarter)
    has_previous = previous in quarters
    evidence = load_catalogue().settings.operating_evidence
    for row in tables["operating_evidence"]:
        row["text"] = {lang: evidence_text(row, lang, evidence) for lang in LANGUAGES}
    # report_risk_controls.is_overdue compares with the build date, not the quarter's end:
    # the Dutch date, as the models' current_date (helper-219: the machine's was a day off)
    overdue_as_of = today_here(built_at).isoformat()
    summary = summarise(
        tables["changes"],
        tables["overdue_controls"],
        tables["risk_scores"],
        has_previous=has_previous,
    )
    content = {
        "format": FORMAT,
        "scoring_method": SCORING_METHOD,
        "quarter": quarter,
        "previous_quarter": previous,
        "has_previous_quarter": has_previous,
        "created_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "created_by": actor.strip(),
        "warehouse_built_at": built_at.isoformat(timespec="seconds"),
        "overdue_as_of": overdue_as_of,
        "audit_head": head,
        "org_levels": list(BOARD_LEVELS),
        **tables,
        "summary": summary,
        # the last four quarters' report counts and deadlines, suppressed as published
        "meldingen": meldingen,
        "texts": compose_texts(
            tables["risk_scores"],
            tables["changes"],
            tables["overdue_controls"],
            len(tables["risks"]),
        ),
    }
    content["sha256"] = content_hash(content)
    text = json.dumps(content, ensure_ascii=False, indent=1) + "\n"
    _write_once(path, text.encode("utf-8"))
    return path


def scoring_method(snapshot: dict[str, Any]) -> int:
    """The scoring method a snapshot's scores were computed with (SCORING_METHOD when
    taken); one without the marker predates it and used the oldest method."""
    method = snapshot.get("scoring_method")
    return method if isinstance(method, int) else OLDEST_SCORING_METHOD


def uses_older_method(snapshot: dict[str, Any]) -> bool:
    """True when the snapshot's scores were computed with an older method than today's,
    so they do not compare one to one with a snapshot taken now."""
    return scoring_method(snapshot) < SCORING_METHOD


def list_snapshots(home: Path | None = None) -> list[str]:
    """The quarters that have a snapshot, newest first."""
    directory = snapshots_dir(home)
    found: Iterable[Path] = directory.glob("*.json") if directory.is_dir() else []
    return sorted((p.stem for p in found if QUARTER.fullmatch(p.stem)), reverse=True)


def load_snapshot(quarter: str, home: Path | None = None) -> dict[str, Any]:
    """A snapshot as frozen; ``verified`` says whether its checksum still matches."""
    path = snapshot_path(quarter, home)
    if not path.exists():
        raise SnapshotError(Message("snapshot.missing", quarter=quarter, path=path))
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise SnapshotError(Message("snapshot.invalid", path=path, error=exc)) from None
    return doc | {"path": str(path), "verified": verify_snapshot(path)}
