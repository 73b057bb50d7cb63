"""Natural keys and re-exports: which row counts when exports overlap.

HR and registers are usually exported "year to date" every month, and a corrected export
repeats rows. Per dataset its natural key (``NATURAL_KEYS``, docs/contracts.md "Keys and
re-exports"); for side_jobs and gifts without a record_id the period each export covers
(``PERIOD_COLUMNS``, ``COVERS``). ``export_order_sql`` orders exports newest first, and
``overlap_notes`` is what the ingest says when a file overlaps exports already loaded;
``held_back_notes`` what it says of quarantined rows whose key an earlier export has.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from pipelines.core.texts import InLanguage, Message
from pipelines.ingest.answer_labels import mixed_scale_notes
from pipelines.ingest.checks import Checked
from pipelines.ingest.counted_on import (
    SURVEY_COVERS,
    dropped_notes,
    hr_month_notes,
    moved_notes,
    orphan_notes,
    renumbered_notes,
    round_twice_notes,
    second_top_notes,
    subtotal_notes,
    zeros_notes,
)
from pipelines.ingest.covered_order import covers_period, order_key, order_notes, workbook_key
from pipelines.ingest.document_keys import document_notes
from pipelines.ingest.lost_rows import (
    covered_held_back,
    other_register_notes,
    other_rows_notes,
    other_year_notes,
    replaced_periods_sql,
)
from pipelines.ingest.moved_dates import moved_date_notes
from pipelines.ingest.natural_keys import NATURAL_KEYS, PERIOD_COLUMNS
from pipelines.ingest.other_ids import other_ids_notes
from pipelines.ingest.quality.base import DatasetSpec
from pipelines.ingest.readers import unusable
from pipelines.ingest.sheet_keys import sibling_key_notes
from pipelines.ingest.survey_waves import wave_notes
from pipelines.ingest.wave_days import answer_days
from pipelines.ingest.year_to_date import fell_notes

# The date column that places a register row in the period an export covers.
# The date of the event a keyed row records: a key that an earlier export has with a date
# in another year is said (helper-144: a system that numbers its allocations from 1 every
# year replaced last year's with this year's, as re-exports).
EVENT_DATES = {**PERIOD_COLUMNS, "allocations": "allocated_on", "procurement": "ordered_on"}
COVERS = ("month", "year", "all")
# How a covered period is shown in a note (covers: all has none)
PERIOD_SHAPES = {"month": "%m-%Y", "year": "%Y"}


def export_order_sql(alias: str = "") -> str:
    """ORDER BY terms, newest export first: the declared export date (else the ingest
    time), then the later ingest, then the file name and content hash (deterministic)."""
    a = f"{alias}." if alias else ""
    return (
        f"coalesce(cast({a}_export_date as timestamp), {a}_ingested_at) desc, "
        f"{a}_ingested_at desc, {a}_source_file desc, {a}_content_hash desc"
    )


def overlap_notes(
    con: duckdb.DuckDBPyConnection, spec: DatasetSpec, content_hash: str, checked: Checked
) -> list[Message]:
    """What the ingest says when a file overlaps exports already loaded: which export
    wins, and a warning when no export date decides (then the order of ingest does)."""
    table = f"raw_{spec.name}"
    # most compare this export with the others of its dataset: none, nothing to say of
    # them (a first ingest of the large demo spent a second on them; each small file's
    # first ingest some 30 statements)
    others = f"select exists (select 1 from {table} where _content_hash <> $1)"
    alone = not con.execute(others, [content_hash]).fetchone()[0]
    if spec.name in PERIOD_COLUMNS:
        if alone:  # every note of a register's compares it with another export
            return []
        if checked.covers is not None:
            shrunk = _shrunk_periods(con, spec, content_hash, checked.covers, checked.series)
            # without its own date this file counts as the newest only by the order of
            # ingest (in one run: of the file names), which may be wrong: said with it
            undated = [_note("newest_by_order")] if checked.export_date is None else []
            later = _superseded_periods(con, spec, content_hash, checked.covers)
            # numbered rows are matched by their number, covers or not (helper-120: a
            # re-export without its zeros counted twice under covers, without a word)
            numbered = _numbered_notes(con, spec, content_hash, checked)
            table, bucket = _covered(spec, checked.covers)
            held = covered_held_back(con, spec, content_hash, checked, table, bucket)
            column = PERIOD_COLUMNS[spec.name]
            order = order_notes(con, spec, content_hash, checked, table, bucket, column)
            shape = PERIOD_SHAPES.get(checked.covers)
            covered = (table, bucket, column)
            other = other_register_notes(con, spec, content_hash, covered, shape, checked.series)
            other += moved_date_notes(con, spec, content_hash, bucket)  # a date corrected
            notes = numbered + later + order + held + other
            notes += _mixed_numbers(con, spec, content_hash) + _empty_all(con, spec, checked)
            # an undated export that replaces another's period: the order of ingest decided
            # (helper-190 D2: 'januari' read after 'februari' replaced its January unsaid)
            replaced = shrunk or undated and _replaces_any(con, spec, content_hash, checked)
            return notes + shrunk + (undated if replaced else [])

        # a numbered row an earlier export holds without its number cannot be matched to
        # it, and a row without a number is matched to nothing: both count twice; a
        # numbered row is replaced by its number (helper-110, helper-111: a file of both)
        # (as the staging model keeps rows: helper-182, a row a covering export replaced
        # was said to count twice beside this one)
        numbered = _twins(con, spec, content_hash, True, False)
        numberless = _twins(con, spec, content_hash, False, None)
        notes = [_note("counted_twice_record_id", count=numbered)] if numbered else []
        notes += [_note("counted_twice", count=numberless)] if numberless else []
        return notes + _numbered_notes(con, spec, content_hash, checked)
    survey = spec.name == "survey_responses"
    scales = mixed_scale_notes(con, checked.checkable) if survey and checked.checkable else []
    scales += answer_days(con, content_hash) if survey else []  # of this file alone
    months = subtotal_notes(con, content_hash) if spec.name == "hr_aggregates" else []
    months += orphan_notes(con, content_hash) if spec.name == "org_units" else []
    if alone:  # the rest compares this export with the others of its dataset
        return scales + months
    waves = wave_notes(con, content_hash, checked) if survey else []
    months += hr_month_notes(con, content_hash) if spec.name == "employees" else []
    months += renumbered_notes(con, content_hash) if spec.name == "employees" else []
    months += round_twice_notes(con, content_hash) if spec.name == "feedback_360" else []
    months += moved_notes(con, content_hash) if spec.name == "org_units" else []
    months += second_top_notes(con, content_hash) if spec.name == "org_units" else []
    months += fell_notes(con, spec.name, content_hash)  # year to date, lower (vehicle_use)
    keys = NATURAL_KEYS[spec.name]
    dropped = dropped_notes(con, spec.name, keys, content_hash, checked)
    # the ids written otherwise (zeros, case, dashes), else the records under other ids
    zeros = zeros_notes(con, spec.name, keys, content_hash)
    zeros = zeros or other_ids_notes(con, spec, content_hash)
    overlap = _key_overlap_notes(con, spec, content_hash, checked)
    other_year = other_year_notes(con, spec, keys, content_hash, EVENT_DATES.get(spec.name))
    other = other_rows_notes(con, spec, keys, content_hash)
    documents = document_notes(con, spec.name, content_hash)  # an invoice's order number
    return waves + scales + months + overlap + other + other_year + dropped + zeros + documents


def _mixed_numbers(
    con: duckdb.DuckDBPyConnection, spec: DatasetSpec, content_hash: str
) -> list[Message]:
    """Under covers, rows with and without record_id in two exports of one register count
    twice: covers replaces only rows without a number, in the periods a newer covering
    export's rows without one fall in, and a number matches only a number (helper-180: a
    register that began numbering its rows, or stopped, counted the switch's rows twice,
    unsaid under covers)."""
    numbered = _twins(con, spec, content_hash, True, False)
    numberless = _twins(con, spec, content_hash, False, True)
    notes = [_note("counted_twice_record_id", count=numbered)] if numbered else []
    return notes + ([_note("counted_twice_numbered", count=numberless)] if numberless else [])


def _twins(
    con: duckdb.DuckDBPyConnection,
    spec: DatasetSpec,
    content_hash: str,
    mine: bool,
    theirs: bool | None,
) -> int:
    """This export's rows (numbered or not: ``mine``) that another export holds alike but
    for the number (``theirs``: numbered, not, or either), both counting as the staging
    model keeps rows: a row without number that no newer covering export replaces, a
    numbered row of the newest export of its number (helper-181: a twin replaced only by
    an older export was taken as replaced)."""
    table, column = f"raw_{spec.name}", PERIOD_COLUMNS[spec.name]
    names = [c for c in spec.column_names if c != "record_id"]

    def kept(a: str) -> str:
        return (
            f"({a}.record_id is null and not exists (select 1 from {table} as c"
            f" where c._covers is not null and c.record_id is null"
            f" and {order_key('c')} > {order_key(a)} and {covers_period('c', a, column)})"
            f" or {a}.record_id is not null and not exists (select 1 from {table} as x"
            f" where x.record_id = {a}.record_id and {order_key('x')} > {order_key(a)}))"
        )

    def numbered(a: str, which: bool | None) -> str:
        return "true" if which is None else f"{a}.record_id is {'not ' if which else ''}null"

    # this export's rows with a twin, each row (helper-183: INTERSECT counted the three
    # alike gifts of an export as one)
    alike = " and ".join(f"o.{c} is not distinct from n.{c}" for c in names)
    return con.execute(
        f"""select count(*) from {table} as n
        where n._content_hash = $1 and {numbered("n", mine)} and {kept("n")}
            and exists (
                select 1 from {table} as o
                where o._content_hash <> $1 and {numbered("o", theirs)} and {alike}
                    and {kept("o")}
            )""",
        [content_hash],
    ).fetchall()[0][0]


def _numbered_notes(
    con: duckdb.DuckDBPyConnection, spec: DatasetSpec, content_hash: str, checked: Checked
) -> list[Message]:
    """A register's numbered rows are matched by their number, covers or not: which
    export counts for the numbers read again (helper-119), numbers an older or newer
    export holds that the other has not (helper-121), and numbers with other leading
    zeros (helper-119, -120)."""
    keys = ("record_id",)
    overlap = _key_overlap_notes(con, spec, content_hash, checked)
    other_year = other_year_notes(con, spec, keys, content_hash, EVENT_DATES.get(spec.name))
    dropped = dropped_notes(con, spec.name, keys, content_hash, checked)
    other = other_rows_notes(con, spec, keys, content_hash)
    zeros = zeros_notes(con, spec.name, keys, content_hash)
    zeros = zeros or other_ids_notes(con, spec, content_hash)
    return overlap + other + other_year + dropped + zeros


def _key_overlap_notes(
    con: duckdb.DuckDBPyConnection, spec: DatasetSpec, content_hash: str, checked: Checked
) -> list[Message]:
    """Rows of this file whose natural key another sheet of its workbook has (sheet_keys)
    or an earlier export: which one counts."""
    # only a sheet has siblings (Checked.series): no self-join of every other file's keys
    siblings = sibling_key_notes(con, spec.name, content_hash) if checked.series else []
    return siblings + _export_overlap_notes(con, spec, content_hash, checked)


def _export_overlap_notes(
    con: duckdb.DuckDBPyConnection, spec: DatasetSpec, content_hash: str, checked: Checked
) -> list[Message]:
    """Rows of this file whose natural key an earlier export has: which export wins."""
    table = f"raw_{spec.name}"
    key = ", ".join(NATURAL_KEYS[spec.name])
    # Only earlier rows within the new rows' range of each ordered key column can match
    # (a new month against two years): DuckDB skips the rest by its min/max per block.
    types = {c.name: c.type for c in spec.columns}
    ordered = [c for c in NATURAL_KEYS[spec.name] if types[c] in ("date", "month", "integer")]
    within = "".join(
        f" and o.{c} between (select min({c}) from {table} where _content_hash = $1)"
        f" and (select max({c}) from {table} where _content_hash = $1)"
        for c in ordered
    )
    row = con.execute(
        f"""select count(*), count(*) filter (where undated), count(*) filter (where tied),
            count(*) filter (where undated_newer), min(undated_file),
            count(*) filter (where later), min(later_file),
            count(*) filter (where newer), arg_max(newer_file, newest), min(tied_file),
            count(*) filter (where tied_later), arg_min(tied_code, tied_file)
        from (
            select distinct {key}, bool_or(o._export_date is null) as undated,
                -- an export after this one in the order of exports: a file read again
                -- keeps its first moment of ingest (helper-112: said to count, did not)
                bool_or({order_key("o")} > {order_key("n")}) as later,
                min(o._source_file) filter (
                    where {order_key("o")} > {order_key("n")}
                ) as later_file,
                bool_or(o._export_date = n._export_date) as tied,
                -- of the same date: which file, and whether it counts rather than this
                min(o._source_file) filter (where o._export_date = n._export_date) as tied_file,
                arg_min(o._content_hash, o._source_file) filter (
                    where o._export_date = n._export_date
                ) as tied_code,
                bool_or(o._export_date = n._export_date
                    and {order_key("o")} > {order_key("n")}) as tied_later,
                -- an undated export counts as of its ingest: after this one's date, it wins
                bool_or(o._export_date is null
                    and o._ingested_at > cast(n._export_date as timestamp)) as undated_newer,
                min(o._source_file) filter (where o._export_date is null) as undated_file,
                -- an export with a newer date: for this key that one counts, not this
                bool_or(o._export_date > n._export_date) as newer,
                -- the newest of them, the export that counts (helper-150: the next newer
                -- was named); ties by file name
                arg_max(o._source_file, row(o._export_date, o._source_file)) filter (
                    where o._export_date > n._export_date
                ) as newer_file,
                max(row(o._export_date, o._source_file)) filter (
                    where o._export_date > n._export_date
                ) as newest
            from {table} n join {table} o using ({key})
            where n._content_hash = $1 and o._content_hash <> $1{within}
                and o._ingested_at <> n._ingested_at  -- not a sheet of its workbook
            group by all
        )""",
        [content_hash],
    ).fetchall()[0]
    overlap, undated, tied, undated_newer, undated_file, later, later_file = row[:7]
    newer, newer_file, tied_file, tied_later, tied_code = row[7:]
    if not overlap:
        return []
    if checked.export_date is None and later:
        return [_note("overlap_later_counts", count=later, keys=key, file=later_file)]
    if checked.export_date is None:
        return [_note("overlap_undated", count=overlap, keys=key)]
    if undated:
        # this file has its date, an earlier export had none: that one is dated by the
        # moment it was ingested, and whichever is newer counts; said which one that is
        day = checked.export_date.strftime("%d-%m-%Y")
        counts = {"count": undated, "keys": key, "date": day, "file": undated_file}
        if undated_newer:
            return [_note("overlap_other_undated_wins", won=undated_newer, **counts)]
        return [_note("overlap_other_undated", **counts)]
    # helper-113: an older export read after a newer one counts for none of these; said
    # beside a tie too (helper-121: a correction re-sent under its month's date was told
    # that the order of ingest decides, while June's export counted for every key)
    older = [_note("overlap_dated_older", count=overlap, keys=key, older=newer, file=newer_file)]
    if tied:
        # the same export date: neither is newer, and the order of ingest decides
        day = checked.export_date.strftime("%d-%m-%Y")
        # which file, and which of the two counts now (helper-198: neither was said)
        which = tied_file if tied_later else InLanguage(_note("overlap_tied_this").text)
        said = {"count": tied, "keys": key, "date": day, "file": tied_file, "which": which}
        said["code"] = (tied_code or "")[:8]  # the way out where the date is the month's
        return (older if newer else []) + [_note("overlap_tied", **said)]
    return older if newer else [_note("overlap_dated", count=overlap, keys=key)]


def _replaces_any(
    con: duckdb.DuckDBPyConnection, spec: DatasetSpec, content_hash: str, checked: Checked
) -> bool:
    """Whether this covering export replaces a period another export held."""
    table, bucket = _covered(spec, checked.covers)
    replaced = replaced_periods_sql(table, bucket, checked.series)
    sql = f"with {replaced} select count(*) from replaced"
    return con.execute(sql, [content_hash]).fetchone()[0] > 0


def _empty_all(con: duckdb.DuckDBPyConnection, spec: DatasetSpec, checked: Checked) -> list:
    """An export of the whole register (covers: all) without a row replaces nothing: the
    rows of the export that counts keep counting (helper-190 D5: a header-only export
    left 33 side jobs counting, said only to hold a header). Said, with the way out."""
    if checked.covers != "all" or checked.rows_good or checked.rows_quarantined:
        return []
    row = con.execute(
        f"""select _source_file, count(*) from raw_{spec.name} where record_id is null
        and _covers = 'all' group by all order by max({order_key()}) desc limit 1"""
    ).fetchone()
    return [_note("covers_all_empty", file=row[0], count=row[1])] if row else []


def _covered(spec: DatasetSpec, covers: str) -> tuple[str, str]:
    """A covering register's table and the SQL of the period a row falls in."""
    column = PERIOD_COLUMNS[spec.name]
    period = {"month": f"date_trunc('month', {column})", "year": f"date_trunc('year', {column})"}
    return f"raw_{spec.name}", period.get(covers, "date '1900-01-01'")


