"""gifts: the geschenkenregister."""

from __future__ import annotations

from pipelines.ingest.quality.base import Column, DatasetSpec, Rule, SuiteContext
from pipelines.ingest.quality.common import at_least, future_date_rule, one_of, unique_key

GIVER_TYPES = ["huurder", "leverancier", "overig"]
GIFT_TYPES = ["geld", "tegoedbon", "goederen", "etentje", "evenement", "reis", "overig"]
DECISIONS = ["geaccepteerd", "geweigerd", "gedeeld", "afgestaan"]


def rules(ctx: SuiteContext) -> list[Rule]:
    return [
        unique_key("record_id"),
        future_date_rule("received_on", ctx),
        one_of("giver_type", GIVER_TYPES),
        one_of("gift_type", GIFT_TYPES),
        at_least("value_eur", 0),
        one_of("decision", DECISIONS),
    ]


SPEC = DatasetSpec(
    name="gifts",
    description="Geschenkenregister",
    columns=(
        # The register's own number, when the source has one: the natural key
        # (docs/contracts.md, "Keys and re-exports").
        Column("record_id", "text"),
        Column("employee_key", "text", required=True),
        Column("received_on", "date", required=True),
        Column("giver_type", "text", codes=tuple(GIVER_TYPES)),
        Column("gift_type", "text", codes=tuple(GIFT_TYPES)),
        Column("value_eur", "decimal", decimals=2),
        Column("delivered_at_home", "boolean"),
        Column("decision", "text", codes=tuple(DECISIONS)),
    ),
    rules=rules,
    freshness_column="received_on",
)
