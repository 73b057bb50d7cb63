-- HR counts kept only in aggregate. Grain: one row per org unit per month.
with

source as (
    select * from raw_hr_aggregates
),

final as (
    select
        cast(month as date) as month_start,
        org_unit as org_unit_id,
        cast(garnishment_count as integer) as garnishment_count,
        cast(social_worker_referrals as integer) as social_worker_referrals,
        _ingested_at as ingested_at,
        _source_file as source_file
    from source
)

select * from final
