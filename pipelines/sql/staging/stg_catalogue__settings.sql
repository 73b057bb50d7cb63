-- Product settings from risks/settings.yaml that models use. Grain: one row.
with

source as (
    select * from raw_catalogue__settings
),

final as (
    select
        cast(min_group_size as integer) as min_group_size,
        cast(data_freshness_warn_days as integer) as data_freshness_warn_days
    from source
)

select * from final
