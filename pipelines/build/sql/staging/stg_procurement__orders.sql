-- PLACEHOLDER until g18-data's staging model lands (take theirs on merge): the columns
-- of the shared interface (/tmp/iface18.md), no rows. Grain: order.
select
    null::varchar as order_id,
    null::date as ordered_on,
    null::varchar as supplier_id,
    null::double as amount_eur,
    null::varchar as org_unit_id,
    null::varchar as procedure,
    null::integer as quotes_count,
    null::varchar as contract_id,
    null::boolean as has_unit_price_contract,
    null::varchar as requester_id,
    null::varchar as approver_id,
    null::timestamp as ingested_at,
    null::varchar as source_file
where false
