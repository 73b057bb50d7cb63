-- Register indicators (side jobs, gifts) as events per employee and month, at the
-- employee's unit that month, plus the fte exposure of everyone for the rates:
-- KRI-REG-SJ-UNAPPROVED side job started before approval (or never approved),
-- KRI-REG-SJ-RELATION side job for tenants or business relations,
-- KRI-REG-GIFT-OVER50 gift above the code's maximum value, KRI-REG-GIFT-MONEY money or
-- vouchers from tenants, KRI-REG-GIFT-HOME delivered at home, KRI-REG-GIFT-SUPPLIER
-- dinners, events and trips from suppliers. Grain: indicator x month x employee.
with

side_jobs as (
    select * from stg_registers__side_jobs
),

gifts as (
    select * from stg_registers__gifts
),

rules as (
    select * from stg_catalogue__code_rules
),

months as (
    select * from int_hr__employee_months
),

counted as (
    select indicator_id, parameter_value as decision from stg_catalogue__indicator_parameters
    where parameter_name = 'counted_decisions'
),

max_gift as (
    select max_value_eur from rules where check_name = 'gift_max_value'
),

forbidden as (
    select giver_types, forbidden_gift_types from rules where check_name = 'gift_forbidden_types'
),

side_job_events as (
    select 'KRI-REG-SJ-UNAPPROVED' as indicator_id, employee_id,
        date_trunc('month', coalesce(started_on, registered_on)) as month_start
    from side_jobs
    where started_on is not null and (approved_on is null or started_on < approved_on)
    union all
    select 'KRI-REG-SJ-RELATION', employee_id,
        date_trunc('month', coalesce(started_on, registered_on))
    from side_jobs
    where is_for_tenant_or_relation
),

candidate_gift_events as (
    select 'KRI-REG-GIFT-OVER50' as indicator_id, employee_id, decision,
        date_trunc('month', received_on) as month_start
    from gifts, max_gift
    where gifts.value_eur > max_gift.max_value_eur
    union all
    select 'KRI-REG-GIFT-MONEY', employee_id, decision, date_trunc('month', received_on)
    from gifts, forbidden
    where list_contains(forbidden.giver_types, gifts.giver_type)
        and list_contains(forbidden.forbidden_gift_types, gifts.gift_type)
    union all
    select 'KRI-REG-GIFT-HOME', employee_id, decision, date_trunc('month', received_on)
    from gifts
    where is_delivered_at_home
    union all
    select 'KRI-REG-GIFT-SUPPLIER', employee_id, decision, date_trunc('month', received_on)
    from gifts
    where giver_type = 'leverancier' and gift_type in ('etentje', 'evenement', 'reis')
),

gift_events as (
    -- only gifts whose decision the indicator counts (a refused gift is no signal)
    select candidate_gift_events.indicator_id, employee_id, month_start
    from candidate_gift_events
    inner join counted
        on candidate_gift_events.indicator_id = counted.indicator_id
        and candidate_gift_events.decision = counted.decision
),

events as (
    select * from side_job_events
    union all
    select * from gift_events
),

event_rows as (
    select events.indicator_id, events.month_start, months.org_unit_id,
        events.employee_id as subject_id, 1.0 as numerator, 0.0 as denominator
    from events
    inner join months
        on events.employee_id = months.employee_id and events.month_start = months.month_start
),

exposure as (
    select kinds.indicator_id, months.month_start, months.org_unit_id,
        months.employee_id as subject_id, 0.0 as numerator, months.fte::double as denominator
    from months
    cross join (
        values ('KRI-REG-SJ-UNAPPROVED'), ('KRI-REG-SJ-RELATION'), ('KRI-REG-GIFT-OVER50'),
            ('KRI-REG-GIFT-MONEY'), ('KRI-REG-GIFT-HOME'), ('KRI-REG-GIFT-SUPPLIER')
    ) as kinds (indicator_id)
),

final as (
    select * from event_rows
    union all
    select * from exposure
)

select *, null::double as score_sum, null::double as score_n from final
