-- The side-jobs register (nevenwerkzaamheden). Grain: one row per registration.
with

source as (
    select * from raw_side_jobs
),

final as (
    select
        employee_key as employee_id,
        registered_on,
        started_on,
        approved_on,
        sector,
        involves_tenant_or_relation as is_for_tenant_or_relation,
        _ingested_at as ingested_at,
        _source_file as source_file
    from source
)

select * from final
