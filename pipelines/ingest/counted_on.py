"""Rows that count on from another export than the one a reader would think: keys an
older export holds that a newer re-export leaves out (a deleted or renumbered row, which
no export can yet be declared complete to stop), in either order of ingest; and an HR
month read again under other personnel numbers (Excel dropped their leading zeros), so
that it counts its staff twice, and a register's or order's ids read again without their
leading zeros. Each is said in the ingest log, nothing is changed
(reexports.overlap_notes; helper-115, -116, -117, -119)."""

from __future__ import annotations

import re

import duckdb

from pipelines.core.texts import InLanguage, Message
from pipelines.ingest.checks import Checked
from pipelines.ingest.covered_order import newest_parents, order_key


def _note(key: str, **values: object) -> Message:
    return Message(f"note.{key}", locale_file="ingest", **values)


# The fewest people an earlier export has in an HR month (in the units both hold) for a
# file that shares not even half of them to be said to count the month twice: below it
# two small files may be two groups of people, not one group numbered twice.
TWICE_AT_LEAST = 5
# The fewest managers of a 360 round another export holds under another date of the same
# quarter for the round to be said twice: a management team of four is one round, said
# (helper-207: four managers' scores counted twice, unsaid, where five were said); one
# manager alone may be a second round
ROUND_AT_LEAST = 2
# Keyed datasets exported year to date, by the column that dates a row and the unit a
# department's own export holds: a row an earlier export has in the months (and units)
# a newer export holds, but the newer one has not, keeps counting (deleted or renumbered
# in a corrected export); said, as no export can yet be declared complete (helper-115).
DROPPED_WITHIN: dict[str, tuple[str, str | None]] = {
    "employees": ("snapshot_month", "org_unit"),
    "allocations": ("allocated_on", "district"),  # helper-117: an export per district
    "procurement": ("ordered_on", "org_unit"),
    "trainings": ("held_on", "org_unit"),
    # numbered registers: their rows with a record_id (helper-121: a deleted side job
    # kept counting, without a word); rows without one are the covers' to replace
    "side_jobs": ("registered_on", None),
    "gifts": ("received_on", None),
    # answers, by the wave's date and team: a respondent deleted in the survey tool, or
    # an edited response given a new date, kept counting from the older export, without
    # a word (helper-159); a wave an export replaces whole (covers: wave) is no case
    "survey_responses": ("wave_date", "org_unit"),
    # a unit's month, a manager's round (helper-190 D6: a newer export without five
    # unit-months of garnishments, or five managers, kept them counting, unsaid)
    "hr_aggregates": ("month", None),
    "feedback_360": ("period", None),
    "vehicle_use": ("_year_start", None),  # its year's first day (YEAR_START)
}
# A dataset's period as a date where it is written otherwise: vehicle_use's year
YEAR_START = {"vehicle_use": "make_date(cast(year as integer), 1, 1)"}
# A survey export that replaces each wave it holds, whole (covers: wave): for a tool that
# gives respondents new anonymous numbers in every export, so no key matches the old ones.
SURVEY_COVERS = "wave"


# The ids a dataset's rows are known by (not pseudonymised, so they are compared as
# written): a re-export Excel saved again writes 000001 as 1, and its rows count twice.
IDS = ("record_id", "allocation_id", "order_id", "supplier_id", "org_unit")
# An id as its spelling is compared: without its case, accents and leading zeros, and
# its dashes (- – — and the like), underscores, dots, slashes and spaces (no-break ones
# too, helper-163) between its parts as one dash
# (helper-160: WN-2025-0001 read again as wn-2025-0001, or with en dashes, counted every
# allocation twice, unsaid).
SPELLING = (
    r"ltrim(regexp_replace(regexp_replace(lower(strip_accents(trim({}))),"
    r" '[\s\x{{a0}}\x{{2007}}\x{{2009}}\x{{202f}}\x{{2010}}-\x{{2015}}\x{{2212}}_./-]+', '-', 'g'),"
    r" '(^|[^0-9])0+([0-9])', '\1\2', 'g'), '0')"
)
# ... and the leading zeros of each of its numbers, not only the id's first (helper-259
# F2: TW-000002 read again as TW-2, WN-2026-0001 as WN-2026-1, counted twice, unsaid)
ZEROS = re.compile(r"(^|[^0-9])0+([0-9])")


