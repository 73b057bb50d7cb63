-- Rows of the datasets that name a person which link to nobody in the HR data when
-- they happened, so no unit's indicator counts them (README, Data in: "Rijen zonder
-- medewerker"). The indicators join these rows to int_hr__employee_months: a gift in the
-- month it was received, a side job in the month it started (else was registered), an
-- allocation in its month under its consultant, 360 feedback in its period's first month
-- under the manager, an HR month's row under its manager in that month, company-car use
-- in any month of its year. A row that finds no such
-- month would drop out of every count without a word; here it is named instead.
-- reason: unknown_person (the key is in no HR month at all: a typo, a number whose
-- leading zeros Excel dropped, or the HR export not loaded), hr_rows_quarantined (in no
-- HR month, but on HR lines in quarantine, or that month's line is: helper-266, a person
-- whose every HR row broke a rule was said to be missing from the HR data), not_employed (the person is
-- in the HR data, but not in that month or year), hr_month_missing (the HR data has no
-- month at all there, between months it has: an HR export not loaded, helper-115: said
-- as not_employed), after_hr_months (later than the newest
-- HR month: it counts once the HR export reaches it). A row from before the first HR
-- month is in no period the radar scores and is not listed. Grain: one row per source
-- row not linked.
with

months as (
    select employee_id, month_start from int_hr__employee_months
),

people as (
    select distinct employee_id from months
),

-- the people on quarantined HR lines (their pseudonyms), and the months of those lines
held_months as (
    select distinct person_key as employee_id, date_trunc('month', person_month) as month_start
    from stg_radar__quarantine
    where dataset = 'employees' and person_key is not null
),

held_people as (
    select distinct employee_id from held_months
),

hr_months as (
    select distinct month_start from months
),

hr_span as (
    select min(month_start) as first_month, max(month_start) as last_month from months
),

years as (
    select distinct employee_id, year(month_start) as usage_year from months
),

dated as (
    select 'gifts' as dataset, 'employee_key' as field, source_file,
        employee_id as person_id, date_trunc('month', received_on) as month_start
    from stg_registers__gifts
    union all
    select 'side_jobs', 'employee_key', source_file, employee_id,
        date_trunc('month', coalesce(started_on, registered_on))
    from stg_registers__side_jobs
    union all
    select 'allocations', 'consultant_key', source_file, consultant_id,
        date_trunc('month', allocated_on)
    from stg_allocation__allocations
    union all
    select 'feedback_360', 'manager_key', source_file, manager_id,
        date_trunc('month', period_start)
    from stg_hr__feedback_360
    union all
    -- a manager named in an HR month who is not in it: their span of control and every
    -- indicator by manager miss those reports (helper-158: a manager exported as a name,
    -- or numbered with other zeros than their own row, dropped out without a word)
    select 'employees', 'manager_key', source_file, manager_id, snapshot_month
    from stg_hr__employees
),

unlinked_dated as (
    select dated.*
    from dated
    where dated.person_id is not null and dated.month_start is not null
        and not exists (
            select 1 from months
            where months.employee_id = dated.person_id
                and months.month_start = dated.month_start
        )
),

unlinked_years as (
    select 'vehicle_use' as dataset, 'employee_key' as field, vehicle.source_file,
        vehicle.employee_id as person_id, make_date(vehicle.usage_year, 1, 1) as month_start
    from stg_registers__vehicle_use as vehicle
    where vehicle.employee_id is not null and vehicle.usage_year is not null
        and vehicle.private_km is not null
        and not exists (
            select 1 from years
            where years.employee_id = vehicle.employee_id
                and years.usage_year = vehicle.usage_year
        )
),

final as (
    select
        unlinked.dataset,
        unlinked.field,
        unlinked.source_file,
        unlinked.month_start,
        case
            when people.employee_id is null and held.employee_id is not null
                then 'hr_rows_quarantined'
            when hr_span.last_month is null or people.employee_id is null
                then 'unknown_person'
            when unlinked.month_start > hr_span.last_month then 'after_hr_months'
            -- that month's HR line of theirs is in quarantine (helper-267 F2: said to be
            -- not employed that month)
            when held_month.employee_id is not null then 'hr_rows_quarantined'
            when unlinked.dataset <> 'vehicle_use'
                and unlinked.month_start not in (select month_start from hr_months)
                then 'hr_month_missing'
            else 'not_employed'
        end as reason_code
    from (select * from unlinked_dated union all select * from unlinked_years) as unlinked
    cross join hr_span
    left join people on unlinked.person_id = people.employee_id
    left join held_people as held on unlinked.person_id = held.employee_id
    left join held_months as held_month
        on unlinked.person_id = held_month.employee_id
            and unlinked.month_start = held_month.month_start
    -- a year's car use counts when any month of that year is in the HR data
    where hr_span.first_month is null
        or unlinked.month_start >= date_trunc('year', hr_span.first_month)
            and (unlinked.dataset = 'vehicle_use' or unlinked.month_start >= hr_span.first_month)
)

select * from final
