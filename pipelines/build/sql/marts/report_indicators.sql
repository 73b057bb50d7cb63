-- Published indicator values per period and org unit, with n, the thresholds' level, the
-- test against the organisation (int_indicators__tested: kind, p-value, limits, flag,
-- the level the risks count) and small-group suppression applied: a suppressed row
-- carries no numbers.
-- Grain: indicator x risk x period x org unit. Published.
with

tested as (
    select * from int_indicators__tested
),

weights as (
    select * from stg_catalogue__indicator_weights
),

risks as (
    select * from stg_catalogue__risks
),

final as (
    select
        tested.indicator_id,
        weights.risk_id,
        tested.period_type,
        tested.period,
        tested.org_unit_id,
        tested.org_level,
        tested.parent_unit_id,
        case when tested.is_suppressed then null else tested.value end as value,
        case when tested.is_suppressed then null else tested.mean_score end as mean_score,
        case when tested.is_suppressed then null else tested.numerator end as numerator,
        case when tested.is_suppressed then null else tested.denominator end
            as denominator,
        case when tested.is_suppressed then null else tested.n end as n,
        case when tested.is_suppressed then null else tested.org_value end as org_value,
        case when tested.is_suppressed then null else tested.test_kind end as test_kind,
        case when tested.is_suppressed then null else tested.z end as z,
        case when tested.is_suppressed then null else tested.p_value end as p_value,
        case when tested.is_suppressed then null else tested.tests_in_unit end as tests_in_unit,
        case when tested.is_suppressed then null else tested.lower_warn end as lower_warn,
        case when tested.is_suppressed then null else tested.upper_warn end as upper_warn,
        case when tested.is_suppressed then null else tested.lower_alarm end as lower_alarm,
        case when tested.is_suppressed then null else tested.upper_alarm end as upper_alarm,
        case when tested.is_suppressed then null else tested.level end as level,
        case when tested.is_suppressed then null else tested.counted_level end as counted_level,
        case when tested.is_suppressed then null else tested.is_outside_warn end
            as is_outside_warn,
        case when tested.is_suppressed then null else tested.is_flagged end as flagged,
        tested.is_suppressed as suppressed
    from tested
    inner join weights on tested.indicator_id = weights.indicator_id
    inner join risks on weights.risk_id = risks.risk_id
    -- an aggregate-only risk (RF7) is never published below department level
    where not (risks.is_aggregate_only and tested.org_level = 'team')
)

select * from final
order by indicator_id, risk_id, period_type, period, org_unit_id
