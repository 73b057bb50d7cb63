-- Per risk, period and org unit: observed likelihood (weighted mean of the likelihoods
-- of its published indicators: level -> likelihood, at least flagged_min_likelihood when
-- the unit is flagged against the organisation), and the register's side: inherent
-- score, control effectiveness, expected residual; then the observed score and the
-- assurance gap. Grain: risk x period x org unit.
with

protected as (
    select * from int_indicators__protected
),

weights as (
    select * from stg_catalogue__indicator_weights
),

risks as (
    select * from stg_catalogue__risks
),

level_likelihood as (
    select * from stg_catalogue__level_likelihood
),

controls as (
    select distinct risk_id, control_effectiveness from int_risks__control_effectiveness
),

settings as (
    select * from stg_catalogue__settings
),

indicator_likelihoods as (
    select
        weights.risk_id,
        protected.period_type,
        protected.period,
        protected.org_unit_id,
        protected.org_level,
        weights.weight,
        protected.is_suppressed,
        case
            when protected.is_suppressed or protected.level is null then null
            when protected.is_flagged
                then greatest(level_likelihood.likelihood, settings.flagged_min_likelihood)
            else level_likelihood.likelihood
        end as likelihood
    from protected
    inner join weights on protected.indicator_id = weights.indicator_id
    left join level_likelihood on protected.level = level_likelihood.level
    cross join settings
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
        controls.control_effectiveness,
        risks.impact * risks.inherent_likelihood as inherent_score,
        risks.impact * risks.inherent_likelihood * (1 - controls.control_effectiveness)
            as expected_residual,
        risks.impact * cast(round(observed.observed_likelihood_exact) as integer)
            as observed_score,
        risks.appetite_max_residual,
        observed.indicators_used,
        observed.indicators_suppressed,
        observed.indicators_used = 0 and observed.indicators_suppressed > 0 as is_suppressed
    from observed
    inner join risks on observed.risk_id = risks.risk_id
    inner join controls on observed.risk_id = controls.risk_id
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
