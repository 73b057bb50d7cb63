-- Control-measure statuses and the weight of each. Grain: one row per status.
with

source as (
    select * from raw_catalogue__control_statuses
),

final as (
    select
        cast(status as varchar) as status,
        cast(status_weight as double) as status_weight
    from source
)

select * from final
