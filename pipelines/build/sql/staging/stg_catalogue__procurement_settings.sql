-- The order indicators' parameters from risks/settings.yaml (procurement:): the split
-- window and the just-under band. Grain: one row.
with

source as (
    select * from raw_catalogue__procurement_settings
),

final as (
    select
        cast(split_window_days as integer) as split_window_days,
        cast(just_under_band as double) as just_under_band
    from source
)

select * from final
