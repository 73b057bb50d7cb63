-- Every contribution once per period it counts in: its month (2026-07) and its quarter
-- (2026-Q3). Grain: indicator x period x unit x subject x month.
with

contributions as (
    select * from int_indicators__contributions
),

final as (
    select *, 'month' as period_type, strftime(month_start, '%Y-%m') as period
    from contributions
    union all
    select *, 'quarter', strftime(month_start, '%Y') || '-Q' || quarter(month_start)
    from contributions
)

select * from final
