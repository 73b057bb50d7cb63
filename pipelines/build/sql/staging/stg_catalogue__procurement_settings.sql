-- The order indicators' parameters from risks/settings.yaml (procurement:): the split
-- window, the just-under band and the smallest part of a split. Grain: one row.
with

source as (
    select * from raw_catalogue__procurement_settings
),

final as (
    select
        cast(split_window_days as integer) as split_window_days,
        cast(just_under_band as double) as just_under_band,
        cast(min_part_share as double) as min_part_share
    from source
)

select * from final
