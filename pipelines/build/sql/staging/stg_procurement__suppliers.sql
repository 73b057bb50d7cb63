-- PLACEHOLDER until g18-data's staging model lands (take theirs on merge): the columns
-- of the shared interface (/tmp/iface18.md), no rows. Grain: supplier.
select
    null::varchar as supplier_id,
    null::varchar as supplier_name,
    null::varchar as legal_form,
    null::boolean as is_sole_trader,
    null::date as first_order_on,
    null::date as bank_account_changed_on,
    null::boolean as is_related_to_employee,
    null::timestamp as ingested_at,
    null::varchar as source_file
where false
