-- Every contribution once per period it counts in: its month (2026-07) and its quarter
-- (2026-Q3). Grain: indicator x period x unit x subject x month.
with

contributions as (
    select * from int_indicators__contributions
),

-- one pass over the contributions, two rows out of each
final as (
    select contributions.*, periods.period_type, periods.period
    from contributions
    cross join lateral (
        values
            ('month', strftime(contributions.month_start, '%Y-%m')),
            (
                'quarter',
                strftime(contributions.month_start, '%Y') || '-Q'
                || quarter(contributions.month_start)
            )
    ) as periods (period_type, period)
)

select * from final
