-- Audit-finding statuses from risks/settings.yaml (audit_findings) and which one is
-- closed. Grain: one row per status.
with

source as (
    select * from raw_catalogue__finding_statuses
),

final as (
    select
        cast(status as varchar) as status,
        cast(is_closed as boolean) as is_closed,
        cast(name_nl as varchar) as name_nl,
        cast(name_en as varchar) as name_en
    from source
)

select * from final
