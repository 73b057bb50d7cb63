-- Suppliers (the creditor file). Grain: one row per supplier. A sole trader's name is a
-- person's name: is_sole_trader tells the models that show names which ones only the
-- roles that may see person-level exceptions may see.
with

source as (
    select * from raw_suppliers
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
)

select * from final
