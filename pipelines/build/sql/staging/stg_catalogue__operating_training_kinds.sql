-- The training kinds (trainings.kind) each training source of operating evidence counts,
-- from risks/settings.yaml (operating_evidence.sources.*.training_kinds). Grain: source x
-- training kind.
with

source as (
    select * from raw_catalogue__operating_training_kinds
),

final as (
    select
        cast(source as varchar) as source,
        cast(training_kind as varchar) as training_kind
    from source
)

select * from final
