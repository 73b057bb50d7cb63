-- The control indicators for RF5 from the register, at the top of the org tree (the
-- register is the organisation's, not a team's). Subjects are the register's records
-- (a measure, an audit, a finding), so n counts records. As of the day the register was
-- read (stg_register__as_of), in the reference month: that day's month, or the newest
-- month of HR data when the data ends earlier (so the register never opens a quarter the
-- rest of the data has not reached), or the last month of the newest quarter that had
-- ended when the HR data was read in (a quarter still running is not published):
-- KRI-REG-CTRL-FINDINGS: each control test (a measure in force with a test result) and
--   each audit up to the day in the 12 months ending with the reference month, at its
--   own month; numerator 1 when it had a finding: a test deels_effectief or
--   niet_effectief, an audit with at least one finding. Older or later ones do not count.
-- KRI-REG-CTRL-OVERDUE: a state on the day, in the reference month: each measure in
--   force, overdue when never tested or its last test plus its review frequency lies
--   before the day; and each finding not closed, overdue when its due date lies before
--   the day (due today is not overdue).
-- Grain: indicator x record.
with

measures as (
    select * from stg_register__control_measures
),

audits as (
    select * from stg_register__audits
),

findings as (
    select * from stg_register__audit_findings
),

finding_statuses as (
    select * from stg_catalogue__finding_statuses
),

data_end as (
    select max(month_start) as last_month from int_hr__employee_months
),

-- the last month of the newest quarter that had ended when the HR data was read in: a
-- quarter still running is not published (int_indicators__read_through), and a state
-- placed in it would move on with every build and never be shown
hr_read as (
    select date_trunc('quarter', read_on) - interval 1 month as last_month
    from int_indicators__read_through
    where dataset = 'employees'
),

as_of as (
    select
        stg_register__as_of.as_of,
        least(
            date_trunc('month', stg_register__as_of.as_of),
            coalesce(data_end.last_month, date_trunc('month', stg_register__as_of.as_of)),
            coalesce(
                (select last_month from hr_read), date_trunc('month', stg_register__as_of.as_of)
            )
        )::date as as_of_month
    from stg_register__as_of
    cross join data_end
),

top_units as (
    select org_unit_id from int_org__units where parent_unit_id is null
),

in_force as (
    select * from measures where status <> 'vervallen'
),

tests as (
    select
        'KRI-REG-CTRL-FINDINGS' as indicator_id,
        date_trunc('month', in_force.last_tested_on)::date as month_start,
        'maatregel:' || in_force.control_measure_id as subject_id,
        case when in_force.last_test_result in ('deels_effectief', 'niet_effectief')
            then 1.0 else 0.0 end as numerator,
        in_force.last_tested_on as happened_on
    from in_force
    where in_force.last_tested_on is not null and in_force.last_test_result <> 'niet_getest'
),

audit_results as (
    select
        'KRI-REG-CTRL-FINDINGS' as indicator_id,
        date_trunc('month', audits.held_on)::date as month_start,
        'audit:' || audits.audit_id as subject_id,
        case when exists (select 1 from findings where findings.audit_id = audits.audit_id)
            then 1.0 else 0.0 end as numerator,
        audits.held_on as happened_on
    from audits
),

findings_window as (
    select events.indicator_id, events.month_start, events.subject_id, events.numerator
    from (select * from tests union all select * from audit_results) as events
    cross join as_of
    where events.happened_on <= as_of.as_of
        and events.month_start <= as_of.as_of_month
        and events.month_start > as_of.as_of_month - interval 12 month
),

measures_overdue as (
    select
        'KRI-REG-CTRL-OVERDUE' as indicator_id,
        as_of.as_of_month as month_start,
        'maatregel:' || in_force.control_measure_id as subject_id,
        case
            when in_force.last_tested_on is null then 1.0
            when in_force.last_tested_on + to_months(in_force.review_months) < as_of.as_of
                then 1.0
            else 0.0
        end as numerator
    from in_force
    cross join as_of
),

findings_overdue as (
    select
        'KRI-REG-CTRL-OVERDUE' as indicator_id,
        as_of.as_of_month as month_start,
        'bevinding:' || findings.finding_id as subject_id,
        case when findings.due_on < as_of.as_of then 1.0 else 0.0 end as numerator
    from findings
    inner join finding_statuses on findings.status = finding_statuses.status
    cross join as_of
    where not finding_statuses.is_closed
),

records as (
    select * from findings_window
    union all
    select * from measures_overdue
    union all
    select * from findings_overdue
),

final as (
    select
        records.indicator_id,
        records.month_start,
        top_units.org_unit_id,
        records.subject_id,
        records.numerator,
        1.0 as denominator,
        null::double as score_sum,
        null::double as score_n
    from records
    cross join top_units
)

select * from final
