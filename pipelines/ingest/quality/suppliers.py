"""suppliers: the creditor file of the financial system (crediteurenstam).

Supplier names are business data and are stored; the name of a sole trader
(``legal_form`` eenmanszaak) is a person's name, personal data, shown only to the roles
that may see person-level exceptions (docs/contracts.md, CONTRACTS "suppliers"). Nothing
here writes a name into a message: a quarantined row carries the value of the field a
rule is about, and no rule is about ``name`` but "required".
"""

from __future__ import annotations

from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.base import Column, DatasetSpec, Rule, SuiteContext
from pipelines.ingest.quality.common import one_of

# Legal forms as codes, so that staging can tell a sole trader (a person) by one value.
# A cell that differs only in case, spaces or accents ("BV", "Coöperatie") is read as
# the code; another spelling ("B.V.", "Besloten vennootschap") is quarantined until the
# source's mapping translates it (``values: {legal_form: {"B.V.": bv}}``, example in
# docs/mappings/leveranciers.mapping.yaml); a form not listed is ``overig``.
LEGAL_FORMS = [
    "bv",
    "nv",
    "vof",
    "eenmanszaak",
    "stichting",
    "vereniging",
    "cooperatie",
    "cv",
    "maatschap",
    "overig",
]


def rules(ctx: SuiteContext) -> list[Rule]:
    return [
        Rule(
            e.ExpectColumnValuesToBeUnique(column="supplier_id"),
            "supplier_id",
            "duplicate_key",
            "supplier_id komt meer dan eens voor",
        ),
        one_of("legal_form", LEGAL_FORMS),
    ]


SPEC = DatasetSpec(
    name="suppliers",
    description="Leveranciers (crediteuren)",
    columns=(
        Column("supplier_id", "text", required=True),
        Column("name", "text", required=True),
        Column("legal_form", "text", codes=tuple(LEGAL_FORMS)),
        Column("first_order_on", "date"),
        Column("bank_account_changed_on", "date"),
        Column("related_to_employee", "boolean"),
    ),
    rules=rules,
)
