-- The register: every risk with its category, default assessment and how many control
-- measures and indicators it has. Grain: one row per risk. Published. register_version:
-- the risk's version in the register these scores were computed from;
-- register_fingerprint: that register's fingerprint (the same on every row), which the
-- Risicoregister page compares with the register's own.
with

risks as (
    select * from int_register__risks
),

categories as (
    select * from stg_catalogue__categories
),

measures as (
    select * from stg_register__control_measures
),

weights as (
    select * from stg_catalogue__indicator_weights
),

state as (
    select * from stg_register__state
),

measure_counts as (
    select risk_id, count(*) as control_measure_count
    from measures
    group by risk_id
),

indicator_counts as (
    select risk_id, count(*) as indicator_count
    from weights
    group by risk_id
),

final as (
    select
        risks.risk_id,
        risks.category,
        categories.category_order,
        categories.category_name_nl,
        categories.category_name_en,
        risks.risk_name_nl,
        risks.risk_name_en,
        risks.description_nl,
        risks.description_en,
        risks.impact,
        risks.inherent_likelihood,
        risks.impact * risks.inherent_likelihood as inherent_score,
        risks.appetite,
        risks.appetite_max_residual,
        risks.is_aggregate_only,
        coalesce(measure_counts.control_measure_count, 0) as control_measure_count,
        coalesce(indicator_counts.indicator_count, 0) as indicator_count,
        risks.register_version,
        state.register_fingerprint
    from risks
    inner join categories on risks.category = categories.category
    left join measure_counts on risks.risk_id = measure_counts.risk_id
    left join indicator_counts on risks.risk_id = indicator_counts.risk_id
    cross join state
)

select * from final
order by category_order, risk_id