def zeros_notes(
    con: duckdb.DuckDBPyConnection, name: str, keys: tuple[str, ...], content_hash: str
) -> list[Message]:
    """Ids of this file that another export of the dataset writes with other leading
    zeros (1 and 000001), and no export as this one does: the same rows count twice
    (helper-119: a gifts and an allocations re-export Excel had saved again, 50 gifts
    for 30 and 100 allocations for 60, without a word); or in another case, with other
    dashes or spaces (SPELLING; helper-160). Said in either order of ingest; the ids are
    not merged (an id is its text, as the contract says)."""
    if len(keys) != 1 or keys[0] not in IDS:
        return []
    key = keys[0]
    at = "coalesce(cast(_export_date as timestamp), _ingested_at)"
    row = con.execute(
        f"""with mine as (
            select distinct {key} as k from raw_{name}
            where _content_hash = $1 and {key} is not null
        ),
        others as (
            select {key} as k, _source_file as source_file, {at} as moment from raw_{name}
            where _content_hash <> $1 and {key} is not null
        ),
        fresh as (select k from mine anti join others using (k)),
        pairs as (
            select fresh.k as mine, others.k as theirs, others.source_file, others.moment
            from fresh join others on {SPELLING.format("fresh.k")} = {SPELLING.format("others.k")}
            where {SPELLING.format("fresh.k")} <> ''
        )
        -- per export, its example from its own pairs (helper-120: the file, the count and
        -- the example came from three exports); the export with most of them, the newest
        select count(distinct mine) as n, source_file, min((mine, theirs)) as example
        from pairs group by source_file order by n desc, max(moment) desc, source_file
        limit 1""",
        [content_hash],
    ).fetchone()
    if row is None:
        return []
    count, file, (mine, theirs) = row
    zeros = ZEROS.sub(r"\1\2", mine) == ZEROS.sub(r"\1\2", theirs)
    said = "ids_other_zeros" if zeros else "ids_other_spelling"
    if key == "org_unit":  # another tree beside the first (helper-259 F1)
        said = said.replace("ids", "org_units")
    return [_note(said, count=count, keys=key, file=file, mine=mine, theirs=theirs)]


def dropped_notes(
    con: duckdb.DuckDBPyConnection,
    name: str,
    keys: tuple[str, ...],
    content_hash: str,
    checked: Checked,
) -> list[Message]:
    """Keys of older exports within the days (and units) this newer export holds, month
    by month, that this one has not: they keep counting from the older export; and the
    other way round, this older export's keys a newer one has not count from this one
    (helper-116: a cancelled allocation counted again, without a word). Said only where
    the newer export holds at least half of those keys (a re-export, not an export of
    changes alone or of another department; helper-116, -117). A key this file holds on
    a quarantined row is held_back_notes' to say."""
    if name not in DROPPED_WITHIN:
        return []
    # an export's place in the order of exports (reexports.export_order_sql): files of
    # one run share their moment of ingest, and the file name decides (helper-156: an
    # older and a newer export in one folder said nothing)
    at = order_key()
    this = f"(select max({at}) from raw_{name} where _content_hash = $1)"
    keyed = "".join(f" and {k} is not null" for k in keys)  # a register's numbered rows
    star = f"*, {YEAR_START[name]} as _year_start" if name in YEAR_START else "*"
    mine = f"select {star} from raw_{name} where _content_hash = $1{keyed}"
    others = f"select {star} from raw_{name} where _content_hash <> $1{keyed} and {at}"
    newer, older = f"{others} > {this}", f"{others} < {this}"
    if name == "survey_responses":  # a newer export that replaces its waves whole
        newer += f" and _covers is distinct from '{SURVEY_COVERS}'"
        # and this file's waves (and units) such an export replaced count no more, nor
        # said to (helper-187: an older covering export read after both was told so)
        mine += (
            " and (date_trunc('month', wave_date), org_unit) not in (select date_trunc("
            f"'month', wave_date), org_unit from raw_{name} where _covers = '{SURVEY_COVERS}'"
            f" and {at} > {this})"
        )
        # nor do an older export's rows of a wave and unit a covering export newer than
        # that one replaced (helper-188: said to count on beside a newer export)
        older = (
            f"select r.* from ({older}) as r left join (select date_trunc('month', "
            f"wave_date) as m, org_unit as u, max({at}) as newest from raw_{name} "
            f"where _covers = '{SURVEY_COVERS}' group by all) as c "
            "on c.m = date_trunc('month', r.wave_date) and c.u = r.org_unit "
            f"where c.newest is null or c.newest <= {order_key('r')}"
        )
    held = f" anti join {checked.typed} using ({', '.join(keys)})" if checked.typed else ""
    # a key drop_rows left out of this export or a newer one counts no more from an older
    # one (dropped_keys.py), nor is it said to (helper-189: "tellen dus nog mee")
    gone = (
        f" anti join (select key as {keys[0]} from raw_dropped_keys where dataset = "
        f"'{name}' and {at} >= {this}) using ({keys[0]})"
        if len(keys) == 1
        else ""
    )
    notes = []
    # an export that replaces its waves whole leaves no older row of them counting; an
    # older one's own rows that a newer export without covers has not still count
    # (helper-184: said without covers, unsaid with)
    dropped = checked.covers != SURVEY_COVERS
    for note, sql in (
        *[("dropped_keys", (older, mine, held + gone, "rows"))] * dropped,
        ("kept_older_keys", (mine, newer, gone, "newer")),
    ):
        total, missing, file = _left_out(con, name, keys, sql, content_hash)
        if missing and 2 * (total - missing) >= total:
            said = f"{note}_survey" if name == "survey_responses" else note  # covers: wave
            if said == "kept_older_keys_survey" and not dropped:  # it has covers already:
                said += "_covers"  # the newer one's mapping is the way out (helper-187)
            notes.append(_note(said, count=missing, keys=", ".join(keys), file=file))
    return notes


