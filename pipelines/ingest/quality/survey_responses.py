"""survey_responses: one row per answer of the continuous employee survey (Likert 1-5)."""

from __future__ import annotations

from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.base import Column, DatasetSpec, Rule, SuiteContext
from pipelines.ingest.quality.common import future_date_rule, known_org_unit_rule, unique_key


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
            e.ExpectColumnValuesToBeBetween(column="answer", min_value=1, max_value=5),
            "answer",
            "out_of_range",
            "answer moet 1 tot en met 5 zijn, of leeg voor 'weet niet'",
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
    freshness_column="wave_date",
)
