"""Great Expectations suites as code, one module per canonical dataset (docs/contracts.md)."""

from __future__ import annotations

from pipelines.ingest.quality import (
    allocations,
    employees,
    feedback_360,
    gifts,
    hr_aggregates,
    org_units,
    side_jobs,
    survey_responses,
    vehicle_use,
)
from pipelines.ingest.quality.base import DatasetSpec

# In load order: org_units first, because other datasets are checked against it.
DATASETS: dict[str, DatasetSpec] = {
    m.SPEC.name: m.SPEC
    for m in (
        org_units,
        employees,
        survey_responses,
        side_jobs,
        gifts,
        vehicle_use,
        allocations,
        hr_aggregates,
        feedback_360,
    )
}
