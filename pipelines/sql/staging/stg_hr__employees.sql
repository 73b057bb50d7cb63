-- HR snapshots with pseudonymised keys. Grain: one row per employee per month per file.
with

source as (
    select * from raw_employees
),

final as (
    select
        employee_key as employee_id,
        cast(snapshot_month as date) as snapshot_month,
        org_unit as org_unit_id,
        manager_key as manager_id,
        job_title,
        is_manager,
        fte,
        hire_date as hired_on,
        role_start_date as role_started_on,
        sick_days,
        overtime_hours,
        leave_days,
        longest_leave_block_days_12m,
        exit_date as exited_on,
        exit_reason,
        _ingested_at as ingested_at,
        _source_file as source_file
    from source
)

select * from final
