-- Key risk indicators with their thresholds. Grain: one row per indicator.
with

source as (
    select * from raw_catalogue__indicators
),

final as (
    select
        cast(id as varchar) as indicator_id,
        cast(name_nl as varchar) as indicator_name_nl,
        cast(name_en as varchar) as indicator_name_en,
        cast(family as varchar) as family,
        cast(dataset as varchar) as dataset,
        cast(measure as varchar) as measure,
        cast(unit as varchar) as unit,
        cast(direction as varchar) as direction,
        cast(amber as double) as amber_threshold,
        cast(red as double) as red_threshold,
        cast(min_n as integer) as min_n,
        cast(aggregate_only as boolean) as is_aggregate_only,
        cast(funnel_kind as varchar) as funnel_kind,
        cast(value_scale as double) as value_scale,
        cast(test_kind as varchar) as test_kind,
        cast(rate_per as varchar) as rate_per,
        -- null: the period itself; 12: the 12 months ending with the period's last month
        cast(window_months as integer) as window_months
    from source
)

select * from final
