-- The gifts register (geschenkenregister). Grain: one row per gift.
with

source as (
    select * from raw_gifts
),

final as (
    select
        employee_key as employee_id,
        received_on,
        giver_type,
        gift_type,
        value_eur,
        delivered_at_home as is_delivered_at_home,
        decision,
        _ingested_at as ingested_at,
        _source_file as source_file
    from source
)

select * from final
