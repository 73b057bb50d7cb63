-- Private kilometres in company cars. Grain: one row per employee per year.
with

source as (
    select * from raw_vehicle_use
),

final as (
    select
        employee_key as employee_id,
        cast(year as integer) as usage_year,
        private_km,
        _ingested_at as ingested_at,
        _source_file as source_file
    from source
)

select * from final
