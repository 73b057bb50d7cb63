-- Rows kept aside at ingest, one row per broken rule (keys already pseudonymised).
with

source as (
    select * from quarantine
),

final as (
    select
        dataset,
        source_file,
        line,
        "column" as column_name,
        value,
        reason_code,
        reason,
        content_hash,
        ingested_at
    from source
)

select * from final