def _superseded_periods(
    con: duckdb.DuckDBPyConnection, spec: DatasetSpec, content_hash: str, covers: str
) -> list[Message]:
    """The periods of a newer covering export that hold rows of this covering export:
    there this one does not count (helper-115: an older register export read after a
    newer one said '13 geladen' and counted for none of it). Each period as the newer
    export covers it; an export that covers nothing replaces nothing (helper-117)."""
    table, column = f"raw_{spec.name}", PERIOD_COLUMNS[spec.name]
    order = workbook_key()  # a workbook's sheets one export
    rows = con.execute(
        f"""with mine as (  -- a numbered row is matched by its number, not replaced
            select distinct date_trunc('month', {column}) as m, {order} as pos
            from {table} where _content_hash = $1 and record_id is null
        ),
        newer as (
            select * from {table} where _content_hash <> $1 and _covers is not null
                and record_id is null and {order} > (select max(pos) from mine)
        )
        select p, arg_max(f, o) as f from (
            select strftime({column}, '%m-%Y') as p, _source_file as f, {order} as o from newer
            where _covers = 'month' and date_trunc('month', {column}) in (select m from mine)
            union all
            select strftime({column}, '%Y'), _source_file, {order} from newer
            where _covers = 'year' and date_trunc('year', {column}) in (
                select date_trunc('year', m) from mine
            )
            union all
            select '*', _source_file, {order} from newer where _covers = 'all'
        ) group by p order by min(o), p""",
        [content_hash],
    ).fetchall()
    # per period the newest export that covers it counts (helper-180: the newer export
    # whose name sorted first was named, not the one that counts), a note per such export
    by_file: dict[str, list[str]] = {}
    for period, file in rows:
        by_file.setdefault(file, []).append(period)
    notes = []
    for file, periods in by_file.items():
        shown = ", ".join(periods[:6]) + (", ..." if len(periods) > 6 else "")
        notes.append(_note("covers_superseded", count=len(periods), periods=shown, file=file))
    return notes


