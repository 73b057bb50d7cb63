-- Operating-evidence ratings from risks/settings.yaml (operating_evidence), each with the
-- share of a control measure's effectiveness it takes off in the combining rule, next to
-- the open audit findings' penalties. Grain: one row per rating.
with

source as (
    select * from raw_catalogue__operating_ratings
),

final as (
    select
        cast(rating as varchar) as rating,
        cast(effectiveness_penalty as double) as effectiveness_penalty,
        cast(name_nl as varchar) as name_nl,
        cast(name_en as varchar) as name_en
    from source
)

select * from final
