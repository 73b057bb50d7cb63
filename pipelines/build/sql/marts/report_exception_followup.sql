-- Follow-up of the person-level exceptions, as counts for the DT: per risk the code
-- exceptions (report_code_exceptions, one per rule, pseudonym and date: the key the
-- follow-up uses) that are still open and that were closed, for the whole organisation
-- and all periods together. No unit, period, rule or person: the organisation's totals
-- are already what report_indicators shows at organisation level, so the split into open
-- and closed says nothing about a unit or a person and adds no cell to the differencing
-- search. An exception counts under every risk its rule names (risks/code_rules.yaml).
-- Grain: one row per risk that has a code rule.
with

exceptions as (
    select distinct rule_id, employee_id, cast(occurred_on as date) as occurred_on
    from report_code_exceptions
),

status as (
    select * from stg_followup__status
),

-- the rules that give person-level exceptions (gifts, side jobs, the company car's
-- kilometres): every rule but the policy's own review, which concerns no person
rule_risks as (
    select rule_id, unnest(risk_ids) as risk_id
    from stg_catalogue__code_rules
    where check_name <> 'policy_review_interval'
),

risks as (
    select risk_id, category_order from dim_risks
),

per_exception as (
    select
        exceptions.rule_id,
        coalesce(status.is_closed, false) as is_closed
    from exceptions
    left join status
        on exceptions.rule_id = status.rule_id
        and exceptions.employee_id = status.employee_id
        and exceptions.occurred_on = status.occurred_on
),

final as (
    select
        rule_risks.risk_id,
        count(per_exception.rule_id) filter (where not per_exception.is_closed) as open_count,
        count(per_exception.rule_id) filter (where per_exception.is_closed) as closed_count
    from rule_risks
    left join per_exception on rule_risks.rule_id = per_exception.rule_id
    group by rule_risks.risk_id
)

select final.*
from final
left join risks on final.risk_id = risks.risk_id
order by risks.category_order, final.risk_id
