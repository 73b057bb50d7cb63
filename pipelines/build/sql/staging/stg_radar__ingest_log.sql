-- One row per ingested file, with its counts and what was recognised.
with

source as (
    select * from ingest_log
),

final as (
    select
        source_file,
        dataset,
        content_hash,
        rows_in,
        rows_loaded,
        rows_quarantined,
        ingested_at,
        export_date,
        file_format,
        encoding,
        delimiter,
        decimal_style,
        date_formats,
        mapping_file,
        notes,
        coalesce(status, 'geladen') as status
    from source
)

select * from final
