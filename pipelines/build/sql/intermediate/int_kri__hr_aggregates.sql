-- KRI-HR-GARNISH and KRI-HR-SOCIAL-WORK per 100 fte: the unit's monthly counts (only
-- ever aggregate) against the fte of everyone in the unit that month (the exposure
-- rows carry the people, so n counts employees). Grain: indicator x month x unit/employee.
with

aggregates as (
    select * from stg_hr__aggregates
),

months as (
    select * from int_hr__employee_months
),

counts as (
    select 'KRI-HR-GARNISH' as indicator_id, month_start, org_unit_id,
        null::varchar as subject_id, garnishment_count::double as numerator, 0.0 as denominator
    from aggregates where garnishment_count is not null
    union all
    select 'KRI-HR-SOCIAL-WORK', month_start, org_unit_id, null,
        social_worker_referrals::double, 0.0
    from aggregates where social_worker_referrals is not null
),

-- The months the aggregates are delivered for, per indicator (rows of an export that has
-- its column; an empty cell there is 0): the fte of a month without them is no exposure
-- (helper-225: three HR months against one month of garnishment counts gave a third of
-- the rate, and a month not yet delivered looked like none).
reported as (
    select distinct 'KRI-HR-GARNISH' as indicator_id, month_start from aggregates
    where coalesce(reports_garnishment_count, true)
    union
    select distinct 'KRI-HR-SOCIAL-WORK', month_start from aggregates
    where coalesce(reports_social_worker_referrals, true)
),

exposure as (
    select kinds.indicator_id, months.month_start, months.org_unit_id,
        months.employee_id as subject_id, 0.0 as numerator, months.fte::double as denominator
    from months
    cross join (values ('KRI-HR-GARNISH'), ('KRI-HR-SOCIAL-WORK')) as kinds (indicator_id)
    semi join reported
        on kinds.indicator_id = reported.indicator_id
        and months.month_start = reported.month_start
),

final as (
    select * from counts
    union all
    select * from exposure
)

select *, null::double as score_sum, null::double as score_n from final
