-- KRI-REG-GIFT-ZERO: per employee in a high-exposure role (job titles from the
-- indicator's parameters) and month, whether they registered nothing at all in the gift
-- register in the 12 months up to that month's end (under-reporting).
-- Grain: month x high-exposure employee.
with

months as (
    select * from int_hr__employee_months
),

gifts as (
    select * from stg_registers__gifts
),

titles as (
    select parameter_value as job_title
    from stg_catalogue__indicator_parameters
    where indicator_id = 'KRI-REG-GIFT-ZERO' and parameter_name = 'high_exposure_job_titles'
),

-- the months the register speaks for, as int_kri__registers counts them: up to its
-- newest export with records (or a later gift's day); without a register, none
-- (helper-229 9: everyone 'registered nothing', 100% red, without a register)
register_end as (
    select max(greatest(coalesce(export_date, cast(ingested_at as date)), received_on)) as last_day
    from gifts
),

exposed as (
    select months.*
    from months
    inner join titles on months.job_title = titles.job_title
    inner join register_end on months.month_start <= register_end.last_day
),

registered as (
    select exposed.employee_id, exposed.month_start, count(gifts.employee_id) as gifts_12m
    from exposed
    left join gifts
        on gifts.employee_id = exposed.employee_id
        and gifts.received_on > exposed.month_end - interval 12 month
        and gifts.received_on <= exposed.month_end
    group by all
),

final as (
    select
        'KRI-REG-GIFT-ZERO' as indicator_id,
        exposed.month_start,
        exposed.org_unit_id,
        exposed.employee_id as subject_id,
        (registered.gifts_12m = 0)::int::double as numerator,
        1.0 as denominator,
        null::double as score_sum,
        null::double as score_n
    from exposed
    inner join registered
        on exposed.employee_id = registered.employee_id
        and exposed.month_start = registered.month_start
)

select * from final
