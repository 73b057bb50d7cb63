"""Great Expectations suites as code, one module per canonical dataset (docs/contracts.md)."""

from __future__ import annotations

from pipelines.ingest.quality import (
    allocations,
    employees,
    feedback_360,
    gifts,
    hr_aggregates,
    org_units,
    procurement,
    side_jobs,
    suppliers,
    survey_responses,
    trainings,
    vehicle_use,
)
from pipelines.ingest.quality.base import DatasetSpec

# In load order: org_units first, because other datasets are checked against it, and
# suppliers before procurement (an order names a known supplier).
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
        suppliers,
        procurement,
        trainings,
    )
}
