-- Audit findings as kept in the register (pipelines/register/findings.py): per finding its
-- audit, risk, control measure (may be empty), severity, owner role, dates and status.
-- Grain: one row per finding.
with

source as (
    select * from raw_register__audit_findings
),

final as (
    select
        cast(finding_id as varchar) as finding_id,
        cast(audit_id as varchar) as audit_id,
        cast(found_on as date) as found_on,
        cast(risk_id as varchar) as risk_id,
        cast(control_measure_id as varchar) as control_measure_id,
        cast(severity as varchar) as severity,
        cast(owner_role as varchar) as owner_role,
        cast(due_on as date) as due_on,
        cast(status as varchar) as status,
        cast(closed_on as date) as closed_on
    from source
)

select * from final
