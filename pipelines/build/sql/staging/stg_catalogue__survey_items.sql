-- Survey items with their construct and direction. Grain: one row per item.
with

source as (
    select * from raw_catalogue__survey_items
),

final as (
    select
        cast(item_code as varchar) as item_code,
        cast(construct as varchar) as construct,
        cast(is_reverse as boolean) as is_reverse
    from source
)

select * from final
