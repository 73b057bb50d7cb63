-- Indicators per period (month and quarter) and org unit at every level: numerator,
-- denominator and n (distinct people) summed over the unit and everything below it;
-- plus the unit-level indicators computed by their own model (concentration).
-- Grain: indicator x period x org unit.
with

periods as (
    select * from int_indicators__periods
),

hierarchy as (
    select * from int_org__hierarchy
),

final as (
    select
        periods.indicator_id,
        periods.period_type,
        periods.period,
        hierarchy.ancestor_id as org_unit_id,
        hierarchy.ancestor_level as org_level,
        hierarchy.ancestor_parent_id as parent_unit_id,
        sum(periods.numerator) as numerator,
        sum(periods.denominator) as denominator,
        sum(periods.score_sum) as score_sum,
        sum(periods.score_n) as score_n,
        count(distinct periods.subject_id) as n,
        count(distinct periods.month_start) as n_months
    from periods
    inner join hierarchy on periods.org_unit_id = hierarchy.org_unit_id
    group by all
),

unit_level as (
    -- indicators that are not sums over people are computed per unit by their own model
    select * from int_kri__al_concentration
)

select * from final
union all by name
select * from unit_level
