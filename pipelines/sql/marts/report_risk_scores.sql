-- Published risk scores per period and org unit: observed likelihood from data against
-- the register's expected residual, and the assurance gap. Grain: risk x period x unit.
-- Published.
with

scores as (
    select * from int_risks__scores
),

final as (
    select
        risk_id,
        period_type,
        period,
        org_unit_id,
        org_level,
        observed_likelihood,
        control_effectiveness,
        inherent_score,
        expected_residual,
        observed_score,
        assurance_gap,
        level,
        observed_score > appetite_max_residual as exceeds_appetite,
        indicators_used,
        is_suppressed as suppressed
    from scores
)

select * from final
order by risk_id, period_type, period, org_unit_id
