-- HR counts kept only in aggregate. Grain: one row per org unit per month.
with

source as (
    select * from raw_hr_aggregates
),

-- Exports overlap (year to date, corrected re-exports): per natural key only the rows
-- of the newest export count, newest by the export's own date (_export_date, from the
-- mapping; else the ingest time), ties by the later ingest, then file and content hash.
-- Rows of one export with the same key all stay, as the export has them.
newest as (
    select *
    from source
    qualify dense_rank() over (
        partition by org_unit, month
        order by
            coalesce(cast(_export_date as timestamp), _ingested_at) desc,
            _ingested_at desc, _source_file desc, _content_hash desc
    ) = 1
),

final as (
    select
        cast(month as date) as month_start,
        org_unit as org_unit_id,
        cast(garnishment_count as integer) as garnishment_count,
        cast(social_worker_referrals as integer) as social_worker_referrals,
        -- whether the row's export has the column at all (_absent: the ones it lacks)
        not list_contains(string_split(coalesce(_absent, ''), ','), 'garnishment_count')
            as reports_garnishment_count,
        not list_contains(string_split(coalesce(_absent, ''), ','), 'social_worker_referrals')
            as reports_social_worker_referrals,
        _ingested_at as ingested_at,
        _source_file as source_file
    from newest
)

select * from final
