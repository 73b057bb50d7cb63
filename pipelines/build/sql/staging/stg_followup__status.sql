-- The follow-up of person-level exceptions (pipelines/meldingen/followup.py, kept by the
-- integriteitsfunctionaris in meldingen.sqlite): per followed-up exception only its key
-- (rule, pseudonym, date, as report_code_exceptions has them) and whether it is closed.
-- Nothing else of the follow-up reaches the warehouse. Grain: one row per follow-up.
with

source as (
    select * from raw_followup__status
),

final as (
    select
        cast(rule_id as varchar) as rule_id,
        cast(employee_id as varchar) as employee_id,
        cast(occurred_on as date) as occurred_on,
        cast(is_closed as boolean) as is_closed
    from source
)

select * from final