def _shrunk_periods(
    con: duckdb.DuckDBPyConnection,
    spec: DatasetSpec,
    content_hash: str,
    covers: str,
    series: str | None = None,
) -> list[Message]:
    """Periods this covering export replaces with fewer rows than the newest older export
    had there, or with none of its rows (the same employee on the same day): said with
    the counts, since one stray row (a late entry dated in last year) makes an export
    cover, and empty, a whole period (helper-190 D1: two late gifts of December replaced
    December's two others, unsaid). Nothing is changed."""
    table, bucket = _covered(spec, covers)
    day = PERIOD_COLUMNS[spec.name]
    rows = con.execute(
        f"""with {replaced_periods_sql(table, bucket, series)},
        kept as (  -- the replaced export's rows of the period that this one holds too
            select o.p, count(*) as k
            from (select *, {bucket} as p from {table}) as o
            join replaced as r on o._content_hash = r.h and o.p = r.p
            where exists (select 1 from {table} as m where m._content_hash = $1
                and m.{day} = o.{day} and m.employee_key is not distinct from o.employee_key)
            group by 1
        )
        select p, f, n, now, coalesce(k, 0) as k from replaced left join kept using (p)
        where now < n or coalesce(k, 0) = 0 order by p""",
        [content_hash],
    ).fetchall()
    if not rows:
        return []
    shape = PERIOD_SHAPES.get(covers)
    each = [
        _note(
            "covers_shrunk_period" if now < n else "covers_other_period",
            period=p.strftime(shape) if shape else "*",
            before=n,
            file=f,
            now=now,
        )
        for p, f, n, now, _k in rows[:3]
    ]

    def said(lang: str) -> str:
        return "; ".join(m.text(lang) for m in each) + ("; ..." if len(rows) > 3 else "")

    return [_note("covers_shrunk", periods=InLanguage(said), count=len(rows))]


