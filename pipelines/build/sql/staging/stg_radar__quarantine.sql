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
        ingested_at,
        -- the line's person as a pseudonym, where it has one, and an HR line's month
        -- (int_quality__unlinked_rows)
        person_key,
        person_month
    from source
)

select * from final
