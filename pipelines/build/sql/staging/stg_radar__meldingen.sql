-- Integrity reports (meldingen) from the integrity officer's store
-- (RADAR_HOME/meldingen.sqlite), only the columns that may be aggregated: no id, no free
-- text, not who registered it, not whom it concerns (the builder never loads about_role:
-- no mart breaks down by it). org_unit_id: the unit the report came from, when the
-- register knows it. acknowledge_by / feedback_by: the Wbk deadlines the store computed.
-- Grain: one row per report.
with

source as (
    select * from raw_radar__meldingen
),

final as (
    select
        cast(received_on as date) as received_on,
        cast(route as varchar) as route,
        cast(risk_ids as varchar[]) as risk_ids,
        cast(org_unit_id as varchar) as org_unit_id,
        cast(acknowledged_on as date) as acknowledged_on,
        cast(feedback_on as date) as feedback_on,
        cast(closed_on as date) as closed_on,
        cast(status as varchar) as status,
        cast(outcome as varchar) as outcome,
        cast(acknowledge_by as date) as acknowledge_by,
        cast(feedback_by as date) as feedback_by
    from source
)

select * from final
