-- The likelihood (1-5) each published indicator contributes to each risk it feeds: the
-- likelihood of its counted level (int_indicators__tested: a unit's own level past its
-- warn limit, groen otherwise), at least flagged_min_likelihood when it is flagged; none
-- when suppressed or without a level. A main indicator has at least the settings'
-- main_weight in that risk; it lifts its risk (is_lifting, int_risks__scores) when it is
-- flagged, or past its warn limit at a level worse than groen (past the limit but groen
-- by the thresholds is no finding to lift on). Both the risk scores and their
-- explanation read this, so an explanation always matches its score.
-- Grain: risk x indicator x period x org unit.
with

tested as (
    select * from int_indicators__tested
),

weights as (
    select * from stg_catalogue__indicator_weights
),

risks as (
    select * from stg_catalogue__risks
),

level_likelihood as (
    select * from stg_catalogue__level_likelihood
),

settings as (
    select * from stg_catalogue__settings
),

final as (
    select
        weights.risk_id,
        tested.indicator_id,
        tested.period_type,
        tested.period,
        tested.org_unit_id,
        tested.org_level,
        weights.weight,
        weights.weight >= settings.main_weight as is_main,
        tested.is_suppressed,
        not tested.is_suppressed and coalesce(tested.is_flagged, false) as is_flagged,
        weights.weight >= settings.main_weight
            and not tested.is_suppressed
            and (
                coalesce(tested.is_flagged, false)
                or (coalesce(tested.is_outside_warn, false) and tested.counted_level <> 'groen')
            ) as is_lifting,
        case
            when tested.is_suppressed or tested.counted_level is null then null
            when tested.is_flagged
                then greatest(level_likelihood.likelihood, settings.flagged_min_likelihood)
            else level_likelihood.likelihood
        end as likelihood
    from tested
    inner join weights on tested.indicator_id = weights.indicator_id
    inner join risks on weights.risk_id = risks.risk_id
    left join level_likelihood on tested.counted_level = level_likelihood.level
    cross join settings
    -- an aggregate-only risk (RF7) is never published below department level
    where not (risks.is_aggregate_only and tested.org_level = 'team')
)

select * from final
