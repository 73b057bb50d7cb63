-- Rows kept aside at ingest with the rule they broke. Key values are pseudonyms.
-- Grain: one row per broken rule per source row. Published (Datakwaliteit).
with

quarantine as (
    select * from stg_radar__quarantine
),

final as (
    select
        dataset,
        source_file,
        line,
        column_name,
        value,
        reason_code,
        reason,
        ingested_at
    from quarantine
)

select * from final
order by dataset, source_file, line, column_name
