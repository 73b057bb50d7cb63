-- The spread between people of an indicator measured per person (survey shares, means,
-- HR ratios: test_kind normal and overdispersed_binomial) across the whole organisation:
-- the standard deviation of each person's own value, for the sampling error of a unit's
-- value. For a survey share this is the spread of each respondent's share of
-- unfavourable answers, so answers of one person count as correlated as they really
-- are. Grain: indicator x period.
with

-- read twice below; not materialized: each reader scans the table itself
contributions as not materialized (
    select * from int_indicators__contributions
),

period_months as (
    select * from int_indicators__period_months
),

indicators as (
    select * from stg_catalogue__indicators
),

-- The people and the periods numbered (as int_indicators__aggregated numbers them):
-- two numbers are cheaper to group by than a pseudonym, an indicator and a period in the
-- million rows below; people numbered in the order of their pseudonyms.
subject_numbers as (
    select subject_id, row_number() over (order by subject_id) as subject_number
    from (select distinct subject_id from contributions where subject_id is not null)
),

period_numbers as (
    select
        indicator_id,
        period_type,
        period,
        row_number() over (order by indicator_id, period_type, period) as period_number
    from (select distinct indicator_id, period_type, period from period_months)
),

numbered_months as (
    select
        period_months.indicator_id, period_months.month_start, period_numbers.period_number
    from period_months
    inner join period_numbers
        on period_months.indicator_id = period_numbers.indicator_id
        and period_months.period_type = period_numbers.period_type
        and period_months.period is not distinct from period_numbers.period
),

-- each person's sums per period. Grain: indicator x period x subject.
per_subject as (
    select
        period_numbers.indicator_id,
        period_numbers.period_type,
        period_numbers.period,
        sums.subject_number,
        -- each person's sums rounded as int_indicators__aggregated rounds a unit's
        round(sums.numerator, 8) / nullif(round(sums.denominator, 8), 0) as subject_value
    from (
        select
            numbered_months.period_number,
            subject_numbers.subject_number,
            sum(contributions.numerator) as numerator,
            sum(contributions.denominator) as denominator
        from contributions
        inner join indicators on contributions.indicator_id = indicators.indicator_id
        inner join subject_numbers on contributions.subject_id = subject_numbers.subject_id
        inner join numbered_months
            on contributions.indicator_id = numbered_months.indicator_id
            and contributions.month_start is not distinct from numbered_months.month_start
        where indicators.test_kind in ('normal', 'overdispersed_binomial')
        group by all
    ) as sums
    inner join period_numbers on sums.period_number = period_numbers.period_number
),

final as (
    -- over the people in one fixed order (their numbers follow their pseudonyms):
    -- computed in parallel, in no fixed order, it differed in its last bits between two
    -- builds of the same data
    select
        indicator_id, period_type, period,
        stddev_samp(subject_value order by subject_number) as subject_sd
    from per_subject
    group by all
)

select * from final
