"""survey_responses: one row per answer of the continuous employee survey (Likert 1-5)."""

from __future__ import annotations

import math

from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.base import Column, DatasetSpec, Rule, SuiteContext
from pipelines.ingest.quality.common import future_date_rule, known_org_unit_rule, unique_key

LOWEST, HIGHEST = 1, 5  # the scale every survey item is scored on (risks/survey_items.yaml)


def derive(relation: str, ctx: SuiteContext) -> str:
    """The check column of the scale rule: false for an answer (1-5, or empty) of an item
    on another scale in its month of the wave. A month is so when its own answers above 5
    are more than ``ctx.survey_off_scale_share`` of its answers and at least
    ``ctx.survey_off_scale_min`` of them (one typo is no scale; a 0 is no higher scale's:
    helper-148). A month with fewer answers than min / share (40), where a seven-point
    item may show no 6 or 7 (a continuous survey's few a month; helper-145), is also
    judged with the item's other such months that are not so by themselves: held back
    when they are past the share together, unless its own answers above 5 (none, or one)
    are too few for their rate, with less than ``ctx.survey_off_scale_chance``
    (helper-147: a five-point wave of 30 answers beside a seven-point one). A month held
    back by itself is left out of that count (helper-148: a seven-point December held back
    eleven five-point months of 10 answers). A month of 40 answers or more tells by
    itself (helper-143, -145). The ingest names an item some of whose months load beside
    others held back (answer_labels.mixed_scale_notes).

    Such an item is on another scale (a 7-point item's 4 is its midpoint, not "mee eens")
    or numbers "weet niet" (6, 9): the file cannot say which, so none of its answers is
    read (helper-140: a 7-point item loaded its 1-5 answers as five points). An answer
    outside 1-5 keeps its own reason (out_of_range), and a row without an item its own
    (missing_required), not this one as well. Counted over the file's readable rows,
    whatever their other faults."""
    share, least = float(ctx.survey_off_scale_share), int(ctx.survey_off_scale_min)
    enough = math.ceil(least / share) if share > 0 else 2**31  # answers a month tells by
    chance = float(ctx.survey_off_scale_chance)

    def past(at: str) -> str:  # more than the share above 5, and at least so many
        return f"{at}.off >= {least} and {at}.off > {share!r} * {at}.answered"

    # the chance of at most the month's own answers above 5 (fewer than `least`: more
    # would be past by themselves) among its answers, at the other small months' rate
    rate, n, k = "(pooled.off / pooled.answered)", "months.answered", "months.off"

    def ways(j: int) -> str:  # n choose j
        return "*".join([f"({n} - {i})" for i in range(j)] + ["1"]) + f" / {math.factorial(j)}"

    likely = " + ".join(
        f"(case when {k} >= {j} then {ways(j)} * pow({rate}, {j}) "
        f"* pow(1 - {rate}, {n} - {j}) else 0 end)"
        for j in range(max(least, 1))
    )
    return f"""
        with months as (
            select item_code, date_trunc('month', wave_date) as month,
                count(answer) filter (where answer > {HIGHEST}) as off,
                count(answer) as answered, count(answer) >= {enough} as telling
            from {relation} where item_code is not null group by all
        ),
        offs as (  -- the numbers above 5 a month holds, for the reason (rule_sql.QUOTED)
            select item_code, date_trunc('month', wave_date) as month,
                array_to_string(list_sort(list(distinct answer)), ', ') as off_answers
            from {relation} where item_code is not null and answer > {HIGHEST} group by all
        ),
        pooled as (
            select item_code, sum(off) as off, sum(answered) as answered
            from months where not telling and not ({past("months")}) group by item_code
        ),
        held as (
            select months.item_code, months.month, offs.off_answers
            from months left join pooled on months.item_code = pooled.item_code
            left join offs on offs.item_code = months.item_code and offs.month = months.month
            where ({past("months")})
                or (not months.telling and {past("pooled")} and {likely} >= {chance!r})
        )
        select rel.*,
            coalesce(rel.answer < {LOWEST} or rel.answer > {HIGHEST}, false)
                or held.item_code is null as _on_item_scale,
            coalesce(nullif(held.off_answers, ''), 'geen in deze maand zelf') as _off_answers
        from {relation} as rel
        left join held on rel.item_code = held.item_code
            and date_trunc('month', rel.wave_date) is not distinct from held.month
    """


def rules(ctx: SuiteContext) -> list[Rule]:
    return [
        unique_key("respondent_key", "wave_date", "item_code"),
        future_date_rule("wave_date", ctx),
        known_org_unit_rule(ctx),
        Rule(
            e.ExpectColumnValuesToBeInSet(column="item_code", value_set=sorted(ctx.survey_items)),
            "item_code",
            "not_in_set",
            "item_code is geen bekend vragenlijst-item (risks/survey_items.yaml)",
        ),
        Rule(
            e.ExpectColumnValuesToBeBetween(column="answer", min_value=LOWEST, max_value=HIGHEST),
            "answer",
            "out_of_range",
            f"answer moet {LOWEST} tot en met {HIGHEST} zijn, of leeg voor 'weet niet' (staat "
            "een getal voor 'weet niet'? vertaal het dan in de kolomkoppeling: values: "
            "{answer: {'{{answer}}': null}})",
        ),
        Rule(
            e.ExpectColumnValuesToBeInSet(column="_on_item_scale", value_set=[True]),
            "answer",
            "off_scale",
            f"meer dan {ctx.survey_off_scale_share:.0%} van de antwoorden op dit item in deze "
            "maand van de meting (of in de maanden met weinig antwoorden samen), en minstens "
            f"{ctx.survey_off_scale_min}, ligt boven {HIGHEST} (ingest.survey_off_scale_share "
            "en _min): het item "
            "staat op een andere schaal (1-7, 0-10), of de export schrijft 'weet niet' als "
            "getal. Niet geraden, ook dit antwoord niet. Is het 'weet niet', vertaal het dan "
            "in de kolomkoppeling (hier boven 5: {{_off_answers}}; values: {answer: {'6': null}} "
            "voor een 6); een andere schaal wordt niet "
            "gelezen: laat het item weg uit de export (bij een brede export: "
            "unpivot.skip_columns)",
        ),
    ]


SPEC = DatasetSpec(
    name="survey_responses",
    description="Medewerkersonderzoek: één rij per antwoord",
    columns=(
        Column("respondent_key", "text", required=True),
        Column("wave_date", "date", required=True, months=True),
        Column("org_unit", "text", required=True, codes="org_units"),
        Column("item_code", "text", required=True, codes="survey_items"),
        Column("answer", "integer"),
    ),
    rules=rules,
    derive=derive,
    freshness_column="wave_date",
)
