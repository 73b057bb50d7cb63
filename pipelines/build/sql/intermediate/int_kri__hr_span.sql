-- KRI-HR-SPAN: direct reports per manager, per manager and month, at the manager's unit.
-- Grain: month x manager.
with

months as (
    select * from int_hr__employee_months
),

reports as (
    select manager_id, month_start, count(*) as direct_reports
    from months
    where manager_id is not null
    group by all
),

final as (
    select
        'KRI-HR-SPAN' as indicator_id,
        managers.month_start,
        managers.org_unit_id,
        managers.employee_id as subject_id,
        reports.direct_reports::double as numerator,
        1.0 as denominator,
        null::double as score_sum,
        null::double as score_n
    from months as managers
    inner join reports
        on managers.employee_id = reports.manager_id
        and managers.month_start = reports.month_start
)

select * from final
