-- Audits as kept in the register (pipelines/register/findings.py). Grain: one row per
-- audit.
with

source as (
    select * from raw_register__audits
),

final as (
    select
        cast(audit_id as varchar) as audit_id,
        cast(name as varchar) as audit_name,
        cast(held_on as date) as held_on
    from source
)

select * from final
