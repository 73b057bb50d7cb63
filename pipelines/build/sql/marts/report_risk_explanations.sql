-- Why a risk scores what it scores: per risk, period and unit, each indicator with its
-- weight (main or supporting), value, n, thresholds, level, the test against the
-- organisation (kind, p-value, the alarm limit on the bad side, flag, past the warn
-- limit), the level counted and the likelihood it contributed. The score's own rule and
-- coverage are in report_risk_scores.
-- Grain: risk x period x org unit x indicator. Published.
with

likelihoods as (
    select * from int_risks__indicator_likelihoods
),

tested as (
    select * from int_indicators__tested
),

indicators as (
    select * from stg_catalogue__indicators
),

final as (
    select
        likelihoods.risk_id,
        likelihoods.period_type,
        likelihoods.period,
        likelihoods.org_unit_id,
        likelihoods.indicator_id,
        indicators.indicator_name_nl,
        indicators.indicator_name_en,
        indicators.unit,
        likelihoods.weight,
        case when tested.is_suppressed then null else tested.value end as value,
        case when tested.is_suppressed then null else tested.n end as n,
        case when tested.is_suppressed then null else tested.org_value end as org_value,
        indicators.amber_threshold,
        indicators.red_threshold,
        indicators.direction,
        case when tested.is_suppressed then null else tested.level end as level,
        case when tested.is_suppressed then null else tested.counted_level end as counted_level,
        case when tested.is_suppressed then null else tested.test_kind end as test_kind,
        case when tested.is_suppressed then null else tested.p_value end as p_value,
        case when tested.is_suppressed then null else tested.alpha_alarm_each end
            as alpha_alarm_each,
        -- the alarm limit on the bad side, in the indicator's units
        case
            when tested.is_suppressed then null
            when indicators.direction = 'higher_is_worse' then tested.upper_alarm
            else tested.lower_alarm
        end as alarm_limit,
        case when tested.is_suppressed then null else tested.is_flagged end as flagged,
        -- past the warn limit (flagged or not): a main indicator then lifts its risk
        case when tested.is_suppressed then null else tested.is_outside_warn end as past_warn,
        likelihoods.is_main,
        likelihoods.likelihood,
        likelihoods.is_suppressed as suppressed
    from likelihoods
    inner join tested
        on likelihoods.indicator_id = tested.indicator_id
        and likelihoods.period_type = tested.period_type
        and likelihoods.period = tested.period
        and likelihoods.org_unit_id = tested.org_unit_id
    inner join indicators on likelihoods.indicator_id = indicators.indicator_id
)

select * from final
order by risk_id, period_type, period, org_unit_id, indicator_id
