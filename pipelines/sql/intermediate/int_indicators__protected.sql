-- Small-group protection. A value over fewer than k people (k = the catalogue's
-- min_group_size; for aggregate-only indicators the indicator's min_n when larger) is
-- suppressed (primary).
-- Then, per parent, the people of the parent not covered by its published children (the
-- parent's own members plus suppressed children) must be none or at least k; otherwise
-- the smallest published siblings are suppressed too (complementary), so no
-- parent-minus-children difference reveals a small group.
-- Across time: a quarter minus its published months would reveal a suppressed month, so
-- when any month of a quarter is suppressed for a unit, all its months are (temporal).
-- Aggregate-only indicators (RF7's) are never published below department level: their
-- team rows are left out altogether.
-- Grain: indicator x period x org unit.
with

scored as (
    select * from int_indicators__scored
    where not (is_aggregate_only and org_level = 'team')
),

settings as (
    select * from stg_catalogue__settings
),

primary_pass as (
    select
        scored.*,
        case
            when scored.is_aggregate_only then greatest(settings.min_group_size, scored.min_n)
            else settings.min_group_size
        end as k,
        scored.n < case
            when scored.is_aggregate_only then greatest(settings.min_group_size, scored.min_n)
            else settings.min_group_size
        end as is_primary_suppressed
    from scored
    cross join settings
),

children as (
    select
        child.indicator_id,
        child.period_type,
        child.period,
        child.org_unit_id,
        child.n,
        child.k,
        child.is_primary_suppressed,
        parent.n as parent_n,
        parent.is_primary_suppressed as is_parent_suppressed,
        parent.n - sum(case when child.is_primary_suppressed then 0 else child.n end) over (
            partition by child.indicator_id, child.period_type, child.period, child.parent_unit_id
        ) as residual_n,
        coalesce(sum(case when child.is_primary_suppressed then 0 else child.n end) over (
            partition by child.indicator_id, child.period_type, child.period, child.parent_unit_id
            order by child.n, child.org_unit_id
            rows between unbounded preceding and 1 preceding
        ), 0) as smaller_published_n
    from primary_pass as child
    inner join primary_pass as parent
        on child.indicator_id = parent.indicator_id
        and child.period_type = parent.period_type
        and child.period = parent.period
        and child.parent_unit_id = parent.org_unit_id
),

complementary as (
    select indicator_id, period_type, period, org_unit_id
    from children
    where not is_primary_suppressed
        and not is_parent_suppressed
        and residual_n > 0
        and residual_n + smaller_published_n < k
),

within_period as (
    select
        primary_pass.* exclude (is_primary_suppressed),
        primary_pass.is_primary_suppressed,
        complementary.org_unit_id is not null as is_complementary_suppressed,
        primary_pass.is_primary_suppressed or complementary.org_unit_id is not null
            as is_period_suppressed,
        case
            when primary_pass.period_type = 'month'
                then left(primary_pass.period, 4) || '-Q'
                || cast((cast(right(primary_pass.period, 2) as integer) + 2) // 3 as varchar)
        end as month_quarter
    from primary_pass
    left join complementary
        on primary_pass.indicator_id = complementary.indicator_id
        and primary_pass.period_type = complementary.period_type
        and primary_pass.period = complementary.period
        and primary_pass.org_unit_id = complementary.org_unit_id
),

final as (
    select
        * exclude (is_period_suppressed, month_quarter),
        coalesce(
            period_type = 'month'
            and not is_period_suppressed
            and bool_or(is_period_suppressed) over (
                partition by indicator_id, org_unit_id, period_type, month_quarter
            ),
            false
        ) as is_temporal_suppressed,
        is_period_suppressed or coalesce(
            period_type = 'month'
            and bool_or(is_period_suppressed) over (
                partition by indicator_id, org_unit_id, period_type, month_quarter
            ),
            false
        ) as is_suppressed
    from within_period
)

select * from final
