-- Person-level exceptions to the integrity code's hard rules (risks/code_rules.yaml):
-- a gift over the maximum value, money or vouchers from tenants, a gift delivered at home
-- (each only when not refused, as the indicators count them), a side job started before
-- approval (or never approved) and a side job for a tenant or business relation. The
-- rules are checked once, in int_kri__registers; this lists its event rows that break a
-- rule, with the employee's pseudonym (never a raw employee number: ingest replaced it),
-- the team the employee was in that month and its department, and the record's details.
-- For the integriteitsfunctionaris only (the dashboard refuses it to other roles); DT and
-- RvC see these as counts in report_indicators. Grain: one row per rule breached per
-- register record. Published.
with

events as (
    select * from int_kri__registers
    where rule_id is not null
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
        events.is_for_tenant_or_relation
    from events
    left join rules on events.rule_id = rules.rule_id
    left join units on events.org_unit_id = units.org_unit_id
)

select * from final
order by occurred_on desc, rule_id, employee_id
