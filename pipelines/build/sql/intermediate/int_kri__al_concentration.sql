-- KRI-AL-CONCENTRATION per period and org unit: for each housing consultant, their share
-- of the unit's maatwerk and direct allocations divided by their share of all its
-- allocations; the unit's value is the highest such ratio (1 = in proportion).
-- Not additive over people, so it is computed per unit and joins the aggregates.
-- Its inputs look back 12 months (window_months), so it does too: a period counts the
-- allocations of its window, for a unit with allocations in the period itself (as
-- int_indicators__aggregated).
-- Grain: period x org unit (every level).
with

-- the two indicators' contributions once in every period their month counts in
contributions as (
    select contributions.*, period_months.period_type, period_months.period,
        period_months.is_own_period
    from int_indicators__contributions as contributions
    inner join int_indicators__period_months as period_months
        on contributions.indicator_id = period_months.indicator_id
        and contributions.month_start is not distinct from period_months.month_start
    where contributions.indicator_id in ('KRI-AL-NO-MOTIVATION', 'KRI-AL-STAFF')
),

hierarchy as (
    select * from int_org__hierarchy
),

periods as (
    -- per consultant and month: maatwerk/direct allocations and all allocations
    select
        period_type,
        period,
        month_start,
        org_unit_id,
        subject_id,
        sum(denominator) filter (where indicator_id = 'KRI-AL-NO-MOTIVATION') as exceptions,
        sum(denominator) filter (where indicator_id = 'KRI-AL-STAFF') as allocations,
        bool_or(is_own_period) as has_own_period
    from contributions
    where indicator_id in ('KRI-AL-NO-MOTIVATION', 'KRI-AL-STAFF')
    group by all
),

per_unit_consultant as (
    select
        periods.period_type,
        periods.period,
        hierarchy.ancestor_id as org_unit_id,
        hierarchy.ancestor_level as org_level,
        hierarchy.ancestor_parent_id as parent_unit_id,
        periods.subject_id,
        sum(periods.exceptions) as exceptions,
        sum(periods.allocations) as allocations,
        count(distinct periods.month_start) as n_months,
        bool_or(periods.has_own_period) as has_own_period
    from periods
    inner join hierarchy on periods.org_unit_id = hierarchy.org_unit_id
    group by all
),

shares as (
    select
        *,
        (exceptions / nullif(sum(exceptions) over unit, 0))
            / nullif(allocations / nullif(sum(allocations) over unit, 0), 0) as ratio
    from per_unit_consultant
    window unit as (partition by period_type, period, org_unit_id)
),

final as (
    select
        'KRI-AL-CONCENTRATION' as indicator_id,
        period_type,
        period,
        org_unit_id,
        org_level,
        parent_unit_id,
        -- value = numerator / denominator = the highest ratio; the denominator is the
        -- unit's number of maatwerk and direct allocations, so min_n applies to those
        max(ratio) * sum(exceptions) as numerator,
        sum(exceptions) as denominator,
        null::double as score_sum,
        null::double as score_n,
        count(distinct subject_id) as n,
        max(n_months) as n_months
    from shares
    group by period_type, period, org_unit_id, org_level, parent_unit_id
    having max(ratio) is not null
        and bool_or(has_own_period)
        and count(distinct subject_id) >= (
            select parameter_value::double from stg_catalogue__indicator_parameters
            where indicator_id = 'KRI-AL-CONCENTRATION' and parameter_name = 'min_consultants'
        )
)

select * from final
