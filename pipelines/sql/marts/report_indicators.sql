-- Published indicator values per period and org unit, with n, thresholds' level, the
-- funnel flag and small-group suppression applied: a suppressed row carries no numbers.
-- Grain: indicator x risk x period x org unit. Published.
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

final as (
    select
        protected.indicator_id,
        weights.risk_id,
        protected.period_type,
        protected.period,
        protected.org_unit_id,
        protected.org_level,
        protected.parent_unit_id,
        case when protected.is_suppressed then null else protected.value end as value,
        case when protected.is_suppressed then null else protected.mean_score end as mean_score,
        case when protected.is_suppressed then null else protected.numerator end as numerator,
        case when protected.is_suppressed then null else protected.denominator end
            as denominator,
        case when protected.is_suppressed then null else protected.n end as n,
        case when protected.is_suppressed then null else protected.org_value end as org_value,
        case when protected.is_suppressed then null else protected.z end as z,
        case when protected.is_suppressed then null else protected.lower_95 end as lower_95,
        case when protected.is_suppressed then null else protected.upper_95 end as upper_95,
        case when protected.is_suppressed then null else protected.lower_998 end as lower_998,
        case when protected.is_suppressed then null else protected.upper_998 end as upper_998,
        case when protected.is_suppressed then null else protected.level end as level,
        case when protected.is_suppressed then null else protected.is_outside_95 end
            as is_outside_95,
        case when protected.is_suppressed then null else protected.is_flagged end as flagged,
        protected.is_suppressed as suppressed
    from protected
    inner join weights on protected.indicator_id = weights.indicator_id
    inner join risks on weights.risk_id = risks.risk_id
    -- an aggregate-only risk (RF7) is never published below department level
    where not (risks.is_aggregate_only and protected.org_level = 'team')
)

select * from final
order by indicator_id, risk_id, period_type, period, org_unit_id
