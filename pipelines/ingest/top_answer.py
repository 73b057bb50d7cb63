"""A survey file without a single 5: a scale of four points (1-4, no midpoint: helper-174,
60 respondents x 3 items answered 1-4 loaded as five points without a word, so 'eens' (3)
became the midpoint and a reversed item's unfavourable answers went from 35 to 12). The
file is refused once it has ``ingest.survey_top_min`` answers to three items or more (a
five-point survey of that many answers has its 5s; one reversed item may not); a mapping
translates a four-point scale with ``values`` (3 to
4, 4 to 5, as answer_labels reads one) or confirms five points with ``answer_scale: 5``.
A smaller file is judged with the earlier files of its series (series_of) that were too
small to be judged alone: a continuous survey exported per month in files of 40 answers
was never judged (helper-207).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

import duckdb

from pipelines.core.texts import InLanguage
from pipelines.ingest.checks import Checked
from pipelines.ingest.dates import MONTH_WORDS
from pipelines.ingest.loads import LOADED
from pipelines.ingest.mapping import Mapping
from pipelines.ingest.readers import unusable

# A month's words in a file's name (series_of), longest first (september before sep)
MONTHS = "|".join(sorted(map(re.escape, MONTH_WORDS), key=len, reverse=True))

# The items a file answers before it tells its scale: one item, or two, may have no 5 on
# five points (helper-177: the demo's reversed RAE2 alone, 1604 answers piled at 1-2,
# none 5, was refused; an export per item or a pulse of one statement is common).
ITEMS = 3


def refuse_without_top(
    con: duckdb.DuckDBPyConnection,
    checked: Checked,
    path: Path,
    mapping: Mapping | None,
    least: int,
    content_hash: str = "",
) -> None:
    """UnusableFile for a survey file of at least ``least`` answers to ITEMS items or
    more, none of them 5 or more, unless its mapping says how its answers read (values,
    answer_labels, answer_scale; helper-177: values that translated four points of which
    nobody chose the 4th were refused again). A file of fewer answers, with those of the
    earlier small files of its series (not ``content_hash``, this one's)."""
    if checked.spec.name != "survey_responses" or (
        mapping is not None and (mapping.answer_scale or mapping.answer_labels or _scored(mapping))
    ):
        return  # the mapping says how its answers read
    answers = f"select item_code, answer from {checked.good}"
    answered, top, items = _counted(con, answers)
    if answered >= least and items >= ITEMS and top == 0:
        raise unusable("no_top_answer", path, count=answered, least=least)
    if answered == 0 or answered >= least or top > 0:
        return
    # too few to tell alone: with the answers of the earlier files of the same series (the
    # same mapping, a copy in each month's folder too, whatever its export date; without one
    # files named alike: helper-210, -211, -212) that were too few to tell alone too, with
    # their 5s (leaving out the files that had one chose the pool for having none: a survey
    # whose 5s are rare was refused in its tenth month; helper-213), each answer once (a
    # cumulative export repeats the earlier months': helper-210): as much proof as one file
    # of as many answers.
    earlier = f"""select _content_hash from raw_survey_responses where _content_hash in (
            select content_hash from ingest_log where dataset = 'survey_responses'
                and status = ? and series = ? and content_hash <> ?)
        group by all having count(answer) < {int(least)}"""
    params = [LOADED, series_of(path, mapping), content_hash]
    pooled = f"""select distinct on (respondent_key, wave_date, item_code) item_code, answer
        from (select respondent_key, wave_date, item_code, answer from {checked.good}
            union all select respondent_key, wave_date, item_code, answer
            from raw_survey_responses where _content_hash in ({earlier}))"""
    together, top, items = _counted(con, pooled, params)
    if together < least or items < ITEMS or top > 0:
        return
    names = con.execute(
        f"select distinct source_file from ingest_log where content_hash in ({earlier}) order by 1",
        params,
    ).fetchall()
    if names:
        n = len(names) - 3
        shown = ", ".join(name for (name,) in names[:3])
        words = {"nl": f"{shown} en nog {n}", "en": f"{shown} and {n} more"}
        files = InLanguage(lambda lang: words.get(lang, words["nl"]) if n > 0 else shown)
        raise unusable(
            "no_top_answer_pooled" if mapping is not None else "no_top_answer_pooled_unmapped",
            path, count=answered, files=files, total=together, least=least,
        )  # fmt: skip


def _counted(
    con: duckdb.DuckDBPyConnection, answers: str, params: list | None = None
) -> tuple[int, int, int]:
    """The answers of ``answers`` (item_code, answer), those of 5 or more, and the items
    answered."""
    return con.execute(
        f"select count(answer), count(answer) filter (where answer >= 5), "
        f"count(distinct item_code) filter (where answer is not null) from ({answers})",
        params or [],
    ).fetchone()


def _scored(mapping: Mapping) -> bool:
    """Whether the mapping's values turn an answer into the scale's top, 5: only that says
    how the answers read (helper-207: the example mapping's 'Weet niet': null alone let 60
    x 3 answers of 1-4 load as five points, without a word; helper-208: so did labels
    mapped to 1-4, and 'Weet niet': '')."""
    targets = (mapping.values.get("answer") or {}).values()
    return any(str(v).strip().replace(",", ".") in ("5", "5.0") for v in targets if v is not None)


def series_of(path: Path, mapping: Mapping | None) -> str:
    """The series of exports a file belongs to: its mapping's content but the files it
    names, where it is kept and its export date (a copy of one mapping in each month's
    folder, its export_date set anew each month, is one survey); without a mapping its
    name with its numbers and month words left out (enq_2026-01.csv and enq_2026-02.csv,
    enquete_maart.csv and enquete_april.csv: helper-212; not pulse.csv, another survey
    whose 5s would prove nothing of these)."""
    if mapping is not None:
        kept = mapping.model_dump(mode="json", exclude={"files", "path", "export_date"})
        text = json.dumps(kept, sort_keys=True)
        return "mapping:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    name = unicodedata.normalize("NFC", path.name.lower())
    return "name:" + re.sub(rf"[0-9]+|(?<![^\W\d_])({MONTHS})(?![^\W\d_])", "#", name)
