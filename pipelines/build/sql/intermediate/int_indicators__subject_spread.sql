-- The spread between people of an indicator measured per person (survey shares, means,
-- HR ratios: test_kind normal and overdispersed_binomial) across the whole organisation: the standard deviation of
-- each person's own value, for the sampling error of a unit's value. For a survey share
-- this is the spread of each respondent's share of unfavourable answers, so answers of
-- one person count as correlated as they really are. Grain: indicator x period.
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
        -- each person's sums rounded as int_indicators__aggregated rounds a unit's
        round(sum(periods.numerator), 8) / nullif(round(sum(periods.denominator), 8), 0)
            as subject_value
    from periods
    inner join indicators on periods.indicator_id = indicators.indicator_id
    where indicators.test_kind in ('normal', 'overdispersed_binomial')
        and periods.subject_id is not null
    group by all
),

final as (
    -- over the people in one fixed order: computed in parallel, in no fixed order, it
    -- differed in its last bits between two builds of the same data
    select
        indicator_id, period_type, period,
        stddev_samp(subject_value order by subject_id) as subject_sd
    from per_subject
    group by all
)

select * from final
