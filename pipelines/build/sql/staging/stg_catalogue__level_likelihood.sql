-- Indicator level to likelihood (1-5). Grain: one row per level.
with

source as (
    select * from raw_catalogue__level_likelihood
),

final as (
    select
        cast(level as varchar) as level,
        cast(likelihood as integer) as likelihood
    from source
)

select * from final
