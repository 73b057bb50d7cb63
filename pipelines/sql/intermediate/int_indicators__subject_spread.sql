-- The spread between people of a continuous indicator (means, ratios) across the whole
-- organisation, for its funnel limits. Grain: indicator x period.
with

periods as (
    select * from int_indicators__periods
),

indicators as (
    select * from stg_catalogue__indicators
),

per_subject as (
    select
        periods.indicator_id,
        periods.period_type,
        periods.period,
        periods.subject_id,
        sum(periods.numerator) / nullif(sum(periods.denominator), 0) as subject_value
    from periods
    inner join indicators on periods.indicator_id = indicators.indicator_id
    where indicators.funnel_kind = 'normal' and periods.subject_id is not null
    group by all
),

final as (
    select indicator_id, period_type, period, stddev_samp(subject_value) as subject_sd
    from per_subject
    group by all
)

select * from final
