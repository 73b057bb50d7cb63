-- Which survey items feed which survey indicator. Grain: indicator x item.
with

source as (
    select * from raw_catalogue__indicator_items
),

final as (
    select
        cast(indicator_id as varchar) as indicator_id,
        cast(item_code as varchar) as item_code
    from source
)

select * from final
