"""What ingest says when a survey export holds waves an earlier export holds too
(reexports.overlap_notes): the wave written as another date, renewed respondent numbers,
and under covers: wave which export counts, where the newer one holds fewer respondents
in a unit, and which units it left out (helper-110, -111, -121, -150, -180)."""

from __future__ import annotations

import duckdb

from pipelines.core.texts import InLanguage, Message
from pipelines.ingest.checks import Checked
from pipelines.ingest.counted_on import SURVEY_COVERS

# An export's moment, as staging orders exports: its own date, else when it was read
MOMENT = "coalesce(cast(_export_date as timestamp), _ingested_at)"
# Per wave (month) and unit, the newest export other than this one ($1) that replaces it
# (covers): an export older than that one counts there no more
COVERING = f"""select date_trunc('month', wave_date) as m, org_unit, max({MOMENT}) as newest
    from raw_survey_responses where _content_hash <> $1 and _covers is not null group by all"""


def wave_notes(
    con: duckdb.DuckDBPyConnection, content_hash: str, checked: Checked
) -> list[Message]:
    """Every note on this survey export's waves that earlier exports hold too."""
    notes = _overlaps(con, content_hash, checked) + _other_levels(con, content_hash)
    notes += _same_answers(con, content_hash)
    if checked.covers == SURVEY_COVERS:
        notes += _units_left(con, content_hash, checked.typed)
    return notes


# The answers a wave must share, the same respondent's same answer to the same item in the
# same unit, with another export's wave of another month, to be said to be that wave
# written otherwise (at least this many, and nine in ten of the smaller wave's answers)
SAME_ANSWERS_MIN = 20
SAME_ANSWERS_SHARE = 0.9
SAME_ANSWERS_DAYS = 92  # a quarter: 2026-Q1 read as 01-01-2026, re-exported as 31-03-2026


def _same_answers(con: duckdb.DuckDBPyConnection, content_hash: str) -> list[Message]:
    """A wave of this export whose answers another export that still counts holds, answer
    for answer, under a date of another month within a quarter: the same wave written
    otherwise (helper-207: '2026-Q1', read as its first day, re-exported as '31-03-2026',
    counted every answer twice, without a word, also under covers: wave, which takes a
    wave for its month). Respondents answering alike in two months would share a few
    answers, not nine in ten of them; said as a question all the same. A tool that renews
    its respondent numbers shares none (wave_counted_twice says those)."""
    rows = con.execute(
        f"""with mine as (  -- answers given (helper-210: blanks matched each other)
            select wave_date, org_unit, respondent_key, item_code, answer
            from raw_survey_responses where _content_hash = $1 and answer is not null
        ),
        sizes as (select wave_date, count(*) as n from mine group by all),
        covering as ({COVERING}),
        theirs as (
            select o.wave_date, o.org_unit, o.respondent_key, o.item_code, o.answer,
                o._source_file
            from raw_survey_responses as o
            left join covering as c
                on c.m = date_trunc('month', o.wave_date) and c.org_unit = o.org_unit
            where o._content_hash <> $1 and o.answer is not null
                and o.wave_date between (select min(wave_date) from mine) - {SAME_ANSWERS_DAYS}
                    and (select max(wave_date) from mine) + {SAME_ANSWERS_DAYS}
                and (c.newest is null
                    or c.newest <= coalesce(cast(o._export_date as timestamp), o._ingested_at))
        ),
        their_sizes as (select _source_file, wave_date, count(*) as n from theirs group by all),
        same as (
            select m.wave_date as mine, t.wave_date as other, t._source_file as file,
                count(*) as same, count(distinct m.respondent_key) as respondents
            from mine as m join theirs as t
                using (org_unit, respondent_key, item_code, answer)
            where date_trunc('month', m.wave_date) <> date_trunc('month', t.wave_date)
                and abs(m.wave_date - t.wave_date) <= {SAME_ANSWERS_DAYS}
            group by all
        )
        -- nine in ten of the smaller wave's answers (helper-210: a re-export that grew
        -- held all of the first one's, but not nine in ten of its own)
        select same.*, sizes.n, their_sizes.n from same
        join sizes on sizes.wave_date = same.mine
        join their_sizes on their_sizes._source_file = same.file
            and their_sizes.wave_date = same.other
        where same.same >= {SAME_ANSWERS_MIN}
            and same.same >= {SAME_ANSWERS_SHARE} * least(sizes.n, their_sizes.n)
        order by 1, 2, 3""",
        [content_hash],
    ).fetchall()
    shown = "%d-%m-%Y"
    return [
        _note("wave_same_answers", wave=mine.strftime(shown), other=other.strftime(shown),
              file=file, count=same, respondents=respondents, total=n, theirs=their_n)
        for mine, other, file, same, respondents, n, their_n in rows[:3]
    ]  # fmt: skip


