"""procurement: orders and invoices from the purchasing or financial system.

Every order names a supplier of the suppliers dataset, so suppliers are loaded first
(``DATASETS`` is in load order) and the known supplier ids are in the suite context
(``SuiteContext.suppliers``, filled from raw_suppliers like the org units).
"""

from __future__ import annotations

from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.base import Column, DatasetSpec, Rule, SuiteContext
from pipelines.ingest.quality.common import at_least, future_date_rule, known_org_unit_rule, one_of

PROCEDURES = [
    "enkelvoudig_onderhands",
    "meervoudig_onderhands",
    "nationaal_openbaar",
    "europees_openbaar",
    "raamcontract",
]


def rules(ctx: SuiteContext) -> list[Rule]:
    return [
        Rule(
            e.ExpectColumnValuesToBeUnique(column="order_id"),
            "order_id",
            "duplicate_key",
            "order_id komt meer dan eens voor",
        ),
        future_date_rule("ordered_on", ctx),
        Rule(
            e.ExpectColumnValuesToBeInSet(column="supplier_id", value_set=sorted(ctx.suppliers)),
            "supplier_id",
            "unknown_supplier",
            "supplier_id is geen bekende leverancier (suppliers): niet ingelezen, of zijn rij "
            "staat in quarantaine (zie Datakwaliteit); lees de leveranciers in vóór of samen "
            "met de bestellingen",
        ),
        at_least("amount_eur", 0),
        known_org_unit_rule(ctx),
        one_of("procedure", PROCEDURES),
        at_least("quotes_count", 0),
    ]


SPEC = DatasetSpec(
    name="procurement",
    description="Inkoop: bestellingen en facturen",
    columns=(
        Column("order_id", "text", required=True),
        Column("ordered_on", "date", required=True),
        Column("supplier_id", "text", required=True),
        # excl. btw
        Column("amount_eur", "decimal", decimals=2),
        # the cost centre
        Column("org_unit", "text", required=True, codes="org_units"),
        Column("procedure", "text", codes=tuple(PROCEDURES)),
        Column("quotes_count", "integer"),
        # empty: no contract
        Column("contract_id", "text"),
        Column("unit_price_contract", "boolean"),
        Column("requester_key", "text", required=True),
        Column("approver_key", "text"),
    ),
    rules=rules,
    freshness_column="ordered_on",
)
