-- Why a risk scores what it scores: per risk, period and unit, each indicator with its
-- weight, value, n, thresholds, funnel flag and the likelihood it contributed.
-- Grain: risk x period x org unit x indicator. Published.
with

likelihoods as (
    select * from int_risks__indicator_likelihoods
),

protected as (
    select * from int_indicators__protected
),

indicators as (
    select * from stg_catalogue__indicators
),

final as (
    select
        likelihoods.risk_id,
        likelihoods.period_type,
        likelihoods.period,
        likelihoods.org_unit_id,
        likelihoods.indicator_id,
        indicators.indicator_name_nl,
        indicators.indicator_name_en,
        indicators.unit,
        likelihoods.weight,
        case when protected.is_suppressed then null else protected.value end as value,
        case when protected.is_suppressed then null else protected.n end as n,
        case when protected.is_suppressed then null else protected.org_value end as org_value,
        indicators.amber_threshold,
        indicators.red_threshold,
        indicators.direction,
        case when protected.is_suppressed then null else protected.level end as level,
        case when protected.is_suppressed then null else protected.is_flagged end as flagged,
        likelihoods.likelihood,
        likelihoods.is_suppressed as suppressed
    from likelihoods
    inner join protected
        on likelihoods.indicator_id = protected.indicator_id
        and likelihoods.period_type = protected.period_type
        and likelihoods.period = protected.period
        and likelihoods.org_unit_id = protected.org_unit_id
    inner join indicators on likelihoods.indicator_id = indicators.indicator_id
)

select * from final
order by risk_id, period_type, period, org_unit_id, indicator_id
