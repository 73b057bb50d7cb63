-- Which indicator feeds which risk, and with what weight. Grain: indicator x risk.
with

source as (
    select * from raw_catalogue__indicator_weights
),

final as (
    select
        cast(indicator_id as varchar) as indicator_id,
        cast(risk_id as varchar) as risk_id,
        cast(weight as double) as weight
    from source
)

select * from final
