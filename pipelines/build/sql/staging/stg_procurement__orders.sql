-- Purchase orders and invoices. Grain: one row per order.
with

source as (
    select *, false as _dropped from raw_procurement
    union all by name
    -- a key a mapping's drop_rows left out of an export (a cancelled order): a row of
    -- that export that does not count (pipelines/ingest/dropped_keys.py)
    select key as order_id, _source_file, _content_hash, _ingested_at, _export_date,
        true as _dropped
    from raw_dropped_keys where dataset = 'procurement'
),

-- Exports overlap (year to date, corrected re-exports): per natural key only the rows
-- of the newest export count, newest by the export's own date (_export_date, from the
-- mapping; else the ingest time), ties by the later ingest, then file and content hash.
-- Rows of one export with the same key all stay, as the export has them.
newest as (
    select *
    from source
    qualify dense_rank() over (
        partition by order_id
        order by
            coalesce(cast(_export_date as timestamp), _ingested_at) desc,
            _ingested_at desc, _source_file desc, _content_hash desc
    ) = 1
),

final as (
    select
        order_id,
        cast(ordered_on as date) as ordered_on,
        supplier_id,
        cast(amount_eur as double) as amount_eur,
        org_unit as org_unit_id,
        procedure,
        cast(quotes_count as integer) as quotes_count,
        contract_id,
        unit_price_contract as has_unit_price_contract,
        requester_key as requester_id,
        approver_key as approver_id,
        _ingested_at as ingested_at,
        _source_file as source_file
    from newest
    where not _dropped
)

select * from final
