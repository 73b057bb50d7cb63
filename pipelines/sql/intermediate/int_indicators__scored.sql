-- Indicator values with their level (from the catalogue thresholds) and the unit's place
-- in the organisation's funnel plot: z against the organisation value for the unit's n,
-- limits at 95% and 99.8%, and whether it is flagged (outside 99.8% in the bad
-- direction). With less data than the indicator's min_n (people, or allocations for the
-- allocation shares) there is a value but no level and no flag: too little to judge.
-- Grain: indicator x period x org unit.
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

settings as (
    select * from stg_catalogue__settings
),

organisation as (
    select
        indicator_id, period_type, period,
        numerator as org_numerator, denominator as org_denominator,
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
        indicators.measure,
        organisation.org_ratio,
        spread.subject_sd,
        aggregated.numerator / nullif(aggregated.denominator, 0) as ratio,
        case
            when indicators.measure = 'count' then aggregated.numerator
            else indicators.value_scale * aggregated.numerator / nullif(aggregated.denominator, 0)
        end as value,
        -- how one unit of the ratio shows in the value (for the funnel limits)
        case
            when indicators.measure = 'count' then aggregated.denominator
            else indicators.value_scale
        end as value_factor,
        aggregated.score_sum / nullif(aggregated.score_n, 0) as mean_score,
        -- allocation indicators rest on allocations (independent events), the others on people
        case
            when indicators.family = 'allocation' then aggregated.denominator
            else aggregated.n
        end as funnel_n
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

with_se as (
    select
        *,
        -- the standard error of the ratio under the organisation's value, for this unit
        case funnel_kind
            when 'proportion' then sqrt(org_ratio * (1 - org_ratio) / nullif(funnel_n, 0))
            when 'poisson' then sqrt(org_ratio * denominator) / nullif(denominator, 0)
            when 'normal' then subject_sd / sqrt(nullif(n, 0))
        end as ratio_se
    from valued
),

final as (
    select
        with_se.indicator_id,
        with_se.period_type,
        with_se.period,
        with_se.org_unit_id,
        with_se.org_level,
        with_se.parent_unit_id,
        with_se.numerator,
        with_se.denominator,
        with_se.n,
        with_se.value,
        with_se.mean_score,
        with_se.org_ratio * with_se.value_factor as org_value,
        case
            when with_se.org_level = 'organisatie' or with_se.ratio_se is null
                or with_se.ratio_se = 0 or with_se.funnel_n < with_se.min_n then null
            else (with_se.ratio - with_se.org_ratio) / with_se.ratio_se
        end as z,
        with_se.value_factor * (with_se.org_ratio - settings.funnel_z_warn * with_se.ratio_se)
            as lower_95,
        with_se.value_factor * (with_se.org_ratio + settings.funnel_z_warn * with_se.ratio_se)
            as upper_95,
        with_se.value_factor * (with_se.org_ratio - settings.funnel_z_alarm * with_se.ratio_se)
            as lower_998,
        with_se.value_factor * (with_se.org_ratio + settings.funnel_z_alarm * with_se.ratio_se)
            as upper_998,
        case
            when with_se.value is null or with_se.funnel_n < with_se.min_n then null
            when with_se.direction = 'higher_is_worse' and with_se.value >= with_se.red_threshold
                then 'rood'
            when with_se.direction = 'higher_is_worse'
                and with_se.value >= with_se.amber_threshold then 'oranje'
            when with_se.direction = 'lower_is_worse' and with_se.value <= with_se.red_threshold
                then 'rood'
            when with_se.direction = 'lower_is_worse'
                and with_se.value <= with_se.amber_threshold then 'oranje'
            else 'groen'
        end as level,
        with_se.direction,
        with_se.min_n,
        with_se.is_aggregate_only,
        with_se.funnel_n,
        settings.funnel_z_warn,
        settings.funnel_z_alarm
    from with_se
    cross join settings
)

select
    * exclude (funnel_z_warn, funnel_z_alarm),
    coalesce(
        case when direction = 'higher_is_worse' then z else -z end > funnel_z_warn, false
    ) as is_outside_95,
    coalesce(
        case when direction = 'higher_is_worse' then z else -z end > funnel_z_alarm, false
    ) as is_flagged
from final
