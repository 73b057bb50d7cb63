-- HR snapshots with pseudonymised keys. Grain: one row per employee per month (newest export).
with

source as (
    select * from raw_employees
),

-- Exports overlap (year to date, corrected re-exports): per natural key only the rows
-- of the newest export count, newest by the export's own date (_export_date, from the
-- mapping; else the ingest time), ties by the later ingest, then file and content hash.
-- Rows of one export with the same key all stay, as the export has them.
newest as (
    select *
    from source
    qualify dense_rank() over (
        partition by employee_key, snapshot_month
        order by
            coalesce(cast(_export_date as timestamp), _ingested_at) desc,
            _ingested_at desc, _source_file desc, _content_hash desc
    ) = 1
),

final as (
    select
        employee_key as employee_id,
        cast(snapshot_month as date) as snapshot_month,
        org_unit as org_unit_id,
        -- a manager named as their own (the top, as some HR systems export it) is none:
        -- no report of their own (helper-189: the director counted among their reports)
        nullif(manager_key, employee_key) as manager_id,
        job_title,
        is_manager,
        fte,
        hire_date as hired_on,
        role_start_date as role_started_on,
        sick_days,
        overtime_hours,
        -- whether the row's export has the column at all (_absent: the ones it lacks): an
        -- export without it reports none, where an empty cell of one that has it is 0
        not list_contains(string_split(coalesce(_absent, ''), ','), 'sick_days')
            as reports_sick_days,
        not list_contains(string_split(coalesce(_absent, ''), ','), 'overtime_hours')
            as reports_overtime_hours,
        leave_days,
        longest_leave_block_days_12m,
        exit_date as exited_on,
        exit_reason,
        _ingested_at as ingested_at,
        _source_file as source_file
    from newest
)

select * from final
