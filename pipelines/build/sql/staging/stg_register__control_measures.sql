-- Control measures (beheersmaatregelen) as the risk manager keeps them in the register
-- (pipelines/register/store.py): the catalogue's measures plus any added since, retired ones
-- included. Grain: one row per control measure.
with

source as (
    select * from raw_register__control_measures
),

final as (
    select
        cast(control_measure_id as varchar) as control_measure_id,
        cast(risk_id as varchar) as risk_id,
        cast(position as smallint) as position,
        cast(text_nl as varchar) as text_nl,
        cast(text_en as varchar) as text_en,
        cast(control_type as varchar) as control_type,
        cast(owner_role as varchar) as owner_role,
        cast(review_frequency as varchar) as review_frequency,
        cast(review_months as smallint) as review_months,
        cast(status as varchar) as status,
        cast(last_test_result as varchar) as last_test_result,
        cast(last_tested_on as date) as last_tested_on,
        cast(evidence_url as varchar) as evidence_url,
        cast(next_review_on as date) as next_review_on,
        cast(retired_on as date) as retired_on,
        cast(version as integer) as version,
        cast(updated_at as timestamptz) as updated_at
    from source
)

select * from final
