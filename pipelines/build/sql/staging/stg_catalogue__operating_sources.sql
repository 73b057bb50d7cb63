-- The operating-evidence sources from risks/settings.yaml (operating_evidence): per control
-- measure the source whose data shows it operates, its kind (training, feedback_360,
-- register_reviews) and the rating rule's settings. Grain: one row per control measure
-- with operating evidence.
with

source as (
    select * from raw_catalogue__operating_sources
),

final as (
    select
        cast(source as varchar) as source,
        cast(source_kind as varchar) as source_kind,
        cast(control_measure_id as varchar) as control_measure_id,
        cast(window_months as integer) as window_months,
        cast(werkt_min_share as double) as werkt_min_share,
        cast(deels_min_share as double) as deels_min_share,
        cast(unit_level as varchar) as unit_level,
        cast(min_attendance as double) as min_attendance
    from source
)

select * from final
