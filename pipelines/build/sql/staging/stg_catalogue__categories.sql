-- Risk categories and their display order. Grain: one row per category.
with

source as (
    select * from raw_catalogue__categories
),

final as (
    select
        cast(category as varchar) as category,
        cast(category_order as tinyint) as category_order,
        cast(name_nl as varchar) as category_name_nl,
        cast(name_en as varchar) as category_name_en
    from source
)

select * from final
