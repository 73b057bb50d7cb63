-- Indicator values with their level (from the catalogue thresholds) and what the test
-- against the organisation needs (int_indicators__tested runs it, on the published cells
-- only): the organisation's ratio, the test kind, the sampling standard error for the
-- normal tests, the value factor and the divisor for stocks counted monthly. With less
-- data than min_n (people, or allocations and orders for the shares tested exactly)
-- there is a value but no level: too little to judge. Grain: indicator x period x org unit.
with

aggregated as (
    select * from int_indicators__aggregated
),

indicators as (
    select * from stg_catalogue__indicators
),

spread as (
    select * from int_indicators__subject_spread
),

organisation as (
    select
        indicator_id, period_type, period,
        numerator / nullif(denominator, 0) as org_ratio
    from aggregated
    where org_level = 'organisatie'
),

valued as (
    select
        aggregated.*,
        indicators.direction,
        indicators.amber_threshold,
        indicators.red_threshold,
        indicators.min_n,
        indicators.is_aggregate_only,
        indicators.funnel_kind,
        indicators.test_kind,
        indicators.measure,
        organisation.org_ratio,
        spread.subject_sd,
        aggregated.numerator / nullif(aggregated.denominator, 0) as ratio,
        case
            when indicators.measure = 'count' then aggregated.numerator
            else indicators.value_scale * aggregated.numerator / nullif(aggregated.denominator, 0)
        end as value,
        case
            when indicators.measure = 'count' then organisation.org_ratio * aggregated.denominator
            else indicators.value_scale * organisation.org_ratio
        end as org_value,
        -- how one unit of the ratio shows in the value (for the limits)
        case
            when indicators.measure = 'count' then aggregated.denominator
            else indicators.value_scale
        end as value_factor,
        aggregated.score_sum / nullif(aggregated.score_n, 0) as mean_score,
        -- shares tested exactly (allocations, procurement orders) rest on those events,
        -- the others on people
        case
            when indicators.test_kind = 'exact_binomial' then aggregated.denominator
            else aggregated.n
        end as funnel_n,
        -- a stock counted every month is tested on its monthly average
        case
            when indicators.rate_per = 'month' and indicators.measure = 'rate_per_100_fte'
                then greatest(aggregated.n_months, 1)
            else 1
        end as count_divisor
    from aggregated
    inner join indicators on aggregated.indicator_id = indicators.indicator_id
    inner join organisation
        on aggregated.indicator_id = organisation.indicator_id
        and aggregated.period_type = organisation.period_type
        and aggregated.period = organisation.period
    left join spread
        on aggregated.indicator_id = spread.indicator_id
        and aggregated.period_type = spread.period_type
        and aggregated.period = spread.period
),

leveled as (
    select
        valued.*,
        valued.org_level <> 'organisatie'
            and valued.value is not null
            and valued.denominator > 0
            and valued.funnel_n >= valued.min_n as is_testable,
        -- the sampling standard error of the ratio under the organisation's value
        case
            when valued.test_kind not in ('normal', 'overdispersed_binomial') then null
            -- from the spread between the organisation's people (int_indicators__subject_spread)
            when valued.subject_sd is not null then valued.subject_sd / sqrt(nullif(valued.n, 0))
            -- a share without people behind it: binomial over the unit's n
            when valued.funnel_kind = 'proportion'
                then sqrt(valued.org_ratio * (1 - valued.org_ratio) / nullif(valued.funnel_n, 0))
        end as sampling_se,
        case
            when valued.value is null or valued.funnel_n < valued.min_n then null
            when valued.direction = 'higher_is_worse' and valued.value >= valued.red_threshold
                then 'rood'
            when valued.direction = 'higher_is_worse'
                and valued.value >= valued.amber_threshold then 'oranje'
            when valued.direction = 'lower_is_worse' and valued.value <= valued.red_threshold
                then 'rood'
            when valued.direction = 'lower_is_worse'
                and valued.value <= valued.amber_threshold then 'oranje'
            else 'groen'
        end as level
    from valued
)

select * exclude (subject_sd, score_sum, score_n) from leveled
