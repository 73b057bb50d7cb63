-- KRI-REG-MELD-RATE: integrity reports per 100 fte over the window (risks/indicators.yaml:
-- 12 months, lower is worse). One event row per report at the unit it came from and the
-- month it was received, plus the fte exposure of every employee-month, as the other
-- register rates (int_kri__registers). A report without a unit counts at the top of the
-- org tree (the organisation's rate counts every report; no unit gets it). Reports in a
-- month without HR data count nowhere (no exposure to set them against). The events have
-- no subject: n is the unit's employees, so a unit below the indicator's min_n has a
-- value but no level and its reports count in the units above it
-- (int_indicators__scored). The register counts from the month of its first report: no
-- register, or the months before it was kept, is no data, not a rate of zero (which would
-- colour every unit red). Grain: month x unit x subject (exposure) or report (event).
with

meldingen as (
    select * from stg_radar__meldingen
),

months as (
    select * from int_hr__employee_months
),

units as (
    select * from int_org__units
),

top_unit as (
    select min(org_unit_id) as org_unit_id from units where parent_unit_id is null
),

hr_months as (
    select distinct month_start from months
),

kept_since as (
    select date_trunc('month', min(received_on)) as first_month from meldingen
),

event_rows as (
    select
        'KRI-REG-MELD-RATE' as indicator_id,
        hr_months.month_start,
        coalesce(units.org_unit_id, top_unit.org_unit_id) as org_unit_id,
        null::varchar as subject_id,
        1.0 as numerator,
        0.0 as denominator
    from meldingen
    inner join hr_months on date_trunc('month', meldingen.received_on) = hr_months.month_start
    cross join top_unit
    left join units on meldingen.org_unit_id = units.org_unit_id
),

exposure as (
    select
        'KRI-REG-MELD-RATE' as indicator_id,
        months.month_start,
        months.org_unit_id,
        months.employee_id as subject_id,
        0.0 as numerator,
        months.fte::double as denominator
    from months
    inner join kept_since on months.month_start >= kept_since.first_month
),

final as (
    select * from event_rows
    union all by name
    select * from exposure
)

select *, null::double as score_sum, null::double as score_n from final