def emptied_columns(
    con: duckdb.DuckDBPyConnection,
    spec: DatasetSpec,
    checked: Checked,
    content_hash: str,
    at: dt.datetime,
) -> list[tuple[str, int]]:
    """Optional columns this file lacks (checked.absent_columns) that the rows counting
    now hold values in, where this file's rows would take their place: per natural key
    (record_id for a register's rows that have one) the newest earlier export's rows, and
    for a covering register's rows without record_id the rows no newer export covers yet,
    in the periods this file covers (as the staging models decide), each only where this
    export is the newer in the order of exports (``at``: the moment of ingest it gets).
    Read as empty, the column would empty those values without a word; returns each such
    column with the number of values, for the ingest to refuse the file. Checked before
    anything of the file is stored."""
    absent = checked.absent_columns
    if not absent:
        return []
    table, good = f"raw_{spec.name}", checked.good
    register = spec.name in PERIOD_COLUMNS
    keys = NATURAL_KEYS[spec.name]
    same_key = " and ".join(f"n.{k} = o.{k}" for k in keys)
    parts = [
        # per key, the rows of the newest earlier export (what the staging models keep)
        f"""select * from (
            select o.* from earlier as o
            where exists (select 1 from {good} as n where {same_key})
            qualify min(o._rank) over (partition by {", ".join(f"o.{k}" for k in keys)})
                = o._rank
        )"""
    ]
    if register and checked.covers is not None:
        column = PERIOD_COLUMNS[spec.name]

        def period(alias: str, covers: str) -> str:
            return f"date_trunc('{covers}', {alias}.{column})"

        def in_period(c: str) -> str:  # the earlier row o in covering export c's period
            return (
                f"({c}._covers = 'all' or {c}._covers = 'year' and {c}.p = {period('o', 'year')}"
                f" or {c}._covers = 'month' and {c}.p = {period('o', 'month')})"
            )

        mine = (
            f"exists (select 1 from {good} as n where n.record_id is null)"
            if checked.covers == "all"
            else f"{period('o', checked.covers)} in (select {period('n', checked.covers)}"
            f" from {good} as n where n.record_id is null)"
        )
        parts.append(
            f"""select o.* from earlier as o
            where o.record_id is null and {mine}
                and not exists (
                    select 1 from covered as c where c._rank < o._rank and {in_period("c")}
                )"""
        )
    newer = (
        "(coalesce(cast($2 as timestamp), $3) > o._at"
        " or coalesce(cast($2 as timestamp), $3) = o._at and $3 >= o._ingested_at)"
    )
    covered = (
        f"""covered as (
            select distinct _rank, _covers, case _covers
                when 'month' then date_trunc('month', {PERIOD_COLUMNS[spec.name]})
                when 'year' then date_trunc('year', {PERIOD_COLUMNS[spec.name]}) end as p
            from earlier where record_id is null and _covers is not null
        ),"""
        if register
        else ""
    )
    counts = con.execute(
        f"""with earlier as (
            select *, coalesce(cast(_export_date as timestamp), _ingested_at) as _at,
                dense_rank() over (order by {export_order_sql()}) as _rank
            from {table} where _content_hash <> $1
        ),
        {covered}
        counting as ({" union all ".join(parts)})
        select {", ".join(f"count(o.{c})" for c in absent)} from counting as o
        where {newer}""",
        [content_hash, checked.export_date, at],
    ).fetchall()[0]
    return [(c, n) for c, n in zip(absent, counts, strict=True) if n]


