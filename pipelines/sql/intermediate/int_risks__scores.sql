-- Per risk, period and org unit: observed likelihood (weighted mean of the likelihoods
-- its published indicators contribute, int_risks__indicator_likelihoods), and the
-- register's side: inherent score, control effectiveness, expected residual; then the
-- observed score and the assurance gap. A risk without control measures in the register
-- has control effectiveness 0 (nothing controls it). Grain: risk x period x org unit.
with

indicator_likelihoods as (
    select * from int_risks__indicator_likelihoods
),

risks as (
    select * from int_register__risks
),

controls as (
    select distinct risk_id, control_effectiveness from int_risks__control_effectiveness
),

settings as (
    select * from stg_catalogue__settings
),

observed as (
    select
        risk_id, period_type, period, org_unit_id, org_level,
        sum(weight * likelihood) / nullif(sum(weight) filter (where likelihood is not null), 0)
            as observed_likelihood_exact,
        count(likelihood) as indicators_used,
        count(*) filter (where is_suppressed) as indicators_suppressed
    from indicator_likelihoods
    group by all
),

final as (
    select
        observed.risk_id,
        observed.period_type,
        observed.period,
        observed.org_unit_id,
        observed.org_level,
        observed.observed_likelihood_exact,
        cast(round(observed.observed_likelihood_exact) as integer) as observed_likelihood,
        coalesce(controls.control_effectiveness, 0) as control_effectiveness,
        risks.impact * risks.inherent_likelihood as inherent_score,
        risks.impact * risks.inherent_likelihood
        * (1 - coalesce(controls.control_effectiveness, 0)) as expected_residual,
        risks.impact * cast(round(observed.observed_likelihood_exact) as integer)
            as observed_score,
        risks.appetite_max_residual,
        observed.indicators_used,
        observed.indicators_suppressed,
        observed.indicators_used = 0 and observed.indicators_suppressed > 0 as is_suppressed
    from observed
    inner join risks on observed.risk_id = risks.risk_id
    left join controls on observed.risk_id = controls.risk_id
)

select
    final.*,
    final.observed_score - final.expected_residual as assurance_gap,
    case
        when final.observed_score is null or final.expected_residual is null then null
        when final.observed_score - final.expected_residual >= settings.gap_rood then 'rood'
        when final.observed_score - final.expected_residual >= settings.gap_oranje then 'oranje'
        else 'groen'
    end as level
from final
cross join settings
