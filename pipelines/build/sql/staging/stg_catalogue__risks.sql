-- The risks as the catalogue defines them: names, descriptions, category. Their
-- assessment (impact, likelihood, appetite) is the register's: stg_register__risk_assessments.
-- Grain: one row per risk.
with

source as (
    select * from raw_catalogue__risks
),

final as (
    select
        cast(id as varchar) as risk_id,
        cast(category as varchar) as category,
        cast(name_nl as varchar) as risk_name_nl,
        cast(name_en as varchar) as risk_name_en,
        cast(description_nl as varchar) as description_nl,
        cast(description_en as varchar) as description_en,
        cast(aggregate_only as boolean) as is_aggregate_only
    from source
)

select * from final
