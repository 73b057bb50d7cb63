-- Each published indicator cell tested against the organisation (README, Scoring;
-- Spiegelhalter's funnel plots), from int_indicators__protected. Counts and shares of
-- events are held against the REST of the organisation (the organisation without the
-- unit, so a unit with most of the organisation's events is not tested against itself),
-- with the exact conditional tests, which need no guess when the rest has none:
-- - test_kind exact_poisson (counts of events: registers, exits): given the C events of
--   the unit and the rest, under equal rates the unit's count is Binomial(C, q), q the
--   unit's share of the exposure (Przyborowski and Wilenski 1940); a stock counted every
--   month (rate_per month) is tested on its monthly average, over real counts (the
--   incomplete beta function);
-- - exact_binomial (shares of allocations and orders): Fisher's exact test, the unit's x
--   of n against the rest's r of m (hypergeometric given both margins);
-- - the organisation row, and a unit with no rest (its exposure is the organisation's),
--   are not tested;
-- - overdispersed_binomial (shares measured per person: survey answers, HR shares) and
--   normal (means): the sampling variance from the spread between the organisation's
--   people (int_indicators__subject_spread), plus the spread between healthy units
--   (overdispersion, additive random effects: tau2 from the units' winsorised z-scores,
--   per indicator, kind of period and org level, over the period and the ones before). A
--   share is then tested as a binomial over the effective number of answers that
--   variance gives (its tail skewed as a small share's is); a mean by its z-score.
-- Only published (not suppressed) cells are tested and only they go into tau2, so tau2
-- says nothing of a suppressed cell (the between-person spread is the whole
-- organisation's: README, Privacy). p_value is the one-sided chance, in the
-- bad direction, of a value at least this bad if the unit were like the organisation. A
-- unit and period shares the settings' alpha_warn and alpha_alarm over the indicators
-- tested there (Bonferroni: m tests, each at alpha / m): past the warn limit
-- is_outside_warn, past the alarm limit is_flagged. The limits are in the indicator's
-- own units. counted_level is the level the risks count: the unit's own past its warn
-- limit, groen otherwise (a small unit's bad luck is not a finding, and neither is what
-- the whole organisation shares: that is the organisation's own row, which counts its own
-- level; issue 14). Grain: indicator x period x org unit.
with

protected as (
    select * from int_indicators__protected
),

settings as (
    select * from stg_catalogue__settings
),

-- The organisation's own numerator and exposure, for the rest of it, and whether its cell
-- is published. Grain: indicator x period.
organisation as (
    select
        indicator_id, period_type, period,
        numerator as org_numerator,
        denominator as org_denominator,
        is_suppressed as is_org_suppressed
    from protected
    where org_level = 'organisatie'
),

-- A unit is compared only with what is published: where the organisation's own cell is
-- suppressed (README, Privacy: complementary suppression can hide it), no unit of that
-- indicator and period is tested and none shows the organisation's value, since a test's
-- p-value and limits (and org_value) would give the hidden numerator and denominator
-- back.
leveled as (
    select
        protected.* exclude (is_testable),
        protected.is_testable and not protected.is_suppressed
            and not coalesce(organisation.is_org_suppressed, false) as is_testable,
        coalesce(organisation.is_org_suppressed, false) as is_org_suppressed
    from protected
    left join organisation
        on protected.indicator_id = organisation.indicator_id
        and protected.period_type = organisation.period_type
        and protected.period = organisation.period
),

-- The per-person tests' raw z-scores, for the spread between units. Grain: indicator x
-- period x org unit (testable cells of kind normal and overdispersed_binomial).
raw_z as (
    select
        indicator_id, period_type, org_level, period, org_unit_id,
        (ratio - org_ratio) / sampling_se as z0,
        1 / (sampling_se * sampling_se) as w
    from leveled
    where is_testable and test_kind in ('normal', 'overdispersed_binomial') and sampling_se > 0
),

-- tau2 for a period is estimated from that period and the ones before it, never from
-- later ones: a quarter's flags do not change when the next quarter comes in (the RvC
-- snapshot of a quarter keeps agreeing with the dashboard). Grain: indicator x period x
-- org level, with every cell of that period or before.
pooled as (
    select
        tested_period.indicator_id, tested_period.period_type, tested_period.org_level,
        tested_period.period, raw_z.period as cell_period, raw_z.org_unit_id, raw_z.z0, raw_z.w
    from (select distinct indicator_id, period_type, org_level, period from raw_z)
        as tested_period
    inner join raw_z
        on tested_period.indicator_id = raw_z.indicator_id
        and tested_period.period_type = raw_z.period_type
        and tested_period.org_level = raw_z.org_level
        and raw_z.period <= tested_period.period
),

-- The winsor bounds: the z-scores' lower and upper overdispersion_winsor quantiles,
-- interpolated between the sorted values (ties and all), as quantile_cont would.
z_sorted as (
    select
        pooled.indicator_id, pooled.period_type, pooled.org_level, pooled.period,
        list_sort(list(pooled.z0)) as zs,
        count(*) as cells,
        any_value(settings.overdispersion_winsor) * (count(*) - 1) as low_at,
        (1 - any_value(settings.overdispersion_winsor)) * (count(*) - 1) as high_at
    from pooled
    cross join settings
    group by all
),

z_bounds as (
    select
        indicator_id, period_type, org_level, period, cells,
        zs[cast(floor(low_at) as bigint) + 1] + (low_at - floor(low_at)) * (
            zs[least(cast(floor(low_at) as bigint) + 2, cells)]
            - zs[cast(floor(low_at) as bigint) + 1]
        ) as z_low,
        zs[cast(floor(high_at) as bigint) + 1] + (high_at - floor(high_at)) * (
            zs[least(cast(floor(high_at) as bigint) + 2, cells)]
            - zs[cast(floor(high_at) as bigint) + 1]
        ) as z_high
    from z_sorted
),

-- What winsorising does to a mean squared z when there is no overdispersion: with
-- share q pulled in at each end (to c, the normal's upper q point), E[z_w^2] =
-- (1 - 2q) - 2 c phi(c) + 2 q c^2 for a standard normal z (0.68 for q = 0.10). Dividing
-- by it makes phi 1 for units that vary as sampling explains, as it should be.
winsor_factor as (
    select
        case
            when q = 0 then 1.0
            else (1 - 2 * q) - 2 * c * exp(-c * c / 2) / sqrt(2 * pi()) + 2 * q * c * c
        end as factor
    from (
        select overdispersion_winsor as q, norm_quantile_upper(overdispersion_winsor) as c
        from settings
    )
),

-- Additive random effects (DerSimonian-Laird on the winsorised z-scores): phi is the
-- mean squared z (corrected for the winsorising), tau2 the between-unit variance of the
-- ratio beyond sampling; 0 when the units vary no more than sampling explains, and 0 with
-- fewer than overdispersion_min_cells cells to estimate it from (too few to tell spread
-- from chance). Its sums run over the cells in one fixed order (period, unit): summed in
-- parallel, in no fixed order, tau2 differed in its last bits between two builds of the
-- same data, and so did every z and p after it. Grain: indicator x period x org level.
overdispersion as (
    select
        pooled.indicator_id, pooled.period_type, pooled.org_level, pooled.period,
        case when any_value(z_bounds.cells) < any_value(settings.overdispersion_min_cells)
            then 0
            else greatest(
                0,
                (
                    count(*)
                    * avg(
                        power(least(greatest(pooled.z0, z_bounds.z_low), z_bounds.z_high), 2)
                        order by pooled.cell_period, pooled.org_unit_id
                    )
                    / any_value(coalesce(nullif(winsor_factor.factor, 0), 1))
                    - (count(*) - 1)
                ) / nullif(sum(pooled.w order by pooled.cell_period, pooled.org_unit_id)
                    - sum(pooled.w * pooled.w order by pooled.cell_period, pooled.org_unit_id)
                    / sum(pooled.w order by pooled.cell_period, pooled.org_unit_id), 0)
            )
        end as tau2
    from pooled
    inner join z_bounds
        on pooled.indicator_id = z_bounds.indicator_id
        and pooled.period_type = z_bounds.period_type
        and pooled.org_level = z_bounds.org_level
        and pooled.period = z_bounds.period
    cross join winsor_factor
    cross join settings
    group by all
),

tested as (
    select
        leveled.*,
        coalesce(overdispersion.tau2, 0) as tau2,
        case when leveled.test_kind in ('normal', 'overdispersed_binomial')
            then sqrt(leveled.sampling_se * leveled.sampling_se + coalesce(overdispersion.tau2, 0))
        end as test_se,
        -- the unit and the rest of the organisation, for the exact tests (a count on the
        -- scale it is tested on: a stock's monthly average)
        leveled.numerator / leveled.count_divisor as test_count,
        greatest(organisation.org_numerator - leveled.numerator, 0) / leveled.count_divisor
            as rest_count,
        organisation.org_denominator - leveled.denominator as rest_exposure,
        leveled.denominator / nullif(organisation.org_denominator, 0) as exposure_share,
        -- a unit whose exposure is (to rounding) the whole organisation's has no rest
        organisation.org_denominator - leveled.denominator
            > 1e-9 * organisation.org_denominator as has_rest
    from leveled
    left join organisation
        on leveled.indicator_id = organisation.indicator_id
        and leveled.period_type = organisation.period_type
        and leveled.period = organisation.period
    left join overdispersion
        on leveled.indicator_id = overdispersion.indicator_id
        and leveled.period_type = overdispersion.period_type
        and leveled.org_level = overdispersion.org_level
        and leveled.period = overdispersion.period
),

-- An overdispersed share's variance (test_se squared) as the number of answers a plain
-- binomial with the organisation's share would need to vary that much (Kish's effective
-- sample size): its tail is skewed as a small share's is, where a normal one is not.
effective as (
    select
        tested.*,
        case when tested.test_kind = 'overdispersed_binomial' and tested.test_se > 0
            then tested.org_ratio * (1 - tested.org_ratio) / (tested.test_se * tested.test_se)
        end as effective_n
    from tested
),

p_values as (
    select
        effective.*,
        case
            when effective.is_testable and effective.test_se > 0
                then (effective.ratio - effective.org_ratio) / effective.test_se
        end as z,
        case
            when not effective.is_testable then null
            when effective.test_kind in ('exact_poisson', 'exact_binomial')
                and not coalesce(effective.has_rest, false) then null
            -- x of C = x + r events in the unit, Binomial(C, q) (real counts: a stock)
            when effective.test_kind = 'exact_poisson' and effective.direction = 'higher_is_worse'
                then binomc_p_upper(
                    effective.test_count, effective.test_count + effective.rest_count,
                    effective.exposure_share
                )
            when effective.test_kind = 'exact_poisson'
                then binomc_p_lower(
                    effective.test_count, effective.test_count + effective.rest_count,
                    effective.exposure_share
                )
            when effective.test_kind = 'exact_binomial' and effective.direction = 'higher_is_worse'
                then fisher_p_upper(
                    effective.numerator, effective.denominator, effective.rest_count,
                    effective.rest_exposure
                )
            when effective.test_kind = 'exact_binomial'
                then fisher_p_lower(
                    effective.numerator, effective.denominator, effective.rest_count,
                    effective.rest_exposure
                )
            when effective.test_kind = 'overdispersed_binomial' and effective.direction = 'higher_is_worse'
                then binomc_p_upper(
                    effective.ratio * effective.effective_n, effective.effective_n, effective.org_ratio
                )
            when effective.test_kind = 'overdispersed_binomial'
                then binomc_p_lower(
                    effective.ratio * effective.effective_n, effective.effective_n, effective.org_ratio
                )
            when effective.test_se > 0 and effective.direction = 'higher_is_worse'
                then norm_p_upper((effective.ratio - effective.org_ratio) / effective.test_se)
            when effective.test_se > 0
                then norm_p_upper((effective.org_ratio - effective.ratio) / effective.test_se)
        end as p_value
    from effective
),

-- Bonferroni: each unit and period has m tests, each at alpha / m.
shared as (
    select
        p_values.*,
        count(p_values.p_value) over (
            partition by p_values.org_unit_id, p_values.period_type, p_values.period
        ) as tests_in_unit,
        settings.alpha_warn / nullif(count(p_values.p_value) over (
            partition by p_values.org_unit_id, p_values.period_type, p_values.period
        ), 0) as alpha_warn_each,
        settings.alpha_alarm / nullif(count(p_values.p_value) over (
            partition by p_values.org_unit_id, p_values.period_type, p_values.period
        ), 0) as alpha_alarm_each
    from p_values
    cross join settings
),

-- The limits in the indicator's own units, once for the warn and once for the alarm
-- chance: the count from which (upper) or up to which (lower) a tested unit is past the
-- limit, shown as the value it would give; for the exact tests the count of the unit
-- from which the same test would flag, the rest's count held as it is. Grain: indicator
-- x period x org unit x limit.
limit_pairs as (
    select
        shared.indicator_id, shared.period_type, shared.period, shared.org_unit_id,
        chance.kind,
        case shared.test_kind
            when 'normal' then shared.value_factor
                * (shared.org_ratio - norm_quantile_upper(chance.alpha) * shared.test_se)
            when 'overdispersed_binomial' then shared.value_factor
                * binomc_limit_lower(shared.effective_n, shared.org_ratio, chance.alpha)
                / nullif(shared.effective_n, 0)
            when 'exact_poisson' then shared.value_factor * shared.count_divisor
                * case
                    when shared.count_divisor > 1 then poisson_condc_limit_lower(
                        shared.rest_count, shared.exposure_share, chance.alpha
                    )
                    else poisson_cond_limit_lower(
                        shared.rest_count, shared.exposure_share, chance.alpha
                    )
                end
                / nullif(shared.denominator, 0)
            when 'exact_binomial' then shared.value_factor
                * fisher_limit_lower(
                    shared.denominator, shared.rest_count, shared.rest_exposure, chance.alpha
                )
                / nullif(shared.denominator, 0)
        end as lower_limit,
        case shared.test_kind
            when 'normal' then shared.value_factor
                * (shared.org_ratio + norm_quantile_upper(chance.alpha) * shared.test_se)
            when 'overdispersed_binomial' then shared.value_factor
                * binomc_limit_upper(shared.effective_n, shared.org_ratio, chance.alpha)
                / nullif(shared.effective_n, 0)
            when 'exact_poisson' then shared.value_factor * shared.count_divisor
                * case
                    when shared.count_divisor > 1 then poisson_condc_limit_upper(
                        shared.rest_count, shared.exposure_share, chance.alpha
                    )
                    else poisson_cond_limit_upper(
                        shared.rest_count, shared.exposure_share, chance.alpha
                    )
                end
                / nullif(shared.denominator, 0)
            when 'exact_binomial' then shared.value_factor
                * fisher_limit_upper(
                    shared.denominator, shared.rest_count, shared.rest_exposure, chance.alpha
                )
                / nullif(shared.denominator, 0)
        end as upper_limit
    from shared
    cross join lateral (
        values ('warn', shared.alpha_warn_each), ('alarm', shared.alpha_alarm_each)
    ) as chance (kind, alpha)
    -- only tested cells have limits
    where shared.p_value is not null
),

limit_values as (
    select
        indicator_id, period_type, period, org_unit_id,
        any_value(lower_limit) filter (where kind = 'warn') as lower_warn,
        any_value(upper_limit) filter (where kind = 'warn') as upper_warn,
        any_value(lower_limit) filter (where kind = 'alarm') as lower_alarm,
        any_value(upper_limit) filter (where kind = 'alarm') as upper_alarm
    from limit_pairs
    group by all
),

limits as (
    select
        shared.*,
        limit_values.lower_warn,
        limit_values.upper_warn,
        limit_values.lower_alarm,
        limit_values.upper_alarm,
        coalesce(shared.p_value < shared.alpha_warn_each, false) as is_outside_warn,
        coalesce(shared.p_value < shared.alpha_alarm_each, false) as is_flagged
    from shared
    left join limit_values
        on shared.indicator_id = limit_values.indicator_id
        and shared.period_type = limit_values.period_type
        and shared.period = limit_values.period
        and shared.org_unit_id = limit_values.org_unit_id
),

final as (
    select
        limits.indicator_id,
        limits.period_type,
        limits.period,
        limits.org_unit_id,
        limits.org_level,
        limits.parent_unit_id,
        limits.numerator,
        limits.denominator,
        limits.n,
        limits.value,
        limits.mean_score,
        case when not limits.is_org_suppressed then limits.org_value end as org_value,
        limits.is_org_suppressed,
        limits.test_kind,
        limits.z,
        limits.tau2,
        limits.p_value,
        limits.tests_in_unit,
        limits.alpha_warn_each,
        limits.alpha_alarm_each,
        -- a limit no value can reach is left out: below 0, or a share above 100%
        case when limits.lower_warn >= 0 then limits.lower_warn end as lower_warn,
        case
            when limits.funnel_kind = 'proportion' and limits.upper_warn > limits.value_factor
                then null
            else limits.upper_warn
        end as upper_warn,
        case when limits.lower_alarm >= 0 then limits.lower_alarm end as lower_alarm,
        case
            when limits.funnel_kind = 'proportion' and limits.upper_alarm > limits.value_factor
                then null
            else limits.upper_alarm
        end as upper_alarm,
        limits.level,
        limits.is_suppressed,
        limits.is_primary_suppressed,
        limits.is_complementary_suppressed,
        limits.is_temporal_suppressed,
        limits.k,
        -- a unit counts worse than groen only past its warn limit (at the organisation's
        -- own oranje it is no worse than the rest); the organisation counts its own level
        case
            when limits.level is null then null
            when limits.org_level = 'organisatie' then limits.level
            -- not tested (too few, no spread to test against) is not past the limit either
            when not limits.is_outside_warn then 'groen'
            else limits.level
        end as counted_level,
        limits.direction,
        limits.min_n,
        limits.is_aggregate_only,
        limits.funnel_n,
        limits.is_outside_warn,
        limits.is_flagged
    from limits
)

select * from final
