-- Indicators per period (month and quarter) and org unit at every level: numerator,
-- denominator and n (distinct people) summed over the unit and everything below it;
-- plus the unit-level indicators computed by their own model (concentration).
-- Grain: indicator x period x org unit.
--
-- A windowed indicator's period holds the contributions of its whole window (the 12
-- months ending with the period's last month: int_indicators__period_months says which
-- periods each month counts in), so the sums, n (distinct people in the window) and
-- n_months (months with data in the window) are the window's. A unit gets a windowed
-- period only when something in it or below it contributes in the period itself: a
-- team that emptied keeps no value for the quarters after, and no published window of
-- a unit equals an older one or a sum of older ones (each has months no earlier one
-- has), which the differencing search relies on.
--
-- The millions of contribution rows are first reduced per unit (sums per unit and
-- month, people per unit); only those few rows are joined up the org tree. Keys may be
-- null (a contribution without a month); they match each other as in a group by. No
-- row is written per contribution and period: each contribution meets the periods of
-- its month in the join that groups it.
with

-- read four times below; not materialized: each reader scans the table itself
contributions as not materialized (
    select * from int_indicators__contributions
),

-- the periods each indicator's month counts in; joined on indicator and month (a null
-- month matches a null month, as in a group by)
period_months as (
    select * from int_indicators__period_months
),

hierarchy as (
    select * from int_org__hierarchy
),

-- Sums per unit and month, before they go into their periods (one row per unit and
-- month, not one per contribution). Grain: indicator x period x unit x month.
unit_months as (
    select
        months.indicator_id,
        period_months.period_type,
        period_months.period,
        months.org_unit_id,
        months.month_start,
        months.numerator,
        months.denominator,
        months.score_sum,
        months.score_n,
        period_months.is_own_period as has_own_period
    from (
        select
            indicator_id,
            org_unit_id,
            month_start,
            sum(numerator) as numerator,
            sum(denominator) as denominator,
            sum(score_sum) as score_sum,
            sum(score_n) as score_n
        from contributions
        group by all
    ) as months
    inner join period_months
        on months.indicator_id is not distinct from period_months.indicator_id
        and months.month_start is not distinct from period_months.month_start
),

-- Sums over the unit and every unit below it. Grain: indicator x period x org unit.
sums as (
    select
        unit_months.indicator_id,
        unit_months.period_type,
        unit_months.period,
        hierarchy.ancestor_id as org_unit_id,
        hierarchy.ancestor_level as org_level,
        hierarchy.ancestor_parent_id as parent_unit_id,
        sum(unit_months.numerator) as numerator,
        sum(unit_months.denominator) as denominator,
        sum(unit_months.score_sum) as score_sum,
        sum(unit_months.score_n) as score_n,
        count(distinct unit_months.month_start) as n_months,
        bool_or(unit_months.has_own_period) as has_own_period
    from unit_months
    inner join hierarchy on unit_months.org_unit_id = hierarchy.org_unit_id
    group by all
),

-- The org tree's units numbered: numbers are cheaper to compare than names in the
-- millions of rows below. Grain: org unit.
unit_numbers as (
    select org_unit_id, row_number() over (order by org_unit_id) as unit_number
    from (select distinct org_unit_id from hierarchy)
),

-- The people and the periods numbered: two numbers are cheaper to group by than a
-- pseudonym, an indicator and a period in the millions of rows below.
subject_numbers as (
    select subject_id, row_number() over (order by subject_id) as subject_number
    from (select distinct subject_id from contributions where subject_id is not null)
),

period_numbers as (
    select
        indicator_id,
        period_type,
        period,
        row_number() over (order by indicator_id, period_type, period) as period_number
    from (select distinct indicator_id, period_type, period from period_months)
),

-- Grain: indicator x month x period.
numbered_months as (
    select
        period_months.indicator_id, period_months.month_start, period_numbers.period_number
    from period_months
    inner join period_numbers
        on period_months.indicator_id is not distinct from period_numbers.indicator_id
        and period_months.period_type = period_numbers.period_type
        and period_months.period is not distinct from period_numbers.period
),

