-- Each catalogue risk with the register's current assessment: impact, inherent
-- likelihood, appetite and the appetite's largest accepted residual. Grain: one row per risk.
with

risks as (
    select * from stg_catalogue__risks
),

assessments as (
    select * from stg_register__risk_assessments
),

final as (
    select
        risks.risk_id,
        risks.category,
        risks.risk_name_nl,
        risks.risk_name_en,
        risks.description_nl,
        risks.description_en,
        assessments.impact,
        assessments.inherent_likelihood,
        assessments.appetite,
        assessments.appetite_max_residual,
        risks.is_aggregate_only,
        assessments.version as register_version
    from risks
    inner join assessments on risks.risk_id = assessments.risk_id
)

select * from final
