-- Published risk scores per period and org unit: observed likelihood from data against
-- the register's expected residual, and the assurance gap; with the evidence behind it:
-- coverage (share of the risk's indicator weight observed) and the rule that set it
-- (score_rule: gewogen_gemiddelde, begrensd, opgetild, onvoldoende_gegevens,
-- onderdrukt; int_risks__scores). Grain: risk x period x unit.
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
        expected_likelihood,
        expected_residual,
        observed_score,
        assurance_gap,
        level,
        observed_score > appetite_max_residual as exceeds_appetite,
        indicators_used,
        coverage,
        score_rule,
        is_suppressed as suppressed
    from scores
)

select * from final
order by risk_id, period_type, period, org_unit_id