def _left_out(
    con: duckdb.DuckDBPyConnection,
    name: str,
    keys: tuple[str, ...],
    sql: tuple[str, str, str, str],
    content_hash: str,
) -> tuple[int, int, str | None]:
    """Of the keys ``rows`` (SQL) has in the months ``newer`` (SQL) holds (per unit), whole
    months but for its first from its first day and its last to its last (the export's in
    any unit, helper-236; the unit's own where later or earlier): how many, how
    many of them ``newer`` has not (nor ``held``, this file's quarantined rows), and the
    newest file of ``named``: the rows that count on ("rows"), or the newer export
    ("newer") when those rows are this file's. helper-122: each month from its first to
    its last row missed a sparse register's record on a month's edge; helper-123: the
    whole period from first to last date took a January-and-March export of corrections
    to leave out all of February. A month the newer export does not hold is not compared
    (a record deleted alone in its month is not said)."""
    rows, newer, held, named = sql
    column, unit = DROPPED_WITHIN[name]
    key = ", ".join(keys)
    units = f", {unit}" if unit else ""
    same_unit = f" and r.{unit} is not distinct from s.{unit}" if unit else ""
    gap_unit = f" and n.{unit} is not distinct from g.{unit}" if unit else ""
    order = "coalesce(cast(_export_date as timestamp), _ingested_at)"
    # the newer export named is one that holds the months (and units) of the keys left
    # out, not any newer one (helper-226: a 2026 export named for keys of 2025)
    source = f"inside semi join missing using ({key})" if named == "rows" else "holding"
    return con.execute(
        f"""with rows as ({rows}), newer as ({newer}),
        months as (
            select date_trunc('month', {column}) as m{units},
                min({column}) as lo, max({column}) as hi
            from newer group by all
        ),
        -- a unit's first and last month from the export's first and last day in any unit
        -- (helper-236: a cost centre's last invoice, of 31 March, left out of a re-export
        -- up to April whose other rows of that centre ended on 25 March, was not compared)
        reach as (select min({column}) as first_day, max({column}) as last_day from newer),
        span as (
            select months.*,
                case when m = min(m) over edges then least(lo, greatest(m, first_day))
                     else m end as from_day,
                case when m = max(m) over edges
                     then greatest(hi, least(m + interval 1 month - interval 1 day, last_day))
                     else m + interval 1 month - interval 1 day end as to_day
            from months cross join reach window edges as (partition by true{units})
        ),
        inside as (
            select r.* from rows as r join span as s
                on date_trunc('month', r.{column}) = s.m{same_unit}
                and r.{column} between s.from_day and s.to_day
        ),
        missing as (select distinct {key} from inside anti join newer using ({key}){held}),
        gaps as (
            select distinct date_trunc('month', {column}) as m{units}
            from inside semi join missing using ({key})
        ),
        holding as (
            select n.* from newer as n semi join gaps as g
                on date_trunc('month', n.{column}) = g.m{gap_unit}
        ),
        named as (select * from {source})
        select (select count(*) from (select distinct {key} from inside)),
            (select count(*) from missing), (select arg_max(_source_file, {order}) from named)""",
        [content_hash],
    ).fetchall()[0]


