-- The periods each indicator's month counts in. Grain: indicator x month x period
-- (month_start: a month some contribution of the indicator has; period_type, period: a
-- period it counts in). Readers join int_indicators__contributions to it on indicator
-- and month, so a contribution counts in every period its month does, without a row
-- written per contribution and period (6.9 million rows on the large demo, some 2.5 s
-- of a build spent writing them, and a buffer at the build's memory limit).
--
-- An indicator without a window (the catalogue's window_months empty) counts in its month
-- (2026-07) and its quarter (2026-Q3). A windowed indicator (window_months 12: registers,
-- allocations, turnover, ...) counts in every period whose window holds its month: a
-- quarter's window is the 12 months ending with the quarter's last month (2026-Q3:
-- 2025-10 to 2026-09), a month's the 12 months ending with it. So a gift of 2025-11 counts
-- in 2025-Q4 to 2026-Q3, and a quarter's value counts the last 12 months' events over the
-- same 12 months' exposure (rates stay per year) and people (n).
-- - No period starts after the indicator's last month of data: windows never run past
--   the data (a quarter with one month of data is there, as for every indicator, once
--   it has ended: below).
-- - A period is kept only once it has ended in the data (final, below): one still
--   running would be published again, with more months, by the next build.
-- - The first windows of the data hold the months there are (fewer than 12): a rate is
--   still right, its exposure covers the same months; a count is a count in those months.
-- - Windowed months only when privacy.publish_months is on: 12 periods per month,
--   and months are published only then (a quarter's window is its last month's).
-- is_own_period: the month lies in the period itself (always, without a window); a unit
-- gets a windowed period only with some contribution in the period itself
-- (int_indicators__aggregated), so no published window is a sum of older ones.
with

-- the indicators' months: the periods depend on nothing else of a contribution
indicator_months as (
    select distinct indicator_id, month_start from int_indicators__contributions
),

indicators as (
    select * from stg_catalogue__indicators
),

settings as (
    select * from stg_catalogue__settings
),

windows as (
    select indicator_id, window_months from indicators where window_months is not null
),

-- the months of indicators without a window: two periods each
own_periods as (
    select indicator_months.*, periods.period_type, periods.period, true as is_own_period
    from indicator_months
    anti join windows on indicator_months.indicator_id = windows.indicator_id
    cross join lateral (
        values
            ('month', strftime(indicator_months.month_start, '%Y-%m')),
            (
                'quarter',
                strftime(indicator_months.month_start, '%Y') || '-Q'
                || quarter(indicator_months.month_start)
            )
    ) as periods (period_type, period)
),

windowed as (
    select indicator_months.*, windows.window_months, last_months.last_month
    from indicator_months
    inner join windows on indicator_months.indicator_id = windows.indicator_id
    inner join (
        select indicator_id, max(month_start) as last_month
        from indicator_months
        semi join windows using (indicator_id)
        group by all
    ) as last_months on indicator_months.indicator_id = last_months.indicator_id
),

-- the quarters whose window holds the month: its own and the next ones while their last
-- month is within the window after it (months_after: from the month to a quarter's last).
-- With months published, a quarter the data ends in (its last month after the last
-- month of data) has the window of its last published month, the last month of data:
-- the 12 months ending with the quarter's last month would differ from that month's
-- window by its first month alone, a small group given away by two shown cells
-- (helper-237); so up to two quarters more are looked at (window + 2 months after).
windowed_quarters as (
    select windowed.* exclude (window_months, last_month), 'quarter' as period_type,
        strftime(ends.end_month, '%Y') || '-Q' || quarter(ends.end_month) as period,
        ends.months_after < 3 as is_own_period
    from windowed
    cross join settings
    cross join lateral (
        select windowed.month_start + to_months(months_after) as end_month, months_after
        from (
            select unnest(range(
                (3 - month(windowed.month_start) % 3) % 3, windowed.window_months + 2, 3
            )) as months_after
        )
    ) as ends
    where ends.end_month - interval 2 month <= windowed.last_month
        and case
            when settings.publish_months and ends.end_month > windowed.last_month
                then date_diff('month', windowed.month_start, windowed.last_month)
                    < windowed.window_months
            else ends.months_after < windowed.window_months
        end
),

-- the months whose window holds the month: it and the window - 1 after it, up to the
-- last month of data; only when months are published
windowed_months as (
    select windowed.* exclude (window_months, last_month), 'month' as period_type,
        strftime(ends.end_month, '%Y-%m') as period,
        ends.months_after = 0 as is_own_period
    from windowed
    cross join settings
    cross join lateral (
        select windowed.month_start + to_months(months_after) as end_month, months_after
        from (
            select unnest(range(
                case when settings.publish_months then windowed.window_months else 0 end
            )) as months_after
        )
    ) as ends
    where ends.end_month <= windowed.last_month
),

periods as (
    select * from own_periods
    union all by name
    select * from windowed_quarters
    union all by name
    select * from windowed_months
),

read_through as (
    select * from int_indicators__read_through
),

-- Only periods that have ended in the data: the indicator's dataset, and the HR data
-- that places its people, read in after the period's last day (a dataset never read
-- in, as in a warehouse made by hand, holds nothing back). The register's control
-- tests are placed in a quarter that has ended (int_kri__control_tests).
final as (
    select periods.* exclude (period_end)
    from (
        select *,
            case
                when period_type = 'quarter' then last_day(
                    make_date(cast(left(period, 4) as integer),
                        3 * cast(right(period, 1) as integer), 1)
                )
                else last_day(cast(period || '-01' as date))
            end as period_end
        from periods
    ) as periods
    left join indicators on periods.indicator_id = indicators.indicator_id
    left join read_through as own on indicators.dataset = own.dataset
    left join read_through as hr on hr.dataset = 'employees'
    where coalesce(own.read_on > periods.period_end, true)
        and coalesce(hr.read_on > periods.period_end, true)
)

select * from final
