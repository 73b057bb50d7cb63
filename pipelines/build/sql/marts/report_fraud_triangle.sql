-- The fraud triangle per quarter and org unit: for each factor (gelegenheid, druk,
-- rationalisatie) the highest and mean observed likelihood of its risks, which of them
-- signal red, and the factor's control effectiveness; with the unit's opportunity control
-- effectiveness (mean over its gelegenheid risks) beside it. is_pressure_despite_controls
-- marks "maatregelen op orde, maar druk of rationalisatie rood": opportunity controls in
-- place (settings fraud_triangle.controls_in_place_min) while this pressure or
-- rationalisation factor has a risk at or above fraud_triangle.signal_red_min_likelihood.
-- The organisation and departments always have a row; a team only where the factor is
-- not suppressed (too small a group). Grain: quarter x org unit x factor. Published.
with

scores as (
    select * from report_risk_scores
    where period_type = 'quarter'
),

risks as (
    select * from dim_risks
    where category in ('gelegenheid', 'druk', 'rationalisatie')
),

settings as (
    select * from stg_catalogue__settings
),

factor_scores as (
    select
        scores.period,
        scores.org_unit_id,
        scores.org_level,
        risks.category as factor,
        risks.category_order as factor_order,
        count(*) as risk_count,
        count(scores.observed_likelihood) as risks_scored,
        count(*) filter (where scores.suppressed) as risks_suppressed,
        max(scores.observed_likelihood) as max_observed_likelihood,
        avg(scores.observed_likelihood) as mean_observed_likelihood,
        avg(scores.control_effectiveness) as control_effectiveness,
        string_agg(scores.risk_id, ', ' order by scores.risk_id) filter (
            where scores.observed_likelihood >= settings.triangle_signal_red_min_likelihood
        ) as red_risk_ids
    from scores
    inner join risks on scores.risk_id = risks.risk_id
    cross join settings
    group by all
),

-- The register's opportunity controls do not depend on how many people a unit has, so
-- they are taken before any suppressed team row is dropped.
opportunity as (
    select
        period,
        org_unit_id,
        control_effectiveness as opportunity_control_effectiveness
    from factor_scores
    where factor = 'gelegenheid'
),

compared as (
    select
        factor_scores.period,
        factor_scores.org_unit_id,
        factor_scores.org_level,
        factor_scores.factor,
        factor_scores.factor_order,
        factor_scores.risk_count,
        factor_scores.risks_scored,
        factor_scores.risks_suppressed,
        factor_scores.max_observed_likelihood,
        factor_scores.mean_observed_likelihood,
        factor_scores.red_risk_ids,
        factor_scores.control_effectiveness,
        opportunity.opportunity_control_effectiveness,
        settings.triangle_controls_in_place_min as controls_in_place_min,
        settings.triangle_signal_red_min_likelihood as signal_red_min_likelihood,
        factor_scores.risks_scored = 0 and factor_scores.risks_suppressed > 0 as is_suppressed,
        coalesce(
            factor_scores.max_observed_likelihood
            >= settings.triangle_signal_red_min_likelihood,
            false
        ) as is_signal_red,
        coalesce(
            opportunity.opportunity_control_effectiveness
            >= settings.triangle_controls_in_place_min,
            false
        ) as is_opportunity_controlled
    from factor_scores
    cross join settings
    left join opportunity
        on
            factor_scores.period = opportunity.period
            and factor_scores.org_unit_id = opportunity.org_unit_id
),

final as (
    select
        *,
        factor in ('druk', 'rationalisatie') and is_signal_red and is_opportunity_controlled
            as is_pressure_despite_controls
    from compared
    where org_level <> 'team' or not is_suppressed
)

select * from final
order by period, org_unit_id, factor_order
