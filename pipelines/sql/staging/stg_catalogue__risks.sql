-- The register's risks as the catalogue defines them. Grain: one row per risk.
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
        cast(impact as tinyint) as impact,
        cast(inherent_likelihood as tinyint) as inherent_likelihood,
        cast(appetite as varchar) as appetite,
        cast(appetite_max_residual as tinyint) as appetite_max_residual,
        cast(aggregate_only as boolean) as is_aggregate_only
    from source
)

select * from final
