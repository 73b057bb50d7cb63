-- Every integrity report once, with the published groups it falls in: its quarter of
-- receipt, its risk category (the category of the risks it touches: 'meerdere' when they
-- lie in more than one, 'geen' when it touches none, so the categories partition the
-- quarter's reports and add up to its total like the routes and outcomes do), its route
-- (the RvC and its chair together: the policy sends only reports about the bestuurder, one
-- person, to the RvC, so that route on its own would be a breakdown by that person;
-- risks/meldingen.yaml single_person), its outcome ('open' while not closed,
-- 'zonder_uitkomst' closed without one), and how its two Wbk deadlines went, as of the
-- build: 'op_tijd', 'te_laat' (done after the deadline, or not done and the deadline
-- passed) or 'lopend' (not done, deadline not passed yet). Grain: one row per report.
with

meldingen as (
    select * from stg_radar__meldingen
),

risks as (
    select * from stg_catalogue__risks
),

numbered as (
    select row_number() over (order by received_on, route) as report_number, *
    from meldingen
),

categories as (
    select
        numbered.report_number,
        count(distinct risks.category) as n_categories,
        min(risks.category) as category
    from numbered
    left join risks on list_contains(numbered.risk_ids, risks.risk_id)
    group by all
),

final as (
    select
        strftime(numbered.received_on, '%Y') || '-Q' || quarter(numbered.received_on)
            as period,
        case
            when categories.n_categories = 0 then 'geen'
            when categories.n_categories = 1 then categories.category
            else 'meerdere'
        end as category_group,
        case when numbered.route in ('rvc', 'rvc_voorzitter') then 'rvc' else numbered.route end
            as route_group,
        case
            when numbered.outcome is not null then numbered.outcome
            when numbered.closed_on is not null or numbered.status = 'afgesloten'
                then 'zonder_uitkomst'
            else 'open'
        end as outcome_group,
        case
            when numbered.acknowledged_on is not null
                and numbered.acknowledged_on <= numbered.acknowledge_by then 'op_tijd'
            when numbered.acknowledged_on is not null or numbered.acknowledge_by < current_date
                then 'te_laat'
            else 'lopend'
        end as acknowledge_state,
        case
            when numbered.feedback_on is not null
                and numbered.feedback_on <= numbered.feedback_by then 'op_tijd'
            when numbered.feedback_on is not null or numbered.feedback_by < current_date
                then 'te_laat'
            else 'lopend'
        end as feedback_state
    from numbered
    inner join categories on numbered.report_number = categories.report_number
    where numbered.received_on is not null
)

select * from final
