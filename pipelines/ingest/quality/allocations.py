"""allocations: woningtoewijzingen from the regional allocation system."""

from __future__ import annotations

from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.base import Column, DatasetSpec, Rule, SuiteContext
from pipelines.ingest.quality.common import at_least, future_date_rule, one_of

CHANNELS = ["regulier", "urgentie", "maatwerk", "direct", "herhuisvesting", "statushouder"]


def rules(ctx: SuiteContext) -> list[Rule]:
    return [
        Rule(
            e.ExpectColumnValuesToBeUnique(column="allocation_id"),
            "allocation_id",
            "duplicate_key",
            "allocation_id komt meer dan eens voor",
        ),
        future_date_rule("allocated_on", ctx),
        one_of("channel", CHANNELS),
        at_least(
            "candidate_rank",
            1,
            # helper-174: an export's 0 for a channel without a ranking (urgentie, direct)
            hint="staat 0 voor geen rangnummer? vertaal het dan in de kolomkoppeling: "
            "values: {candidate_rank: {'0': null}}",
        ),
    ]


SPEC = DatasetSpec(
    name="allocations",
    description="Woningtoewijzingen",
    columns=(
        Column("allocation_id", "text", required=True),
        Column("allocated_on", "date", required=True),
        Column("dwelling_id", "text", required=True),
        Column("district", "text"),
        Column("channel", "text", codes=tuple(CHANNELS)),
        Column("candidate_rank", "integer"),
        Column("motivation_recorded", "boolean"),
        Column("consultant_key", "text", required=True),
        Column("approver_key", "text"),
        Column("related_to_employee", "boolean"),
        Column("registration_date_modified", "boolean"),
    ),
    rules=rules,
    freshness_column="allocated_on",
)
