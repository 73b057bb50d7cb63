-- Control measures (beheersmaatregelen) as the catalogue defines them.
-- Grain: one row per control measure.
with

source as (
    select * from raw_catalogue__control_measures
),

final as (
    select
        cast(id as varchar) as control_measure_id,
        cast(risk_id as varchar) as risk_id,
        cast(position as smallint) as position,
        cast(text_nl as varchar) as text_nl,
        cast(text_en as varchar) as text_en,
        cast(type as varchar) as control_type,
        cast(owner_role as varchar) as owner_role,
        cast(review_frequency as varchar) as review_frequency,
        cast(review_months as smallint) as review_months,
        cast(status as varchar) as status,
        cast(last_test_result as varchar) as last_test_result,
        cast(last_tested_on as date) as last_tested_on
    from source
)

select * from final