def _other_levels(con: duckdb.DuckDBPyConnection, content_hash: str) -> list[Message]:
    """A wave this export holds in a unit whose units above or below it hold the same
    wave (month) in another export that still counts, and not in this one's units: the
    same people exported at another level of the org tree (a department's VH beside its
    teams VH-N and VH-Z) count twice, as covers: wave replaces a wave per unit (helper-184,
    helper-187: 14 respondents for 7, unsaid). Said as a question: two groups of people
    at two levels are possible too."""
    rows = con.execute(
        f"""with recursive edges as (
            select distinct org_unit as unit, parent_unit as up from raw_org_units
            where parent_unit is not null and parent_unit <> org_unit
        ),
        tree(unit, ancestor) as (
            select unit, up from edges
            union
            select tree.unit, edges.up from tree join edges on edges.unit = tree.ancestor
        ),
        covering as ({COVERING}),
        mine as (  -- this export's waves and units that count (none a newer one replaced)
            select date_trunc('month', wave_date) as m, org_unit, min(wave_date) as w
            from raw_survey_responses where _content_hash = $1
                and (date_trunc('month', wave_date), org_unit) not in (
                    select m, org_unit from covering where newest > (select max({MOMENT})
                        from raw_survey_responses where _content_hash = $1))
            group by all
        ),
        theirs as (
            select date_trunc('month', o.wave_date) as m, o.org_unit, o._source_file as f,
                count(distinct o.respondent_key) as n
            from raw_survey_responses as o
            left join covering as c
                on c.m = date_trunc('month', o.wave_date) and c.org_unit = o.org_unit
            where o._content_hash <> $1
                and date_trunc('month', o.wave_date) in (select m from mine)
                and (c.newest is null or c.newest <= coalesce(cast(o._export_date as
                    timestamp), o._ingested_at))
            group by all
        )
        select min(mine.w), mine.org_unit, theirs.f,
            list(distinct theirs.org_unit order by theirs.org_unit), sum(theirs.n)
        from mine join theirs on theirs.m = mine.m
        join tree on (tree.unit = theirs.org_unit and tree.ancestor = mine.org_unit)
            or (tree.unit = mine.org_unit and tree.ancestor = theirs.org_unit)
        where (theirs.m, theirs.org_unit) not in (select m, org_unit from mine)
            -- an export that holds this unit's wave too holds other people above or
            -- below it (helper-190 D11: a whole-organisation wave beside its team's
            -- re-export was said to count its department's one respondent twice)
            and (mine.m, mine.org_unit, theirs.f) not in (select m, org_unit, f from theirs)
        group by mine.m, mine.org_unit, theirs.f order by 1, 2, 3""",
        [content_hash],
    ).fetchall()
    return [
        _note("wave_other_level", wave=wave.strftime("%d-%m-%Y"), unit=unit, file=file,
              units=", ".join(units[:6]) + (", ..." if len(units) > 6 else ""), count=n)
        for wave, unit, file, units, n in rows[:3]
    ]  # fmt: skip


def _units_left(
    con: duckdb.DuckDBPyConnection, content_hash: str, typed: str | None = None
) -> list[Message]:
    """Under covers: wave a newer export replaces a wave in the units it holds; an older
    export's units of that wave that it does not hold keep counting (an export split by
    department keeps every department). Where the two share a unit of the wave, the
    units left out are said: a partial export, or a unit whose every respondent the
    survey tool deleted (helper-180: four such units kept their old answers unsaid)."""
    rows = con.execute(
        """with mine as (
            select distinct date_trunc('month', wave_date) as m, org_unit,
                coalesce(cast(_export_date as timestamp), _ingested_at) as moment
            from raw_survey_responses where _content_hash = $1
        ),
        theirs as (
            select date_trunc('month', o.wave_date) as m, o.org_unit, o._source_file as f,
                o.respondent_key, o.wave_date
            from raw_survey_responses as o
            where o._content_hash <> $1
                and date_trunc('month', o.wave_date) in (select m from mine)
                and coalesce(cast(o._export_date as timestamp), o._ingested_at)
                    < (select min(moment) from mine)
                -- where a newer export holds the unit's wave, that one counts there, not
                -- this older one (helper-181: the export named no longer counted)
                and not exists (
                    select 1 from raw_survey_responses as x
                    where x._content_hash <> $1 and x._content_hash <> o._content_hash
                        and x._covers is not null  -- one without covers replaces nothing
                        and date_trunc('month', x.wave_date) = date_trunc('month', o.wave_date)
                        and x.org_unit = o.org_unit
                        and coalesce(cast(x._export_date as timestamp), x._ingested_at)
                            > coalesce(cast(o._export_date as timestamp), o._ingested_at)
                )
        ),
        shared as (  -- the older exports that share a unit of the wave with this one
            select distinct m, f from theirs where (m, org_unit) in (select m, org_unit from mine)
        )
        select m, min(min(wave_date)) over (partition by m, f), f, org_unit,
            count(distinct respondent_key)
        from theirs
        where (m, f) in (select m, f from shared)
            and (m, org_unit) not in (select m, org_unit from mine)
        group by m, f, org_unit order by m, f, org_unit""",
        [content_hash],
    ).fetchall()
    # a unit this export holds on rejected lines alone is in it, not left out (helper-184)
    rejected = set()
    if typed:
        rejected = set(
            con.execute(
                f"select distinct date_trunc('month', wave_date), org_unit from {typed}"
            ).fetchall()
        )
    grouped: dict[tuple, list] = {}
    for m, wave, file, unit, n in rows:
        key = (m, wave, file, "wave_units_rejected" if (m, unit) in rejected else "wave_units_left")
        grouped.setdefault(key, []).append((unit, n))
    return [
        _note(
            said,
            wave=wave.strftime("%d-%m-%Y"),
            file=file,
            units=", ".join(u for u, _ in units[:6]) + (", ..." if len(units) > 6 else ""),
            count=len(units),
            respondents=sum(n for _, n in units),
        )
        for (_m, wave, file, said), units in list(grouped.items())[:3]
    ]


