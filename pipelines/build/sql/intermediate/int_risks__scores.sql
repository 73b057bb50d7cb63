-- Per risk, period and org unit: the observed likelihood from the likelihoods its
-- published indicators contribute (int_risks__indicator_likelihoods), and the register's
-- side: inherent score, control effectiveness, expected residual; then the observed score
-- and the assurance gap. A risk without control measures in the register has control
-- effectiveness 0 (nothing controls it). Grain: risk x period x org unit.
--
-- The observed likelihood neither dilutes nor invents (README, Scoring):
-- - coverage is the share of the risk's indicator weight (all its indicators in the
--   catalogue) that has a likelihood here;
-- - without a main indicator observed, or under min_coverage, there is too little
--   evidence: no number, score_rule 'onvoldoende_gegevens' ('onderdrukt' when nothing is
--   observed because everything is suppressed);
-- - otherwise the weighted mean of the likelihoods, capped at the highest likelihood of
--   a main indicator (a supporting signal never sets the score): 'gewogen_gemiddelde',
--   or 'begrensd' when the cap applies;
-- - a main indicator that is flagged, or past its warn limit at a level worse than groen
--   (is_lifting, int_risks__indicator_likelihoods), lifts the risk to its own likelihood
--   whatever the others say and whatever the coverage: 'opgetild' when that raises it, or
--   when without it there would be too little evidence for a number. A unit's indicator
--   counts worse than groen only past its warn limit (int_indicators__tested), so this
--   lifts exactly the evidence the test found.
with

indicator_likelihoods as (
    select * from int_risks__indicator_likelihoods
),

weights as (
    select * from stg_catalogue__indicator_weights
),

risks as (
    select * from int_register__risks
),

controls as (
    select distinct risk_id, control_effectiveness from int_risks__control_effectiveness
),

settings as (
    select * from stg_catalogue__settings
),

catalogue_weight as (
    select risk_id, sum(weight) as weight_total from weights group by all
),

observed as (
    select
        risk_id, period_type, period, org_unit_id, org_level,
        -- rounded to 8 decimals before it is compared and rounded to a level: two
        -- weights of 0.3 at 3 and 4 are a mean of 3.5 (likelihood 4), 3.4999999999999996
        -- in doubles (3); and summed in no fixed order a sum differs in its last bits
        round(
            sum(weight * likelihood)
            / nullif(sum(weight) filter (where likelihood is not null), 0),
            8
        ) as weighted_mean,
        max(likelihood) filter (where is_main) as main_max,
        max(likelihood) filter (where is_lifting) as lift,
        coalesce(sum(weight) filter (where likelihood is not null), 0) as weight_observed,
        count(likelihood) as indicators_used,
        count(*) filter (where is_suppressed) as indicators_suppressed
    from indicator_likelihoods
    group by all
),

evidence as (
    select
        observed.*,
        round(observed.weight_observed / catalogue_weight.weight_total, 8) as coverage,
        observed.main_max is not null
            and round(observed.weight_observed / catalogue_weight.weight_total, 8)
            >= settings.min_coverage as is_enough,
        least(observed.weighted_mean, observed.main_max) as capped
    from observed
    inner join catalogue_weight on observed.risk_id = catalogue_weight.risk_id
    cross join settings
),

ruled as (
    select
        evidence.*,
        case
            when evidence.lift is not null then greatest(coalesce(evidence.capped, 0), evidence.lift)
            when evidence.is_enough then evidence.capped
        end as observed_likelihood_exact,
        case
            when evidence.lift is not null
                and (evidence.lift > coalesce(evidence.capped, 0) or not evidence.is_enough)
                then 'opgetild'
            when evidence.lift is null and not evidence.is_enough
                and evidence.indicators_used = 0 and evidence.indicators_suppressed > 0
                then 'onderdrukt'
            when evidence.lift is null and not evidence.is_enough then 'onvoldoende_gegevens'
            when evidence.weighted_mean > evidence.main_max then 'begrensd'
            else 'gewogen_gemiddelde'
        end as score_rule
    from evidence
),

final as (
    select
        ruled.risk_id,
        ruled.period_type,
        ruled.period,
        ruled.org_unit_id,
        ruled.org_level,
        ruled.observed_likelihood_exact,
        cast(round(ruled.observed_likelihood_exact) as integer) as observed_likelihood,
        ruled.weighted_mean,
        ruled.coverage,
        ruled.score_rule,
        coalesce(controls.control_effectiveness, 0) as control_effectiveness,
        risks.impact * risks.inherent_likelihood as inherent_score,
        risks.impact * risks.inherent_likelihood
        * (1 - coalesce(controls.control_effectiveness, 0)) as expected_residual,
        -- the likelihood the register expects after its measures (expected residual over
        -- impact): where the risk map's arrow starts
        risks.inherent_likelihood
        * (1 - coalesce(controls.control_effectiveness, 0)) as expected_likelihood,
        risks.impact * cast(round(ruled.observed_likelihood_exact) as integer)
            as observed_score,
        risks.appetite_max_residual,
        ruled.indicators_used,
        ruled.indicators_suppressed,
        ruled.score_rule = 'onderdrukt' as is_suppressed
    from ruled
    inner join risks on ruled.risk_id = risks.risk_id
    left join controls on ruled.risk_id = controls.risk_id
)

select
    final.*,
    final.observed_score - final.expected_residual as assurance_gap,
    case
        when final.observed_score is null or final.expected_residual is null then null
        when final.observed_score - final.expected_residual >= settings.gap_rood then 'rood'
        when final.observed_score - final.expected_residual >= settings.gap_oranje then 'oranje'
        else 'groen'
    end as level
from final
cross join settings
