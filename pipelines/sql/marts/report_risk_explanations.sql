-- Why a risk scores what it scores: per risk, period and unit, each indicator with its
-- weight, value, n, thresholds, funnel flag and the likelihood it contributed.
-- Grain: risk x period x org unit x indicator. Published.
with

protected as (
    select * from int_indicators__protected
),

weights as (
    select * from stg_catalogue__indicator_weights
),

indicators as (
    select * from stg_catalogue__indicators
),

level_likelihood as (
    select * from stg_catalogue__level_likelihood
),

settings as (
    select * from stg_catalogue__settings
),

final as (
    select
        weights.risk_id,
        protected.period_type,
        protected.period,
        protected.org_unit_id,
        protected.indicator_id,
        indicators.indicator_name_nl,
        indicators.indicator_name_en,
        indicators.unit,
        weights.weight,
        case when protected.is_suppressed then null else protected.value end as value,
        case when protected.is_suppressed then null else protected.n end as n,
        case when protected.is_suppressed then null else protected.org_value end as org_value,
        indicators.amber_threshold,
        indicators.red_threshold,
        indicators.direction,
        case when protected.is_suppressed then null else protected.level end as level,
        case when protected.is_suppressed then null else protected.is_flagged end as flagged,
        case
            when protected.is_suppressed or protected.level is null then null
            when protected.is_flagged
                then greatest(level_likelihood.likelihood, settings.flagged_min_likelihood)
            else level_likelihood.likelihood
        end as likelihood,
        protected.is_suppressed as suppressed
    from protected
    inner join weights on protected.indicator_id = weights.indicator_id
    inner join indicators on protected.indicator_id = indicators.indicator_id
    left join level_likelihood on protected.level = level_likelihood.level
    cross join settings
)

select * from final
order by risk_id, period_type, period, org_unit_id, indicator_id
