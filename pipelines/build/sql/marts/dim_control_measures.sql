-- Control measures per risk, in the policy's order. Grain: one row per measure. Published.
-- register_version: the measure's version in the register these scores were computed
-- from (for exports; whether the scores are current is told by dim_risks'
-- register_fingerprint).
with

measures as (
    select * from stg_register__control_measures
),

final as (
    select
        control_measure_id,
        risk_id,
        position,
        text_nl,
        text_en,
        control_type,
        owner_role,
        review_frequency,
        review_months,
        version as register_version
    from measures
)

select * from final
order by risk_id, position
