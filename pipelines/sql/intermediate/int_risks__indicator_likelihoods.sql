-- The likelihood (1-5) each published indicator contributes to each risk it feeds: its
-- level's likelihood, at least flagged_min_likelihood when the unit is flagged against the
-- organisation; none when suppressed or without a level. Both the risk scores and their
-- explanation read this, so an explanation always matches its score.
-- Grain: risk x indicator x period x org unit.
with

protected as (
    select * from int_indicators__protected
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
        protected.indicator_id,
        protected.period_type,
        protected.period,
        protected.org_unit_id,
        protected.org_level,
        weights.weight,
        protected.is_suppressed,
        case
            when protected.is_suppressed or protected.level is null then null
            when protected.is_flagged
                then greatest(level_likelihood.likelihood, settings.flagged_min_likelihood)
            else level_likelihood.likelihood
        end as likelihood
    from protected
    inner join weights on protected.indicator_id = weights.indicator_id
    inner join risks on weights.risk_id = risks.risk_id
    left join level_likelihood on protected.level = level_likelihood.level
    cross join settings
    -- an aggregate-only risk (RF7) is never published below department level
    where not (risks.is_aggregate_only and protected.org_level = 'team')
)

select * from final
