-- Every org unit with each of its ancestors (itself included), so indicators roll up
-- team -> department -> organisation. Grain: unit x ancestor.
with recursive

units as (
    select * from int_org__units
),

walk (org_unit_id, ancestor_id, depth) as (
    select org_unit_id, org_unit_id, 0 from units
    union all
    select walk.org_unit_id, units.parent_unit_id, walk.depth + 1
    from walk
    inner join units on walk.ancestor_id = units.org_unit_id
    where units.parent_unit_id is not null and walk.depth < 16
),

final as (
    select
        walk.org_unit_id,
        walk.ancestor_id,
        walk.depth,
        ancestors.org_level as ancestor_level,
        ancestors.parent_unit_id as ancestor_parent_id
    from walk
    inner join units as ancestors on walk.ancestor_id = ancestors.org_unit_id
)

select * from final
