"""side_jobs: the register of nevenwerkzaamheden."""

from __future__ import annotations

from pipelines.ingest.quality.base import Column, DatasetSpec, Rule, SuiteContext
from pipelines.ingest.quality.common import future_date_rule, unique_key


def rules(ctx: SuiteContext) -> list[Rule]:
    return [unique_key("record_id"), future_date_rule("registered_on", ctx)]


SPEC = DatasetSpec(
    name="side_jobs",
    description="Register nevenwerkzaamheden",
    columns=(
        # The register's own number, when the source has one: the natural key
        # (docs/contracts.md, "Keys and re-exports").
        Column("record_id", "text"),
        Column("employee_key", "text", required=True),
        Column("registered_on", "date", required=True),
        Column("started_on", "date", long_ago=True),
        Column("approved_on", "date"),
        Column("sector", "text"),
        Column("involves_tenant_or_relation", "boolean"),
    ),
    rules=rules,
    freshness_column="registered_on",
)
