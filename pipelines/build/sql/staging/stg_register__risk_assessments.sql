-- The register's assessment of each risk (pipelines/register/store.py): impact, inherent
-- likelihood and appetite as the risk manager last set them, with the appetite's largest
-- accepted residual. Grain: one row per risk.
with

source as (
    select * from raw_register__risk_assessments
),

final as (
    select
        cast(risk_id as varchar) as risk_id,
        cast(impact as tinyint) as impact,
        cast(inherent_likelihood as tinyint) as inherent_likelihood,
        cast(appetite as varchar) as appetite,
        cast(appetite_max_residual as tinyint) as appetite_max_residual,
        cast(version as integer) as version,
        cast(updated_at as timestamptz) as updated_at
    from source
)

select * from final
