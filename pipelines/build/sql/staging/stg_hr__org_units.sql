-- Organisation units from the newest export per unit. Grain: one row per unit.
with

source as (
    select * from raw_org_units
),

-- Exports overlap (year to date, corrected re-exports): per natural key only the rows
-- of the newest export count, newest by the export's own date (_export_date, from the
-- mapping; else the ingest time), ties by the later ingest, then file and content hash.
-- Rows of one export with the same key all stay, as the export has them.
newest as (
    select *
    from source
    qualify dense_rank() over (
        partition by org_unit
        order by
            coalesce(cast(_export_date as timestamp), _ingested_at) desc,
            _ingested_at desc, _source_file desc, _content_hash desc
    ) = 1
),

final as (
    select
        org_unit as org_unit_id,
        name as org_unit_name,
        -- the top named as its own parent (as some HR systems export it) has none
        nullif(parent_unit, org_unit) as parent_unit_id,
        level as org_level,
        _ingested_at as ingested_at,
        _source_file as source_file
    from newest
)

select * from final
