-- The organisation tree as last ingested. Grain: one row per org unit.
with

units as (
    select * from stg_hr__org_units
),

final as (
    select org_unit_id, org_unit_name, parent_unit_id, org_level
    from units
    qualify row_number() over (
        partition by org_unit_id order by ingested_at desc, source_file desc
    ) = 1
)

select * from final
