-- Suppliers (the creditor file). Grain: one row per supplier. A sole trader's name is a
-- person's name: is_sole_trader tells the models that show names which ones only the
-- roles that may see person-level exceptions may see.
with

source as (
    select *, false as _dropped from raw_suppliers
    union all by name
    -- a key a mapping's drop_rows left out of an export (a cancelled order): a row of
    -- that export that does not count (pipelines/ingest/dropped_keys.py)
    select key as supplier_id, _source_file, _content_hash, _ingested_at, _export_date,
        true as _dropped
    from raw_dropped_keys where dataset = 'suppliers'
),

-- Exports overlap (year to date, corrected re-exports): per natural key only the rows
-- of the newest export count, newest by the export's own date (_export_date, from the
-- mapping; else the ingest time), ties by the later ingest, then file and content hash.
-- Rows of one export with the same key all stay, as the export has them.
newest as (
    select *
    from source
    qualify dense_rank() over (
        partition by supplier_id
        order by
            coalesce(cast(_export_date as timestamp), _ingested_at) desc,
            _ingested_at desc, _source_file desc, _content_hash desc
    ) = 1
),

final as (
    select
        supplier_id,
        name as supplier_name,
        lower(legal_form) as legal_form,
        coalesce(lower(legal_form) = 'eenmanszaak', false) as is_sole_trader,
        cast(first_order_on as date) as first_order_on,
        cast(bank_account_changed_on as date) as bank_account_changed_on,
        related_to_employee as is_related_to_employee,
        _ingested_at as ingested_at,
        _source_file as source_file
    from newest
    where not _dropped
)

select * from final