def _hr_months(months: str) -> str:
    """SQL: this file's HR rows (mine) and other exports' in the units it holds (theirs),
    of its own months (``months`` "in") or of other months ("not in")."""
    return f"""with mine as (
            select snapshot_month as m, org_unit, employee_key from raw_employees
            where _content_hash = $1
        ),
        theirs as (
            select snapshot_month as m, org_unit, employee_key, _source_file
            from raw_employees
            where _content_hash <> $1 and snapshot_month {months} (select m from mine)
                and org_unit in (select org_unit from mine)
        )"""


def hr_month_notes(con: duckdb.DuckDBPyConnection, content_hash: str) -> list[Message]:
    """An HR month this file holds that an earlier export holds too, in the same org
    units, with not even half of its people under the same numbers: the month counts
    them twice (helper-115: an export Excel saved again, its personnel numbers without
    their leading zeros, 000101 as 101, doubled the month's headcount without a word).
    An export per department shares no unit and is no overlap."""
    rows = con.execute(
        f"""{_hr_months("in")}
        select t.m, t._source_file, count(distinct t.employee_key),
            count(distinct t.employee_key) filter (where t.employee_key in (
                select employee_key from mine where mine.m = t.m
            )),
            (select count(distinct employee_key) from mine
                where mine.m = t.m and mine.org_unit in (
                    select org_unit from theirs as u where u.m = t.m
                ))
        from theirs as t
        where (t.m, t.org_unit) in (select m, org_unit from mine)
        group by all order by 1, 2""",
        [content_hash],
    ).fetchall()
    twice = [
        (m, f, n, mine)
        for m, f, n, shared, mine in rows
        if n >= TWICE_AT_LEAST and 2 * shared < min(n, mine)
    ]
    if not twice:
        return []
    m, file, n, mine = twice[0]
    more = len({month for month, *_ in twice}) - 1  # months, not months by file
    words = {"nl": f"; en nog {more} zo", "en": f"; and {more} more so"}
    said = InLanguage(lambda lang: words.get(lang, words["nl"]) if more else "")
    month = m.strftime("%m-%Y")
    return [_note("hr_month_twice", month=month, file=file, count=n, mine=mine, more=said)]


def renumbered_notes(con: duckdb.DuckDBPyConnection, content_hash: str) -> list[Message]:
    """An HR month of this file beside a month just before or after it in another export
    (not in this one), in the same org units, with not even half of its people under the
    same numbers: to the radar they all left and as many were hired (helper-236: May's
    export saved by Excel, 101 for April's 00101, loaded without a word, and registers'
    rows that write the numbers as before belonged to nobody). The numbers are
    pseudonyms by then, so the count is compared, not the zeros (as hr_month_notes)."""
    rows = con.execute(
        f"""{_hr_months("not in")},
        pairs as (
            select distinct mine.m, theirs.m as other
            from (select distinct m from mine) as mine
            join (select distinct m from theirs) as theirs
                on theirs.m in (mine.m - interval 1 month, mine.m + interval 1 month)
        )
        select pairs.m, pairs.other, min(t._source_file), count(distinct t.employee_key),
            count(distinct t.employee_key) filter (where t.employee_key in (
                select employee_key from mine where mine.m = pairs.m
            )),
            (select count(distinct employee_key) from mine
                where mine.m = pairs.m and mine.org_unit in (
                    select org_unit from theirs as u where u.m = pairs.other
                ))
        from pairs join theirs as t on t.m = pairs.other
            and t.org_unit in (select org_unit from mine where mine.m = pairs.m)
        group by all order by 1, 2""",
        [content_hash],
    ).fetchall()
    for m, other, file, n, shared, mine in rows:
        if n >= TWICE_AT_LEAST and mine >= TWICE_AT_LEAST and 2 * shared < min(n, mine):
            months = {"month": m.strftime("%m-%Y"), "other": other.strftime("%m-%Y")}
            return [_note("hr_month_renumbered", file=file, count=n, mine=mine, **months)]
    return []


