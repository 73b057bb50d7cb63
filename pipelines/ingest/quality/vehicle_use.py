"""vehicle_use: private kilometres per company-car user per year."""

from __future__ import annotations

from pipelines.ingest.quality import expect as e
from pipelines.ingest.quality.base import Column, DatasetSpec, Rule, SuiteContext
from pipelines.ingest.quality.common import at_least, unique_key


def rules(ctx: SuiteContext) -> list[Rule]:
    return [
        # helper-110: a lease car swapped mid-year is a second row of the same year
        unique_key(
            "employee_key",
            "year",
            hint="twee auto's in één jaar (een wissel)? Tel de privékilometers van de "
            "medewerker in dat jaar op in één regel",
        ),
        Rule(
            e.ExpectColumnValuesToBeBetween(
                column="year", min_value=1990, max_value=ctx.today.year
            ),
            "year",
            "out_of_range",
            f"year moet tussen 1990 en {ctx.today.year} liggen",
        ),
        at_least("private_km", 0),
    ]


SPEC = DatasetSpec(
    name="vehicle_use",
    description="Dienstauto: privékilometers per jaar",
    columns=(
        Column("employee_key", "text", required=True),
        Column("year", "integer", required=True),
        Column("private_km", "decimal", units=("km", "kilometer", "kilometers")),
    ),
    rules=rules,
    freshness_column="year",
)
