-- Per dataset: rows loaded, the newest date in the data and its age in days; the day
-- its newest export was read in, and the quarter of its newest date when that quarter had
-- not ended then (or when the HR data was read in): a quarter still running, not
-- published until exports read in after it are (int_indicators__period_months).
-- Grain: one row per dataset. Published (Datakwaliteit).
with

settings as (
    select * from stg_catalogue__settings
),

newest as (
    select 'org_units' as dataset, count(*) as row_count, null::date as newest_date
    from stg_hr__org_units
    union all
    select 'employees', count(*), max(snapshot_month) from stg_hr__employees
    union all
    select 'survey_responses', count(*), max(wave_on) from stg_survey__responses
    union all
    select 'side_jobs', count(*), max(registered_on) from stg_registers__side_jobs
    union all
    select 'gifts', count(*), max(received_on) from stg_registers__gifts
    union all
    -- yearly figures: the newest year counts up to today (or its last day, when past);
    -- none without rows (least() skips a null: an empty dataset showed as today's)
    select 'vehicle_use', count(*),
        case when count(*) > 0 then least(max(make_date(usage_year, 12, 31)), current_date) end
    from stg_registers__vehicle_use
    union all
    select 'allocations', count(*), max(allocated_on) from stg_allocation__allocations
    union all
    select 'hr_aggregates', count(*), max(month_start) from stg_hr__aggregates
    union all
    select 'feedback_360', count(*), max(period_start) from stg_hr__feedback_360
),

read_through as (
    select * from int_indicators__read_through
),

final as (
    select
        newest.dataset,
        newest.row_count,
        newest.newest_date,
        date_diff('day', newest.newest_date, current_date) as age_days,
        coalesce(
            date_diff('day', newest.newest_date, current_date)
            > settings.data_freshness_warn_days,
            newest.row_count = 0
        ) as is_stale,
        own.read_on,
        -- a yearly figure counts in the HR data's months (int_kri__vehicle_km): it waits
        -- for the HR export, said on that one's row; its newest date is today's
        case
            when newest.dataset = 'vehicle_use' then null
            when last_day(date_trunc('quarter', newest.newest_date) + interval 2 month)
                >= least(own.read_on, hr.read_on)
                then strftime(newest.newest_date, '%Y') || '-Q' || quarter(newest.newest_date)
        end as running_quarter
    from newest
    cross join settings
    left join read_through as own on newest.dataset = own.dataset
    left join read_through as hr on hr.dataset = 'employees'
)

select * from final
order by dataset
