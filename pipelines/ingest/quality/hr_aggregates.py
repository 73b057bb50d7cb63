"""hr_aggregates: counts per org unit per month that are only ever kept in aggregate."""

from __future__ import annotations

from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.base import Column, DatasetSpec, Rule, SuiteContext
from pipelines.ingest.quality.common import at_least, known_org_unit_rule


def rules(ctx: SuiteContext) -> list[Rule]:
    return [
        Rule(
            e.ExpectCompoundColumnsToBeUnique(column_list=["org_unit", "month"]),
            "month",
            "duplicate_key",
            "er is al een rij voor deze org_unit en month",
        ),
        known_org_unit_rule(ctx),
        at_least("garnishment_count", 0),
        at_least("social_worker_referrals", 0),
    ]


SPEC = DatasetSpec(
    name="hr_aggregates",
    description="HR-aggregaten per eenheid per maand (loonbeslag, maatschappelijk werk)",
    columns=(
        Column("month", "month", required=True),
        Column("org_unit", "text", required=True, codes="org_units"),
        Column("garnishment_count", "integer"),
        Column("social_worker_referrals", "integer"),
    ),
    rules=rules,
    freshness_column="month",
)
