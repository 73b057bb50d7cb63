-- One row per employee per month (the newest ingested file wins when exports overlap),
-- with what indicators need. Grain: employee x month.
with

employees as (
    select * from stg_hr__employees
),

latest as (
    select *
    from employees
    qualify row_number() over (
        partition by employee_id, snapshot_month order by ingested_at desc, source_file desc
    ) = 1
),

final as (
    select
        employee_id,
        snapshot_month as month_start,
        last_day(snapshot_month) as month_end,
        day(last_day(snapshot_month)) as days_in_month,
        org_unit_id,
        manager_id,
        job_title,
        coalesce(is_manager, false) as is_manager,
        coalesce(fte, 0) as fte,
        hired_on,
        role_started_on,
        -- an export without the column reports none: null, not 0 (helper-225: an HR file
        -- without sick days and overtime scored both 0, green); in one that has the
        -- column an empty cell is 0 (helper-229 2: not "none reported")
        case when coalesce(reports_sick_days, true) then coalesce(sick_days, 0) end
            as sick_days,
        case when coalesce(reports_overtime_hours, true) then coalesce(overtime_hours, 0) end
            as overtime_hours,
        longest_leave_block_days_12m,
        exited_on,
        exit_reason
    from latest
)

select * from final
