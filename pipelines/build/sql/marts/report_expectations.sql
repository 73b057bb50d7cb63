-- Every quality expectation per ingested file with its outcome.
-- Grain: one row per file per expectation. Published (Datakwaliteit).
with

expectations as (
    select * from stg_radar__expectations
),

final as (
    select
        source_file,
        dataset,
        expectation,
        column_name,
        reason_code,
        is_success,
        unexpected_count
    from expectations
)

select * from final
order by source_file, is_success, column_name
