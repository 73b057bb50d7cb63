-- How the Wbk deadlines of the reports received in a quarter went, as of the build:
-- per deadline (acknowledge: ontvangstbevestiging within 7 days; feedback: inhoudelijke
-- terugkoppeling within 3 months), the reports whose deadline has passed or that were
-- answered (n_due), how many of those on time, and the share. Still running deadlines
-- count in neither. Suppressed like the counts (report_meldingen_counts): a quarter with
-- fewer than k reports, and a deadline with fewer than k reports due, shows nothing.
-- Organisation only, never a breakdown. Grain: quarter x deadline.
with

reports as (
    select * from int_meldingen__ended
),

settings as (
    select * from stg_catalogue__settings
),

states as (
    select period, count(*) over (partition by period) as quarter_total,
        'acknowledge' as deadline, acknowledge_state as state
    from reports
    union all
    select period, count(*) over (partition by period), 'feedback', feedback_state
    from reports
),

counted as (
    select
        period,
        deadline,
        any_value(quarter_total) as quarter_total,
        count(*) filter (where state <> 'lopend') as n_due,
        count(*) filter (where state = 'op_tijd') as n_on_time
    from states
    group by all
),

final as (
    select
        counted.period,
        counted.deadline,
        counted.quarter_total < settings.min_group_size
            or counted.n_due < settings.min_group_size as is_suppressed,
        counted.n_due,
        counted.n_on_time
    from counted
    cross join settings
)

select
    period,
    deadline,
    is_suppressed,
    case when not is_suppressed then n_due end as n_due,
    case when not is_suppressed then n_on_time end as n_on_time,
    case when not is_suppressed then n_on_time / n_due end as share_on_time
from final