def _overlaps(con: duckdb.DuckDBPyConnection, content_hash: str, checked: Checked) -> list[Message]:
    """A survey wave (a month) this file holds that an earlier export holds too, in the
    same org units, where the natural key cannot match: the wave written as another date
    (2026-03 and 31-03-2026), or with none of the same respondents (a tool that renews its
    anonymous numbers in every export; helper-110: a cumulative export counted the first
    wave twice, without a word). Without covers: wave said to count twice; with it, which
    export counts, and where the newer one holds fewer respondents in a unit than the one
    it replaces (helper-111: a partial export dropped them, unsaid). A wave split over
    exports by department shares no unit and is no overlap."""
    rows = con.execute(
        f"""with mine as (
            select date_trunc('month', wave_date) as m, * from raw_survey_responses
            where _content_hash = $1
        ),
        -- an export a newer one replaces is no overlap (helper-184: a middle-dated export
        -- read last was held against the one the newest replaced)
        covering as ({COVERING}),
        theirs as (
            select date_trunc('month', o.wave_date) as m, o.* from raw_survey_responses as o
            left join covering as c
                on c.m = date_trunc('month', o.wave_date) and c.org_unit = o.org_unit
            where o._content_hash <> $1
                and date_trunc('month', o.wave_date) in (select m from mine)
                and o.org_unit in (select org_unit from mine)
                and (c.newest is null
                    or c.newest <= coalesce(cast(o._export_date as timestamp), o._ingested_at))
        )
        select false, m, org_unit, wave_date, _source_file, count(distinct respondent_key),
            count(distinct respondent_key) filter (
                where respondent_key in (select respondent_key from mine)
            ),
            any_value(coalesce(cast(_export_date as timestamp), _ingested_at)),
            bool_or(_covers is not null), bool_and(_export_date is null)
        from theirs group by all
        union all
        select true, m, org_unit, wave_date, _source_file, count(distinct respondent_key),
            0, any_value(coalesce(cast(_export_date as timestamp), _ingested_at)), true, false
        from mine where m in (select m from theirs) group by all
        order by 2, 3, 5""",
        [content_hash],
    ).fetchall()
    mine = {(m, unit, w): (n, at) for own, m, unit, w, _f, n, _s, at, *_ in rows if own}
    units = {(m, unit) for m, unit, _w in mine}
    dates = {(m, w) for own, m, _u, w, *_ in rows if own}
    theirs = [r[1:] for r in rows if not r[0] and (r[1], r[2]) in units]
    mine_at = next(iter(mine.values()))[1] if mine else None
    newest = _replaced(con, content_hash, mine_at)
    held = _held(con, checked.typed) if checked.typed else {}
    shown = "%d-%m-%Y"
    found: dict[str, list[dict[str, object]]] = {}
    said: set[tuple] = set()
    for m, unit, wave, file, n, shared, at, covering, undated in theirs:
        if (m, unit) in newest:  # a newer export replaces this one's wave there: no more
            if (m, unit) not in said:  # overlap to speak of (helper-187: said to count);
                said.add((m, unit))  # each of its waves (dates) of the month on its own
                for (mm, u, w), (k, _a) in sorted(mine.items()):
                    if (mm, u) == (m, unit):
                        found.setdefault("wave_superseded", []).append(
                            {"wave": w.strftime(shown), "count": k, "file": newest[m, unit]}
                        )
            continue
        if checked.covers == SURVEY_COVERS:
            now, _ = mine.get((m, unit, wave), (None, None))
            # refused lines are in the export, and in quarantine (helper-187: 19 of 20)
            now = max(now or 0, held.get((m, unit, wave), 0)) if now is not None else None
            if mine_at < at and not covering and ((m, wave) not in dates or not shared):
                # a newer export without covers replaces nothing, and this older one
                # replaces only older ones: both count (helper-182: said to be replaced);
                # one without an export date is newer by its moment of ingest, and with
                # covers it would replace this one (helper-184): its date is the way out
                key = "wave_newer_undated" if undated else "wave_newer_uncovered"
                found.setdefault(key, []).append(
                    {"wave": wave.strftime(shown), "count": n, "file": file}
                )
                continue
            if checked.export_date is not None and mine_at == at:
                # the same export date: the order of ingest decides (helper-150); two
                # undated exports of one moment of ingest have none (helper-152)
                found.setdefault("wave_tied", []).append(
                    {"wave": wave.strftime(shown), "count": n, "file": file,
                     "date": at.strftime(shown)}
                )  # fmt: skip
            elif now is None:  # another day of the month: one wave, or two (helper-187:
                # two pulse waves of one month were said to have shrunk)
                other = next(w for mm, w in sorted(dates) if mm == m)
                found.setdefault("wave_month_replaced", []).append(
                    {"wave": wave.strftime(shown), "other": other.strftime(shown),
                     "count": n, "file": file}
                )  # fmt: skip
            elif mine_at > at and now < n:
                found.setdefault("wave_shrunk", []).append(
                    {"wave": wave.strftime(shown), "unit": unit, "now": now, "count": n,
                     "file": file}
                )  # fmt: skip
            elif not shared:
                found.setdefault("wave_replaced", []).append(
                    {"wave": wave.strftime(shown), "count": n, "file": file}
                )
        elif (m, wave) not in dates:
            other = next(w for mm, w in sorted(dates) if mm == m)
            found.setdefault("wave_other_date", []).append(
                {"wave": wave.strftime(shown), "other": other.strftime(shown), "file": file,
                 "count": n}
            )  # fmt: skip
        elif not shared:
            found.setdefault("wave_counted_twice", []).append(
                {"wave": wave.strftime(shown), "count": n, "file": file}
            )
    notes = []
    kinds = (
        "wave_superseded", "wave_shrunk", "wave_other_date", "wave_counted_twice",
        "wave_newer_uncovered",
        "wave_newer_undated", "wave_month_replaced", "wave_replaced", "wave_tied",
    )  # fmt: skip
    for key in kinds:
        if key in found:
            if key == "wave_shrunk":  # per unit, each named
                first, n = found[key][0], len(found[key]) - 1
            else:  # per wave and file, its units together
                first, n = (
                    _per_wave(found[key]),
                    len({(e["wave"], e["file"]) for e in found[key]}) - 1,
                )
            words = {"nl": f"; en nog {n} zo", "en": f"; and {n} more so"}
            more = InLanguage(lambda lang, n=n, w=words: w.get(lang, w["nl"]) if n else "")
            notes.append(_note(key, more=more, **first))
    return notes


