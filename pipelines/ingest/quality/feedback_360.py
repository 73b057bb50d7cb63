"""feedback_360: integrity scores from managers' 360-degree feedback."""

from __future__ import annotations

from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.base import Column, DatasetSpec, Rule, SuiteContext
from pipelines.ingest.quality.common import at_least, future_date_rule, unique_key


def rules(ctx: SuiteContext) -> list[Rule]:
    return [
        unique_key("manager_key", "period"),
        future_date_rule("period", ctx),
        Rule(
            e.ExpectColumnValuesToBeBetween(column="integrity_score", min_value=1, max_value=5),
            "integrity_score",
            "out_of_range",
            "integrity_score moet tussen 1 en 5 liggen",
        ),
        at_least("n_raters", 1),
    ]


SPEC = DatasetSpec(
    name="feedback_360",
    description="360-graden feedback van leidinggevenden",
    columns=(
        Column("manager_key", "text", required=True),
        Column("period", "date", required=True, months=True),
        Column("integrity_score", "decimal"),
        Column("n_raters", "integer"),
    ),
    rules=rules,
    freshness_column="period",
)
