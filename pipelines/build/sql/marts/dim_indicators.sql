-- Key risk indicators with thresholds and the risks they feed. Grain: indicator x risk.
-- Published.
with

indicators as (
    select * from stg_catalogue__indicators
),

weights as (
    select * from stg_catalogue__indicator_weights
),

final as (
    select
        weights.risk_id,
        indicators.*,
        weights.weight
    from indicators
    inner join weights on indicators.indicator_id = weights.indicator_id
)

select * from final
order by risk_id, indicator_id
