-- Housing allocations (woningtoewijzingen). Grain: one row per allocation.
with

source as (
    select *, false as _dropped from raw_allocations
    union all by name
    -- a key a mapping's drop_rows left out of an export (a cancelled order): a row of
    -- that export that does not count (pipelines/ingest/dropped_keys.py)
    select key as allocation_id, _source_file, _content_hash, _ingested_at, _export_date,
        true as _dropped
    from raw_dropped_keys where dataset = 'allocations'
),

-- Exports overlap (year to date, corrected re-exports): per natural key only the rows
-- of the newest export count, newest by the export's own date (_export_date, from the
-- mapping; else the ingest time), ties by the later ingest, then file and content hash.
-- Rows of one export with the same key all stay, as the export has them.
newest as (
    select *
    from source
    qualify dense_rank() over (
        partition by allocation_id
        order by
            coalesce(cast(_export_date as timestamp), _ingested_at) desc,
            _ingested_at desc, _source_file desc, _content_hash desc
    ) = 1
),

final as (
    select
        allocation_id,
        allocated_on,
        dwelling_id,
        district,
        channel,
        cast(candidate_rank as integer) as candidate_rank,
        motivation_recorded as has_motivation_recorded,
        consultant_key as consultant_id,
        approver_key as approver_id,
        related_to_employee as is_related_to_employee,
        registration_date_modified as is_registration_date_modified,
        _ingested_at as ingested_at,
        _source_file as source_file
    from newest
    where not _dropped
)

select * from final
