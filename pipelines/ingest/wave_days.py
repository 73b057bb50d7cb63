"""A survey export whose wave dates are the days its respondents answered, not the wave's
(a Qualtrics or Google Forms export's StartDate mapped to wave_date): a wave is a
calendar month (the staging's date_trunc), so one round of fieldwork across a month's end
counts as two smaller waves, each further under the minimum group size, without a word
(helper-250 F6). Said when the file's dates fall in two months or more and a month holds
more than one day; a file of waves dated one day each (2026-02-01, 2026-03-01) is several
waves, and says nothing."""

from __future__ import annotations

import duckdb
from babel.dates import format_date

from pipelines.core.texts import InLanguage, Message

MONTHS_SHOWN = 4
# per month its dates, not its respondents: a count of people is published only through
# the marts' suppression
DATES = {"nl": "datum(s)", "en": "date(s)"}


def answer_days(con: duckdb.DuckDBPyConnection, content_hash: str) -> list[Message]:
    """The note on this export's wave dates where they look like its respondents' own."""
    rows = con.execute(
        """select date_trunc('month', wave_date) as m, count(distinct wave_date),
            min(wave_date), max(wave_date)
        from raw_survey_responses where _content_hash = $1 and wave_date is not null
        group by all order by m""",
        [content_hash],
    ).fetchall()
    if len(rows) < 2 or all(days == 1 for _, days, *_ in rows):
        return []

    def per_month(lang: str) -> str:
        shown = ", ".join(
            f"{format_date(m, 'MMMM y', locale=lang)}: {days} {DATES[lang]}"
            for m, days, *_ in rows[:MONTHS_SHOWN]
        )
        return shown + (", ..." if len(rows) > MONTHS_SHOWN else "")

    return [
        Message(
            "note.wave_answer_days",
            locale_file="ingest",
            days=sum(days for _, days, *_ in rows),
            months=len(rows),
            first=f"{rows[0][2]:%d-%m-%Y}",
            last=f"{rows[-1][3]:%d-%m-%Y}",
            per_month=InLanguage(per_month),
        )
    ]
