-- Managers' 360-degree feedback on integrity. Grain: one row per manager per period.
with

source as (
    select * from raw_feedback_360
),

-- Exports overlap (year to date, corrected re-exports): per natural key only the rows
-- of the newest export count, newest by the export's own date (_export_date, from the
-- mapping; else the ingest time), ties by the later ingest, then file and content hash.
-- Rows of one export with the same key all stay, as the export has them.
newest as (
    select *
    from source
    qualify dense_rank() over (
        partition by manager_key, period
        order by
            coalesce(cast(_export_date as timestamp), _ingested_at) desc,
            _ingested_at desc, _source_file desc, _content_hash desc
    ) = 1
),

final as (
    select
        manager_key as manager_id,
        period as period_start,
        integrity_score,
        cast(n_raters as integer) as n_raters,
        _ingested_at as ingested_at,
        _source_file as source_file
    from newest
)

select * from final
