"""The procurement policy as settings (risks/settings.yaml ``procurement:``): the ladder of
procedures by amount, the exempt call-off procedures and the parameters of the G2
order indicators (README, "Procurement orders (G2)"). Issue 18."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pipelines.core.yaml_errors import CatalogueRule, error_message


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Procedure = Literal[
    "enkelvoudig_onderhands",
    "meervoudig_onderhands",
    "nationaal_openbaar",
    "europees_openbaar",
    "raamcontract",
]


class ProcedureStep(_Strict):
    """One step of the procurement ladder: from this amount (excl. VAT) the procedure is
    required, and how many quotes it asks for. ``from_eur`` empty: a procedure one may
    choose, never required by the amount alone."""

    procedure: Procedure
    from_eur: Annotated[float, Field(ge=0)] | None
    min_quotes: Annotated[int, Field(ge=0)]


DEFAULT_LADDER = [
    {"procedure": "enkelvoudig_onderhands", "from_eur": 0, "min_quotes": 1},
    {"procedure": "meervoudig_onderhands", "from_eur": 50_000, "min_quotes": 3},
    {"procedure": "nationaal_openbaar", "from_eur": None, "min_quotes": 1},
    {"procedure": "europees_openbaar", "from_eur": 221_000, "min_quotes": 1},
]


class ProcedureLadderSettings(_Strict):
    """The procedure ladder of the procurement policy and the parameters of the order
    indicators (KRI-PR-SPLIT-ORDERS, -NO-CONTRACT, -FEW-QUOTES, -JUST-UNDER,
    -SAME-APPROVER; README, "Procurement orders (G2)")."""

    # In order of strength: an order under a procedure earlier in the list than the one
    # its amount requires is outside its procedure.
    procedure_thresholds: Annotated[list[ProcedureStep], Field(min_length=2)] = [
        ProcedureStep.model_validate(step) for step in DEFAULT_LADDER
    ]
    # Orders under these procedures with a contract (call-offs) need no procedure of their own.
    exempt_procedures: list[Procedure] = ["raamcontract"]
    split_window_days: Annotated[int, Field(ge=1, le=366)] = 30
    # each part of a split is at least this share of the threshold it stays under
    min_part_share: Annotated[float, Field(ge=0, lt=1)] = 0.2
    just_under_band: Annotated[float, Field(gt=0, lt=1)] = 0.10

    @model_validator(mode="after")
    def _ladder_in_order(self) -> ProcedureLadderSettings:
        names = [s.procedure for s in self.procedure_thresholds]
        if len(set(names)) != len(names):
            raise CatalogueRule(error_message("check.ladder_twice"))
        if set(names) & set(self.exempt_procedures):
            raise CatalogueRule(error_message("check.ladder_exempt"))
        if self.procedure_thresholds[0].from_eur != 0:
            raise CatalogueRule(error_message("check.ladder_first"))
        amounts = [s.from_eur for s in self.procedure_thresholds if s.from_eur is not None]
        if amounts != sorted(set(amounts)):
            raise CatalogueRule(error_message("check.ladder_rising"))
        return self


# --- signals on budget holders and suppliers (KRI-PR-CONCENTRATION, -BENFORD,
# -BANK-CHANGE, -RELATED-SUPPLIER; README, "Procurement signals (G2)")
class ProcurementSignalSettings(_Strict):
    """The thresholds of the G2 signals on budget holders and suppliers (README, Scoring:
    procurement): a large payment, how recent a bank-account change counts, the orders a
    budget holder needs before the first-digit (Benford) test or the concentration count,
    the share of spend on one supplier that counts as concentrated, and the p-value below
    which a budget holder's first digits deviate."""

    large_payment_eur: Annotated[float, Field(gt=0)] = 25_000
    bank_change_days: Annotated[int, Field(ge=0)] = 90
    benford_min_orders: Annotated[int, Field(ge=10)] = 50
    benford_alpha: Annotated[float, Field(gt=0, lt=0.5)] = 0.001
    concentration_share: Annotated[float, Field(gt=0, lt=1)] = 0.5
    concentration_min_orders: Annotated[int, Field(ge=1)] = 10
