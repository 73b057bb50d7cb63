"""trainings: integrity e-learning, dilemma sessions and code-of-conduct introductions
held per org unit, the evidence that control measures operate.

``kind`` is required although docs/contracts.md only lists its codes: it is part of
the natural key (held_on, org_unit, kind), and a session of unknown kind is evidence for
no measure. Two sessions of one kind on one day in one unit may both be in an export
(the staging model keeps every row of the newest export of a key).
"""

from __future__ import annotations

from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.base import Column, DatasetSpec, Rule, SuiteContext
from pipelines.ingest.quality.common import at_least, future_date_rule, known_org_unit_rule, one_of

KINDS = ["e_learning_integriteit", "dilemmasessie", "introductie_gedragscode", "overig"]
KIND_SPELLINGS = (("e-learning integriteit", "e_learning_integriteit"),)  # helper-99


def rules(ctx: SuiteContext) -> list[Rule]:
    return [
        future_date_rule("held_on", ctx),
        known_org_unit_rule(ctx),
        one_of("kind", KINDS),
        at_least("invited_n", 0),
        at_least("attended_n", 0),
        Rule(
            e.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="invited_n",
                column_B="attended_n",
                or_equal=True,
                ignore_row_if="either_value_is_missing",
            ),
            "attended_n",
            "out_of_range",
            "attended_n is groter dan invited_n: er waren meer deelnemers dan genodigden",
        ),
    ]


SPEC = DatasetSpec(
    name="trainings",
    description="Trainingen en dilemmasessies per eenheid",
    columns=(
        Column("held_on", "date", required=True),
        Column("org_unit", "text", required=True, codes="org_units"),
        # E-learning integriteit, as registers write it, matched as spellings are
        Column("kind", "text", required=True, codes=tuple(KINDS), spellings=KIND_SPELLINGS),
        Column("invited_n", "integer"),
        Column("attended_n", "integer"),
    ),
    rules=rules,
    freshness_column="held_on",
)
