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
# A cell that differs only in case, spaces, accents, dots or hyphens ("BV", "B.V.",
# "Coöperatie") is read as the code, and so are the forms' names and abbreviations as
# the Kamer van Koophandel and creditor files write them (SPELLINGS); any other spelling
# is quarantined until the source's mapping translates it (``values: {legal_form:
# {"Besloten Venn.": bv}}``, example in docs/mappings/leveranciers.mapping.yaml). A
# form not listed is ``overig``; nothing is guessed, as a person read as a company
# would have their name shown to every role.
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
# Each legal form of the Handelsregister (and the abbreviations creditor files use),
# to its code; matched without case, accents, dots, hyphens and spaces. "in oprichting"
# (i.o.) is the form it will be. Whoever trades as a natural person is a sole trader.
SPELLINGS: tuple[tuple[str, str], ...] = (
    *((s, "bv") for s in ("Besloten vennootschap", "BV i.o.", "Besloten vennootschap i.o.",
                          "Besloten vennootschap in oprichting", "BV in oprichting",
                          "Besloten vennootschap met gewone structuur",
                          "Besloten vennootschap blijkens statuten structuurvennootschap",
                          "Besloten vennootschap met beperkte aansprakelijkheid")),
    *((s, "nv") for s in ("Naamloze vennootschap", "NV i.o.", "Naamloze vennootschap i.o.",
                          "SE", "Europese naamloze vennootschap",
                          "Naamloze vennootschap met gewone structuur",
                          "Naamloze vennootschap blijkens statuten structuurvennootschap",
                          "Naamloze vennootschap beleggingsmaatschappij met veranderlijk "
                          "kapitaal")),
    *((s, "vof") for s in ("Vennootschap onder firma",)),
    *((s, "cv") for s in ("Commanditaire vennootschap",
                          "Commanditaire vennootschap met één beherende vennoot",
                          "Commanditaire vennootschap met meer dan één beherende vennoot")),
    *((s, "eenmanszaak") for s in ("Eenmanszaak met meer dan één eigenaar", "ZZP", "ZZP'er",
                                   "Zelfstandige zonder personeel", "Natuurlijk persoon")),
    *((s, "cooperatie") for s in ("Coöperatie U.A.", "Coöperatie W.A.", "Coöperatie B.A.",
                                  "Coöperatie met uitgesloten aansprakelijkheid",
                                  "Coöperatie met wettelijke aansprakelijkheid",
                                  "Coöperatie met beperkte aansprakelijkheid",
                                  "Coöp. U.A.", "Coöperatieve vereniging", "SCE",
                                  "Europese coöperatieve vennootschap")),
    *((s, "vereniging") for s in ("Vereniging met volledige rechtsbevoegdheid",
                                  "Vereniging met beperkte rechtsbevoegdheid",
                                  "Vereniging van eigenaars", "VvE")),
    *((s, "stichting") for s in ("Stg", "Stichting i.o.")),
    *((s, "overig") for s in ("Onderlinge waarborgmaatschappij", "OWM", "Kerkgenootschap",
                              "Onderlinge waarborgmaatschappij U.A.",
                              "Europees economisch samenwerkingsverband", "EESV",
                              "Rederij", "Publiekrechtelijke rechtspersoon",
                              "Buitenlandse rechtsvorm")),
)  # fmt: skip


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
        Column("legal_form", "text", codes=tuple(LEGAL_FORMS), spellings=SPELLINGS),
        Column("first_order_on", "date", long_ago=True),
        Column("bank_account_changed_on", "date", long_ago=True),
        Column("related_to_employee", "boolean"),
    ),
    rules=rules,
)
