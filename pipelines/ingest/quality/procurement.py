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
# The procedures as the Aanbestedingswet and the Gids Proportionaliteit name them, and as
# purchase systems write them (with hyphens, "-procedure", "-aanbesteding"); matched
# without case, accents, dots, hyphens and spaces. "Onderhands" alone says not how many
# were asked, "Europese aanbesteding" not whether it was open: not listed, left to the
# rules (not_in_set) until a mapping's values says.
PROCEDURE_SPELLINGS: tuple[tuple[str, str], ...] = (
    *((s, "enkelvoudig_onderhands") for s in (
        "Enkelvoudig onderhandse procedure", "Enkelvoudig onderhandse aanbesteding",
        "Enkelvoudig onderhandse gunning", "Enkelvoudige onderhandse procedure")),
    *((s, "meervoudig_onderhands") for s in (
        "Meervoudig onderhandse procedure", "Meervoudig onderhandse aanbesteding",
        "Meervoudige onderhandse procedure")),
    *((s, "nationaal_openbaar") for s in (
        "Nationale openbare procedure", "Nationale openbare aanbesteding",
        "Openbare nationale aanbesteding", "Nationaal openbare aanbesteding")),
    *((s, "europees_openbaar") for s in (
        "Europese openbare procedure", "Europese openbare aanbesteding",
        "Openbare Europese aanbesteding", "Europees openbare aanbesteding")),
    *((s, "raamcontract") for s in ("Raamovereenkomst", "Mantelovereenkomst", "Raamcontracten")),
)  # fmt: skip


def rules(ctx: SuiteContext) -> list[Rule]:
    return [
        Rule(
            e.ExpectColumnValuesToBeUnique(column="order_id"),
            "order_id",
            "duplicate_key",
            "order_id komt meer dan eens voor; een export met een regel per orderregel of "
            "factuur? Exporteer één regel per order, met het bedrag van de hele order",
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
        # helper-110: an Exact export of orders and invoices holds credit notes
        at_least(
            "amount_eur",
            0,
            hint="een creditnota? Die is geen bestelling: laat creditregels weg uit de export, "
            "of in de kolomkoppeling met drop_rows (bijv. drop_rows: {Soort: [Creditnota]})",
        ),
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
        # a creditor code as the register writes it, matched without case or spaces (an
        # order export that writes k31097 for K31097; helper-153: refused as unknown)
        Column("supplier_id", "text", required=True, codes="suppliers"),
        # excl. btw
        Column("amount_eur", "decimal", decimals=2),
        # the cost centre
        Column("org_unit", "text", required=True, codes="org_units"),
        Column("procedure", "text", codes=tuple(PROCEDURES), spellings=PROCEDURE_SPELLINGS),
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