def refuse_emptying(
    con: duckdb.DuckDBPyConnection,
    checked: Checked,
    path: Path,
    content_hash: str,
    again: bool,
    at: dt.datetime,
) -> None:
    """Raise UnusableFile when the file would empty earlier values (emptied_columns), as
    a mapping's column missing from the file does (recognise). ``at``: the moment it
    would be stored (loads.next_moment); ``again``: a file read again keeps its first
    moment of ingest (loader._store)."""
    if again:
        first = con.execute(
            "select min(ingested_at) from ingest_log where content_hash = ?", [content_hash]
        ).fetchall()[0][0]
        at = first or at
    emptied = emptied_columns(con, checked.spec, checked, content_hash, at)
    if emptied:
        columns = ", ".join(f"{c} ({n})" for c, n in emptied)
        raise unusable("absent_would_empty", path, dataset=checked.spec.name, columns=columns)


def held_back_notes(
    con: duckdb.DuckDBPyConnection, spec: DatasetSpec, content_hash: str, checked: Checked
) -> list[Message]:
    """Rows of this file that were quarantined while an export ingested before has their
    natural key: for those keys the earlier export's row is the one that counts (a
    correction that fails a check corrects nothing), so the ingest says so, with the
    file's line numbers. Rows without a complete key (a register without record ids,
    whose period an export replaces) are left to the quarantine count."""
    typed = checked.typed
    if not typed or not checked.failures or not checked.rows_quarantined:
        return []
    keys = NATURAL_KEYS[spec.name]
    complete = " and ".join(f"t.{c} is not null" for c in keys)
    replaced = ""  # under covers: wave the older rows of a wave and unit it holds count not
    if spec.name == "survey_responses" and checked.covers == SURVEY_COVERS:
        at = "coalesce(cast(_export_date as timestamp), _ingested_at)"
        replaced = f"""and not (
            (date_trunc('month', wave_date), org_unit) in (select date_trunc('month',
                wave_date), org_unit from raw_survey_responses where _content_hash = $1)
            and ({at}, _ingested_at) < (select min(({at}, _ingested_at))
                from raw_survey_responses where _content_hash = $1))"""
    row = con.execute(
        f"""select count(*), list(_line order by _line)[1:5]
        from (
            select distinct t._line
            from {typed} as t
            semi join (
                select {", ".join(keys)} from raw_{spec.name} where _content_hash <> $1
                    -- an export older than this one: a newer one counts anyway (helper-190
                    -- D12: an older export read last was told its refused key waits)
                    and {order_key()} < (select max({order_key()}) from raw_{spec.name}
                        where _content_hash = $1)
                {replaced}
            ) as o using ({", ".join(keys)})
            where {complete} and t._rid in (select _rid from {checked.failures})
        )""",
        [content_hash],
    ).fetchall()[0]
    count, lines = row
    if not count:
        return []
    shown = ", ".join(str(n) for n in lines) + (", ..." if count > len(lines) else "")
    return [_note("held_back", count=count, keys=", ".join(keys), lines=shown)]


def _note(key: str, **values: object) -> Message:
    return Message(f"note.{key}", locale_file="ingest", **values)