def subtotal_notes(con: duckdb.DuckDBPyConnection, content_hash: str) -> list[Message]:
    """An HR aggregate row of a unit whose units below it (raw_org_units) have rows of the
    same month in this export, and whose every count is the sum of theirs (one of them not
    zero): a subtotal, which counts the same people twice, as a department's counts take
    in its teams' (helper-189: Verhuur's 14 garnishments for 7). Said, not guessed: a
    department may have people of its own."""
    rows = con.execute(
        """with mine as (
            select month, org_unit, garnishment_count as g, social_worker_referrals as r
            from raw_hr_aggregates where _content_hash = $1
        ),
        below as (
            select p.month, p.org_unit, p.g, p.r, sum(c.g) as cg, sum(c.r) as cr,
                list(distinct c.org_unit order by c.org_unit) as units
            from mine as p
            join (select distinct org_unit as unit, parent_unit as up from raw_org_units
                where parent_unit is not null and parent_unit <> org_unit) as t
                on t.up = p.org_unit
            join mine as c on c.org_unit = t.unit and c.month = p.month
            group by all
        )
        select month, org_unit, g, r, units from below
        where g is not distinct from cg and r is not distinct from cr
            and (coalesce(g, 0) > 0 or coalesce(r, 0) > 0)
        order by month, org_unit""",
        [content_hash],
    ).fetchall()
    if not rows:
        return []
    month, unit, g, r, units = rows[0]
    return [
        _note("hr_subtotals", count=len(rows), month=month.strftime("%m-%Y"), unit=unit,
              units=", ".join(units), garnishments=g or 0, referrals=r or 0)
    ]  # fmt: skip


def orphan_notes(con: duckdb.DuckDBPyConnection, content_hash: str) -> list[Message]:
    """Units of this org export loaded under a parent the same export names but could not
    load (quarantined: two tops, a cycle) and no other export holds: the tree stops at
    them, so their figures count in no unit above them until the file is mended
    (helper-191 7: the teams of a top refused as one of two loaded under it, unsaid; a
    parent an earlier export still holds keeps them in the tree, helper-194)."""
    rows = con.execute(
        """select parent_unit, count(*) as units, min(org_unit) as unit
        from raw_org_units as t
        where _content_hash = $1 and parent_unit is not null and parent_unit <> org_unit
            and parent_unit not in (select org_unit from raw_org_units)
        group by parent_unit order by parent_unit""",
        [content_hash],
    ).fetchall()
    if not rows:
        return []
    parents = ", ".join(parent for parent, *_ in rows)
    count = sum(n for _, n, _ in rows)
    return [_note("org_orphans", count=count, parents=parents, unit=rows[0][2])]


def moved_notes(con: duckdb.DuckDBPyConnection, content_hash: str) -> list[Message]:
    """Units this org export, the newest to hold them, places under another parent than
    the export before it did: the org tree is the newest export's for every month, so a
    moved team's whole history now counts under its new department (helper-194: a team
    moved from Verhuur to Klant in October took its past quarters along, unsaid; Verhuur's
    G1 went from groen to rood)."""
    rows = con.execute(
        f"""with mine as (
            select org_unit, nullif(parent_unit, org_unit) as parent, {order_key()} as k
            from raw_org_units where _content_hash = $1
        ),
        before as (
            select o.org_unit, arg_max(nullif(o.parent_unit, o.org_unit), {order_key("o")})
                as parent, arg_max(o._source_file, {order_key("o")}) as file
            from raw_org_units as o join mine as m using (org_unit)
            where o._content_hash <> $1 and {order_key("o")} < m.k group by o.org_unit
        )
        select m.org_unit, b.parent, m.parent, b.file
        from mine as m join before as b using (org_unit)
        where b.parent is distinct from m.parent and m.org_unit not in (
            select org_unit from raw_org_units as o where {order_key("o")} > m.k
        )
        order by m.org_unit""",
        [content_hash],
    ).fetchall()
    if not rows:
        return []
    unit, old, new, file = rows[0]
    words = {"nl": "geen: de top", "en": "none: the top"}  # a department made a top
    top = InLanguage(lambda lang: words.get(lang, words["nl"]))
    notes = [
        _note("org_moved", count=len(rows), unit=unit, old=old or top, new=new or top, file=file)
    ]
    # made a top beside the stored one: its figures leave the organisation's (helper-195:
    # a department's export with its head's parent empty; Verhuur left WH's figures)
    made = [(u, o, f) for u, o, n, f in rows if n is None and o is not None]
    others = (
        made
        and con.execute(
            f"""select list(org_unit order by org_unit) from ({newest_parents()})
        where parent_unit is null and org_unit not in (select org_unit from raw_org_units
            where _content_hash = $1)""",
            [content_hash],
        ).fetchone()[0]
    )
    if made and others:
        unit, old, file = made[0]
        notes.append(_note("org_new_top", unit=unit, old=old, file=file, top=", ".join(others)))
    return notes


