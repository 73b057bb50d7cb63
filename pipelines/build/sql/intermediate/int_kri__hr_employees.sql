-- HR indicators from the monthly snapshot, per employee and month:
-- KRI-HR-OVERTIME overtime hours per fte, KRI-HR-SICK sick days as % of calendar days,
-- KRI-HR-NO-LEAVE-BLOCK no leave block of 14+ days in 12 months (employees employed at
-- least min_months_employed), KRI-HR-ROLE-YEARS years
-- in the same role, KRI-HR-TURNOVER exits (but the excluded_exit_reasons) per person-year
-- (each month is 1/12 of a year; int_indicators__aggregated sums both over the 12-month
-- window of the catalogue's window_months, KRI-HR-SICK too).
-- Grain: indicator x month x employee.
with

months as (
    select * from int_hr__employee_months
),

parameters as (
    select * from stg_catalogue__indicator_parameters
),

min_months as (
    select parameter_value::double::integer as months from parameters
    where indicator_id = 'KRI-HR-NO-LEAVE-BLOCK' and parameter_name = 'min_months_employed'
),

excluded_reasons as (
    select parameter_value as exit_reason from parameters
    where indicator_id = 'KRI-HR-TURNOVER' and parameter_name = 'excluded_exit_reasons'
),

final as (
    select 'KRI-HR-OVERTIME' as indicator_id, month_start, org_unit_id,
        employee_id as subject_id, overtime_hours::double as numerator,
        fte::double as denominator
    from months where fte > 0 and overtime_hours is not null  -- null: not reported

    union all
    select 'KRI-HR-SICK', month_start, org_unit_id, employee_id,
        sick_days::double, days_in_month::double
    from months where sick_days is not null
    union all
    select 'KRI-HR-NO-LEAVE-BLOCK', month_start, org_unit_id, employee_id,
        (longest_leave_block_days_12m < 14)::int::double, 1.0
    from months, min_months
    where longest_leave_block_days_12m is not null
        and hired_on <= month_end - to_months(min_months.months)
    union all
    select 'KRI-HR-ROLE-YEARS', month_start, org_unit_id, employee_id,
        date_diff('day', role_started_on, month_end) / 365.25, 1.0
    from months where role_started_on is not null
    union all
    select 'KRI-HR-TURNOVER', month_start, org_unit_id, employee_id,
        (
            exited_on is not null and exited_on <= month_end
            and coalesce(exit_reason, '') not in (select exit_reason from excluded_reasons)
        )::int::double,
        1.0 / 12
    from months
)

select *, null::double as score_sum, null::double as score_n from final
