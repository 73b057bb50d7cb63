-- Audit-finding severities from risks/settings.yaml (audit_findings), each with the share
-- of a control measure's effectiveness one open finding of it takes off (the combining
-- rule). Grain: one row per severity.
with

source as (
    select * from raw_catalogue__finding_severities
),

final as (
    select
        cast(severity as varchar) as severity,
        cast(effectiveness_penalty as double) as effectiveness_penalty,
        cast(name_nl as varchar) as name_nl,
        cast(name_en as varchar) as name_en
    from source
)

select * from final
