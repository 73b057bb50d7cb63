-- Integrity trainings and dilemma sessions held. Grain: one row per session as the
-- export has it (two sessions of one kind on one day in one unit are two rows).
with

source as (
    select * from raw_trainings
),

-- Exports overlap (year to date, corrected re-exports): per natural key only the rows
-- of the newest export count, newest by the export's own date (_export_date, from the
-- mapping; else the ingest time), ties by the later ingest, then file and content hash.
-- Rows of one export with the same key all stay, as the export has them.
newest as (
    select *
    from source
    qualify dense_rank() over (
        partition by held_on, org_unit, kind
        order by
            coalesce(cast(_export_date as timestamp), _ingested_at) desc,
            _ingested_at desc, _source_file desc, _content_hash desc
    ) = 1
),

final as (
    select
        cast(held_on as date) as held_on,
        org_unit as org_unit_id,
        kind as training_kind,
        cast(invited_n as integer) as invited_n,
        cast(attended_n as integer) as attended_n,
        _ingested_at as ingested_at,
        _source_file as source_file
    from newest
)

select * from final
