-- Per ingested file: counts, what was recognised, and how many expectations failed.
-- Grain: one row per ingested file. Published (Datakwaliteit).
with

files as (
    select * from stg_radar__ingest_log
),

expectations as (
    select * from stg_radar__expectations
),

failed as (
    select
        content_hash,
        count(*) filter (where not is_success) as failed_expectations,
        count(*) as expectations
    from expectations
    group by content_hash
),

final as (
    select
        files.source_file,
        files.dataset,
        files.content_hash,
        files.ingested_at,
        -- the export's own date, as its mapping declares it: which export counts
        -- (helper-115: Datakwaliteit could not show it)
        files.export_date,
        files.rows_in,
        files.rows_loaded,
        files.rows_quarantined,
        files.file_format,
        files.encoding,
        files.delimiter,
        files.decimal_style,
        files.date_formats,
        files.mapping_file,
        files.notes,
        files.status,
        coalesce(failed.expectations, 0) as expectations,
        coalesce(failed.failed_expectations, 0) as failed_expectations
    from files
    left join failed on files.content_hash = failed.content_hash
)

select * from final
order by ingested_at desc, source_file
