"""survey_responses: one row per answer of the continuous employee survey (Likert 1-5)."""

from __future__ import annotations

from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.base import Column, DatasetSpec, Rule, SuiteContext
from pipelines.ingest.quality.common import future_date_rule, known_org_unit_rule, unique_key

LOWEST, HIGHEST = 1, 5  # the scale every survey item is scored on (risks/survey_items.yaml)


def derive(relation: str, ctx: SuiteContext) -> str:
    """The check column of the scale rule: false for an answer (1-5, or empty) of an item
    whose answers in this file are more than ``ctx.survey_off_scale_share`` outside 1-5,
    and at least ``ctx.survey_off_scale_min`` of them (one typo is no scale).
    Such an item is on another scale (a 7-point item's 4 is its midpoint, not "mee eens")
    or numbers "weet niet" (6, 9): the file cannot say which, so none of its answers is
    read (helper-140: a 7-point item loaded its 1-5 answers as five points). An answer
    outside 1-5 keeps its own reason (out_of_range), not this one as well. Counted per
    item over the file's readable rows, whatever their other faults."""
    share, least = float(ctx.survey_off_scale_share), int(ctx.survey_off_scale_min)
    return f"""
        with counted as (
            select item_code,
                count(answer) filter (where answer < {LOWEST} or answer > {HIGHEST}) as off,
                count(answer) as answered
            from {relation} group by item_code
        ),
        items as (
            select item_code, off >= {least} and off > {share!r} * answered as off_scale
            from counted
        )
        select rel.*,
            coalesce(rel.answer < {LOWEST} or rel.answer > {HIGHEST}, false)
                or not items.off_scale as _on_item_scale
        from {relation} as rel
        join items on rel.item_code is not distinct from items.item_code
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
            f"answer moet {LOWEST} tot en met {HIGHEST} zijn, of leeg voor 'weet niet'",
        ),
        Rule(
            e.ExpectColumnValuesToBeInSet(column="_on_item_scale", value_set=[True]),
            "answer",
            "off_scale",
            f"meer dan {ctx.survey_off_scale_share:.0%} van de antwoorden op dit item in dit "
            f"bestand, en minstens {ctx.survey_off_scale_min}, ligt buiten {LOWEST}-{HIGHEST} "
            "(ingest.survey_off_scale_share en _min): het item "
            "staat op een andere schaal (1-7, 0-10) of een getal betekent 'weet niet'. Niet "
            "geraden, ook dit antwoord niet: vertaal de schaal in de kolomkoppeling (values: "
            "{answer: {'6': null}}) of houd het item buiten de import (skip_columns)",
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
