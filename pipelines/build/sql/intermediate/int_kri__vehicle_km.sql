-- KRI-REG-CAR-KM: share of company-car users whose private kilometres in a year reach the
-- code's limit (the code says the total must stay UNDER it). The yearly figure counts in
-- every month of that year in which the user was employed. Each row also carries the
-- code rule (rule_id), the year and its figures (private_km, max_private_km):
-- report_code_exceptions lists the breaching years per person from here, so the limit is
-- checked only once. Grain: month x car user.
with

vehicle as (
    select * from stg_registers__vehicle_use
),

rules as (
    select * from stg_catalogue__code_rules
),

months as (
    select * from int_hr__employee_months
),

final as (
    select
        'KRI-REG-CAR-KM' as indicator_id,
        months.month_start,
        months.org_unit_id,
        vehicle.employee_id as subject_id,
        (vehicle.private_km >= rules.max_private_km_per_year)::int::double as numerator,
        1.0 as denominator,
        null::double as score_sum,
        null::double as score_n,
        rules.rule_id,
        vehicle.usage_year,
        vehicle.private_km,
        rules.max_private_km_per_year as max_private_km
    from vehicle
    inner join rules on rules.check_name = 'vehicle_private_km_max'
    inner join months
        on vehicle.employee_id = months.employee_id
        and vehicle.usage_year = year(months.month_start)
    where vehicle.private_km is not null
)

select * from final
