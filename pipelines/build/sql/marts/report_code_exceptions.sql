-- Person-level exceptions to the integrity code's hard rules (risks/code_rules.yaml):
-- a gift over the maximum value, money or vouchers from tenants, a gift delivered at home
-- (each only when not refused, as the indicators count them), a side job started before
-- approval (or never approved) and a side job for a tenant or business relation; and a
-- year in which a company car's private kilometres reached the limit (the total must stay
-- UNDER it). The rules are checked once, in int_kri__registers and int_kri__vehicle_km;
-- this lists their rows that break a rule, with the employee's pseudonym (never a raw
-- employee number: ingest replaced it), the team the employee was in that month and its
-- department, and the record's details.
-- A car breach is of a year's total, which has no day: it is dated the first day of that
-- year (occurred_on). That date never moves when a later year-to-date or corrected export
-- comes in (the follow-up knows an exception by rule, pseudonym and date), it is never in
-- the future, and a conversation about a running year's total can be noted at once (the
-- follow-up refuses dates before the exception's). Its team is the one of the first month
-- of that year the employee was employed (January, or the month they joined): the team at
-- that date, as int_kri__registers takes the team of the event's month.
-- For the integriteitsfunctionaris only (the dashboard refuses it to other roles); DT and
-- RvC see these as counts in report_indicators. Grain: one row per rule breached per
-- register record (for the car: per employee and year). Published.
with

register_events as (
    select * from int_kri__registers
    where rule_id is not null
),

-- int_kri__vehicle_km has one row per month of the year; a breaching year counts in each
car_events as (
    select
        indicator_id,
        rule_id,
        'vehicle_use' as dataset,
        subject_id,
        make_date(usage_year, 1, 1) as occurred_on,
        arg_min(org_unit_id, month_start) as org_unit_id,
        private_km,
        max_private_km
    from int_kri__vehicle_km
    where numerator = 1 and rule_id is not null
    group by indicator_id, rule_id, subject_id, usage_year, private_km, max_private_km
),

events as (
    select * from register_events
    union all by name
    select * from car_events
),

rules as (
    select * from stg_catalogue__code_rules
),

units as (
    select * from dim_org_units
),

final as (
    select
        events.rule_id,
        rules.check_name,
        events.indicator_id,
        events.dataset,
        events.subject_id as employee_id,
        events.occurred_on,
        strftime(events.occurred_on, '%Y-%m') as month,
        strftime(events.occurred_on, '%Y') || '-Q' || quarter(events.occurred_on) as quarter,
        events.org_unit_id,
        units.org_unit_name,
        units.org_level,
        units.department_id,
        units.department_name,
        events.giver_type,
        events.gift_type,
        events.value_eur,
        events.max_value_eur,
        events.value_eur - events.max_value_eur as value_over_max_eur,
        events.is_delivered_at_home,
        events.decision,
        events.registered_on,
        events.started_on,
        events.approved_on,
        case
            when rules.check_name = 'side_job_prior_approval'
                then events.approved_on - events.started_on
        end as days_started_before_approval,
        events.sector,
        events.is_for_tenant_or_relation,
        events.private_km,
        events.max_private_km
    from events
    left join rules on events.rule_id = rules.rule_id
    left join units on events.org_unit_id = units.org_unit_id
)

select * from final
order by occurred_on desc, rule_id, employee_id
