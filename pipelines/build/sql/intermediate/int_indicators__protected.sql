-- Small-group protection, applied until nothing changes. Grain: indicator x period x
-- org unit, for the published periods only (quarters; months too when the setting
-- privacy.publish_months is on).
--
-- What is published adds up: a unit is the sum of its children plus its own members
-- (people placed in the unit itself), and a quarter is the sum of its months. Whoever
-- sees some cells can add and subtract them. The rules below make sure no suppressed
-- cell, and no group of own members below k, can be solved from the shown ones:
-- 1. primary: a cell over fewer than k people (k = min_group_size; an aggregate-only
--    indicator's min_n when larger) is suppressed;
--    b. a windowed indicator (window_months: 12) publishes the sum of the 12 months
--       ending with the period, so two shown windows of a unit differ by the months
--       between them (W(2025-02) - W(2025-01) is 2025-02 while the data's first windows
--       are cut short; later month t minus month t-12). Its windows are made of time
--       atoms, the quarters (the months when months are published); a window is
--       suppressed when one of its atoms holds, for the unit and everything below it,
--       1 to k-1 people (distinct subjects with a contribution in the atom). Any union
--       of atoms, so any difference of two windows, then holds nobody or k or more;
-- 2. complementary, per parent and period:
--    a. when the parent is shown, the people it has beyond its shown children (own
--       members and suppressed children) must be none or at least k: otherwise the
--       smallest shown children are suppressed until they are; for a windowed
--       indicator the same per time atom of the window, smallest in that atom first:
--       the parent's people there beyond its shown children, and beyond what is known
--       of them (a hidden one's people in shown cells below it, whose differences give
--       them: helper-228 2), at least the people placed in an unknown unit (the
--       parent, or a hidden or never shown one below a hidden child, up to the first
--       shown cell; counted where they are placed, not by subtraction, which a mover
--       counted in two units makes too small: helper-235); with no shown child to
--       hide, the parent itself is hidden. Known too is a hidden unit's atom that one
--       of its known windows in other periods holds alone, or two differ by (shown
--       ones, or a stale child that passed: helper-237 1), in it and up to the first
--       shown unit above; a hidden parent known so in an atom is checked there as a
--       shown one, and with no shown child its smallest shown cell below counted as
--       known is hidden (helper-240);
--    b. the parent, its children and its own members (when it has any) are one sum: if
--       exactly one of them is unknown (suppressed, or own members) it could be solved,
--       so the smallest shown child is suppressed too, or the parent when no child is
--       shown (own members of k or more people may be solved: they are a large group);
--    c. a windowed indicator's stale child (people in the parent's window, no data of
--       its own in the period, so no row: int_indicators__aggregated) is in the parent's
--       sum all the same, so it is a cell like any other that is never output: hidden
--       by 1 and 1b when its window holds fewer than k people or an atom of 1 to k-1,
--       and then an unknown of the parent's sum that needs a partner (2a, 2b); when it
--       passes, solving it (parent minus shown children) reveals k or more people, and
--       any difference with its other windows a union of atoms of none or k or more, so
--       it stands as a shown child. Among the shown children a stale one is hidden
--       first: it has no row to show. (Before 1b, the parent itself was hidden: its
--       stale child's window, its last one minus the months dropped out, was as good as
--       known; with 1b a window that fails has no shown predecessor holding the same
--       atoms, and one that passes gives nothing small away.) Sparse events, such as
--       orders counted per requester, make teams stale between events;
-- 3. temporal: a unit's quarter and its months are shown or suppressed together (a
--    quarter minus its shown months, or the sum of its months, would give the rest);
--    b. two windows of a unit differ by the atoms in one and not the other: where those
--       are all known (from other periods, or a unit above's atom known so that holds
--       no one else), a hidden window is a shown one give or take known figures, so a
--       unit's known windows whose unknown atoms are a hidden window's are hidden with
--       it, whichever cells the tie-breaks of 2a and 2b picked (smallest first, then
--       by name: a department named A0 beside B left B's next window shown, one named
--       D did not; helper-274). Only single known windows are compared with the hidden
--       one, as cross_known compares single atoms (not every combination).
-- Someone who moves between two units within a period counts in both units' n, so own
-- members are counted as people (own_people), and the people beyond a parent's shown
-- children are at least the larger of its n less theirs, its own members and its
-- largest hidden child (2a; per atom too; helper-227).
-- Each rule can make another one fire (a suppressed department needs a second unknown
-- among its teams), so the rules run again on the result until a pass changes nothing:
-- per indicator, as no rule looks across indicators (large demo: the second pass
-- changed 37 of 50 indicators, the third 1, so most go round twice, not four times).
-- Why this is enough: within one period every sum has no unknown or at least two, and
-- the sums form a tree, so any unknown can be moved by some amount and its partners in
-- the opposite way without changing anything shown; with rule 3 that move can be made in
-- one month and its quarter alone. For windows, 1b and 2a per atom make every
-- difference of a unit's windows, and of what a shown parent has beyond its shown
-- children, a union of atoms of nobody or k or more people. tests/test_differencing.py
-- checks it the attacker's way (linear algebra over everything published, differences
-- of windows included); tests/test_differencing_windows.py the atoms at k and k-1.
-- Atom counts come from each contribution's own period (int_indicators__period_months:
-- one per month), never from the windows it counts in.
-- Aggregate-only indicators (RF7's) are never published below department level: their
-- team rows are left out altogether.
with recursive

settings as (
    select * from stg_catalogue__settings
),

scored as (
    select scored.*
    from int_indicators__scored as scored
    cross join settings
    where not (scored.is_aggregate_only and scored.org_level = 'team')
        and (scored.period_type = 'quarter' or settings.publish_months)
),

-- Stale children of a windowed indicator (rule 2c): a unit with people in its parent's
-- window but no data of its own in the period gets no row (int_indicators__aggregated),
-- yet its window is in the parent's sum (parent minus shown children would give it).
-- Here only to decide, as a cell of its own: never output.
-- First which units are stale (nothing in them or below them counts in the period
-- itself), from one flag per unit and period; only their few rows are then counted
-- (distinct people over a unit's whole subtree is the costly part).
unit_own as (
    select
        unit_months.indicator_id,
        period_months.period_type,
        period_months.period,
        unit_months.org_unit_id,
        bool_or(period_months.is_own_period) as has_own
    from (
        select distinct indicator_id, org_unit_id, month_start
        from int_indicators__contributions
    ) as unit_months
    inner join int_indicators__period_months as period_months
        on unit_months.indicator_id = period_months.indicator_id
        and unit_months.month_start is not distinct from period_months.month_start
    where unit_months.indicator_id in (
        select indicator_id from int_indicators__period_months where not is_own_period
    )
    group by all
),

stale_units as (
    select
        unit_own.indicator_id,
        unit_own.period_type,
        unit_own.period,
        hierarchy.ancestor_id as org_unit_id,
        hierarchy.ancestor_parent_id as parent_unit_id
    from unit_own
    inner join int_org__hierarchy as hierarchy on unit_own.org_unit_id = hierarchy.org_unit_id
    where hierarchy.ancestor_parent_id is not null
    group by all
    having not bool_or(unit_own.has_own)
),

stale as (
    select
        stale_units.indicator_id,
        stale_units.period_type,
        stale_units.period,
        stale_units.org_unit_id,
        stale_units.parent_unit_id,
        count(distinct contributions.subject_id) as n
    from stale_units
    inner join int_org__hierarchy as hierarchy on stale_units.org_unit_id = hierarchy.ancestor_id
    inner join (
        -- the stale units' indicators alone (most builds: none), before the join: left
        -- to the join, every contribution was hashed for no row (0.4 s, large demo)
        select * from int_indicators__contributions
        semi join (select distinct indicator_id from stale_units) as wanted
            using (indicator_id)
    ) as contributions
        on hierarchy.org_unit_id = contributions.org_unit_id
        and stale_units.indicator_id = contributions.indicator_id
    inner join int_indicators__period_months as period_months
        on contributions.indicator_id = period_months.indicator_id
        and contributions.month_start is not distinct from period_months.month_start
        and stale_units.period_type = period_months.period_type
        and stale_units.period = period_months.period
    group by all
),

stale_children as (
    select stale.*, indicators.is_aggregate_only, indicators.min_n
    from stale
    inner join (
        select distinct indicator_id, is_aggregate_only, min_n from scored
    ) as indicators on stale.indicator_id = indicators.indicator_id
    inner join int_org__hierarchy as unit
        on stale.org_unit_id = unit.org_unit_id and unit.depth = 0
    semi join scored as parent
        on stale.indicator_id = parent.indicator_id
        and stale.period_type = parent.period_type
        and stale.period = parent.period
        and stale.parent_unit_id = parent.org_unit_id
    where not (indicators.is_aggregate_only and unit.ancestor_level = 'team')
),

children as (
    select indicator_id, period_type, period, parent_unit_id, sum(n) as children_n
    from (
        select indicator_id, period_type, period, parent_unit_id, n from scored
        union all
        select indicator_id, period_type, period, parent_unit_id, n from stale_children
    )
    where parent_unit_id is not null
    group by all
),

-- Own members (rule 2b) counted as people, not as the unit's people minus its children's:
-- someone who moves between two teams in the period counts in both teams' n, so that
-- difference was 0 while the head of their department was there on their own; the
-- department minus its two shown teams gave the head's figures (helper-227). Counted
-- for the units that are some cell's parent alone: a leaf has no own members.
own_people as (
    select
        contributions.indicator_id,
        period_months.period_type,
        period_months.period,
        contributions.org_unit_id,
        count(distinct contributions.subject_id) as own_n
    from int_indicators__contributions as contributions
    semi join (
        select distinct parent_unit_id from scored where parent_unit_id is not null
    ) as parents on contributions.org_unit_id = parents.parent_unit_id
    inner join int_indicators__period_months as period_months
        on contributions.indicator_id = period_months.indicator_id
        and contributions.month_start is not distinct from period_months.month_start
    group by all
),

-- Time atoms of a windowed indicator (rule 1b, 2a per atom): the stretches of time its
-- published windows are made of, quarters (months when months are published: a
-- quarter's window is then its last month's). Distinct people per unit (and everything
-- below it) and atom, from each contribution's own period (one row per contribution,
-- not one per window it counts in).
windowed_indicators as (
    select indicator_id, window_months
    from stg_catalogue__indicators
    where window_months is not null
),

atom_people as (
    select
        own.indicator_id,
        own.atom_start,
        hierarchy.ancestor_id as org_unit_id,
        count(distinct own.subject_id) as atom_n,
        -- the people placed in the unit itself (2a per atom: who is in the parent beyond
        -- its children, where a mover between two of them counts in both); own is one
        -- row per unit, person and atom, and depth 0 the unit alone, so a plain count
        count(own.subject_id) filter (where hierarchy.depth = 0) as own_atom_n
    from (
        select distinct
            contributions.indicator_id,
            contributions.org_unit_id,
            contributions.subject_id,
            case when settings.publish_months then contributions.month_start
                else date_trunc('quarter', contributions.month_start) end as atom_start
        from int_indicators__contributions as contributions
        inner join int_indicators__period_months as period_months
            on contributions.indicator_id = period_months.indicator_id
            and contributions.month_start is not distinct from period_months.month_start
        cross join settings
        semi join windowed_indicators
            on contributions.indicator_id = windowed_indicators.indicator_id
        where period_months.is_own_period
            and period_months.period_type
            = case when settings.publish_months then 'month' else 'quarter' end
    ) as own
    inner join int_org__hierarchy as hierarchy on own.org_unit_id = hierarchy.org_unit_id
    group by all
    having count(distinct own.subject_id) > 0
),

cells as (
    select
        scored.indicator_id,
        scored.period_type,
        scored.period,
        scored.org_unit_id,
        scored.parent_unit_id,
        scored.n,
        case
            when scored.is_aggregate_only then greatest(settings.min_group_size, scored.min_n)
            else settings.min_group_size
        end as k,
        -- people placed in the unit itself, in none of its children: its own members
        case when children.children_n is not null then coalesce(own_people.own_n, 0)
            else 0 end as own_n,
        case
            when scored.period_type = 'month'
                then left(scored.period, 4) || '-Q'
                || cast((cast(right(scored.period, 2) as integer) + 2) // 3 as varchar)
            else scored.period
        end as period_block,
        false as is_stale
    from scored
    cross join settings
    left join children
        on scored.indicator_id = children.indicator_id
        and scored.period_type = children.period_type
        and scored.period = children.period
        and scored.org_unit_id = children.parent_unit_id
    left join own_people
        on scored.indicator_id = own_people.indicator_id
        and scored.period_type = own_people.period_type
        and scored.period = own_people.period
        and scored.org_unit_id = own_people.org_unit_id

    union all

    -- a stale child: hidden always, in a time block of its own (its unit's other periods
    -- are decided by their own figures)
    select
        stale_children.indicator_id,
        stale_children.period_type,
        stale_children.period,
        stale_children.org_unit_id,
        stale_children.parent_unit_id,
        stale_children.n,
        case
            when stale_children.is_aggregate_only
                then greatest(settings.min_group_size, stale_children.min_n)
            else settings.min_group_size
        end,
        0,
        'stale ' || stale_children.period,
        true
    from stale_children
    cross join settings
),

-- Every windowed cell with the atoms its window holds people in. Grain: cell x atom.
cell_periods as (
    select
        cells.*,
        windowed_indicators.window_months,
        -- the first month of the period's last: a window ends with that month; with
        -- months published, the quarter the data end in ends with the last month of data
        -- (int_indicators__period_months)
        case when cells.period_type = 'month' then cast(cells.period || '-01' as date)
            when settings.publish_months then least(quarter_end, last_months.last_month)
            else quarter_end
        end as period_end
    from cells
    inner join windowed_indicators on cells.indicator_id = windowed_indicators.indicator_id
    inner join (
        select indicator_id, max(month_start) as last_month
        from int_indicators__period_months
        group by all
    ) as last_months on cells.indicator_id = last_months.indicator_id
    cross join settings
    cross join lateral (
        select case when cells.period_type = 'quarter' then make_date(
            cast(left(cells.period, 4) as integer), 3 * cast(right(cells.period, 1) as integer), 1
        ) end as quarter_end
    )
),

cell_atoms as (
    select
        cells.indicator_id,
        cells.period_type,
        cells.period,
        cells.org_unit_id,
        cells.parent_unit_id,
        cells.k,
        atom_people.atom_start,
        atom_people.atom_n,
        atom_people.own_atom_n
    from cell_periods as cells
    inner join atom_people
        on cells.indicator_id = atom_people.indicator_id
        and cells.org_unit_id = atom_people.org_unit_id
        and atom_people.atom_start <= cells.period_end
        and atom_people.atom_start > cells.period_end - to_months(cells.window_months)
),

-- Every unit with people placed in it in an atom of a published window, a cell or not
-- (an aggregate-only indicator's teams are none): who is unknown in a hidden cell (2a
-- per atom) is counted from them, not by subtraction (helper-235: a mover counted in a
-- shown team and in a hidden one the same month made the difference nobody)
own_atoms as (
    select
        periods.indicator_id,
        periods.period_type,
        periods.period,
        atom_people.org_unit_id,
        atom_people.atom_start,
        atom_people.own_atom_n
    from (
        select distinct indicator_id, period_type, period, period_end, window_months
        from cell_periods
    ) as periods
    inner join atom_people
        on periods.indicator_id = atom_people.indicator_id
        and atom_people.atom_start <= periods.period_end
        and atom_people.atom_start > periods.period_end - to_months(periods.window_months)
    where atom_people.own_atom_n > 0
),

-- 1b: a window with an atom of 1 to k-1 people (two windows of the unit differ by it)
small_atoms as (
    select distinct indicator_id, period_type, period, org_unit_id
    from cell_atoms
    where atom_n < k
),

suppression (
    iteration, indicator_id, period_type, period, org_unit_id, parent_unit_id, n, k,
    own_n, period_block, is_stale, is_hidden, hidden_by, is_changed
) as (
    select
        0, cells.indicator_id, cells.period_type, cells.period, cells.org_unit_id,
        cells.parent_unit_id, cells.n, cells.k, cells.own_n, cells.period_block,
        cells.is_stale, cells.n < cells.k or small_atoms.period is not null,
        case when cells.n < cells.k or small_atoms.period is not null
            then case when cells.is_stale then 'stale' else 'primary' end end,
        true
    from cells
    left join small_atoms
        on cells.indicator_id = small_atoms.indicator_id
        and cells.period_type = small_atoms.period_type
        and cells.period = small_atoms.period
        and cells.org_unit_id = small_atoms.org_unit_id

    union all

    (
        with

        state as (
            select * from suppression where is_changed
        ),

        -- every cell once as a child (in its parent's sum) and once as a parent (its own)
        roles as (
            select
                state.*,
                role.role,
                case when role.role = 'child' then state.parent_unit_id
                    else state.org_unit_id end as sum_id
            from state
            cross join (values ('child'), ('parent')) as role (role)
            where role.role = 'parent' or state.parent_unit_id is not null
        ),

        -- each sum's totals once (a window per total was most of a round's time)
        sum_totals as (
            select
                indicator_id,
                period_type,
                period,
                sum_id,
                count(*) filter (where role = 'child') as n_children,
                count(*) filter (where role = 'child' and is_hidden) as hidden_children,
                coalesce(bool_or(is_hidden) filter (where role = 'parent'), false)
                    as is_parent_hidden,
                coalesce(max(own_n) filter (where role = 'parent'), 0) as parent_own_n,
                max(n) filter (where role = 'parent') as parent_n,
                coalesce(sum(n) filter (where role = 'child' and not is_hidden), 0)
                    as shown_children_n,
                coalesce(max(n) filter (where role = 'child' and is_hidden), 0)
                    as largest_hidden_child_n,
                -- the shown child hidden first (2b)
                min((not is_stale, n, org_unit_id)) filter (
                    where role = 'child' and not is_hidden
                ) as first_shown_key
            from roles
            group by all
        ),

        -- the shown children of each sum smaller than a cell (in the order they are hidden
        -- in: a stale child first, as it has no row to show, so hiding it costs nothing;
        -- then the smallest), and their people
        smaller as (
            select
                indicator_id,
                period_type,
                period,
                sum_id,
                cell.org_unit_id,
                sum(other.n) as smaller_shown_n
            from roles as cell
            inner join roles as other using (indicator_id, period_type, period, sum_id)
            where other.role = 'child' and not other.is_hidden
                and (not other.is_stale, other.n, other.org_unit_id)
                < (not cell.is_stale, cell.n, cell.org_unit_id)
            group by all
        ),

        sums as (
            select
                roles.*,
                totals.* exclude (indicator_id, period_type, period, sum_id, first_shown_key),
                coalesce(smaller.smaller_shown_n, 0) as smaller_shown_n,
                roles.role = 'child' and not roles.is_hidden
                    and (not roles.is_stale, roles.n, roles.org_unit_id)
                    = totals.first_shown_key as is_first_shown
            from roles
            inner join sum_totals as totals using (indicator_id, period_type, period, sum_id)
            left join smaller using (indicator_id, period_type, period, sum_id, org_unit_id)
        ),

        decided as (
            select
                *,
                hidden_children + cast(is_parent_hidden as integer)
                + cast(parent_own_n > 0 as integer) as unknowns,
                -- a sum whose one unknown is k or more own members reveals nothing small
                hidden_children + cast(is_parent_hidden as integer) = 0
                    and parent_own_n >= k as is_unknown_large_own_group,
                -- the people in the parent beyond its shown children, at least: the
                -- difference of the counts is less where someone moved between two
                -- children (counted in both), and then no less than its own members or
                -- any hidden child
                case when parent_n is not null then greatest(
                    parent_n - shown_children_n, parent_own_n, largest_hidden_child_n
                ) end as rest_n
            from sums
        ),

        wanted as (
            select
                iteration, indicator_id, period_type, period, org_unit_id, parent_unit_id,
                n, k, own_n, period_block, is_stale, is_hidden, hidden_by,
                bool_or(
                    not is_hidden and n_children > 0 and (
                        -- 2a: the parent's rest beyond its shown children under k: by
                        -- the difference of the counts, as before movers were seen,
                        -- or by the lower bound (never less suppressed than before:
                        -- helper-228 1, a merged team's window gave a bestuurder away
                        -- once the bound alone decided)
                        (role = 'child' and not is_parent_hidden and (
                            parent_n - shown_children_n > 0
                            and parent_n - shown_children_n + smaller_shown_n < k
                            or rest_n > 0 and rest_n + smaller_shown_n < k
                        ))
                        -- 2b: a sum with exactly one unknown
                        or (is_first_shown and unknowns = 1
                            and not is_unknown_large_own_group)
                        or (role = 'parent' and unknowns = 1 and hidden_children = n_children
                            and not is_unknown_large_own_group)
                    )
                ) as is_complementary
            from decided
            group by all
        ),

        -- 2a per atom: what of a hidden cell is known in an atom. Its people in shown
        -- cells below it are as good as known there (helper-228 2: department P hidden,
        -- its one team with people in the quarter shown, so P's quarter was that team's,
        -- and the organisation's minus its shown department Z gave the bestuurder's);
        -- unknown are the rest: placed in the cell itself or in units on the way down
        -- that are hidden or never shown (an aggregate-only indicator's teams). A shown
        -- cell is known in each hidden unit above it up to the first shown one.
        first_shown as (
            select
                shown.indicator_id, shown.period_type, shown.period, shown.org_unit_id,
                coalesce(min(hierarchy.depth) filter (where not above.is_hidden), 1000)
                    as first_shown_depth
            from state as shown
            inner join int_org__hierarchy as hierarchy
                on shown.org_unit_id = hierarchy.org_unit_id and hierarchy.depth > 0
            inner join state as above
                on shown.indicator_id = above.indicator_id
                and shown.period_type = above.period_type
                and shown.period = above.period
                and hierarchy.ancestor_id = above.org_unit_id
            where not shown.is_hidden
            group by all
        ),

        -- Known in other periods (helper-237 1): two windows of a unit that are known
        -- (shown, or a stale child that passed) differ by the atoms of one that are not
        -- in the other; when of these the unit holds people in one atom alone, that atom
        -- is known, in every period (X's 2025-Q4 window minus its stale 2026-Q1 one, a
        -- quarter without data, is X's 2025-Q1: the rest of a parent beyond X there was
        -- the small team beside it). Consecutive known windows of the unit are compared,
        -- and each known window alone (one atom with people is that atom).
        known_ends as (
            select
                *,
                lag(period_end) over (
                    partition by indicator_id, org_unit_id order by period_end
                ) as previous_end
            from (
                select distinct
                    cell_periods.indicator_id,
                    cell_periods.org_unit_id,
                    cell_periods.period_end,
                    cell_periods.window_months
                from state
                inner join cell_periods
                    on state.indicator_id = cell_periods.indicator_id
                    and state.period_type = cell_periods.period_type
                    and state.period = cell_periods.period
                    and state.org_unit_id = cell_periods.org_unit_id
                where not state.is_hidden
            )
        ),

        cross_known as (
            -- a known window holding people in one atom alone
            select
                state.indicator_id,
                state.org_unit_id,
                any_value(cell_atoms.atom_start) as atom_start
            from state
            inner join cell_atoms
                on state.indicator_id = cell_atoms.indicator_id
                and state.period_type = cell_atoms.period_type
                and state.period = cell_atoms.period
                and state.org_unit_id = cell_atoms.org_unit_id
            where not state.is_hidden
            group by state.indicator_id, state.period_type, state.period, state.org_unit_id
            having count(*) = 1

            union

            -- two consecutive known windows that differ by one atom alone
            select indicator_id, org_unit_id, any_value(atom_start)
            from (
                select known_ends.*, atom_people.atom_start
                from known_ends
                inner join atom_people
                    on known_ends.indicator_id = atom_people.indicator_id
                    and known_ends.org_unit_id = atom_people.org_unit_id
                    and (
                        -- in the later window, not the earlier
                        atom_people.atom_start <= known_ends.period_end
                        and atom_people.atom_start > greatest(
                            known_ends.previous_end,
                            known_ends.period_end - to_months(known_ends.window_months)
                        )
                        -- in the earlier window, not the later
                        or atom_people.atom_start <= least(
                            known_ends.previous_end,
                            known_ends.period_end - to_months(known_ends.window_months)
                        )
                        and atom_people.atom_start
                        > known_ends.previous_end - to_months(known_ends.window_months)
                    )
                where known_ends.previous_end is not null
            )
            group by indicator_id, org_unit_id, period_end
            having count(*) = 1
        ),

        -- 3b: two windows of a unit differ by the atoms that one holds and the other
        -- does not; where all of these are known, a hidden window is a shown one of its
        -- unit give or take known figures (helper-274: B's hidden 2025-Q3 was its shown
        -- 2025-Q4 less P's 2025-Q4 minus P's 2025-Q3, which was B's 2025-Q4 atom alone,
        -- as no one else under P had people in it). Known in an atom is a unit known
        -- there from other periods (cross_known) or below such a unit with all of its
        -- people there (the same count: they are among theirs). Whichever rule hid the
        -- window and whatever its tie-breaks picked, every known window of the unit
        -- whose unknown atoms are the hidden one's is hidden with it.
        unit_known as (
            select indicator_id, org_unit_id, atom_start from cross_known

            union

            select cross_known.indicator_id, hierarchy.org_unit_id, cross_known.atom_start
            from cross_known
            inner join int_org__hierarchy as hierarchy
                on cross_known.org_unit_id = hierarchy.ancestor_id and hierarchy.depth > 0
            inner join atom_people as above
                on cross_known.indicator_id = above.indicator_id
                and cross_known.org_unit_id = above.org_unit_id
                and cross_known.atom_start = above.atom_start
            inner join atom_people as below
                on cross_known.indicator_id = below.indicator_id
                and hierarchy.org_unit_id = below.org_unit_id
                and cross_known.atom_start = below.atom_start
                and above.atom_n = below.atom_n
        ),

        window_unknowns as (
            select
                state.indicator_id,
                state.period_type,
                state.period,
                state.org_unit_id,
                state.is_hidden,
                state.is_stale,
                coalesce(
                    list(cell_atoms.atom_start order by cell_atoms.atom_start)
                        filter (where unit_known.atom_start is null),
                    []
                ) as unknown_atoms
            from state
            inner join cell_atoms
                on state.indicator_id = cell_atoms.indicator_id
                and state.period_type = cell_atoms.period_type
                and state.period = cell_atoms.period
                and state.org_unit_id = cell_atoms.org_unit_id
            left join unit_known
                on cell_atoms.indicator_id = unit_known.indicator_id
                and cell_atoms.org_unit_id = unit_known.org_unit_id
                and cell_atoms.atom_start = unit_known.atom_start
            group by all
        ),

        window_wanted as (
            select distinct
                known.indicator_id, known.period_type, known.period, known.org_unit_id
            from window_unknowns as hidden
            inner join window_unknowns as known
                on hidden.indicator_id = known.indicator_id
                and hidden.org_unit_id = known.org_unit_id
                and hidden.unknown_atoms = known.unknown_atoms
            where hidden.is_hidden and not hidden.is_stale and not known.is_hidden
        ),

        -- the hidden cells whose unit is known in an atom of their window: a source of
        -- what is known of that atom, as a shown cell is; below such a cell the known
        -- sources stop there (its whole atom is known: their people are in it)
        cross_cells as (
            select distinct
                state.indicator_id, state.period_type, state.period, state.org_unit_id,
                cross_known.atom_start
            from state
            inner join cross_known
                on state.indicator_id = cross_known.indicator_id
                and state.org_unit_id = cross_known.org_unit_id
            semi join cell_atoms
                on state.indicator_id = cell_atoms.indicator_id
                and state.period_type = cell_atoms.period_type
                and state.period = cell_atoms.period
                and state.org_unit_id = cell_atoms.org_unit_id
                and cross_known.atom_start = cell_atoms.atom_start
            where state.is_hidden
        ),

        -- for a unit and atom, the depth of the first unit above (or the unit itself, 0)
        -- whose atom is known from other periods
        cross_depths as (
            select
                cross_cells.indicator_id,
                cross_cells.period_type,
                cross_cells.period,
                hierarchy.org_unit_id,
                cross_cells.atom_start,
                min(hierarchy.depth) as cross_depth
            from cross_cells
            inner join int_org__hierarchy as hierarchy
                on cross_cells.org_unit_id = hierarchy.ancestor_id
            group by all
        ),

        -- how far up a cross-known cell's atom is known: to the first unit above it that
        -- is shown or itself cross-known in that atom
        cross_bounds as (
            select
                cross_cells.indicator_id,
                cross_cells.period_type,
                cross_cells.period,
                cross_cells.org_unit_id,
                cross_cells.atom_start,
                coalesce(min(hierarchy.depth) filter (
                    where not above.is_hidden or up_cross.org_unit_id is not null
                ), 1000) as bound
            from cross_cells
            left join int_org__hierarchy as hierarchy
                on cross_cells.org_unit_id = hierarchy.org_unit_id and hierarchy.depth > 0
            left join state as above
                on cross_cells.indicator_id = above.indicator_id
                and cross_cells.period_type = above.period_type
                and cross_cells.period = above.period
                and hierarchy.ancestor_id = above.org_unit_id
            left join cross_cells as up_cross
                on cross_cells.indicator_id = up_cross.indicator_id
                and cross_cells.period_type = up_cross.period_type
                and cross_cells.period = up_cross.period
                and hierarchy.ancestor_id = up_cross.org_unit_id
                and cross_cells.atom_start = up_cross.atom_start
            group by all
        ),

        known_atoms as (
            select indicator_id, period_type, period, org_unit_id, atom_start,
                sum(known_n) as known_n
            from (
                select
                    first_shown.indicator_id,
                    first_shown.period_type,
                    first_shown.period,
                    hierarchy.ancestor_id as org_unit_id,
                    cell_atoms.atom_start,
                    -- as many or more (a mover between two shown cells counts in both):
                    -- the unknown rest is then taken smaller, and more is hidden
                    cell_atoms.atom_n as known_n
                from first_shown
                inner join cell_atoms
                    on first_shown.indicator_id = cell_atoms.indicator_id
                    and first_shown.period_type = cell_atoms.period_type
                    and first_shown.period = cell_atoms.period
                    and first_shown.org_unit_id = cell_atoms.org_unit_id
                left join cross_depths
                    on first_shown.indicator_id = cross_depths.indicator_id
                    and first_shown.period_type = cross_depths.period_type
                    and first_shown.period = cross_depths.period
                    and first_shown.org_unit_id = cross_depths.org_unit_id
                    and cell_atoms.atom_start = cross_depths.atom_start
                inner join int_org__hierarchy as hierarchy
                    on first_shown.org_unit_id = hierarchy.org_unit_id
                    and hierarchy.depth > 0
                    and hierarchy.depth < first_shown.first_shown_depth
                    and hierarchy.depth < coalesce(cross_depths.cross_depth, 1000)

                union all

                -- a hidden cell known in the atom from other periods: in it and each
                -- hidden unit above it up to the first shown or cross-known one
                select
                    cross_bounds.indicator_id,
                    cross_bounds.period_type,
                    cross_bounds.period,
                    hierarchy.ancestor_id,
                    cross_bounds.atom_start,
                    cell_atoms.atom_n
                from cross_bounds
                inner join cell_atoms
                    on cross_bounds.indicator_id = cell_atoms.indicator_id
                    and cross_bounds.period_type = cell_atoms.period_type
                    and cross_bounds.period = cell_atoms.period
                    and cross_bounds.org_unit_id = cell_atoms.org_unit_id
                    and cross_bounds.atom_start = cell_atoms.atom_start
                inner join int_org__hierarchy as hierarchy
                    on cross_bounds.org_unit_id = hierarchy.org_unit_id
                    and hierarchy.depth < cross_bounds.bound
            )
            group by all
        ),

        -- the people of a unit's own in an atom are unknown in it and each hidden unit
        -- above it, up to the first shown one (or in none: the unit itself shown), or the
        -- first known in that atom from other periods
        unknown_atoms as (
            select
                placed.indicator_id,
                placed.period_type,
                placed.period,
                hierarchy.ancestor_id as org_unit_id,
                placed.atom_start,
                max(placed.own_atom_n) as largest_unknown_n
            from (
                select
                    own_atoms.*,
                    least(
                        coalesce(min(up.depth) filter (where not above.is_hidden), 1000),
                        coalesce(any_value(cross_depths.cross_depth), 1000)
                    ) as first_shown_depth
                from own_atoms
                inner join int_org__hierarchy as up on own_atoms.org_unit_id = up.org_unit_id
                left join state as above
                    on own_atoms.indicator_id = above.indicator_id
                    and own_atoms.period_type = above.period_type
                    and own_atoms.period = above.period
                    and up.ancestor_id = above.org_unit_id
                left join cross_depths
                    on own_atoms.indicator_id = cross_depths.indicator_id
                    and own_atoms.period_type = cross_depths.period_type
                    and own_atoms.period = cross_depths.period
                    and own_atoms.org_unit_id = cross_depths.org_unit_id
                    and own_atoms.atom_start = cross_depths.atom_start
                group by all
            ) as placed
            inner join int_org__hierarchy as hierarchy
                on placed.org_unit_id = hierarchy.org_unit_id
                and hierarchy.depth < placed.first_shown_depth
            group by all
        ),

        -- 2a per atom (windowed indicators): the parent's rest beyond what is known of its
        -- children (the shown ones, and the people of a hidden one in shown cells below
        -- it) in each atom of the window is none or at least k people
        atom_roles as (
            select
                roles.*,
                cell_atoms.atom_start,
                cell_atoms.atom_n,
                cell_atoms.own_atom_n,
                case when not roles.is_hidden then cell_atoms.atom_n
                    else least(coalesce(known_atoms.known_n, 0), cell_atoms.atom_n)
                end as known_atom_n,
                case when roles.is_hidden then coalesce(unknown_atoms.largest_unknown_n, 0)
                    else 0 end as largest_unknown_n,
                cross_cells.org_unit_id is not null as is_atom_known
            from roles
            inner join cell_atoms
                on roles.indicator_id = cell_atoms.indicator_id
                and roles.period_type = cell_atoms.period_type
                and roles.period = cell_atoms.period
                and roles.org_unit_id = cell_atoms.org_unit_id
            left join known_atoms
                on roles.indicator_id = known_atoms.indicator_id
                and roles.period_type = known_atoms.period_type
                and roles.period = known_atoms.period
                and roles.org_unit_id = known_atoms.org_unit_id
                and cell_atoms.atom_start = known_atoms.atom_start
            left join unknown_atoms
                on roles.indicator_id = unknown_atoms.indicator_id
                and roles.period_type = unknown_atoms.period_type
                and roles.period = unknown_atoms.period
                and roles.org_unit_id = unknown_atoms.org_unit_id
                and cell_atoms.atom_start = unknown_atoms.atom_start
            left join cross_cells
                on roles.indicator_id = cross_cells.indicator_id
                and roles.period_type = cross_cells.period_type
                and roles.period = cross_cells.period
                and roles.org_unit_id = cross_cells.org_unit_id
                and cell_atoms.atom_start = cross_cells.atom_start
        ),

        -- each sum's totals in each atom once
        atom_totals as (
            select
                indicator_id,
                period_type,
                period,
                sum_id,
                atom_start,
                -- a hidden parent known in the atom from other periods is as good as
                -- shown there (helper-240: P's stale windows gave its 2024-11, and P
                -- less its shown team below a hidden one, the small team beside it)
                coalesce(bool_or(is_hidden and not is_atom_known) filter (
                    where role = 'parent'
                ), false) as is_parent_hidden,
                max(atom_n) filter (where role = 'parent') as parent_atom_n,
                max(own_atom_n) filter (where role = 'parent') as parent_own_atom_n,
                -- the rest beyond the shown children, as before known parts were seen,
                -- and beyond what is known (a mover counted in a shown cell and in the
                -- rest makes either too small: 2a fires by both; helper-235)
                coalesce(max(atom_n) filter (where role = 'child' and is_hidden), 0)
                    as largest_hidden_child_atom_n,
                coalesce(sum(atom_n) filter (where role = 'child' and not is_hidden), 0)
                    as shown_children_atom_n,
                coalesce(max(largest_unknown_n) filter (where role = 'child' and is_hidden),
                    0) as largest_unknown_child_atom_n,
                coalesce(sum(known_atom_n) filter (where role = 'child'), 0)
                    as known_children_atom_n,
                count(*) filter (where role = 'child' and not is_hidden) as shown_children
            from atom_roles
            group by all
        ),

        -- the shown children of each sum smaller than a cell in an atom, and their people
        atom_smaller as (
            select
                indicator_id,
                period_type,
                period,
                sum_id,
                atom_start,
                cell.org_unit_id,
                sum(other.atom_n) as smaller_shown_atom_n
            from atom_roles as cell
            inner join atom_roles as other
                using (indicator_id, period_type, period, sum_id, atom_start)
            where other.role = 'child' and not other.is_hidden
                and (other.atom_n, other.org_unit_id) < (cell.atom_n, cell.org_unit_id)
            group by all
        ),

        atom_sums as (
            select
                indicator_id,
                period_type,
                period,
                org_unit_id,
                atom_roles.role,
                atom_roles.is_hidden,
                atom_roles.k,
                atom_start,
                sum_id,
                totals.* exclude (indicator_id, period_type, period, sum_id, atom_start),
                coalesce(smaller.smaller_shown_atom_n, 0) as smaller_shown_atom_n
            from atom_roles
            inner join atom_totals as totals
                using (indicator_id, period_type, period, sum_id, atom_start)
            left join atom_smaller as smaller
                using (indicator_id, period_type, period, sum_id, atom_start, org_unit_id)
        ),

        atom_rests as (
            select
                *,
                -- at least (a mover between two children counts in both: 2a)
                case when parent_atom_n is not null then greatest(
                    parent_atom_n - shown_children_atom_n,
                    parent_own_atom_n,
                    largest_hidden_child_atom_n
                ) end as rest_atom_n,
                case when parent_atom_n is not null then greatest(
                    parent_atom_n - known_children_atom_n,
                    parent_own_atom_n,
                    largest_unknown_child_atom_n
                ) end as unknown_atom_n
            from atom_sums
        ),

        atom_wanted as (
            select indicator_id, period_type, period, org_unit_id
            from atom_rests
            where not is_hidden and not is_parent_hidden and (
                role = 'child' and (
                    parent_atom_n - shown_children_atom_n > 0
                    and parent_atom_n - shown_children_atom_n + smaller_shown_atom_n < k
                    or rest_atom_n > 0 and rest_atom_n + smaller_shown_atom_n < k
                    or parent_atom_n - known_children_atom_n > 0
                    and parent_atom_n - known_children_atom_n + smaller_shown_atom_n < k
                    or unknown_atom_n > 0 and unknown_atom_n + smaller_shown_atom_n < k
                )
                -- no shown child to hide beside the small unknown rest (what is known of
                -- the hidden ones comes from shown cells further down): the parent itself
                -- (helper-235: the organisation minus three shown grandchildren gave two
                -- heads' own members)
                or role = 'parent' and shown_children = 0 and (
                    parent_atom_n - known_children_atom_n > 0
                    and parent_atom_n - known_children_atom_n < k
                    or unknown_atom_n > 0 and unknown_atom_n < k
                )
            )

            union

            -- a hidden parent known in the atom from other periods, no shown child, a small
            -- unknown rest: hiding it again changes nothing, so the smallest shown cell
            -- below it whose people count as known there is hidden (helper-240)
            select indicator_id, period_type, period, org_unit_id
            from (
                select
                    source.indicator_id,
                    source.period_type,
                    source.period,
                    source.org_unit_id,
                    row_number() over (
                        partition by rests.indicator_id, rests.period_type, rests.period,
                        rests.sum_id, rests.atom_start
                        order by cell_atoms.atom_n, source.org_unit_id
                    ) as source_rank
                from atom_rests as rests
                inner join int_org__hierarchy as hierarchy
                    on rests.sum_id = hierarchy.ancestor_id and hierarchy.depth > 1
                inner join first_shown as source
                    on rests.indicator_id = source.indicator_id
                    and rests.period_type = source.period_type
                    and rests.period = source.period
                    and hierarchy.org_unit_id = source.org_unit_id
                    and hierarchy.depth < source.first_shown_depth
                inner join cell_atoms
                    on source.indicator_id = cell_atoms.indicator_id
                    and source.period_type = cell_atoms.period_type
                    and source.period = cell_atoms.period
                    and source.org_unit_id = cell_atoms.org_unit_id
                    and rests.atom_start = cell_atoms.atom_start
                where rests.role = 'parent' and rests.is_hidden and not rests.is_parent_hidden
                    and rests.shown_children = 0 and (
                        rests.parent_atom_n - rests.known_children_atom_n > 0
                        and rests.parent_atom_n - rests.known_children_atom_n < rests.k
                        or rests.unknown_atom_n > 0 and rests.unknown_atom_n < rests.k
                    )
            )
            where source_rank = 1
        ),

        marked as (
            select
                wanted.* replace (
                    wanted.is_complementary or atom_wanted.org_unit_id is not null
                        or window_wanted.org_unit_id is not null as is_complementary
                )
            from wanted
            left join atom_wanted
                on wanted.indicator_id = atom_wanted.indicator_id
                and wanted.period_type = atom_wanted.period_type
                and wanted.period = atom_wanted.period
                and wanted.org_unit_id = atom_wanted.org_unit_id
            left join window_wanted
                on wanted.indicator_id = window_wanted.indicator_id
                and wanted.period_type = window_wanted.period_type
                and wanted.period = window_wanted.period
                and wanted.org_unit_id = window_wanted.org_unit_id
        ),

        blocks as (
            select
                indicator_id,
                org_unit_id,
                period_block,
                bool_or(is_hidden or is_complementary) as is_block_hidden
            from marked
            group by all
        ),

        spread as (
            select marked.*, blocks.is_block_hidden
            from marked
            inner join blocks using (indicator_id, org_unit_id, period_block)
        )

        select
            iteration + 1, indicator_id, period_type, period, org_unit_id, parent_unit_id,
            n, k, own_n, period_block, is_stale, is_block_hidden,
            case
                when is_hidden then hidden_by
                when is_complementary then 'complementary'
                when is_block_hidden then 'temporal'
            end,
            -- indicators are decided apart (every sum, window and atom is one
            -- indicator's): only those this pass changed go round again
            bool_or(is_block_hidden and not is_hidden) over (partition by indicator_id)
        from spread
    )
),

-- each cell as its indicator's last pass left it
protection as (
    select * from suppression
    qualify iteration = max(iteration) over (partition by indicator_id)
),

final as (
    select
        scored.*,
        protection.k,
        coalesce(protection.hidden_by = 'primary', false) as is_primary_suppressed,
        coalesce(protection.hidden_by = 'complementary', false) as is_complementary_suppressed,
        coalesce(protection.hidden_by = 'temporal', false) as is_temporal_suppressed,
        protection.is_hidden as is_suppressed
    from scored
    inner join protection
        on scored.indicator_id = protection.indicator_id
        and scored.period_type = protection.period_type
        and scored.period = protection.period
        and scored.org_unit_id = protection.org_unit_id
)

select * from final
