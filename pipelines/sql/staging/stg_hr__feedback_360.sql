-- Managers' 360-degree feedback on integrity. Grain: one row per manager per period.
with

source as (
    select * from raw_feedback_360
),

final as (
    select
        manager_key as manager_id,
        period as period_start,
        integrity_score,
        cast(n_raters as integer) as n_raters,
        _ingested_at as ingested_at,
        _source_file as source_file
    from source
)

select * from final
