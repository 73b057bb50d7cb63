-- The organisation tree for the dashboard: each unit with its department (itself for a
-- department, its afdeling ancestor for a team, null for the organisation) so pages can
-- filter and roll up by department. Grain: one row per org unit. Published.
with

units as (
    select * from int_org__units
),

hierarchy as (
    select * from int_org__hierarchy
),

-- The nearest afdeling at or above the unit: a department under a department (a
-- directie or sector level exported as afdeling) is its own department, and its teams
-- belong to the nearest one (helper-140: a unit below two afdelingen had a row for each).
departments as (
    select hierarchy.org_unit_id, arg_min(hierarchy.ancestor_id, hierarchy.depth) as department_id
    from hierarchy
    where hierarchy.ancestor_level = 'afdeling'
    group by hierarchy.org_unit_id
),

final as (
    select
        units.org_unit_id,
        units.org_unit_name,
        units.parent_unit_id,
        units.org_level,
        departments.department_id,
        department_units.org_unit_name as department_name,
        case units.org_level when 'organisatie' then 0 when 'afdeling' then 1 else 2 end
            as level_order
    from units
    left join departments on units.org_unit_id = departments.org_unit_id
    left join units as department_units on departments.department_id = department_units.org_unit_id
)

select * from final
order by level_order, department_name, org_unit_name