def second_top_notes(con: duckdb.DuckDBPyConnection, content_hash: str) -> list[Message]:
    """A top of an org export that shares no unit with the other exports, beside a top
    of the stored tree: two trees side by side, each with its own units and figures
    (helper-259 F1: an org export saved again by Excel, 0001 as 1, added a second tree;
    another organisation's export did so too, unsaid). Said, nothing changed."""
    # not an export that shares a unit with the others (helper-261: a reorganisation that
    # renamed the top, whose units moved under it, which moved_notes says)
    mine = con.execute(
        """select min(org_unit) from raw_org_units where _content_hash = $1
        and (parent_unit is null or parent_unit = org_unit)
        and not exists (select 1 from raw_org_units as o where o._content_hash <> $1
            and o.org_unit in (select org_unit from raw_org_units where _content_hash = $1))""",
        [content_hash],
    ).fetchone()[0]
    if mine is None:
        return []
    theirs = con.execute(
        f"""select t.org_unit, arg_max(o._source_file, {order_key("o")})
        from ({newest_parents()}) as t join raw_org_units as o using (org_unit)
        where t.parent_unit is null
            and t.org_unit not in (select org_unit from raw_org_units where _content_hash = $1)
        group by t.org_unit order by t.org_unit limit 1""",
        [content_hash],
    ).fetchone()
    if theirs is None:
        return []
    return [_note("org_second_top", unit=mine, top=theirs[0], file=theirs[1])]


def round_twice_notes(con: duckdb.DuckDBPyConnection, content_hash: str) -> list[Message]:
    """A 360 round this export holds for managers that another export holds under another
    period of the same quarter (31-12-2025 beside 01-10-2025), at least ROUND_AT_LEAST of
    them and half of that export's round: the same round written as another date counts
    twice (helper-190 D7: 34 managers, unsaid, as the survey says of a wave). Said, not
    merged: two rounds in one quarter are possible."""
    rows = con.execute(
        """with mine as (
            select distinct period, manager_key from raw_feedback_360 where _content_hash = $1
        ),
        theirs as (
            select distinct period, manager_key, _source_file as f from raw_feedback_360
            where _content_hash <> $1 and period not in (select period from mine)
        )
        select m.period, t.period, t.f, count(distinct t.manager_key) as shared,
            -- the smaller of the two rounds (helper-208: a round of four said only when
            -- read after the round of ten it shares them with, not before)
            least((select count(distinct manager_key) from theirs as o
                where o.period = t.period and o.f = t.f),
                (select count(distinct manager_key) from mine as o where o.period = m.period))
                as held
        from mine as m join theirs as t on t.manager_key = m.manager_key
            and date_trunc('quarter', t.period) = date_trunc('quarter', m.period)
        group by all order by 1, 2, 3""",
        [content_hash],
    ).fetchall()
    twice = [r for r in rows if r[3] >= ROUND_AT_LEAST and 2 * r[3] >= r[4]]
    if not twice:
        return []
    mine, theirs, file, shared, _ = twice[0]
    shown = "%d-%m-%Y"
    return [
        _note("round_twice", period=mine.strftime(shown), other=theirs.strftime(shown),
              file=file, count=shared)
    ]  # fmt: skip
