-- Register indicators (side jobs, gifts) as events per employee and month, at the
-- employee's unit that month, plus the fte exposure of everyone for the rates:
-- KRI-REG-SJ-UNAPPROVED side job started before approval (or never approved),
-- KRI-REG-SJ-RELATION side job for tenants or business relations,
-- KRI-REG-GIFT-OVER50 gift above the code's maximum value, KRI-REG-GIFT-MONEY money or
-- vouchers from tenants, KRI-REG-GIFT-HOME delivered at home, KRI-REG-GIFT-SUPPLIER
-- dinners, events and trips from suppliers.
-- An event row is one register record that meets the indicator, so it also carries the
-- integrity-code rule it breaks (rule_id; none for SUPPLIER, which is a signal, not a
-- rule), the day it happened (occurred_on) and the record's own fields:
-- report_code_exceptions lists them per person, so each rule is checked here only once.
-- Exposure rows leave those columns empty. Grain: indicator x month x employee (one event
-- row per record, one exposure row per employee-month).
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
    select rule_id, max_value_eur from rules where check_name = 'gift_max_value'
),

forbidden as (
    select rule_id, giver_types, forbidden_gift_types from rules
    where check_name = 'gift_forbidden_types'
),

-- rules without parameters give only their id: always one row (an empty id when the
-- catalogue lacks the rule), so the indicator does not depend on it
home_rule as (
    select min(rule_id) as rule_id from rules where check_name = 'gift_not_delivered_at_home'
),

approval_rule as (
    select min(rule_id) as rule_id from rules where check_name = 'side_job_prior_approval'
),

relation_rule as (
    select min(rule_id) as rule_id from rules
    where check_name = 'side_job_not_for_tenant_or_relation'
),

side_job_records as (
    select
        employee_id,
        'side_jobs' as dataset,
        registered_on,
        started_on,
        approved_on,
        sector,
        is_for_tenant_or_relation
    from side_jobs
),

side_job_events as (
    select
        'KRI-REG-SJ-UNAPPROVED' as indicator_id,
        approval_rule.rule_id,
        side_job_records.started_on as occurred_on,
        side_job_records.*
    from side_job_records
    cross join approval_rule
    where side_job_records.started_on is not null
        and (
            side_job_records.approved_on is null
            or side_job_records.started_on < side_job_records.approved_on
        )
    union all by name
    select
        'KRI-REG-SJ-RELATION' as indicator_id,
        relation_rule.rule_id,
        coalesce(side_job_records.started_on, side_job_records.registered_on) as occurred_on,
        side_job_records.*
    from side_job_records
    cross join relation_rule
    where side_job_records.is_for_tenant_or_relation
),

gift_records as (
    select
        employee_id,
        'gifts' as dataset,
        received_on as occurred_on,
        giver_type,
        gift_type,
        value_eur,
        is_delivered_at_home,
        decision
    from gifts
),

candidate_gift_events as (
    select
        'KRI-REG-GIFT-OVER50' as indicator_id,
        max_gift.rule_id,
        max_gift.max_value_eur,
        gift_records.*
    from gift_records
    inner join max_gift on gift_records.value_eur > max_gift.max_value_eur
    union all by name
    select 'KRI-REG-GIFT-MONEY' as indicator_id, forbidden.rule_id, gift_records.*
    from gift_records
    inner join forbidden
        on list_contains(forbidden.giver_types, gift_records.giver_type)
        and list_contains(forbidden.forbidden_gift_types, gift_records.gift_type)
    union all by name
    select 'KRI-REG-GIFT-HOME' as indicator_id, home_rule.rule_id, gift_records.*
    from gift_records
    cross join home_rule
    where gift_records.is_delivered_at_home
    union all by name
    select 'KRI-REG-GIFT-SUPPLIER' as indicator_id, gift_records.*
    from gift_records
    where gift_records.giver_type = 'leverancier'
        and gift_records.gift_type in ('etentje', 'evenement', 'reis')
),

gift_events as (
    -- only gifts whose decision the indicator counts (a refused gift is no signal, and
    -- refusing is what the code asks)
    select candidate_gift_events.*
    from candidate_gift_events
    inner join counted
        on candidate_gift_events.indicator_id = counted.indicator_id
        and candidate_gift_events.decision = counted.decision
),

events as (
    select * from side_job_events
    union all by name
    select * from gift_events
),

event_rows as (
    select
        events.* exclude (employee_id),
        date_trunc('month', events.occurred_on) as month_start,
        months.org_unit_id,
        events.employee_id as subject_id,
        1.0 as numerator,
        0.0 as denominator
    from events
    inner join months
        on events.employee_id = months.employee_id
        and date_trunc('month', events.occurred_on) = months.month_start
),

-- The months a register speaks for: up to the month of its newest export with records
-- counting (its export date, else the day it was read in), or of a later record's day
-- (a side job to start after the export: helper-229 5, an event without exposure). A
-- register never read in speaks for none: no export of gifts is no gift (helper-225:
-- scored 0, green, without a register).
register_ends as (
    select
        'side_jobs' as dataset,
        max(greatest(
            coalesce(export_date, cast(ingested_at as date)), coalesce(started_on, registered_on)
        )) as last_day
    from side_jobs
    union all
    select 'gifts', max(greatest(coalesce(export_date, cast(ingested_at as date)), received_on))
    from gifts
),

exposure as (
    select kinds.indicator_id, months.month_start, months.org_unit_id,
        months.employee_id as subject_id, 0.0 as numerator, months.fte::double as denominator
    from months
    cross join (
        values ('KRI-REG-SJ-UNAPPROVED', 'side_jobs'), ('KRI-REG-SJ-RELATION', 'side_jobs'),
            ('KRI-REG-GIFT-OVER50', 'gifts'), ('KRI-REG-GIFT-MONEY', 'gifts'),
            ('KRI-REG-GIFT-HOME', 'gifts'), ('KRI-REG-GIFT-SUPPLIER', 'gifts')
    ) as kinds (indicator_id, dataset)
    inner join register_ends
        on kinds.dataset = register_ends.dataset
        and months.month_start <= register_ends.last_day
),

final as (
    select * from event_rows
    union all by name
    select * from exposure
)

select *, null::double as score_sum, null::double as score_n from final