-- The units a person counts in: nearly always one (first = last); more than one for
-- someone who moved within the period. Rows at a unit outside the tree count nowhere
-- and are left out. Grain: indicator x period x subject.
subjects as (
    select
        period_numbers.indicator_id,
        period_numbers.period_type,
        period_numbers.period,
        grouped.subject_number,
        grouped.first_unit_number,
        grouped.last_unit_number
    from (
        select
            numbered_months.period_number,
            subject_numbers.subject_number,
            min(unit_numbers.unit_number) as first_unit_number,
            max(unit_numbers.unit_number) as last_unit_number
        from contributions
        inner join subject_numbers on contributions.subject_id = subject_numbers.subject_id
        inner join unit_numbers on contributions.org_unit_id = unit_numbers.org_unit_id
        inner join numbered_months
            on contributions.indicator_id is not distinct from numbered_months.indicator_id
            and contributions.month_start is not distinct from numbered_months.month_start
        group by all
    ) as grouped
    inner join period_numbers on grouped.period_number = period_numbers.period_number
),

-- Per unit, how many people count only there, and the movers whose first unit it is.
-- Grain: indicator x period x unit.
unit_people as (
    select
        subjects.indicator_id,
        subjects.period_type,
        subjects.period,
        unit_numbers.org_unit_id,
        count(*) filter (
            where subjects.first_unit_number = subjects.last_unit_number
        ) as n_stayers,
        list(subjects.subject_number) filter (
            where subjects.first_unit_number <> subjects.last_unit_number
        ) as movers
    from subjects
    inner join unit_numbers on subjects.first_unit_number = unit_numbers.unit_number
    group by all
),

-- People in one unit count once there and once in every unit above it, so these
-- counts add up the tree. Grain: indicator x period x org unit.
stayers as (
    select
        unit_people.indicator_id,
        unit_people.period_type,
        unit_people.period,
        hierarchy.ancestor_id as org_unit_id,
        sum(unit_people.n_stayers) as n
    from unit_people
    inner join hierarchy on unit_people.org_unit_id = hierarchy.org_unit_id
    group by all
),

-- People in more than one unit do not add up (two of their units can share a parent):
-- every unit they count in goes up the tree and they are counted distinct.
-- Grain: indicator x period x subject x unit.
moved as (
    select indicator_id, period_type, period, unnest(movers) as subject_number
    from unit_people
),

mover_units as (
    select distinct
        contributions.indicator_id,
        period_months.period_type,
        period_months.period,
        contributions.subject_id,
        contributions.org_unit_id
    from (
        -- the movers' rows first: a few among the millions
        select contributions.*, subject_numbers.subject_number
        from contributions
        inner join subject_numbers on contributions.subject_id = subject_numbers.subject_id
        semi join moved on subject_numbers.subject_number = moved.subject_number
    ) as contributions
    inner join period_months
        on contributions.indicator_id is not distinct from period_months.indicator_id
        and contributions.month_start is not distinct from period_months.month_start
    semi join moved
        on contributions.indicator_id is not distinct from moved.indicator_id
        and period_months.period_type = moved.period_type
        and period_months.period is not distinct from moved.period
        and contributions.subject_number = moved.subject_number
),

movers as (
    select
        mover_units.indicator_id,
        mover_units.period_type,
        mover_units.period,
        hierarchy.ancestor_id as org_unit_id,
        count(distinct mover_units.subject_id) as n
    from mover_units
    inner join hierarchy on mover_units.org_unit_id = hierarchy.org_unit_id
    group by all
),

-- Distinct people in the unit and every unit below it. Grain: indicator x period x
-- org unit.
people as (
    select indicator_id, period_type, period, org_unit_id, sum(n) as n
    from (
        select * from stayers
        union all
        select * from movers
    )
    group by all
),

final as (
    select
        sums.indicator_id,
        sums.period_type,
        sums.period,
        sums.org_unit_id,
        sums.org_level,
        sums.parent_unit_id,
        -- rounded far below any meaning (exposures are twelfths of a year, counts and
        -- scores whole) and far above the noise of summing doubles in parallel, in no
        -- fixed order: two builds of the same data publish the same values and levels
        -- (a rate of exactly 15 was 14.999999999999998 in one build, amber, not red)
        round(sums.numerator, 8) as numerator,
        round(sums.denominator, 8) as denominator,
        round(sums.score_sum, 8) as score_sum,
        round(sums.score_n, 8) as score_n,
        cast(coalesce(people.n, 0) as bigint) as n,
        sums.n_months
    from sums
    left join people
        on sums.indicator_id is not distinct from people.indicator_id
        and sums.period_type = people.period_type
        and sums.period is not distinct from people.period
        and sums.org_unit_id = people.org_unit_id
    where sums.has_own_period
),

unit_level as (
    -- indicators that are not sums over people are computed per unit by their own model
    select * from int_kri__al_concentration
)

select * from final
union all by name
select * from unit_level
