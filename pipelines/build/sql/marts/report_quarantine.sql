-- Rows kept aside at ingest with the rule they broke. Key values are pseudonyms.
-- Grain: one row per broken rule per source line and cell. A wide survey export's line
-- gives one quarantine row per answer; when they broke the same rule in the same cell
-- (an unknown unit in the id column) they are one row here, rows_quarantined saying how
-- many answers it held back (quarantine keeps each). Published (Datakwaliteit).
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
        ingested_at,
        count(*) as rows_quarantined
    from quarantine
    group by all
)

select * from final
order by dataset, source_file, line, column_name
