-- The outcome of every quality expectation on every ingested file.
with

source as (
    select * from ingest_expectations
),

final as (
    select
        source_file,
        content_hash,
        dataset,
        expectation,
        "column" as column_name,
        reason_code,
        success as is_success,
        unexpected_count
    from source
)

select * from final