def _replaced(con: duckdb.DuckDBPyConnection, content_hash: str, mine_at: object) -> dict:
    """Per wave (month) and unit of this export: the newest other export that replaces it
    there (covers: wave, newer than this one), by its file."""
    if mine_at is None:
        return {}
    rows = con.execute(
        f"""select date_trunc('month', wave_date), org_unit, arg_max(_source_file, {MOMENT})
        from raw_survey_responses
        where _content_hash <> $1 and _covers is not null and {MOMENT} > $2
            and (date_trunc('month', wave_date), org_unit) in (
                select date_trunc('month', wave_date), org_unit from raw_survey_responses
                where _content_hash = $1)
        group by all""",
        [content_hash, mine_at],
    ).fetchall()
    return {(m, unit): file for m, unit, file in rows}


def _held(con: duckdb.DuckDBPyConnection, typed: str) -> dict:
    """This export's respondents per wave (month), unit and date, refused lines too."""
    rows = con.execute(
        f"""select date_trunc('month', wave_date), org_unit, wave_date,
            count(distinct respondent_key)
        from {typed} group by all"""
    ).fetchall()
    return {(m, unit, w): n for m, unit, w, n in rows}


def _per_wave(found: list[dict[str, object]]) -> dict[str, object]:
    """The first wave's entry with its respondents over every unit of it (helper-121: one
    team's 7 of a wave of 70 was shown, and 'en nog 14 zo' counted its other teams)."""
    first = found[0]
    same = [e for e in found if (e["wave"], e["file"]) == (first["wave"], first["file"])]
    return {**first, "count": sum(int(e["count"]) for e in same)}


def _note(key: str, **values: object) -> Message:
    return Message(f"note.{key}", locale_file="ingest", **values)
