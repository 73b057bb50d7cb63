-- Organisation units as ingested (all files). Grain: one row per unit per ingested file.
with

source as (
    select * from raw_org_units
),

final as (
    select
        org_unit as org_unit_id,
        name as org_unit_name,
        parent_unit as parent_unit_id,
        level as org_level,
        _ingested_at as ingested_at,
        _source_file as source_file
    from source
)

select * from final
